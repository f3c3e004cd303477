import { decodePart21String } from './Part21String.js';

/** A parameter value of an ISO 10303-21 entity instance (ISO 10303-21:2016, clause 6). */
export type Part21Value =
  | { kind: 'string'; value: string }
  | { kind: 'reference'; id: number }
  | { kind: 'enumeration'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'binary'; value: string }
  | { kind: 'list'; items: Part21Value[] }
  | { kind: 'typed'; type: string; value: Part21Value }
  | { kind: 'unset' }
  | { kind: 'derived' };

/** One simple entity, or one partial entity of a complex instance, with its parameters. */
export interface Part21Record {
  type: string;
  parameters: Part21Value[];
}

/** A parameter syntax error at a character offset of the instance value. */
export class Part21ParameterError extends Error {
  public constructor(
    public readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'Part21ParameterError';
  }
}

const KEYWORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[+-]?\d+(\.\d*([eE][+-]?\d+)?)?/y;
const ENUMERATION = /\.([A-Za-z_][A-Za-z0-9_]*)\./y;
const BINARY = /"([0-3][0-9A-Fa-f]*)"/y;
const REFERENCE = /#(\d+)/y;
const WHITESPACE = /[ \t\r\n]*/y;

/**
 * Parses an instance value: `TYPE(p1, p2, ...)` for a simple instance, or `(A(...) B(...))` for a
 * complex one, whose partial entities come in the order of the file.
 */
export function parseInstanceValue(text: string): Part21Record[] {
  const parser = new ParameterParser(text);
  const records = parser.instance();
  parser.expectEnd();
  return records;
}

class ParameterParser {
  private index = 0;

  public constructor(private readonly text: string) {}

  public instance(): Part21Record[] {
    this.skipWhitespace();
    if (this.text[this.index] !== '(') {
      return [this.record()];
    }
    this.index++;
    const records: Part21Record[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.index] === ')') {
        this.index++;
        break;
      }
      if (this.index >= this.text.length) {
        throw this.error('the complex entity instance is not closed with ")"');
      }
      records.push(this.record());
    }
    if (records.length === 0) {
      throw this.error('the complex entity instance has no partial entities');
    }
    return records;
  }

  public expectEnd(): void {
    this.skipWhitespace();
    if (this.index < this.text.length) {
      throw this.error(`unexpected "${this.text.slice(this.index, this.index + 20)}" after the instance`);
    }
  }

  private record(): Part21Record {
    const type = this.match(KEYWORD);
    if (type === undefined) {
      throw this.error('expected an entity type name');
    }
    this.skipWhitespace();
    return { type: type[0].toUpperCase(), parameters: this.list('parameter list') };
  }

  /** Parses `( value, value, ... )`; the caller is at the opening parenthesis. */
  private list(what: string): Part21Value[] {
    if (this.text[this.index] !== '(') {
      throw this.error(`expected "(" to open the ${what}`);
    }
    this.index++;
    const items: Part21Value[] = [];
    this.skipWhitespace();
    if (this.text[this.index] === ')') {
      this.index++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipWhitespace();
      const separator = this.text[this.index];
      if (separator === ',') {
        this.index++;
        continue;
      }
      if (separator === ')') {
        this.index++;
        return items;
      }
      throw this.error(separator === undefined ? `the ${what} is not closed with ")"` : `expected "," or ")" in the ${what}, found "${separator}"`);
    }
  }

  private value(): Part21Value {
    this.skipWhitespace();
    const character = this.text[this.index];
    switch (character) {
      case "'":
        return { kind: 'string', value: this.string() };
      case '#': {
        const reference = this.match(REFERENCE);
        if (reference === undefined) {
          throw this.error('expected an instance reference such as #12');
        }
        return { kind: 'reference', id: Number(reference[1]) };
      }
      case '.': {
        const enumeration = this.match(ENUMERATION);
        if (enumeration === undefined) {
          throw this.error('expected an enumeration value such as .T.');
        }
        return { kind: 'enumeration', value: enumeration[1]!.toUpperCase() };
      }
      case '"': {
        const binary = this.match(BINARY);
        if (binary === undefined) {
          throw this.error('expected a binary value such as "0A3"');
        }
        return { kind: 'binary', value: binary[1]! };
      }
      case '(':
        return { kind: 'list', items: this.list('list') };
      case '$':
        this.index++;
        return { kind: 'unset' };
      case '*':
        this.index++;
        return { kind: 'derived' };
      case undefined:
        throw this.error('the parameter list ends too early');
      default:
        break;
    }
    const number = this.match(NUMBER);
    if (number !== undefined) {
      return { kind: 'number', value: Number(number[0].endsWith('.') ? `${number[0]}0` : number[0]) };
    }
    const keyword = this.match(KEYWORD);
    if (keyword !== undefined) {
      this.skipWhitespace();
      const parameters = this.list(`typed parameter ${keyword[0]}`);
      if (parameters.length !== 1) {
        throw this.error(`the typed parameter ${keyword[0]}(...) must hold exactly one value`);
      }
      return { kind: 'typed', type: keyword[0].toUpperCase(), value: parameters[0]! };
    }
    throw this.error(`unexpected "${this.text.slice(this.index, this.index + 20)}" where a parameter value belongs`);
  }

  private string(): string {
    // The scanner has already checked that strings are closed; find the closing apostrophe.
    let end = this.index + 1;
    for (;;) {
      end = this.text.indexOf("'", end);
      if (end < 0) {
        throw this.error('the string is not closed with an apostrophe');
      }
      if (this.text[end + 1] === "'") {
        end += 2;
        continue;
      }
      break;
    }
    const body = this.text.slice(this.index + 1, end);
    const start = this.index;
    this.index = end + 1;
    try {
      return decodePart21String(body);
    } catch (error) {
      throw new Part21ParameterError(start, (error as Error).message);
    }
  }

  private match(pattern: RegExp): RegExpExecArray | undefined {
    pattern.lastIndex = this.index;
    const match = pattern.exec(this.text);
    if (match === null) {
      return undefined;
    }
    this.index = pattern.lastIndex;
    return match;
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.index;
    WHITESPACE.exec(this.text);
    this.index = WHITESPACE.lastIndex;
  }

  private error(message: string): Part21ParameterError {
    return new Part21ParameterError(this.index, message);
  }
}

import { XSD } from '../rdf/namespaces.js';
import type { PropertyReference, Value } from './QueryAst.js';
import { QuerySyntaxError } from './QuerySyntaxError.js';

/** SPARQL's PrefixedName, with letters and digits from any script as its PN_CHARS allow. */
const PREFIXED_NAME = /^([\p{L}_][\p{L}\p{N}_.-]*)?:([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_-])?)?/u;
const NUMBER = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/;
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*/;

/** Characters that may not appear in an IRI (RFC 3987 excludes them; SPARQL's IRIREF forbids them). */
const FORBIDDEN_IN_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

/**
 * Reads the tokens the OSLC Query 3.0 grammars share: prefixed names, `<IRI>` references with `\>` and
 * `\\` escapes, quoted strings with escapes, language tags, `^^` datatypes, numbers and booleans.
 */
export class QueryScanner {
  public position = 0;

  public constructor(
    public readonly parameter: string,
    public readonly text: string,
    private readonly prefixes: Record<string, string>,
  ) {}

  public get atEnd(): boolean {
    return this.position >= this.text.length;
  }

  public peek(): string {
    return this.text[this.position] ?? '';
  }

  public skipSpaces(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position]!)) {
      this.position++;
    }
  }

  /** Consumes `token` if it comes next (after spaces) and returns whether it did. */
  public accept(token: string): boolean {
    this.skipSpaces();
    if (this.text.startsWith(token, this.position)) {
      this.position += token.length;
      return true;
    }
    return false;
  }

  /** Consumes `word` if it comes next as a whole word. */
  public acceptWord(word: string): boolean {
    this.skipSpaces();
    if (this.text.startsWith(word, this.position) && !/[A-Za-z0-9_:]/.test(this.text[this.position + word.length] ?? '')) {
      this.position += word.length;
      return true;
    }
    return false;
  }

  public expect(token: string, what: string): void {
    if (!this.accept(token)) {
      throw this.error(`expected ${what} but found ${this.describeNext()}`);
    }
  }

  public error(problem: string, position = this.position): QuerySyntaxError {
    return new QuerySyntaxError(this.parameter, position, problem);
  }

  public describeNext(): string {
    this.skipSpaces();
    if (this.atEnd) {
      return 'the end of the parameter';
    }
    return JSON.stringify(this.text.slice(this.position, this.position + 12));
  }

  /** Reads a property: a prefixed name, or `*` when `allowWildcard`. */
  public property(allowWildcard: boolean): PropertyReference {
    this.skipSpaces();
    const start = this.position;
    if (allowWildcard && this.accept('*')) {
      return { kind: 'wildcard', position: start };
    }
    return { kind: 'property', iri: this.prefixedName('a property name such as dcterms:title'), position: start };
  }

  /** Reads a prefixed name and returns the IRI it stands for. */
  public prefixedName(what: string): string {
    this.skipSpaces();
    const start = this.position;
    const match = PREFIXED_NAME.exec(this.text.slice(this.position));
    if (match === null) {
      throw this.error(`expected ${what} but found ${this.describeNext()}`);
    }
    const prefix = match[1] ?? '';
    const namespace = this.prefixes[prefix];
    if (namespace === undefined) {
      throw this.error(`unknown prefix "${prefix}:"; declare it with oslc.prefix=${prefix || 'name'}=<namespace IRI> or use a predefined prefix`, start);
    }
    this.position += match[0].length;
    return namespace + (match[2] ?? '');
  }

  /** Reads a value: `<IRI>`, a string (optionally with `@lang` or `^^datatype`), a number or a boolean. */
  public value(): Value {
    this.skipSpaces();
    const start = this.position;
    const next = this.peek();

    if (next === '<') {
      return { kind: 'iri', iri: this.iriReference(), position: start };
    }
    if (next === '"') {
      const value = this.quotedString();
      if (this.text[this.position] === '@') {
        this.position++;
        const tag = LANGUAGE_TAG.exec(this.text.slice(this.position));
        if (tag === null) {
          throw this.error('expected a language tag such as en or en-GB after @');
        }
        this.position += tag[0].length;
        return { kind: 'string', value, language: tag[0].toLowerCase(), position: start };
      }
      if (this.text.startsWith('^^', this.position)) {
        this.position += 2;
        const datatype = this.peek() === '<' ? this.iriReference() : this.prefixedName('a datatype such as xsd:dateTime after ^^');
        return { kind: 'string', value, datatype, position: start };
      }
      return { kind: 'string', value, position: start };
    }
    if (this.acceptWord('true')) {
      return { kind: 'boolean', value: true, position: start };
    }
    if (this.acceptWord('false')) {
      return { kind: 'boolean', value: false, position: start };
    }
    const number = NUMBER.exec(this.text.slice(this.position));
    if (number !== null) {
      this.position += number[0].length;
      const lexical = number[0];
      const datatype = /[eE]/.test(lexical) ? XSD('double') : lexical.includes('.') ? XSD('decimal') : XSD('integer');
      return { kind: 'number', lexical, datatype, position: start };
    }
    // OSLC Query 3.0 allows a prefixed name as a value, meaning the IRI it stands for (dt:Released).
    if (PREFIXED_NAME.test(this.text.slice(this.position))) {
      return { kind: 'iri', iri: this.prefixedName('a value'), position: start };
    }
    throw this.error(`expected a value (a "quoted string", an <IRI>, a prefixed name, a number, true or false) but found ${this.describeNext()}; strings must be in double quotes`);
  }

  /** Reads `<...>`, undoing `\>` and `\\` escapes, and checks the result is an absolute IRI. */
  public iriReference(): string {
    const start = this.position;
    this.position++;
    let iri = '';
    while (this.position < this.text.length) {
      const char = this.text[this.position]!;
      if (char === '\\') {
        const escaped = this.text[this.position + 1];
        if (escaped !== '>' && escaped !== '\\') {
          throw this.error('only \\> and \\\\ may be escaped inside <IRI>', this.position);
        }
        iri += escaped;
        this.position += 2;
        continue;
      }
      if (char === '>') {
        this.position++;
        if (/[>\\]/.test(iri)) {
          // The OSLC grammar lets > and \ be escaped, but RFC 3987 allows neither in an IRI.
          throw this.error(`<${iri}> is not an IRI: IRIs cannot contain > or \\, escaped or not; percent-encode them (%3E, %5C)`, start);
        }
        if (FORBIDDEN_IN_IRI.test(iri) || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(iri)) {
          throw this.error(`<${iri}> is not an absolute IRI; IRIs must have a scheme and must not contain spaces or any of <>"{}|^\`\\`, start);
        }
        return iri;
      }
      iri += char;
      this.position++;
    }
    throw this.error('unclosed <IRI>; add the closing >', start);
  }

  private quotedString(): string {
    const start = this.position;
    this.position++;
    let value = '';
    while (this.position < this.text.length) {
      const char = this.text[this.position]!;
      if (char === '\\') {
        const escaped = this.text[this.position + 1];
        const replacement = escaped === undefined ? undefined : ({ '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' } as Record<string, string>)[escaped];
        if (replacement === undefined) {
          throw this.error('invalid escape in a string; use \\" for a quote and \\\\ for a backslash', this.position);
        }
        value += replacement;
        this.position += 2;
        continue;
      }
      if (char === '"') {
        this.position++;
        return value;
      }
      value += char;
      this.position++;
    }
    throw this.error('unclosed string; add the closing "', start);
  }
}

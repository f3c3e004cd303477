/** A syntax error in a Part 21 file, at a 1-based line. */
export class Part21SyntaxError extends Error {
  public constructor(
    public readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'Part21SyntaxError';
  }
}

/** One statement of the exchange structure, without comments and without its closing semicolon. */
export interface Part21Statement {
  section: 'header' | 'data';
  /** Instance id (`#12`) in the data section; undefined for header entities. */
  id?: number;
  /** Entity type of a simple instance, or the partial entity types of a complex one, upper case. */
  types: string[];
  /** The instance value after `=` (data) or the whole statement (header). */
  text: string;
  /** Line where the statement starts. */
  line: number;
}

const APOSTROPHE = 0x27;
const SLASH = 0x2f;
const STAR = 0x2a;
const SEMICOLON = 0x3b;
const NEWLINE = 0x0a;
const EQUALS = 0x3d;

const KEYWORD = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Splits an ISO 10303-21 exchange structure into statements as text arrives, so a large file is read
 * chunk by chunk. A statement ends at a semicolon outside strings and comments (ISO 10303-21:2016,
 * clause 5). Strings may contain semicolons, doubled apostrophes and line breaks, and an entity
 * instance may span lines. Lines end with LF or CR LF. The scanner only finds each instance's id and entity
 * types; the caller parses the parameters of the types it needs.
 */
export class Part21Scanner {
  private buffer = '';
  /** Next character to scan, as an index into `buffer`. */
  private position = 0;
  private statementStart = 0;
  private line = 1;
  /** Line of the first non-blank character of the current statement; 0 before it. */
  private statementLine = 0;
  private state: 'code' | 'string' | 'comment' = 'code';
  private stateLine = 0;
  private statementHasComment = false;
  /** Equals signs outside strings in the current statement: more than one means a missing semicolon. */
  private statementEquals = 0;
  private section: 'before' | 'start' | 'header' | 'between' | 'data' | 'end' = 'before';
  private sawData = false;

  public constructor(private readonly emit: (statement: Part21Statement) => void) {}

  /** Scans the next piece of text. */
  public push(chunk: string): void {
    this.buffer = this.buffer.slice(this.statementStart) + chunk;
    this.position -= this.statementStart;
    this.statementStart = 0;
    this.scan(false);
  }

  /** Scans what is left and checks that the structure was complete. */
  public end(): void {
    this.scan(true);
    if (this.state === 'string') {
      throw new Part21SyntaxError(
        this.stateLine,
        'A string that starts here is not closed with an apostrophe before the file ends. The file may be cut short, so export or copy it again; ' +
          'if only the apostrophe is missing, close the string, and write an apostrophe inside a string as two.',
      );
    }
    if (this.state === 'comment') {
      throw new Part21SyntaxError(this.stateLine, 'A comment that starts here is never closed with */.');
    }
    const rest = this.buffer.slice(this.statementStart).trim();
    if (rest !== '') {
      // An unended statement at the end of the file is most often an export or copy that was cut short.
      const entity = /^#\d+/.exec(rest)?.[0];
      throw new Part21SyntaxError(
        this.statementLine || this.line,
        `The file ends inside the statement that starts here${entity === undefined ? '' : ` (entity ${entity})`}, so it may be cut short; export or copy it again. If only the semicolon is missing, end the statement with ";".`,
      );
    }
    if (this.section === 'before') {
      throw new Part21SyntaxError(1, 'This is not an ISO 10303-21 file: it does not start with "ISO-10303-21;".');
    }
    if (!this.sawData) {
      throw new Part21SyntaxError(this.line, 'The file has no DATA section.');
    }
    if (this.section !== 'end') {
      throw new Part21SyntaxError(this.line, 'The file ends without "END-ISO-10303-21;"; it may be cut short.');
    }
  }

  private scan(final: boolean): void {
    const text = this.buffer;
    const length = text.length;
    let index = this.position;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code === NEWLINE) {
        if (this.state === 'string') {
          const next = instanceAtLineStart(text, index + 1, final);
          if (next === 'more text needed') {
            break;
          }
          if (next !== undefined) {
            throw new Part21SyntaxError(this.stateLine, unclosedStringMessage(next, this.line + 1));
          }
        }
        this.line++;
        index++;
        continue;
      }
      if (this.state === 'string') {
        if (code === APOSTROPHE) {
          if (index + 1 >= length && !final) {
            break;
          }
          if (text.charCodeAt(index + 1) === APOSTROPHE) {
            index += 2;
            continue;
          }
          this.state = 'code';
        }
        index++;
        continue;
      }
      if (this.state === 'comment') {
        if (code === STAR) {
          if (index + 1 >= length && !final) {
            break;
          }
          if (text.charCodeAt(index + 1) === SLASH) {
            this.state = 'code';
            index += 2;
            continue;
          }
        }
        index++;
        continue;
      }

      if (code === SLASH) {
        if (index + 1 >= length && !final) {
          break;
        }
        if (text.charCodeAt(index + 1) === STAR) {
          this.state = 'comment';
          this.stateLine = this.line;
          this.statementHasComment = true;
          index += 2;
          continue;
        }
      }
      if (code > 0x20 && this.statementLine === 0) {
        this.statementLine = this.line;
      }
      if (code === APOSTROPHE) {
        this.state = 'string';
        this.stateLine = this.line;
      } else if (code === EQUALS) {
        this.statementEquals++;
      } else if (code === SEMICOLON) {
        this.statement(text.slice(this.statementStart, index));
        this.statementStart = index + 1;
        this.statementLine = 0;
        this.statementHasComment = false;
        this.statementEquals = 0;
      }
      index++;
    }
    this.position = index;
  }

  private statement(raw: string): void {
    const text = (this.statementHasComment ? removeComments(raw) : raw).trim();
    const line = this.statementLine || this.line;
    const keyword = text.toUpperCase();

    switch (this.section) {
      case 'before':
        if (keyword !== 'ISO-10303-21') {
          throw new Part21SyntaxError(line, `This is not an ISO 10303-21 file: it starts with "${text.slice(0, 40)}" instead of "ISO-10303-21;".`);
        }
        this.section = 'start';
        return;
      case 'start':
        if (keyword !== 'HEADER') {
          throw new Part21SyntaxError(line, `Expected "HEADER;" after "ISO-10303-21;", found "${text.slice(0, 40)}".`);
        }
        this.section = 'header';
        return;
      case 'header':
        if (keyword === 'ENDSEC') {
          this.section = 'between';
          return;
        }
        this.emit({ section: 'header', types: [headerType(text, line)], text, line });
        return;
      case 'between':
        if (keyword === 'END-ISO-10303-21') {
          this.section = 'end';
        } else if (/^DATA\s*(\(|$)/.test(keyword)) {
          this.section = 'data';
          this.sawData = true;
        }
        // ANCHOR, REFERENCE and SIGNATURE sections of edition 3 carry nothing the import reads.
        return;
      case 'data':
        if (keyword === 'ENDSEC') {
          this.section = 'between';
          return;
        }
        if (this.statementEquals > 1) {
          throw new Part21SyntaxError(line, 'The entity instance that starts here runs into the next one; end it with ";".');
        }
        this.emit(dataStatement(text, line));
        return;
      case 'end':
        throw new Part21SyntaxError(line, 'Text follows "END-ISO-10303-21;"; the file may hold two exchange structures joined together.');
    }
  }
}

/** Maximum length of text after a line break that is checked for the start of an entity instance (`#123 =`). */
const MAX_INSTANCE_START_LENGTH = 40;

/**
 * Returns the entity instance (`#123`) that starts the line at `start`, undefined when the line starts
 * otherwise, or 'more text needed' when the buffer ends before that is clear and more text may follow.
 */
function instanceAtLineStart(text: string, start: number, final: boolean): string | undefined | 'more text needed' {
  const window = text.slice(start, start + MAX_INSTANCE_START_LENGTH);
  const match = /^(#\d+)[ \t]*=/.exec(window);
  if (match !== null) {
    return match[1];
  }

  // The buffer may end inside `#123 =`, so wait for more text while what there is could still become one.
  const incomplete = /^(#\d*[ \t]*)?$/.test(window);
  return incomplete && !final && start + MAX_INSTANCE_START_LENGTH > text.length ? 'more text needed' : undefined;
}

/**
 * Returns the error for a string that runs over a line break into what looks like the next entity
 * instance. Part 21 strings may contain line breaks, but exported files practically never break one
 * before `#123=`, so the apostrophe that closes the string is far more likely missing. Reporting where
 * the string starts avoids an error at whatever later line the next apostrophe happens to be on.
 */
function unclosedStringMessage(instance: string, line: number): string {
  return (
    `A string that starts here is probably not closed, because it runs on into line ${line}, which looks like the start of entity instance ${instance}. ` +
    'Close the string with an apostrophe, and write an apostrophe inside a string as two.'
  );
}

function headerType(text: string, line: number): string {
  const keyword = KEYWORD.exec(text)?.[0];
  if (keyword === undefined) {
    throw new Part21SyntaxError(line, `Expected a header entity such as FILE_NAME(...), found "${text.slice(0, 40)}".`);
  }
  return keyword.toUpperCase();
}

/** Splits `#12 = TYPE(...)` or `#12 = (A(...) B(...))` into id, entity types and value. */
function dataStatement(text: string, line: number): Part21Statement {
  const match = /^#(\d+)\s*=\s*/.exec(text);
  if (match === null) {
    throw new Part21SyntaxError(line, `Expected an entity instance such as "#12 = PRODUCT(...);", found "${text.slice(0, 40)}".`);
  }
  const value = text.slice(match[0].length);
  if (!value.endsWith(')')) {
    throw new Part21SyntaxError(line, `Entity instance #${match[1]} does not end with ")" before its semicolon.`);
  }
  let types: string[];
  if (value.startsWith('(')) {
    types = complexTypes(value);
  } else {
    const keyword = KEYWORD.exec(value)?.[0];
    if (keyword === undefined) {
      throw new Part21SyntaxError(line, `Entity instance #${match[1]} has no entity type after "=": "${value.slice(0, 40)}".`);
    }
    types = [keyword.toUpperCase()];
  }
  return { section: 'data', id: Number(match[1]), types, text: value, line };
}

/** Returns the partial entity types of a complex instance: the keywords at nesting depth 1. */
function complexTypes(value: string): string[] {
  const types: string[] = [];
  let depth = 0;
  let inString = false;
  for (let index = 0; index < value.length; index++) {
    const character = value[index]!;
    if (inString) {
      if (character === "'") {
        if (value[index + 1] === "'") {
          index++;
        } else {
          inString = false;
        }
      }
      continue;
    }
    if (character === "'") {
      inString = true;
    } else if (character === '(') {
      depth++;
    } else if (character === ')') {
      depth--;
    } else if (depth === 1) {
      const keyword = KEYWORD.exec(value.slice(index, index + 100))?.[0];
      if (keyword !== undefined) {
        types.push(keyword.toUpperCase());
        index += keyword.length - 1;
      }
    }
  }
  return types;
}

/** Replaces comments outside strings by a space. */
function removeComments(text: string): string {
  let result = '';
  let index = 0;
  let inString = false;
  while (index < text.length) {
    const character = text[index]!;
    if (inString) {
      result += character;
      if (character === "'") {
        if (text[index + 1] === "'") {
          result += "'";
          index += 2;
          continue;
        }
        inString = false;
      }
      index++;
      continue;
    }
    if (character === "'") {
      inString = true;
      result += character;
      index++;
    } else if (character === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end < 0 ? text.length : end + 2;
      result += ' ';
    } else {
      result += character;
      index++;
    }
  }
  return result;
}

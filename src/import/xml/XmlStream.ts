import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { detectSourceFormat, HEAD_BYTES, importAdvice, xmlFormatOfRoot, type SourceFormat } from '../SourceFormat.js';

/** An element start with namespaces resolved and the line of its `<`. */
export interface XmlElement {
  local: string;
  uri: string;
  /** Attribute values by local name, for attributes without a prefix. */
  attributes: ReadonlyMap<string, string>;
  /** Every attribute, with prefix and namespace. */
  allAttributes: readonly SaxesAttributeNS[];
  line: number;
}

/** Callbacks for the elements and text of one document, in document order. */
export interface XmlHandler {
  open(element: XmlElement): void;
  close(element: XmlElement): void;
  text(text: string): void;
}

/**
 * The input is not well-formed XML. `line` is 1-based, and `column` is as saxes reports it. `atEnd` is set
 * when the input ended before the document did, as with a file cut short.
 */
export class XmlSyntaxError extends Error {
  public constructor(
    public readonly file: string,
    public readonly line: number,
    public readonly column: number,
    public readonly reason: string,
    public readonly atEnd = false,
  ) {
    super(`${file}:${line}:${column}: malformed XML: ${reason}`);
    this.name = 'XmlSyntaxError';
  }

  /** Returns the problem for an import report: what is wrong, where in the line, and the fix. */
  public problem(): string {
    const fix = this.atEnd ? 'the file ends inside the document, so it may be cut short; export or copy it again' : 'correct the XML at this place, or export the file again';
    return `malformed XML: ${this.reason} (column ${this.column}); ${fix}`;
  }
}

/** The root element that documents of one format have, such as REQ-IF for ReqIF. */
export interface DocumentFormat {
  root: string;
  /** The format's name in messages, such as "ReqIF". */
  name: string;
}

/**
 * The document is well-formed XML of another format: its root element is not the one `expected` names.
 * Without this check, a PLM XML file read as ReqIF would be an empty source, and a removal run with it
 * would remove everything the source wrote.
 */
export class XmlRootElementError extends XmlSyntaxError {
  public constructor(file: string, line: number, public readonly found: string, public readonly expected: DocumentFormat) {
    super(file, line, 1, `the root element is <${found}>, not <${expected.root}>`);
    this.name = 'XmlRootElementError';
  }

  public override problem(): string {
    const other = xmlFormatOfRoot(this.found);
    const fix =
      other?.command === undefined ? `import it in its own format, or export the file again as ${this.expected.name}` : `it is ${other.name}, so ${importAdvice(other.command)}`;
    return `this is no ${this.expected.name} document: ${this.reason}; ${fix}`;
  }
}

/**
 * The input does not start with "<", so it is no XML document at all, such as a CSV table in a ReqIF
 * archive. `found` is what its start looks like.
 */
export class XmlDocumentMissingError extends XmlSyntaxError {
  public constructor(file: string, line: number, public readonly found: SourceFormat, public readonly expected?: DocumentFormat) {
    super(file, line, 1, `the content starts without "<" and looks like ${found.name}`);
    this.name = 'XmlDocumentMissingError';
  }

  public override problem(): string {
    const fix = this.found.command === undefined ? 'export the file again' : importAdvice(this.found.command);
    return `this is no ${this.expected?.name ?? 'XML'} document: it is no XML document but looks like ${this.found.name}, so ${fix}`;
  }
}

/** Removes the "line:column: " (after the file name, when one is set) that saxes puts before its messages. */
function reasonOf(error: Error): string {
  return error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
}

/**
 * Streams `input` through a namespace-aware saxes parser and calls `handler` for each element and text run.
 * Rejects with XmlSyntaxError at the first well-formedness error, with XmlDocumentMissingError when the
 * input does not start with "<", with XmlRootElementError when `format` is given and the root element is
 * another one, and with any error the handler throws.
 */
export async function streamXml(input: Readable, file: string, handler: XmlHandler, format?: DocumentFormat): Promise<void> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const open: XmlElement[] = [];
  let startLine = 1;
  let failure: Error | undefined;

  parser.on('opentagstart', () => {
    startLine = parser.line;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes = new Map<string, string>();
    const allAttributes = Object.values(tag.attributes);
    for (const attribute of allAttributes) {
      if (attribute.prefix === '') {
        attributes.set(attribute.local, attribute.value);
      }
    }
    const element: XmlElement = { local: tag.local, uri: tag.uri, attributes, allAttributes, line: startLine };
    if (open.length === 0 && format !== undefined && element.local !== format.root) {
      failure ??= new XmlRootElementError(file, startLine, element.local, format);
      return;
    }
    open.push(element);
    handler.open(element);
  });
  parser.on('closetag', () => {
    const element = open.pop();
    if (element !== undefined) {
      handler.close(element);
    }
  });
  parser.on('text', (text) => handler.text(text));
  parser.on('cdata', (text) => handler.text(text));
  let closing = false;
  parser.on('error', (error) => {
    failure ??= new XmlSyntaxError(file, parser.line, parser.column, reasonOf(error), closing);
  });

  const decoder = new StringDecoder('utf8');
  let first = true;
  let started = false;
  let leadingLines = 0;
  for await (const chunk of input) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (first && text.length > 0) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }

    // saxes would report text of another format as "text data outside of root node" at a later line.
    if (!started) {
      const start = /\S/.exec(text);
      if (start === null) {
        leadingLines += text.split('\n').length - 1;
      } else {
        started = true;
        if (text[start.index] !== '<') {
          const line = leadingLines + text.slice(0, start.index).split('\n').length;
          input.destroy();
          throw new XmlDocumentMissingError(file, line, detectSourceFormat(Buffer.from(text.slice(start.index, start.index + HEAD_BYTES))), format);
        }
      }
    }
    parser.write(text);
    if (failure !== undefined) {
      input.destroy();
      throw failure;
    }
  }
  parser.write(decoder.end());
  closing = true;
  parser.close();
  if (failure !== undefined) {
    throw failure;
  }
}

import { InputError, SourceFormatError } from './ImportErrors.js';

/** Kind of a source file, as its first bytes show it and as far as the import formats differ. */
export type SourceKind = 'step' | 'plmxml' | 'reqif' | 'reqif-archive' | 'zip' | 'xml' | 'rdf' | 'json' | 'table' | 'text' | 'utf16' | 'binary' | 'empty';

/** The kind of a source file with its name in messages and the import format that reads it. */
export interface SourceFormat {
  kind: SourceKind;
  /** Name with its article, such as "a ReqIF archive (.reqifz)". */
  name: string;
  /** Import format that reads this kind, such as "reqif"; undefined when none does. */
  command?: string;
  /** Fix for a kind that no import format reads, when there is a better one than exporting again. */
  fix?: string;
}

/** An import format: its name in messages and the kinds of file that its adapter parses. */
export interface ImportFormat {
  /** Name with its article, such as "a CSV BOM". */
  name: string;
  /** Noun for one file of the format, such as "CSV file". */
  file: string;
  reads: readonly SourceKind[];
}

/**
 * The file formats of the adapters, by import command. The XML formats also read XML of another root
 * element, because the XML reader rejects it with the exact root element. ReqIF reads any zip archive as
 * a `.reqifz`, and the archive reader reports an archive without `.reqif` entries. STEP reads a zip
 * archive as the files of one assembly.
 */
export const IMPORT_FORMATS = {
  csv: { name: 'a CSV BOM', file: 'CSV file', reads: ['table', 'text', 'empty'] },
  step: { name: 'a STEP file', file: 'STEP file', reads: ['step', 'zip'] },
  plmxml: { name: 'a PLM XML document', file: 'PLM XML file', reads: ['plmxml', 'reqif', 'xml'] },
  reqif: { name: 'a ReqIF document', file: 'ReqIF file (.reqif or .reqifz)', reads: ['reqif', 'plmxml', 'xml', 'reqif-archive', 'zip'] },
} as const satisfies Record<string, ImportFormat>;

/** Bytes at the start of a file that detectSourceFormat needs: enough for an XML prolog with a comment. */
export const HEAD_BYTES = 4096;

/** The XML formats that the import reads, by the local name of their root element. */
const XML_FORMATS: ReadonlyMap<string, SourceFormat> = new Map([
  ['PLMXML', { kind: 'plmxml', name: 'a PLM XML document', command: 'plmxml' }],
  ['REQ-IF', { kind: 'reqif', name: 'a ReqIF document', command: 'reqif' }],
]);

/** Returns the format of RDF, which `digital-thread load` reads and no import does. */
function rdfFormat(name: string): SourceFormat {
  return { kind: 'rdf', name, fix: 'load RDF into the store with "digital-thread load --data DIR FILE" while the server is stopped, as the README describes' };
}

/** The start of Turtle or TriG (a prefix or base directive, also in SPARQL style) or of N-Triples or N-Quads (a triple of IRIs). */
const RDF_TEXT = /^(?:@prefix\s|@base\s|(?:PREFIX|BASE)\s+[\w-]*:?\s*<|<[^<>\s]+>\s+<[^<>\s]+>)/i;

/** The local file header signature that starts a zip archive (PKWARE APPNOTE 4.3.7). */
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Detects what a file looks like from its first bytes (HEAD_BYTES are enough): STEP, PLM XML, ReqIF, a
 * zip archive, other XML, JSON, a CSV table or plain text. It skips a UTF-8 byte order mark, leading
 * whitespace, Part 21 comments before the STEP keyword and the XML prolog before the root element.
 */
export function detectSourceFormat(head: Uint8Array): SourceFormat {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE)) {
    return zipFormat(bytes);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { kind: 'utf16', name: 'UTF-16 text', fix: 'save it as UTF-8 and import it again' };
  }
  if (isBinary(bytes)) {
    return { kind: 'binary', name: 'binary data' };
  }

  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '').trimStart();
  if (text === '') {
    return { kind: 'empty', name: 'an empty file' };
  }
  if (skipPart21Comments(text).startsWith('ISO-10303-21')) {
    return { kind: 'step', name: 'a STEP file', command: 'step' };
  }
  if (RDF_TEXT.test(text)) {
    return rdfFormat('RDF (Turtle, TriG, N-Triples or N-Quads)');
  }
  if (text.startsWith('<')) {
    return xmlFormat(text);
  }
  if (/^(?:\{\s*["}]|\[\s*[[{"\d\-\]])/.test(text)) {
    return text.includes('"@context"') ? rdfFormat('a JSON-LD document') : { kind: 'json', name: 'a JSON document' };
  }
  const firstLine = text.split(/\r?\n|\r/, 1)[0]!;
  if (/[,;\t|]/.test(firstLine)) {
    return { kind: 'table', name: 'a CSV table', command: 'csv' };
  }
  return { kind: 'text', name: 'plain text' };
}

/** Returns the format of an XML document by its root element, or undefined for one the import does not read. */
export function xmlFormatOfRoot(localName: string): SourceFormat | undefined {
  return XML_FORMATS.get(localName);
}

/**
 * Throws SourceFormatError when the start of `file` shows that it is another format than `expected`,
 * naming what it looks like and the import command that reads it.
 */
export function checkSourceFormat(head: Uint8Array, file: string, expected: ImportFormat): SourceFormat {
  const found = detectSourceFormat(head);
  if (found.kind === 'empty' && !expected.reads.includes('empty')) {
    throw new InputError(`${file} is empty; export the data again as ${expected.name}.`);
  }
  if (!expected.reads.includes(found.kind)) {
    throw new SourceFormatError(file, expected.name, found.name, fixFor(found, expected));
  }
  return found;
}

/**
 * Reads the first HEAD_BYTES of `chunks`, checks them with checkSourceFormat and returns the format
 * with every chunk, those read included, so that the source is read once.
 */
export async function checkStreamFormat(chunks: AsyncIterable<Buffer>, file: string, expected: ImportFormat): Promise<{ format: SourceFormat; chunks: AsyncIterable<Buffer> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < HEAD_BYTES && !done) {
    const next = await iterator.next();
    done = next.done === true;
    if (!done) {
      head.push(next.value as Buffer);
      headBytes += (next.value as Buffer).length;
    }
  }

  let format: SourceFormat;
  try {
    format = checkSourceFormat(Buffer.concat(head).subarray(0, HEAD_BYTES), file, expected);
  } catch (error) {
    // Closes the file or response that the rest of the stream would have come from.
    await iterator.return?.();
    throw error;
  }

  async function* all(): AsyncGenerator<Buffer> {
    yield* head;
    while (!done) {
      const next = await iterator.next();
      done = next.done === true;
      if (!done) {
        yield next.value as Buffer;
      }
    }
  }
  return { format, chunks: all() };
}

function fixFor(found: SourceFormat, expected: ImportFormat): string {
  if (found.command !== undefined) {
    return `so ${importAdvice(found.command)}`;
  }
  return `which no import format reads; ${found.fix ?? `export the data again as ${expected.name}`}`;
}

/**
 * Returns the format of a zip archive: a ReqIF archive when its first entry is a `.reqif` file, as ReqIF
 * tools write them, else a plain zip archive. The first local file header contains the length of the entry's name at offset 26 and the name at offset 30.
 */
function zipFormat(bytes: Buffer): SourceFormat {
  const nameLength = bytes.length >= 30 ? bytes.readUInt16LE(26) : 0;
  const firstEntry = bytes.subarray(30, 30 + nameLength).toString('utf8');
  if (firstEntry.toLowerCase().endsWith('.reqif')) {
    return { kind: 'reqif-archive', name: 'a ReqIF archive (.reqifz)', command: 'reqif' };
  }
  return { kind: 'zip', name: 'a zip archive', fix: 'import a zip of STEP files as step, or unpack it and import each file in its own format' };
}

/**
 * Returns whether the bytes contain a NUL or another control character that text files do not have.
 * Tab, line feed, form feed, carriage return, escape and the end-of-file mark of DOS (0x1A) are text.
 */
function isBinary(bytes: Buffer): boolean {
  const text = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1a, 0x1b]);
  for (const byte of bytes) {
    if (byte < 0x20 && !text.has(byte)) {
      return true;
    }
  }
  return false;
}

/** Removes the comments and whitespace that ISO 10303-21 allows before its keyword. */
function skipPart21Comments(text: string): string {
  let rest = text;
  while (rest.startsWith('/*')) {
    const end = rest.indexOf('*/', 2);
    if (end < 0) {
      return '';
    }
    rest = rest.slice(end + 2).trimStart();
  }
  return rest;
}

/**
 * Returns the format of an XML document by its root element, after the XML declaration, comments,
 * processing instructions and a document type declaration. A prolog longer than the head is other XML.
 */
function xmlFormat(text: string): SourceFormat {
  let rest = text;
  for (;;) {
    const end = prologItemEnd(rest);
    if (end === undefined) {
      break;
    }
    if (end < 0) {
      return { kind: 'xml', name: 'an XML document' };
    }
    rest = rest.slice(end).trimStart();
  }

  const root = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest)?.[2];
  if (root === undefined) {
    return { kind: 'xml', name: 'an XML document' };
  }
  if (root.toLowerCase() === 'html') {
    return { kind: 'xml', name: 'an HTML page' };
  }
  if (root === 'RDF') {
    return rdfFormat('an RDF/XML document');
  }
  return XML_FORMATS.get(root) ?? { kind: 'xml', name: `an XML document with the root element <${root}>` };
}

/** Returns the index after the prolog item that `text` starts with, -1 when it does not end in `text`, or undefined for no prolog item. */
function prologItemEnd(text: string): number | undefined {
  const item = [
    ['<?', '?>'],
    ['<!--', '-->'],
  ].find(([start]) => text.startsWith(start!));
  if (item !== undefined) {
    const end = text.indexOf(item[1]!, item[0]!.length);
    return end < 0 ? -1 : end + item[1]!.length;
  }
  if (text.startsWith('<!DOCTYPE')) {
    // An internal subset in brackets may contain ">", so the declaration ends at the first "]>" then.
    const subset = text.indexOf('[');
    const close = text.indexOf('>');
    const end = subset >= 0 && subset < close ? text.indexOf(']>', subset) : close;
    return end < 0 ? -1 : text.indexOf('>', end) + 1;
  }
  return undefined;
}

/**
 * Returns the advice to import a file in another format, for the command line and the HTTP endpoint,
 * which share the adapters: `import it as reqif ("import reqif", or POST /import/reqif)`.
 */
export function importAdvice(command: string): string {
  return `import it as ${command} ("import ${command}", or POST /import/${command})`;
}

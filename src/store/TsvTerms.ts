import { DataFactory } from 'n3';
import type { BlankNode, Literal, NamedNode } from '@rdfjs/types';
import { XSD } from '../rdf/namespaces.js';

const { namedNode, blankNode, literal } = DataFactory;

/** Datatypes of the bare Turtle numbers and booleans that SPARQL TSV writes without quotes. */
const BARE_LITERALS: [RegExp, string][] = [
  [/^[+-]?\d+$/, XSD('integer')],
  [/^[+-]?\d*\.\d+$/, XSD('decimal')],
  [/^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/, XSD('double')],
  [/^(true|false)$/, XSD('boolean')],
];

/** Escape sequences of Turtle strings and IRIs (ECHAR and UCHAR). */
const ESCAPE = /\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([tbnrf"'\\]))/g;

const ECHARS: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

export type TsvTerm = NamedNode | BlankNode | Literal;

/**
 * Decodes the cells of SPARQL 1.1 TSV results (terms in Turtle syntax) into RDF/JS terms. Each
 * distinct cell is decoded once and its term reused, so a large result, in which predicates, types
 * and many values repeat, creates few objects. One decoder serves one result; its cache grows with
 * the number of distinct cells.
 */
export class TsvTermDecoder {
  private readonly terms = new Map<string, TsvTerm>();

  /** Returns the term of a cell, or throws when the cell is not a Turtle term. */
  public term(cell: string): TsvTerm {
    let term = this.terms.get(cell);
    if (term === undefined) {
      term = decodeCell(cell);
      this.terms.set(cell, term);
    }
    return term;
  }
}

function decodeCell(cell: string): TsvTerm {
  if (cell.startsWith('<') && cell.endsWith('>')) {
    return namedNode(unescape(cell.slice(1, -1)));
  }
  if (cell.startsWith('_:')) {
    return blankNode(cell.slice(2));
  }
  if (cell.startsWith('"')) {
    // The lexical form ends at the last quote: a language tag or datatype IRI contains none.
    const end = cell.lastIndexOf('"');
    if (end > 0) {
      const value = unescape(cell.slice(1, end));
      const suffix = cell.slice(end + 1);
      if (suffix === '') {
        return literal(value);
      }
      if (suffix.startsWith('@')) {
        return literal(value, suffix.slice(1));
      }
      if (suffix.startsWith('^^<') && suffix.endsWith('>')) {
        return literal(value, namedNode(unescape(suffix.slice(3, -1))));
      }
    }
  }
  for (const [pattern, datatype] of BARE_LITERALS) {
    if (pattern.test(cell)) {
      return literal(cell, namedNode(datatype));
    }
  }
  throw new Error(`Invalid SPARQL TSV cell ${cell.slice(0, 40)}: it is not an IRI, blank node or literal in Turtle syntax.`);
}

function unescape(text: string): string {
  if (!text.includes('\\')) {
    return text;
  }
  return text.replace(ESCAPE, (_match, short: string | undefined, long: string | undefined, echar: string | undefined) => {
    const code = short ?? long;
    return code !== undefined ? String.fromCodePoint(Number.parseInt(code, 16)) : ECHARS[echar!]!;
  });
}

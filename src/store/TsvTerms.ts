import { DataFactory } from 'n3';
import type { BlankNode, Literal, NamedNode } from '@rdfjs/types';
import { XSD } from '../rdf/namespaces.js';

const { namedNode, blankNode, literal } = DataFactory;

/** Datatypes of the bare Turtle numbers and booleans that SPARQL TSV writes without quotes. */
export const BARE_LITERALS: [RegExp, string][] = [
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
    return namedNode(unescapeTurtle(cell.slice(1, -1)));
  }
  if (cell.startsWith('_:')) {
    return blankNode(cell.slice(2));
  }
  if (cell.startsWith('"')) {
    // The lexical form ends at the last quote: a language tag or datatype IRI contains none.
    const end = cell.lastIndexOf('"');
    if (end > 0) {
      const value = unescapeTurtle(cell.slice(1, end));
      const suffix = cell.slice(end + 1);
      if (suffix === '') {
        return literal(value);
      }
      if (suffix.startsWith('@')) {
        return literal(value, suffix.slice(1));
      }
      if (suffix.startsWith('^^<') && suffix.endsWith('>')) {
        return literal(value, namedNode(unescapeTurtle(suffix.slice(3, -1))));
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

/** Replaces the escape sequences of a Turtle string or IRI (ECHAR and UCHAR) with the characters they stand for. */
export function unescapeTurtle(text: string): string {
  if (!text.includes('\\')) {
    return text;
  }
  return text.replace(ESCAPE, (_match, short: string | undefined, long: string | undefined, echar: string | undefined) => {
    const code = short ?? long;
    return code !== undefined ? String.fromCodePoint(Number.parseInt(code, 16)) : ECHARS[echar!]!;
  });
}

/**
 * Decodes SPARQL 1.1 TSV results of a SELECT into variable names and rows of RDF/JS terms. An empty
 * cell is an unbound variable and stays out of its row. Throws on a cell that is not a term this
 * decoder supports (such as an RDF 1.2 triple term), so that the caller can request JSON results instead.
 */
export function parseTsvBindings(text: string): { variables: string[]; rows: Map<string, TsvTerm>[] } {
  const lines = text.split('\n');
  const header = lines[0] ?? '';
  const variables = header === '' ? [] : header.split('\t').map((name) => name.slice(1));
  const decoder = new TsvTermDecoder();
  const rows: Map<string, TsvTerm>[] = [];
  // The text ends with a line break, so the last element of `lines` is empty.
  const end = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (let index = 1; index < end; index++) {
    const cells = lines[index]!.split('\t');
    const row = new Map<string, TsvTerm>();
    for (let column = 0; column < cells.length; column++) {
      if (cells[column] !== '') {
        row.set(variables[column]!, decoder.term(cells[column]!));
      }
    }
    rows.push(row);
  }
  return { variables, rows };
}

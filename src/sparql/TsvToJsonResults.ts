import { BARE_LITERALS, unescapeTurtle } from '../store/TsvTerms.js';

/** Characters that JSON strings must escape (RFC 8259, section 7), and lone surrogates, which valid UTF-8 text cannot contain. */
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Control characters other than the tab and line break that separate TSV cells and rows. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f]/;

/** Language tags of RDF 1.1. A tag with a base direction (RDF 1.2, `@en--ltr`) has no SPARQL 1.1 JSON form. */
const LANGUAGE_TAG = /^[a-zA-Z]+(-[a-zA-Z0-9]+)*$/;

const LESS_THAN = 60;
const GREATER_THAN = 62;

/**
 * Rewrites SPARQL 1.1 TSV results of a SELECT query as SPARQL 1.1 Query Results JSON.
 *
 * Oxigraph writes TSV results faster than JSON results for the same solutions, and this rewrite costs
 * less than the difference, so the endpoint returns JSON results faster this way (measured in
 * docs/BENCHMARKS.md). Returns undefined for a cell this rewrite does not support, such as an RDF 1.2
 * triple term or a directional language tag, so that the caller can request JSON from the engine.
 *
 * TSV cells are terms in Turtle syntax (SPARQL 1.1 Query Results CSV and TSV Formats, section 3):
 * `<iri>`, `_:label`, quoted literals with a language tag or a datatype, and bare numbers and booleans.
 * An empty cell is an unbound variable, which the JSON form leaves out of the solution (section 3.2.2
 * of the JSON format).
 */
export function tsvToJsonResults(tsv: string): string | undefined {
  const headerEnd = lineEnd(tsv, 0);
  const header = tsv.slice(0, headerEnd);
  const variables = header === '' ? [] : header.split('\t').map((name) => (name.startsWith('?') || name.startsWith('$') ? name.slice(1) : name));
  const keys = variables.map((name) => `${JSON.stringify(name)}:`);

  // A Turtle IRIREF (rule 18) contains no quote, backslash or control character except in a UCHAR
  // escape, so an IRI without a backslash goes into the JSON text unchanged. If the text has a control
  // character anywhere, every IRI is checked and escaped.
  const plainIris = !CONTROL_CHARACTER.test(tsv);

  // Literals, types and datatypes repeat across a result, so each distinct literal cell is encoded
  // once. IRIs of resources are mostly distinct, so caching them would cost more than it saves.
  const encoded = new Map<string, string>();
  const solutions: string[] = [];
  for (let start = headerEnd + 1; start < tsv.length; ) {
    const end = lineEnd(tsv, start);
    let solution = '{';
    let column = 0;
    for (let cellStart = start; cellStart <= end; column++) {
      let cellEnd = tsv.indexOf('\t', cellStart);
      if (cellEnd < 0 || cellEnd > end) {
        cellEnd = end;
      }
      if (cellEnd > cellStart) {
        const key = keys[column];
        const json = key === undefined ? undefined : encodeTerm(tsv, cellStart, cellEnd, plainIris, encoded);
        if (json === undefined) {
          return undefined;
        }
        solution += solution.length === 1 ? `${key}${json}` : `,${key}${json}`;
      }
      cellStart = cellEnd + 1;
    }
    solutions.push(`${solution}}`);
    start = end + 1;
  }
  return `{"head":{"vars":[${variables.map((name) => JSON.stringify(name)).join(',')}]},"results":{"bindings":[${solutions.join(',')}]}}`;
}

/** Returns the index of the line break that ends the line starting at `start`, or the text's length. */
function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}

/** Encodes the cell at [start, end) of the TSV text as a JSON RDF term, or returns undefined for an unsupported one. */
function encodeTerm(tsv: string, start: number, end: number, plainIris: boolean, encoded: Map<string, string>): string | undefined {
  if (tsv.charCodeAt(start) === LESS_THAN && tsv.charCodeAt(end - 1) === GREATER_THAN && tsv.charCodeAt(start + 1) !== LESS_THAN) {
    const iri = tsv.slice(start + 1, end - 1);
    if (plainIris && !iri.includes('\\')) {
      return `{"type":"uri","value":"${iri}"}`;
    }
    return `{"type":"uri","value":${jsonString(unescapeTurtle(iri))}}`;
  }
  const cell = tsv.slice(start, end);
  let json = encoded.get(cell);
  if (json === undefined) {
    json = encodeCell(cell);
    if (json === undefined) {
      return undefined;
    }
    encoded.set(cell, json);
  }
  return json;
}

/** Encodes a TSV cell other than an IRI as a JSON RDF term, or returns undefined when the cell is not a term this rewrite supports. */
function encodeCell(cell: string): string | undefined {
  const first = cell.charCodeAt(0);

  // `<` not followed by an IRI's end: an RDF 1.2 triple term, or no term at all.
  if (first === LESS_THAN) {
    return undefined;
  }

  // `_:`: a blank node.
  if (first === 95 && cell.charCodeAt(1) === 58) {
    return `{"type":"bnode","value":${jsonString(cell.slice(2))}}`;
  }

  // `"`: a quoted literal. Its lexical form ends at the last quote, because a language tag or a
  // datatype IRI contains none.
  if (first === 34) {
    const close = cell.lastIndexOf('"');
    if (close <= 0) {
      return undefined;
    }
    const value = JSON.stringify(unescapeTurtle(cell.slice(1, close)));
    const suffix = cell.slice(close + 1);
    if (suffix === '') {
      return `{"type":"literal","value":${value}}`;
    }
    if (suffix.startsWith('@')) {
      const language = suffix.slice(1);
      return LANGUAGE_TAG.test(language) ? `{"type":"literal","value":${value},"xml:lang":${JSON.stringify(language)}}` : undefined;
    }
    if (suffix.startsWith('^^<') && suffix.endsWith('>')) {
      return `{"type":"literal","value":${value},"datatype":${jsonString(unescapeTurtle(suffix.slice(3, -1)))}}`;
    }
    return undefined;
  }

  for (const [pattern, datatype] of BARE_LITERALS) {
    if (pattern.test(cell)) {
      return `{"type":"literal","value":"${cell}","datatype":"${datatype}"}`;
    }
  }
  return undefined;
}

/** Returns a JSON string literal. Text without characters that JSON escapes is quoted as it is. */
function jsonString(text: string): string {
  return NEEDS_JSON_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

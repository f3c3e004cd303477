import { BARE_LITERALS, unescapeTurtle } from '../store/TsvTerms.js';

/** Characters that JSON strings must escape. An IRI without them goes into the JSON text as it is. */
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

/** Language tags of RDF 1.1. A tag with a base direction (RDF 1.2, `@en--ltr`) has no SPARQL 1.1 JSON form. */
const LANGUAGE_TAG = /^[a-zA-Z]+(-[a-zA-Z0-9]+)*$/;

/**
 * Rewrites SPARQL 1.1 TSV results of a SELECT query as SPARQL 1.1 Query Results JSON.
 *
 * Oxigraph writes TSV results about twice as fast as JSON results for the same solutions, and this
 * rewrite costs a fraction of the difference, so the endpoint returns JSON results faster this way
 * (measured in docs/BENCHMARKS.md). Returns undefined for a cell this rewrite does not support, such as
 * an RDF 1.2 triple term or a directional language tag, so that the caller can request JSON from the engine.
 *
 * TSV cells are terms in Turtle syntax (SPARQL 1.1 Query Results CSV and TSV Formats, section 3):
 * `<iri>`, `_:label`, quoted literals with a language tag or a datatype, and bare numbers and booleans.
 * An empty cell is an unbound variable, which the JSON form leaves out of the solution (section 3.2.2
 * of the JSON format).
 */
export function tsvToJsonResults(tsv: string): string | undefined {
  const lines = tsv.split('\n');
  const header = lines[0] ?? '';
  const variables = header === '' ? [] : header.split('\t').map((name) => (name.startsWith('?') || name.startsWith('$') ? name.slice(1) : name));
  const keys = variables.map((name) => `${JSON.stringify(name)}:`);

  // Values, types and datatypes repeat across a result, so each distinct cell is encoded once.
  const encoded = new Map<string, string>();
  const solutions: string[] = [];
  // The TSV text ends with a line break, so the last element of `lines` is empty.
  const end = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (let index = 1; index < end; index++) {
    const cells = lines[index]!.split('\t');
    let solution = '';
    for (let column = 0; column < cells.length; column++) {
      const cell = cells[column]!;
      if (cell === '') {
        continue;
      }
      let json = encoded.get(cell);
      if (json === undefined) {
        json = encodeCell(cell);
        if (json === undefined) {
          return undefined;
        }
        // IRIs of resources are mostly distinct, so caching them costs more than it saves.
        if (cell.charCodeAt(0) !== 60) {
          encoded.set(cell, json);
        }
      }
      const key = keys[column];
      if (key === undefined) {
        return undefined;
      }
      solution += solution === '' ? `${key}${json}` : `,${key}${json}`;
    }
    solutions.push(`{${solution}}`);
  }
  return `{"head":{"vars":[${variables.map((name) => JSON.stringify(name)).join(',')}]},"results":{"bindings":[${solutions.join(',')}]}}`;
}

/** Encodes one TSV cell as a JSON RDF term, or returns undefined when the cell is not a term this rewrite supports. */
function encodeCell(cell: string): string | undefined {
  const first = cell.charCodeAt(0);

  // `<`: an IRI.
  if (first === 60) {
    if (cell.charCodeAt(cell.length - 1) !== 62 || cell.startsWith('<<')) {
      return undefined;
    }
    const iri = unescapeTurtle(cell.slice(1, -1));
    return `{"type":"uri","value":${jsonString(iri)}}`;
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

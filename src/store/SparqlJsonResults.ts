import { DataFactory } from 'n3';
import type { Term } from '@rdfjs/types';
import type { QueryResult } from './TripleStore.js';

interface JsonTerm {
  type: 'uri' | 'literal' | 'typed-literal' | 'bnode' | 'triple';
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}

interface JsonResults {
  head?: { vars?: string[] };
  boolean?: boolean;
  results?: { bindings: Record<string, JsonTerm>[] };
}

/** Parses SPARQL 1.1 Query Results JSON into RDF/JS terms. */
export function parseSparqlJsonResults(text: string): QueryResult {
  const json = JSON.parse(text) as JsonResults;
  if (typeof json.boolean === 'boolean') {
    return { type: 'boolean', value: json.boolean };
  }
  const variables = json.head?.vars ?? [];
  const rows = (json.results?.bindings ?? []).map((binding) => {
    const row = new Map<string, Term>();
    for (const [name, term] of Object.entries(binding)) {
      row.set(name, toTerm(term));
    }
    return row;
  });
  return { type: 'bindings', variables, rows };
}

function toTerm(term: JsonTerm): Term {
  switch (term.type) {
    case 'uri':
      return DataFactory.namedNode(term.value);
    case 'bnode':
      return DataFactory.blankNode(term.value);
    default:
      if (term['xml:lang'] !== undefined) {
        return DataFactory.literal(term.value, term['xml:lang']);
      }
      return DataFactory.literal(term.value, term.datatype === undefined ? undefined : DataFactory.namedNode(term.datatype));
  }
}

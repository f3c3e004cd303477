import { DataFactory } from 'n3';
import type { Literal, Term } from '@rdfjs/types';
import { literalText } from '../http/html/XhtmlFragment.js';
import { SparqlTemplate } from '../store/SparqlTemplate.js';
import type { TripleStore } from '../store/TripleStore.js';

/** Identifier and title of a linked resource, as far as the resource states them. */
export interface ResourceSummary {
  iri: string;
  identifier?: string;
  title?: string;
  /** A requirement's place in its document (dt:sectionNumber), such as 2.1.3, by which lists of requirements sort. */
  sectionNumber?: string;
}

/** Most IRIs summarized by one query; a resource with more links gets titles for the first ones only. */
export const MAX_SUMMARIZED = 500;

const SUMMARIES = new SparqlTemplate(
  `PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dt: <https://w3id.org/digital-thread/ns#>
SELECT ?resource ?identifier ?title ?section WHERE {
  OPTIONAL { GRAPH ?resource { ?resource dcterms:identifier ?identifier } }
  OPTIONAL { GRAPH ?resource { ?resource dcterms:title ?title } }
  OPTIONAL { GRAPH ?resource { ?resource dt:sectionNumber ?section } }
}`,
  [],
);

/**
 * Reads the identifier and title of stored resources, each from the resource's own graph, in one query.
 * IRIs whose graph states neither are left out of the result.
 */
export async function readSummaries(store: TripleStore, iris: Iterable<string>): Promise<Map<string, ResourceSummary>> {
  const unique = [...new Set(iris)].slice(0, MAX_SUMMARIZED);
  const summaries = new Map<string, ResourceSummary>();
  if (unique.length === 0) {
    return summaries;
  }
  const sparql = SUMMARIES.bind({}, { variable: 'resource', terms: unique.map((iri) => DataFactory.namedNode(iri)) });
  const result = await store.query(sparql);
  if (result.type !== 'bindings') {
    return summaries;
  }
  for (const row of result.rows) {
    const identifier = literalValue(row.get('identifier'));
    const title = literalValue(row.get('title'));
    if (identifier === undefined && title === undefined) {
      continue;
    }
    const iri = row.get('resource')!.value;
    const summary = summaries.get(iri) ?? { iri };
    summary.identifier ??= identifier;
    summary.title ??= title;
    const section = literalValue(row.get('section'));
    if (section !== undefined) {
      summary.sectionNumber ??= section;
    }
    summaries.set(iri, summary);
  }
  return summaries;
}

function literalValue(term: Term | undefined): string | undefined {
  return term?.termType === 'Literal' ? literalText(term as Literal) : undefined;
}

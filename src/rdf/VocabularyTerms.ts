import { DataFactory } from 'n3';
import type { NamedNode } from '@rdfjs/types';

/**
 * Most distinct IRIs kept. Vocabulary IRIs (properties, classes, units, enumeration values) number
 * in the hundreds, so the bound only stops a source with millions of distinct unit IRIs from growing
 * the cache without limit; IRIs beyond it get a new node on every call.
 */
const MAX_CACHED = 10_000;

const cache = new Map<string, NamedNode>();

/**
 * Returns the named node of a vocabulary IRI, created once and shared. Imports build millions of
 * triples whose predicates and many objects repeat, and a shared node saves an object and a string
 * per use. Use it for vocabulary terms only, never for resource IRIs, which are unbounded.
 */
export function vocabularyTerm(iri: string): NamedNode {
  let term = cache.get(iri);
  if (term === undefined) {
    term = DataFactory.namedNode(iri);
    if (cache.size < MAX_CACHED) {
      cache.set(iri, term);
    }
  }
  return term;
}

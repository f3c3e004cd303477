import type { Term } from '@rdfjs/types';
import type { TripleStore } from '../store/TripleStore.js';

/**
 * The resources a query may see. OSLC queries of a user who may not read every resource run through
 * one, so that their members, counts, filters on linked resources and selected properties come only
 * from readable resources.
 */
export interface QueryScope {
  /** Equal keys see the same resources, so they may share cached results. */
  readonly key: string;
  /** True when every resource is readable, so queries may run on the store directly. */
  readonly unrestricted: boolean;
  canRead(iri: string): boolean;
  /** Runs a SELECT over the readable resources only and returns its rows. */
  select(sparql: string): Promise<Map<string, Term>[]>;
}

/**
 * Runs a SELECT over the resources `scope` may read, with the union of all graphs as default graph.
 * Without a scope, or with an unrestricted one, it runs on the store itself. Otherwise it runs through
 * the scope, on a replica without the unreadable graphs, and literals come back without datatype or
 * language.
 */
export async function selectReadable(store: TripleStore, sparql: string, scope: QueryScope | undefined): Promise<Map<string, Term>[]> {
  if (scope !== undefined && !scope.unrestricted) {
    return scope.select(sparql);
  }
  const result = await store.query(sparql, { unionDefaultGraph: true });
  return result.type === 'bindings' ? result.rows : [];
}

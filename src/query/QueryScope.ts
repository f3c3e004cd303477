import type { Term } from '@rdfjs/types';

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

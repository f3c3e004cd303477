import sparqljs from 'sparqljs';
import { InvalidQueryError } from '../store/StoreError.js';
import type { QueryForm } from '../store/QueryForm.js';
import { containsService } from '../store/SparqlSyntax.js';

/**
 * Parses a query for the SPARQL endpoint and returns its form and whether it names its own dataset
 * (FROM or FROM NAMED). Rejects updates sent as queries and
 * `SERVICE` (federated query), which this server does not run: it would make the server open
 * connections to hosts a query names.
 */
export function analyzeQuery(text: string, baseIri: string): { form: QueryForm; hasDataset: boolean } {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(text);
  } catch (error) {
    throw new InvalidQueryError(`Invalid SPARQL query: ${(error as Error).message}`);
  }
  if (parsed.type === 'update') {
    throw new InvalidQueryError('The text is a SPARQL update; send updates to /sparql/update.');
  }
  if (containsService(parsed)) {
    throw new InvalidQueryError('SERVICE (federated query) is disabled on this server; query the data stored here only.');
  }
  const from = (parsed as { from?: { default?: unknown[]; named?: unknown[] } }).from;
  const hasDataset = (from?.default?.length ?? 0) + (from?.named?.length ?? 0) > 0;
  return { form: parsed.queryType as QueryForm, hasDataset };
}

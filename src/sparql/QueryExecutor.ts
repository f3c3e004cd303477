import type { QueryDataset } from './WorkerMessages.js';

/** A SPARQL query to run, with the results format the engine is to write. */
export interface SparqlRequest {
  query: string;
  /** Media type of the results (SPARQL results formats for SELECT and ASK, RDF formats for CONSTRUCT and DESCRIBE). */
  format: string;
  dataset: QueryDataset;
  timeoutMs: number;
}

/**
 * Runs SPARQL queries away from the request thread, so that they can be stopped. The result is a
 * stream of serialized bytes; reading it throws a QueryTimeoutError, ResultTooLargeError,
 * QueryAbortedError, SparqlUnavailableError or InvalidQueryError when the query fails.
 */
export interface QueryExecutor {
  execute(request: SparqlRequest, signal?: AbortSignal): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

import type { QueryForm } from '../store/QueryForm.js';
import type { QueryDataset } from './WorkerMessages.js';

/** A SPARQL query to run, with the results format the engine is to write. */
export interface SparqlRequest {
  query: string;
  /** Media type of the results (SPARQL results formats for SELECT and ASK, RDF formats for CONSTRUCT and DESCRIBE). */
  format: string;
  /** The query form, when the caller parsed the query. A worker uses it to choose the fastest way to write the results. */
  form?: QueryForm;
  dataset: QueryDataset;
  timeoutMs: number;
  /** The server's maximum timeout in ms, so that a timeout message offers a longer one only when it is allowed. */
  maxTimeoutMs?: number;
  /** The timeout the client asked for in ms, when it asked for more than the maximum. */
  requestedTimeoutMs?: number;
  /** The HTTP request's id, for the log lines written about this query. */
  requestId?: string;
}

/**
 * Runs SPARQL queries away from the request thread, so that they can be stopped. The result is a
 * stream of serialized bytes; reading it throws a QueryTimeoutError, QueueWaitTimeoutError,
 * QueryPreemptedError, ResultTooLargeError, QueryAbortedError, SparqlUnavailableError or
 * InvalidQueryError when the query fails.
 */
export interface QueryExecutor {
  execute(request: SparqlRequest, signal?: AbortSignal): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

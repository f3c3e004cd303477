/** The query ran past its deadline and was stopped. */
export class QueryTimeoutError extends Error {}

/** The query waited longer than the queue wait limit for a free worker. */
export class QueueWaitTimeoutError extends Error {}

/** The query ran longer than its fair share while other queries waited, and was stopped for them. */
export class QueryPreemptedError extends Error {}

/** The serialized result is larger than the configured cap. */
export class ResultTooLargeError extends Error {}

/** The client went away, so the query was stopped. */
export class QueryAbortedError extends Error {}

/** No SPARQL worker can take the query (start-up failed, or the service is stopping). */
export class SparqlUnavailableError extends Error {}

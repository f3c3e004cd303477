import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHttpError } from '../../src/http/ErrorHandler.js';
import { QueryPreemptedError, QueryTimeoutError, QueueWaitTimeoutError, SparqlUnavailableError } from '../../src/sparql/SparqlErrors.js';

describe('toHttpError of query failures', () => {
  // The OSLC query, dialogs and reports run SPARQL too, so their query failures get the endpoint's 503.
  const cases: [name: string, error: Error][] = [
    ['busy workers', new QueueWaitTimeoutError('All 2 SPARQL workers stayed busy while the query waited 30009 ms for one; send it again later.')],
    ['a deadline', new QueryTimeoutError('The query ran longer than 30 s.')],
    ['preemption', new QueryPreemptedError('The query ran longer than its share while others waited.')],
    ['no SPARQL', new SparqlUnavailableError('SPARQL needs the embedded store.')],
  ];
  for (const [name, error] of cases) {
    it(`answers ${name} with 503`, () => {
      const httpError = toHttpError(error, 'request-1');
      assert.equal(httpError.statusCode, 503);
      assert.equal(httpError.message, error.message);
      assert.equal(httpError.headers?.['Retry-After'], '5');
    });
  }
});

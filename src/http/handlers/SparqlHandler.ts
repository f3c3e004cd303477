import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { readScopeOf } from '../../auth/ReadScope.js';
import { getLogger } from '../../logging/Logger.js';
import { negotiate, parseAccept } from '../Accept.js';
import { ForbiddenHttpError, HttpError, MethodNotAllowedHttpError, NotAcceptableHttpError, ServiceUnavailableHttpError } from '../HttpError.js';
import { sparqlPage } from '../html/SparqlPage.js';
import { principalOf } from '../middleware/Authentication.js';
import { localsOf } from '../middleware/RequestContext.js';
import { analyzeQuery } from '../../sparql/QueryAnalysis.js';
import { chooseResultsFormat } from '../../sparql/ResultsFormat.js';
import { QueryAbortedError, QueryPreemptedError, QueryTimeoutError, QueueWaitTimeoutError, ResultTooLargeError, SparqlUnavailableError } from '../../sparql/SparqlErrors.js';
import { readQueryOperation, readUpdateOperation } from '../../sparql/SparqlProtocol.js';
import { serviceDescription } from '../../sparql/ServiceDescription.js';
import type { SparqlRequest } from '../../sparql/QueryExecutor.js';
import type { QueryDataset } from '../../sparql/WorkerMessages.js';
import type { ServerContext } from '../ServerContext.js';
import { sendResultBody } from './SparqlResultBody.js';

const logger = getLogger('SparqlHandler');
const require = createRequire(import.meta.url);

const QUERY_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST'];
const UPDATE_METHODS = ['OPTIONS', 'POST'];

/** Response header with the timeout applied to the query, in seconds (the server's maximum caps a longer request). */
export const TIMEOUT_HEADER = 'SPARQL-Timeout';

/**
 * The SPARQL 1.1 endpoints: queries at `/sparql` (Protocol section 2.1; the page for browsers and the
 * service description when there is no query), updates at `/sparql/update` for administrators. Queries
 * run in worker threads with a deadline (see SparqlWorkerPool); updates go through the store's journal
 * like every other write.
 */
export function sparqlRoutes(context: ServerContext): Router {
  const router = Router();
  const endpoint = `${context.urls.base}sparql`;
  const updateEndpoint = `${context.urls.base}sparql/update`;

  // YASGUI's bundle, served from the installed package so the page needs no CDN.
  const yasguiBuild = dirname(require.resolve('@zazuko/yasgui'));
  router.use('/assets/yasgui', express.static(yasguiBuild, { maxAge: '1d', index: false }));

  const query = async (req: Request, res: Response): Promise<void> => {
    const operation = await readQueryOperation(req, context.config.maxBodyBytes);
    if (operation === undefined) {
      await describe(context, req, res, endpoint, updateEndpoint);
      return;
    }

    res.locals.auditQuery = operation.text;
    const analysis = analyzeQuery(operation.text, context.urls.base);
    const format = chooseResultsFormat(req.headers.accept, analysis.form);
    const maxTimeoutMs = context.config.sparqlTimeoutMs;
    const timeoutMs = Math.min(operation.timeoutMs ?? maxTimeoutMs, maxTimeoutMs);
    // The dataset (SPARQL 1.1 Protocol, section 2.1.4): protocol parameters name it exactly, and replace
    // the query's FROM and FROM NAMED; without them the query's own clauses apply; without either, the
    // default graph is the union of all named graphs.
    const dataset: QueryDataset = { unionDefaultGraph: !analysis.hasDataset, baseIri: context.urls.base };
    if (operation.defaultGraphs.length > 0 || operation.namedGraphs.length > 0) {
      dataset.unionDefaultGraph = false;
      dataset.defaultGraphs = operation.defaultGraphs;
      dataset.namedGraphs = operation.namedGraphs;
    }

    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) {
        controller.abort();
      }
    });
    const request: SparqlRequest = { query: operation.text, format: format.engineFormat, form: analysis.form, dataset, timeoutMs, maxTimeoutMs, requestId: localsOf(res).requestId };
    if (operation.timeoutMs !== undefined && operation.timeoutMs > maxTimeoutMs) {
      request.requestedTimeoutMs = operation.timeoutMs;
    }
    // A user not cleared for everything gets replicas that hold only the graphs they may read, whatever
    // dataset the query names; a fully cleared user shares the server's own executor.
    const scope = readScopeOf(res);
    const executor = scope.unrestricted ? context.sparql : scope.executor();
    const chunks = executor.execute(request, controller.signal)[Symbol.asyncIterator]();

    let first: IteratorResult<Buffer>;
    try {
      first = await chunks.next();
    } catch (error) {
      throw asHttpError(error, timeoutMs);
    }

    // The status line is committed once the first byte is written; a failure after that must not pass
    // for a complete body (see sendResultBody).
    res.status(200);
    res.setHeader('Content-Type', format.contentType);
    res.setHeader('Vary', 'Accept, Origin');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(TIMEOUT_HEADER, String(timeoutMs / 1000));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const failure = await sendResultBody(req, res, first, chunks, controller.signal);
    if (failure !== undefined) {
      throw asHttpError(failure, timeoutMs);
    }
  };
  router.get('/sparql', query);
  router.head('/sparql', query);
  router.post('/sparql', query);
  router.options('/sparql', allowOnly(QUERY_METHODS));
  router.all('/sparql', (req) => {
    throw new MethodNotAllowedHttpError(req.method, QUERY_METHODS);
  });

  router.post('/sparql/update', async (req, res) => {
    // An update can copy data between any graphs, so only a user cleared for every marking may run one.
    if (!readScopeOf(res).unrestricted) {
      throw new ForbiddenHttpError('SPARQL Update reads and writes every graph, so it needs ITAR clearance; use the OSLC creation factories and PUT, which check each resource, or ask a cleared administrator.');
    }
    const operation = await readUpdateOperation(req, context.config.maxBodyBytes);
    res.locals.auditQuery = operation.text;
    const result = await context.store.update(operation.text, { baseIri: context.urls.base });
    logger.info('SPARQL update applied', { id: localsOf(res).requestId, principal: principalOf(res).id, graphs: result.versions.size, sequence: result.sequence });
    res.status(204).end();
  });
  router.options('/sparql/update', allowOnly(UPDATE_METHODS));
  router.all('/sparql/update', (req) => {
    throw new MethodNotAllowedHttpError(req.method, UPDATE_METHODS);
  });
  return router;
}

/** Returns an OPTIONS handler that sends 204 with the endpoint's methods in `Allow` (RFC 9110, section 9.3.7). */
function allowOnly(methods: readonly string[]): (req: Request, res: Response) => void {
  return (_req, res) => {
    res.setHeader('Allow', methods.join(', '));
    res.status(204).end();
  };
}

/** Answers a request without a query: the HTML page for browsers, the service description otherwise. */
async function describe(context: ServerContext, req: Request, res: Response, endpoint: string, updateEndpoint: string): Promise<void> {
  const preferred = negotiate(parseAccept(req.headers.accept), ['text/turtle', 'application/rdf+xml', 'application/ld+json', 'application/n-triples', 'text/html']);
  if (preferred === 'text/html') {
    res.setHeader('Cache-Control', 'no-cache');
    context.responder.write(req, res, sparqlPage(context.urls.base, endpoint), 'text/html; charset=utf-8');
    return;
  }
  const offered = ['text/turtle', 'application/rdf+xml', 'application/ld+json', 'application/n-triples'];
  if (preferred === undefined) {
    // A client that accepts only query results most likely forgot the query.
    throw new NotAcceptableHttpError(req.headers.accept ?? '', offered, 'The request has no query parameter, so the endpoint returns its service description, which is RDF; add query=... to run a query.');
  }
  await context.responder.send(req, res, serviceDescription(endpoint, updateEndpoint), { html: false });
}

/**
 * Maps query failures to HTTP errors: 503 for deadlines, waits, preemption and unavailability, 422 for
 * oversized results. A 503 carries the applied timeout, as a 200 does.
 */
function asHttpError(error: unknown, timeoutMs: number): unknown {
  if (error instanceof QueryTimeoutError || error instanceof QueueWaitTimeoutError || error instanceof QueryPreemptedError || error instanceof SparqlUnavailableError) {
    return new ServiceUnavailableHttpError(error.message, { headers: { 'Retry-After': '5', [TIMEOUT_HEADER]: String(timeoutMs / 1000) } });
  }
  if (error instanceof ResultTooLargeError) {
    return new HttpError(422, `${error.message} Add LIMIT or narrow the query.`);
  }
  if (error instanceof QueryAbortedError) {
    return new HttpError(499, error.message);
  }
  return error;
}


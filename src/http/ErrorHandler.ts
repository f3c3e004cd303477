import type { NextFunction, Request, Response } from 'express';
import { DataFactory } from 'n3';
import { getLogger } from '../logging/Logger.js';
import { GraphBuilder } from '../rdf/GraphBuilder.js';
import { OSLC } from '../rdf/namespaces.js';
import { RdfSyntaxError } from '../rdf/RdfParser.js';
import { QuerySyntaxError } from '../query/QuerySyntaxError.js';
import { IdentityProviderUnavailableError } from '../auth/oidc/OidcDiscovery.js';
import { QueryPreemptedError, QueryTimeoutError, QueueWaitTimeoutError, SparqlUnavailableError } from '../sparql/SparqlErrors.js';
import { CorruptStoreError, InvalidQueryError, PreconditionFailedError, StoreLockedError } from '../store/StoreError.js';
import { BadRequestHttpError, HttpError, InternalServerHttpError, PreconditionFailedHttpError, RequestAbortedHttpError, ServiceUnavailableHttpError } from './HttpError.js';
import { escapeHtml, htmlPage } from './html/Html.js';
import { localsOf } from './middleware/RequestContext.js';
import type { RdfResponder } from './RdfResponder.js';
import { chooseErrorRepresentation } from './Representation.js';

const logger = getLogger('ErrorHandler');

/**
 * The one place where errors become responses. Every 4xx and 5xx is an `oslc:Error` (OSLC Core 3.0,
 * "Errors") with `oslc:statusCode` and `oslc:message`, in the representation the client negotiated
 * (Turtle when nothing fits). Unexpected errors are logged with the request id and answered with a
 * generic message, so internals never reach the client.
 */
export function errorHandler(responder: RdfResponder, base: string) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const requestId = localsOf(res).requestId ?? 'unknown';
    const httpError = toHttpError(error, requestId);

    if (httpError instanceof RequestAbortedHttpError) {
      logger.info('Client closed the connection during the request body', { id: requestId, method: req.method, path: req.path, receivedBytes: httpError.receivedBytes });
      res.destroy();
      return;
    }
    if (httpError.statusCode === 500) {
      logger.error('Request failed', { id: requestId, method: req.method, path: req.path, error: describe(error) });
    } else if (httpError.statusCode > 500) {
      logger.warn('Request refused', { id: requestId, method: req.method, path: req.path, status: httpError.statusCode, error: httpError.message });
    }
    if (res.headersSent) {
      // Part of a body is already out; closing the connection keeps a truncated body from looking complete.
      logger.error('Error after the response started; closing the connection', { id: requestId, error: describe(error) });
      res.destroy();
      return;
    }

    const graph = new GraphBuilder();
    const node = DataFactory.blankNode('error');
    graph.type(node, OSLC('Error'));
    graph.literal(node, OSLC('statusCode'), String(httpError.statusCode));
    graph.literal(node, OSLC('message'), httpError.message);

    const headers: Record<string, string | string[]> = { ...httpError.headers };
    if (httpError.constrainedBy !== undefined) {
      headers.Link = `<${httpError.constrainedBy}>; rel="http://www.w3.org/ns/ldp#constrainedBy"`;
    }
    if (localsOf(res).oslcVersion === undefined) {
      res.locals.oslcVersion = '2.0';
    }

    const representation = chooseErrorRepresentation(req.headers.accept, localsOf(res).jsonErrors === true);
    const send = async (): Promise<void> => {
      const body =
        representation.format === 'text/html'
          ? htmlPage(`Error ${httpError.statusCode}`, `<h1>Error ${httpError.statusCode}</h1><p>${escapeHtml(httpError.message)}</p>`, { base })
          : await responder.serialize(graph.quads, representation);
      responder.write(req, res, body, representation.contentType, { status: httpError.statusCode, headers });
    };
    send().catch((failure: unknown) => {
      logger.error('Could not write an error response', { id: requestId, error: describe(failure) });
      if (!res.headersSent) {
        res.status(500).type('text/plain').send('Internal server error');
      }
    });
  };
}

/** Maps any thrown value to the HTTP error it stands for. */
export function toHttpError(error: unknown, requestId: string): HttpError {
  if (error instanceof HttpError) {
    return error;
  }
  if (error instanceof QuerySyntaxError || error instanceof RdfSyntaxError || error instanceof InvalidQueryError) {
    return new BadRequestHttpError(error.message);
  }
  if (error instanceof PreconditionFailedError) {
    return new PreconditionFailedHttpError('The resource changed since it was read; GET it again and retry with the new ETag.');
  }
  // Busy SPARQL workers are as temporary on the OSLC query and report paths as on the SPARQL endpoint.
  if (error instanceof QueryTimeoutError || error instanceof QueueWaitTimeoutError || error instanceof QueryPreemptedError || error instanceof SparqlUnavailableError || error instanceof IdentityProviderUnavailableError) {
    return new ServiceUnavailableHttpError(error.message, { headers: { 'Retry-After': '5' } });
  }
  if (error instanceof StoreLockedError) {
    return new ServiceUnavailableHttpError('The data store is not available; retry later.');
  }
  if (error instanceof CorruptStoreError) {
    return new InternalServerHttpError(`The data store is damaged; the administrator must restore it (request id ${requestId}).`);
  }
  const status = (error as { status?: unknown; statusCode?: unknown } | undefined)?.status ?? (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, (error as Error).message);
  }
  return new InternalServerHttpError(`Internal server error; the server log has the details under request id ${requestId}.`);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

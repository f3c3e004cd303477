import { Router, type Request, type Response } from 'express';
import { readScopeOf } from '../../auth/ReadScope.js';
import { MediaType } from '../../rdf/MediaType.js';
import { parseQueryParameters } from '../../query/QueryParameters.js';
import { formatRepresentation } from '../FormatParameter.js';
import { MethodNotAllowedHttpError, NotFoundHttpError } from '../HttpError.js';
import { readBody, requireContentType } from '../middleware/RequestBody.js';
import type { ServerContext } from '../ServerContext.js';

const ALLOWED = ['GET', 'HEAD', 'OPTIONS', 'POST'];

/**
 * The query capability of each resource type at `oslc/sp/{provider}/{segment}/query` (OSLC Query 3.0):
 * GET with `oslc.*` parameters, or POST with the same parameters form-encoded in the body.
 */
export function queryRoutes(context: ServerContext): Router {
  const router = Router();
  const path = '/oslc/sp/:provider/:segment/query';

  const viaGet = (req: Request, res: Response): Promise<void> => {
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    return query(context, req, res, search);
  };
  router.get(path, viaGet);
  router.head(path, viaGet);
  router.post(path, async (req, res) => {
    requireContentType(req, [MediaType.formUrlEncoded]);
    const body = await readBody(req, context.config.maxBodyBytes);
    res.locals.auditQuery = body;
    await query(context, req, res, body);
  });
  router.options(path, (req, res) => {
    resolve(context, req);
    res.setHeader('Allow', ALLOWED.join(', '));
    res.setHeader('Link', '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"');
    res.status(204).end();
  });
  router.all(path, (req) => {
    throw new MethodNotAllowedHttpError(req.method, ALLOWED);
  });
  return router;
}

/** Runs a query whose parameters are `search` (a URL query string or a form-encoded body). */
async function query(context: ServerContext, req: Request, res: Response, search: string): Promise<void> {
  const { provider, shape, queryBase } = resolve(context, req);
  const searchParameters = new URLSearchParams(search);
  const parameters = parseQueryParameters(searchParameters);
  // Like a resource GET, a query page can be linked in each RDF syntax with `format`, which overrides Accept.
  const representation = formatRepresentation(searchParameters.getAll('format'));

  // The page URL names the oslc:ResponseInfo: the query base with the parameters exactly as sent.
  const requestUrl = new URL(search === '' ? queryBase : `${queryBase}?${search}`);
  const quads = await context.queries.execute({ providerIri: provider.iri, shape, queryBase, requestUrl, parameters, scope: readScopeOf(res) });

  await context.responder.send(req, res, quads, {
    subject: queryBase,
    heading: `${shape.title} query results`,
    headers: { Link: '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"', 'Cache-Control': 'no-cache' },
    ...(representation === undefined ? {} : { representation }),
  });
}

function resolve(context: ServerContext, req: Request) {
  const { provider: providerId, segment } = req.params as { provider: string; segment: string };
  const provider = context.providers.get(providerId);
  const shape = context.shapes.bySegment(segment);
  if (provider === undefined || shape === undefined) {
    throw new NotFoundHttpError(`No query capability exists at ${context.urls.queryBase(providerId, segment)}; the service provider document lists the valid ones.`);
  }
  return { provider, shape, queryBase: context.urls.queryBase(provider.id, shape.pathSegment) };
}

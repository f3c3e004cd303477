import { Router, type Request, type Response } from 'express';
import { readScopeOf } from '../../auth/ReadScope.js';
import { getLogger } from '../../logging/Logger.js';
import { parseRdf, PARSEABLE_TYPES } from '../../rdf/RdfParser.js';
import { BadRequestHttpError, MethodNotAllowedHttpError, NotFoundHttpError } from '../HttpError.js';
import { principalOf } from '../middleware/Authentication.js';
import { readBody, requireContentType } from '../middleware/RequestBody.js';
import { localsOf } from '../middleware/RequestContext.js';
import { chooseRepresentation } from '../Representation.js';
import type { ServerContext } from '../ServerContext.js';

const logger = getLogger('GraphStoreHandler');
const ALLOWED = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/;

/**
 * The SPARQL 1.1 Graph Store HTTP Protocol at `/sparql/graph?graph=IRI` (indirect graph
 * identification): GET and HEAD read a named graph; PUT replaces it, POST adds triples to it and
 * DELETE drops it, for administrators only. Writes are raw: they skip shape validation and
 * server-managed properties, like SPARQL Update, and go through the same journal.
 */
export function graphStoreRoutes(context: ServerContext): Router {
  const router = Router();
  const path = '/sparql/graph';

  const read = async (req: Request, res: Response): Promise<void> => {
    const graph = graphParameter(req);
    const representation = chooseRepresentation(req.headers.accept);
    const found = readScopeOf(res).canRead(graph) ? await context.representations.get(graph, representation) : undefined;
    if (found === undefined) {
      throw new NotFoundHttpError(`The store has no graph <${graph}>.`);
    }
    context.responder.write(req, res, found.body, representation.contentType, { etag: `"${found.version}"` });
  };
  router.get(path, read);
  router.head(path, read);

  const write = (mode: 'replace' | 'merge') => async (req: Request, res: Response): Promise<void> => {
    const graph = graphParameter(req);
    const mediaType = requireContentType(req, PARSEABLE_TYPES);
    const body = await readBody(req, context.config.maxBodyBytes);
    const quads = await parseRdf(body, mediaType, graph, context.urls.base);
    const scope = readScopeOf(res);
    const existing = scope.canRead(graph) ? await context.store.readQuads(graph) : undefined;
    if (existing === undefined && (await context.store.versionOf(graph)) !== undefined) {
      // The graph exists but the user may not read it; writing it would replace data they cannot see.
      throw new NotFoundHttpError(`The store has no graph <${graph}>.`);
    }
    const content = mode === 'merge' && existing !== undefined ? [...existing, ...quads] : quads;
    scope.requireClearanceFor(content, graph);
    await context.store.commit([{ graph, quads: content }]);
    logger.info('Graph written through the Graph Store Protocol', { id: localsOf(res).requestId, principal: principalOf(res).id, graph, mode, triples: quads.length });
    res.status(existing === undefined ? 201 : 204).end();
  };
  router.put(path, write('replace'));
  router.post(path, write('merge'));

  router.delete(path, async (req, res) => {
    const graph = graphParameter(req);
    if ((await context.store.versionOf(graph)) === undefined || !readScopeOf(res).canRead(graph)) {
      throw new NotFoundHttpError(`The store has no graph <${graph}>.`);
    }
    await context.store.commit([{ graph, quads: null }]);
    logger.info('Graph deleted through the Graph Store Protocol', { id: localsOf(res).requestId, principal: principalOf(res).id, graph });
    res.status(204).end();
  });

  router.all(path, (req) => {
    throw new MethodNotAllowedHttpError(req.method, ALLOWED);
  });
  return router;
}

function graphParameter(req: Request): string {
  const search = new URLSearchParams(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '');
  if (search.has('default')) {
    throw new BadRequestHttpError('The default graph holds no data on this server; name a graph with ?graph=IRI.');
  }
  const graphs = search.getAll('graph');
  if (graphs.length !== 1 || !ABSOLUTE_IRI.test(graphs[0]!)) {
    throw new BadRequestHttpError('Name exactly one graph with ?graph= and an absolute IRI, for example ?graph=https://oslc.example.com/oslc/sp/fcc/parts/P-000001.');
  }
  return graphs[0]!;
}

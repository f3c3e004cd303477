import { Router, type Request, type Response } from 'express';
import { parseRdf, PARSEABLE_TYPES } from '../../rdf/RdfParser.js';
import type { ResourceTypeShape } from '../../shapes/ResourceShape.js';
import { MethodNotAllowedHttpError, NotFoundHttpError, PreconditionFailedHttpError, PreconditionRequiredHttpError } from '../HttpError.js';
import { readBody, requireContentType } from '../middleware/RequestBody.js';
import { chooseRepresentation } from '../Representation.js';
import type { ServerContext } from '../ServerContext.js';
import { readSelectiveProperties, sendSelectedProperties } from './SelectiveProperties.js';

const ALLOWED = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];
const VARY = 'Accept, OSLC-Core-Version, Origin';

/** Last path segments that are not resource identifiers. */
const RESERVED_SEGMENTS = new Set(['query', 'selector', 'creator']);

/** A resource request resolved to its IRI (= graph IRI) and type. */
interface ResourceTarget {
  iri: string;
  shape: ResourceTypeShape;
}

/**
 * OSLC resources at `oslc/sp/{provider}/{segment}/{identifier}` (LDP RDF sources): GET and HEAD with
 * content negotiation, ETags and conditional GET; PUT with a mandatory If-Match; DELETE; OPTIONS.
 */
export function resourceRoutes(context: ServerContext): Router {
  const router = Router();
  const path = '/oslc/sp/:provider/:segment/:identifier';

  // Query capabilities and dialogs share this path pattern; leave them to their own routers.
  router.all(path, (req, _res, next) => {
    next(RESERVED_SEGMENTS.has((req.params as { identifier: string }).identifier) ? 'router' : undefined);
  });

  router.get(path, (req, res) => read(context, req, res));
  router.head(path, (req, res) => read(context, req, res));
  router.put(path, (req, res) => replace(context, req, res));
  router.delete(path, (req, res) => remove(context, req, res));
  router.options(path, async (req, res) => {
    const target = resolve(context, req);
    if ((await context.store.versionOf(target.iri)) === undefined) {
      throw notFound(target.iri);
    }
    res.status(204);
    setResourceHeaders(res, target.shape);
    res.end();
  });
  router.all(path, (req) => {
    throw new MethodNotAllowedHttpError(req.method, ALLOWED);
  });
  return router;
}

async function read(context: ServerContext, req: Request, res: Response): Promise<void> {
  const target = resolve(context, req);
  const representation = chooseRepresentation(req.headers.accept);
  const version = await context.store.versionOf(target.iri);
  if (version === undefined) {
    throw notFound(target.iri);
  }

  setResourceHeaders(res, target.shape);
  // Selective Properties (oslc.properties) bypass the representation cache; other requests keep it.
  const selection = req.originalUrl.includes('?') ? readSelectiveProperties(new URLSearchParams(req.originalUrl.slice(req.originalUrl.indexOf('?') + 1))) : undefined;
  if (selection !== undefined) {
    await sendSelectedProperties(context, req, res, target.iri, selection);
    return;
  }
  res.setHeader('Cache-Control', 'no-cache');
  const etag = `"${version}"`;
  // If-None-Match uses the weak comparison (RFC 9110, section 13.1.2), so W/"v" matches "v".
  if (matchesAny(req.headers['if-none-match'], etag, { weak: true })) {
    res.status(304);
    res.setHeader('ETag', etag);
    res.setHeader('Vary', VARY);
    res.end();
    return;
  }

  const found = await context.representations.get(target.iri, representation, version);
  if (found === undefined) {
    throw notFound(target.iri);
  }
  context.responder.write(req, res, found.body, representation.contentType, { etag: `"${found.version}"` });
}

async function replace(context: ServerContext, req: Request, res: Response): Promise<void> {
  const target = resolve(context, req);
  const ifMatch = req.headers['if-match'];
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new PreconditionRequiredHttpError(`PUT needs an If-Match header; GET ${target.iri} first and send its ETag in If-Match.`);
  }
  const current = await context.store.versionOf(target.iri);
  if (current === undefined) {
    throw notFound(target.iri);
  }
  const expectedVersion = ifMatch.trim() === '*' ? current : versionFromIfMatch(ifMatch, current);
  if (expectedVersion === undefined) {
    throw ifMatchFailed(ifMatch, target.iri);
  }

  const mediaType = requireContentType(req, PARSEABLE_TYPES);
  const body = await readBody(req, context.config.maxBodyBytes);
  const quads = await parseRdf(body, mediaType, target.iri, context.urls.base);
  const result = await context.resources.replace({ iri: target.iri, shape: target.shape, quads, expectedVersion });

  setResourceHeaders(res, target.shape);
  res.setHeader('ETag', `"${result.version}"`);
  res.status(204).end();
}

async function remove(context: ServerContext, req: Request, res: Response): Promise<void> {
  const target = resolve(context, req);
  const ifMatch = req.headers['if-match'];
  const current = await context.store.versionOf(target.iri);
  if (current === undefined) {
    throw notFound(target.iri);
  }
  let expectedVersion: string | undefined;
  if (ifMatch !== undefined && ifMatch.trim() !== '*') {
    expectedVersion = versionFromIfMatch(ifMatch, current);
    if (expectedVersion === undefined) {
      throw ifMatchFailed(ifMatch, target.iri);
    }
  }
  await context.resources.delete({ iri: target.iri, shape: target.shape, ...(expectedVersion === undefined ? {} : { expectedVersion }) });
  res.status(204).end();
}

function resolve(context: ServerContext, req: Request): ResourceTarget {
  const { provider, segment, identifier } = req.params as { provider: string; segment: string; identifier: string };
  const shape = context.shapes.bySegment(segment);
  const iri = context.urls.resource({ provider, segment, identifier });
  if (shape === undefined || context.providers.get(provider) === undefined) {
    throw notFound(iri);
  }
  return { iri, shape };
}

function setResourceHeaders(res: Response, shape: ResourceTypeShape): void {
  res.setHeader('Allow', ALLOWED.join(', '));
  res.setHeader('Link', [
    '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
    '<http://www.w3.org/ns/ldp#RDFSource>; rel="type"',
    `<${shape.iri}>; rel="http://www.w3.org/ns/ldp#constrainedBy"`,
  ]);
}

/** Returns `current` if one of the entity tags in an If-Match header is its strong ETag. */
function versionFromIfMatch(header: string, current: string): string | undefined {
  return matchesAny(header, `"${current}"`) ? current : undefined;
}

/**
 * Returns whether a comma-separated list of entity tags contains `etag`. The strong comparison
 * (If-Match) never matches a weak tag, and the weak comparison (If-None-Match) ignores the W/ prefix.
 */
function matchesAny(header: string | undefined, etag: string, options: { weak?: boolean } = {}): boolean {
  if (header === undefined) {
    return false;
  }
  return header.split(',').some((candidate) => {
    let tag = candidate.trim();
    if (options.weak === true && tag.startsWith('W/')) {
      tag = tag.slice(2);
    }
    return tag === '*' || tag === etag;
  });
}

function ifMatchFailed(ifMatch: string, iri: string): PreconditionFailedHttpError {
  if (ifMatch.split(',').every((tag) => tag.trim().startsWith('W/'))) {
    return new PreconditionFailedHttpError(`If-Match holds only weak ETags (${ifMatch}), which never match for a write; send the strong ETag from a GET of ${iri}.`);
  }
  return new PreconditionFailedHttpError(`The ETag in If-Match (${ifMatch}) is not the current one; ${iri} changed since you read it. GET it again and reapply your change.`);
}

function notFound(iri: string): NotFoundHttpError {
  return new NotFoundHttpError(`No resource exists at ${iri}; check the identifier, or find resources through the query capability.`);
}

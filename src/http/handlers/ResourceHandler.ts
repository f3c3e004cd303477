import { Router, type Request, type Response } from 'express';
import { parseRdf, PARSEABLE_TYPES } from '../../rdf/RdfParser.js';
import { COMPUTED_TYPE_METHODS, computedWriteRejection } from '../../resources/ComputedResources.js';
import { isComputed, type ResourceTypeShape } from '../../shapes/ResourceShape.js';
import { matchesAny } from '../EntityTags.js';
import { MethodNotAllowedHttpError, NotFoundHttpError, PreconditionFailedHttpError, PreconditionRequiredHttpError } from '../HttpError.js';
import { readBody, requireContentType } from '../middleware/RequestBody.js';
import { requestedRepresentation } from '../FormatParameter.js';
import { renderResourcePage } from '../ResourcePages.js';
import type { ServerContext } from '../ServerContext.js';
import { sendCompactIfRequested } from './CompactHandler.js';
import { readSelectiveProperties, sendSelectedProperties } from './SelectiveProperties.js';

const ALLOWED = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];
const VARY = 'Accept, Prefer, OSLC-Core-Version, Origin';

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
 * Resources of a computed type (`dt:computedBy`) are read-only, and every write returns 405.
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
    setResourceHeaders(res, target);
    res.end();
  });
  router.all(path, (req) => {
    const shape = context.shapes.bySegment((req.params as { segment: string }).segment);
    if (shape !== undefined && isComputed(shape)) {
      rejectComputedWrite(context, req, resolve(context, req));
    }
    throw new MethodNotAllowedHttpError(req.method, ALLOWED);
  });
  return router;
}

async function read(context: ServerContext, req: Request, res: Response): Promise<void> {
  const target = resolve(context, req);
  if (await sendCompactIfRequested(context, req, res, target, () => setResourceHeaders(res, target))) {
    return;
  }
  const representation = requestedRepresentation(req);
  if (representation.format === 'text/html') {
    await readPage(context, req, res, target);
    return;
  }
  const version = await context.store.versionOf(target.iri);
  if (version === undefined) {
    throw notFound(target.iri);
  }

  setResourceHeaders(res, target);
  // Selective Properties (oslc.properties) bypass the representation cache; other requests keep it.
  const selection = req.originalUrl.includes('?') ? readSelectiveProperties(new URLSearchParams(req.originalUrl.slice(req.originalUrl.indexOf('?') + 1))) : undefined;
  if (selection !== undefined) {
    await sendSelectedProperties(context, req, res, target.iri, selection, representation);
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
  context.responder.write(req, res, found.body, representation.contentType, { etag: `"${found.version}"`, headers: { Vary: VARY } });
}

/**
 * Sends the HTML page of a resource. The page shows other graphs too (incoming links, titles of linked
 * resources, the child parts of a BOM), so it would go stale if it were cached by this resource's
 * version or carried an ETag made from it. It is rendered on every request, sent with
 * `Cache-Control: no-cache` and without an ETag, and never stored in the representation cache.
 */
async function readPage(context: ServerContext, req: Request, res: Response, target: ResourceTarget): Promise<void> {
  const page = await renderResourcePage(context, target.iri, target.shape);
  if (page === undefined) {
    throw notFound(target.iri);
  }
  setResourceHeaders(res, target);
  res.setHeader('Cache-Control', 'no-cache');
  context.responder.write(req, res, page, 'text/html; charset=utf-8', { headers: { Vary: VARY } });
}

async function replace(context: ServerContext, req: Request, res: Response): Promise<void> {
  const target = resolve(context, req);
  rejectComputedWrite(context, req, target);
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

  setResourceHeaders(res, target);
  res.setHeader('ETag', `"${result.version}"`);
  res.status(204).end();
}

async function remove(context: ServerContext, req: Request, res: Response): Promise<void> {
  const target = resolve(context, req);
  rejectComputedWrite(context, req, target);
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

/** Rejects a write to a computed type before any precondition or body is read, so the 405 comes first. */
function rejectComputedWrite(context: ServerContext, req: Request, target: ResourceTarget): void {
  if (isComputed(target.shape)) {
    throw computedWriteRejection(context.urls, (req.params as { provider: string }).provider, target.shape, req.method, target.iri);
  }
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

function setResourceHeaders(res: Response, target: ResourceTarget): void {
  res.setHeader('Allow', (isComputed(target.shape) ? COMPUTED_TYPE_METHODS : ALLOWED).join(', '));
  res.setHeader('Link', [
    '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
    '<http://www.w3.org/ns/ldp#RDFSource>; rel="type"',
    `<${target.shape.iri}>; rel="http://www.w3.org/ns/ldp#constrainedBy"`,
    // OSLC Core 3.0 Resource Preview: responses for the resource link its Compact.
    `<${target.iri}/compact>; rel="http://open-services.net/ns/core#Compact"`,
  ]);
}

/** Returns `current` if one of the entity tags in an If-Match header is its strong ETag. */
function versionFromIfMatch(header: string, current: string): string | undefined {
  return matchesAny(header, `"${current}"`) ? current : undefined;
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

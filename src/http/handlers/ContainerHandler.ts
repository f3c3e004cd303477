import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { readScopeOf } from '../../auth/ReadScope.js';
import { GraphBuilder } from '../../rdf/GraphBuilder.js';
import { ACCEPTED_BODY_TYPES } from '../../rdf/MediaType.js';
import { DCTERMS, LDP, OSLC, RDF_TYPE } from '../../rdf/namespaces.js';
import { parseRdf, PARSEABLE_TYPES } from '../../rdf/RdfParser.js';
import { COMPUTED_TYPE_METHODS, computedWriteRejection } from '../../resources/ComputedResources.js';
import { isComputed, type ResourceTypeShape } from '../../shapes/ResourceShape.js';
import { DIALOG_HINTS } from '../../oslc/discovery/Domains.js';
import type { ServiceProviderRecord } from '../../oslc/ServiceProviderRegistry.js';
import { MethodNotAllowedHttpError, NotFoundHttpError } from '../HttpError.js';
import { readBody, requireContentType } from '../middleware/RequestBody.js';
import { chooseRepresentation } from '../Representation.js';
import type { ServerContext } from '../ServerContext.js';
import { creatorOf } from '../middleware/Authentication.js';

const ALLOWED = ['GET', 'HEAD', 'OPTIONS', 'POST'];
const PREFER_MINIMAL = ['http://www.w3.org/ns/ldp#PreferMinimalContainer'];
const OMIT_CONTAINMENT = 'http://www.w3.org/ns/ldp#PreferContainment';
const PREFER_DIALOG = 'http://open-services.net/ns/core#PreferDialog';

interface ContainerTarget {
  provider: ServiceProviderRecord;
  shape: ResourceTypeShape;
  iri: string;
}

/**
 * The creation factory of each resource type, an LDP Basic Container at `oslc/sp/{provider}/{segment}`:
 * POST creates a member (201 with Location and the new representation), GET lists members with
 * `ldp:contains` (or omits them for `Prefer: return=representation; include="ldp#PreferMinimalContainer"`),
 * and OPTIONS, HEAD and GET advertise what may be posted (OSLC Core 3.0 Discovery). The container of a
 * computed type (`dt:computedBy`) is read-only: it is no creation factory, lists no creation dialog,
 * and POST returns 405 naming the service that computes its members.
 */
export function containerRoutes(context: ServerContext): Router {
  const router = Router();
  const path = '/oslc/sp/:provider/:segment';

  router.get(path, (req, res) => list(context, req, res));
  router.head(path, (req, res) => list(context, req, res));
  router.post(path, (req, res) => create(context, req, res));
  router.options(path, (req, res) => {
    const target = resolve(context, req);
    setContainerHeaders(context, res, target);
    res.status(204).end();
  });
  router.all(path, (req) => {
    const shape = context.shapes.bySegment((req.params as { segment: string }).segment);
    throw new MethodNotAllowedHttpError(req.method, shape === undefined ? ALLOWED : allowedMethods(shape));
  });
  return router;
}

async function list(context: ServerContext, req: Request, res: Response): Promise<void> {
  const target = resolve(context, req);
  const graph = new GraphBuilder();
  graph.type(target.iri, LDP('BasicContainer'));
  if (!isComputed(target.shape)) {
    graph.type(target.iri, OSLC('CreationFactory'));
  }
  graph.literal(target.iri, DCTERMS('title'), `${target.shape.title} resources of ${target.provider.title}`);
  for (const type of target.shape.describes) {
    graph.add(target.iri, OSLC('resourceType'), type);
  }
  graph.add(target.iri, OSLC('resourceShape'), target.shape.iri);

  const prefer = req.get('Prefer');
  const minimal = prefersMinimalContainer(prefer);
  if (preferredIncludes(prefer).includes(PREFER_DIALOG)) {
    addDialogs(context, graph, target);
  }
  if (!minimal) {
    const result = await context.store.query(
      `SELECT ?s WHERE { ?s <${RDF_TYPE}> <${target.shape.describes[0]}> ; <${OSLC('serviceProvider')}> <${target.provider.iri}> } ORDER BY ?s`,
      { unionDefaultGraph: true },
    );
    if (result.type === 'bindings') {
      for (const member of readScopeOf(res).filter(result.rows.map((row) => row.get('s')!.value))) {
        graph.add(target.iri, LDP('contains'), member);
      }
    }
  }

  setContainerHeaders(context, res, target);
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache' };
  if (prefer !== undefined && /return\s*=\s*representation/.test(prefer)) {
    headers['Preference-Applied'] = 'return=representation';
  }
  await context.responder.send(req, res, graph.quads, { subject: target.iri, headers });
}

async function create(context: ServerContext, req: Request, res: Response): Promise<void> {
  const target = resolve(context, req);
  if (isComputed(target.shape)) {
    throw computedWriteRejection(context.urls, target.provider.id, target.shape, 'POST', target.iri);
  }
  const mediaType = requireContentType(req, PARSEABLE_TYPES);
  const representation = chooseRepresentation(req.headers.accept);
  const body = await readBody(req, context.config.maxBodyBytes);

  // The body is parsed against a unique temporary IRI, so `<>` and relative IRIs stand for the new resource.
  const temporaryIri = `${target.iri}/new-${randomUUID()}`;
  const quads = await parseRdf(body, mediaType, temporaryIri, context.urls.base);
  const scope = readScopeOf(res);
  scope.requireClearanceFor(quads);
  const created = await context.resources.create({ provider: target.provider.id, shape: target.shape, quads, temporaryIri, scope, creator: creatorOf(context.urls, res) });

  const found = await context.representations.get(created.iri, representation, created.version);
  res.setHeader('Location', created.iri);
  res.setHeader('Link', ['<http://www.w3.org/ns/ldp#Resource>; rel="type"', `<${target.shape.iri}>; rel="http://www.w3.org/ns/ldp#constrainedBy"`]);
  context.responder.write(req, res, found?.body ?? '', representation.contentType, { status: 201, etag: `"${created.version}"` });
}

function resolve(context: ServerContext, req: Request): ContainerTarget {
  const { provider: providerId, segment } = req.params as { provider: string; segment: string };
  const provider = context.providers.get(providerId);
  const shape = context.shapes.bySegment(segment);
  if (provider === undefined || shape === undefined) {
    throw new NotFoundHttpError(`No creation factory exists at ${context.urls.factory(providerId, segment)}; the service provider document lists the valid ones.`);
  }
  return { provider, shape, iri: context.urls.factory(provider.id, shape.pathSegment) };
}

/** Returns the methods a container accepts: no POST for a computed type. */
function allowedMethods(shape: ResourceTypeShape): readonly string[] {
  return isComputed(shape) ? COMPUTED_TYPE_METHODS : ALLOWED;
}

function setContainerHeaders(context: ServerContext, res: Response, target: ContainerTarget): void {
  const computed = isComputed(target.shape);
  res.setHeader('Allow', allowedMethods(target.shape).join(', '));
  if (!computed) {
    res.setHeader('Accept-Post', ACCEPTED_BODY_TYPES.join(', '));
  }
  const creationDialog = computed ? [] : [`<${context.urls.creationDialog(target.provider.id, target.shape.pathSegment)}>; rel="http://open-services.net/ns/core#creationDialog"`];
  res.setHeader('Link', [
    '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"',
    '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
    `<${target.shape.iri}>; rel="http://www.w3.org/ns/ldp#constrainedBy"`,
    ...target.shape.describes.map((type) => `<${type}>; rel="http://open-services.net/ns/core#resourceType"`),
    `<${context.urls.selectionDialog(target.provider.id, target.shape.pathSegment)}>; rel="http://open-services.net/ns/core#selectionDialog"`,
    ...creationDialog,
  ]);
}

/** Returns the IRIs of a Prefer header's `include` parameter (RFC 7240 with LDP 1.0, section 7.2). */
function preferredIncludes(prefer: string | undefined): string[] {
  return prefer === undefined ? [] : (/include\s*=\s*"([^"]*)"/.exec(prefer)?.[1]?.split(/\s+/) ?? []);
}

/** Returns whether a Prefer header asks for the container without its members (LDP 1.0, section 7.2). */
function prefersMinimalContainer(prefer: string | undefined): boolean {
  if (prefer === undefined) {
    return false;
  }
  const omit = /omit\s*=\s*"([^"]*)"/.exec(prefer)?.[1]?.split(/\s+/) ?? [];
  return preferredIncludes(prefer).some((value) => PREFER_MINIMAL.includes(value)) || omit.includes(OMIT_CONTAINMENT);
}

/**
 * Describes the container's dialogs in its body, as OSLC Core 3.0 Delegated Dialogs asks of a server
 * when the client's Prefer header includes oslc:PreferDialog.
 */
function addDialogs(context: ServerContext, graph: GraphBuilder, target: ContainerTarget): void {
  const dialogs: [property: string, title: string, url: string][] = [
    ['selectionDialog', `Select ${target.shape.title}`, context.urls.selectionDialog(target.provider.id, target.shape.pathSegment)],
  ];
  if (!isComputed(target.shape)) {
    dialogs.push(['creationDialog', `Create ${target.shape.title}`, context.urls.creationDialog(target.provider.id, target.shape.pathSegment)]);
  }
  for (const [property, title, url] of dialogs) {
    const dialog = graph.blank();
    graph.add(target.iri, OSLC(property), dialog);
    graph.type(dialog, OSLC('Dialog'));
    graph.literal(dialog, DCTERMS('title'), title);
    graph.literal(dialog, OSLC('label'), target.shape.title);
    graph.add(dialog, OSLC('dialog'), url);
    graph.literal(dialog, OSLC('hintWidth'), DIALOG_HINTS.width);
    graph.literal(dialog, OSLC('hintHeight'), DIALOG_HINTS.height);
    for (const type of target.shape.describes) {
      graph.add(dialog, OSLC('resourceType'), type);
    }
  }
}

import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { readScopeOf, type ReadScope } from '../../auth/ReadScope.js';
import { creationDialogPage } from '../../dialogs/CreationDialogPage.js';
import { DialogFields, type FormField } from '../../dialogs/DialogFields.js';
import { DIALOG_CONTENT_POLICY } from '../../dialogs/DialogPage.js';
import { fieldMessage } from '../../dialogs/FormMessages.js';
import { formValuesToQuads, FormValuesError, quadsToFormValues, readFormValues, type FieldError } from '../../dialogs/FormValues.js';
import { PREFILL_LIFETIME_MS, PrefillStore } from '../../dialogs/PrefillStore.js';
import { selectionDialogPage } from '../../dialogs/SelectionDialogPage.js';
import { SelectionResults } from '../../dialogs/SelectionResults.js';
import { getLogger } from '../../logging/Logger.js';
import { MediaType } from '../../rdf/MediaType.js';
import { DCTERMS } from '../../rdf/namespaces.js';
import { parseRdf, PARSEABLE_TYPES } from '../../rdf/RdfParser.js';
import type { ServiceProviderRecord } from '../../oslc/ServiceProviderRegistry.js';
import { computingServiceUrl } from '../../resources/ComputedResources.js';
import { isComputed, type ResourceTypeShape } from '../../shapes/ResourceShape.js';
import { BadRequestHttpError, GoneHttpError, HttpError, MethodNotAllowedHttpError, NotFoundHttpError, ShapeViolationHttpError } from '../HttpError.js';
import { creatorOf } from '../middleware/Authentication.js';
import { readBody, requireContentType } from '../middleware/RequestBody.js';
import type { ServerContext } from '../ServerContext.js';

const logger = getLogger('DialogHandler');

const SELECTOR_METHODS = ['GET', 'HEAD', 'OPTIONS'];
const CREATOR_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST'];

/** A dialog request resolved to its provider and resource type. */
interface DialogTarget {
  provider: ServiceProviderRecord;
  shape: ResourceTypeShape;
}

/**
 * Delegated selection and creation dialogs (OSLC Core 3.0 Delegated Dialogs) at
 * `oslc/sp/{provider}/selector` (a type chooser), `oslc/sp/{provider}/{segment}/selector` and
 * `oslc/sp/{provider}/{segment}/creator`, with the JSON endpoints their script calls. Everything a
 * dialog shows is derived from the resource shapes. Computed types (`dt:computedBy`) have selection
 * dialogs but no creation dialog.
 */
export function dialogRoutes(context: ServerContext): Router {
  const router = Router();
  const fields = new DialogFields(context.shapes, context.vocabulary);
  const results = new SelectionResults(context.queries, context.store, fields);
  const prefills = new PrefillStore();

  const chooser = '/oslc/sp/:provider/selector';
  const selector = '/oslc/sp/:provider/:segment/selector';
  const creator = '/oslc/sp/:provider/:segment/creator';

  // Dialog pages live in the host tool's iframe, so their errors (an expired prefill, an unknown type) must be
  // allowed to show there too rather than being blocked as a same-origin-only page.
  router.get([chooser, selector, creator], (_req, res, next) => {
    context.framing.allowEmbedding(res, DIALOG_CONTENT_POLICY);
    next();
  });

  // Computed types (dt:computedBy) have no creation dialog, because clients cannot create them.
  router.all([creator, `${creator}/submit`], (req, _res, next) => {
    const shape = context.shapes.bySegment((req.params as { segment: string }).segment);
    if (shape !== undefined && isComputed(shape)) {
      const provider = resolveProvider(context, req);
      throw new NotFoundHttpError(
        `No creation dialog exists for ${shape.title} resources, because the server computes them and clients cannot create them. ` +
          `POST to ${computingServiceUrl(context.urls, provider.id, shape)} to compute a new one.`,
      );
    }
    next();
  });

  router.get(chooser, (req, res) => {
    const provider = resolveProvider(context, req);
    const domain = typeof req.query.domain === 'string' ? req.query.domain : undefined;
    const types = rankByLinks(context.shapes.resourceTypes()).filter((shape) => domain === undefined || shape.serviceDomains.includes(domain));
    if (types.length === 0) {
      throw new BadRequestHttpError(`Parameter domain "${domain}" names no service domain of this provider; leave it out or use a domain from the service provider document.`);
    }
    sendDialog(context, res, selectionDialogPage(fields, selectionOptions(context, req, provider, types)));
  });

  router.get(selector, (req, res) => {
    const { provider, shape } = resolve(context, req);
    sendDialog(context, res, selectionDialogPage(fields, selectionOptions(context, req, provider, [shape])));
  });

  router.get(`${selector}/results`, async (req, res) => {
    const { provider, shape } = resolve(context, req);
    const criteria = SelectionResults.criteria(new URL(req.originalUrl, context.urls.base).searchParams);
    const page = await results.find(provider.iri, shape, criteria, readScopeOf(res));
    res.setHeader('Cache-Control', 'no-store');
    res.json(page);
  });

  router.get(creator, async (req, res) => {
    const { provider, shape } = resolve(context, req);
    const formFields = fields.formFields(shape);
    let prefill: { values: Record<string, string[]>; labels: Record<string, string> } | undefined;
    const prefillId = req.query.prefill;
    if (typeof prefillId === 'string') {
      const stored = prefills.get(prefillId, provider.id, shape.pathSegment);
      if (stored === undefined) {
        throw new GoneHttpError(`The prefilled dialog ${prefillId} has expired or never existed; prefilled dialogs last ${PREFILL_LIFETIME_MS / 60_000} minutes. POST the resource to ${context.urls.creationDialog(provider.id, shape.pathSegment)} again.`);
      }
      prefill = { values: stored.values, labels: await linkLabels(context, readScopeOf(res), stored.values, formFields) };
    }

    sendDialog(
      context,
      res,
      creationDialogPage({
        base: context.urls.base,
        providerTitle: provider.title,
        shape,
        fields: formFields,
        submitUrl: `${context.urls.creationDialog(provider.id, shape.pathSegment)}/submit`,
        pickerUrl: (field) => pickerUrl(context, provider, field),
        allowedOrigins: context.framing.allowedOrigins(),
        ...(prefill === undefined ? {} : { prefill }),
      }),
    );
  });

  // Prefill (Delegated Dialogs, "Prefilling Creation Dialogs"): the body is a partial resource, so
  // missing required values are expected; the user completes them in the dialog.
  router.post(creator, async (req, res) => {
    const { provider, shape } = resolve(context, req);
    const mediaType = requireContentType(req, PARSEABLE_TYPES);
    const body = await readBody(req, context.config.maxBodyBytes);
    const temporaryIri = `${context.urls.factory(provider.id, shape.pathSegment)}/new-${randomUUID()}`;
    const quads = await parseRdf(body, mediaType, temporaryIri, context.urls.base);
    const id = prefills.put(provider.id, shape.pathSegment, quadsToFormValues(quads, fields.formFields(shape), temporaryIri));

    const location = `${context.urls.creationDialog(provider.id, shape.pathSegment)}?prefill=${id}`;
    logger.info('Prefilled a creation dialog', { provider: provider.id, type: shape.name, prefill: id });
    res.setHeader('Location', location);
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({ dialog: location, expiresInSeconds: PREFILL_LIFETIME_MS / 1000 });
  });

  router.post(`${creator}/submit`, async (req, res) => {
    const { provider, shape } = resolve(context, req);
    try {
      await submit(context, req, res, provider, shape, fields.formFields(shape));
    } catch (error) {
      sendFormErrors(req, res, shape, error);
    }
  });

  router.options([chooser, selector], (_req, res) => {
    res.setHeader('Allow', SELECTOR_METHODS.join(', '));
    res.status(204).end();
  });
  router.options(creator, (_req, res) => {
    res.setHeader('Allow', CREATOR_METHODS.join(', '));
    res.setHeader('Accept-Post', PARSEABLE_TYPES.join(', '));
    res.status(204).end();
  });
  router.all([chooser, selector], (req) => {
    throw new MethodNotAllowedHttpError(req.method, SELECTOR_METHODS);
  });
  router.all(creator, (req) => {
    throw new MethodNotAllowedHttpError(req.method, CREATOR_METHODS);
  });
  return router;
}

/** Creates the resource through the same ResourceService as the creation factory and returns 201 with its IRI and label. */
async function submit(context: ServerContext, req: Request, res: Response, provider: ServiceProviderRecord, shape: ResourceTypeShape, formFields: FormField[]): Promise<void> {
  requireContentType(req, [MediaType.json]);
  const text = await readBody(req, context.config.maxBodyBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FormValuesError([{ message: 'The request body is not valid JSON; send {"values": {"field name": "value"}}.' }]);
  }

  const temporaryIri = `${context.urls.factory(provider.id, shape.pathSegment)}/new-${randomUUID()}`;
  const quads = formValuesToQuads(readFormValues(body, formFields), formFields, temporaryIri);
  if (quads.length === 0) {
    // An empty form has no triples to validate, so the required fields are named here.
    throw new FormValuesError(formFields.filter((field) => field.required).map((field) => ({ field: field.name, message: `${field.title} is required.` })));
  }
  const scope = readScopeOf(res);
  scope.requireClearanceFor(quads);
  const created = await context.resources.create({ provider: provider.id, shape, quads, temporaryIri, scope, creator: creatorOf(context.urls, res) });

  const stored = (await context.store.readQuads(created.iri)) ?? [];
  const value = (property: string): string | undefined => stored.find((quad) => quad.subject.value === created.iri && quad.predicate.value === property)?.object.value;
  const identifier = value(DCTERMS('identifier')) ?? '';
  const title = value(DCTERMS('title')) ?? identifier;
  logger.info('Created a resource from a creation dialog', { iri: created.iri, type: shape.name });
  res.setHeader('Location', created.iri);
  res.setHeader('Cache-Control', 'no-store');
  res.status(201).json({ resource: created.iri, label: identifier === '' ? title : `${identifier}: ${title}` });
}

/**
 * Sends the errors of a failed submission as JSON the form can place: each message with the field it concerns.
 * Shape violations name properties, which map to the fields of the same property.
 */
function sendFormErrors(req: Request, res: Response, shape: ResourceTypeShape, error: unknown): void {
  let status: number;
  let errors: FieldError[];
  if (error instanceof FormValuesError) {
    status = 400;
    errors = error.errors;
  } else if (error instanceof ShapeViolationHttpError) {
    status = 400;
    errors = error.violations.map((violation) => {
      const property = shape.properties.find((candidate) => candidate.propertyDefinition === violation.property);
      return property === undefined ? { message: violation.message } : { field: property.name, message: fieldMessage(violation, property) };
    });
  } else if (error instanceof HttpError) {
    status = error.statusCode;
    errors = [{ message: error.message }];
  } else {
    throw error;
  }
  logger.info('Rejected a creation dialog submission', { requestId: res.locals.requestId, type: shape.name, status, errors: errors.length, path: req.path });
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json({ message: `The ${shape.title} was not created; correct the fields marked below.`, errors });
}

function selectionOptions(context: ServerContext, req: Request, provider: ServiceProviderRecord, types: ResourceTypeShape[]) {
  const selection = req.query.selection;
  if (selection !== undefined && selection !== 'single' && selection !== 'multiple') {
    throw new BadRequestHttpError(`Parameter selection "${String(selection)}" is not valid; use single or multiple.`);
  }
  return {
    base: context.urls.base,
    providerTitle: provider.title,
    types,
    resultsUrl: (type: ResourceTypeShape) => `${context.urls.selectionDialog(provider.id, type.pathSegment)}/results`,
    multiple: selection !== 'single',
    allowedOrigins: context.framing.allowedOrigins(),
  };
}

/**
 * Orders the types of a type chooser by how many properties of all shapes link to them. Users most often pick
 * what other resources point at, so parts come before BOM lines. Ties keep the shape order.
 */
function rankByLinks(types: ResourceTypeShape[]): ResourceTypeShape[] {
  const linksTo = (type: ResourceTypeShape): number =>
    types.reduce((count, shape) => count + shape.properties.filter((property) => property.range !== undefined && type.describes.includes(property.range)).length, 0);
  const counts = new Map(types.map((type) => [type, linksTo(type)]));
  return [...types].sort((a, b) => counts.get(b)! - counts.get(a)!);
}

/** Returns the selection dialog a reference field opens, for one value or several. */
function pickerUrl(context: ServerContext, provider: ServiceProviderRecord, field: FormField): string {
  if (field.pickSegment === undefined) {
    return '';
  }
  return `${context.urls.selectionDialog(provider.id, field.pickSegment)}?selection=${field.multiple ? 'multiple' : 'single'}#oslc-core-postMessage-1.0`;
}

/** Looks up display labels for this server's resources among prefilled link values, for those the user may read. */
async function linkLabels(context: ServerContext, scope: ReadScope, values: Record<string, string[]>, formFields: FormField[]): Promise<Record<string, string>> {
  const labels: Record<string, string> = {};
  for (const field of formFields.filter((candidate) => candidate.control === 'reference')) {
    for (const iri of values[field.name] ?? []) {
      const quads = context.urls.parseResource(iri) === undefined || !scope.canRead(iri) ? undefined : await context.store.readQuads(iri);
      const value = (property: string): string | undefined => quads?.find((quad) => quad.subject.value === iri && quad.predicate.value === property)?.object.value;
      const identifier = value(DCTERMS('identifier'));
      const title = value(DCTERMS('title'));
      if (identifier !== undefined || title !== undefined) {
        labels[iri] = [identifier, title].filter((part) => part !== undefined).join(': ');
      }
    }
  }
  return labels;
}

function sendDialog(context: ServerContext, res: Response, html: string): void {
  context.framing.allowEmbedding(res, DIALOG_CONTENT_POLICY);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.type('html').send(html);
}

function resolveProvider(context: ServerContext, req: Request): ServiceProviderRecord {
  const { provider: providerId } = req.params as { provider: string };
  const provider = context.providers.get(providerId);
  if (provider === undefined) {
    throw new NotFoundHttpError(`No service provider ${providerId} exists; the catalog at ${context.urls.catalog} lists them.`);
  }
  return provider;
}

function resolve(context: ServerContext, req: Request): DialogTarget {
  const provider = resolveProvider(context, req);
  const { segment } = req.params as { segment: string };
  const shape = context.shapes.bySegment(segment);
  if (shape === undefined) {
    throw new NotFoundHttpError(`No resource type ${segment} exists in ${provider.title}; the service provider document ${provider.iri} lists its dialogs.`);
  }
  return { provider, shape };
}

import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import { NotFoundHttpError } from './HttpError.js';
import type { ServerContext } from './ServerContext.js';

/** Name of the view that a URL below a resource serves, as used in error messages. */
export type DerivedView = 'Compact' | 'preview';

/** A resource named by the path parameters `provider`, `segment` and `identifier`, with its type. */
export interface ResourceTarget {
  iri: string;
  shape: ResourceTypeShape;
}

/**
 * Resolves the resource of a URL below `oslc/sp/{provider}/{segment}/{identifier}/`, such as its compact
 * or preview URL. Throws 404 when the provider or type segment is unknown; whether the resource exists
 * is left to the caller, which reads the store anyway.
 */
export function resolveResourceTarget(context: ServerContext, params: Record<string, string>, view: DerivedView): ResourceTarget {
  const { provider = '', segment = '', identifier = '' } = params;
  const iri = context.urls.resource({ provider, segment, identifier });
  const shape = context.shapes.bySegment(segment);
  if (shape === undefined || context.providers.get(provider) === undefined) {
    throw missingResource(iri, view);
  }
  return { iri, shape };
}

/** Resolves the resource like resolveResourceTarget and throws 404 unless it exists. */
export async function resolveExistingResource(context: ServerContext, params: Record<string, string>, view: DerivedView): Promise<ResourceTarget> {
  const target = resolveResourceTarget(context, params, view);
  if ((await context.store.versionOf(target.iri)) === undefined) {
    throw missingResource(target.iri, view);
  }
  return target;
}

/** Returns the 404 error for a compact or preview URL whose resource does not exist. */
export function missingResource(iri: string, view: DerivedView): NotFoundHttpError {
  return new NotFoundHttpError(`No resource exists at ${iri}, so it has no ${view}; check the identifier, or find resources through the query capability.`);
}

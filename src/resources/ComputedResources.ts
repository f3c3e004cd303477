import { MethodNotAllowedHttpError } from '../http/HttpError.js';
import type { OslcUrls } from '../oslc/OslcUrls.js';
import type { ComputedShape } from '../shapes/ResourceShape.js';

/**
 * Methods a client may send to a resource of a computed type (`dt:computedBy`) and to its container.
 * Only the server's own services write such resources, so every write method is left out.
 */
export const COMPUTED_TYPE_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

/** Returns the URL of the service that computes a provider's resources of a computed type. */
export function computingServiceUrl(urls: OslcUrls, provider: string, shape: ComputedShape): string {
  return `${urls.provider(provider)}/${shape.computedBy}`;
}

/**
 * Builds the 405 Method Not Allowed for a client write to a computed type. The message names the
 * service that computes such resources, so the client learns how to get a new one.
 */
export function computedWriteRejection(urls: OslcUrls, provider: string, shape: ComputedShape, method: string, target: string): MethodNotAllowedHttpError {
  return new MethodNotAllowedHttpError(
    method,
    COMPUTED_TYPE_METHODS,
    `Method ${method} is not allowed on ${target}. ${shape.title} resources are computed by the server, and clients cannot create, replace or delete them. ` +
      `POST to ${computingServiceUrl(urls, provider, shape)} to compute a new one.`,
  );
}

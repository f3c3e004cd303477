import { CONTEXT_PATH } from '../rdf/JsonLdContext.js';

/** A resource IRI split into the parts of the URL layout. */
export interface ResourceLocation {
  provider: string;
  segment: string;
  identifier: string;
}

const PROVIDER_ID = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * The URL layout of the provider, relative to the public base URL:
 *
 *   rootservices                                  Jazz root services document
 *   oslc/catalog                                  service provider catalog
 *   oslc/sp/{provider}                            service provider (one per programme)
 *   oslc/sp/{provider}/{segment}                  creation factory and LDP container of one resource type
 *   oslc/sp/{provider}/{segment}/query            query capability
 *   oslc/sp/{provider}/{segment}/{identifier}     a resource; its named graph has the same IRI
 *   {resource}/compact                            the resource's OSLC Compact (link label, icon, previews)
 *   {resource}/preview?size=small|large           the resource's preview documents, for iframes
 *   oslc/shapes/{name}, oslc/shapes/{name}/shacl  resource shapes and the SHACL compiled from them
 *   ns, ns/context.jsonld                         vocabulary and JSON-LD context
 */
export class OslcUrls {
  public readonly rootServices: string;
  public readonly catalog: string;
  public readonly shapesBase: string;
  public readonly vocabulary: string;
  public readonly context: string;

  /** `base` is the public base URL and ends in `/`. */
  public constructor(public readonly base: string) {
    this.rootServices = `${base}rootservices`;
    this.catalog = `${base}oslc/catalog`;
    this.shapesBase = `${base}oslc/shapes/`;
    this.vocabulary = `${base}ns`;
    this.context = base + CONTEXT_PATH;
  }

  public provider(provider: string): string {
    return `${this.base}oslc/sp/${provider}`;
  }

  public factory(provider: string, segment: string): string {
    return `${this.provider(provider)}/${segment}`;
  }

  public queryBase(provider: string, segment: string): string {
    return `${this.factory(provider, segment)}/query`;
  }

  public resource(location: ResourceLocation): string {
    return `${this.factory(location.provider, location.segment)}/${encodeURIComponent(location.identifier)}`;
  }

  /** Returns the IRI of a resource's Compact (OSLC Core 3.0 Resource Preview). */
  public compact(resourceIri: string): string {
    return `${resourceIri}/compact`;
  }

  /** Returns the URL of a resource's preview document in one of the sizes a Compact offers. */
  public preview(resourceIri: string, size: 'small' | 'large'): string {
    return `${resourceIri}/preview?size=${size}`;
  }

  /** Returns the URL of a file served from `public/`, such as `icons/Part.svg`. */
  public asset(path: string): string {
    return `${this.base}assets/${path}`;
  }

  public selectionDialog(provider: string, segment?: string): string {
    return segment === undefined ? `${this.provider(provider)}/selector` : `${this.factory(provider, segment)}/selector`;
  }

  public creationDialog(provider: string, segment: string): string {
    return `${this.factory(provider, segment)}/creator`;
  }

  public shape(name: string): string {
    return this.shapesBase + name;
  }

  public user(login: string): string {
    return `${this.base}users/${encodeURIComponent(login)}`;
  }

  /** Returns the login name if `iri` is a user IRI of this server (see `user`). */
  public parseUser(iri: string): string | undefined {
    const prefix = `${this.base}users/`;
    if (!iri.startsWith(prefix) || iri.length === prefix.length) {
      return undefined;
    }
    try {
      return decodeURIComponent(iri.slice(prefix.length));
    } catch {
      return iri.slice(prefix.length);
    }
  }

  /** Returns the provider id if `iri` is a service provider IRI. */
  public parseProvider(iri: string): string | undefined {
    const prefix = `${this.base}oslc/sp/`;
    if (!iri.startsWith(prefix)) {
      return undefined;
    }
    const id = iri.slice(prefix.length);
    return PROVIDER_ID.test(id) ? id : undefined;
  }

  /** Splits a resource IRI into provider, segment and identifier, or returns undefined for other IRIs. */
  public parseResource(iri: string): ResourceLocation | undefined {
    const prefix = `${this.base}oslc/sp/`;
    if (!iri.startsWith(prefix)) {
      return undefined;
    }
    const parts = iri.slice(prefix.length).split('/');
    if (parts.length !== 3 || parts.some((part) => part === '')) {
      return undefined;
    }
    return { provider: parts[0]!, segment: parts[1]!, identifier: decodeURIComponent(parts[2]!) };
  }
}

/** Whether a string can be a service provider id (lowercase letters, digits, hyphens). */
export function isProviderId(id: string): boolean {
  return PROVIDER_ID.test(id);
}

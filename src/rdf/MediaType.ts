/** Media types the provider reads and writes. */
export const MediaType = {
  turtle: 'text/turtle',
  ntriples: 'application/n-triples',
  nquads: 'application/n-quads',
  trig: 'application/trig',
  rdfXml: 'application/rdf+xml',
  jsonLd: 'application/ld+json',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  compactXml: 'application/x-oslc-compact+xml',
  formUrlEncoded: 'application/x-www-form-urlencoded',
  sparqlQuery: 'application/sparql-query',
  sparqlUpdate: 'application/sparql-update',
} as const;

/** RDF serializations a resource can be written in. */
export type RdfFormat = 'text/turtle' | 'application/n-triples' | 'application/rdf+xml' | 'application/ld+json';

export const RDF_FORMATS: readonly RdfFormat[] = [MediaType.turtle, MediaType.rdfXml, MediaType.jsonLd, MediaType.ntriples];

/**
 * Media types accepted in POST and PUT bodies, as listed in `Accept-Post`. `application/xml` is read as
 * RDF/XML and `application/json` as JSON-LD, because OSLC 2.0 clients label their bodies that way.
 */
export const ACCEPTED_BODY_TYPES: readonly string[] = [MediaType.turtle, MediaType.jsonLd, MediaType.rdfXml, MediaType.ntriples, MediaType.xml, MediaType.json];

/** Returns the media type of a Content-Type header without parameters, lower-cased. */
export function essence(contentType: string | undefined): string | undefined {
  if (contentType === undefined) {
    return undefined;
  }
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === '' ? undefined : type;
}

import oxigraph from 'oxigraph';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { jsonLdContext, CONTEXT_PATH } from './JsonLdContext.js';
import { ACCEPTED_BODY_TYPES, MediaType } from './MediaType.js';
import { parseNTriples } from './NTriples.js';
import { firstUnclosedElement } from './XmlBalance.js';

/** The body is not valid in its declared syntax; the message gives the parser's position and reason. */
export class RdfSyntaxError extends Error {}

/** Media types `parseRdf` reads. */
export const PARSEABLE_TYPES: readonly string[] = ACCEPTED_BODY_TYPES;

/**
 * Parses an RDF document into RDF/JS quads, resolving relative IRIs against `baseIri`.
 *
 * Turtle and N-Triples go through n3. RDF/XML goes through Oxigraph's parser into a scratch store and
 * back out as N-Triples, which is faster than converting its terms one by one. JSON-LD goes through
 * jsonld.js with a document loader that serves only this server's context. Remote contexts are never
 * fetched, so a request body cannot make the server open connections.
 */
export async function parseRdf(body: string, mediaType: string, baseIri: string, serverBase: string): Promise<Quad[]> {
  switch (mediaType) {
    case MediaType.turtle:
    case MediaType.ntriples:
      return parseWithN3(body, mediaType, baseIri);
    case MediaType.rdfXml:
    case MediaType.xml:
      return parseRdfXml(body, baseIri);
    case MediaType.jsonLd:
    case MediaType.json:
      return parseJsonLd(body, baseIri, serverBase);
    default:
      throw new RdfSyntaxError(`Cannot parse media type ${mediaType}.`);
  }
}

interface JsonLdErrorDetails {
  cause?: unknown;
  event?: { code?: string; message?: string; details?: { property?: string; id?: string; value?: unknown } };
}

/**
 * jsonld.js reports safe-mode problems (a term the context does not define, an invalid IRI, an empty
 * object) as a generic "Safe mode validation error" with the specifics in `details.event`.
 */
function describeJsonLdError(error: Error, details: JsonLdErrorDetails | undefined): string {
  const event = details?.event;
  if (event === undefined) {
    return error.message;
  }
  const subject = event.details?.property ?? event.details?.id;
  const what = subject === undefined ? '' : ` "${subject}"`;
  const fixes: Record<string, string> = {
    'invalid property': 'define the term in the @context or use a full IRI',
    'invalid type value': 'use a full IRI or a term defined in the @context',
    'relative @id reference': 'use an absolute IRI',
    'invalid @id value': 'use an absolute IRI without spaces',
    'empty object': 'remove the empty object or give it properties',
  };
  const fix = event.code === undefined ? undefined : fixes[event.code];
  return `${event.message ?? event.code ?? error.message}${what}${fix === undefined ? '' : `; ${fix}`}.`;
}

function parseWithN3(body: string, mediaType: string, baseIri: string): Quad[] {
  try {
    const format = mediaType === MediaType.ntriples ? 'N-Triples' : 'Turtle';
    return new Parser({ baseIRI: baseIri, format }).parse(body) as Quad[];
  } catch (error) {
    throw new RdfSyntaxError(`Invalid ${mediaType === MediaType.ntriples ? 'N-Triples' : 'Turtle'}: ${(error as Error).message}`);
  }
}

function parseRdfXml(body: string, baseIri: string): Quad[] {
  const unclosed = firstUnclosedElement(body);
  if (unclosed !== undefined) {
    throw new RdfSyntaxError(`Invalid RDF/XML: the document ends before the element <${unclosed}> is closed; send the whole document.`);
  }
  const scratch = new oxigraph.Store();
  try {
    scratch.load(body, { format: MediaType.rdfXml, base_iri: baseIri });
  } catch (error) {
    throw new RdfSyntaxError(`Invalid RDF/XML: ${(error as Error).message}`);
  }
  return parseNTriples(scratch.dump({ format: MediaType.nquads }));
}

async function parseJsonLd(body: string, baseIri: string, serverBase: string): Promise<Quad[]> {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    throw new RdfSyntaxError(`Invalid JSON-LD: the body is not JSON (${(error as Error).message}).`);
  }

  const contextUrl = serverBase + CONTEXT_PATH;
  const documentLoader = async (url: string): Promise<{ contextUrl: undefined; documentUrl: string; document: unknown }> => {
    if (url === contextUrl) {
      return { contextUrl: undefined, documentUrl: url, document: jsonLdContext() };
    }
    throw new RdfSyntaxError(`Invalid JSON-LD: the remote context <${url}> is not fetched; inline the context or use <${contextUrl}>.`);
  };

  try {
    const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      base: baseIri,
      format: 'application/n-quads',
      documentLoader: documentLoader as unknown as jsonld.Options.DocLoader['documentLoader'],
      safe: true,
    } as jsonld.Options.ToRdf)) as unknown as string;
    return parseNTriples(nquads);
  } catch (error) {
    if (error instanceof RdfSyntaxError) {
      throw error;
    }
    const details = (error as { details?: JsonLdErrorDetails }).details;
    if (details?.cause instanceof RdfSyntaxError) {
      throw details.cause;
    }
    throw new RdfSyntaxError(`Invalid JSON-LD: ${describeJsonLdError(error as Error, details)}`);
  }
}

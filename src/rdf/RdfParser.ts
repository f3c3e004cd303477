import oxigraph from 'oxigraph';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { jsonLdContext, CONTEXT_PATH } from './JsonLdContext.js';
import { MediaType } from './MediaType.js';
import { parseNTriples } from './NTriples.js';

/** The body is not valid in its declared syntax; the message gives the parser's position and reason. */
export class RdfSyntaxError extends Error {}

/** Media types `parseRdf` reads. */
export const PARSEABLE_TYPES: readonly string[] = [
  MediaType.turtle,
  MediaType.ntriples,
  MediaType.rdfXml,
  MediaType.xml,
  MediaType.jsonLd,
  MediaType.json,
];

/**
 * Parses an RDF document into RDF/JS quads, resolving relative IRIs against `baseIri`.
 *
 * Turtle and N-Triples go through n3. RDF/XML goes through Oxigraph's parser into a scratch store and
 * back out as N-Triples, which is faster than converting its terms one by one. JSON-LD goes through
 * jsonld.js with a document loader that knows only this server's context: remote contexts are never
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

function parseWithN3(body: string, mediaType: string, baseIri: string): Quad[] {
  try {
    const format = mediaType === MediaType.ntriples ? 'N-Triples' : 'Turtle';
    return new Parser({ baseIRI: baseIri, format }).parse(body) as Quad[];
  } catch (error) {
    throw new RdfSyntaxError(`Invalid ${mediaType === MediaType.ntriples ? 'N-Triples' : 'Turtle'}: ${(error as Error).message}`);
  }
}

function parseRdfXml(body: string, baseIri: string): Quad[] {
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
    const details = (error as { details?: { cause?: Error } }).details?.cause;
    if (details instanceof RdfSyntaxError) {
      throw details;
    }
    throw new RdfSyntaxError(`Invalid JSON-LD: ${(error as Error).message}`);
  }
}

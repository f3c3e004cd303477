import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { Quad } from '@rdfjs/types';
import * as rdflib from 'rdflib';
import { parseResponse } from '../helpers/rdf.js';
import type { TestServer } from '../helpers/TestServer.js';

/** Namespace IRIs written out here, not imported from src/, so the tests do not share the server's constants. */
export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcterms: 'http://purl.org/dc/terms/',
  ldp: 'http://www.w3.org/ns/ldp#',
  sh: 'http://www.w3.org/ns/shacl#',
  oslc: 'http://open-services.net/ns/core#',
  oslc_cm: 'http://open-services.net/ns/cm#',
  oslc_rm: 'http://open-services.net/ns/rm#',
  oslc_qm: 'http://open-services.net/ns/qm#',
  oslc_plm: 'http://open-services.net/ns/plm#',
  dt: 'https://w3id.org/digital-thread/ns#',
} as const;

export const RDF_TYPE = `${NS.rdf}type`;
export const XML_LITERAL = `${NS.rdf}XMLLiteral`;

/** The four RDF media types the server writes, with the Content-Type essence each one is labelled with. */
export const RDF_MEDIA_TYPES = ['text/turtle', 'application/rdf+xml', 'application/ld+json', 'application/n-triples'] as const;

/** Accept header of a desktop browser (Firefox 128 sends this for a top-level navigation). */
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

export interface RdfResult {
  response: Response;
  quads: Quad[];
}

/** Sends a request and parses the RDF body by its Content-Type. The base IRI is the request URL. */
export async function fetchRdf(server: TestServer, path: string, init: RequestInit = {}): Promise<RdfResult> {
  const response = await server.fetch(path, init);
  const quads = await parseResponse(response, new URL(path, server.base).href, server.base);
  return { response, quads };
}

// Sends a request with node:http, which adds no headers of its own. fetch() always adds
// `Accept: */*`, so requests that must carry no Accept header go through here.
export function rawRequest(server: TestServer, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const url = new URL(path, server.base);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, timeout: 10_000 }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (Array.isArray(value)) {
            for (const item of value) {
              headers.append(name, item);
            }
          } else if (value !== undefined) {
            headers.append(name, value);
          }
        }
        const status = incoming.statusCode ?? 0;
        const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
        resolve(new Response(body, { status, headers }));
      });
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${options.method ?? 'GET'} ${url.href} timed out after 10 s`)));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Sends a GET without an Accept header and parses the RDF body. */
export async function getRdfWithoutAccept(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<RdfResult> {
  const response = await rawRequest(server, path, { headers });
  const quads = await parseResponse(response, new URL(path, server.base).href, server.base);
  return { response, quads };
}

/** GET with an Accept header (Turtle unless given). */
export function getRdf(server: TestServer, path: string, accept = 'text/turtle', headers: Record<string, string> = {}): Promise<RdfResult> {
  return fetchRdf(server, path, { headers: { Accept: accept, ...headers } });
}

/** A triple as plain values, for checks that depend on document order. */
export interface OrderedTriple {
  subject: string;
  predicate: string;
  object: string;
}

/**
 * Parses RDF/XML with rdflib, whose parser emits triples in document order. The project's parser goes
 * through a store and loses that order, but Jazz clients take "the first" element of a kind from it.
 */
export function parseRdfXmlInDocumentOrder(text: string, baseIri: string): OrderedTriple[] {
  const store = rdflib.graph();
  rdflib.parse(text, store, baseIri, 'application/rdf+xml');
  return store.statements.map((statement) => ({ subject: statement.subject.value, predicate: statement.predicate.value, object: statement.object.value }));
}

/** Returns the Content-Type without parameters, lower-cased. */
export function contentTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Objects of `predicate` on `subject`, as terms. */
export function objectTerms(quads: readonly Quad[], subject: Quad['subject'] | string, predicate: string): Quad['object'][] {
  const key = typeof subject === 'string' ? subject : subject.value;
  const kind = typeof subject === 'string' ? 'NamedNode' : subject.termType;
  return quads.filter((quad) => quad.subject.termType === kind && quad.subject.value === key && quad.predicate.value === predicate).map((quad) => quad.object);
}

/** Subject terms typed with `type`. */
export function instancesOf(quads: readonly Quad[], type: string): Quad['subject'][] {
  return quads.filter((quad) => quad.predicate.value === RDF_TYPE && quad.object.value === type).map((quad) => quad.subject);
}

/** Returns whether the graph contains the triple whose object is the IRI `object`. */
export function hasTriple(quads: readonly Quad[], subject: string, predicate: string, object: string): boolean {
  return quads.some(
    (quad) => quad.subject.value === subject && quad.predicate.value === predicate && quad.object.termType === 'NamedNode' && quad.object.value === object,
  );
}

/** Splits a Link header into `{ target, rel }` entries. */
export function linkEntries(header: string | null): { target: string; rel: string }[] {
  if (header === null) {
    return [];
  }
  const entries: { target: string; rel: string }[] = [];
  for (const match of header.matchAll(/<([^>]*)>\s*;\s*rel="([^"]*)"/g)) {
    entries.push({ target: match[1]!, rel: match[2]! });
  }
  return entries;
}

/** Splits a comma-separated header such as Allow or Vary into trimmed tokens. */
export function headerTokens(header: string | null): string[] {
  return (header ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
}

/**
 * Asserts that `quads` contain exactly one oslc:Error whose oslc:statusCode is `status` and which has
 * exactly one non-empty oslc:message. Returns the message.
 */
export function assertOslcError(quads: readonly Quad[], status: number): string {
  const errors = instancesOf(quads, `${NS.oslc}Error`);
  assert.equal(errors.length, 1, `expected one oslc:Error in the body, found ${errors.length}`);
  const error = errors[0]!;

  const codes = objectTerms(quads, error, `${NS.oslc}statusCode`);
  assert.equal(codes.length, 1, 'oslc:Error must have exactly one oslc:statusCode');
  assert.equal(codes[0]!.value, String(status));

  const messages = objectTerms(quads, error, `${NS.oslc}message`);
  assert.equal(messages.length, 1, 'oslc:Error must have exactly one oslc:message');
  assert.notEqual(messages[0]!.value.trim(), '', 'oslc:message must not be empty');
  return messages[0]!.value;
}

/** Asserts a 2xx status. */
export function assertSuccess(response: Response, request: string): void {
  assert.ok(response.status >= 200, `${request} returned ${response.status}`);
  assert.ok(response.status < 300, `${request} returned ${response.status}`);
}

/** Asserts the OSLC-Core-Version response header is a version of 2.0 or later. */
export function assertOslcVersionHeader(response: Response): void {
  const version = response.headers.get('oslc-core-version');
  assert.ok(version !== null, 'OSLC-Core-Version header is missing');
  const match = /^\s*(\d+)\.(\d+)$/.exec(version);
  assert.ok(match !== null, `OSLC-Core-Version "${version}" is not MAJOR.MINOR`);
  assert.ok(Number(match[1]) >= 2, `OSLC-Core-Version "${version}" has a major version below 2`);
}

// Request builders and checks shared by the tests of POST, PUT and DELETE.
import assert from 'node:assert/strict';
import type { Quad } from '@rdfjs/types';
import { LDP, OSLC, RDF_TYPE } from '../../src/rdf/namespaces.js';
import { parseRdf } from '../../src/rdf/RdfParser.js';
import { objects, parseResponse } from '../helpers/rdf.js';
import type { TestServer } from '../helpers/TestServer.js';

export const TURTLE_PREFIXES = `
@prefix rdf:      <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd:      <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms:  <http://purl.org/dc/terms/> .
@prefix oslc:     <http://open-services.net/ns/core#> .
@prefix oslc_cm:  <http://open-services.net/ns/cm#> .
@prefix oslc_plm: <http://open-services.net/ns/plm#> .
@prefix unit:     <http://qudt.org/vocab/unit/> .
@prefix dt:       <https://w3id.org/digital-thread/ns#> .
`;

export const PARTS = 'oslc/sp/fcc/parts';
export const NCRS = 'oslc/sp/fcc/ncrs';
export const BOM_LINES = 'oslc/sp/fcc/bom-lines';

/** Fixture resources of test/fixtures/mini-programme.trig, as paths relative to the base URL. */
export const ASSEMBLY = `${PARTS}/P-000001`;
export const SCREW = `${PARTS}/P-000003`;
export const FIXTURE_NCR = `${NCRS}/NCR-000001`;
export const FIXTURE_BOM_LINE = `${BOM_LINES}/BL-000001`;

/** Properties of a valid part, for a Turtle body whose subject is `<>`. */
export function partProperties(partNumber: string): string {
  return `dcterms:title "Bracket ${partNumber}" ; dt:partNumber "${partNumber}" ; dt:revision "A" ; dt:lifecycleState dt:InWork`;
}

/** Returns a Turtle body for a new part. `extra` is appended to the property list and starts with `;`. */
export function partTurtle(partNumber: string, extra = ''): string {
  return `${TURTLE_PREFIXES}\n<> ${partProperties(partNumber)} ${extra} .\n`;
}

/** Properties of a valid NCR against the fixture screw part. */
export function ncrProperties(base: string, title = 'Thread damage on screws'): string {
  return `dcterms:title "${title}" ; oslc_cm:status "Open" ; dt:severity dt:Minor ; dt:defectCode "THR-01" ; oslc_plm:affectsPart <${base}${SCREW}>`;
}

export function ncrTurtle(base: string, extra = ''): string {
  return `${TURTLE_PREFIXES}\n<> ${ncrProperties(base)} ${extra} .\n`;
}

/** Properties of a valid BOM line; `assembly` and `child` are paths relative to the base URL. */
export function bomLineProperties(base: string, assembly: string, child: string, quantity = '2', view: 'EBOM' | 'MBOM' = 'EBOM'): string {
  return (
    `dcterms:title "Line of ${assembly}" ; dt:assembly <${base}${assembly}> ; oslc_plm:representsPart <${base}${child}> ; ` +
    `dt:quantity ${quantity} ; dt:unitOfMeasure unit:NUM ; dt:bomView dt:${view}`
  );
}

export function bomLineTurtle(base: string, assembly: string, child: string, extra = ''): string {
  return `${TURTLE_PREFIXES}\n<> ${bomLineProperties(base, assembly, child)} ${extra} .\n`;
}

/** Sends a POST with the given body and Content-Type, and requests Turtle unless `headers` sets another Accept. */
export function post(server: TestServer, path: string, contentType: string | undefined, body: string, headers: Record<string, string> = {}): Promise<Response> {
  const allHeaders: Record<string, string> = { Accept: 'text/turtle', ...headers };
  if (contentType !== undefined) {
    allHeaders['Content-Type'] = contentType;
  }
  // A string body makes fetch add `text/plain`, so a request without Content-Type needs a byte body.
  return server.fetch(path, { method: 'POST', headers: allHeaders, body: contentType === undefined ? new TextEncoder().encode(body) : body });
}

/** Sends a PUT; `ifMatch` undefined leaves the If-Match header out. */
export function put(server: TestServer, path: string, contentType: string, body: string, ifMatch: string | undefined, headers: Record<string, string> = {}): Promise<Response> {
  const allHeaders: Record<string, string> = { Accept: 'text/turtle', 'Content-Type': contentType, ...headers };
  if (ifMatch !== undefined) {
    allHeaders['If-Match'] = ifMatch;
  }
  return server.fetch(path, { method: 'PUT', headers: allHeaders, body });
}

/** Creates a resource from a Turtle body, asserting 201, and returns its IRI and ETag. */
export async function createResource(server: TestServer, factory: string, turtle: string): Promise<{ location: string; etag: string }> {
  const response = await post(server, factory, 'text/turtle', turtle);
  const text = await response.text();
  assert.equal(response.status, 201, `POST ${factory} failed: ${text}`);
  const location = response.headers.get('location');
  const etag = response.headers.get('etag');
  assert.ok(location !== null, '201 without Location');
  assert.ok(etag !== null, '201 without ETag');
  return { location, etag };
}

export interface FetchedResource {
  status: number;
  etag: string | null;
  body: string;
  quads: Quad[];
}

/** GETs a resource (a path or a full IRI) and parses the body when the status is 200. */
export async function readResource(server: TestServer, pathOrIri: string, accept = 'text/turtle'): Promise<FetchedResource> {
  const response = await server.fetch(pathOrIri, { headers: { Accept: accept } });
  const body = await response.text();
  const iri = new URL(pathOrIri, server.base).href;
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const quads = response.status === 200 ? await parseRdf(body, mediaType, iri, server.base) : [];
  return { status: response.status, etag: response.headers.get('etag'), body, quads };
}

/** Returns the resource's body as Turtle together with its ETag, asserting 200. */
export async function readForUpdate(server: TestServer, pathOrIri: string): Promise<{ etag: string; turtle: string; quads: Quad[] }> {
  const resource = await readResource(server, pathOrIri);
  assert.equal(resource.status, 200, `GET ${pathOrIri} failed: ${resource.body}`);
  assert.ok(resource.etag !== null, `GET ${pathOrIri} has no ETag`);
  return { etag: resource.etag, turtle: resource.body, quads: resource.quads };
}

/** Returns the members a container lists with ldp:contains. */
export async function containerMembers(server: TestServer, factory: string): Promise<string[]> {
  const response = await server.fetch(factory, { headers: { Accept: 'application/n-triples' } });
  assert.equal(response.status, 200, `GET ${factory} returned ${response.status}`);
  const quads = await parseResponse(response, new URL(factory, server.base).href, server.base);
  return objects(quads, new URL(factory, server.base).href, LDP('contains')).sort();
}

/**
 * Returns every named graph of the store with its version, and the quad count. Any write changes
 * this value, so comparing it before and after a request proves that the request stored nothing.
 */
export async function storeState(server: TestServer): Promise<string[]> {
  const store = server.server.context.store;
  const graphs = (await store.graphs()).sort();
  const lines: string[] = [];
  for (const graph of graphs) {
    lines.push(`${graph} ${(await store.versionOf(graph)) ?? 'missing'}`);
  }
  lines.push(`quads ${await store.size()}`);
  return lines;
}

/**
 * Asserts that a response is an `oslc:Error` with the given status, and returns its message. The body
 * must have exactly one error node, with `oslc:statusCode` equal to the status and one `oslc:message`
 * that matches every pattern.
 */
export async function assertOslcError(response: Response, status: number, patterns: readonly RegExp[], base: string): Promise<string> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);

  const contentType = response.headers.get('content-type') ?? '';
  const quads = await parseRdf(text, contentType.split(';')[0]!.trim(), base, base);
  const errors = quads.filter((quad) => quad.predicate.value === RDF_TYPE && quad.object.value === OSLC('Error')).map((quad) => quad.subject);
  assert.equal(errors.length, 1, `expected one oslc:Error node in: ${text}`);

  const errorNode = errors[0]!;
  const valuesOf = (predicate: string): string[] =>
    quads.filter((quad) => quad.subject.equals(errorNode) && quad.predicate.value === predicate).map((quad) => quad.object.value);
  assert.deepEqual(valuesOf(OSLC('statusCode')), [String(status)]);

  const messages = valuesOf(OSLC('message'));
  assert.equal(messages.length, 1, `expected one oslc:message in: ${text}`);
  const message = messages[0]!;
  assert.notEqual(message.trim(), '');
  for (const pattern of patterns) {
    assert.match(message, pattern);
  }
  return message;
}

/** Returns the `rel` link targets of a Link header, for example the shape of `ldp#constrainedBy`. */
export function linkTargets(response: Response, rel: string): string[] {
  const header = response.headers.get('link') ?? '';
  const targets: string[] = [];
  for (const match of header.matchAll(/<([^>]*)>\s*;\s*rel="([^"]*)"/g)) {
    if (match[2] === rel) {
      targets.push(match[1]!);
    }
  }
  return targets;
}

/** Escapes a string for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

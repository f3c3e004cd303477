import jsonld from 'jsonld';
import type { Quad } from '@rdfjs/types';
import { essence } from '../../src/rdf/MediaType.js';
import { toNTriples } from '../../src/rdf/NTriples.js';
import { parseRdf } from '../../src/rdf/RdfParser.js';

/** Parses a response body by its Content-Type (Turtle, N-Triples, RDF/XML, JSON-LD). */
export async function parseResponse(response: Response, baseIri: string, serverBase: string): Promise<Quad[]> {
  const type = essence(response.headers.get('content-type') ?? undefined) ?? '';
  return parseRdf(await response.text(), type, baseIri, serverBase);
}

/** Returns a canonical N-Quads string (URDNA2015), so isomorphic graphs compare equal. */
export async function canonical(quads: readonly Quad[]): Promise<string> {
  return (await jsonld.canonize(toNTriples(quads) as unknown as jsonld.JsonLdDocument, { algorithm: 'URDNA2015', inputFormat: 'application/n-quads' } as jsonld.Options.Normalize)) as unknown as string;
}

/** Values of `predicate` on `subject`. */
export function objects(quads: readonly Quad[], subject: string, predicate: string): string[] {
  return quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate).map((quad) => quad.object.value);
}

/** Subjects that have `predicate` with `object`. */
export function subjects(quads: readonly Quad[], predicate: string, object: string): string[] {
  return quads.filter((quad) => quad.predicate.value === predicate && quad.object.value === object).map((quad) => quad.subject.value);
}

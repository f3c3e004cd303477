import jsonld from 'jsonld';
import { Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { CONTEXT_PATH, jsonLdContext } from './JsonLdContext.js';
import { MediaType, type RdfFormat } from './MediaType.js';
import { PREFIXES, RDF_TYPE } from './namespaces.js';
import { toNTriples } from './NTriples.js';
import { writeRdfXml } from './RdfXmlWriter.js';

/**
 * Serializes quads (their triples; graph components are dropped) in one of the formats the provider
 * offers. JSON-LD is compacted with the published context at `{serverBase}ns/context.jsonld`.
 */
export async function serializeRdf(quads: readonly Quad[], format: RdfFormat, serverBase: string): Promise<string> {
  switch (format) {
    case MediaType.turtle:
      return writeTurtle(quads);
    case MediaType.ntriples:
      return toNTriples(quads);
    case MediaType.rdfXml:
      return writeRdfXml(quads);
    case MediaType.jsonLd:
      return writeJsonLd(quads, serverBase);
  }
}

/** Writes Turtle with `@prefix` lines for the namespaces the triples use. */
export function writeTurtle(quads: readonly Quad[]): string {
  const used: Record<string, string> = {};
  const namespaces = Object.entries(PREFIXES);
  const mark = (iri: string): void => {
    for (const [prefix, namespace] of namespaces) {
      if (iri.startsWith(namespace)) {
        used[prefix] = namespace;
      }
    }
  };
  for (const quad of quads) {
    mark(quad.predicate.value);
    if (quad.object.termType === 'NamedNode') mark(quad.object.value);
    if (quad.object.termType === 'Literal') mark(quad.object.datatype.value);
    if (quad.subject.termType === 'NamedNode') mark(quad.subject.value);
  }

  const writer = new Writer({ prefixes: used });
  let output = '';
  // Grouping by subject, named resources before blank nodes, lets the writer use `;` lists.
  const ordered = [...quads].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  for (const quad of ordered) {
    writer.addQuad(quad.subject, quad.predicate, quad.object);
  }
  writer.end((error, result) => {
    if (error) {
      throw error;
    }
    output = result;
  });
  return output;
}

/** Orders named subjects before blank nodes, and within a subject puts rdf:type first. */
function sortKey(quad: Quad): string {
  const subject = `${quad.subject.termType === 'BlankNode' ? '1' : '0'}${quad.subject.value}`;
  const predicate = quad.predicate.value === RDF_TYPE ? '' : quad.predicate.value;
  return `${subject}\u0000${predicate}`;
}

async function writeJsonLd(quads: readonly Quad[], serverBase: string): Promise<string> {
  const contextUrl = serverBase + CONTEXT_PATH;
  const expanded = await jsonld.fromRDF(toNTriples(quads) as unknown as jsonld.JsonLdDocument, { format: 'application/n-quads' });
  const documentLoader = async (url: string): Promise<{ contextUrl: undefined; documentUrl: string; document: unknown }> => {
    if (url !== contextUrl) {
      throw new Error(`Context <${url}> is not available to the serializer.`);
    }
    return { contextUrl: undefined, documentUrl: url, document: jsonLdContext() };
  };
  const compacted = await jsonld.compact(expanded, contextUrl as unknown as jsonld.ContextDefinition, {
    documentLoader: documentLoader as unknown as jsonld.Options.DocLoader['documentLoader'],
  });
  return JSON.stringify(compacted, null, 2);
}

import type { Quad } from '@rdfjs/types';
import { GraphBuilder } from '../rdf/GraphBuilder.js';
import { DCTERMS, OSLC } from '../rdf/namespaces.js';
import { writeRdfXml } from '../rdf/RdfXmlWriter.js';
import type { CompactResource, PreviewDocument } from './CompactResource.js';

/**
 * Property that links a resource to its Compact when the Compact is inlined in the resource's RDF
 * (`Prefer: ...PreferCompact`). The OSLC Core 3.0 vocabulary defines no such property, so this is the IRI
 * that the spec's JSON-LD context (contexts/preview.jsonld) gives the `compact` key of JSON responses.
 */
export const COMPACT_LINK = OSLC('compact');

/** The JSON form of a Compact (OSLC Core 3.0 Resource Preview, "JSON Representation Format"). */
export interface CompactJson {
  title?: string;
  shortTitle?: string;
  icon: string;
  iconTitle: string;
  iconAltLabel: string;
  smallPreview: PreviewJson;
  largePreview: PreviewJson;
}

export interface PreviewJson {
  document: string;
  hintWidth: string;
  hintHeight: string;
}

/**
 * Returns the Compact as triples. The OSLC 3.0 form has the Compact's own IRI as subject. The OSLC 2.0
 * XML form describes the resource itself (`rdf:about` is the resource) and adds `oslc:initialHeight`.
 */
export function compactQuads(compact: CompactResource, form: 'oslc3' | 'oslc2' = 'oslc3'): Quad[] {
  const graph = new GraphBuilder();
  const subject = form === 'oslc3' ? compact.iri : compact.resource;
  graph.type(subject, OSLC('Compact'));
  if (compact.title !== undefined) {
    graph.literal(subject, DCTERMS('title'), compact.title);
  }
  if (compact.shortTitle !== undefined) {
    graph.literal(subject, OSLC('shortTitle'), compact.shortTitle);
  }
  graph.add(subject, OSLC('icon'), compact.icon);
  graph.literal(subject, OSLC('iconTitle'), compact.iconTitle);
  graph.literal(subject, OSLC('iconAltLabel'), compact.iconAltLabel);
  for (const [property, preview] of [
    [OSLC('smallPreview'), compact.smallPreview],
    [OSLC('largePreview'), compact.largePreview],
  ] as const) {
    const node = graph.blank();
    graph.add(subject, property, node);
    addPreview(graph, node, preview, form);
  }
  return graph.quads;
}

/**
 * Writes the OSLC 2.0 compact XML (`application/x-oslc-compact+xml`): root `rdf:RDF`, one child
 * `oslc:Compact` whose `rdf:about` is the resource, and each `oslc:Preview` nested in its property.
 */
export function compactXml(compact: CompactResource): string {
  return writeRdfXml(compactQuads(compact, 'oslc2'));
}

/** Returns the JSON form of a Compact. */
export function compactJson(compact: CompactResource): CompactJson {
  return {
    ...(compact.title === undefined ? {} : { title: compact.title }),
    ...(compact.shortTitle === undefined ? {} : { shortTitle: compact.shortTitle }),
    icon: compact.icon,
    iconTitle: compact.iconTitle,
    iconAltLabel: compact.iconAltLabel,
    smallPreview: previewJson(compact.smallPreview),
    largePreview: previewJson(compact.largePreview),
  };
}

function addPreview(graph: GraphBuilder, node: ReturnType<GraphBuilder['blank']>, preview: PreviewDocument, form: 'oslc3' | 'oslc2'): void {
  graph.type(node, OSLC('Preview'));
  graph.add(node, OSLC('document'), preview.document);
  graph.literal(node, OSLC('hintWidth'), preview.hintWidth);
  graph.literal(node, OSLC('hintHeight'), preview.hintHeight);
  if (form === 'oslc2') {
    graph.literal(node, OSLC('initialHeight'), preview.initialHeight);
  }
}

function previewJson(preview: PreviewDocument): PreviewJson {
  return { document: preview.document, hintWidth: preview.hintWidth, hintHeight: preview.hintHeight };
}

import { DataFactory, Writer } from 'n3';
import type { Quad, Quad_Object, Term } from '@rdfjs/types';
import { PREFIXES } from '../rdf/namespaces.js';
import type { GeneratedResource } from './CommonQuads.js';

const { namedNode } = DataFactory;

/** Prefixes declared in generated TriG files: only the vocabularies the sample data set uses. */
const TRIG_PREFIXES: Record<string, string> = {
  dcterms: PREFIXES.dcterms,
  oslc: PREFIXES.oslc,
  oslc_plm: PREFIXES.oslc_plm,
  oslc_cm: PREFIXES.oslc_cm,
  oslc_rm: PREFIXES.oslc_rm,
  oslc_qm: PREFIXES.oslc_qm,
  prov: PREFIXES.prov,
  dt: PREFIXES.dt,
  do178c: PREFIXES.do178c,
  unit: PREFIXES.unit,
  xsd: PREFIXES.xsd,
};

/**
 * Serializes resources as TriG, one named graph per resource, with relative IRIs kept as they are
 * (no @base) so that a parser resolves them against the server's base URL. Blank nodes that a
 * resource uses once as an object, such as effectivity records, are written inline as [ ... ].
 * A blank line separates the graphs.
 */
export function writeTrig(resources: Iterable<GeneratedResource>): string {
  const writer = new Writer({ format: 'application/trig', prefixes: TRIG_PREFIXES });
  for (const resource of resources) {
    addResource(writer, resource);
  }
  let text: string | undefined;
  writer.end((error, result: string) => {
    if (error) {
      throw error;
    }
    text = result;
  });
  if (text === undefined) {
    throw new Error('The N3 writer did not return its output synchronously.');
  }
  // Literals are escaped on one line, so a line holding only "}" always closes a graph.
  return text.replace(/^}\n/gm, '}\n\n').replace(/\n+$/, '\n');
}

function addResource(writer: Writer, resource: GeneratedResource): void {
  const graph = namedNode(resource.graph);
  const blankNodeTriples = new Map<string, Quad[]>();
  const objectUses = new Map<string, number>();
  for (const quad of resource.quads) {
    if (quad.subject.termType === 'BlankNode') {
      const triples = blankNodeTriples.get(quad.subject.value) ?? [];
      triples.push(quad);
      blankNodeTriples.set(quad.subject.value, triples);
    }
    if (quad.object.termType === 'BlankNode') {
      objectUses.set(quad.object.value, (objectUses.get(quad.object.value) ?? 0) + 1);
    }
  }
  const inline = (term: Term): boolean =>
    term.termType === 'BlankNode' && objectUses.get(term.value) === 1 && blankNodeTriples.has(term.value);

  const encodeObject = (object: Quad_Object): Quad_Object => {
    if (!inline(object)) {
      return object;
    }
    const nested = blankNodeTriples.get(object.value)!;
    return writer.blank(nested.map((quad) => ({ predicate: quad.predicate, object: encodeObject(quad.object) }))) as unknown as Quad_Object;
  };

  for (const quad of resource.quads) {
    if (inline(quad.subject)) {
      continue;
    }
    writer.addQuad(quad.subject, quad.predicate, encodeObject(quad.object), graph);
  }
}

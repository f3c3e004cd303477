import { DataFactory, Parser, Writer } from 'n3';
import type { Quad } from '@rdfjs/types';

/**
 * N-Triples is the exchange format between this process and the triple store: text crosses the engine
 * boundary far faster than term objects do.
 */

/** Serializes the quads' triples as N-Triples, one line each, dropping the graph component. */
export function toNTriples(quads: Iterable<Quad>): string {
  const writer = new Writer({ format: 'N-Triples' });
  let text = '';
  for (const quad of quads) {
    text += writer.quadToString(quad.subject, quad.predicate, quad.object);
  }
  return text;
}

/**
 * Serializes the quads' triples as N-Quads lines in the named graph `graph`. With `blankPrefix`, blank
 * node labels are prefixed, to keep them apart from labels written elsewhere into the same document.
 */
export function toNQuads(quads: Iterable<Quad>, graph: string, blankPrefix = ''): string {
  const writer = new Writer({ format: 'N-Quads' });
  const graphTerm = DataFactory.namedNode(graph);
  const relabel = <T extends Quad['subject'] | Quad['object']>(term: T): T =>
    blankPrefix !== '' && term.termType === 'BlankNode' ? (DataFactory.blankNode(blankPrefix + term.value) as unknown as T) : term;
  let text = '';
  for (const quad of quads) {
    text += writer.quadToString(relabel(quad.subject), quad.predicate, relabel(quad.object), graphTerm);
  }
  return text;
}

/** Parses N-Triples or N-Quads text into RDF/JS quads. */
export function parseNTriples(text: string): Quad[] {
  return new Parser({ format: 'N-Quads' }).parse(text) as Quad[];
}

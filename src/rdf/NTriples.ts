import { Parser, Writer } from 'n3';
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

/** Parses N-Triples or N-Quads text into RDF/JS quads. */
export function parseNTriples(text: string): Quad[] {
  return new Parser({ format: 'N-Quads' }).parse(text) as Quad[];
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { getLogger } from '../logging/Logger.js';
import { toNTriples } from '../rdf/NTriples.js';
import type { TripleStore } from '../store/TripleStore.js';

const logger = getLogger('ReferenceData');

/** Vocabulary files that are also data: they are kept in the store so queries can join against them. */
const REFERENCE_GRAPHS: { file: string; graph: string }[] = [
  { file: 'do-178c-objectives.ttl', graph: 'https://w3id.org/digital-thread/objectives/do-178c' },
  { file: 'do-254-objectives.ttl', graph: 'https://w3id.org/digital-thread/objectives/do-254' },
  { file: 'ecss-objectives.ttl', graph: 'https://w3id.org/digital-thread/objectives/ecss' },
];

/**
 * Keeps the reference graphs (such as the DO-178C objective catalogue) in the store equal to the files
 * in vocab/, writing a graph only when its content differs, so an unchanged start writes nothing.
 */
export async function synchronizeReferenceGraphs(store: TripleStore, vocabularyDirectory: string): Promise<void> {
  for (const { file, graph } of REFERENCE_GRAPHS) {
    const quads = new Parser().parse(readFileSync(join(vocabularyDirectory, file), 'utf8')) as Quad[];
    const stored = await store.readGraph(graph, 'application/n-triples');
    if (stored !== undefined && sortedLines(stored.body) === sortedLines(toNTriples(quads))) {
      continue;
    }
    await store.commit([{ graph, quads }]);
    logger.info('Updated a reference graph from its file', { graph, file, triples: quads.length });
  }
}

function sortedLines(ntriples: string): string {
  return ntriples
    .split('\n')
    .filter((line) => line.trim() !== '')
    .sort()
    .join('\n');
}

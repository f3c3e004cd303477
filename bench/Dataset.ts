import { DataFactory } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { generateProgramme, SAMPLE_SEED, scaleForTripleCount } from '../src/sample/ProgrammeGenerator.js';
import type { ImportedGraph } from '../src/store/TripleStore.js';
import { addAircraftAssembly, type AircraftBom } from './AircraftAssembly.js';

const { namedNode, quad } = DataFactory;
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Programme data of about `targetTriples` triples, from the sample generator, with IRIs under `base`,
 * and an aircraft assembly above every variant's top assembly (see AircraftAssembly.ts).
 */
export function generateDataset(targetTriples: number, base: string): { graphs: ImportedGraph[]; triples: number; scale: number; aircraft: AircraftBom } {
  const scale = scaleForTripleCount(targetTriples, SAMPLE_SEED);
  const graphs: ImportedGraph[] = [];
  let triples = 0;
  const absolute = <T extends Term>(term: T): T => (term.termType === 'NamedNode' && !ABSOLUTE.test(term.value) ? (namedNode(base + term.value) as unknown as T) : term);
  for (const resource of generateProgramme({ seed: SAMPLE_SEED, scale })) {
    const quads: Quad[] = resource.quads.map((q) => quad(absolute(q.subject), q.predicate, absolute(q.object)));
    graphs.push({ graph: ABSOLUTE.test(resource.graph) ? resource.graph : base + resource.graph, quads });
    triples += quads.length;
  }
  const aircraft = addAircraftAssembly(graphs, base);
  triples = graphs.reduce((sum, graph) => sum + graph.quads.length, 0);
  return { graphs, triples, scale, aircraft };
}

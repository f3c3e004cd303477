import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { DCTERMS, DT, OSLC, OSLC_PLM, RDF_TYPE, XSD } from '../src/rdf/namespaces.js';
import type { ImportedGraph } from '../src/store/TripleStore.js';

const { literal, namedNode, quad } = DataFactory;

/** The size of the BOM below the aircraft assembly, as the benchmark report states it. */
export interface AircraftBom {
  iri: string;
  /** BOM lines reachable from the aircraft, its own included. */
  lines: number;
  /** Distinct parts below the aircraft. */
  parts: number;
  /** Levels of the deepest path, counting the aircraft's own lines as level 1. */
  levels: number;
}

/**
 * Adds an aircraft assembly above the generated data: one part whose BOM lines use the top assembly of
 * every variant of every programme. The sample generator repeats a programme's product structure per
 * variant, so without it the largest BOM in a million triples has about a hundred parts. With it, the
 * whole-aircraft BOM explosion covers every generated BOM line.
 */
export function addAircraftAssembly(graphs: ImportedGraph[], base: string): AircraftBom {
  const assemblies = new Map<string, string[]>();
  const usedParts = new Set<string>();
  for (const graph of graphs) {
    for (const triple of graph.quads) {
      if (triple.predicate.value === DT('assembly')) {
        const children = assemblies.get(triple.object.value) ?? [];
        assemblies.set(triple.object.value, children);
        const child = graph.quads.find((candidate) => candidate.predicate.value === OSLC_PLM('representsPart'));
        if (child !== undefined) {
          children.push(child.object.value);
          usedParts.add(child.object.value);
        }
      }
    }
  }
  const tops = [...assemblies.keys()].filter((assembly) => !usedParts.has(assembly)).sort();

  const provider = `${base}oslc/sp/fcc`;
  const aircraft = `${provider}/parts/P-900000`;
  const aircraftQuads: Quad[] = [
    quad(namedNode(aircraft), namedNode(RDF_TYPE), namedNode(OSLC_PLM('Part'))),
    quad(namedNode(aircraft), namedNode(DCTERMS('identifier')), literal('P-900000')),
    quad(namedNode(aircraft), namedNode(DCTERMS('title')), literal('Benchmark aircraft (every programme variant)')),
    quad(namedNode(aircraft), namedNode(DT('partNumber')), literal('AC-BENCH-000')),
    quad(namedNode(aircraft), namedNode(OSLC('serviceProvider')), namedNode(provider)),
  ];
  const added: ImportedGraph[] = [];
  tops.forEach((top, index) => {
    const identifier = `BL-${String(900_000 + index)}`;
    const line = `${provider}/bom-lines/${identifier}`;
    aircraftQuads.push(quad(namedNode(aircraft), namedNode(OSLC_PLM('composedOfPartUsage')), namedNode(line)));
    added.push({
      graph: line,
      quads: [
        quad(namedNode(line), namedNode(RDF_TYPE), namedNode(OSLC_PLM('PartUsage'))),
        quad(namedNode(line), namedNode(DCTERMS('identifier')), literal(identifier)),
        quad(namedNode(line), namedNode(DT('assembly')), namedNode(aircraft)),
        quad(namedNode(line), namedNode(OSLC_PLM('representsPart')), namedNode(top)),
        quad(namedNode(line), namedNode(DT('quantity')), literal('1', namedNode(XSD('decimal')))),
        quad(namedNode(line), namedNode(OSLC('serviceProvider')), namedNode(provider)),
      ],
    });
  });
  graphs.push({ graph: aircraft, quads: aircraftQuads }, ...added);
  assemblies.set(aircraft, tops);
  return { iri: aircraft, ...measureBom(aircraft, assemblies) };
}

/** Walks the BOM breadth first, counting every line once per use and every part once. */
function measureBom(top: string, assemblies: Map<string, string[]>): { lines: number; parts: number; levels: number } {
  const parts = new Set<string>();
  let lines = 0;
  let levels = 0;
  let frontier = [top];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const assembly of frontier) {
      for (const child of assemblies.get(assembly) ?? []) {
        lines++;
        parts.add(child);
        next.push(child);
      }
    }
    if (next.length > 0) {
      levels++;
    }
    frontier = next;
  }
  return { lines, parts: parts.size, levels };
}

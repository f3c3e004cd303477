import oxigraph from 'oxigraph';
import type { JournalRecord } from '../store/embedded/Journal.js';
import { HIGHEST_LEVEL, levelOfNTriples, levelOfRegime, MARKED_GRAPHS_QUERY, type ReadLevel } from './ExportControl.js';

/**
 * Keeps a SPARQL worker's replica down to the graphs readable at one level, so that no query on it
 * can reach another graph: not `GRAPH ?g`, `FROM`, `FROM NAMED`, the protocol's dataset parameters
 * nor property paths, because the data is not there.
 */

/** Drops every graph marked above `level` from a freshly loaded replica and returns how many. */
export function dropGraphsAbove(store: oxigraph.Store, level: ReadLevel): number {
  const rows = store.query(MARKED_GRAPHS_QUERY) as Map<string, oxigraph.Term>[];
  const unreadable = new Set<string>();
  for (const row of rows) {
    const regime = row.get('regime')!;
    const graphLevel = regime.termType === 'NamedNode' ? levelOfRegime(regime.value) : HIGHEST_LEVEL;
    if (graphLevel > level) {
      unreadable.add(row.get('g')!.value);
    }
  }
  for (const graph of unreadable) {
    store.update(`DROP SILENT GRAPH <${graph}>`);
  }
  return unreadable.size;
}

/** Returns the graphs of an applied journal record that the replica of `level` must drop again. */
export function graphsAboveIn(record: JournalRecord, level: ReadLevel): string[] {
  return record.operations
    .filter((operation) => operation.ntriples !== undefined && levelOfNTriples(operation.graph, operation.ntriples) > level)
    .map((operation) => operation.graph);
}

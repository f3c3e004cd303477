import { errorMessage, getLogger } from '../logging/Logger.js';
import type { ChangeEvent, TripleStore } from '../store/TripleStore.js';
import { HIGHEST_LEVEL, levelOfNTriples, levelOfRegime, MARKED_GRAPHS_QUERY, UNMARKED, type ReadLevel } from './ExportControl.js';

/** Changes in one event batch above which the index is rebuilt with one query instead of graph by graph. */
const REBUILD_THRESHOLD = 1_000;

/**
 * The export-control level of every marked graph, in memory, so that a read check costs one map
 * lookup on the cached GET path. Graphs not in the map are unmarked.
 *
 * It follows the store's change events. An event marks each changed graph as ITAR at once, within the
 * commit's event-loop turn, and the graph's real level is read right after. So a graph whose marking
 * a write has just raised is never readable at its old level, even for a moment: the index fails
 * closed while it catches up.
 */
export class MarkingIndex {
  private readonly logger = getLogger('MarkingIndex');
  private readonly levels = new Map<string, ReadLevel>();
  private rebuilding: Promise<void> | undefined;
  /** Graphs changed while a rebuild runs; the rebuild's result may predate them, so they are read again. */
  private changedDuringRebuild = new Set<string>();

  public constructor(private readonly store: TripleStore) {}

  /** Reads every marking from the store and starts following changes; call before serving requests. */
  public async start(): Promise<void> {
    this.store.onChange((events) => this.changed(events));
    await this.rebuild();
  }

  /** Returns the level of a graph: 0 when it is unmarked or does not exist. */
  public levelOf(graph: string): ReadLevel {
    return this.levels.get(graph) ?? UNMARKED;
  }

  /** Returns the graphs marked above `level`. */
  public graphsAbove(level: ReadLevel): string[] {
    const graphs: string[] = [];
    for (const [graph, graphLevel] of this.levels) {
      if (graphLevel > level) {
        graphs.push(graph);
      }
    }
    return graphs;
  }

  private changed(events: readonly ChangeEvent[]): void {
    for (const event of events) {
      if (event.kind === 'deleted') {
        this.levels.delete(event.graph);
      } else {
        this.levels.set(event.graph, HIGHEST_LEVEL);
      }
      if (this.rebuilding !== undefined) {
        this.changedDuringRebuild.add(event.graph);
      }
    }
    if (events.length > REBUILD_THRESHOLD) {
      void this.rebuild().then(undefined, (error: unknown) => this.logger.error('Could not rebuild the marking index; changed graphs stay readable to ITAR-cleared users only', { error: errorMessage(error) }));
      return;
    }
    for (const event of events) {
      if (event.kind !== 'deleted') {
        void this.refresh(event.graph);
      }
    }
  }

  /** Reads one graph's marking after a change. */
  private async refresh(graph: string): Promise<void> {
    try {
      const snapshot = await this.store.readGraph(graph, 'application/n-triples');
      if (snapshot === undefined) {
        this.levels.delete(graph);
        return;
      }
      this.setLevel(graph, levelOfNTriples(graph, snapshot.body));
    } catch (error) {
      // The graph stays at ITAR level, so only fully cleared users read it until its next change.
      this.logger.error('Could not read the marking of a changed graph; it stays readable to ITAR-cleared users only', { graph, error: errorMessage(error) });
    }
  }

  /** Replaces the index with the markings the store contains now. */
  private rebuild(): Promise<void> {
    this.rebuilding ??= (async () => {
      const started = performance.now();
      try {
        const result = await this.store.query(MARKED_GRAPHS_QUERY);
        const fresh = new Map<string, ReadLevel>();
        if (result.type === 'bindings') {
          for (const row of result.rows) {
            const graph = row.get('g')!.value;
            const regime = row.get('regime')!;
            const level = regime.termType === 'NamedNode' ? levelOfRegime(regime.value) : HIGHEST_LEVEL;
            fresh.set(graph, Math.max(level, fresh.get(graph) ?? UNMARKED) as ReadLevel);
          }
        }
        this.levels.clear();
        for (const [graph, level] of fresh) {
          this.levels.set(graph, level);
        }
        const changed = [...this.changedDuringRebuild];
        this.changedDuringRebuild = new Set();
        for (const graph of changed) {
          this.levels.set(graph, HIGHEST_LEVEL);
          void this.refresh(graph);
        }
        this.logger.info('Indexed export-control markings', { markedGraphs: this.levels.size, ms: Math.round(performance.now() - started) });
      } finally {
        this.rebuilding = undefined;
      }
    })();
    return this.rebuilding;
  }

  private setLevel(graph: string, level: ReadLevel): void {
    if (level === UNMARKED) {
      this.levels.delete(graph);
    } else {
      this.levels.set(graph, level);
    }
  }
}

import { getLogger, errorMessage } from '../logging/Logger.js';
import type { QueryExecutor, SparqlRequest } from '../sparql/QueryExecutor.js';
import { SparqlUnavailableError } from '../sparql/SparqlErrors.js';
import { SparqlWorkerPool } from '../sparql/SparqlWorkerPool.js';
import { EmbeddedStore } from '../store/embedded/EmbeddedStore.js';
import type { TripleStore } from '../store/TripleStore.js';
import { HIGHEST_LEVEL, levelName, type ReadLevel } from './ExportControl.js';

export interface ReadLevelExecutorOptions {
  /** Worker threads per level. */
  size: number;
  maxResultBytes: number;
  /** A level's workers stop after this long without a query, releasing their replicas' memory. */
  idleMs: number;
}

interface LevelPool {
  pool: SparqlWorkerPool;
  lastUsed: number;
}

/**
 * SPARQL executors per export-control level. Fully cleared users share the server's own executor.
 * Every lower level gets its own worker pool, whose replicas contain only the graphs readable at that
 * level (see ReplicaFilter). A level's pool starts on its first query and stops when idle, and each
 * level in use costs one more set of replicas in memory.
 */
export class ReadLevelExecutors {
  private readonly logger = getLogger('ReadLevelExecutors');
  private readonly pools = new Map<ReadLevel, LevelPool>();
  private readonly sweeper: NodeJS.Timeout;

  public constructor(
    private readonly unrestricted: QueryExecutor,
    private readonly store: TripleStore,
    private readonly options: ReadLevelExecutorOptions,
  ) {
    this.sweeper = setInterval(() => this.stopIdle(), Math.min(options.idleMs, 60_000));
    this.sweeper.unref();
  }

  /** Returns the executor whose data is exactly what `level` may read. */
  public forLevel(level: ReadLevel): QueryExecutor {
    if (level === HIGHEST_LEVEL) {
      return this.unrestricted;
    }
    return {
      execute: (request: SparqlRequest, signal?: AbortSignal) => this.poolFor(level).execute(request, signal),
      close: async () => undefined,
    };
  }

  public async close(): Promise<void> {
    clearInterval(this.sweeper);
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((entry) => entry.pool.close()));
  }

  private poolFor(level: ReadLevel): SparqlWorkerPool {
    if (!(this.store instanceof EmbeddedStore)) {
      // NOTE: only the embedded store can build filtered replicas, so other backends reject restricted users with 503.
      throw new SparqlUnavailableError('SPARQL for users without full export-control clearance needs the embedded store.');
    }
    let entry = this.pools.get(level);
    if (entry === undefined) {
      entry = { pool: new SparqlWorkerPool(this.store, { size: this.options.size, maxResultBytes: this.options.maxResultBytes, readLevel: level }), lastUsed: Date.now() };
      this.pools.set(level, entry);
      this.logger.info('Starting SPARQL workers for an export-control level', { level: levelName(level), workers: this.options.size });
    }
    entry.lastUsed = Date.now();
    return entry.pool;
  }

  private stopIdle(): void {
    const now = Date.now();
    for (const [level, entry] of this.pools) {
      if (now - entry.lastUsed < this.options.idleMs) {
        continue;
      }
      this.pools.delete(level);
      this.logger.info('Stopping idle SPARQL workers of an export-control level', { level: levelName(level), idleMs: now - entry.lastUsed });
      entry.pool.close().catch((error: unknown) => this.logger.error('Could not stop idle SPARQL workers', { level: levelName(level), error: errorMessage(error) }));
    }
  }
}

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import oxigraph from 'oxigraph';
import type { Quad } from '@rdfjs/types';
import { getLogger, errorMessage } from '../../logging/Logger.js';
import { parseNTriples, toNQuads, toNTriples } from '../../rdf/NTriples.js';
import type {
  ChangeEvent,
  ChangeListener,
  CommitResult,
  GraphSerialization,
  GraphSnapshot,
  GraphWrite,
  ImportedGraph,
  ImportProgress,
  QueryOptions,
  QueryResult,
  TripleStore,
} from '../TripleStore.js';
import { CorruptStoreError, EncryptionKeyError, InvalidQueryError, PreconditionFailedError, StoreError } from '../StoreError.js';
import { UpdatePlanner } from '../UpdatePlanner.js';
import { detectQueryForm } from '../QueryForm.js';
import { parseSparqlJsonResults } from '../SparqlJsonResults.js';
import { parseTsvBindings } from '../TsvTerms.js';
import { DataDirectoryLock } from './DataDirectoryLock.js';
import { ALGORITHM, DataEncryption } from './DataEncryption.js';
import { Journal, type JournalOperation, type JournalRecord } from './Journal.js';
import { isEnginePanic } from './EnginePanic.js';
import { ENGINE_BYTES_PER_QUAD, ENGINE_BYTES_PER_SNAPSHOT_BYTE, reserveEngineMemory } from './EngineMemory.js';
import { GraphReplacement, MANY_WRITES } from './GraphReplacement.js';
import { SnapshotDirectory, type GraphDump } from './SnapshotDirectory.js';

/** What a replica of the store must apply: one committed record, or a full reload after an import. */
export type ReplicationEvent = { type: 'record'; record: JournalRecord } | { type: 'reset'; sequence: number };

export type ReplicationListener = (event: ReplicationEvent) => void;

export interface EmbeddedStoreOptions {
  /** Directory for the journal, snapshots and lock file; created when missing. */
  directory: string;
  /** Journal size in bytes after which a snapshot is written and the journal restarted. */
  compactAfterBytes?: number;
  /** Encryption at rest of the journal and snapshots; without it they are stored in plaintext. */
  encryption?: DataEncryption;
}

interface StoreMetadata {
  format: 1;
  /** Random id mixed into versions, so versions from a recreated store never match old ETags. */
  storeId: string;
  created: string;
  /** The key that journal and snapshots are encrypted with; absent when they are plaintext. */
  encryption?: { algorithm: typeof ALGORITHM; keyId: string };
}

const DEFAULT_COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

/**
 * Largest store dumped in one string for a snapshot. V8 strings hold at most about 536 million
 * characters and an N-Quads line takes about 120, so larger stores are dumped graph by graph.
 */
const WHOLE_DUMP_MAX_QUADS = 3_000_000;

/** N-Quads handed to the engine per load call during a bulk import. */
const IMPORT_BATCH_BYTES = 1024 * 1024;

/** Graph IRIs are embedded in SPARQL and N-Quads text, so they must not contain characters that end an IRIREF. */
const SAFE_IRI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|^`\\]*$/;

/**
 * The default TripleStore: Oxigraph (SPARQL 1.1 in WebAssembly) in memory, made durable by a
 * write-ahead journal and compacting snapshots in a data directory.
 *
 * Every write runs synchronously within one event-loop turn: apply to memory, append the journal record
 * and fdatasync it, then publish the new versions. No other request can observe a state in between,
 * and a failure at any step restores the graphs it touched. Start-up loads the newest snapshot and
 * replays the journal after it.
 */
export class EmbeddedStore implements TripleStore {
  private readonly logger = getLogger('EmbeddedStore');
  private readonly store = new oxigraph.Store();
  private readonly versions = new Map<string, string>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly replicationListeners = new Set<ReplicationListener>();
  private readonly planner = new UpdatePlanner();
  private readonly journal: Journal;
  private readonly snapshots: SnapshotDirectory;
  private readonly lock: DataDirectoryLock;
  private readonly compactAfterBytes: number;
  private readonly replacement = new GraphReplacement(this.store, (graph) => this.versions.has(graph));
  private storeId = '';
  private sequence = 0;
  private opened = false;
  private compaction: Promise<void> | undefined;
  /** Resolves when no bulk import is running; writes wait for it. */
  private writeGate: Promise<void> = Promise.resolve();
  /** Set when an import failed half-way: memory no longer matches disk until the store is reopened. */
  private broken = false;

  private readonly encryption: DataEncryption;
  private metadata: StoreMetadata | undefined;

  public constructor(private readonly options: EmbeddedStoreOptions) {
    mkdirSync(options.directory, { recursive: true });
    this.encryption = options.encryption ?? new DataEncryption(undefined);
    this.journal = new Journal(join(options.directory, 'journal'), { encryption: this.encryption });
    this.snapshots = new SnapshotDirectory(join(options.directory, 'snapshots'), { encryption: this.encryption });
    this.lock = new DataDirectoryLock(options.directory);
    this.compactAfterBytes = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES;
  }

  public async open(): Promise<void> {
    const started = performance.now();
    this.lock.acquire();
    try {
      this.metadata = this.readOrCreateMetadata();
      this.checkEncryption(this.metadata);
      this.storeId = this.metadata.storeId;
      this.snapshots.removeInterruptedWrites();
      const snapshotSequence = this.loadSnapshot();
      const replay = this.journal.replay(snapshotSequence, (record) => this.applyRecord(record));
      this.sequence = replay.lastSequence;
      this.journal.openForAppend(this.sequence + 1);
      this.opened = true;
      // After a crash before the snapshot of a large commit, every start would replay its record again
      // until new writes reach the threshold, so the snapshot starts now.
      this.compactIfJournalIsLarge();
      this.logger.info('Opened store', {
        directory: this.options.directory,
        graphs: this.versions.size,
        quads: this.store.size,
        snapshotSequence,
        replayedRecords: replay.records,
        encryption: this.encryption.currentKeyId === undefined ? 'none' : `${ALGORITHM}, key id ${this.encryption.currentKeyId}`,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  public async close(): Promise<void> {
    if (!this.opened) {
      return;
    }
    await this.compaction;
    this.journal.close();
    this.lock.release();
    this.opened = false;
    this.logger.info('Closed store', { directory: this.options.directory, sequence: this.sequence });
  }

  public async versionOf(graph: string): Promise<string | undefined> {
    return this.versions.get(graph);
  }

  /** Synchronous form of versionOf, for the request hot path. */
  public currentVersion(graph: string): string | undefined {
    return this.versions.get(graph);
  }

  public async readGraph(graph: string, format: GraphSerialization): Promise<GraphSnapshot | undefined> {
    const version = this.versions.get(graph);
    if (version === undefined) {
      return undefined;
    }
    return { version, body: this.dump(graph, format) };
  }

  public async readQuads(graph: string): Promise<Quad[] | undefined> {
    if (!this.versions.has(graph)) {
      return undefined;
    }
    return parseNTriples(this.dump(graph, 'application/n-triples'));
  }

  public async commit(writes: readonly GraphWrite[]): Promise<CommitResult> {
    await this.writeGate;
    this.assertOpen();
    // A large commit reserves engine memory before it serializes its quads. With the serialized text alive
    // as well, the reservation took 2.7 s instead of 1.1 s in one measured 100,000-line import.
    let reserved = 0;
    if (writes.length >= MANY_WRITES) {
      let quads = 0;
      for (const write of writes) {
        quads += write.quads?.length ?? 0;
      }
      reserved = quads * ENGINE_BYTES_PER_QUAD;
      reserveEngineMemory(reserved);
    }
    const prepared = writes.map((write) => ({
      graph: checkGraphIri(write.graph),
      ntriples: write.quads === null || write.quads.length === 0 ? null : toNTriples(write.quads),
      expectedVersion: write.expectedVersion,
    }));

    for (const write of prepared) {
      if (write.expectedVersion === undefined) {
        continue;
      }
      const actual = this.versions.get(write.graph);
      if ((write.expectedVersion === null && actual !== undefined) || (write.expectedVersion !== null && actual !== write.expectedVersion)) {
        throw new PreconditionFailedError(write.graph, write.expectedVersion, actual);
      }
    }

    return this.applyAndJournal(
      prepared.map((write) => ({ graph: write.graph, ntriples: write.ntriples })),
      reserved,
    );
  }

  public async query(sparql: string, options: QueryOptions = {}): Promise<QueryResult> {
    this.assertOpen();
    const form = detectQueryForm(sparql);
    if (form === 'CONSTRUCT' || form === 'DESCRIBE') {
      return { type: 'quads', quads: parseNTriples(this.runQuery(sparql, 'application/n-triples', options)) };
    }
    if (form === 'SELECT') {
      // TSV results are written and decoded faster than JSON results. A cell the decoder does not
      // support (an RDF 1.2 triple term) falls back to JSON.
      const tsv = this.runQuery(sparql, 'text/tab-separated-values', options);
      try {
        return { type: 'bindings', ...parseTsvBindings(tsv) };
      } catch {
        this.logger.debug('TSV results contain a term the decoder does not support; requesting JSON results', { query: sparql.slice(0, 200) });
      }
    }
    return parseSparqlJsonResults(this.runQuery(sparql, 'application/sparql-results+json', options));
  }

  public async queryText(sparql: string, format: string, options: QueryOptions = {}): Promise<string> {
    this.assertOpen();
    return this.runQuery(sparql, format, options);
  }

  public async update(sparql: string, options: { baseIri?: string } = {}): Promise<CommitResult> {
    await this.writeGate;
    this.assertOpen();
    const operations = this.planner.parse(sparql, options.baseIri);
    const before = new Map<string, string | null>();

    const remember = (graph: string): void => {
      if (!before.has(graph)) {
        before.set(graph, this.versions.has(graph) ? this.dump(graph, 'application/n-triples') : null);
      }
    };

    try {
      for (const operation of operations) {
        if (operation.allGraphs === true) {
          this.versions.forEach((_version, graph) => remember(graph));
        }
        operation.graphs.forEach(remember);
        if (operation.graphQuery !== undefined) {
          const result = parseSparqlJsonResults(this.runQuery(operation.graphQuery.text, 'application/sparql-results+json', {}));
          if (result.type === 'bindings') {
            for (const row of result.rows) {
              for (const variable of operation.graphQuery.variables) {
                const term = row.get(variable);
                if (term?.termType === 'NamedNode') {
                  remember(term.value);
                }
              }
            }
          }
        }
        this.store.update(operation.text);
      }
    } catch (error) {
      this.restore(before);
      throw error instanceof StoreError ? error : new InvalidQueryError(`SPARQL update failed: ${errorMessage(error)}`, { cause: error });
    }

    // Record only the graphs whose content really changed.
    const changed: { graph: string; ntriples: string | null }[] = [];
    for (const [graph, previous] of before) {
      const now = this.dump(graph, 'application/n-triples');
      const current = now === '' ? null : now;
      if (current !== previous) {
        changed.push({ graph, ntriples: current });
      }
    }
    if (changed.length === 0) {
      return { versions: new Map(), sequence: this.sequence };
    }
    return this.journalApplied(changed, before);
  }

  /**
   * Loads graphs in batches straight into the engine and makes them durable with one snapshot at the
   * end, instead of journaling every graph: about as fast as the engine's own bulk load.
   */
  public async importGraphs(source: AsyncIterable<ImportedGraph> | Iterable<ImportedGraph>, onProgress?: (progress: ImportProgress) => void): Promise<ImportProgress> {
    await this.writeGate;
    await this.compaction;
    this.assertOpen();
    let release!: () => void;
    this.writeGate = new Promise((resolve) => {
      release = resolve;
    });

    const sequence = this.sequence + 1;
    const version = `${this.storeId}.${sequence.toString(36)}`;
    const progress: ImportProgress = { graphs: 0, quads: 0 };
    const intoEmptyStore = this.store.size === 0;

    // Each batch is loaded into the engine, then handed on as N-Quads text. Blank node labels get the
    // graph's position as prefix, so labels from different parsers can never meet in one load call.
    const store = this;
    async function* loadBatches(): AsyncGenerator<{ text: string; lines: number; graphs: number }> {
      let batch: string[] = [];
      let batchGraphs: string[] = [];
      let batchQuads = 0;
      let batchBytes = 0;
      const flush = (): { text: string; lines: number; graphs: number } => {
        const text = batch.join('');
        for (const graph of batchGraphs) {
          if (store.versions.has(graph)) {
            store.store.update(`DROP SILENT GRAPH <${graph}>`);
          }
        }
        store.store.load(text, { format: 'application/n-quads', no_transaction: true });
        const events: ChangeEvent[] = batchGraphs.map((graph) => ({ graph, kind: store.versions.has(graph) ? 'modified' : 'created', version, sequence }));
        for (const graph of batchGraphs) {
          store.versions.set(graph, version);
        }
        store.publish(events);
        onProgress?.({ ...progress });
        const piece = { text, lines: batchQuads, graphs: batchGraphs.length };
        batch = [];
        batchGraphs = [];
        batchQuads = 0;
        batchBytes = 0;
        return piece;
      };

      for await (const imported of source) {
        const graph = checkGraphIri(imported.graph);
        if (imported.quads.length === 0) {
          continue;
        }
        const lines = toNQuads(imported.quads, graph, `i${progress.graphs}_`);
        batch.push(lines);
        batchGraphs.push(graph);
        batchBytes += lines.length;
        batchQuads += imported.quads.length;
        progress.graphs++;
        progress.quads += imported.quads.length;
        if (batchBytes >= IMPORT_BATCH_BYTES) {
          yield flush();
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (batchGraphs.length > 0) {
        yield flush();
      }
    }

    try {
      if (intoEmptyStore) {
        // The imported text is the whole store, so it becomes the snapshot as it is loaded.
        this.journal.rotate(sequence + 1);
        await this.snapshots.writeParts(sequence, () => Object.fromEntries(this.versions), loadBatches());
        this.sequence = sequence;
        this.journal.removeSegmentsUpTo(sequence);
        this.snapshots.removeOlderThan(sequence);
      } else {
        for await (const piece of loadBatches()) {
          void piece;
        }
        this.sequence = sequence;
        await this.writeSnapshot('whole');
      }
      this.logger.info('Imported graphs', { graphs: progress.graphs, quads: progress.quads, sequence });
      this.replicate({ type: 'reset', sequence });
      return progress;
    } catch (error) {
      this.broken = true;
      this.logger.error('Import failed; reopen the store to return to its last durable state', { error: errorMessage(error), graphs: progress.graphs });
      throw error instanceof StoreError ? error : new StoreError(`Import failed after ${progress.graphs} graphs: ${errorMessage(error)}`, { cause: error });
    } finally {
      release();
    }
  }

  public async graphs(): Promise<string[]> {
    return [...this.versions.keys()];
  }

  public async size(): Promise<number> {
    return this.store.size;
  }

  public onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Registers a listener for replicas kept in step with this store (the SPARQL workers): it gets
   * every journal record as it is committed, and a reset after a bulk import, which is not journaled
   * record by record, so the replica must reload from the data directory.
   */
  public onReplication(listener: ReplicationListener): () => void {
    this.replicationListeners.add(listener);
    return () => this.replicationListeners.delete(listener);
  }

  /** The data directory, which replicas load from. */
  public get directory(): string {
    return this.options.directory;
  }

  /** Encryption keys that replicas need to read the data directory. */
  public get encryptionKeys(): DataEncryption {
    return this.encryption;
  }

  /**
   * Rewrites the journal and snapshots under the current key, or in plaintext without one. It appends
   * an empty journal record, so the new snapshot gets a sequence of its own, writes that snapshot and
   * removes everything older. The key id goes into store.json last: until then store.json names the
   * old key, so an interrupted rotation is finished by running it again with both keys.
   */
  public async reencrypt(): Promise<{ sequence: number }> {
    await this.writeGate;
    await this.compaction;
    this.assertOpen();
    const sequence = this.sequence + 1;
    this.journal.append({ sequence, time: new Date().toISOString(), operations: [] });
    this.sequence = sequence;
    await this.writeSnapshot('whole');

    const keyId = this.encryption.currentKeyId;
    const { encryption: _previous, ...rest } = this.metadata!;
    this.metadata = keyId === undefined ? rest : { ...rest, encryption: { algorithm: ALGORITHM, keyId } };
    this.writeMetadata(this.metadata);
    this.logger.info('Rewrote the journal and snapshots under a new encryption key', { sequence, keyId: keyId ?? 'none (plaintext)' });
    return { sequence };
  }

  /** Resolves when the snapshot that a large commit started in the background is written, at once when none runs. */
  public async snapshotWritten(): Promise<void> {
    await this.compaction;
  }

  /** Sequence number of the last committed change. */
  public get lastSequence(): number {
    return this.sequence;
  }

  /**
   * Writes a snapshot of the current state and removes the journal it covers. Runs in the background,
   * yielding to requests between graphs; concurrent writes stay safe because journal operations are
   * whole-graph states, which replay correctly over a snapshot that already contains them.
   */
  public compact(): Promise<void> {
    if (this.compaction !== undefined) {
      return this.compaction;
    }
    this.compaction = this.writeSnapshot()
      .catch((error: unknown) => {
        this.logger.error('Snapshot failed; the journal is kept and the store stays durable', { error: errorMessage(error) });
      })
      .finally(() => {
        this.compaction = undefined;
      });
    return this.compaction;
  }

  /**
   * Writes a snapshot at the current sequence. `whole` dumps the store in one call, which is fastest
   * but blocks the event loop for the whole dump, so it is used only when nothing else runs (imports)
   * and while the dump fits in one JavaScript string.
   */
  private async writeSnapshot(mode: 'whole' | 'incremental' = 'incremental'): Promise<void> {
    const sequence = this.sequence;
    const versions = Object.fromEntries(this.versions);
    this.journal.rotate(sequence + 1);

    if (mode === 'whole' && this.store.size <= WHOLE_DUMP_MAX_QUADS) {
      await this.snapshots.writeDump(sequence, versions, this.store.dump({ format: 'application/n-quads' }), this.versions.size);
      this.journal.removeSegmentsUpTo(sequence);
      this.snapshots.removeOlderThan(sequence);
      return;
    }

    const graphs = [...this.versions.keys()];
    const store = this;
    async function* dumps(): AsyncGenerator<GraphDump> {
      let sinceYield = 0;
      for (const graph of graphs) {
        if (store.versions.has(graph)) {
          yield { graph, ntriples: store.dump(graph, 'application/n-triples') };
        }
        if (++sinceYield >= 500) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }

    await this.snapshots.write(sequence, versions, dumps());
    this.journal.removeSegmentsUpTo(sequence);
    this.snapshots.removeOlderThan(sequence);
  }

  /** Applies new graph states in memory, journals them durably, and publishes versions and events. */
  private applyAndJournal(writes: { graph: string; ntriples: string | null }[], reserved = 0): CommitResult {
    const before = new Map<string, string | null>();
    for (const write of writes) {
      if (!before.has(write.graph)) {
        before.set(write.graph, this.versions.has(write.graph) ? this.dump(write.graph, 'application/n-triples') : null);
      }
    }

    try {
      this.replacement.replace(writes, reserved);
    } catch (error) {
      this.restore(before);
      throw new StoreError(`The data could not be stored: ${errorMessage(error)}`, { cause: error });
    }

    return this.journalApplied(writes, before);
  }

  /** Journals changes already applied in memory; on failure restores `before` so memory matches disk. */
  private journalApplied(writes: { graph: string; ntriples: string | null }[], before: Map<string, string | null>): CommitResult {
    const sequence = this.sequence + 1;
    const version = `${this.storeId}.${sequence.toString(36)}`;
    const operations: JournalOperation[] = writes.map((write) =>
      write.ntriples === null ? { graph: write.graph, version: null } : { graph: write.graph, version, ntriples: write.ntriples },
    );

    const record: JournalRecord = { sequence, time: new Date().toISOString(), operations };
    try {
      this.journal.append(record);
    } catch (error) {
      this.restore(before);
      this.logger.error('Journal append failed; the write was rolled back', { sequence, error: errorMessage(error) });
      throw new StoreError(`The write could not be made durable: ${errorMessage(error)}`, { cause: error });
    }

    this.sequence = sequence;
    const events: ChangeEvent[] = [];
    const versions = new Map<string, string | null>();
    for (const operation of operations) {
      const existed = this.versions.has(operation.graph);
      if (operation.version === null) {
        this.versions.delete(operation.graph);
        if (existed) {
          events.push({ graph: operation.graph, kind: 'deleted', sequence });
        }
      } else {
        this.versions.set(operation.graph, operation.version);
        events.push({ graph: operation.graph, kind: existed ? 'modified' : 'created', version: operation.version, sequence });
      }
      versions.set(operation.graph, operation.version);
    }

    this.replicate({ type: 'record', record });
    this.publish(events);
    this.compactIfJournalIsLarge();
    return { versions, sequence };
  }

  private replicate(event: ReplicationEvent): void {
    for (const listener of this.replicationListeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error('A replication listener failed', { error: errorMessage(error) });
      }
    }
  }

  private publish(events: ChangeEvent[]): void {
    if (events.length === 0) {
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (error) {
        this.logger.error('A change listener failed', { error: errorMessage(error), sequence: events[0]!.sequence });
      }
    }
  }

  private compactIfJournalIsLarge(): void {
    if (this.compaction === undefined && this.journal.size >= this.compactAfterBytes) {
      this.logger.info('Journal reached the compaction threshold; writing a snapshot', { bytes: this.journal.size });
      void this.compact();
    }
  }

  private applyRecord(record: JournalRecord): void {
    this.replacement.applyRecord(record);
    for (const operation of record.operations) {
      if (operation.version === null) {
        this.versions.delete(operation.graph);
      } else {
        this.versions.set(operation.graph, operation.version);
      }
    }
  }

  private replaceGraph(graph: string, ntriples: string | null): void {
    this.replacement.replaceOne(graph, ntriples);
  }

  private restore(before: Map<string, string | null>): void {
    for (const [graph, ntriples] of before) {
      try {
        this.replaceGraph(graph, ntriples);
      } catch (error) {
        this.logger.error('Could not restore a graph after a failed write', { graph, error: errorMessage(error) });
      }
    }
  }

  private dump(graph: string, format: GraphSerialization): string {
    return this.store.dump({ format, from_graph_name: oxigraph.namedNode(graph) });
  }

  private runQuery(sparql: string, format: string, options: QueryOptions): string {
    const engineOptions: Parameters<oxigraph.Store['query']>[1] = { results_format: format };
    if (options.baseIri !== undefined) {
      engineOptions.base_iri = options.baseIri;
    }
    if (options.defaultGraphs !== undefined) {
      engineOptions.default_graph = options.defaultGraphs.map((graph) => oxigraph.namedNode(graph));
    } else if (options.unionDefaultGraph === true) {
      engineOptions.use_default_graph_as_union = true;
    }
    if (options.namedGraphs !== undefined) {
      engineOptions.named_graphs = options.namedGraphs.map((graph) => oxigraph.namedNode(graph));
    }
    try {
      return this.store.query(sparql, engineOptions) as string;
    } catch (error) {
      if (isEnginePanic(error)) {
        this.engineFailed(error);
      }
      throw new InvalidQueryError(`SPARQL query failed: ${errorMessage(error)}`, { cause: error });
    }
  }

  /**
   * Handles a panic of the WebAssembly engine, after which its memory cannot be trusted. Every
   * acknowledged write is already in the journal, so the process exits and a restart (by the service
   * manager or container runtime) recovers the last durable state.
   */
  private engineFailed(error: Error): never {
    this.broken = true;
    this.logger.error('The storage engine failed and cannot continue; exiting so a restart recovers from disk', { error: error.message });
    setImmediate(() => process.exit(70));
    throw new StoreError('The storage engine failed; the server is restarting.', { cause: error });
  }

  private loadSnapshot(): number {
    const snapshot = this.snapshots.latest();
    if (snapshot === undefined) {
      return 0;
    }
    try {
      reserveEngineMemory(this.snapshots.byteSize(snapshot) * ENGINE_BYTES_PER_SNAPSHOT_BYTE);
      this.store.load(this.snapshots.readChunks(snapshot), { format: 'application/n-quads', no_transaction: true, lenient: true });
    } catch (error) {
      throw new CorruptStoreError(`Snapshot ${snapshot.path} cannot be loaded: ${errorMessage(error)}. Restore the data directory from a backup.`, {
        cause: error,
      });
    }
    for (const [graph, version] of Object.entries(snapshot.manifest.versions)) {
      this.versions.set(graph, version);
    }
    return snapshot.manifest.sequence;
  }

  private readOrCreateMetadata(): StoreMetadata {
    const path = join(this.options.directory, 'store.json');
    if (existsSync(path)) {
      const metadata = JSON.parse(readFileSync(path, 'utf8')) as StoreMetadata;
      if (metadata.format !== 1) {
        throw new CorruptStoreError(`${path} has format ${String(metadata.format)}; this version reads format 1 only.`);
      }
      return metadata;
    }
    const keyId = this.encryption.currentKeyId;
    const metadata: StoreMetadata = {
      format: 1,
      storeId: randomBytes(4).toString('hex'),
      created: new Date().toISOString(),
      ...(keyId === undefined ? {} : { encryption: { algorithm: ALGORITHM, keyId } }),
    };
    this.writeMetadata(metadata);
    return metadata;
  }

  /** Writes store.json through a temporary file and a rename, so a crash leaves the old or the new content. */
  private writeMetadata(metadata: StoreMetadata): void {
    const path = join(this.options.directory, 'store.json');
    const temporary = `${path}.tmp`;
    writeFileSync(temporary, JSON.stringify(metadata, null, 2));
    renameSync(temporary, path);
  }

  /**
   * Compares the key store.json names with the configured keys before anything is read, so a missing
   * or wrong key stops the start with the key ids and the fix instead of a decryption error.
   */
  private checkEncryption(metadata: StoreMetadata): void {
    const stored = metadata.encryption?.keyId;
    const configured = this.encryption.currentKeyId;
    const directory = this.options.directory;
    if (stored === undefined && !this.encryption.acceptPlaintext) {
      throw new EncryptionKeyError(
        `The data directory ${directory} is not encrypted, but an encryption key (id ${configured}) is configured. ` +
          `Stop the server and encrypt it first: digital-thread encryption rotate --data ${directory} --new-key-file FILE.`,
      );
    }
    if (stored !== undefined && !this.encryption.hasKey(stored)) {
      throw new EncryptionKeyError(
        configured === undefined
          ? `The data directory ${directory} is encrypted with key id ${stored}; give that key with --encryption-key-file or DT_ENCRYPTION_KEY.`
          : `The data directory ${directory} is encrypted with key id ${stored}, but the configured key has id ${configured}. ` +
              'Give the key it was encrypted with, or finish an interrupted rotation by running digital-thread encryption rotate again with both keys.',
      );
    }
  }

  private assertOpen(): void {
    if (!this.opened) {
      throw new StoreError('The store is not open.');
    }
    if (this.broken) {
      throw new StoreError('A bulk import failed half-way; restart the server so the store reloads its last durable state.');
    }
  }
}

function checkGraphIri(graph: string): string {
  if (!SAFE_IRI.test(graph)) {
    throw new StoreError(`Invalid graph IRI <${graph}>: it must be an absolute IRI without spaces or any of <>"{}|^\`\\.`);
  }
  return graph;
}

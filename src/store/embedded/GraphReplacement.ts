import oxigraph from 'oxigraph';
import { Utf8Scratch } from '../../util/Utf8Scratch.js';
import { ENGINE_BYTES_PER_TEXT_BYTE, reserveEngineMemory } from './EngineMemory.js';
import type { JournalRecord } from './Journal.js';

/** A graph's new content as N-Triples, or null when the graph is dropped. */
export interface GraphContent {
  graph: string;
  ntriples: string | null;
}

/** Writes in one change from which graphs are replaced in batches rather than one by one. */
export const MANY_WRITES = 64;

/** Size of the largest buffer kept for the text of load calls. A graph of more text gets a buffer of its own. */
const MAX_LOAD_BUFFER_BYTES = 16 * 1024 * 1024;

/** N-Quads handed to the engine per load call when many graphs are replaced. */
const BATCH_BYTES = 1024 * 1024;

/** DROP operations per SPARQL update when many graphs are replaced. */
const DROPS_PER_UPDATE = 500;

/**
 * Replaces whole graphs in an Oxigraph store, for commits, journal replay and replicas. A few graphs
 * are replaced one by one, and many graphs, such as an import's, with few engine calls. One engine call
 * per graph costs about 0.5 ms: a journal record of 110,000 graphs took 97 s to replay that way, and
 * 9.4 s in batches.
 */
export class GraphReplacement {
  /** Encoder of the text of load calls (see loadNQuads). */
  private readonly loadText = new Utf8Scratch(MAX_LOAD_BUFFER_BYTES);

  /**
   * @param isStored Tells whether a graph may contain quads, so that only those are dropped first. A
   *   replica keeps no list of its graphs, so by default every replaced graph is dropped.
   */
  public constructor(
    private readonly store: oxigraph.Store,
    private readonly isStored: (graph: string) => boolean = () => true,
  ) {}

  /**
   * Replaces each graph's content. When a graph is written twice, the last write wins. `reserved` is the
   * engine memory the caller has already reserved for this change (see reserveEngineMemory).
   */
  public replace(writes: readonly GraphContent[], reserved = 0): void {
    if (writes.length < MANY_WRITES) {
      for (const write of writes) {
        this.replaceOne(write.graph, write.ntriples);
      }
      return;
    }
    this.replaceMany(writes, reserved);
  }

  /** Applies one journal record. Records hold whole graph states, so applying one twice is harmless. */
  public applyRecord(record: JournalRecord): void {
    this.replace(record.operations.map((operation) => ({ graph: operation.graph, ntriples: operation.ntriples ?? null })));
  }

  /** Replaces one graph's content, or drops the graph when `ntriples` is null. */
  public replaceOne(graph: string, ntriples: string | null): void {
    this.store.update(`DROP SILENT GRAPH <${graph}>`);
    if (ntriples !== null) {
      this.store.load(ntriples, { format: 'application/n-triples', to_graph_name: oxigraph.namedNode(graph) });
    }
  }

  /**
   * Drops the stored graphs in updates of DROPS_PER_UPDATE operations, then loads the new contents as
   * N-Quads in batches of about BATCH_BYTES. A graph with blank nodes loads on its own, because one load
   * call would merge equal blank node labels of different graphs.
   */
  private replaceMany(writes: readonly GraphContent[], reserved: number): void {
    const last = new Map<string, string | null>();
    for (const write of writes) {
      last.set(write.graph, write.ntriples);
    }

    const stored = [...last.keys()].filter((graph) => this.isStored(graph));
    for (let start = 0; start < stored.length; start += DROPS_PER_UPDATE) {
      this.store.update(
        stored
          .slice(start, start + DROPS_PER_UPDATE)
          .map((graph) => `DROP SILENT GRAPH <${graph}>`)
          .join(' ;\n'),
      );
    }

    let textLength = 0;
    for (const ntriples of last.values()) {
      textLength += ntriples?.length ?? 0;
    }
    // Memory that the engine freed stays with its allocator, so a reservation that the caller made for
    // this change is reused, and a new one is needed only when the text is larger than it allowed for.
    const needed = textLength * ENGINE_BYTES_PER_TEXT_BYTE;
    if (needed > reserved) {
      reserveEngineMemory(needed);
    }

    let batch = '';
    for (const [graph, ntriples] of last) {
      if (ntriples === null) {
        continue;
      }
      if (ntriples.includes('_:')) {
        this.store.load(ntriples, { format: 'application/n-triples', to_graph_name: oxigraph.namedNode(graph) });
        continue;
      }
      // N-Triples lines end in " .\n", and a line break inside a literal is always escaped.
      batch += ntriples.replaceAll(' .\n', ` <${graph}> .\n`);
      if (batch.length >= BATCH_BYTES) {
        this.loadNQuads(batch);
        batch = '';
      }
    }
    if (batch !== '') {
      this.loadNQuads(batch);
    }
  }

  /**
   * Loads N-Quads made from toNTriples output, at commit or from the journal. The writer emits only
   * valid IRIs and language tags, so Oxigraph's lenient mode skips checking them again, which saves
   * about a fifth of the load time. The engine takes UTF-8 bytes with one native copy, while an ASCII
   * string reaches it through a character loop in the wasm-bindgen glue (2 s in a CPU profile of a
   * 100,000-line import's commit).
   */
  private loadNQuads(nquads: string): void {
    this.store.load(this.loadText.encode(nquads), { format: 'application/n-quads', no_transaction: true, lenient: true });
  }
}

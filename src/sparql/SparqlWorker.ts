import { parentPort, workerData } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import { isEnginePanic } from '../store/embedded/EnginePanic.js';
import { DataEncryption } from '../store/embedded/DataEncryption.js';
import { GraphReplacement } from '../store/embedded/GraphReplacement.js';
import { loadReplica } from '../store/embedded/Replica.js';
import { dropGraphsAbove, graphsAboveIn } from '../auth/ReplicaFilter.js';
import type { ReadLevel } from '../auth/ExportControl.js';
import { ChunkBufferPool, SMALL_PIECE_CHARACTERS } from './ChunkBuffers.js';
import { isStringTooLong, resultTooLongMessage, splitText } from './ResultChunks.js';
import { lowerThreadPriority } from './ThreadPriority.js';
import { tsvToJsonResults } from './TsvToJsonResults.js';
import type { FromWorker, QueryDataset, ToWorker, WorkerData } from './WorkerMessages.js';

/**
 * A SPARQL worker thread: holds a read-only replica of the store, applies the records the main thread
 * forwards, and runs one query at a time. The main thread may terminate it at any moment (timeout,
 * client gone, fair share), which is the only way to stop a query in a synchronous engine.
 *
 * NOTE: results are not streamed. Oxigraph 0.5's `Store.query` returns the complete result, either as
 * one string (with `results_format`) or as an array of every solution, and has no iterator over
 * solutions. So the first byte goes out only after the engine has built the whole result, and the
 * `maxBytes` cap is checked against the finished string. Serializing the solution array here instead
 * took 1.5 to 2.5 times as long in a trial (300,000 rows of the sample programme, 2-core machine), and
 * still holds every solution in memory.
 */
const port = parentPort!;
const { dataDirectory, encryption, niceness } = workerData as WorkerData;
const readLevel = (workerData as WorkerData).readLevel as ReadLevel | undefined;
const started = performance.now();
// A runaway query then gives way to the main thread, which serves every other request.
const priority = lowerThreadPriority(niceness);
let store: oxigraph.Store;
let replacement: GraphReplacement;
const chunkBuffers = new ChunkBufferPool();

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function engineOptions(format: string, dataset: QueryDataset): Parameters<oxigraph.Store['query']>[1] {
  const options: Parameters<oxigraph.Store['query']>[1] = { results_format: format };
  if (dataset.baseIri !== undefined) {
    options.base_iri = dataset.baseIri;
  }
  if (dataset.defaultGraphs !== undefined) {
    options.default_graph = dataset.defaultGraphs.map((graph) => oxigraph.namedNode(graph));
  } else if (dataset.unionDefaultGraph) {
    options.use_default_graph_as_union = true;
  }
  if (dataset.namedGraphs !== undefined) {
    options.named_graphs = dataset.namedGraphs.map((graph) => oxigraph.namedNode(graph));
  }
  return options;
}

const JSON_RESULTS = 'application/sparql-results+json';
const TSV_RESULTS = 'text/tab-separated-values';

/**
 * Runs a query and returns its results as text. Solutions of a SELECT asked for as JSON are written
 * by the engine as TSV and rewritten, which is faster than the engine's own JSON (see TsvToJsonResults).
 */
function runQuery(message: Extract<ToWorker, { type: 'query' }>): string {
  if (message.form === 'SELECT' && message.format === JSON_RESULTS) {
    const json = tsvToJsonResults(String(store.query(message.query, engineOptions(TSV_RESULTS, message.dataset))));
    if (json !== undefined) {
      return json;
    }
  }
  return String(store.query(message.query, engineOptions(message.format, message.dataset)));
}

try {
  const replica = loadReplica(dataDirectory, DataEncryption.fromWorkerData(encryption));
  store = replica.store;
  replacement = new GraphReplacement(store);
  if (readLevel !== undefined) {
    dropGraphsAbove(store, readLevel);
  }
  const ready: FromWorker = { type: 'ready', sequence: replica.sequence, quads: store.size, ms: Math.round(performance.now() - started), niceness: priority.niceness };
  if (priority.error !== undefined) {
    ready.priorityError = priority.error;
  }
  send(ready);
} catch (error) {
  send({ type: 'load-failed', message: (error as Error).message });
  process.exit(1);
}

/**
 * Sends one piece of a result as UTF-8. A large piece is encoded into a reusable buffer, which the main
 * thread returns after writing it (see ChunkBuffers). A small one is copied out of Node's shared buffer
 * pool into a buffer of its own.
 */
function sendPiece(id: number, piece: string, last: boolean): void {
  if (piece.length >= SMALL_PIECE_CHARACTERS) {
    const buffer = chunkBuffers.take();
    const length = Buffer.from(buffer).write(piece, 'utf8');
    send({ type: 'chunk', id, bytes: buffer, length, reusable: true, last }, [buffer]);
    return;
  }
  const bytes = Buffer.from(piece, 'utf8');
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  send({ type: 'chunk', id, bytes: copy, last }, [copy]);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'reuse') {
    chunkBuffers.give(message.buffer);
    return;
  }
  if (message.type === 'record') {
    replacement.applyRecord(message.record);
    if (readLevel !== undefined) {
      for (const graph of graphsAboveIn(message.record, readLevel)) {
        store.update(`DROP SILENT GRAPH <${graph}>`);
      }
    }
    return;
  }

  // The pool resends a query whose worker died before this message, because such a query never ran.
  send({ type: 'started', id: message.id });
  let text: string;
  try {
    text = runQuery(message);
  } catch (error) {
    if (isEnginePanic(error)) {
      // The engine panicked (typically out of memory on a huge intermediate result) and its state can
      // no longer be trusted; report it and exit so the pool starts a fresh worker.
      send({ type: 'query-failed', id: message.id, kind: 'engine-failure', message: error.message, exiting: true });
      process.exit(1);
    }
    if (isStringTooLong(error)) {
      // V8 could not make the engine's result into a string. The error left the engine in the middle
      // of a call, so its result buffer leaks and its state is uncertain. Exit, and the pool starts a
      // fresh worker.
      send({ type: 'query-failed', id: message.id, kind: 'too-large', message: resultTooLongMessage(message.maxBytes), exiting: true });
      process.exit(1);
    }
    send({ type: 'query-failed', id: message.id, kind: 'invalid', message: (error as Error).message, exiting: false });
    return;
  }

  // UTF-8 takes at most 3 bytes for each UTF-16 code unit, so a shorter text fits without counting,
  // which saves a pass over a result of megabytes.
  if (text.length * 3 > message.maxBytes) {
    const byteLength = Buffer.byteLength(text, 'utf8');
    if (byteLength > message.maxBytes) {
      send({ type: 'query-failed', id: message.id, kind: 'too-large', message: `The result has ${byteLength} bytes, more than the limit of ${message.maxBytes}.`, exiting: false });
      return;
    }
  }
  // Encoding one chunk at a time keeps a second full-size copy of the result out of memory.
  const pieces = splitText(text);
  pieces.forEach((piece, index) => sendPiece(message.id, piece, index === pieces.length - 1));
});

import { parentPort, workerData } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import { isEnginePanic } from '../store/embedded/EnginePanic.js';
import { DataEncryption } from '../store/embedded/DataEncryption.js';
import { applyRecordTo, loadReplica } from '../store/embedded/Replica.js';
import { dropGraphsAbove, graphsAboveIn } from '../auth/ReplicaFilter.js';
import type { ReadLevel } from '../auth/ExportControl.js';
import type { FromWorker, ToWorker, WorkerData } from './WorkerMessages.js';

/**
 * A SPARQL worker thread: holds a read-only replica of the store, applies the records the main thread
 * forwards, and runs one query at a time. The main thread may terminate it at any moment (timeout,
 * client gone), which is the only way to stop a query in a synchronous engine.
 */
const CHUNK_BYTES = 1024 * 1024;

const port = parentPort!;
const { dataDirectory, encryption } = workerData as WorkerData;
const readLevel = (workerData as WorkerData).readLevel as ReadLevel | undefined;
const started = performance.now();
let store: oxigraph.Store;

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

try {
  const replica = loadReplica(dataDirectory, DataEncryption.fromWorkerData(encryption));
  store = replica.store;
  if (readLevel !== undefined) {
    dropGraphsAbove(store, readLevel);
  }
  send({ type: 'ready', sequence: replica.sequence, quads: store.size, ms: Math.round(performance.now() - started) });
} catch (error) {
  send({ type: 'load-failed', message: (error as Error).message });
  process.exit(1);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'record') {
    applyRecordTo(store, message.record);
    if (readLevel !== undefined) {
      for (const graph of graphsAboveIn(message.record, readLevel)) {
        store.update(`DROP SILENT GRAPH <${graph}>`);
      }
    }
    return;
  }

  let text: string;
  try {
    const options: Parameters<oxigraph.Store['query']>[1] = { results_format: message.format };
    if (message.dataset.baseIri !== undefined) {
      options.base_iri = message.dataset.baseIri;
    }
    if (message.dataset.defaultGraphs !== undefined) {
      options.default_graph = message.dataset.defaultGraphs.map((graph) => oxigraph.namedNode(graph));
    } else if (message.dataset.unionDefaultGraph) {
      options.use_default_graph_as_union = true;
    }
    if (message.dataset.namedGraphs !== undefined) {
      options.named_graphs = message.dataset.namedGraphs.map((graph) => oxigraph.namedNode(graph));
    }
    text = String(store.query(message.query, options));
  } catch (error) {
    if (isEnginePanic(error)) {
      // The engine panicked (typically out of memory on a huge intermediate result) and its state can
      // no longer be trusted; report it and exit so the pool starts a fresh worker.
      send({ type: 'query-failed', id: message.id, kind: 'engine-failure', message: error.message });
      process.exit(1);
    }
    send({ type: 'query-failed', id: message.id, kind: 'invalid', message: (error as Error).message });
    return;
  }

  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > message.maxBytes) {
    send({ type: 'query-failed', id: message.id, kind: 'too-large', message: `The result has ${bytes.length} bytes, more than the limit of ${message.maxBytes}.` });
    return;
  }
  for (let offset = 0; offset < bytes.length || offset === 0; offset += CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, Math.min(offset + CHUNK_BYTES, bytes.length));
    const copy = chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength) as ArrayBuffer;
    send({ type: 'chunk', id: message.id, bytes: copy, last: offset + CHUNK_BYTES >= bytes.length }, [copy]);
    if (bytes.length === 0) {
      break;
    }
  }
});

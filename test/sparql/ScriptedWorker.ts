import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../../src/sparql/WorkerMessages.js';

/**
 * A stand-in SPARQL worker for pool tests. The query text is a script: `engine-failure` reports an
 * engine failure and exits 300 ms later, ignoring further queries like a real worker whose exit is under
 * way. Any other query gets its own text back as the whole result.
 */
const port = parentPort!;
let exiting = false;

function send(message: FromWorker): void {
  port.postMessage(message);
}

send({ type: 'ready', sequence: 0, quads: 0, ms: 1 });

port.on('message', (message: ToWorker) => {
  if (message.type !== 'query' || exiting) {
    return;
  }
  if (message.query === 'engine-failure') {
    send({ type: 'query-failed', id: message.id, kind: 'engine-failure', message: 'unreachable executed', exiting: true });
    exiting = true;
    setTimeout(() => process.exit(1), 300);
    return;
  }
  const bytes = new TextEncoder().encode(message.query);
  send({ type: 'chunk', id: message.id, bytes: bytes.buffer as ArrayBuffer, last: true });
});

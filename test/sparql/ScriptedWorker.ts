import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerData } from '../../src/sparql/WorkerMessages.js';

/**
 * A stand-in SPARQL worker for pool tests. The data directory `crash-on-load` makes it exit before it
 * is ready, without a report. Otherwise the query text is a script:
 *
 * - `engine-failure` reports an engine failure and exits 300 ms later.
 * - `crash` takes the query and throws an uncaught error 100 ms later, as an engine abort would.
 * - `exit` takes the query and exits 100 ms later without a report, as a killed thread would.
 * - `answer-then-exit` answers, then exits 300 ms later.
 * - `partial` sends the first chunk of a result and never the rest.
 *
 * After a script that exits, the worker ignores further queries, like a real worker whose exit is
 * under way. Any other query gets its own text back as the whole result.
 */
const port = parentPort!;
let exiting = false;

function send(message: FromWorker): void {
  port.postMessage(message);
}

function chunk(id: number, text: string, last: boolean): FromWorker {
  const bytes = new TextEncoder().encode(text);
  return { type: 'chunk', id, bytes: bytes.buffer as ArrayBuffer, last };
}

function exitSoon(ms: number): void {
  exiting = true;
  setTimeout(() => process.exit(1), ms);
}

if ((workerData as WorkerData).dataDirectory === 'crash-on-load') {
  process.exit(1);
}
send({ type: 'ready', sequence: 0, quads: 0, ms: 1, niceness: 0 });

port.on('message', (message: ToWorker) => {
  if (message.type !== 'query' || exiting) {
    return;
  }
  send({ type: 'started', id: message.id });
  switch (message.query) {
    case 'engine-failure':
      send({ type: 'query-failed', id: message.id, kind: 'engine-failure', message: 'unreachable executed', exiting: true });
      exitSoon(300);
      return;
    case 'crash':
      exiting = true;
      setTimeout(() => {
        throw new Error('engine aborted');
      }, 100);
      return;
    case 'exit':
      exitSoon(100);
      return;
    case 'answer-then-exit':
      send(chunk(message.id, message.query, true));
      exitSoon(300);
      return;
    case 'partial':
      send(chunk(message.id, '{"head":', false));
      return;
    default:
      send(chunk(message.id, message.query, true));
  }
});

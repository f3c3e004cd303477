import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ResultTooLargeError } from '../../src/sparql/SparqlErrors.js';
import { SparqlWorkerPool } from '../../src/sparql/SparqlWorkerPool.js';
import type { EmbeddedStore } from '../../src/store/embedded/EmbeddedStore.js';

/** The pool reads only the data directory and the replication feed of its store. */
const STORE = { directory: '/nonexistent', onReplication: () => () => undefined } as unknown as EmbeddedStore;

async function collect(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) {
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

function request(query: string): Parameters<SparqlWorkerPool['execute']>[0] {
  return { query, format: 'text/plain', dataset: { unionDefaultGraph: true }, timeoutMs: 10_000 };
}

describe('SPARQL worker pool', () => {
  const pool = new SparqlWorkerPool(STORE, { size: 1, maxResultBytes: 1024, workerScript: new URL('./ScriptedWorker.js', import.meta.url) });

  after(async () => {
    await pool.close();
  });

  it('engine failure gives ResultTooLargeError', async () => {
    await assert.rejects(collect(pool.execute(request('engine-failure'))), ResultTooLargeError);
  });

  it('next query avoids the exiting worker', async () => {
    // The worker reports the failure and exits 300 ms later. A query sent in between must wait for
    // the replacement, not go to the worker that is about to exit.
    await assert.rejects(collect(pool.execute(request('engine-failure'))), ResultTooLargeError);
    assert.equal(await collect(pool.execute(request('ASK {}'))), 'ASK {}');
  });
});

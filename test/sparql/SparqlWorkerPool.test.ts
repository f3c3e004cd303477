import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { QueryTimeoutError, ResultTooLargeError, SparqlUnavailableError } from '../../src/sparql/SparqlErrors.js';
import { SparqlWorkerPool } from '../../src/sparql/SparqlWorkerPool.js';
import type { EmbeddedStore } from '../../src/store/embedded/EmbeddedStore.js';

const SCRIPTED_WORKER = new URL('./ScriptedWorker.js', import.meta.url);

/** A store as the pool sees it: the data directory handed to workers and the replication feed. */
function storeAt(directory: string): EmbeddedStore {
  return { directory, onReplication: () => () => undefined } as unknown as EmbeddedStore;
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) {
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

function request(query: string, timeoutMs = 10_000): Parameters<SparqlWorkerPool['execute']>[0] {
  return { query, format: 'text/plain', dataset: { unionDefaultGraph: true }, timeoutMs };
}

describe('SPARQL worker pool', () => {
  const pool = new SparqlWorkerPool(storeAt('/nonexistent'), { size: 1, maxResultBytes: 1024, workerScript: SCRIPTED_WORKER });

  after(async () => {
    await pool.close();
  });

  // Each script ends the only worker while it runs the query. The query fails with the error its
  // client sees, and the query sent next runs on the replacement worker.
  const deaths: { script: string; error: new (...args: never[]) => Error; message: RegExp }[] = [
    { script: 'engine-failure', error: ResultTooLargeError, message: /intermediate results larger than the engine can hold/ },
    { script: 'crash', error: SparqlUnavailableError, message: /worker stopped while running the query; send it again/ },
    { script: 'exit', error: SparqlUnavailableError, message: /worker stopped while running the query; send it again/ },
  ];
  for (const death of deaths) {
    it(`next query succeeds after ${death.script}`, async () => {
      await assert.rejects(collect(pool.execute(request(death.script))), (error: Error) => {
        assert.ok(error instanceof death.error, `${error.constructor.name}: ${error.message}`);
        assert.match(error.message, death.message);
        return true;
      });
      assert.equal(await collect(pool.execute(request('ASK {}'))), 'ASK {}');
    });
  }

  it('query sent to a dying worker is resent', async () => {
    // The worker returns the result and exits 300 ms later. The pool sends it the next query before it learns of
    // the exit; the worker never takes it, so the pool must send it to the replacement.
    assert.equal(await collect(pool.execute(request('answer-then-exit'))), 'answer-then-exit');
    assert.equal(await collect(pool.execute(request('SELECT * {}'))), 'SELECT * {}');
  });

  it('queries queued behind a death all succeed', async () => {
    const results = await Promise.allSettled([pool.execute(request('crash')), pool.execute(request('ASK {}')), pool.execute(request('SELECT * {}'))].map(collect));
    assert.equal(results[0]!.status, 'rejected');
    assert.deepEqual(
      results.slice(1).map((result) => (result.status === 'fulfilled' ? result.value : String(result.reason))),
      ['ASK {}', 'SELECT * {}'],
    );
  });

  it('timeout mid-transfer fails after the first chunk', async () => {
    const chunks: string[] = [];
    const reading = (async () => {
      for await (const chunk of pool.execute(request('partial', 300))) {
        chunks.push(chunk.toString('utf8'));
      }
    })();
    await assert.rejects(reading, QueryTimeoutError);
    assert.deepEqual(chunks, ['{"head":']);
    assert.equal(await collect(pool.execute(request('ASK {}'))), 'ASK {}');
  });
});

describe('SPARQL workers that crash while loading', () => {
  const pool = new SparqlWorkerPool(storeAt('crash-on-load'), { size: 1, maxResultBytes: 1024, workerScript: SCRIPTED_WORKER });

  after(async () => {
    await pool.close();
  });

  it('pool gives up after three starts', async () => {
    const started = Date.now();
    await assert.rejects(collect(pool.execute(request('ASK {}'))), (error: Error) => {
      assert.ok(error instanceof SparqlUnavailableError, `${error.constructor.name}: ${error.message}`);
      assert.match(error.message, /SPARQL workers cannot load the store/);
      return true;
    });
    assert.ok(Date.now() - started < 5_000, `giving up took ${Date.now() - started} ms`);
    assert.throws(() => pool.execute(request('ASK {}')), SparqlUnavailableError);
  });
});

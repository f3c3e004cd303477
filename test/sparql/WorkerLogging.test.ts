import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readRdfFile } from '../../src/load/RdfFileSource.js';
import { EmbeddedStore } from '../../src/store/embedded/EmbeddedStore.js';
import { exited, startChildServer, type ChildServer } from '../helpers/ChildServer.js';
import { freePort, MINI_PROGRAMME } from '../helpers/TestServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';

function logLines(server: ChildServer, message: string): string[] {
  return server.output().split('\n').filter((line) => line.includes(message));
}

async function sparql(server: ChildServer, query: string, requestId: string): Promise<number> {
  const response = await fetch(`${server.base}sparql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json', 'X-Request-Id': requestId },
    body: query,
  });
  await response.arrayBuffer();
  return response.status;
}

describe('SPARQL worker log lines', () => {
  const directory = temporaryDirectory('dt-worker-log-');
  let server: ChildServer;

  before(async () => {
    const port = await freePort();
    const store = new EmbeddedStore({ directory: directory.path });
    await store.open();
    await store.importGraphs(await readRdfFile(MINI_PROGRAMME, { baseIri: `http://127.0.0.1:${port}/` }));
    await store.close();
    server = await startChildServer(directory.path, port, ['--sparql-timeout', '1']);
  });

  after(async () => {
    server.process.kill('SIGTERM');
    await exited(server.process);
    directory.remove();
  });

  it('carry the id of their own request', async () => {
    // The first query starts the workers. With a timeout of 1 s it may give up waiting while they load
    // on a busy machine (a queue wait, not a timeout), so it is sent again until a worker is ready.
    let starter = 0;
    for (let attempt = 0; attempt < 10 && starter !== 200; attempt++) {
      starter = await sparql(server, 'ASK {}', 'starter-request');
    }
    assert.equal(starter, 200);
    // The second query times out, so its worker is replaced.
    assert.equal(await sparql(server, RUNAWAY, 'runaway-request'), 503);
    const deadline = Date.now() + 5_000;
    while (logLines(server, 'SPARQL worker ready').length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const timedOut = logLines(server, 'SPARQL query timed out');
    const ready = logLines(server, 'SPARQL worker ready');
    assert.equal(timedOut.length, 1, server.output());
    assert.match(timedOut[0]!, /"id":"runaway-request"/);
    assert.equal(ready.length, 3, server.output());
    for (const line of ready) {
      assert.doesNotMatch(line, /"id":/, line);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';

/** A cross join of every triple with itself four times over: far too slow to finish on purpose. */
const PATHOLOGICAL = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
const SMALL = 'PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?title WHERE { ?s dcterms:identifier "P-000002" ; dcterms:title ?title }';

async function sparql(server: TestServer, query: string, signal?: AbortSignal): Promise<Response> {
  return server.fetch('sparql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' },
    body: query,
    ...(signal === undefined ? {} : { signal }),
  });
}

async function timed(request: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

describe('runaway SPARQL queries', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ config: { sparqlTimeout: '2', sparqlWorkers: '2' } });
    // Start the workers, so their load time is not counted below.
    assert.equal((await sparql(server, SMALL)).status, 200);
  });

  after(async () => {
    await server.stop();
  });

  it('times out with 503 while other requests stay fast', async () => {
    const runaway = timed(() => sparql(server, PATHOLOGICAL));

    // While the runaway query occupies a worker, keep using the server for 1.5 s.
    const latencies: number[] = [];
    const statuses = new Set<number>();
    const deadline = Date.now() + 1_500;
    for (let round = 0; round < 500 && Date.now() < deadline; round++) {
      for (const request of [
        () => server.fetch('oslc/sp/fcc/parts/P-000002', { headers: { Accept: 'text/turtle' } }),
        () => server.fetch('oslc/sp/fcc/parts/query?oslc.where=dt:partNumber=%22FCC-310-100%22', { headers: { Accept: 'text/turtle' } }),
        () => sparql(server, SMALL),
      ]) {
        const result = await timed(request);
        latencies.push(result.ms);
        statuses.add(result.status);
      }
    }

    const result = await runaway;
    assert.equal(result.status, 503);
    assert.ok(result.ms < 4_000, `the timeout of 2 s took ${Math.round(result.ms)} ms to answer`);
    assert.deepEqual([...statuses], [200]);
    assert.ok(latencies.length >= 30, `only ${latencies.length} requests completed`);
    assert.ok(percentile(latencies, 0.99) < 100, `p99 of other requests was ${percentile(latencies, 0.99).toFixed(1)} ms`);
  });

  it('timeout message says what to do', async () => {
    const response = await sparql(server, PATHOLOGICAL);
    const body = await response.text();
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '5');
    assert.match(body, /did not finish within 2000 ms and was stopped; make it more selective/);
  });

  it('workers recover after timeouts', async () => {
    const response = await sparql(server, SMALL);
    const json = (await response.json()) as { results: { bindings: { title: { value: string } }[] } };
    assert.equal(response.status, 200);
    assert.equal(json.results.bindings[0]?.title.value, 'Processor Lane Module');
  });
});

describe('client disconnect', () => {
  let server: TestServer;

  before(async () => {
    // A long timeout, so that only the disconnect can free the workers within the test.
    server = await startTestServer({ config: { sparqlTimeout: '60', sparqlWorkers: '2' } });
    assert.equal((await sparql(server, SMALL)).status, 200);
  });

  after(async () => {
    await server.stop();
  });

  it('client disconnect stops the query', async () => {
    // Both workers get a runaway query whose client then goes away.
    const controllers = [new AbortController(), new AbortController()];
    const pending = controllers.map((controller) => sparql(server, PATHOLOGICAL, controller.signal).catch((error: unknown) => error));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const controller of controllers) {
      controller.abort();
    }
    await Promise.all(pending);

    // If the queries still ran, both workers would stay busy for a minute. Replacement workers load
    // the small test store in well under a second.
    const result = await timed(() => sparql(server, SMALL));
    assert.equal(result.status, 200);
    assert.ok(result.ms < 1_500, `a small query took ${Math.round(result.ms)} ms after the clients left`);
  });

});

describe('two concurrent runaway queries', () => {
  let server: TestServer;

  before(async () => {
    // The full default timeout: without preemption both workers would stay busy for 30 s.
    server = await startTestServer({ config: { sparqlTimeout: '30', sparqlWorkers: '2' } });
    assert.equal((await sparql(server, SMALL)).status, 200);
  });

  after(async () => {
    await server.stop();
  });

  it('small ASKs still answer', async () => {
    const controllers = [new AbortController(), new AbortController()];
    const runaways = controllers.map((controller) =>
      sparql(server, PATHOLOGICAL, controller.signal).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        () => ({ status: 0, body: 'aborted' }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    try {
      // Two ASKs one after the other. The first waits until the runaway that started first has run its
      // fair share of 5 s. By the time the second is sent, the other runaway has run 5 s too.
      for (let round = 0; round < 2; round++) {
        const result = await timed(() => sparql(server, 'ASK {}'));
        assert.equal(result.status, 200, `ASK ${round + 1} failed`);
        assert.ok(result.ms < 8_000, `ASK ${round + 1} took ${Math.round(result.ms)} ms while two runaway queries ran`);
      }
    } finally {
      for (const controller of controllers) {
        controller.abort();
      }
    }

    const stopped = (await Promise.all(runaways)).filter((runaway) => runaway.status === 503);
    assert.ok(stopped.length >= 1, 'no runaway query gave way to the ASKs');
    assert.match(stopped[0]!.body, /The server was busy: this query ran longer than 5 s while other queries waited/);
  });

  it('workers recover after preemption', async () => {
    const result = await timed(() => sparql(server, SMALL));
    assert.equal(result.status, 200);
    assert.ok(result.ms < 3_000, `a small query took ${Math.round(result.ms)} ms after the runaways were stopped`);
  });
});

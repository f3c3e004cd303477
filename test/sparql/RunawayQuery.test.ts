import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { WORKER_NICENESS } from '../../src/sparql/SparqlWorkerPool.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';

/** A cross join of every triple with itself four times over: far too slow to finish on purpose. */
const PATHOLOGICAL = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
const SMALL = 'PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?title WHERE { ?s dcterms:identifier "P-000002" ; dcterms:title ?title }';

async function sparql(server: TestServer, query: string, signal?: AbortSignal, parameters = ''): Promise<Response> {
  return server.fetch(`sparql${parameters}`, {
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

/** Returns the nearest-rank percentile: the smallest value that `fraction` of the values do not exceed. */
function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * fraction) - 1)]!;
}

/**
 * The requests that must stay fast: a resource GET, an OSLC query and a small SPARQL query. Each OSLC
 * query has a `where` clause of its own, so it runs on the store instead of coming from the member list
 * cache.
 */
function otherRequests(server: TestServer, round: number): (() => Promise<Response>)[] {
  const where = encodeURIComponent(`dt:partNumber in ["FCC-310-100","NO-SUCH-PART-${round}"]`);
  return [
    () => server.fetch('oslc/sp/fcc/parts/P-000002', { headers: { Accept: 'text/turtle' } }),
    () => server.fetch(`oslc/sp/fcc/parts/query?oslc.where=${where}`, { headers: { Accept: 'text/turtle' } }),
    () => sparql(server, SMALL),
  ];
}

/** Nice values of this process's threads, by thread id, from /proc (Linux only). */
function threadNiceness(): Map<number, number> {
  const niceness = new Map<number, number>();
  for (const thread of readdirSync('/proc/self/task')) {
    // A thread that ended after the directory was listed has no stat file any more.
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Field 19 of stat is the nice value; the fields after the parenthesised command start at field 3.
    niceness.set(Number(thread), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return niceness;
}

/** Rounds of the three requests sent before measuring, so that first-use costs (compiling, caches) are not counted. */
const WARM_UP_ROUNDS = 30;
/** At most this many rounds are measured: 900 samples, so p99 leaves out the slowest 9. */
const MAX_ROUNDS = 300;
/** Minimum number of samples for a meaningful p99, which then leaves out the slowest 3. */
const MIN_SAMPLES = 300;
/** Measuring stops after this long, well before the runaway query's timeout. */
const MEASURE_MS = 6_000;
/** The runaway query's timeout in seconds, which the server's maximum allows. */
const RUNAWAY_TIMEOUT_S = 8;

describe('runaway SPARQL queries', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ config: { sparqlTimeout: '10', sparqlWorkers: '2' } });
    // Start the workers and warm every request path, so that neither is counted below.
    assert.equal((await sparql(server, SMALL)).status, 200);
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      for (const request of otherRequests(server, -round)) {
        assert.equal((await timed(request)).status, 200);
      }
    }
  });

  after(async () => {
    await server.stop();
  });

  it('other requests keep p99 under 100 ms', async () => {
    let runawaySettled = false;
    const runaway = timed(() => sparql(server, PATHOLOGICAL, undefined, `?timeout=${RUNAWAY_TIMEOUT_S}`)).finally(() => {
      runawaySettled = true;
    });

    // Requests one after another while the runaway query occupies a worker.
    const latencies: number[] = [];
    const statuses = new Set<number>();
    const deadline = performance.now() + MEASURE_MS;
    for (let round = 0; round < MAX_ROUNDS && performance.now() < deadline; round++) {
      for (const request of otherRequests(server, round)) {
        const result = await timed(request);
        latencies.push(result.ms);
        statuses.add(result.status);
      }
    }
    const runawayRanThroughout = !runawaySettled;

    const result = await runaway;
    const p99 = percentile(latencies, 0.99);
    assert.ok(runawayRanThroughout, 'the runaway query ended before the measurement did');
    assert.equal(result.status, 503);
    assert.ok(result.ms < RUNAWAY_TIMEOUT_S * 1000 + 2_000, `the timeout of ${RUNAWAY_TIMEOUT_S} s took ${Math.round(result.ms)} ms to answer`);
    assert.deepEqual([...statuses], [200]);
    assert.ok(latencies.length >= MIN_SAMPLES, `only ${latencies.length} requests completed in ${MEASURE_MS} ms`);
    assert.ok(p99 < 100, `p99 of ${latencies.length} other requests was ${p99.toFixed(1)} ms (max ${Math.max(...latencies).toFixed(1)} ms)`);
  });

  it('timeout message says what to do', async () => {
    const response = await sparql(server, PATHOLOGICAL, undefined, '?timeout=1');
    const body = await response.text();
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '5');
    assert.match(body, /did not finish within 1000 ms and was stopped; make it more selective \(LIMIT, more specific patterns\) or ask for a longer timeout, up to timeout=10 seconds\./);
  });

  it('workers recover after timeouts', async () => {
    const response = await sparql(server, SMALL);
    const json = (await response.json()) as { results: { bindings: { title: { value: string } }[] } };
    assert.equal(response.status, 200);
    assert.equal(json.results.bindings[0]?.title.value, 'Processor Lane Module');
  });

  it('workers run at a lower priority', { skip: process.platform !== 'linux' && 'nice values are per thread on Linux only' }, async () => {
    // A worker replaced after a timeout sets its nice value once its script starts, so wait for it.
    const deadline = Date.now() + 10_000;
    let niceness = threadNiceness();
    const lowered = (): number => [...niceness.values()].filter((value) => value === WORKER_NICENESS).length;
    while (lowered() < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      niceness = threadNiceness();
    }
    assert.equal(niceness.get(process.pid), 0, 'the main thread has nice value 0');
    assert.equal(lowered(), 2, `threads and nice values: ${JSON.stringify([...niceness])}`);
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

import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import { EmbeddedStore } from '../src/store/embedded/EmbeddedStore.js';
import type { AircraftBom } from './AircraftAssembly.js';
import { formatAuthOverhead, measureAuthOverhead } from './AuthBench.js';
import { generateDataset } from './Dataset.js';
import { getLoad as getLoadWith, load as loadFor } from './Load.js';
import { measureQueries, RUNS, SPARQL_RUNS, SPARQL_WARM_UP_RUNS, WARM_UP_RUNS, type QueryMeasurement } from './QueryBench.js';
import { formatQueryTargets, formatTargets, type LoadResult, type RunFigures } from './Targets.js';
import { formatTraceabilityMeasurement, measureTraceability } from './TraceabilityBench.js';
import { exited, startChildServer } from '../test/helpers/ChildServer.js';
import { clearedRolesFile, freePort } from '../test/helpers/TestServer.js';
import { temporaryDirectory } from '../test/helpers/temporaryDirectory.js';

/**
 * `npm run bench`: measures the provider on generated programme data (about 1M triples by default)
 * and appends the results, with the machine and command, to docs/BENCHMARKS.md. Every HTTP figure is
 * also given as a ratio to a baseline measured in the same run: bare express returning the same bytes.
 *
 * Options: --triples N (default 1000000), --seconds N per load run (default 10), --import-lines N
 * (lines of the generated BOM for the import measurement, default 100000), --import-reqif-objects N
 * (SPEC-OBJECTs of the generated ReqIF document, default 10000), --auth-rounds N (rounds
 * of the authentication measurement, default 2), --only auth (load the data, then measure only the
 * cost of authentication), --no-write.
 */
const { values } = parseArgs({
  options: {
    triples: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    'no-write': { type: 'boolean', default: false },
    'import-lines': { type: 'string', default: '100000' },
    'import-reqif-objects': { type: 'string', default: '10000' },
    'auth-rounds': { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});
const TARGET_TRIPLES = Number(values.triples);
const SECONDS = Number(values.seconds);
const AUTH_ROUNDS = Number(values['auth-rounds']);
const GET_CONNECTIONS = 50;
if (values.only !== undefined && values.only !== 'auth' && values.only !== 'queries') {
  throw new Error(`--only ${values.only} is not a part of the benchmark; use auth or queries.`);
}
/** A start-up slower than the 10 s target is measured and reported, not treated as a failure. */
const START_TIMEOUT_MS = 120_000;

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function rssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function load(options: autocannon.Options): Promise<LoadResult> {
  return loadFor(options, SECONDS);
}

/** Random GETs over the given paths, after a warm-up pass that fills the representation cache. */
function getLoad(base: string, paths: string[], accept: string): Promise<LoadResult> {
  return getLoadWith(base, paths, { accept, seconds: SECONDS, connections: GET_CONNECTIONS });
}

async function startBareExpress(port: number, bodyFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'bench', 'BareExpressServer.js'), String(port), bodyFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare express exited with ${code}`)));
  });
  return child;
}

function partBody(i: number): string {
  return `PREFIX dt: <https://w3id.org/digital-thread/ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
<> dcterms:title "Benchmark bracket ${i}" ; dt:partNumber "BENCH-${i}" ; dt:revision "A" ; dt:lifecycleState dt:InWork ; dt:mass 0.25 ; dt:material "Al 7075-T7351" .`;
}

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  const directory = temporaryDirectory('dt-bench-');
  const settings = temporaryDirectory('dt-bench-settings-');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const results: Record<string, string> = {};

  try {
    // 1. Data: generate, then bulk-load into a fresh data directory (journal-free import plus one snapshot).
    let started = performance.now();
    const dataset = generateDataset(TARGET_TRIPLES, base);
    const generateSeconds = (performance.now() - started) / 1000;
    log(`generated ${dataset.triples} triples in ${dataset.graphs.length} graphs (scale ${dataset.scale}) in ${generateSeconds.toFixed(1)} s`);

    const store = new EmbeddedStore({ directory: directory.path });
    await store.open();
    started = performance.now();
    await store.importGraphs(dataset.graphs);
    const loadSeconds = (performance.now() - started) / 1000;
    await store.close();
    writeFileSync(join(directory.path, 'server.json'), JSON.stringify({ baseUrl: base }));
    const parts = dataset.graphs.filter((graph) => graph.graph.includes('/parts/')).map((graph) => graph.graph.slice(base.length - 1));
    const triples = dataset.triples;
    const aircraft = dataset.aircraft;
    dataset.graphs.length = 0;
    results.load = `${loadSeconds.toFixed(1)} s, ${Math.round(triples / loadSeconds).toLocaleString('en-US')} triples/s (generation ${generateSeconds.toFixed(1)} s, not included)`;
    log(`loaded in ${loadSeconds.toFixed(1)} s`);

    if (values.only === 'auth') {
      const auth = await measureAuthOverhead({ directory: directory.path, port, parts, seconds: SECONDS, connections: GET_CONNECTIONS, rounds: AUTH_ROUNDS, log });
      const command = `npm run bench -- --only auth --triples ${TARGET_TRIPLES} --seconds ${SECONDS} --auth-rounds ${AUTH_ROUNDS}`;
      const heading = runHeading({ command, loadBefore, loadAfter: loadAverage(), triples, parts: parts.length });
      writeReport(`${heading}${formatAuthOverhead(auth, GET_CONNECTIONS, SECONDS)}`);
      return;
    }

    // 2. Start-up from the snapshot. The local developer is cleared for every marking, so requests
    // without credentials read all data, as before the server had export control, and runs stay comparable.
    const serverArgs = ['--log-level', 'info', '--roles', clearedRolesFile(settings.path)];
    started = performance.now();
    let server = await startChildServer(directory.path, port, serverArgs, START_TIMEOUT_MS);
    const startupSeconds = (performance.now() - started) / 1000;
    results.startupSnapshot = `${startupSeconds.toFixed(1)} s to the first answer (${storeOpenMs(server.output())} ms opening the store)`;
    const rssWithoutWorkers: number[] = [rssMiB(server.process)];
    results.rssAfterStart = `${rssWithoutWorkers[0]} MiB`;
    log(`started in ${startupSeconds.toFixed(1)} s, RSS ${results.rssAfterStart}`);

    if (values.only === 'queries') {
      const queries = await measureQueries(base, directory.path, process.cwd(), aircraft.iri);
      server.process.kill('SIGTERM');
      await exited(server.process);
      const command = `npm run bench -- --only queries --triples ${TARGET_TRIPLES}`;
      const heading = runHeading({ command, loadBefore, loadAfter: loadAverage(), triples, parts: parts.length, aircraft });
      writeReport(`${heading}${formatQueryTargets({ queries, aircraft })}\n${formatQueryTables(queries)}`);
      return;
    }

    // 3. GET: baseline first, then the provider in Turtle and RDF/XML.
    const sample = await fetch(`${base.slice(0, -1)}${parts[0]}`, { headers: { accept: 'text/turtle' } });
    const bodyFile = join(directory.path, 'baseline.ttl');
    writeFileSync(bodyFile, Buffer.from(await sample.arrayBuffer()));
    const barePort = await freePort();
    const bare = await startBareExpress(barePort, bodyFile);
    const baseline = await load({ url: `http://127.0.0.1:${barePort}/x`, connections: GET_CONNECTIONS });
    bare.kill('SIGTERM');
    await exited(bare);
    log(`bare express: ${baseline.requestsPerSecond} req/s`);

    const turtle = await getLoad(base, parts, 'text/turtle');
    log(`GET Turtle: ${turtle.requestsPerSecond} req/s p99 ${turtle.p99} ms`);
    const rdfXml = await getLoad(base, parts, 'application/rdf+xml');
    log(`GET RDF/XML: ${rdfXml.requestsPerSecond} req/s p99 ${rdfXml.p99} ms`);
    rssWithoutWorkers.push(rssMiB(server.process));
    results.rssAfterGets = `${rssWithoutWorkers.at(-1)} MiB`;

    // 4. Durable POST: latency with one connection, throughput with ten.
    let counter = 0;
    const postRequest = [{ method: 'POST' as const, path: '/oslc/sp/fcc/parts', headers: { 'content-type': 'text/turtle' }, setupRequest: (r: autocannon.Request) => ({ ...r, body: partBody(counter++) }) }];
    const postSingle = await load({ url: base, connections: 1, requests: postRequest });
    const postTen = await load({ url: base, connections: 10, requests: postRequest });
    log(`POST: ${postSingle.p50} ms p50 at 1 connection, ${postTen.requestsPerSecond} req/s at 10`);
    rssWithoutWorkers.push(rssMiB(server.process));
    results.rssAfterPosts = `${rssWithoutWorkers.at(-1)} MiB`;

    // 5. Queries: OSLC query capabilities and the SPARQL endpoint, each against the engine alone.
    const queries = await measureQueries(base, directory.path, process.cwd(), aircraft.iri);
    for (const query of queries) {
      log(`${query.name}: ${query.httpMs.toFixed(1)} ms over HTTP, ${Number.isNaN(query.engineMs) ? '-' : query.engineMs.toFixed(1)} ms engine`);
    }
    const loads = workerLoadMs(server.output());
    results.workerLoads = loads.length === 0 ? 'none logged' : `${loads.length} loads: ${loads.join(', ')} ms`;
    const rssWithWorkers = rssMiB(server.process);
    results.rssWithSparql = `${rssWithWorkers} MiB`;

    // 6. Start-up from snapshot plus journal (the POSTs above are in the journal).
    server.process.kill('SIGTERM');
    await exited(server.process);
    started = performance.now();
    server = await startChildServer(directory.path, port, serverArgs, START_TIMEOUT_MS);
    const restartSeconds = (performance.now() - started) / 1000;
    results.startupJournal = `${restartSeconds.toFixed(1)} s (${storeOpenMs(server.output())} ms opening the store, replaying ${replayedRecords(server.output())} journal records)`;
    rssWithoutWorkers.push(rssMiB(server.process));
    results.rssAfterRestart = `${rssWithoutWorkers.at(-1)} MiB`;
    server.process.kill('SIGTERM');
    await exited(server.process);

    const figures: RunFigures = {
      loadTriplesPerSecond: triples / loadSeconds,
      startupSeconds,
      restartSeconds,
      rssWithoutWorkersMiB: Math.max(...rssWithoutWorkers),
      rssWithWorkersMiB: rssWithWorkers,
      baseline,
      turtle,
      rdfXml,
      postSingle,
      queries,
      aircraft,
    };
    // 7. The cost of authentication and authorization, on the same data.
    const auth = await measureAuthOverhead({ directory: directory.path, port, parts, seconds: SECONDS, connections: GET_CONNECTIONS, rounds: AUTH_ROUNDS, log });

    const command = `npm run bench -- --triples ${TARGET_TRIPLES} --seconds ${SECONDS} --auth-rounds ${AUTH_ROUNDS}`;
    const heading = runHeading({ command, loadBefore, loadAfter: loadAverage(), triples, parts: parts.length, aircraft });
    const report =
      formatReport({ heading, baseline, turtle, rdfXml, postSingle, postTen, results, queries, targets: formatTargets(figures) }) +
      formatAuthOverhead(auth, GET_CONNECTIONS, SECONDS) +
      formatTraceabilityMeasurement(await measureTraceability(), command);
    writeReport(report);
    await (await import('./ReqifBench.js')).appendReqifThroughput(log, values['no-write'] !== true);
    await (await import('./ImportBench.js')).appendImportThroughput(Number(values['import-lines']), Number(values['import-reqif-objects']), log, values['no-write'] !== true);
  } finally {
    // A server that failed may still be writing; its error matters more than a directory left behind.
    for (const folder of [directory, settings]) {
      try {
        folder.remove();
      } catch (error) {
        log(`could not remove ${folder.path}: ${(error as Error).message}`);
      }
    }
  }
}

/** Prints the report and appends it to docs/BENCHMARKS.md unless --no-write is given. */
function writeReport(report: string): void {
  process.stdout.write(report);
  if (values['no-write'] === true) {
    return;
  }
  const file = join(process.cwd(), 'docs', 'BENCHMARKS.md');
  mkdirSync(join(process.cwd(), 'docs'), { recursive: true });
  if (!existsSync(file)) {
    writeFileSync(file, BENCHMARKS_HEADER);
  }
  appendFileSync(file, report);
  log(`appended to ${file}`);
}

/** Returns the heading of a run's section: time, machine, command, load average and data. */
function runHeading(r: { command: string; loadBefore: string; loadAfter: string; triples: number; parts: number; aircraft?: AircraftBom }): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const aircraft =
    r.aircraft === undefined
      ? ''
      : ` An aircraft assembly above every programme variant has a BOM of ${r.aircraft.lines.toLocaleString('en-US')} lines on ${r.aircraft.levels} levels, using ${r.aircraft.parts.toLocaleString('en-US')} distinct parts.`;
  return `
## Run of ${new Date().toISOString()}

Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}, ${process.platform}.
Command: \`${r.command}\`. Load generator (autocannon) and server share the machine.
One-minute load average before and after the run: ${r.loadBefore} and ${r.loadAfter} (other processes on the machine count too).
Data: ${r.triples.toLocaleString('en-US')} triples of generated programme data, ${r.parts.toLocaleString('en-US')} parts.${aircraft}
`;
}

function storeOpenMs(output: string): string {
  const matches = [...output.matchAll(/Opened store \{[^}]*"ms":(\d+)/g)];
  return matches.at(-1)?.[1] ?? '?';
}

/** Returns the time each SPARQL worker took to load its replica, from the server's log, in order. */
function workerLoadMs(output: string): number[] {
  return [...output.matchAll(/SPARQL worker ready \{[^}]*"ms":(\d+)/g)].map((match) => Number(match[1]));
}

function replayedRecords(output: string): string {
  const matches = [...output.matchAll(/"replayedRecords":(\d+)/g)];
  return matches.at(-1)?.[1] ?? '?';
}

function milliseconds(value: number): string {
  return Number.isNaN(value) ? '–' : value.toFixed(1);
}

function versusEngine(httpMs: number, engineMs: number): string {
  return Number.isNaN(httpMs) || Number.isNaN(engineMs) ? '–' : (httpMs / engineMs).toFixed(2);
}

/** Formats a row of the OSLC query table, with the cached and the uncached median each against the engine. */
function oslcRow(query: QueryMeasurement): string {
  const cells = [query.name, query.rows ?? '', milliseconds(query.firstMs), milliseconds(query.httpMs), milliseconds(query.uncachedMs), milliseconds(query.engineMs), versusEngine(query.httpMs, query.engineMs), versusEngine(query.uncachedMs, query.engineMs)];
  return `| ${cells.join(' | ')} |`;
}

/** Formats a row of the SPARQL table. The endpoint keeps no result cache, so a query has one median. */
function sparqlRow(query: QueryMeasurement): string {
  const cells = [query.name.replace(/^SPARQL: /, ''), query.rows ?? '', milliseconds(query.firstMs), milliseconds(query.httpMs), milliseconds(query.engineMs), versusEngine(query.httpMs, query.engineMs)];
  return `| ${cells.join(' | ')} |`;
}

function ratio(value: number, baseline: number): string {
  return `${((value / baseline) * 100).toFixed(0)}%`;
}

/** The one-minute load average, which tells how much other work shared the machine. */
function loadAverage(): string {
  return loadavg()[0]!.toFixed(1);
}

function formatReport(r: {
  heading: string;
  baseline: LoadResult;
  turtle: LoadResult;
  rdfXml: LoadResult;
  postSingle: LoadResult;
  postTen: LoadResult;
  results: Record<string, string>;
  queries: QueryMeasurement[];
  targets: string;
}): string {
  const row = (name: string, result: LoadResult, versus: string): string =>
    `| ${name} | ${result.requestsPerSecond.toLocaleString('en-US')} | ${result.p50} | ${result.p99} | ${result.errors + result.non2xx} | ${versus} |`;
  return `${r.heading}
| measure | result |
|---|---|
| bulk load (store import, one snapshot) | ${r.results.load} |
| start-up from snapshot | ${r.results.startupSnapshot} |
| start-up from snapshot plus journal | ${r.results.startupJournal} |
| RSS after start / after GETs / after POSTs / after restart | ${r.results.rssAfterStart} / ${r.results.rssAfterGets} / ${r.results.rssAfterPosts} / ${r.results.rssAfterRestart} |
| SPARQL worker replica loads, including reloads after a query was stopped | ${r.results.workerLoads} |

| HTTP load (${SECONDS} s each) | req/s | p50 ms | p99 ms | errors | versus baseline |
|---|---:|---:|---:|---:|---|
${row(`bare express, same Turtle bytes, ${GET_CONNECTIONS} connections (baseline)`, r.baseline, '100%')}
${row(`GET random part, Turtle, ${GET_CONNECTIONS} connections`, r.turtle, `${ratio(r.turtle.requestsPerSecond, r.baseline.requestsPerSecond)} of baseline`)}
${row(`GET random part, RDF/XML, ${GET_CONNECTIONS} connections`, r.rdfXml, `${ratio(r.rdfXml.requestsPerSecond, r.turtle.requestsPerSecond)} of Turtle`)}
${row('POST part (durable), 1 connection', r.postSingle, '')}
${row('POST part (durable), 10 connections', r.postTen, '')}

${r.targets}
${formatQueryTables(r.queries)}RSS with the SPARQL
workers running (two workers, each with a replica of the data): ${r.results.rssWithSparql}.
`;
}

/** Formats the OSLC query and SPARQL tables of a run, with how to read them. */
function formatQueryTables(queries: QueryMeasurement[]): string {
  return `| OSLC query (one client) | rows | HTTP first ms | HTTP cached median ms | HTTP uncached median ms | engine alone median ms | cached / engine | uncached / engine |
|---|---:|---:|---:|---:|---:|---:|---:|
${queries.filter((query) => query.kind === 'oslc').map(oslcRow).join('\n')}

| SPARQL query (one client) | rows | HTTP first ms | HTTP median ms | engine alone median ms | HTTP / engine |
|---|---:|---:|---:|---:|---:|
${queries.filter((query) => query.kind === 'sparql').map(sparqlRow).join('\n')}

Medians of OSLC queries are over ${RUNS} runs after ${WARM_UP_RUNS} warm-up runs, of SPARQL queries over ${SPARQL_RUNS} runs after ${SPARQL_WARM_UP_RUNS}. For SPARQL, runs on the engine alone and over HTTP take
turns, so both medians see the same load, and the client is node:http with a kept-alive connection. For results of 1,000 rows or more, each pair of
SPARQL runs starts after a full garbage collection of the benchmark process (node --expose-gc), so that no run pauses for the garbage of earlier ones. OSLC query capabilities keep a query's ordered member list
until the store changes, so their "cached" runs are answered from that list. Before each "uncached"
run the benchmark makes a durable write to another provider, which invalidates the lists as any write
does; that median includes no part of the write. A query without oslc.where, oslc.orderBy and
oslc.searchTerms (the page of parts) is answered from the member index, which reads back the written
resource before it answers. "Engine alone" is the member and count SPARQL of the
capability, or the SPARQL query itself, run on an in-process replica of the same data. Searches are
answered from an in-memory index (built on the first search), so they have no engine figure. The ASK
during runaway queries is one run, timed from sending the ASK. The benchmark assembly above every
variant is not part of the sample programme (see bench/AircraftAssembly.ts): the generator builds each
variant's BOM separately, so its largest real BOM is one variant's.
`;
}

const BENCHMARKS_HEADER = `# Benchmarks

\`npm run bench\` (bench/run.ts) measures the server on generated programme data of about one million
triples. Each run appends a section to the end of this page, so the newest run is the last. A section
records the machine, the command, the load average during the run and every figure, with a table that
checks each target against the figures of that run. Every number on this page comes from one of
those sections, and the notes under a run quote only that run.

Targets, at about one million triples on a 2-core machine:

- GET in Turtle at least 50% of bare express's requests per second, with p99 under 25 ms at 50
  connections; RDF/XML at least 70% of the Turtle rate.
- Durable POST p50 under 2 ms; bulk load at least 100,000 triples per second; start-up under 10 s;
  RSS under 1.5 GiB.
- A selective OSLC query p50 under 30 ms; a page of 100 results under 50 ms.
- A sub-assembly BOM explosion under 10 ms and a whole-aircraft one under 80 ms; a requirement → test
  → result traceability query under 100 ms.
- SPARQL over HTTP under 1.3 times the engine alone, for queries that take the engine over 5 ms.
  "Engine alone" is the same SPARQL run on an in-process replica in the same run.
- Authentication and authorization: GET throughput with an API key or a JWT access token at least 85%
  of the same server without its security middleware.

The sample programme has no whole-aircraft BOM. Its generator builds the BOM of each programme variant
separately, so at a million triples the largest real BOM is the top assembly of one variant, with 101
parts. The benchmark adds one assembly above the top assembly of every variant (bench/AircraftAssembly.ts)
and uses its BOM explosion as a stand-in for the whole-aircraft target; the tables name it as such.
`;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

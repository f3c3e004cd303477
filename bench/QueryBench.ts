import http from 'node:http';
import { join } from 'node:path';
import oxigraph from 'oxigraph';
import { exampleQueries } from '../src/http/html/SparqlPage.js';
import { OslcUrls } from '../src/oslc/OslcUrls.js';
import { parseQueryParameters } from '../src/query/QueryParameters.js';
import { DEFAULT_PAGE_SIZE } from '../src/query/QueryService.js';
import { QueryTranslator, type MemberQuery } from '../src/query/QueryTranslator.js';
import { loadShapes } from '../src/shapes/ShapeLoader.js';
import { ShapeRegistry } from '../src/shapes/ShapeRegistry.js';
import { loadReplica } from '../src/store/embedded/Replica.js';

/** Measurements that a target is checked against (see Targets.ts). */
export type QueryKey = 'oslc-selective' | 'oslc-page' | 'oslc-paging' | 'bom-sub-assembly' | 'bom-aircraft' | 'traceability-json' | 'traceability-tsv';

/** One measured query: HTTP latency against the engine alone, in the same run. */
export interface QueryMeasurement {
  name: string;
  kind: 'oslc' | 'sparql';
  key?: QueryKey;
  /** The first request, before any cache on the server holds the answer. */
  firstMs: number;
  /** Median over HTTP. For OSLC queries these runs hit the server's member list cache. */
  httpMs: number;
  /** Median over HTTP with no server-side cache in use (for OSLC queries, each run follows a write). */
  uncachedMs: number;
  engineMs: number;
  rows?: number;
  /** Pages fetched, for a measurement that pages through a result. */
  pages?: number;
}

/** Far too slow to finish: every triple joined with itself four times over. */
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';

/** Timed runs of each OSLC query, after WARM_UP_RUNS untimed ones. */
export const RUNS = 15;
export const WARM_UP_RUNS = 2;

/**
 * Timed and untimed runs of each SPARQL query. A ratio of two medians of a few milliseconds moved by a
 * tenth or more between runs of 15 on the 2-core benchmark machine, so SPARQL queries take more runs.
 * More warm-up runs let the server compile its code for each result shape before timing starts.
 */
export const SPARQL_RUNS = 25;
export const SPARQL_WARM_UP_RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Times a request over HTTP; `prepare`, when given, runs untimed before each run. */
async function timeHttp(request: () => Promise<Response>, prepare?: () => Promise<void>): Promise<{ firstMs: number; medianMs: number }> {
  const times: number[] = [];
  let firstMs = Number.NaN;
  for (let run = 0; run < RUNS + WARM_UP_RUNS; run++) {
    await prepare?.();
    const started = performance.now();
    const response = await request();
    const body = await response.arrayBuffer();
    if (!response.ok) {
      throw new Error(`benchmark request failed with ${response.status}: ${Buffer.from(body).toString('utf8')}`);
    }
    const elapsed = performance.now() - started;
    if (run === 0) {
      firstMs = elapsed;
    }
    if (run >= WARM_UP_RUNS) {
      times.push(elapsed);
    }
  }
  return { firstMs, medianMs: median(times) };
}

/**
 * Times a query on the engine alone and over HTTP, one run of each in turn, so that both medians see
 * the same conditions. On a shared machine the speed drifts by a third within minutes, and measured
 * apart, that drift would count as overhead or hide it. With `collect`, each pair of runs starts after
 * a garbage collection of this process (see collectGarbage).
 */
async function timeInterleaved(engine: () => unknown, request: () => Promise<SparqlResponse>, collect: boolean): Promise<{ engineMs: number; firstMs: number; medianMs: number }> {
  const engineTimes: number[] = [];
  const httpTimes: number[] = [];
  let firstMs = Number.NaN;
  for (let run = 0; run < SPARQL_RUNS + SPARQL_WARM_UP_RUNS; run++) {
    if (collect) {
      await collectGarbage();
    }
    let started = performance.now();
    engine();
    const engineElapsed = performance.now() - started;

    started = performance.now();
    const response = await request();
    if (response.status !== 200) {
      throw new Error(`benchmark request failed with ${response.status}: ${response.body.toString('utf8')}`);
    }
    const httpElapsed = performance.now() - started;
    if (run === 0) {
      firstMs = httpElapsed;
    }
    if (run >= SPARQL_WARM_UP_RUNS) {
      engineTimes.push(engineElapsed);
      httpTimes.push(httpElapsed);
    }
  }
  return { engineMs: median(engineTimes), firstMs, medianMs: median(httpTimes) };
}

/**
 * Runs a full garbage collection of this process when node runs with --expose-gc, as `npm run bench`
 * does, then waits for the collector's background threads to finish. Without it, a collection of the
 * megabytes of result text that earlier runs left behind paused the reading of a response by up to 35 ms
 * (seen with --trace-gc), which counted as server time. One collection before each engine run leaves
 * the heap room for both runs of the pair.
 */
async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, GARBAGE_SETTLE_MS));
  }
}

/**
 * Minimum rows of a SPARQL result that leaves enough garbage to collect before each pair of runs. Smaller
 * results are timed back to back, because after the wait of a collection a request of a few
 * milliseconds took 2 ms longer while the threads of the client and the server woke up.
 */
const LARGE_RESULT_ROWS = 1_000;

/** Time given to the garbage collector's background threads after a full collection. */
const GARBAGE_SETTLE_MS = 20;

interface SparqlResponse {
  status: number;
  body: Buffer;
}

/** Keeps the connection open between runs, as a SPARQL client sending a series of queries does. */
const sparqlAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Sends a query with node:http and reads the whole body as bytes. The built-in fetch takes several
 * milliseconds more to read a body of a megabyte, which is the client's cost, not the server's.
 */
function postSparql(endpoint: string, query: string, accept: string): Promise<SparqlResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      endpoint,
      { method: 'POST', agent: sparqlAgent, headers: { 'Content-Type': 'application/sparql-query', Accept: accept, 'Content-Length': Buffer.byteLength(query) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(query);
  });
}

function timeEngine(run: () => unknown): number {
  const times: number[] = [];
  for (let index = 0; index < RUNS + WARM_UP_RUNS; index++) {
    const started = performance.now();
    run();
    if (index >= WARM_UP_RUNS) {
      times.push(performance.now() - started);
    }
  }
  return median(times);
}

/**
 * Measures OSLC query capability and SPARQL endpoint latency on a running server, each against the
 * same SPARQL run on an in-process replica of its data directory (the engine alone).
 */
export async function measureQueries(base: string, dataDirectory: string, projectRoot: string, aircraft: string): Promise<QueryMeasurement[]> {
  const { store } = loadReplica(dataDirectory);
  const urls = new OslcUrls(base);
  const shapes = new ShapeRegistry(loadShapes(join(projectRoot, 'shapes'), urls.shapesBase));
  const translator = new QueryTranslator(shapes);
  const union = { use_default_graph_as_union: true, results_format: 'application/sparql-results+json' };
  const select = (sparql: string): { rows: number } => ({ rows: (JSON.parse(store.query(sparql, union) as string) as { results: { bindings: unknown[] } }).results.bindings.length });

  const results: QueryMeasurement[] = [];

  // OSLC queries: the engine figure is the member query plus the count query the capability runs.
  const oslc = async (name: string, provider: string, segment: string, parameters: Record<string, string>, key?: QueryKey): Promise<void> => {
    const shape = shapes.bySegment(segment)!;
    const search = new URLSearchParams(parameters);
    const parsed = parseQueryParameters(search);
    const query: MemberQuery = { type: shape.describes[0]!, provider: urls.provider(provider), shape };
    if (parsed.where !== undefined) query.where = parsed.where;
    if (parsed.orderBy !== undefined) query.orderBy = parsed.orderBy;
    const pageSize = parsed.paging ? (parsed.pageSize ?? DEFAULT_PAGE_SIZE) : 10_000;
    const members = translator.members(query, pageSize + 1, (parsed.page - 1) * pageSize);
    const count = translator.count(query);
    // Searches are answered by the server's in-memory index, not by SPARQL, so there is no engine figure.
    const rows = parsed.searchTerms === undefined ? select(members).rows : Number.NaN;
    const engineMs =
      parsed.searchTerms === undefined
        ? timeEngine(() => {
            select(members);
            select(count);
          })
        : Number.NaN;
    const request = (): Promise<Response> => fetch(`${urls.queryBase(provider, segment)}?${search.toString()}`, { headers: { Accept: 'text/turtle' } });
    const http = await timeHttp(request);
    // A write before each run invalidates the cached member lists, as any change to the store does.
    const uncached = parsed.searchTerms === undefined ? (await timeHttp(request, invalidateQueryCache)).medianMs : Number.NaN;
    results.push({ name, kind: 'oslc', ...(key === undefined ? {} : { key }), firstMs: http.firstMs, httpMs: http.medianMs, uncachedMs: uncached, engineMs, ...(Number.isNaN(rows) ? {} : { rows: Math.min(rows, pageSize) }) });
  };
  let writes = 0;
  const invalidateQueryCache = async (): Promise<void> => {
    const body = `<> <http://purl.org/dc/terms/title> "Cache invalidation ${writes++}" ; <https://w3id.org/digital-thread/ns#partNumber> "BENCH-INVALIDATE-${writes}" ; <https://w3id.org/digital-thread/ns#revision> "A" ; <https://w3id.org/digital-thread/ns#lifecycleState> <https://w3id.org/digital-thread/ns#InWork> .`;
    const response = await fetch(`${base}oslc/sp/eha/parts`, { method: 'POST', headers: { 'Content-Type': 'text/turtle' }, body });
    await response.arrayBuffer();
    if (response.status !== 201) {
      throw new Error(`the write that invalidates the query cache failed with ${response.status}`);
    }
  };

  await oslc('OSLC: selective where (open major NCRs)', 'fcc', 'ncrs', { 'oslc.where': 'oslc_cm:status="Open" and dt:severity=dt:Major' }, 'oslc-selective');
  await oslc('OSLC: nested where (BOM lines of a part number)', 'fcc', 'bom-lines', { 'oslc.where': 'oslc_plm:representsPart{dt:partNumber="NAS1352C04-6"}' });
  await oslc('OSLC: searchTerms "bracket"', 'fcc', 'parts', { 'oslc.searchTerms': '"bracket"', 'oslc.paging': 'true' });
  // The middle page of the parts, so that the page is full at any scale and the engine orders the list up to it.
  const partsShape = shapes.bySegment('parts')!;
  const partCount = Number(firstValue(store, translator.count({ type: partsShape.describes[0]!, provider: urls.provider('fcc'), shape: partsShape })));
  const middlePage = Math.max(1, Math.ceil(partCount / 200));
  await oslc(`OSLC: a page of 100 parts (page ${middlePage} of ${Math.ceil(partCount / 100)})`, 'fcc', 'parts', { 'oslc.paging': 'true', 'oslc.pageSize': '100', page: String(middlePage) }, 'oslc-page');

  // Paging through 10,000 results, one page of 100 after another, following oslc:nextPage.
  {
    let next: string | undefined = `${urls.queryBase('fcc', 'bom-lines')}?oslc.paging=true&oslc.pageSize=100`;
    let pages = 0;
    let members = 0;
    const started = performance.now();
    while (next !== undefined && pages < 100) {
      const body = await (await fetch(next, { headers: { Accept: 'application/n-triples' } })).text();
      members += (body.match(/<http:\/\/www\.w3\.org\/2000\/01\/rdf-schema#member>/g) ?? []).length;
      next = /<http:\/\/open-services\.net\/ns\/core#nextPage> <([^>]+)>/.exec(body)?.[1];
      pages++;
    }
    const totalMs = performance.now() - started;
    results.push({ name: `OSLC: paging through ${members} BOM lines (${pages} pages, total)`, kind: 'oslc', key: 'oslc-paging', firstMs: totalMs, httpMs: totalMs, uncachedMs: Number.NaN, engineMs: Number.NaN, rows: members, pages });
  }

  // SPARQL endpoint: the example queries an engineer runs, plus BOM explosions and traceability. The
  // sub-assembly is the largest two levels below the top assembly of one programme variant.
  const top = firstValue(store, `PREFIX oslc_plm: <http://open-services.net/ns/plm#>
    SELECT ?top WHERE { ?top oslc_plm:composedOfPartUsage ?u ; <${'http://open-services.net/ns/core#serviceProvider'}> <${urls.provider('fcc')}> . ?line oslc_plm:representsPart ?top ; <https://w3id.org/digital-thread/ns#assembly> <${aircraft}> } LIMIT 1`);
  const sub = firstValue(store, `PREFIX oslc_plm: <http://open-services.net/ns/plm#>
    SELECT ?sub (COUNT(DISTINCT ?p) AS ?n) WHERE { <${top}> oslc_plm:composedOfPartUsage/oslc_plm:representsPart/oslc_plm:composedOfPartUsage/oslc_plm:representsPart ?sub . ?sub (oslc_plm:composedOfPartUsage/oslc_plm:representsPart)+ ?p } GROUP BY ?sub ORDER BY DESC(?n) LIMIT 1`);
  const traceability = `PREFIX oslc_rm: <http://open-services.net/ns/rm#> PREFIX oslc_qm: <http://open-services.net/ns/qm#>
       SELECT ?requirement ?test ?result ?status WHERE { ?requirement a oslc_rm:Requirement . OPTIONAL { ?test oslc_qm:validatesRequirement ?requirement . OPTIONAL { ?result oslc_qm:reportsOnTestCase ?test ; oslc_qm:status ?status } } }`;
  const bomExplosion = (root: string): string => `PREFIX oslc_plm: <http://open-services.net/ns/plm#> SELECT DISTINCT ?p WHERE { <${root}> (oslc_plm:composedOfPartUsage/oslc_plm:representsPart)+ ?p }`;
  const sparqlQueries: { name: string; query: string; format?: string; key?: QueryKey }[] = [
    { name: 'SPARQL: BOM explosion, sub-assembly', query: bomExplosion(sub), key: 'bom-sub-assembly' },
    { name: 'SPARQL: BOM explosion, top assembly of one programme variant', query: bomExplosion(top) },
    { name: 'SPARQL: BOM explosion, benchmark assembly above every variant', query: bomExplosion(aircraft), key: 'bom-aircraft' },
    { name: 'SPARQL: requirement → test → result traceability (JSON results)', query: traceability, key: 'traceability-json' },
    { name: 'SPARQL: requirement → test → result traceability (TSV results)', query: traceability, format: 'text/tab-separated-values', key: 'traceability-tsv' },
  ];
  // Every example query of the SPARQL page, as an engineer sends it from there.
  for (const example of exampleQueries()) {
    sparqlQueries.push({ name: `SPARQL: ${example.title.toLowerCase()} (example query)`, query: example.query });
  }
  results.push(await measureFirstSparqlAnswer(base));
  for (const { name, query: sparql, format = 'application/sparql-results+json', key } of sparqlQueries) {
    const rows = select(sparql).rows;
    const { engineMs, firstMs, medianMs } = await timeInterleaved(
      () => store.query(sparql, { use_default_graph_as_union: true, results_format: format }),
      () => postSparql(`${base}sparql`, sparql, format),
      rows >= LARGE_RESULT_ROWS,
    );
    results.push({ name, kind: 'sparql', ...(key === undefined ? {} : { key }), firstMs, httpMs: medianMs, uncachedMs: medianMs, engineMs, rows });
  }
  sparqlAgent.destroy();
  results.push(await measureAskDuringRunaways(base));
  return results;
}

/** Attempts of the first SPARQL query; each waits up to the server's timeout for the workers to load. */
const FIRST_QUERY_ATTEMPTS = 10;

/**
 * Times the first SPARQL query after start, which waits for the workers to load their replicas. On a
 * busy machine the load can take longer than the query's timeout, so a 503 is sent again, up to
 * FIRST_QUERY_ATTEMPTS times; the figure covers every attempt.
 */
async function measureFirstSparqlAnswer(base: string): Promise<QueryMeasurement> {
  const started = performance.now();
  for (let attempt = 1; attempt <= FIRST_QUERY_ATTEMPTS; attempt++) {
    const response = await fetch(`${base}sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: 'ASK {}' });
    const body = await response.text();
    if (response.ok) {
      const elapsed = performance.now() - started;
      return { name: `SPARQL: first ASK {} after start, waiting for the workers to load (${attempt} attempt${attempt === 1 ? '' : 's'})`, kind: 'sparql', firstMs: elapsed, httpMs: elapsed, uncachedMs: elapsed, engineMs: Number.NaN };
    }
    if (response.status !== 503) {
      throw new Error(`the first SPARQL query failed with ${response.status}: ${body}`);
    }
    process.stderr.write(`[bench] first SPARQL query, attempt ${attempt}: 503 ${body}\n`);
  }
  throw new Error(`the SPARQL workers did not answer within ${FIRST_QUERY_ATTEMPTS} attempts`);
}

/**
 * Times `ASK {}` sent while two runaway queries occupy both SPARQL workers: the fair-share policy
 * stops the longer-running one after 5 s, and its worker reloads the data before it takes the ASK.
 * The runaways' clients then go away, which stops the other one.
 */
async function measureAskDuringRunaways(base: string): Promise<QueryMeasurement> {
  const send = (query: string, signal?: AbortSignal): Promise<Response> =>
    fetch(`${base}sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: query, ...(signal === undefined ? {} : { signal }) });
  const controllers = [new AbortController(), new AbortController()];
  const runaways = controllers.map((controller) => send(RUNAWAY, controller.signal).then((response) => response.arrayBuffer(), () => undefined));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const started = performance.now();
  const response = await send('ASK {}');
  const body = await response.text();
  const elapsed = performance.now() - started;
  for (const controller of controllers) {
    controller.abort();
  }
  await Promise.all(runaways);
  // A failed ASK is a result of the run, reported with its status, not a reason to lose the others.
  const outcome = response.ok ? '' : `; failed with ${response.status}`;
  if (!response.ok) {
    process.stderr.write(`[bench] ASK during runaway queries failed with ${response.status}: ${body}\n`);
  }
  return { name: `SPARQL: ASK {} while two runaway queries hold both workers (one run${outcome})`, kind: 'sparql', firstMs: elapsed, httpMs: elapsed, uncachedMs: elapsed, engineMs: Number.NaN };
}

function firstValue(store: oxigraph.Store, sparql: string): string {
  const json = JSON.parse(store.query(sparql, { use_default_graph_as_union: true, results_format: 'application/sparql-results+json' }) as string) as {
    head: { vars: string[] };
    results: { bindings: Record<string, { value: string }>[] };
  };
  const value = json.results.bindings[0]?.[json.head.vars[0]!]?.value;
  if (value === undefined) {
    throw new Error(`benchmark set-up query found nothing: ${sparql}`);
  }
  return value;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKeyStore } from '../src/auth/ApiKeyStore.js';
import { exited, startChildServer, startServerProcess, type ChildServer } from '../test/helpers/ChildServer.js';
import { startOidcProvider } from '../test/helpers/OidcProvider.js';
import { getLoad, type LoadResult } from './Load.js';

/** The result of one authentication mode: GET throughput and SPARQL latency. */
export interface AuthModeResult {
  get: LoadResult;
  /** Median latency of each SPARQL query, in ms, in the order of SPARQL_QUERIES. */
  sparqlMs: number[];
}

export interface AuthOverhead {
  withoutAuth: AuthModeResult;
  apiKey: AuthModeResult;
  jwt: AuthModeResult;
  rounds: number;
}

/** The queries timed in every mode: a cheap one, where fixed costs show, and a typical aggregate. */
export const SPARQL_QUERIES: [name: string, query: string][] = [
  ['SPARQL: ASK whether any part has a part number', 'PREFIX dt: <https://w3id.org/digital-thread/ns#> ASK { ?part dt:partNumber ?number } '],
  [
    'SPARQL: open NCRs by part',
    `PREFIX dt: <https://w3id.org/digital-thread/ns#> PREFIX oslc_cm: <http://open-services.net/ns/cm#> PREFIX oslc_plm: <http://open-services.net/ns/plm#>
     SELECT ?partNumber (COUNT(DISTINCT ?ncr) AS ?open) WHERE { ?ncr a dt:NonConformanceReport ; oslc_cm:status ?status ; oslc_plm:affectsPart ?part . FILTER(?status != "Closed") ?part dt:partNumber ?partNumber } GROUP BY ?partNumber ORDER BY DESC(?open)`,
  ],
];

/** Maximum wait for a server to start: a million triples load in several seconds, more on a busy machine. */
const START_TIMEOUT_MS = 120_000;

const SETTLE_SECONDS = 10;

const SPARQL_RUNS = 60;
const SPARQL_WARM_UP = 10;

/** Limits high enough that no benchmark request is refused, so the limiter's cost is measured without its 429s. */
const UNREACHABLE_RATE_LIMITS = 'read=100000000,query=100000000,write=100000000,sparql=100000000,login=100000000';

interface AuthBenchOptions {
  directory: string;
  port: number;
  /** Paths of parts, for random GETs. */
  parts: string[];
  seconds: number;
  connections: number;
  /** Rounds of all modes; each mode's best round is reported, which damps noise from other load on the machine. */
  rounds: number;
  log: (message: string) => void;
}

/**
 * Measures the cost of authentication and authorization as GET throughput on random parts and SPARQL
 * latency. The baseline is the provider without its security middleware (bench/UnsecuredServer.ts).
 * The secured provider has an identity provider configured and rate limits on, and every request
 * carries a credential of a fully cleared administrator: an API key, or a JWT access token. All modes
 * read the same data through the same handlers, so the difference is the security middleware.
 */
export async function measureAuthOverhead(options: AuthBenchOptions): Promise<AuthOverhead> {
  const base = `http://127.0.0.1:${options.port}/`;
  const apiKey = new ApiKeyStore(options.directory).create('benchmark-admin', 'admin', ['ITAR']).key;
  const provider = await startOidcProvider({ serverBase: base, audience: base });
  const secretFile = join(options.directory, 'benchmark-oidc-secret');
  writeFileSync(secretFile, provider.clientSecret, { mode: 0o600 });
  const jwt = await provider.sign({ sub: 'benchmark', groups: ['digital-thread-admins'], export_clearances: ['ITAR'] }, { expiresIn: '2h' });

  const best: Partial<Record<keyof Omit<AuthOverhead, 'rounds'>, AuthModeResult>> = {};
  const keep = (mode: keyof Omit<AuthOverhead, 'rounds'>, result: AuthModeResult): void => {
    const current = best[mode];
    best[mode] = {
      get: current === undefined || result.get.requestsPerSecond > current.get.requestsPerSecond ? result.get : current.get,
      sparqlMs: result.sparqlMs.map((ms, index) => Math.min(ms, current?.sparqlMs[index] ?? Number.POSITIVE_INFINITY)),
    };
  };

  // The server of the current step, stopped on the way out when a step fails.
  let running: ChildServer | undefined;
  const withoutAuth = async (round: number): Promise<void> => {
    running = await startServerProcess([join(process.cwd(), 'dist', 'bench', 'UnsecuredServer.js'), String(options.port), options.directory], options.port, START_TIMEOUT_MS);
    await settle(base, options, {});
    keep('withoutAuth', await measureMode(base, options, {}, running.process.pid!));
    options.log(`round ${round}: without auth ${best.withoutAuth!.get.requestsPerSecond} req/s (best so far)`);
    await stop(running);
    running = undefined;
  };
  const withAuth = async (round: number): Promise<void> => {
    running = await startChildServer(options.directory, options.port, [
      '--oidc-issuer', provider.issuer, '--oidc-client-id', provider.clientId, '--oidc-client-secret-file', secretFile, '--rate-limit', UNREACHABLE_RATE_LIMITS,
    ], START_TIMEOUT_MS);
    await settle(base, options, { Authorization: `Bearer ${apiKey}` });
    const credentials = [['apiKey', apiKey], ['jwt', jwt]] as const;
    for (const [mode, token] of round % 2 === 1 ? credentials : [...credentials].reverse()) {
      keep(mode, await measureMode(base, options, { Authorization: `Bearer ${token}` }, running.process.pid!));
    }
    options.log(`round ${round}: API key ${best.apiKey!.get.requestsPerSecond} req/s, JWT ${best.jwt!.get.requestsPerSecond} req/s (best so far)`);
    await stop(running);
    running = undefined;
  };

  try {
    // The order of the servers and of the credentials alternates between rounds, so no mode always runs first.
    for (let round = 1; round <= options.rounds; round++) {
      if (round % 2 === 1) {
        await withoutAuth(round);
        await withAuth(round);
      } else {
        await withAuth(round);
        await withoutAuth(round);
      }
    }
  } finally {
    if (running !== undefined && running.process.exitCode === null) {
      await stop(running);
    }
    await provider.stop();
  }
  return { withoutAuth: best.withoutAuth!, apiKey: best.apiKey!, jwt: best.jwt!, rounds: options.rounds };
}

/**
 * Sends GETs for SETTLE_SECONDS after a start, unmeasured, so that the work a server does once after
 * starting (building its search index, compiling hot code, collecting the garbage of the load) does not
 * fall into the first measured mode.
 */
async function settle(base: string, options: AuthBenchOptions, headers: Record<string, string>): Promise<void> {
  await getLoad(base, options.parts, { accept: 'text/turtle', seconds: SETTLE_SECONDS, connections: options.connections, headers });
}

async function measureMode(base: string, options: AuthBenchOptions, headers: Record<string, string>, serverPid: number): Promise<AuthModeResult> {
  const get = await getLoad(base, options.parts, { accept: 'text/turtle', seconds: options.seconds, connections: options.connections, headers, serverPid });
  const sparqlMs: number[] = [];
  for (const [, query] of SPARQL_QUERIES) {
    sparqlMs.push(await medianSparqlMs(base, query, headers));
  }
  return { get, sparqlMs };
}

async function medianSparqlMs(base: string, query: string, headers: Record<string, string>): Promise<number> {
  const url = `${base}sparql?query=${encodeURIComponent(query)}`;
  const times: number[] = [];
  for (let run = 0; run < SPARQL_WARM_UP + SPARQL_RUNS; run++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { Accept: 'application/sparql-results+json', ...headers } });
    await response.arrayBuffer();
    if (!response.ok) {
      throw new Error(`benchmark SPARQL request failed with ${response.status}`);
    }
    if (run >= SPARQL_WARM_UP) {
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function stop(server: ChildServer): Promise<void> {
  server.process.kill('SIGTERM');
  await exited(server.process);
}

/** Formats the measurement as the benchmark report's auth section. */
export function formatAuthOverhead(result: AuthOverhead, connections: number, seconds: number): string {
  const { withoutAuth, apiKey, jwt } = result;
  const share = (value: number): string => `${((value / withoutAuth.get.requestsPerSecond) * 100).toFixed(0)}%`;
  const cpu = (get: LoadResult): string => {
    const base = withoutAuth.get.serverCpuMicros;
    if (get.serverCpuMicros === undefined || base === undefined) {
      return '–';
    }
    return get === withoutAuth.get ? `${base}` : `${get.serverCpuMicros} (${get.serverCpuMicros - base >= 0 ? '+' : ''}${(((get.serverCpuMicros - base) / base) * 100).toFixed(0)}%)`;
  };
  const getRow = (name: string, get: LoadResult, versus: string): string =>
    `| ${name} | ${get.requestsPerSecond.toLocaleString('en-US')} | ${versus} | ${get.p50} | ${get.p99} | ${cpu(get)} | ${get.errors + get.non2xx} |`;
  const sparqlRows = SPARQL_QUERIES.map(([name], index) => {
    const base = withoutAuth.sparqlMs[index]!;
    const added = (ms: number): string => `${ms.toFixed(2)} (${ms - base >= 0 ? '+' : ''}${(ms - base).toFixed(2)})`;
    return `| ${name} | ${base.toFixed(2)} | ${added(apiKey.sparqlMs[index]!)} | ${added(jwt.sparqlMs[index]!)} |`;
  });
  return `
Authentication and authorization cost (best of ${result.rounds} rounds per mode; the secured server has an
identity provider configured, rate limits on with limits no request reaches, and the audit trail in
both):

| GET random part, Turtle, ${connections} connections, ${seconds} s | req/s | versus without auth | p50 ms | p99 ms | server CPU µs per request | errors |
|---|---:|---:|---:|---:|---:|---:|
${getRow('without auth (security middleware removed)', withoutAuth.get, '100%')}
${getRow('API key (admin, ITAR clearance)', apiKey.get, share(apiKey.get.requestsPerSecond))}
${getRow('JWT access token (admin, ITAR clearance)', jwt.get, share(jwt.get.requestsPerSecond))}

| SPARQL query (one client, median of ${SPARQL_RUNS}) | without auth ms | API key ms (added) | JWT ms (added) |
|---|---:|---:|---:|
${sparqlRows.join('\n')}
`;
}

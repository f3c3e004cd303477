import type { AircraftBom } from './AircraftAssembly.js';
import type { QueryMeasurement } from './QueryBench.js';

/** Figures of one autocannon run. */
export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU time (user and system) the server process spent per request, when the run measured it. */
  serverCpuMicros?: number;
}

/** The figures of one benchmark run that the targets are checked against. */
export interface RunFigures {
  loadTriplesPerSecond: number;
  startupSeconds: number;
  restartSeconds: number;
  /** Largest RSS measured before any SPARQL query started the workers. */
  rssWithoutWorkersMiB: number;
  rssWithWorkersMiB: number;
  baseline: LoadResult;
  turtle: LoadResult;
  rdfXml: LoadResult;
  postSingle: LoadResult;
  queries: QueryMeasurement[];
  aircraft: AircraftBom;
}

/** One target, the figure of this run it is checked against, and whether the figure meets it. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** SPARQL queries whose engine time is at least this many ms count for the HTTP overhead target. */
const OVERHEAD_FLOOR_MS = 5;
const MAX_OVERHEAD_RATIO = 1.3;

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

function query(figures: Pick<RunFigures, 'queries'>, key: QueryMeasurement['key']): QueryMeasurement {
  const found = figures.queries.find((candidate) => candidate.key === key);
  if (found === undefined) {
    throw new Error(`the benchmark run has no query measurement "${key}"`);
  }
  return found;
}

/** Checks the HTTP, load, start-up and memory targets. */
function serverChecks(figures: RunFigures): TargetCheck[] {
  const turtleShare = figures.turtle.requestsPerSecond / figures.baseline.requestsPerSecond;
  const rdfXmlShare = figures.rdfXml.requestsPerSecond / figures.turtle.requestsPerSecond;
  const slowerStart = Math.max(figures.startupSeconds, figures.restartSeconds);
  return [
    {
      target: 'GET Turtle ≥ 50% of bare express, p99 < 25 ms',
      measured: `${(turtleShare * 100).toFixed(0)}%, p99 ${figures.turtle.p99} ms`,
      met: turtleShare >= 0.5 && figures.turtle.p99 < 25,
    },
    { target: 'GET RDF/XML ≥ 70% of Turtle', measured: `${(rdfXmlShare * 100).toFixed(0)}%`, met: rdfXmlShare >= 0.7 },
    { target: 'durable POST p50 < 2 ms', measured: `${figures.postSingle.p50} ms`, met: figures.postSingle.p50 < 2 },
    { target: 'bulk load ≥ 100,000 triples/s', measured: `${Math.round(figures.loadTriplesPerSecond).toLocaleString('en-US')} triples/s`, met: figures.loadTriplesPerSecond >= 100_000 },
    { target: 'start-up < 10 s (snapshot, and snapshot plus journal)', measured: `${figures.startupSeconds.toFixed(1)} s and ${figures.restartSeconds.toFixed(1)} s`, met: slowerStart < 10 },
    { target: 'RSS < 1.5 GiB, before SPARQL starts its workers', measured: `${figures.rssWithoutWorkersMiB} MiB`, met: figures.rssWithoutWorkersMiB < 1536 },
    { target: 'RSS < 1.5 GiB, with the two SPARQL workers running', measured: `${figures.rssWithWorkersMiB} MiB`, met: figures.rssWithWorkersMiB < 1536 },
  ];
}

/** Checks the OSLC query and SPARQL targets. */
function queryChecks(figures: Pick<RunFigures, 'queries' | 'aircraft'>): TargetCheck[] {
  const selective = query(figures, 'oslc-selective');
  const page = query(figures, 'oslc-page');
  const paging = query(figures, 'oslc-paging');
  const pages = paging.pages ?? 1;
  const subAssembly = query(figures, 'bom-sub-assembly');
  const aircraft = query(figures, 'bom-aircraft');
  const checks: TargetCheck[] = [
    { target: 'selective OSLC query p50 < 30 ms, uncached', measured: `${ms(selective.uncachedMs)} (cached ${ms(selective.httpMs)}, engine ${ms(selective.engineMs)})`, met: selective.uncachedMs < 30 },
    { target: 'page of 100 results < 50 ms, first page of a new query (uncached)', measured: `${ms(page.uncachedMs)} (${page.rows} parts, cached ${ms(page.httpMs)})`, met: page.uncachedMs < 50 },
    { target: 'page of 100 results < 50 ms, following oslc:nextPage (cached list)', measured: `${ms(paging.httpMs / pages)} on average over ${pages} pages`, met: paging.httpMs / pages < 50 },
    { target: 'sub-assembly BOM explosion < 10 ms', measured: `${ms(subAssembly.httpMs)} (${subAssembly.rows} parts)`, met: subAssembly.httpMs < 10 },
    {
      target: 'whole-aircraft BOM explosion < 80 ms (stand-in: one assembly above every variant)',
      measured: `${ms(aircraft.httpMs)} (${figures.aircraft.lines.toLocaleString('en-US')} BOM lines, ${aircraft.rows} parts)`,
      met: aircraft.httpMs < 80,
    },
  ];
  for (const key of ['traceability-json', 'traceability-tsv'] as const) {
    const traceability = query(figures, key);
    const format = key === 'traceability-json' ? 'SPARQL JSON' : 'TSV';
    checks.push({ target: `requirement → test → result traceability < 100 ms, ${format} results`, measured: `${ms(traceability.httpMs)} (${traceability.rows} rows)`, met: traceability.httpMs < 100 });
  }
  checks.push(overheadCheck(figures.queries));
  return checks;
}

/** Checks SPARQL over HTTP against the engine alone, for every SPARQL query that takes the engine at least OVERHEAD_FLOOR_MS. */
function overheadCheck(queries: QueryMeasurement[]): TargetCheck {
  const counted = queries.filter((candidate) => candidate.kind === 'sparql' && candidate.engineMs >= OVERHEAD_FLOOR_MS);
  const ratios = counted.map((candidate) => ({ name: candidate.name.replace(/^SPARQL: /, ''), ratio: candidate.httpMs / candidate.engineMs }));
  const over = ratios.filter((entry) => entry.ratio >= MAX_OVERHEAD_RATIO);
  const worst = ratios.reduce((max, entry) => Math.max(max, entry.ratio), 0);
  const measured =
    over.length === 0
      ? `highest ${worst.toFixed(2)} over ${ratios.length} queries`
      : `${over.length} of ${ratios.length} queries over: ${over.map((entry) => `${entry.name} ${entry.ratio.toFixed(2)}`).join('; ')}`;
  return { target: `SPARQL over HTTP < ${MAX_OVERHEAD_RATIO} × engine alone, queries over ${OVERHEAD_FLOOR_MS} ms`, measured, met: over.length === 0 };
}

/** Returns the Markdown table of every target with this run's figure and whether it was met. */
export function formatTargets(figures: RunFigures): string {
  return targetTable([...serverChecks(figures), ...queryChecks(figures)]);
}

/** Returns the Markdown table of the OSLC query and SPARQL targets only (`--only queries`). */
export function formatQueryTargets(figures: Pick<RunFigures, 'queries' | 'aircraft'>): string {
  return targetTable(queryChecks(figures));
}

function targetTable(checks: TargetCheck[]): string {
  const missed = checks.filter((check) => !check.met).length;
  const rows = checks.map((check) => `| ${check.target} | ${check.measured} | ${check.met ? 'met' : '**missed**'} |`).join('\n');
  return `Targets in this run: ${checks.length - missed} met, ${missed} missed.

| target | this run | result |
|---|---|---|
${rows}
`;
}

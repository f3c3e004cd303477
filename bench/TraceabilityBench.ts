import { appendFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataFactory } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { readEvidenceSnapshot } from '../src/certification/EvidenceSnapshot.js';
import { ObjectiveCatalogue } from '../src/certification/ObjectiveCatalogue.js';
import { analyseEvidence } from '../src/certification/TraceabilityAnalysis.js';
import { generateProgramme, SAMPLE_SEED } from '../src/sample/ProgrammeGenerator.js';
import { PROJECT_ROOT } from '../src/server/ProjectRoot.js';
import { EmbeddedStore } from '../src/store/embedded/EmbeddedStore.js';
import type { ImportedGraph } from '../src/store/TripleStore.js';
import { temporaryDirectory } from '../test/helpers/temporaryDirectory.js';

const { namedNode, quad } = DataFactory;
const BASE = 'http://127.0.0.1:8080/';
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
/** Requirements per variant of the FCC-300 programme (src/sample/programmes/fcc/FccRequirements.ts). */
const FCC_REQUIREMENTS_PER_VARIANT = 60;
const RUNS = 5;

export interface TraceabilityMeasurement {
  requirements: number;
  testCases: number;
  artifacts: number;
  triples: number;
  gaps: number;
  loadSeconds: number;
  /** Whole analysis (bulk queries and analysis) per run, in milliseconds. */
  totalMs: number[];
  /** Of the last run: reading the snapshot, and analysing it. */
  snapshotMs: number;
  analysisMs: number;
}

/**
 * Measures the full traceability analysis of one provider with about `requirements` requirements and
 * their chains, which the sample generator makes as FCC-300 variants with seed SAMPLE_SEED. It runs
 * RUNS times after one warm-up. Each run reads the evidence with its bulk queries and analyses it,
 * with no cache between runs.
 */
export async function measureTraceability(requirements = 10_000): Promise<TraceabilityMeasurement> {
  const scale = Math.ceil(requirements / FCC_REQUIREMENTS_PER_VARIANT);
  const graphs: ImportedGraph[] = [];
  let triples = 0;
  const absolute = <T extends Term>(term: T): T => (term.termType === 'NamedNode' && !ABSOLUTE.test(term.value) ? (namedNode(BASE + term.value) as unknown as T) : term);
  for (const resource of generateProgramme({ seed: SAMPLE_SEED, scale, providers: ['fcc'] })) {
    const quads: Quad[] = resource.quads.map((q) => quad(absolute(q.subject), q.predicate, absolute(q.object)));
    graphs.push({ graph: BASE + resource.graph, quads });
    triples += quads.length;
  }

  const directory = temporaryDirectory('dt-bench-traceability-');
  const store = new EmbeddedStore({ directory: directory.path });
  await store.open();
  try {
    let started = performance.now();
    await store.importGraphs(graphs);
    const loadSeconds = (performance.now() - started) / 1000;
    graphs.length = 0;

    const catalogue = ObjectiveCatalogue.load(join(PROJECT_ROOT, 'vocab'));
    const provider = `${BASE}oslc/sp/fcc`;
    const totalMs: number[] = [];
    let snapshotMs = 0;
    let analysisMs = 0;
    let report;
    for (let run = 0; run <= RUNS; run++) {
      started = performance.now();
      const snapshot = await readEvidenceSnapshot(store, provider);
      const read = performance.now();
      report = analyseEvidence(snapshot, catalogue);
      const done = performance.now();
      if (run > 0) {
        totalMs.push(done - started);
        snapshotMs = read - started;
        analysisMs = done - read;
      }
    }
    return {
      requirements: report!.counts.requirements,
      testCases: report!.counts.testCases,
      artifacts: report!.artifacts.length,
      triples,
      gaps: report!.counts.gaps,
      loadSeconds,
      totalMs,
      snapshotMs,
      analysisMs,
    };
  } finally {
    await store.close();
    directory.remove();
  }
}

/** Formats a measurement as a section of docs/BENCHMARKS.md. */
export function formatTraceabilityMeasurement(result: TraceabilityMeasurement, command: string): string {
  const sorted = [...result.totalMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `
### Traceability analysis, ${new Date().toISOString()}

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}.
Command: \`${command}\`. Target: under 5 s for 10,000 requirements with their chains.
Data: one provider, ${result.requirements.toLocaleString('en-US')} requirements, ${result.testCases.toLocaleString('en-US')} test cases, ${result.artifacts.toLocaleString('en-US')} certification artifacts, ${result.triples.toLocaleString('en-US')} triples (sample generator, seed ${SAMPLE_SEED}); loaded in ${result.loadSeconds.toFixed(1)} s.

| measure | result |
|---|---|
| full analysis (bulk queries, chains, objectives, gaps), median of ${result.totalMs.length} runs after a warm-up | ${(median / 1000).toFixed(2)} s |
| fastest / slowest run | ${(sorted[0]! / 1000).toFixed(2)} s / ${(sorted.at(-1)! / 1000).toFixed(2)} s |
| of the last run: reading the evidence (8 SPARQL queries) / analysing it | ${(result.snapshotMs / 1000).toFixed(2)} s / ${(result.analysisMs / 1000).toFixed(2)} s |
| gaps found | ${result.gaps.toLocaleString('en-US')} |
`;
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  const write = !process.argv.includes('--no-write');
  measureTraceability().then(
    (result) => {
      const section = formatTraceabilityMeasurement(result, 'npm run build && node dist/bench/TraceabilityBench.js');
      process.stdout.write(section);
      if (write) {
        appendFileSync(join(process.cwd(), 'docs', 'BENCHMARKS.md'), section);
      }
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

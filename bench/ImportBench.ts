import { appendFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createSynchronizer } from '../src/cli/ImportCommand.js';
import { readCsvBom } from '../src/import/csv/CsvBomAdapter.js';
import { bufferInput, openInput, type ImportInput } from '../src/import/ImportInput.js';
import type { ImportBatch } from '../src/import/ImportModel.js';
import { importReqif } from '../src/import/reqif/importReqif.js';
import type { SyncReport } from '../src/import/SyncReport.js';
import { readRdfFile } from '../src/load/RdfFileSource.js';
import { setLogLevel } from '../src/logging/Logger.js';
import { EmbeddedStore } from '../src/store/embedded/EmbeddedStore.js';
import { MINI_PROGRAMME } from '../test/helpers/TestServer.js';
import { temporaryDirectory } from '../test/helpers/temporaryDirectory.js';
import { generateBomCsv } from './GeneratedBom.js';
import { generateReqif } from './GeneratedReqif.js';

/**
 * Measures import throughput end to end: the adapter reads the source, the synchronizer matches,
 * validates and commits into a fresh embedded store (journal on disk) with the mini programme's
 * providers. For each source: the first import (everything created) and a second one of the same
 * source (everything unchanged, nothing written). Sources: a generated CSV BOM of --lines lines
 * (default 100,000) and the largest ReqIF file of test/fixtures/import/reqif.
 */
const BASE = 'http://127.0.0.1:8080/';
const REQIF_FIXTURES = join('test', 'fixtures', 'import', 'reqif');

interface Run {
  /** Adapter time: reading and parsing the source into a batch. */
  readMs: number;
  /** Synchronizer time before the commit: checks, matching, planning and shape validation. */
  planMs: number;
  /** Commit time: the journal write and the store update. */
  commitMs: number;
  /** Processor time of the whole import (user and system, all threads), which varies less than wall time on a shared machine. */
  cpuMs: number;
  /** Time from the end of the import until the snapshot that its commit started in the background was written. */
  snapshotMs: number;
  report: SyncReport;
}

function totalMs(run: Run): number {
  return run.readMs + run.planMs + run.commitMs;
}

interface Measurement {
  source: string;
  /** Unit of the source's size, such as "BOM lines". */
  unit: string;
  size: number;
  entities: number;
  first: Run;
  second: Run;
  /** A third import in which every part has a new title, which updates every part and BOM line. */
  renamed?: Run;
  /** Baseline: opening the data directory after both imports, which loads the same quads from a snapshot. */
  reopen: Opening;
  /** Opening a data directory with the first import in its journal only, as after a crash before its snapshot. */
  restart?: Opening;
}

interface Opening {
  ms: number;
  quads: number;
}

async function importOnce(store: EmbeddedStore, read: () => Promise<ImportBatch>): Promise<Run> {
  const cpuBefore = process.cpuUsage();
  let started = performance.now();
  const batch = await read();
  const readMs = performance.now() - started;
  started = performance.now();
  let commitStarted: number | undefined;
  const report = await createSynchronizer(store, BASE).synchronize(batch, {
    provider: 'fcc',
    onProgress: ({ phase }) => {
      if (phase === 'commit' && commitStarted === undefined) {
        commitStarted = performance.now();
      }
    },
  });
  const ended = performance.now();
  const cpu = process.cpuUsage(cpuBefore);

  // A large commit starts a snapshot in the background; the next import would share the processor with it.
  await store.snapshotWritten();
  const snapshotMs = performance.now() - ended;
  return { readMs, planMs: (commitStarted ?? ended) - started, commitMs: commitStarted === undefined ? 0 : ended - commitStarted, cpuMs: (cpu.user + cpu.system) / 1000, snapshotMs, report };
}

async function measure(source: string, unit: string, size: number, read: () => Promise<ImportBatch>, readRenamed?: () => Promise<ImportBatch>): Promise<Measurement> {
  const directory = temporaryDirectory('dt-import-bench-');
  let store = new EmbeddedStore({ directory: directory.path });
  try {
    await store.open();
    await store.importGraphs(await readRdfFile(MINI_PROGRAMME, { baseIri: BASE }));
    const first = await importOnce(store, read);
    const second = await importOnce(store, read);
    const renamed = readRenamed === undefined ? undefined : await importOnce(store, readRenamed);
    const counts = first.report.counts;
    const entities = counts.parts.created + counts.bomLines.created + counts.requirements.created;

    // The baseline: the engine's own bulk load of the same quads, as the store does when it opens.
    await store.compact();
    await store.close();
    store = new EmbeddedStore({ directory: directory.path });
    const started = performance.now();
    await store.open();
    const reopen = { ms: performance.now() - started, quads: await store.size() };
    return { source, unit, size, entities, first, second, ...(renamed === undefined ? {} : { renamed }), reopen };
  } finally {
    await store.close();
    directory.remove();
  }
}

/**
 * Times the start after a crash that came before the snapshot of a large import. The data directory then
 * has the snapshot from before the import and the import's commit in the journal, which the store
 * replays when it opens.
 */
async function measureRestart(read: () => Promise<ImportBatch>): Promise<Opening> {
  const directory = temporaryDirectory('dt-restart-bench-');
  // No compaction, as when the process is killed before the snapshot that the commit starts is written.
  let store = new EmbeddedStore({ directory: directory.path, compactAfterBytes: Number.MAX_SAFE_INTEGER });
  try {
    await store.open();
    await store.importGraphs(await readRdfFile(MINI_PROGRAMME, { baseIri: BASE }));
    await createSynchronizer(store, BASE).synchronize(await read(), { provider: 'fcc' });
    await store.close();

    store = new EmbeddedStore({ directory: directory.path });
    const started = performance.now();
    await store.open();
    return { ms: performance.now() - started, quads: await store.size() };
  } finally {
    await store.close();
    directory.remove();
  }
}

/** Returns the largest ReqIF file by size, and the one with the most SPEC-OBJECTs when that is another file. */
async function reqifFiles(): Promise<{ file: string; objects: number }[]> {
  const files = readdirSync(REQIF_FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.reqif'))
    .map((name) => join(REQIF_FIXTURES, name));
  const counted = await Promise.all(files.map(async (file) => ({ file, objects: (await importReqif(file)).requirements.length })));
  const largest = [...counted].sort((a, b) => statSync(b.file).size - statSync(a.file).size)[0]!;
  const most = [...counted].sort((a, b) => b.objects - a.objects)[0]!;
  return most.file === largest.file ? [largest] : [largest, most];
}

function rate(count: number, ms: number): string {
  return Math.round(count / (ms / 1000)).toLocaleString('en-US');
}

function rows(measurement: Measurement): string {
  const { first, second } = measurement;
  const seconds = (ms: number): string => (ms / 1000).toFixed(2);
  const row = (label: string, run: Run): string =>
    `| ${measurement.source} | ${label} | ${seconds(run.readMs)} | ${seconds(run.planMs)} | ${seconds(run.commitMs)} | ${seconds(totalMs(run))} | ${seconds(run.cpuMs)} | ${seconds(run.snapshotMs)} | ${rate(measurement.size, totalMs(run))} ${measurement.unit}/s | ${rate(measurement.size, run.cpuMs)} ${measurement.unit}/s | ${rate(measurement.entities, totalMs(run))} | ${rate(measurement.size, run.readMs)} ${measurement.unit}/s |`;
  const renamed = measurement.renamed === undefined ? [] : [row('same source, every part renamed (all updated)', measurement.renamed)];
  return [row('first import (all created)', first), row('same source again (all unchanged)', second), ...renamed].join('\n');
}

function baselineRow(measurement: Measurement): string {
  const { first, reopen } = measurement;
  return `| ${measurement.source} | ${(reopen.ms / 1000).toFixed(2)} s for ${reopen.quads.toLocaleString('en-US')} quads (${rate(reopen.quads, reopen.ms)} quads/s) | ${(totalMs(first) / reopen.ms).toFixed(1)} | ${rate(measurement.size, reopen.ms)} ${measurement.unit}/s |`;
}

function restartRow(measurement: Measurement): string {
  const { restart, reopen } = measurement;
  if (restart === undefined) {
    return '';
  }
  return `| ${measurement.source} | ${(restart.ms / 1000).toFixed(2)} s for ${restart.quads.toLocaleString('en-US')} quads | ${(restart.ms / reopen.ms).toFixed(2)} |`;
}

/** Runs both measurements and returns a Markdown section with the results. */
export async function measureImportThroughput(lines: number, reqifObjects: number, log: (message: string) => void): Promise<string> {
  const { text, parts } = generateBomCsv(lines);
  const csv: ImportInput = bufferInput('generated-bom.csv', Buffer.from(text, 'utf8'), 'urn:x-dt:bench:generated-bom.csv');
  log(`import: generated a CSV BOM of ${lines.toLocaleString('en-US')} lines and ${parts.toLocaleString('en-US')} parts (${(text.length / 1e6).toFixed(1)} MB)`);
  // Every part title starts with "Generated", so the renamed BOM changes every part and the title of every BOM line.
  const renamedCsv: ImportInput = bufferInput('generated-bom.csv', Buffer.from(text.replace(/,Generated /g, ',Renamed '), 'utf8'), 'urn:x-dt:bench:generated-bom.csv');
  const bom = await measure('generated CSV BOM', 'BOM lines', lines, () => readCsvBom(csv), () => readCsvBom(renamedCsv));
  log(`import: CSV BOM first ${(totalMs(bom.first) / 1000).toFixed(1)} s, again ${(totalMs(bom.second) / 1000).toFixed(1)} s, renamed ${(totalMs(bom.renamed!) / 1000).toFixed(1)} s`);
  bom.restart = await measureRestart(() => readCsvBom(csv));
  log(`import: opening after a crash before the snapshot took ${(bom.restart.ms / 1000).toFixed(1)} s`);

  const reqif: Measurement[] = [];
  const srs = Buffer.from(generateReqif(reqifObjects), 'utf8');
  log(`import: generated a ReqIF document of ${reqifObjects.toLocaleString('en-US')} SPEC-OBJECTs (${(srs.length / 1e6).toFixed(1)} MB)`);
  const generated = await measure(`generated ReqIF (${srs.length.toLocaleString('en-US')} bytes)`, 'SPEC-OBJECTs', reqifObjects, () =>
    importReqif(bufferInput('generated-srs.reqif', srs, 'urn:x-dt:bench:generated-srs.reqif')),
  );
  log(`import: generated ReqIF first ${(totalMs(generated.first) / 1000).toFixed(2)} s, again ${(totalMs(generated.second) / 1000).toFixed(2)} s`);
  reqif.push(generated);
  for (const { file, objects } of await reqifFiles()) {
    const measurement = await measure(`${file} (${statSync(file).size.toLocaleString('en-US')} bytes)`, 'SPEC-OBJECTs', objects, () => importReqif(openInput(file)));
    log(`import: ${file} first ${(totalMs(measurement.first) / 1000).toFixed(2)} s, again ${(totalMs(measurement.second) / 1000).toFixed(2)} s`);
    reqif.push(measurement);
  }
  const [load1, load5] = loadavg();

  return `
### Import throughput of ${new Date().toISOString()}

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}, ${process.platform}; load average ${load1!.toFixed(1)} (1 min), ${load5!.toFixed(1)} (5 min) when the run ended.
Command: \`npm run bench\` (or alone: \`npm run build && node dist/bench/ImportBench.js --lines ${lines} --reqif-objects ${reqifObjects}\`), one process.
Each import runs the adapter (read), then the synchronizer: checks, matching, planning and shape validation (plan),
and one durable commit into a fresh data directory (commit). The generated BOM has ${lines.toLocaleString('en-US')} lines under
${parts.toLocaleString('en-US')} parts in a tree of assemblies of 100 lines. The generated ReqIF document has ${reqifObjects.toLocaleString('en-US')} SPEC-OBJECTs
with XHTML text, in sections of 50 under a heading object, with a SPEC-RELATION from every seventh object. Entities are the parts, BOM lines and requirements
created. CPU s is the processor time of the import: user and system, all threads of the process, so
garbage collection and the journal's fsync wait count only as far as they use the processor. On a
shared machine the rate per CPU second varies less than the rate per wall-clock second.
A commit that makes the journal larger than the compaction threshold starts a snapshot in the
background, which the acknowledged import does not wait for; snapshot s is how long it ran on after the
import. The bench waits for it before the next import, so the second import does not share the processor
with it, and no rate includes it. The second import finds every resource unchanged in the import state
and reads none of them back. The third import of the BOM gives every part a new title, so it updates every
part and BOM line.
Target: at least 20,000 BOM lines/s end to end.

| source | run | read s | plan s | commit s | total s | CPU s | snapshot s | rate, end to end | rate per CPU second | entities/s | rate, adapter alone |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows(bom)}
${reqif.map(rows).join('\n')}

Baseline in the same run: after both imports, the data directory is compacted and opened again, which
loads every quad of the store (the programme and the import) from one snapshot into the engine. That
is the engine's own bulk load of what the import wrote, with no parsing of the source, planning,
validation or journal. The ratio is the first import's total time over it; the last column is the rate
the first import would reach if it cost no more than that load.

| source | opening the data directory | first import / opening | rate at the cost of opening |
|---|---:|---:|---:|
${baselineRow(bom)}

Start after a crash: a second data directory gets the same first import with compaction turned off,
as when the server is killed before the snapshot that the import's commit starts is written. Opening it
loads the snapshot of the programme and replays the import's journal record. The ratio is against the
opening from one snapshot above.

| source | opening with the import in the journal | ratio to opening from one snapshot |
|---|---:|---:|
${restartRow(bom)}
`;
}

/** Measures, writes the section to standard output, and appends it to docs/BENCHMARKS.md when `write` is set. */
export async function appendImportThroughput(lines: number, reqifObjects: number, log: (message: string) => void, write: boolean): Promise<void> {
  const section = await measureImportThroughput(lines, reqifObjects, log);
  process.stdout.write(section);
  const file = join(process.cwd(), 'docs', 'BENCHMARKS.md');
  if (write && existsSync(file)) {
    appendFileSync(file, section);
    log(`appended the import figures to ${file}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { lines: { type: 'string', default: '100000' }, 'reqif-objects': { type: 'string', default: '10000' }, write: { type: 'boolean', default: false } } });
  setLogLevel('warn');
  await appendImportThroughput(Number(values.lines), Number(values['reqif-objects']), (message) => process.stderr.write(`[bench] ${message}\n`), values.write === true);
}

import { appendFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importReqif } from '../src/import/reqif/importReqif.js';

/**
 * Measures ReqIF import throughput (parse and mapping to an import batch) on the corpus fixtures in
 * test/fixtures/import/reqif: the largest file by size, and the file with the most SPEC-OBJECTs.
 * Each file is read 3 times to warm up, then for at least 2 s; figures are medians of those runs.
 */
const FIXTURES = join('test', 'fixtures', 'import', 'reqif');
const WARM_UP_RUNS = 3;
const MIN_SECONDS = 2;
const MAX_RUNS = 500;

interface ReqifThroughput {
  file: string;
  bytes: number;
  objects: number;
  medianMs: number;
}

function reqifFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.reqif'))
    .map((name) => join(directory, name));
}

async function measure(file: string): Promise<ReqifThroughput> {
  let objects = 0;
  for (let run = 0; run < WARM_UP_RUNS; run += 1) {
    objects = (await importReqif(file)).requirements.length;
  }
  const times: number[] = [];
  const started = performance.now();
  while (times.length < MAX_RUNS && (performance.now() - started < MIN_SECONDS * 1000 || times.length < 5)) {
    const runStarted = performance.now();
    await importReqif(file);
    times.push(performance.now() - runStarted);
  }
  times.sort((a, b) => a - b);
  return { file, bytes: statSync(file).size, objects, medianMs: times[Math.floor(times.length / 2)]! };
}

function formatRow(result: ReqifThroughput): string {
  const objectsPerSecond = Math.round(result.objects / (result.medianMs / 1000));
  const mibPerSecond = result.bytes / 1024 ** 2 / (result.medianMs / 1000);
  return `| ${result.file} | ${result.bytes.toLocaleString('en-US')} | ${result.objects} | ${result.medianMs.toFixed(2)} | ${objectsPerSecond.toLocaleString('en-US')} | ${mibPerSecond.toFixed(1)} |`;
}

/** Measures both files and returns a Markdown section with the results. */
export async function measureReqifThroughput(): Promise<string> {
  const files = reqifFiles(FIXTURES);
  const largest = [...files].sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
  const results = [await measure(largest)];
  const counted = await Promise.all(files.map(async (file) => ({ file, objects: (await importReqif(file)).requirements.length })));
  const maxObjectsFile = counted.sort((a, b) => b.objects - a.objects)[0]!.file;
  if (maxObjectsFile !== largest) {
    results.push(await measure(maxObjectsFile));
  }
  return `
### ReqIF import of ${new Date().toISOString()}

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}. Script: bench/ReqifBench.ts (run by \`npm run bench\`, or alone as \`node dist/bench/ReqifBench.js\`), one process, files read from disk.

| file | bytes | SPEC-OBJECTs | median ms | objects/s | MiB/s |
|---|---:|---:|---:|---:|---:|
${results.map(formatRow).join('\n')}
`;
}

/** Measures, writes the section to standard output, and appends it to docs/BENCHMARKS.md when `write` is set. */
export async function appendReqifThroughput(log: (message: string) => void, write: boolean): Promise<void> {
  const section = await measureReqifThroughput();
  process.stdout.write(section);
  const file = join(process.cwd(), 'docs', 'BENCHMARKS.md');
  if (write && existsSync(file)) {
    appendFileSync(file, section);
    log(`appended the ReqIF import figures to ${file}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(await measureReqifThroughput());
}

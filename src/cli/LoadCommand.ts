import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { recordCommand } from '../audit/CommandAudit.js';
import { readRdfFile, type FileProgress } from '../load/RdfFileSource.js';
import { checkBaseUrl, openableStore } from '../server/DigitalThreadServer.js';
import { dataDirectoryConfig } from './DataDirectoryConfig.js';
import { parseCommandLine } from './CommandLine.js';
import { UsageError } from './UsageError.js';

const HELP = `Usage: digital-thread load [options] FILE...

Loads RDF files into the data directory, one named graph per resource (a resource's blank nodes go
with it; graphs named in N-Quads or TriG are kept). Existing graphs with the same IRI are replaced.
Stop the server first: the data directory can be open in one process only. Each loaded file is
recorded in the audit log as an import.

  --data DIR        data directory (env DT_DATA, default ./data)
  --base-url URL    base for relative IRIs; must match the server's (env DT_BASE_URL; default: the one the data directory records, else http://127.0.0.1:8080/)
  --graph IRI       put every triple of the files in this one graph
  --encryption-key-file FILE
                    key of an encrypted data directory (env DT_ENCRYPTION_KEY_FILE, or the key in DT_ENCRYPTION_KEY)
  --quiet           print no progress
  --help            show this text`;

/** Loads files, printing progress on standard error and a summary on standard output. */
export async function runLoad(args: string[]): Promise<number> {
  const parsed = parseCommandLine('load', {
    args,
    options: {
      data: { type: 'string' },
      'base-url': { type: 'string' },
      graph: { type: 'string' },
      'encryption-key-file': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (parsed.values.help === true) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    throw new UsageError(`No file given.\n\n${HELP}`);
  }

  const config = dataDirectoryConfig(parsed.values);
  const quiet = parsed.values.quiet === true;
  const store = openableStore(config);
  await store.open();
  try {
    checkBaseUrl(config, 'load');
    let totalGraphs = 0;
    let totalQuads = 0;
    for (const file of parsed.positionals) {
      const started = performance.now();
      const progress = quiet ? undefined : throttledProgress();
      const graphs = await readRdfFile(file, { baseIri: config.baseUrl, ...(parsed.values.graph === undefined ? {} : { graph: parsed.values.graph }), ...(progress === undefined ? {} : { onProgress: progress }) });
      const result = await store.importGraphs(graphs, quiet ? undefined : (report) => {
        process.stderr.write(`\r  stored ${report.graphs.toLocaleString('en-US')} of ${graphs.length.toLocaleString('en-US')} graphs`);
      });
      const seconds = (performance.now() - started) / 1000;
      if (!quiet) {
        process.stderr.write('\n');
      }
      const rate = seconds >= 1 ? `, ${Math.round(result.quads / seconds).toLocaleString('en-US')} triples/s` : '';
      process.stdout.write(`${file}: ${plural(result.quads, 'triple')} in ${plural(result.graphs, 'graph')}, ${seconds.toFixed(1)} s${rate}\n`);
      await recordCommand(config.dataDirectory, {
        action: 'import',
        command: 'digital-thread load',
        resource: resolve(file),
        detail: `Loaded ${plural(result.quads, 'triple')} in ${plural(result.graphs, 'graph')}${parsed.values.graph === undefined ? '' : ` into <${parsed.values.graph}>`}.`,
        bytesIn: statSync(file).size,
      });
      totalGraphs += result.graphs;
      totalQuads += result.quads;
    }
    if (parsed.positionals.length > 1) {
      process.stdout.write(`Total: ${plural(totalQuads, 'triple')} in ${plural(totalGraphs, 'graph')}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** Prints parse progress at most once a second. */
function throttledProgress(): (progress: FileProgress) => void {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (now - last < 1000 && progress.bytesRead < progress.bytesTotal) {
      return;
    }
    last = now;
    const percent = progress.bytesTotal === 0 ? 100 : Math.round((progress.bytesRead / progress.bytesTotal) * 100);
    process.stderr.write(
      `\r  ${progress.file}: read ${(progress.bytesRead / 1e6).toFixed(1)} of ${(progress.bytesTotal / 1e6).toFixed(1)} MB (${percent}%), ${progress.quads.toLocaleString('en-US')} triples`,
    );
    if (progress.bytesRead >= progress.bytesTotal) {
      process.stderr.write('\n');
    }
  };
}

import { existsSync, readFileSync } from 'node:fs';
import type { parseArgs } from 'node:util';
import { recordCommand } from '../audit/CommandAudit.js';
import { join } from 'node:path';
import { ADAPTERS } from '../import/Adapters.js';
import { parseBomView, type BomView } from '../import/BomViews.js';
import { asRejection, formatIssue, ImportError, ImportRejectedError } from '../import/ImportErrors.js';
import { openInput } from '../import/ImportInput.js';
import { checkServiceRoot, EXAMPLE_SERVICE_ROOT } from '../import/odata/ServiceRoot.js';
import { runImport, unreadOption } from '../import/ImportRunner.js';
import { Synchronizer } from '../import/Synchronizer.js';
import { IMPORT_FORMATS } from '../import/SourceFormat.js';
import { formatReport } from '../import/SyncReport.js';
import { setLogLevel } from '../logging/Logger.js';
import { OslcUrls } from '../oslc/OslcUrls.js';
import { checkBaseUrl, openableStore } from '../server/DigitalThreadServer.js';
import { parseCommandLine } from './CommandLine.js';
import { dataDirectoryConfig } from './DataDirectoryConfig.js';
import { PROJECT_ROOT } from '../server/ProjectRoot.js';
import { loadShapes } from '../shapes/ShapeLoader.js';
import { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import { ShapeValidator } from '../shapes/ShapeValidator.js';
import { StoreLockedError } from '../store/StoreError.js';
import type { TripleStore } from '../store/TripleStore.js';
import { Vocabulary } from '../vocab/Vocabulary.js';
import { ProgressBar } from './ProgressBar.js';
import { UsageError } from './UsageError.js';
import { isIsoDateTime } from '../util/IsoDateTime.js';

const HELP = `Usage: digital-thread import FORMAT FILE|URL --provider ID [options]

Imports parts, BOM lines and requirements from a PLM or requirements source into a service provider.
A second import of the same source updates the same resources and writes nothing when nothing
changed. Everything is validated before anything is written; a bad input changes nothing.
Stop the server first: the data directory can be open in one process only.

Formats: ${Object.keys(ADAPTERS).join(', ')}. For odata, give the Windchill REST Services root URL,
such as ${EXAMPLE_SERVICE_ROOT}; the Authorization header it sends is read
from the environment variable DT_ODATA_AUTHORIZATION (such as "Basic dXNlcjpwYXNz"). For step, give
the top file of an assembly, or a zip archive of its STEP files.

  --provider ID       service provider to import into, such as fcc (required)
  --data DIR          data directory (env DT_DATA, default ./data)
  --base-url URL      base of resource IRIs; must match the server's (env DT_BASE_URL; default: the one the data directory records, else http://127.0.0.1:8080/)
  --dry-run           print what would change, and write nothing
  --source NAME       name that identifies the source across imports (default: the file's base name, or the URL);
                      give the same name to update the same resources from another file path or an upload
  --remove-missing    also remove resources that earlier imports of this source created and that it no longer has
  --mapping FILE      JSON file that maps column names (csv), attribute names (reqif), or property,
                      unit and part view names (odata); see the README
  --tool NAME         exporting tool whose attribute names to read (reqif): DOORS, DOORS Next, Polarion,
                      ReqIF Studio, Eclipse RMF or ReqIF; detected from the file by default
  --top NAME          top file of a zip archive of STEP files (step): its path in the archive, or
                      its file name; by default the one STEP file that no other file in it refers to
  --since TIME        pull only parts changed at or after this ISO 8601 time (odata), such as 2026-01-01T00:00:00Z
  --bom-view VIEW     BOM of the lines whose source names none, ebom or mbom (default ebom); a CSV
                      "BOM View" column, a Windchill part's view, a Teamcenter BOM view type and a STEP
                      'manufacturing' life cycle stage name it per line
  --encryption-key-file FILE
                      key of an encrypted data directory (env DT_ENCRYPTION_KEY_FILE, or the key in
                      DT_ENCRYPTION_KEY)
  --json              print the report as JSON: counts, warnings and every change, the first 1000 with
                      their values (a rejection prints its issues as JSON too)
  --quiet             print no progress and no log lines below error level, such as odata retries
  --help              show this text

Each import except a dry run is recorded in the audit log, also when it changes nothing.`;

/** Number of a rejection's issues that the command prints; the report's warnings are cut at the same number. */
const MAX_ISSUES_SHOWN = 100;

/** The options of `digital-thread import`. */
const IMPORT_OPTIONS = {
  provider: { type: 'string' },
  data: { type: 'string' },
  'base-url': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'remove-missing': { type: 'boolean' },
  source: { type: 'string' },
  mapping: { type: 'string' },
  tool: { type: 'string' },
  top: { type: 'string' },
  since: { type: 'string' },
  'bom-view': { type: 'string' },
  'encryption-key-file': { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

type ImportValues = ReturnType<typeof parseArgs<{ options: typeof IMPORT_OPTIONS; strict: true; allowPositionals: true }>>['values'];

/** Runs `digital-thread import ...`: progress on standard error, the report on standard output. */
export async function runImportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('import', { args, options: IMPORT_OPTIONS, strict: true, allowPositionals: true });
  if (values.help === true) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const [format, source, ...extra] = positionals;
  if (format === undefined || source === undefined || extra.length > 0) {
    throw new UsageError(`digital-thread import takes a format and one file or URL.\n\n${HELP}`);
  }
  if (!Object.hasOwn(ADAPTERS, format)) {
    throw new UsageError(`Unknown import format "${format}"; use one of ${Object.keys(ADAPTERS).join(', ')}.`);
  }
  if (values.provider === undefined) {
    throw new UsageError(`--provider is missing; give the id of the service provider to import into, such as --provider fcc.\n\n${HELP}`);
  }
  if (values.since !== undefined && !isIsoDateTime(values.since)) {
    throw new UsageError(`--since "${values.since}" is not an ISO 8601 date-time with a time zone; write it as 2026-01-01T00:00:00Z.`);
  }
  const bomView = values['bom-view'] === undefined ? undefined : parseBomView(values['bom-view']);
  if (values['bom-view'] !== undefined && bomView === undefined) {
    throw new UsageError(`--bom-view "${values['bom-view']}" names no BOM view; use ebom (engineering) or mbom (manufacturing).`);
  }
  // An option that the format does not read is rejected before its file is read, as a missing file would hide why.
  const unread = unreadOption({ format, mapping: values.mapping, tool: values.tool, modifiedSince: values.since, bomView, top: values.top });
  if (unread !== undefined) {
    throw new UsageError(unread);
  }
  try {
    return await importSource(format, source, values.provider, values, bomView);
  } catch (error) {
    if (error instanceof ImportError) {
      return reportFailure(error, values.json === true);
    }
    throw error;
  }
}

/** Imports `source` with the parsed options; an ImportError from any step, the file's reading included, reaches the caller. */
async function importSource(format: string, source: string, provider: string, values: ImportValues, bomView: BomView | undefined): Promise<number> {
  const mapping = values.mapping === undefined ? undefined : readMapping(values.mapping);
  const authorization = process.env.DT_ODATA_AUTHORIZATION === '' ? undefined : process.env.DT_ODATA_AUTHORIZATION;
  if (format === 'odata') {
    checkServiceRoot(source);
  }
  const input = openInput(source, Object.hasOwn(IMPORT_FORMATS, format) ? IMPORT_FORMATS[format as keyof typeof IMPORT_FORMATS].file : 'file');

  const config = dataDirectoryConfig(values);
  if (values.quiet === true) {
    // A quiet run prints the report or the error only, so warnings such as odata retries are dropped.
    setLogLevel('error');
  }
  const dryRun = values['dry-run'] === true;
  // A data directory without a store (every store has store.json) has no service provider, so an import
  // into it can only fail. It creates no store there.
  if (!existsSync(join(config.dataDirectory, 'store.json'))) {
    const state = existsSync(config.dataDirectory) ? 'holds no store' : 'does not exist';
    const purpose = dryRun ? 'to compare the source with, and a dry run creates nothing' : 'to import into';
    throw new ImportError(
      `--data ${config.dataDirectory} ${state}, so it has no service provider ${purpose}; load a provider first with \`digital-thread load\` (or start the server on it once, which loads the sample programme), or give an existing --data directory.`,
    );
  }
  const store = openableStore(config);
  try {
    await store.open();
  } catch (error) {
    // The usual case is a running server, which takes uploads, dry runs included, on its endpoint.
    if (error instanceof StoreLockedError && format !== 'odata') {
      throw new StoreLockedError(
        `${error.message} A running server imports on its endpoint instead: POST the file to /import/${format}?provider=${provider}${dryRun ? '&dryRun=true' : ''} (see "Importing from PLM and requirements tools" in the README).`,
        { cause: error },
      );
    }
    throw error;
  }
  const progress = values.quiet === true ? undefined : new ProgressBar();
  try {
    checkBaseUrl(config, 'import', !dryRun);
    const report = await runImport(createSynchronizer(store, config.baseUrl), {
      format,
      input,
      provider: provider,
      dryRun,
      removeMissing: values['remove-missing'] === true,
      ...(values.source === undefined ? {} : { source: values.source }),
      ...(mapping === undefined ? {} : { mapping }),
      ...(values.tool === undefined ? {} : { tool: values.tool }),
      ...(values.since === undefined ? {} : { modifiedSince: values.since }),
      ...(values.top === undefined ? {} : { top: values.top }),
      ...(bomView === undefined ? {} : { bomView }),
      ...(format === 'odata' && authorization !== undefined ? { authorization } : {}),
      ...(progress === undefined ? {} : { onProgress: (update) => progress.update(update) }),
    });
    progress?.finish();
    if (!report.dryRun) {
      await recordCommand(config.dataDirectory, {
        action: 'import',
        command: 'digital-thread import',
        resource: report.source.uri,
        detail: `Imported ${format} into ${provider}: ${JSON.stringify(report.counts)}${report.sequence === undefined ? ', nothing written' : `, sequence ${report.sequence}`}.`,
      });
    }
    if (values.json === true) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    // A dry run is read to decide, so it lists more. A real run names what it changed, removals included.
    process.stdout.write(formatReport(report, { listChanges: true, maxChanges: report.dryRun ? 200 : 50 }));
    return 0;
  } finally {
    progress?.finish();
    await store.close();
  }
}

/**
 * Prints a failed import and returns the exit code 1. A script reads every failed import in one JSON
 * form with --json, whether the source broke a rule, the adapter could not read it, or the file is missing.
 */
function reportFailure(error: ImportError, json: boolean): number {
  if (json) {
    const rejection = asRejection(error);
    process.stdout.write(`${JSON.stringify({ rejected: true, message: rejection.summary(), issues: rejection.issues }, null, 2)}\n`);
  }
  if (error instanceof ImportRejectedError) {
    // A file with the same mistake on every row would print thousands of lines; --json has every one.
    const issueLines = error.issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => `  ${issue.severity === 'error' ? 'error' : 'warning'}: ${formatIssue(issue)}`);
    if (error.issues.length > MAX_ISSUES_SHOWN) {
      issueLines.push(`  ... and ${(error.issues.length - MAX_ISSUES_SHOWN).toLocaleString('en-US')} more (--json prints every one)`);
    }
    process.stderr.write(`${error.message.split('\n')[0]}\n${issueLines.join('\n')}\n`);
  } else {
    process.stderr.write(`${error.message}\n`);
  }
  return 1;
}

/** Builds a Synchronizer over a store with the project's shapes, as the server would. */
export function createSynchronizer(store: TripleStore, baseUrl: string): Synchronizer {
  const urls = new OslcUrls(baseUrl);
  const shapes = new ShapeRegistry(loadShapes(join(PROJECT_ROOT, 'shapes'), urls.shapesBase));
  return new Synchronizer(store, shapes, new ShapeValidator(shapes), urls, Vocabulary.load(join(PROJECT_ROOT, 'vocab')));
}

function readMapping(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ImportError(`--mapping ${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ImportError(`--mapping ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

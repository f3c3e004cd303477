import { adapterFor, BOM_FORMATS, CANONICAL_SOURCE_NAMES, MAPPING_FORMATS, type AdapterOptions } from './Adapters.js';
import type { BomView } from './BomViews.js';
import { ImportError } from './ImportErrors.js';
import { defaultSourceName } from './Provenance.js';
import type { ImportInput } from './ImportInput.js';
import type { ImportIssue } from './ImportModel.js';
import { chooseSourceSpelling } from './SourceSpellings.js';
import type { Synchronizer } from './Synchronizer.js';
import type { SyncPhase, SyncReport } from './SyncReport.js';

/** One import to run: which adapter reads which input into which provider. */
export interface ImportRequest {
  format: string;
  input: ImportInput;
  provider: string;
  dryRun?: boolean;
  removeMissing?: boolean;
  /** Parsed mapping JSON for adapters that take one (MAPPING_FORMATS). */
  mapping?: unknown;
  /** Exporting tool profile (reqif). */
  tool?: string;
  /** Pull only what changed after this ISO 8601 time (odata). */
  modifiedSince?: string;
  /** The BOM of the lines whose source names no view (formats with BOMs); EBOM when absent. */
  bomView?: BomView;
  /** Authorization header value for the source (odata); never logged. */
  authorization?: string;
  /** The top file of a zip archive of STEP files (step); found from the references when absent. */
  top?: string;
  /**
   * Name that identifies the source across imports. When absent, the name that the adapter gives (the
   * top file of a STEP zip), else defaultSourceName of the input's path or URL.
   */
  source?: string;
  /** Id for log lines, such as a job id. */
  importId?: string;
  onProgress?: (progress: ImportProgress) => void;
}

/** Progress of an import: the adapter reading its source (bytes), then the synchronizer's steps. */
export interface ImportProgress {
  phase: 'source' | SyncPhase;
  done: number;
  total?: number;
  unit?: 'bytes' | 'resources';
}

/**
 * Reads the source with the format's adapter, then synchronizes the batch into the provider. Removal
 * of missing resources needs the whole source, so it is rejected with an incremental pull.
 */
export async function runImport(synchronizer: Synchronizer, request: ImportRequest): Promise<SyncReport> {
  const adapter = adapterFor(request.format);
  const unread = unreadOption(request);
  if (unread !== undefined) {
    throw new ImportError(unread);
  }
  if (request.removeMissing === true && request.modifiedSince !== undefined) {
    throw new ImportError('Removing missing resources needs a full pull, but an incremental pull reads only what changed since a time; leave out --since or --remove-missing.');
  }
  const progress = request.onProgress ?? ((): void => undefined);
  const { name, warning } = await sourceName(synchronizer, request);
  const options: AdapterOptions = {
    ...(request.mapping === undefined ? {} : { mapping: request.mapping }),
    ...(request.tool === undefined ? {} : { tool: request.tool }),
    ...(request.modifiedSince === undefined ? {} : { modifiedSince: request.modifiedSince, storedUses: (partNumbers, system) => synchronizer.storedUses(request.provider, partNumbers, system) }),
    ...(request.authorization === undefined ? {} : { authorization: request.authorization }),
    ...(request.bomView === undefined ? {} : { bomView: request.bomView }),
    ...(request.top === undefined ? {} : { top: request.top }),
    sourceName: name,
    onProgress: ({ bytesRead, bytesTotal }) => progress({ phase: 'source', done: bytesRead, ...(bytesTotal === undefined ? {} : { total: bytesTotal }), unit: 'bytes' }),
  };
  const started = performance.now();
  const batch = await adapter(request.input, options);
  const readMs = performance.now() - started;
  // Without a name in the request an adapter may name the source, as a STEP zip is named by its top file.
  batch.source.name = request.source === undefined ? (batch.source.name ?? name) : name;
  if (request.source !== undefined) {
    batch.source.namedSource = true;
  }
  if (warning !== undefined) {
    batch.issues.push(warning);
  }
  const report = await synchronizer.synchronize(batch, {
    provider: request.provider,
    dryRun: request.dryRun === true,
    removeMissing: request.removeMissing === true,
    ...(request.bomView === undefined ? {} : { bomView: request.bomView }),
    ...(request.importId === undefined ? {} : { importId: request.importId }),
    onProgress: (step) => progress({ ...step, unit: 'resources' }),
  });
  // The summary's time is the whole import's, so reading the source (an OData pull with its retries) counts.
  report.durationMs += readMs;
  if (batch.highWaterMark !== undefined) {
    report.highWaterMark = batch.highWaterMark;
  }
  if (batch.partial === true) {
    report.partial = true;
  }
  return report;
}

/**
 * Returns the name of the request's source: `--source` as given, else the canonical name of a URL that
 * has several spellings (CANONICAL_SOURCE_NAMES), or a stored spelling of it, else defaultSourceName.
 */
async function sourceName(synchronizer: Synchronizer, request: ImportRequest): Promise<{ name: string; warning?: ImportIssue }> {
  if (request.source !== undefined) {
    // A name given as a path names the source by its base name, as the import endpoint does.
    const name = defaultSourceName(request.source.trim());
    if (name === '') {
      throw new ImportError('The source name is empty; give a name such as "windchill-prod" or leave the option out to use the file name.');
    }
    return { name };
  }

  const typed = defaultSourceName(request.input.uri);
  const canonicalOf = Object.hasOwn(CANONICAL_SOURCE_NAMES, request.format) ? CANONICAL_SOURCE_NAMES[request.format]! : undefined;
  const canonical = canonicalOf?.(request.input.uri);
  if (canonicalOf === undefined || canonical === undefined) {
    return { name: typed };
  }
  const stored = await synchronizer.storedSources(request.provider);
  return chooseSourceSpelling(canonical, typed, stored, (iri) => canonicalOf(iri) === canonical);
}

/**
 * Returns the error message for an option that the format's adapter does not read, or undefined.
 * Ignoring such an option would mislead, as `--since` on a CSV import would.
 */
export function unreadOption(request: Pick<ImportRequest, 'format' | 'mapping' | 'tool' | 'modifiedSince' | 'bomView' | 'top'>): string | undefined {
  const options: [given: boolean, formats: readonly string[], option: string][] = [
    [request.mapping !== undefined, MAPPING_FORMATS, 'mapping (--mapping, mapping=)'],
    [request.tool !== undefined, ['reqif'], 'exporting tool (--tool, tool=)'],
    [request.modifiedSince !== undefined, ['odata'], 'modification time (--since)'],
    [request.bomView !== undefined, BOM_FORMATS, 'BOM view (--bom-view, bomView=)'],
    [request.top !== undefined, ['step'], 'top file (--top, top=)'],
  ];
  for (const [given, formats, option] of options) {
    if (given && !formats.includes(request.format)) {
      const readers = formats.length === 1 ? `${formats[0]!} takes` : `${new Intl.ListFormat('en', { type: 'conjunction' }).format(formats)} take`;
      return `The ${request.format} format takes no ${option}; only ${readers} one, so leave it out.`;
    }
  }
  return undefined;
}

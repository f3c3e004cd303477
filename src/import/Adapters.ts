import { readCsvBom } from './csv/CsvBomAdapter.js';
import { AdapterUnavailableError, UnknownFormatError } from './ImportErrors.js';
import type { ImportInput } from './ImportInput.js';
import type { ImportBatch } from './ImportModel.js';
import { readStep } from './step/StepAdapter.js';

/** Options every adapter receives; each reads only what it needs. */
export interface AdapterOptions {
  /** The parsed `--mapping` JSON file, for adapters that map columns or attributes (csv). */
  mapping?: unknown;
  /** Reports bytes read, for progress bars. */
  onProgress?: (progress: { bytesRead: number; bytesTotal?: number }) => void;
}

/** Reads one source format into the neutral import model. */
export type ImportAdapter = (input: ImportInput, options: AdapterOptions) => Promise<ImportBatch>;

/** Marks registry entries of adapters that this build lacks. */
const UNAVAILABLE = Symbol('unavailable');

function unavailable(format: string): ImportAdapter {
  const adapter: ImportAdapter = async () => {
    throw unavailableError(format);
  };
  return Object.assign(adapter, { [UNAVAILABLE]: true });
}

function unavailableError(format: string): AdapterUnavailableError {
  return new AdapterUnavailableError(`The ${format} adapter is not available in this build; use step or csv, or a build that includes the ${format} adapter.`);
}

/**
 * Source formats by the name the CLI and the HTTP endpoint use. An adapter only reads its format; the
 * Synchronizer does everything else.
 */
export const ADAPTERS: Readonly<Record<string, ImportAdapter>> = {
  step: readStep,
  csv: readCsvBom,
  plmxml: unavailable('plmxml'),
  odata: unavailable('odata'),
  reqif: unavailable('reqif'),
};

/**
 * Returns the adapter of a format. Throws UnknownFormatError naming the known formats, or
 * AdapterUnavailableError for a format whose adapter this build lacks, before any input is opened.
 */
export function adapterFor(format: string): ImportAdapter {
  const adapter = Object.hasOwn(ADAPTERS, format) ? ADAPTERS[format] : undefined;
  if (adapter === undefined) {
    throw new UnknownFormatError(`Unknown import format "${format}"; use one of ${Object.keys(ADAPTERS).join(', ')}.`);
  }
  if (UNAVAILABLE in adapter) {
    throw unavailableError(format);
  }
  return adapter;
}

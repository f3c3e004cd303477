import { adapterFor } from './Adapters.js';
import type { ImportInput } from './ImportInput.js';
import type { Synchronizer } from './Synchronizer.js';
import type { SyncPhase, SyncReport } from './SyncReport.js';

/** One import to run: which adapter reads which input into which provider. */
export interface ImportRequest {
  format: string;
  input: ImportInput;
  provider: string;
  dryRun?: boolean;
  removeMissing?: boolean;
  /** Parsed mapping JSON for adapters that take one (csv). */
  mapping?: unknown;
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

/** Reads the source with the format's adapter, then synchronizes the batch into the provider. */
export async function runImport(synchronizer: Synchronizer, request: ImportRequest): Promise<SyncReport> {
  const adapter = adapterFor(request.format);
  const progress = request.onProgress ?? ((): void => undefined);
  const batch = await adapter(request.input, {
    ...(request.mapping === undefined ? {} : { mapping: request.mapping }),
    onProgress: ({ bytesRead, bytesTotal }) => progress({ phase: 'source', done: bytesRead, ...(bytesTotal === undefined ? {} : { total: bytesTotal }), unit: 'bytes' }),
  });
  return synchronizer.synchronize(batch, {
    provider: request.provider,
    dryRun: request.dryRun === true,
    removeMissing: request.removeMissing === true,
    ...(request.importId === undefined ? {} : { importId: request.importId }),
    onProgress: (step) => progress({ ...step, unit: 'resources' }),
  });
}

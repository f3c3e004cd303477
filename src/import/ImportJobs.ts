import { randomUUID } from 'node:crypto';
import { errorMessage, getLogger } from '../logging/Logger.js';
import { BOM_FORMATS } from './Adapters.js';
import { DEFAULT_BOM_VIEW, type BomView } from './BomViews.js';
import { asRejection, ImportError } from './ImportErrors.js';
import { NOT_STARTED_MESSAGE, type ImportJobLog } from './ImportJobLog.js';
import type { ImportIssue } from './ImportModel.js';
import { runImport, type ImportProgress, type ImportRequest } from './ImportRunner.js';
import type { Synchronizer } from './Synchronizer.js';
import type { SyncReport } from './SyncReport.js';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

/** An import submitted over HTTP, as its job resource shows it. */
export interface ImportJob {
  id: string;
  format: string;
  provider: string;
  /** Name of the source, as `source=` gives it (the base name of a path), else the base name of a STEP zip's top file or the upload's file name. */
  source: string;
  dryRun: boolean;
  removeMissing: boolean;
  /** The BOM view of lines whose source names none: `bomView=`, else EBOM; absent for formats without BOM lines. */
  defaultBomView?: BomView;
  state: JobState;
  submitted: string;
  started?: string;
  finished?: string;
  /** Name of the API key that submitted the job. */
  submittedBy?: string;
  progress: ImportProgress;
  report?: SyncReport;
  /**
   * Number of changes in the report, set when the report lists only the first DETAILED_CHANGES of them,
   * as a job loaded from its file does. Read it with changeCountOf.
   */
  changeCount?: number;
  /** The failure of the job. An import error lists its issues, and only an unexpected failure has none. */
  error?: { message: string; issues?: readonly ImportIssue[] };
}

/** Finished jobs kept for their reports; older ones are forgotten. */
const KEPT_JOBS = 100;

/** Returns the number of changes in a job's report, of which the report may list only the first DETAILED_CHANGES. */
export function changeCountOf(job: ImportJob): number {
  return job.changeCount ?? job.report?.changes.length ?? 0;
}

/**
 * Runs imports submitted over HTTP one at a time, in submission order, and keeps each job's state,
 * progress and report for its job resource. With a log, each job is also written to a file when it is
 * queued, starts and finishes, so the jobs outlive a restart. A job that a stop interrupts is not resumed,
 * because its upload is not kept, and the next start marks it failed.
 */
export class ImportJobs {
  private readonly logger = getLogger('ImportJobs');
  private readonly jobs = new Map<string, ImportJob>();
  private queue: Promise<void> = Promise.resolve();
  private closing = false;

  /** Without a log, jobs live in memory only and are lost when the server stops. */
  public constructor(
    private readonly synchronizer: Synchronizer,
    private readonly log?: ImportJobLog,
  ) {}

  /** Loads the jobs of earlier runs from the log, before any job is submitted. */
  public open(): void {
    for (const job of this.log?.load(KEPT_JOBS) ?? []) {
      this.jobs.set(job.id, job);
    }
  }

  /** Queues an import and returns its job at once; the import runs after the jobs before it. */
  public submit(request: Omit<ImportRequest, 'onProgress' | 'importId'>, submittedBy?: string): ImportJob {
    const job: ImportJob = {
      id: randomUUID(),
      format: request.format,
      provider: request.provider,
      // The source name that the report's provenance uses, which for an upload with a URL or a path as its
      // name differs from the file name.
      source: request.source ?? request.input.name,
      dryRun: request.dryRun === true,
      removeMissing: request.removeMissing === true,
      // Formats with BOM lines show the view that lines without one take, so a reader sees the EBOM default too.
      ...(BOM_FORMATS.includes(request.format) ? { defaultBomView: request.bomView ?? DEFAULT_BOM_VIEW } : {}),
      state: 'queued',
      submitted: new Date().toISOString(),
      ...(submittedBy === undefined ? {} : { submittedBy }),
      progress: { phase: 'source', done: 0 },
    };
    this.jobs.set(job.id, job);
    this.forgetOldJobs();
    this.log?.write(job);
    this.logger.info('Import job queued', { job: job.id, format: job.format, provider: job.provider, source: job.source, submittedBy });
    this.queue = this.queue.then(() => this.run(job, request));
    return job;
  }

  /** Returns whether new jobs are queued: false once the server stops, because such a job would fail as never started. */
  public get accepting(): boolean {
    return !this.closing;
  }

  public get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** Jobs, newest first. */
  public list(): ImportJob[] {
    return [...this.jobs.values()].reverse();
  }

  /** Resolves when every job submitted so far has finished. */
  public async idle(): Promise<void> {
    await this.queue;
  }

  /** Lets the running job finish and fails the queued ones, for a server that stops. */
  public async close(): Promise<void> {
    this.closing = true;
    const running = [...this.jobs.values()].find((job) => job.state === 'running');
    if (running !== undefined) {
      // A large import can take minutes, and without this line a stop looks hung in the log.
      this.logger.info('Stopping: waiting for the running import job to finish', { job: running.id, phase: running.progress.phase });
    }
    await this.queue;
  }

  private async run(job: ImportJob, request: Omit<ImportRequest, 'onProgress' | 'importId'>): Promise<void> {
    if (this.closing) {
      job.state = 'failed';
      job.error = { message: NOT_STARTED_MESSAGE };
      job.finished = new Date().toISOString();
      this.logger.warn('Import job dropped because the server is stopping', { job: job.id });
      this.log?.write(job, { final: true });
      return;
    }
    job.state = 'running';
    job.started = new Date().toISOString();
    this.log?.write(job);
    this.logger.info('Import job started', { job: job.id });
    try {
      job.report = await runImport(this.synchronizer, { ...request, importId: job.id, onProgress: (progress) => (job.progress = progress) });
      job.state = 'succeeded';
      this.logger.info('Import job succeeded', { job: job.id, counts: job.report.counts, sequence: job.report.sequence });
    } catch (error) {
      job.state = 'failed';
      // Every import error becomes a rejection with issues, so the job's JSON and RDF forms list an
      // adapter's error, such as a file of another format, as they list a rule the source breaks.
      if (error instanceof ImportError) {
        const rejection = asRejection(error);
        job.error = { message: rejection.message, issues: rejection.issues };
        this.logger.warn('Import job failed', { job: job.id, error: errorMessage(error) });
      } else {
        job.error = { message: errorMessage(error) };
        this.logger.error('Import job failed unexpectedly', { job: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    } finally {
      job.finished = new Date().toISOString();
      this.log?.write(job, { final: true });
    }
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((job) => job.state === 'succeeded' || job.state === 'failed');
    for (const job of finished.slice(0, Math.max(0, this.jobs.size - KEPT_JOBS))) {
      this.jobs.delete(job.id);
      this.log?.remove(job.id);
    }
  }
}

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, getLogger } from '../logging/Logger.js';
import { replaceFileDurably, TEMPORARY_SUFFIX } from '../util/DurableFiles.js';
import type { ImportJob, JobState } from './ImportJobs.js';
import { DETAILED_CHANGES } from './SyncReport.js';

/** A job file's name: the job's id, a random UUID, and `.json`. Other names in the directory are ignored. */
const JOB_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/;

/** Job reports name resources of any export-control marking, so only the server's user reads them, as for the audit log. */
const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

const STATES: readonly JobState[] = ['queued', 'running', 'succeeded', 'failed'];

/** The failure of a job that was still queued when the server stopped. The upload is kept in memory only, so it is lost. */
export const NOT_STARTED_MESSAGE = 'The server stopped before the import started; submit it again.';

/** The failure of a job that was running when the server stopped. */
export const INTERRUPTED_MESSAGE =
  'The server stopped while the import ran. An import writes all or nothing, so import the same source again: ' +
  'if this import was written before the stop, the new one finds everything unchanged.';

/**
 * Keeps import jobs across restarts, as one JSON file per job (`{id}.json`) in a directory of their own.
 * A file contains the job as its JSON resource shows it, except that the report lists only the first
 * DETAILED_CHANGES changes, as the job resources do, and `changeCount` keeps the total. So an import of
 * 100,000 lines writes no more than the resources show. Each write replaces the file through a renamed
 * temporary file, so a crash leaves the previous state of the job or the new one.
 */
export class ImportJobLog {
  private readonly logger = getLogger('ImportJobLog');
  private directoryCreated = false;

  public constructor(public readonly directory: string) {}

  /**
   * Writes a job's file. `final` also syncs the directory, so the last state of a finished job survives
   * a crash right after. A failed write is logged and not thrown, because the import itself succeeded or
   * failed apart from it and the job stays in memory.
   */
  public write(job: ImportJob, options: { final?: boolean } = {}): void {
    const path = this.pathOf(job.id);
    try {
      if (!this.directoryCreated) {
        mkdirSync(this.directory, { recursive: true, mode: DIRECTORY_MODE });
        this.directoryCreated = true;
      }
      replaceFileDurably(path, Buffer.from(JSON.stringify(storedJob(job)), 'utf8'), { mode: FILE_MODE, syncParent: options.final === true });
    } catch (error) {
      this.logger.error('Failed to write the import job file, so the job is kept in memory only until the server stops', { job: job.id, file: path, error: errorMessage(error) });
    }
  }

  /** Deletes a job's file, for a job that the server no longer keeps. */
  public remove(id: string): void {
    const path = this.pathOf(id);
    try {
      rmSync(path, { force: true });
    } catch (error) {
      this.logger.error('Failed to delete the file of a forgotten import job. Delete it by hand', { job: id, file: path, error: errorMessage(error) });
    }
  }

  /**
   * Loads the jobs of earlier runs, oldest first, keeping the newest `maxJobs` and deleting the files of
   * the others. A job that was queued or running when the server stopped is marked failed and written
   * back, because no import resumes after a restart. Unreadable and invalid files are logged and skipped.
   */
  public load(maxJobs: number): ImportJob[] {
    if (!existsSync(this.directory)) {
      return [];
    }
    const jobs = this.readAll();
    jobs.sort(bySubmission);

    for (const job of jobs.splice(0, Math.max(0, jobs.length - maxJobs))) {
      this.remove(job.id);
    }

    const restarted = new Date().toISOString();
    for (const job of jobs) {
      if (job.state === 'queued' || job.state === 'running') {
        this.logger.warn('Import job was interrupted by a server stop and is marked failed', { job: job.id, state: job.state, source: job.source });
        job.error = { message: job.state === 'queued' ? NOT_STARTED_MESSAGE : INTERRUPTED_MESSAGE };
        job.state = 'failed';
        // The stop time is unknown, so the job ends at the restart, the first time known to be after the stop.
        job.finished = restarted;
        this.write(job, { final: true });
      }
    }
    if (jobs.length > 0) {
      this.logger.info('Loaded import jobs', { directory: this.directory, jobs: jobs.length });
    }
    return jobs;
  }

  private readAll(): ImportJob[] {
    let names: string[];
    try {
      names = readdirSync(this.directory);
    } catch (error) {
      this.logger.error('Failed to list the import job files, so the server starts without the jobs of earlier runs', { directory: this.directory, error: errorMessage(error) });
      return [];
    }
    const jobs: ImportJob[] = [];
    for (const name of names) {
      if (name.startsWith('.') && name.endsWith(TEMPORARY_SUFFIX)) {
        // Left by a crash during a write; the job's own file has its previous state.
        rmSync(join(this.directory, name), { force: true });
        continue;
      }
      const id = JOB_FILE.exec(name)?.[1];
      if (id === undefined) {
        continue;
      }
      const job = this.read(join(this.directory, name), id);
      if (job !== undefined) {
        jobs.push(job);
      }
    }
    return jobs;
  }

  private read(path: string, id: string): ImportJob | undefined {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      this.logger.warn('Skipped an unreadable import job file. Delete it, or restore it from a backup', { job: id, file: path, error: errorMessage(error) });
      return undefined;
    }
    const problem = jobProblem(value, id);
    if (problem !== undefined) {
      this.logger.warn('Skipped an invalid import job file. Delete it, or restore it from a backup', { job: id, file: path, problem });
      return undefined;
    }
    return value as ImportJob;
  }

  private pathOf(id: string): string {
    return join(this.directory, `${id}.json`);
  }
}

/**
 * Orders jobs by submission time. ISO 8601 times in UTC, as toISOString writes them, sort as text. Jobs
 * submitted in the same millisecond are ordered by id, because the files do not record their order.
 */
function bySubmission(a: ImportJob, b: ImportJob): number {
  if (a.submitted !== b.submitted) {
    return a.submitted < b.submitted ? -1 : 1;
  }
  return a.id.localeCompare(b.id);
}

/** Returns the job as its file stores it: at most DETAILED_CHANGES changes, with the total in `changeCount`. */
function storedJob(job: ImportJob): ImportJob {
  const report = job.report;
  if (report === undefined || report.changes.length <= DETAILED_CHANGES) {
    return job;
  }
  return { ...job, report: { ...report, changes: report.changes.slice(0, DETAILED_CHANGES) }, changeCount: job.changeCount ?? report.changes.length };
}

/** Returns what makes a parsed file no job that the job resources can show, or undefined when it is one. */
function jobProblem(value: unknown, id: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'the file contains no JSON object';
  }
  const job = value as Record<string, unknown>;

  if (job.id !== id) {
    return `its id is ${JSON.stringify(job.id)}, not ${id} as the file name gives`;
  }
  for (const field of ['format', 'provider', 'source', 'submitted'] as const) {
    if (typeof job[field] !== 'string') {
      return `its ${field} is ${JSON.stringify(job[field])}, not a string`;
    }
  }
  for (const field of ['dryRun', 'removeMissing'] as const) {
    if (typeof job[field] !== 'boolean') {
      return `its ${field} is ${JSON.stringify(job[field])}, not true or false`;
    }
  }

  if (!STATES.includes(job.state as JobState)) {
    return `its state is ${JSON.stringify(job.state)}, not one of ${STATES.join(', ')}`;
  }
  const progress = job.progress as Record<string, unknown> | undefined;
  if (typeof progress !== 'object' || progress === null || typeof progress.phase !== 'string' || typeof progress.done !== 'number') {
    return 'its progress has no phase and done count';
  }

  const report = job.report as Record<string, unknown> | undefined;
  if (report !== undefined && (typeof report.counts !== 'object' || !Array.isArray(report.changes) || !Array.isArray(report.warnings))) {
    return 'its report has no counts, changes and warnings';
  }
  if (job.changeCount !== undefined && typeof job.changeCount !== 'number') {
    return `its changeCount is ${JSON.stringify(job.changeCount)}, not a number`;
  }
  return undefined;
}

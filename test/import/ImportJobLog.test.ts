import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ImportJobLog, INTERRUPTED_MESSAGE, NOT_STARTED_MESSAGE } from '../../src/import/ImportJobLog.js';
import { changeCountOf, type ImportJob, type JobState } from '../../src/import/ImportJobs.js';
import { emptyCounts, type ReportedChange } from '../../src/import/SyncReport.js';
import { withTemporaryDirectory } from '../helpers/temporaryDirectory.js';

/** Returns a job submitted `minute` minutes after 09:00, with a report of `changes` changes and one warning when it finished. */
function jobAt(minute: number, state: JobState, changes = 0): ImportJob {
  const submitted = new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString();
  const job: ImportJob = {
    id: randomUUID(),
    format: 'csv',
    provider: 'fcc',
    source: `bom-${minute}.csv`,
    dryRun: false,
    removeMissing: false,
    defaultBomView: 'EBOM',
    state,
    submitted,
    submittedBy: 'import-admin',
    progress: { phase: state === 'queued' ? 'source' : 'validate', done: 3, total: 7 },
  };
  if (state !== 'queued') {
    job.started = submitted;
  }
  if (state === 'succeeded') {
    job.finished = submitted;
    job.progress = { phase: 'done', done: changes };
    const listed: ReportedChange[] = Array.from({ length: changes }, (_, index) => ({ action: 'create', type: 'parts', iri: `http://127.0.0.1/oslc/fcc/parts/P-${index}`, label: `P-${index}`, details: 'Title Bracket' }));
    const counts = emptyCounts();
    counts.parts.created = changes;
    job.report = {
      provider: 'fcc',
      source: { system: 'csv', uri: 'urn:x-dt:upload:fcc:bom.csv', iri: 'urn:digital-thread:import-source:bom.csv', origin: 'bom.csv' },
      dryRun: false,
      counts,
      changes: listed,
      warnings: [{ severity: 'warning', message: 'BOM lines 2 and 3 share find number 10', location: { file: 'bom.csv', line: 3 } }],
      sequence: 12,
      durationMs: 40,
    };
  }
  return job;
}

/** Runs `check` with a log on a fresh directory. */
async function withLog(check: (log: ImportJobLog) => void): Promise<void> {
  await withTemporaryDirectory(async (path) => check(new ImportJobLog(join(path, 'import-jobs'))));
}

function storedFile(log: ImportJobLog, id: string): ImportJob {
  return JSON.parse(readFileSync(join(log.directory, `${id}.json`), 'utf8')) as ImportJob;
}

describe('import job log', () => {
  it('loads nothing without a directory', async () => {
    await withLog((log) => {
      assert.deepEqual(log.load(100), []);
      assert.equal(existsSync(log.directory), false);
    });
  });

  it('round trip keeps a finished job', async () => {
    await withLog((log) => {
      const failed = jobAt(1, 'failed');
      failed.finished = failed.submitted;
      failed.error = { message: 'The import was rejected with 1 error; nothing was written.', issues: [{ severity: 'error', message: 'A-1 uses itself' }] };
      const succeeded = jobAt(2, 'succeeded', 3);
      log.write(succeeded, { final: true });
      log.write(failed, { final: true });

      assert.deepEqual(log.load(100), [failed, succeeded]);
    });
  });

  it('keeps file permissions private', async () => {
    await withLog((log) => {
      const job = jobAt(1, 'succeeded', 1);
      log.write(job, { final: true });
      assert.equal(statSync(join(log.directory, `${job.id}.json`)).mode & 0o777, 0o600);
      assert.equal(statSync(log.directory).mode & 0o777, 0o700);
      assert.deepEqual(readdirSync(log.directory), [`${job.id}.json`], 'no temporary file is left');
    });
  });

  const interrupted: [state: JobState, message: string][] = [
    ['queued', NOT_STARTED_MESSAGE],
    ['running', INTERRUPTED_MESSAGE],
  ];
  for (const [state, message] of interrupted) {
    it(`fails a job found ${state}`, async () => {
      await withLog((log) => {
        const job = jobAt(1, state);
        log.write(job);
        const before = Date.now();

        const [loaded] = log.load(100);
        assert.equal(loaded?.state, 'failed');
        assert.equal(loaded?.error?.message, message);
        assert.ok(Date.parse(loaded!.finished!) >= before - 1000, `finished ${loaded!.finished!} is not the time of the load`);
        assert.deepEqual(loaded?.progress, job.progress);
        assert.deepEqual(storedFile(log, job.id), loaded, 'the failure is written back');
      });
    });
  }

  it('skips corrupt files', async () => {
    await withLog((log) => {
      const validJob = jobAt(1, 'succeeded', 1);
      log.write(validJob, { final: true });
      const notJson = randomUUID();
      const otherId = jobAt(2, 'succeeded');
      const noState = { ...jobAt(3, 'succeeded'), state: 'paused' };
      const noReportCounts = { ...jobAt(4, 'succeeded', 1), report: { changes: [] } };
      writeFileSync(join(log.directory, `${notJson}.json`), '{"id": "');
      writeFileSync(join(log.directory, `${randomUUID()}.json`), JSON.stringify(otherId));
      writeFileSync(join(log.directory, `${noState.id}.json`), JSON.stringify(noState));
      writeFileSync(join(log.directory, `${noReportCounts.id}.json`), JSON.stringify(noReportCounts));
      writeFileSync(join(log.directory, `${randomUUID()}.json`), '[]');

      assert.deepEqual(log.load(100), [validJob]);
      assert.equal(readdirSync(log.directory).length, 6, 'skipped files are left for an administrator');
    });
  });

  it('ignores files that are not jobs', async () => {
    await withLog((log) => {
      const validJob = jobAt(1, 'succeeded');
      log.write(validJob, { final: true });
      const names = ['notes.txt', 'README.json', `${validJob.id.toUpperCase()}.json`, `${randomUUID()}.json.bak`];
      for (const name of names) {
        writeFileSync(join(log.directory, name), '{}');
      }
      mkdirSync(join(log.directory, `${randomUUID()}`));
      writeFileSync(join(log.directory, `.${validJob.id}.json.tmp`), '{"id": "');

      assert.deepEqual(log.load(100), [validJob]);
      const left = readdirSync(log.directory);
      for (const name of names) {
        assert.ok(left.includes(name), `${name} was deleted`);
      }
      assert.ok(!left.includes(`.${validJob.id}.json.tmp`), 'the temporary file of an interrupted write is left');
    });
  });

  it('keeps the newest 100 of 101 jobs', async () => {
    await withLog((log) => {
      const jobs = Array.from({ length: 101 }, (_, minute) => jobAt(minute, 'succeeded'));
      // Written newest first, so the order of the files is not the order of the jobs.
      for (const job of [...jobs].reverse()) {
        log.write(job);
      }

      const loaded = log.load(100);
      assert.equal(loaded.length, 100);
      assert.deepEqual(
        loaded.map((job) => job.id),
        jobs.slice(1).map((job) => job.id),
      );
      assert.equal(existsSync(join(log.directory, `${jobs[0]!.id}.json`)), false, 'the oldest job file is deleted');
      assert.equal(readdirSync(log.directory).length, 100);
    });
  });

  const capped: [changes: number, stored: number, changeCount: number | undefined][] = [
    [0, 0, undefined],
    [1000, 1000, undefined],
    [1001, 1000, 1001],
    [100_000, 1000, 100_000],
  ];
  for (const [changes, stored, changeCount] of capped) {
    it(`stores ${stored} of ${changes} changes`, async () => {
      await withLog((log) => {
        const job = jobAt(1, 'succeeded', changes);
        log.write(job, { final: true });

        const file = storedFile(log, job.id);
        assert.equal(file.report?.changes.length, stored);
        assert.equal(file.changeCount, changeCount);
        assert.deepEqual(file.report?.changes, job.report!.changes.slice(0, 1000));
        assert.deepEqual(file.report?.warnings, job.report!.warnings);
        assert.deepEqual(file.report?.counts, job.report!.counts);
        assert.equal(job.report!.changes.length, changes, 'the job in memory keeps its report');

        const [loaded] = log.load(100);
        assert.equal(changeCountOf(loaded!), changes);
      });
    });
  }

  it('logs a failed write without throwing', async () => {
    await withTemporaryDirectory(async (path) => {
      // A file where the directory should be makes every write fail.
      writeFileSync(join(path, 'import-jobs'), '');
      const log = new ImportJobLog(join(path, 'import-jobs'));
      const job = jobAt(1, 'succeeded', 1);
      assert.doesNotThrow(() => log.write(job, { final: true }));
      assert.equal(job.state, 'succeeded');
    });
  });

  it('removes a forgotten job', async () => {
    await withLog((log) => {
      const job = jobAt(1, 'succeeded');
      log.write(job, { final: true });
      log.remove(job.id);
      log.remove(randomUUID());
      assert.deepEqual(readdirSync(log.directory), []);
    });
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { bufferInput } from '../../../src/import/ImportInput.js';
import { ImportJobLog } from '../../../src/import/ImportJobLog.js';
import { ImportJobs, type ImportJob, type JobState } from '../../../src/import/ImportJobs.js';
import { withTemporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { ImportStore } from '../helpers/ImportStore.js';

/** Writes a parent-child CSV BOM of one assembly with `count` lines. */
function bomCsv(count: number): Buffer {
  const rows = ['Part Number,Parent,Title,Qty,Find No', 'JOB-0,,Job test assembly,1,'];
  for (let index = 1; index <= count; index++) {
    rows.push(`JOB-${index},JOB-0,Component ${index},${1 + (index % 3)},${index}`);
  }
  return Buffer.from(rows.join('\n'));
}

const PHASES = ['source', 'check', 'read', 'plan', 'validate', 'commit', 'done'];

/** Reads a job's state afresh, because the job changes while the test waits. */
function stateOf(job: ImportJob): JobState {
  return job.state;
}

describe('import jobs', () => {
  let store: ImportStore;
  let jobs: ImportJobs;
  before(async () => {
    store = await ImportStore.open();
    jobs = new ImportJobs(store.synchronizer);
  });
  after(async () => {
    await jobs.close();
    await store.close();
  });

  it('runs jobs in order and shows their progress', async () => {
    const first = jobs.submit({ format: 'csv', input: bufferInput('first.csv', bomCsv(3000)), provider: 'fcc' }, 'tester');
    const second = jobs.submit({ format: 'csv', input: bufferInput('second.csv', bomCsv(10)), provider: 'eha' }, 'tester');
    assert.equal(first.state, 'queued');
    assert.equal(second.state, 'queued');
    assert.deepEqual(
      jobs.list().map((job) => job.id),
      [second.id, first.id],
    );

    const seen: string[] = [];
    while (stateOf(first) !== 'succeeded' && stateOf(first) !== 'failed') {
      if (stateOf(first) === 'running' && seen.at(-1) !== first.progress.phase) {
        seen.push(first.progress.phase);
      }
      assert.notEqual(stateOf(second), 'running', 'the second job started before the first finished');
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(first.state, 'succeeded', first.error?.message);
    assert.ok(seen.includes('validate'), `phases seen: ${seen.join(', ')}`);
    const order = seen.map((phase) => PHASES.indexOf(phase));
    assert.deepEqual(order, [...order].sort((a, b) => a - b), `phases seen: ${seen.join(', ')}`);
    assert.equal(first.progress.phase, 'done');
    assert.deepEqual(first.report!.counts.bomLines, { created: 3000, updated: 0, unchanged: 0, removed: 0 });
    assert.ok(first.started! <= first.finished!);
    assert.equal(first.submittedBy, 'tester');

    await jobs.idle();
    assert.equal(second.state, 'succeeded', second.error?.message);
    assert.ok(second.started! >= first.finished!);
    assert.deepEqual(second.report!.counts.parts, { created: 11, updated: 0, unchanged: 0, removed: 0 });
  });

  it('a stopping server fails queued jobs', async () => {
    const stopping = new ImportJobs(store.synchronizer);
    const queued = [1, 2].map((index) => stopping.submit({ format: 'csv', input: bufferInput(`queued-${index}.csv`, bomCsv(5)), provider: 'fcc' }));
    assert.equal(stopping.accepting, true);
    const closed = stopping.close();
    // The import endpoint responds with 503 from here on, instead of queueing a job that cannot run.
    assert.equal(stopping.accepting, false);
    await closed;
    for (const job of queued) {
      assert.equal(stateOf(job), 'failed');
      assert.equal(job.error!.message, 'The server stopped before the import started; submit it again.');
    }
  });

  it('keeps jobs in the log across a stop', async () => {
    await withTemporaryDirectory(async (path) => {
      const log = new ImportJobLog(join(path, 'import-jobs'));
      const first = new ImportJobs(store.synchronizer, log);
      first.open();
      const done = first.submit({ format: 'csv', input: bufferInput('logged.csv', bomCsv(4)), provider: 'fcc', dryRun: true }, 'tester');
      await first.idle();
      const dropped = first.submit({ format: 'csv', input: bufferInput('dropped.csv', bomCsv(2)), provider: 'fcc', dryRun: true }, 'tester');
      // The queue runs the dropped job after close, so it fails as not started and its file records the failure.
      await first.close();
      assert.equal(stateOf(done), 'succeeded', done.error?.message);
      assert.equal(stateOf(dropped), 'failed');

      const second = new ImportJobs(store.synchronizer, new ImportJobLog(join(path, 'import-jobs')));
      second.open();
      assert.deepEqual(
        second.list().map((job) => job.id),
        [dropped.id, done.id],
      );
      assert.deepEqual(second.get(done.id), done);
      assert.deepEqual(second.get(dropped.id), dropped);
      await second.close();
    });
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProgressBar } from '../../src/cli/ProgressBar.js';
import { s1Entries } from '../import/helpers/stepArchives.js';
import { writeZip } from '../import/helpers/zip.js';
import { AUTHORIZATION, FakeWindchill } from '../import/odata/FakeWindchill.js';
import { MINI_PROGRAMME } from '../helpers/TestServer.js';
import { CLI_BIN, runCli as run, type CliResult } from '../helpers/DigitalThreadCli.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const STEP = join(process.cwd(), 'test', 'fixtures', 'import', 'step');

/** Runs the command without blocking this process, so a server in it can answer the command. */
function runAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, DT_LOG_LEVEL: 'warn', ...env }, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('digital-thread import', () => {
  const directory = temporaryDirectory();
  const data = join(directory.path, 'data');
  before(() => {
    const loaded = run(['load', '--data', data, MINI_PROGRAMME]);
    assert.equal(loaded.status, 0, loaded.stderr);
  });
  after(() => directory.remove());

  it('imports a STEP assembly with a summary', () => {
    const result = run(['import', 'step', join(STEP, 'as1-oc-214.stp'), '--data', data, '--provider', 'fcc']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Imported: .*as1-oc-214\.stp \(STEP AP214, Open CASCADE 6\.1\) as source as1-oc-214\.stp into provider fcc in \d+\.\d s\n/);
    assert.match(result.stdout, /\n {2}parts {9}9 created, 0 updated, 0 unchanged, 0 removed\n/);
    assert.match(result.stdout, /\n {2}BOM lines {5}9 created, 0 updated, 0 unchanged, 0 removed\n/);
    // Standard error is no terminal here, so progress comes as one plain line per step.
    assert.match(result.stderr, /^ {2}source {4}100% 0\.4 of 0\.4 MB$/m);
    assert.match(result.stderr, /^ {2}commit {6}0% 0 of 18 resources$/m);
    assert.doesNotMatch(result.stderr, /\r/);
  });

  it('second import reports nothing changed', () => {
    const result = run(['import', 'step', join(STEP, 'as1-oc-214.stp'), '--data', data, '--provider', 'fcc', '--quiet']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /parts {9}0 created, 0 updated, 9 unchanged, 0 removed/);
    assert.match(result.stdout, /\n {2}Nothing changed\.\n/);
    assert.equal(result.stderr, '');
  });

  it('--json prints the report', () => {
    const result = run(['import', 'step', join(STEP, 'as1-oc-214.stp'), '--data', data, '--provider', 'fcc', '--dry-run', '--quiet', '--json', '--source', 'as1-json']);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { dryRun: boolean; source: { iri: string }; counts: { parts: { unchanged: number } }; changes: unknown[]; warnings: unknown[] };
    assert.equal(report.dryRun, true);
    assert.equal(report.source.iri, 'urn:digital-thread:import-source:as1-json');
    assert.equal(report.counts.parts.unchanged, 9);
    assert.deepEqual(report.changes, []);
  });

  it('--json prints a rejection', () => {
    const file = join(directory.path, 'conflict.csv');
    writeFileSync(file, 'Part Number,Revision,Parent,Title,Qty,Find No,Mass\nQ-9,A,,Top,1,,\nC-9,A,Q-9,Bracket,2,10,1.0\nC-9,A,Q-9,Bracket,1,20,2.0\n');
    const result = run(['import', 'csv', file, '--data', data, '--provider', 'fcc', '--quiet', '--json']);
    assert.equal(result.status, 1);
    assert.deepEqual(JSON.parse(result.stdout), {
      rejected: true,
      message: 'The import was rejected with 1 error; nothing was written.',
      issues: [{ severity: 'error', message: 'C-9 rev A has mass "2.0" here but "1.0" at line 3; one part revision has one value, so make the rows agree, or give the parts different revisions.', location: { file: 'conflict.csv', line: 4 } }],
    });
    assert.match(result.stderr, /^The import was rejected with 1 error; nothing was written:\n/);
  });

  // An adapter error is no ImportRejectedError, but --json prints it in the same form.
  const adapterErrors: [name: string, file: () => string, message: string][] = [
    [
      'a ReqIF archive',
      () => join(process.cwd(), 'test', 'fixtures', 'import', 'reqif', 'examples-04_convert_reqif_to_json', 'sample_polarion_reqifz.reqifz'),
      'sample_polarion_reqifz.reqifz is no CSV BOM: it looks like a ReqIF archive (.reqifz), so import it as reqif ("import reqif", or POST /import/reqif).',
    ],
    [
      'a missing column',
      () => {
        const file = join(directory.path, 'no-part-number.csv');
        writeFileSync(file, 'Item,Qty\nC-9,1\n');
        return file;
      },
      'no-part-number.csv has no part number column among "Item", "Qty"; name it "Part Number" or map it with --mapping (mapping= on the import endpoint), as in {"columns": {"partNumber": "Item No."}}.',
    ],
    [
      'a missing file',
      () => join(directory.path, 'no-such-bom.csv'),
      `${join(directory.path, 'no-such-bom.csv')} was not found; check the path.`,
    ],
  ];
  for (const [name, file, message] of adapterErrors) {
    it(`--json prints ${name} as a rejection`, () => {
      const result = run(['import', 'csv', file(), '--data', data, '--provider', 'fcc', '--quiet', '--json']);
      assert.equal(result.status, 1);
      assert.deepEqual(JSON.parse(result.stdout), { rejected: true, message: 'The import was rejected with 1 error; nothing was written.', issues: [{ severity: 'error', message }] });
      assert.equal(result.stderr, `${message}\n`);
    });
  }

  // An option that the format does not read is a mistake on the command line, as an unknown option is.
  const unreadOptions: [format: string, option: string[], message: RegExp][] = [
    ['step', ['--tool', 'DOORS'], /^The step format takes no exporting tool \(--tool, tool=\); only reqif takes one, so leave it out\.$/m],
    ['step', ['--mapping', 'mapping.json'], /^The step format takes no mapping \(--mapping, mapping=\); only csv, reqif, and odata take one, so leave it out\.$/m],
  ];
  for (const [format, option, message] of unreadOptions) {
    it(`${option[0]} for ${format} exits 2`, () => {
      const result = run(['import', format, join(STEP, 'as1-oc-214.stp'), '--data', data, '--provider', 'fcc', ...option]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    });
  }

  it('--source names another source', () => {
    const copy = join(directory.path, 'copy');
    mkdirSync(copy);
    copyFileSync(join(STEP, 'as1-oc-214.stp'), join(copy, 'as1-oc-214.stp'));
    const samePath = run(['import', 'step', join(copy, 'as1-oc-214.stp'), '--data', data, '--provider', 'fcc', '--dry-run', '--quiet']);
    assert.equal(samePath.status, 0, samePath.stderr);
    assert.match(samePath.stdout, /parts {9}0 would be created, 0 would be updated, 9 unchanged, 0 would be removed/);
    const renamed = run(['import', 'step', join(copy, 'as1-oc-214.stp'), '--data', data, '--provider', 'fcc', '--dry-run', '--quiet', '--source', 'as1-release']);
    assert.equal(renamed.status, 0, renamed.stderr);
    // Same part numbers, so the same parts. They stay with the source that wrote them, because this
    // source describes them in the same way.
    assert.match(renamed.stdout, /parts {9}0 would be created, 0 would be updated, 9 unchanged, 0 would be removed/);
  });

  const zipped: [name: string, option: string[], expected: RegExp][] = [
    ['finds the top file', [], /parts {9}13 would be created, 0 would be updated, 0 unchanged, 0 would be removed/],
    ['is named by its top file', [], /\(STEP AP214, [^)]+\) as source s1-c5-214\.stp into provider fcc /],
    ['takes --source', ['--source', 's1-release.zip'], /\(STEP AP214, [^)]+\) as source s1-release\.zip into provider fcc /],
    ['takes --top', ['--top', 's1-c5-214.stp'], /parts {9}13 would be created, 0 would be updated, 0 unchanged, 0 would be removed/],
    ['rejects a missing --top', ['--top', 'assembly.stp'], /^The top file assembly\.stp was not found in s1\.zip; give one of its STEP files: s1-c5-214\/FOOT\.stp, /],
  ];
  for (const [name, option, expected] of zipped) {
    it(`zip of S1 ${name}`, async () => {
      const archive = join(directory.path, 's1.zip');
      await writeZip(archive, s1Entries('s1-c5-214/'));
      const result = run(['import', 'step', archive, '--data', data, '--provider', 'fcc', '--dry-run', '--quiet', ...option]);
      assert.match(`${result.stdout}${result.stderr}`, expected);
      assert.equal(result.status, option.includes('assembly.stp') ? 1 : 0, result.stderr);
    });
  }

  it('zip of S1 updates its top file import', async () => {
    const s1Data = join(directory.path, 's1-data');
    assert.equal(run(['load', '--data', s1Data, MINI_PROGRAMME]).status, 0);
    const fromTop = run(['import', 'step', join(STEP, 's1-c5-214', 's1-c5-214.stp'), '--data', s1Data, '--provider', 'fcc', '--quiet']);
    assert.equal(fromTop.status, 0, fromTop.stderr);
    assert.match(fromTop.stdout, / as source s1-c5-214\.stp into provider fcc /);

    const archive = join(directory.path, 'assembly.zip');
    await writeZip(archive, s1Entries('s1-c5-214/'));
    const fromZip = run(['import', 'step', archive, '--data', s1Data, '--provider', 'fcc', '--dry-run', '--quiet', '--remove-missing']);
    assert.equal(fromZip.status, 0, fromZip.stderr);
    assert.match(fromZip.stdout, / as source s1-c5-214\.stp into provider fcc /);
    assert.match(fromZip.stdout, /parts {9}0 would be created, 0 would be updated, 13 unchanged, 0 would be removed/);
    assert.match(fromZip.stdout, /BOM lines {5}0 would be created, 0 would be updated, 12 unchanged, 0 would be removed/);
  });

  it('dry run lists the changes', () => {
    const result = run(['import', 'step', join(STEP, 'dm1-id-214.stp'), '--data', data, '--provider', 'fcc', '--dry-run', '--quiet']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Dry run \(nothing was written\): /);
    // l-bracket, bolt and nut are also AS1 part numbers without revision, so DM1 would take them over.
    assert.match(result.stdout, /parts {9}4 would be created, 3 would be updated, 0 unchanged, 0 would be removed/);
    assert.match(result.stdout, /\nChanges it would make:\n {2}create part dm1 rev - <http:\/\/127\.0\.0\.1:8080\/oslc\/sp\/fcc\/parts\/P-\d+>: Title dm1; BOM Lines BL-\d+, BL-\d+, BL-\d+; Lifecycle State In Work\n/);
    const again = run(['import', 'step', join(STEP, 'dm1-id-214.stp'), '--data', data, '--provider', 'fcc', '--dry-run', '--quiet']);
    assert.equal(again.stdout.split('\n').slice(1).join('\n'), result.stdout.split('\n').slice(1).join('\n'));
  });

  it('dry run creates no data directory', () => {
    const missing = join(directory.path, 'no-data');
    const result = run(['import', 'step', join(STEP, 'as1-oc-214.stp'), '--data', missing, '--provider', 'fcc', '--dry-run', '--quiet']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^--data .*no-data does not exist, so it has no service provider to compare the source with, and a dry run creates nothing/);
    assert.equal(existsSync(missing), false);
  });

  it('import creates no data directory', () => {
    const missing = join(directory.path, 'no-data-real');
    const result = run(['import', 'step', join(STEP, 'as1-oc-214.stp'), '--data', missing, '--provider', 'fcc', '--quiet']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^--data .*no-data-real does not exist, so it has no service provider to import into; load a provider first with `digital-thread load`/);
    assert.equal(existsSync(missing), false);
  });

  it('dry run writes nothing into an empty directory', () => {
    const empty = join(directory.path, 'empty-data');
    mkdirSync(empty);
    const result = run(['import', 'step', join(STEP, 'as1-oc-214.stp'), '--data', empty, '--provider', 'fcc', '--dry-run', '--quiet']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^--data .*empty-data holds no store, so it has no service provider to compare the source with, and a dry run creates nothing/);
    assert.deepEqual(readdirSync(empty), []);
  });

  it('dry run records no base URL', () => {
    const fresh = join(directory.path, 'fresh');
    assert.equal(run(['load', '--data', fresh, MINI_PROGRAMME]).status, 0);
    rmSync(join(fresh, 'server.json'), { force: true });
    const result = run(['import', 'step', join(STEP, 'as1-oc-214.stp'), '--data', fresh, '--provider', 'fcc', '--dry-run', '--quiet', '--base-url', 'http://127.0.0.1:8080/']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(existsSync(join(fresh, 'server.json')), false);
  });

  it('rejected import exits 1 with each error', () => {
    const file = join(directory.path, 'cycle.csv');
    writeFileSync(file, 'Part Number,Parent,Title,Qty\nA-1,B-1,Top,1\nB-1,A-1,Bottom,1\n');
    const result = run(['import', 'csv', file, '--data', data, '--provider', 'fcc', '--quiet']);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^The import was rejected with 1 error; nothing was written:\n {2}error: cycle\.csv line 3: BOM cycle: B-1 rev - uses A-1 rev - \(line 2\), A-1 rev - uses B-1 rev - \(line 3\)\. An assembly cannot contain itself, directly or deeper, so remove or correct one of these BOM lines\.\n$/);
  });

  const usageCases: [string, string[], RegExp][] = [
    ['no provider', ['import', 'step', join(STEP, 'as1-oc-214.stp')], /--provider is missing; give the id of the service provider to import into/],
    ['unknown format', ['import', 'iges', 'part.igs', '--provider', 'fcc'], /Unknown import format "iges"; use one of step, csv, plmxml, odata, reqif\./],
    ['no file', ['import', 'step', '--provider', 'fcc'], /digital-thread import takes a format and one file or URL\./],
  ];
  for (const [name, args, message] of usageCases) {
    it(`usage error: ${name}`, () => {
      const result = run([...args, '--data', data]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, message);
    });
  }

  it('text as .reqifz rejected without log line', () => {
    const file = join(directory.path, 'broken.reqifz');
    writeFileSync(file, 'this is no zip archive\n');
    const result = run(['import', 'reqif', file, '--data', data, '--provider', 'fcc', '--quiet']);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    // The rejection names the problem, so a log line before it would only repeat it.
    assert.equal(result.stderr, 'broken.reqifz is no ReqIF document: it looks like plain text, which no import format reads; export the data again as a ReqIF document.\n');
    assert.doesNotMatch(result.stderr, /\[ReqifImport\]/);
  });

  it('archive without ReqIF document rejected', async () => {
    const file = join(directory.path, 'notreqif.reqifz');
    await writeZip(file, { 'eha-bom.csv': 'Part Number,Title\nC-2,Bracket\n' });
    const result = run(['import', 'reqif', file, '--data', data, '--provider', 'fcc', '--quiet']);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'notreqif.reqifz contains no .reqif file (it contains eha-bom.csv); export the archive again from the requirements tool.\n');
  });

  it('help lists the options', () => {
    const result = run(['import', '--help']);
    assert.equal(result.status, 0);
    for (const option of ['--provider ID', '--dry-run', '--remove-missing', '--mapping FILE', '--tool NAME', '--since TIME', 'DT_ODATA_AUTHORIZATION']) {
      assert.ok(result.stdout.includes(option), option);
    }
  });

  describe('odata', () => {
    const windchill = new FakeWindchill();
    before(() => windchill.start());
    after(() => windchill.stop());

    it('pulls with the header from the environment', async () => {
      const result = await runAsync(['import', 'odata', windchill.serviceRoot, '--data', data, '--provider', 'eha', '--quiet'], { DT_ODATA_AUTHORIZATION: AUTHORIZATION });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /parts {9}9 created/);
      assert.match(result.stdout, /\nLatest source change read: 2026-02-11T09:14:52Z; pull only later changes with --since 2026-02-11T09:14:52Z\.\n/);
      assert.ok(windchill.requests.every((request) => request.authorization === AUTHORIZATION));
    });

    it('pulls later changes with --since', async () => {
      windchill.requests.length = 0;
      const result = await runAsync(['import', 'odata', windchill.serviceRoot, '--data', data, '--provider', 'eha', '--quiet', '--since', '2026-02-11T09:14:52Z'], { DT_ODATA_AUTHORIZATION: AUTHORIZATION });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /\n {2}Nothing changed\.\n/);
      assert.match(windchill.requests[0]!.url, /\$filter=LastModified%20ge%202026-02-11T09:14:52Z/);
    });

    it('without credentials exits 1', async () => {
      const result = await runAsync(['import', 'odata', windchill.serviceRoot, '--data', data, '--provider', 'eha', '--quiet'], { DT_ODATA_AUTHORIZATION: '' });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /401 Unauthorized/);
      assert.match(result.stderr, /DT_ODATA_AUTHORIZATION/);
    });

    const badTimes = ['yesterday', '2026-01-01', '2026-01-01T00:00:00'];
    for (const since of badTimes) {
      it(`rejects --since ${since}`, () => {
        const result = run(['import', 'odata', windchill.serviceRoot, '--data', data, '--provider', 'eha', '--quiet', '--since', since]);
        assert.equal(result.status, 2, result.stderr);
        assert.match(result.stderr, new RegExp(`--since "${since}" is not an ISO 8601 date-time with a time zone; write it as 2026-01-01T00:00:00Z\\.`));
      });
    }
  });
});

/** A stream that records what is written, as a terminal (isTTY) or as a pipe. */
function recorder(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = { text: '', isTTY, write: (chunk: string): boolean => ((stream.text += chunk), true) };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

describe('ProgressBar', () => {
  it('redraws one line on a terminal', () => {
    const stream = recorder(true);
    const bar = new ProgressBar(stream);
    bar.update({ phase: 'validate', done: 0, total: 200, unit: 'resources' });
    bar.update({ phase: 'validate', done: 200, total: 200, unit: 'resources' });
    bar.update({ phase: 'commit', done: 0, total: 40, unit: 'resources' });
    bar.finish();
    assert.equal(
      stream.text,
      '\r  validate  [                              ]   0% 0 of 200 resources\u001b[K' +
        '\r  validate  [##############################] 100% 200 of 200 resources\u001b[K\n' +
        '\r  commit    [                              ]   0% 0 of 40 resources\u001b[K\n',
    );
  });

  it('writes plain lines to a pipe', () => {
    const stream = recorder(false);
    const bar = new ProgressBar(stream);
    for (let done = 0; done <= 100; done += 10) {
      bar.update({ phase: 'plan', done, total: 100, unit: 'resources' });
    }
    bar.update({ phase: 'source', done: 2_500_000, unit: 'bytes' });
    bar.update({ phase: 'check', done: 0, unit: 'resources' });
    bar.update({ phase: 'done', done: 1, total: 1, unit: 'resources' });
    bar.finish();
    assert.deepEqual(stream.text.split('\n'), [
      '  plan        0% 0 of 100 resources',
      '  plan       30% 30 of 100 resources',
      '  plan       50% 50 of 100 resources',
      '  plan       80% 80 of 100 resources',
      '  plan      100% 100 of 100 resources',
      '  source    2.5 MB',
      '  check',
      '  done',
      '',
    ]);
  });

  it('shows 100% only at the end', () => {
    const stream = recorder(true);
    const bar = new ProgressBar(stream);
    bar.update({ phase: 'commit', done: 996, total: 1000, unit: 'resources' });
    assert.equal(stream.text, `\r  commit    [${'#'.repeat(29)} ]  99% 996 of 1,000 resources\u001b[K`);
  });

  const sizes: [done: number, total: number | undefined, line: string][] = [
    [11_264, 11_264, '  source    100% 11.3 of 11.3 kB'],
    [512, undefined, '  source    0.5 kB'],
    [99_999, 99_999, '  source    100% 100.0 of 100.0 kB'],
    [400_000, 400_000, '  source    100% 0.4 of 0.4 MB'],
  ];
  for (const [done, total, line] of sizes) {
    it(`writes ${done} bytes as ${line.trim().split(' ').pop()}`, () => {
      const stream = recorder(false);
      const bar = new ProgressBar(stream);
      bar.update({ phase: 'source', done, ...(total === undefined ? {} : { total }), unit: 'bytes' });
      assert.equal(stream.text, `${line}\n`);
    });
  }
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readZip, writeZip } from '../../src/certification/render/DeterministicZip.js';
import { SAMPLE_DIRECTORY } from '../../src/server/DigitalThreadServer.js';
import { KNOWN_GAPS } from '../certification/CertificationFixture.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const BIN = join(process.cwd(), 'bin', 'digital-thread.js');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DT_LOG_LEVEL: 'warn' }, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('trace and package commands', () => {
  const directory = temporaryDirectory('dt-cli-certification-');
  const data = join(directory.path, 'data');

  before(() => {
    const loaded = run(['load', '--quiet', '--data', data, join(SAMPLE_DIRECTORY, 'fcc.trig'), join(SAMPLE_DIRECTORY, 'eha.trig')]);
    assert.equal(loaded.status, 0, loaded.stderr);
  });
  after(() => directory.remove());

  it('trace prints the gaps and exits 3', () => {
    const result = run(['trace', '--provider', 'eha', '--data', data]);
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stdout, new RegExp(`${KNOWN_GAPS.eha!.length} gaps`));
    for (const key of KNOWN_GAPS.eha!) {
      assert.ok(result.stdout.includes(key.split(' ')[1]!), key);
    }
  });

  it('trace filters and writes JSON', () => {
    const result = run(['trace', '--provider', 'fcc', '--standard', 'DO-178C', '--level', 'A', '--format', 'json', '--data', data]);
    assert.equal(result.status, 3, result.stderr);
    const report = JSON.parse(result.stdout) as { filter: { standard: string; level: string }; requirements: Array<{ level: string }> };
    assert.deepEqual(report.filter, { standard: 'DO178C', level: 'A' });
    assert.ok(report.requirements.every((row) => row.level === 'A'));
  });

  it('trace honours --clearance', () => {
    const open = JSON.parse(run(['trace', '--provider', 'eha', '--format', 'json', '--data', data]).stdout) as { requirements: unknown[] };
    const result = run(['trace', '--provider', 'eha', '--clearance', 'EAR', '--format', 'json', '--data', data]);
    assert.equal(result.status, 3, result.stderr);
    const report = JSON.parse(result.stdout) as { filter: { clearance: string }; requirements: unknown[] };
    assert.deepEqual(report.filter, { clearance: 'EAR' });
    assert.equal(report.requirements.length, open.requirements.length - 2, 'the ITAR requirements are left out');
    const invalid = run(['trace', '--provider', 'eha', '--clearance', 'secret', '--data', data]);
    assert.equal(invalid.status, 2);
    assert.match(invalid.stderr, /Unknown clearance "secret"; use one of none, EAR99, EAR, ITAR/);
  });

  it('trace rejects bad input with exit 2', () => {
    assert.equal(run(['trace', '--data', data]).status, 2);
    const level = run(['trace', '--provider', 'fcc', '--level', 'Q', '--data', data]);
    assert.equal(level.status, 2);
    assert.match(level.stderr, /Invalid level "Q"/);
    const provider = run(['trace', '--provider', 'nope', '--data', data]);
    assert.equal(provider.status, 2);
    assert.match(provider.stderr, /known providers: eha, fcc/);
    const empty = run(['trace', '--provider', 'fcc', '--data', join(directory.path, 'empty')]);
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /contains no provider data/);
  });

  it('package writes the same zip twice and verify accepts it', () => {
    const first = run(['package', '--standard', 'DO-254', '--provider', 'fcc', '--release', 'R2', '--data', data]);
    assert.equal(first.status, 0, first.stderr);
    const path = join(data, 'releases', 'fcc-DO-254-R2.zip');
    assert.ok(first.stdout.startsWith(path));
    const bytes = readFileSync(path);
    const second = run(['package', '--standard', 'DO-254', '--provider', 'fcc', '--release', 'R2', '--data', data, '--out', join(directory.path, 'again')]);
    assert.equal(second.status, 0, second.stderr);
    assert.ok(readFileSync(join(directory.path, 'again', 'fcc-DO-254-R2.zip')).equals(bytes));

    const verified = run(['package', 'verify', path]);
    assert.equal(verified.status, 0, verified.stdout);
    assert.match(verified.stdout, /every file matches its manifest/);
  });

  it('package verify names a tampered file and exits 1', async () => {
    const built = run(['package', '--standard', 'DO-178C', '--provider', 'eha', '--release', 'R3', '--data', data]);
    assert.equal(built.status, 0, built.stderr);
    const path = join(data, 'releases', 'eha-DO-178C-R3.zip');
    const entries = await readZip(readFileSync(path));
    const target = entries.find((entry) => entry.name.startsWith('resources/certification-artifacts/'))!;
    target.data = Buffer.from(target.data.toString('utf8').replace(/"(\d+)\.(\d+)"/, '"9.9"'));
    const tampered = join(directory.path, 'tampered.zip');
    writeFileSync(tampered, await writeZip(entries));

    const result = run(['package', 'verify', tampered]);
    assert.equal(result.status, 1);
    assert.ok(result.stdout.includes(`${target.name}: SHA-256 is`), result.stdout);
    assert.match(result.stdout, /differences? from the manifest/);
  });

  it('package warns of marked resources without --clearance', async () => {
    const unfiltered = run(['package', '--standard', 'DO-178C', '--provider', 'eha', '--release', 'R4', '--data', data]);
    assert.equal(unfiltered.status, 0, unfiltered.stderr);
    assert.match(unfiltered.stderr, /Warning: the package contains export-controlled resources \(6 EAR\); give --clearance/);

    const filtered = run(['package', '--standard', 'DO-178C', '--provider', 'eha', '--release', 'R4', '--clearance', 'none', '--data', data, '--out', join(directory.path, 'none')]);
    assert.equal(filtered.status, 0, filtered.stderr);
    assert.doesNotMatch(filtered.stderr, /export-controlled resources/);
    assert.match(filtered.stderr, /^Warning: INCOMPLETE: export-control clearance none withheld 6 resources in scope, among them 1 item whose objectives are not assessed\./);
    const path = join(directory.path, 'none', 'eha-DO-178C-R4-clearance-none.zip');
    assert.equal(run(['package', 'verify', path]).status, 0);
    const manifest = (await readZip(readFileSync(path))).find((entry) => entry.name === 'manifest.json')!;
    const exportControl = (JSON.parse(manifest.data.toString('utf8')) as { exportControl: Record<string, unknown> }).exportControl;
    assert.deepEqual(exportControl.markedResources, { EAR99: 0, EAR: 0, ITAR: 0 });
    assert.equal(exportControl.clearance, 'none');
    assert.equal(exportControl.withheldResources, 6);
  });

  it('package keeps an existing different zip', () => {
    const out = join(directory.path, 'kept');
    const base = ['package', '--standard', 'DO-178C', '--provider', 'fcc', '--release', 'R5', '--data', data, '--out', out];
    const path = join(out, 'fcc-DO-178C-R5.zip');
    const first = run(base);
    assert.equal(first.status, 0, first.stderr);
    const bytes = readFileSync(path);
    const cases: Array<{ name: string; args: string[]; status: number; stdout?: RegExp; stderr?: RegExp; file: string; changed: boolean }> = [
      { name: 'same input', args: base, status: 0, stdout: /unchanged, the existing zip has the same bytes/, file: path, changed: false },
      {
        name: 'other level',
        args: [...base, '--level', 'A'],
        status: 1,
        stderr: new RegExp(`^${path.replaceAll('.', '\\.')} already exists and differs from this package .*Give --force to replace it`),
        file: path,
        changed: false,
      },
      { name: 'lower clearance', args: [...base, '--clearance', 'EAR99'], status: 0, stdout: /fcc-DO-178C-R5-clearance-EAR99\.zip: \d+ files/, file: join(out, 'fcc-DO-178C-R5-clearance-EAR99.zip'), changed: true },
      { name: 'forced', args: [...base, '--level', 'A', '--force'], status: 0, stdout: /replaced the previous zip/, file: path, changed: true },
    ];
    for (const { name, args, status, stdout, stderr, file, changed } of cases) {
      const result = run(args);
      assert.equal(result.status, status, `${name}: ${result.stderr}`);
      if (stdout !== undefined) {
        assert.match(result.stdout, stdout, name);
      }
      if (stderr !== undefined) {
        assert.match(result.stderr, stderr, name);
      }
      if (file === path) {
        assert.equal(!readFileSync(file).equals(bytes), changed, name);
      } else {
        assert.ok(readFileSync(file).length > 0, name);
      }
    }
  });

  it('package verify names a file that is not RDF', async () => {
    const path = join(data, 'releases', 'fcc-DO-254-R2.zip');
    if (run(['package', '--standard', 'DO-254', '--provider', 'fcc', '--release', 'R2', '--data', data]).status !== 0) {
      assert.fail('the DO-254 package could not be built');
    }
    const entries = await readZip(readFileSync(path));
    const target = entries.find((entry) => entry.name.startsWith('resources/requirements/'))!;
    target.data = Buffer.from('Requirement text pasted from a word processor\n');
    const broken = join(directory.path, 'not-rdf.zip');
    writeFileSync(broken, await writeZip(entries));

    const result = run(['package', 'verify', broken]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, new RegExp(`^${target.name}: not valid RDF: the N-Triples parser reports`, 'm'));
    assert.doesNotMatch(`${result.stdout}${result.stderr}`, /\n\s+at /, 'no stack trace');
  });

  it('trace states the clearance and what it withheld', () => {
    const result = run(['trace', '--provider', 'fcc', '--standard', 'DO-178C', '--clearance', 'none', '--data', data]);
    assert.equal(result.status, 3, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[1], '  standard DO-178C, level all, current state, clearance none');
    assert.match(lines[2]!, /^ {2}INCOMPLETE: export-control clearance none withheld 17 resources in scope, among them 3 items/);
    assert.doesNotMatch(result.stdout, /TC-000009 "[^"]*" verifies no requirement/);
  });

  it('package requires standard, provider and release', () => {
    const result = run(['package', '--provider', 'fcc', '--release', 'R1', '--data', data]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--standard is required/);
    const release = run(['package', '--standard', 'DO-178C', '--provider', 'fcc', '--release', '../x', '--data', data]);
    assert.equal(release.status, 2);
  });
});

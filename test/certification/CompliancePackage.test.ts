import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildCompliancePackage } from '../../src/certification/package/CompliancePackage.js';
import { verifyCompliancePackage } from '../../src/certification/package/PackageVerifier.js';
import { readZip, writeZip } from '../../src/certification/render/DeterministicZip.js';
import { catalogue, KNOWN_GAPS, openSampleStore, parseReportCsv, providerIri, readPdfText, readXlsx, type SampleStore } from './CertificationFixture.js';

/**
 * The known fcc gaps that a DO-178C package lists. The excluded ones concern test cases whose
 * requirements no DO-178C artifact covers: system requirements and DO-254 hardware requirements.
 */
const EXCLUDED_FROM_DO178C = ['TC-000004', 'TC-000008', 'TC-000015', 'TC-000016', 'TC-000020', 'TC-000040', 'TC-000043'];
const DO178C_GAPS = KNOWN_GAPS.fcc!.filter((key) => !EXCLUDED_FROM_DO178C.includes(key.split(' ')[1]!));

describe('compliance package', () => {
  let sample: SampleStore;
  const request = () => ({ store: sample.store, providerIri: providerIri('fcc'), release: 'R1.0', filter: { standard: 'DO178C' as const }, catalogue });

  before(async () => {
    sample = await openSampleStore();
  });
  after(() => sample.close());

  it('two runs give identical bytes', async () => {
    const first = await buildCompliancePackage(request());
    const second = await buildCompliancePackage(request());
    assert.equal(first.fileName, 'fcc-DO-178C-R1.0.zip');
    assert.ok(first.zip.equals(second.zip), 'byte-identical zips');
  });

  it('contains manifests, reports and resource RDF', async () => {
    const built = await buildCompliancePackage(request());
    const entries = await readZip(built.zip);
    const names = entries.map((entry) => entry.name);
    assert.deepEqual(names.slice(0, 7), [
      'manifest.json',
      'manifest.ttl',
      'reports/gap-report.csv',
      'reports/objective-compliance.csv',
      'reports/traceability-matrix.csv',
      'reports/traceability-report.pdf',
      'reports/traceability-report.xlsx',
    ]);
    assert.deepEqual(names.slice(2), [...names.slice(2)].sort(), 'files in sorted order');
    const manifest = JSON.parse(entries[0]!.data.toString('utf8')) as { artifacts: Array<{ identifier: string; version: string; sha256: string; file: string }>; files: Array<{ path: string }> };
    assert.equal(manifest.files.length, entries.length - 2);
    const stale = manifest.artifacts.find((artifact) => artifact.identifier === 'CA-000011')!;
    assert.equal(stale.version, '2.9');
    assert.match(stale.sha256, /^[0-9a-f]{64}$/);
    assert.ok(names.includes(stale.file));
    assert.ok(names.includes('resources/requirements/REQ-000011.nt'));
    assert.ok(names.includes('resources/reviews/RV-000011.nt'));

    const byName = new Map(entries.map((entry) => [entry.name, entry.data]));
    const gapRows = parseReportCsv(byName.get('reports/gap-report.csv')!.toString('utf8')).table.slice(1);
    const expected = DO178C_GAPS.map((key) => key.split(' ')[1]!).sort();
    assert.deepEqual(gapRows.map((row) => row[1]).sort(), expected);
    assert.ok(expected.includes('CA-000011'), 'stale design description');
    assert.ok(expected.includes('P-000056'), 'boot loader without independent review');
    const sheets = await readXlsx(byName.get('reports/traceability-report.xlsx')!);
    assert.equal(sheets.get('Gaps')!.length - 1, gapRows.length);
    const pdf = (await readPdfText(byName.get('reports/traceability-report.pdf')!)).join(' ');
    assert.ok(pdf.includes('CA-000011'));
  });

  it('verification passes on an intact package', async () => {
    const built = await buildCompliancePackage(request());
    assert.deepEqual(await verifyCompliancePackage(built.zip), []);
  });

  it('verification names a tampered file', async () => {
    const built = await buildCompliancePackage(request());
    const entries = await readZip(built.zip);
    const tampered = entries.map((entry) => (entry.name === 'reports/gap-report.csv' ? { name: entry.name, data: Buffer.concat([entry.data, Buffer.from('forged,row\r\n')]) } : entry));
    const problems = await verifyCompliancePackage(await writeZip(tampered));
    assert.deepEqual(problems.map((problem) => problem.file), ['reports/gap-report.csv']);
    assert.match(problems[0]!.message, /SHA-256 is [0-9a-f]{64}, the manifest lists [0-9a-f]{64}/);
  });

  it('verification names a missing and an extra file', async () => {
    const built = await buildCompliancePackage(request());
    const entries = (await readZip(built.zip)).filter((entry) => entry.name !== 'resources/requirements/REQ-000011.nt');
    entries.push({ name: 'extra.txt', data: Buffer.from('not listed') });
    const problems = await verifyCompliancePackage(await writeZip(entries));
    assert.deepEqual(problems.map((problem) => `${problem.file}: ${problem.message}`).sort(), [
      'extra.txt: in the package but not listed in the manifest',
      'resources/requirements/REQ-000011.nt: listed in the manifest but missing from the package',
    ]);
  });

  it('verification rejects a file that is no zip', async () => {
    const problems = await verifyCompliancePackage(Buffer.from('plain text'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.file, '(archive)');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseAnalysisFilter } from '../../src/certification/AnalysisFilters.js';
import { CLEARANCES, readMarkings, regimeName, type Clearance, type Markings } from '../../src/certification/ExportClearance.js';
import { buildCompliancePackage } from '../../src/certification/package/CompliancePackage.js';
import { MANIFEST_JSON, MANIFEST_TURTLE, type PackageManifest } from '../../src/certification/package/PackageManifest.js';
import { verifyCompliancePackage } from '../../src/certification/package/PackageVerifier.js';
import { readZip, writeZip } from '../../src/certification/render/DeterministicZip.js';
import { renderReport } from '../../src/certification/render/ReportFormats.js';
import { analyseTraceability } from '../../src/certification/TraceabilityAnalysis.js';
import { assertNothingHidden, catalogue, openSampleStore, providerIri, readPdfText, readXlsx, textOfEveryFormat, type SampleStore } from './CertificationFixture.js';

const EHA = providerIri('eha');

/** Highest marking each clearance reads: 0 unmarked, 1 EAR99, 2 EAR, 3 ITAR. */
const READS: Array<[Clearance, number]> = [
  ['none', 0],
  ['EAR99', 1],
  ['EAR', 2],
  ['ITAR', 3],
];

describe('export-control clearance filter', () => {
  let sample: SampleStore;
  let markings: Markings;
  /** Identifier of every eha resource, by IRI. */
  const identifiers = new Map<string, string>();

  before(async () => {
    sample = await openSampleStore();
    markings = await readMarkings(sample.store);
    const snapshot = await sample.snapshot('eha');
    for (const resource of [...snapshot.requirements, ...snapshot.testCases, ...snapshot.testResults, ...snapshot.artifacts, ...snapshot.reviews, ...snapshot.parts]) {
      identifiers.set(resource.iri, resource.identifier);
    }
  });
  after(() => sample.close());

  /** Returns the eha resources that a clearance reading up to `allowed` may not read: IRI → identifier. */
  function withheldFrom(allowed: number): Map<string, string> {
    return new Map([...identifiers].filter(([iri]) => (markings.get(iri) ?? 0) > allowed));
  }

  it('markings of the sample programme', () => {
    const counts = new Map<string, number>();
    for (const [iri, level] of markings) {
      const key = `${iri.includes('/oslc/sp/fcc/') ? 'fcc' : 'eha'} ${regimeName(level)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    assert.deepEqual(
      [...counts.entries()].sort(),
      [
        ['eha EAR', 36],
        ['eha EAR99', 4],
        ['eha ITAR', 18],
        ['fcc EAR', 62],
        ['fcc EAR99', 5],
      ],
    );
  });

  it('filter parses clearances and rejects others', () => {
    for (const clearance of CLEARANCES) {
      assert.equal(parseAnalysisFilter({ clearance: clearance.toLowerCase() }).clearance, clearance);
    }
    assert.throws(() => parseAnalysisFilter({ clearance: 'secret' }), /Unknown clearance "secret"; use one of none, EAR99, EAR, ITAR\./);
  });

  for (const [clearance, allowed] of READS) {
    it(`clearance ${clearance} hides what is marked above it`, async () => {
      const report = await analyseTraceability(sample.store, EHA, catalogue, { clearance });
      const withheld = withheldFrom(allowed);
      const json = JSON.stringify(report);
      assertNothingHidden(withheld, json, 'JSON');
      // Everything at or below the clearance that the unfiltered matrix lists is still listed.
      const open = await analyseTraceability(sample.store, EHA, catalogue);
      const readable = open.requirements.filter((row) => (markings.get(row.iri) ?? 0) <= allowed).map((row) => row.identifier);
      assert.deepEqual(report.requirements.map((row) => row.identifier), readable);
    });
  }

  it('ITAR clearance equals no filter', async () => {
    const open = await analyseTraceability(sample.store, EHA, catalogue);
    const itar = await analyseTraceability(sample.store, EHA, catalogue, { clearance: 'ITAR' });
    assert.deepEqual(itar.requirements, open.requirements);
    assert.deepEqual(itar.gaps, open.gaps);
    assert.deepEqual(itar.objectives, open.objectives);
  });

  it('EAR clearance hides ITAR data in every format', async () => {
    const withheld = withheldFrom(2);
    assert.ok(withheld.size > 5, 'eha has ITAR requirements, test cases and results to hide');
    const report = await analyseTraceability(sample.store, EHA, catalogue, { clearance: 'EAR' });
    for (const [format, text] of await textOfEveryFormat(report)) {
      assertNothingHidden(withheld, text, format);
    }
    const summary = (await readXlsx(await renderReport(report, 'xlsx'))).get('Summary')!;
    assert.deepEqual(summary.find((row) => row[0] === 'Export-control clearance'), ['Export-control clearance', 'EAR']);
  });

  it('package with clearance none holds no marked resource', async () => {
    const built = await buildCompliancePackage({ store: sample.store, providerIri: EHA, release: 'R1', filter: { standard: 'DO178C', clearance: 'none' }, catalogue });
    // The six EAR resources in scope are withheld, the EHA controller software item among them.
    assert.deepEqual(built.manifest.exportControl, {
      clearance: 'none',
      markedResources: { EAR99: 0, EAR: 0, ITAR: 0 },
      withheldResources: 6,
      withheldItems: 1,
      completeness:
        'INCOMPLETE: export-control clearance none withheld 6 resources in scope, among them 1 item whose objectives are not assessed. Requirements, results, evidence and objectives that rest on withheld resources are neither shown nor judged.',
    });
    assert.equal(built.fileName, 'eha-DO-178C-R1-clearance-none.zip');
    const withheld = withheldFrom(0);
    for (const entry of await readZip(built.zip)) {
      const text = entry.name.endsWith('.xlsx') ? [...(await readXlsx(entry.data)).values()].flat(2).join('\n') : entry.name.endsWith('.pdf') ? (await readPdfText(entry.data)).join('\n') : entry.data.toString('utf8');
      assertNothingHidden(withheld, text, entry.name);
    }
    assert.deepEqual(await verifyCompliancePackage(built.zip), []);
  });

  it('package without clearance counts its marked resources', async () => {
    const built = await buildCompliancePackage({ store: sample.store, providerIri: EHA, release: 'R1', filter: { standard: 'DO178C' }, catalogue });
    assert.deepEqual(built.manifest.exportControl, {
      clearance: 'not applied',
      markedResources: { EAR99: 0, EAR: 6, ITAR: 0 },
      withheldResources: 0,
      withheldItems: 0,
      completeness: 'Nothing was withheld.',
      marking: { regime: 'EAR', eccns: ['9D610.a', '9E610.a'], usmlCategories: [] },
    });
    const turtle = (await readZip(built.zip)).find((entry) => entry.name === MANIFEST_TURTLE)!.data.toString('utf8');
    assert.match(turtle, /dt:exportClearance "not applied"/);
  });

  it('verification names resources marked above the stated clearance', async () => {
    const built = await buildCompliancePackage({ store: sample.store, providerIri: EHA, release: 'R1', filter: { standard: 'DO178C', clearance: 'EAR' }, catalogue });
    const entries = await readZip(built.zip);
    const marked = entries.filter((entry) => entry.data.toString('utf8').includes('<https://w3id.org/digital-thread/ns#exportControl> <https://w3id.org/digital-thread/ns#EAR>'));
    assert.equal(marked.length, 6);
    // Claim a narrower clearance in both manifests: the EAR resources now break it.
    const forged = entries.map((entry) => {
      if (entry.name === MANIFEST_JSON) {
        const manifest = JSON.parse(entry.data.toString('utf8')) as PackageManifest;
        manifest.exportControl.clearance = 'EAR99';
        return { name: entry.name, data: Buffer.from(JSON.stringify(manifest, null, 2)) };
      }
      if (entry.name === MANIFEST_TURTLE) {
        return { name: entry.name, data: Buffer.from(entry.data.toString('utf8').replace('dt:exportClearance "EAR"', 'dt:exportClearance "EAR99"')) };
      }
      return entry;
    });
    const problems = await verifyCompliancePackage(await writeZip(forged));
    assert.deepEqual(problems.map((problem) => problem.file).sort(), marked.map((entry) => entry.name).sort());
    for (const problem of problems) {
      assert.equal(problem.message, "marked EAR, above the package's clearance EAR99");
    }
  });

  it('verification names a manifest.ttl whose clearance differs', async () => {
    const built = await buildCompliancePackage({ store: sample.store, providerIri: EHA, release: 'R1', filter: { standard: 'DO178C', clearance: 'EAR' }, catalogue });
    const entries = (await readZip(built.zip)).map((entry) =>
      entry.name === MANIFEST_TURTLE ? { name: entry.name, data: Buffer.from(entry.data.toString('utf8').replace('dt:exportClearance "EAR"', 'dt:exportClearance "ITAR"')) } : entry,
    );
    const problems = await verifyCompliancePackage(await writeZip(entries));
    assert.deepEqual(problems, [{ file: MANIFEST_TURTLE, message: 'clearance: manifest.ttl states ITAR, manifest.json states EAR' }]);
  });
});

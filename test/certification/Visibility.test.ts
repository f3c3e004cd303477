import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildCompliancePackage } from '../../src/certification/package/CompliancePackage.js';
import { readZip } from '../../src/certification/render/DeterministicZip.js';
import type { ReportScope } from '../../src/certification/ReportScope.js';
import { analyseTraceability } from '../../src/certification/TraceabilityAnalysis.js';
import { assertNothingHidden, catalogue, gapKey, openSampleStore, providerIri, readPdfText, readXlsx, textOfEveryFormat, type SampleStore } from './CertificationFixture.js';

const FCC = providerIri('fcc');

/**
 * Hidden: an untested requirement, a traced requirement, a failing test case and its runs, the stale
 * artifact with its review, and the boot loader part (an item, so its objectives go too).
 */
const HIDDEN_IDENTIFIERS = ['REQ-000011', 'REQ-000010', 'TC-000004', 'CA-000011', 'RV-000011', 'P-000056'];

describe('report scope hides resources in every output', () => {
  let sample: SampleStore;
  let hidden: Map<string, string>;
  let scope: ReportScope;

  before(async () => {
    sample = await openSampleStore();
    const snapshot = await sample.snapshot('fcc');
    const all = [...snapshot.requirements, ...snapshot.testCases, ...snapshot.testResults, ...snapshot.artifacts, ...snapshot.reviews, ...snapshot.parts];
    hidden = new Map(all.filter((resource) => HIDDEN_IDENTIFIERS.includes(resource.identifier)).map((resource) => [resource.iri, resource.identifier]));
    for (const run of snapshot.testResults.filter((result) => hidden.has(result.testCase))) {
      hidden.set(run.iri, run.identifier);
    }
    assert.ok(hidden.size > HIDDEN_IDENTIFIERS.length, 'the failing test case has runs to hide');
    scope = { visible: (iri) => !hidden.has(iri) };
  });
  after(() => sample.close());


  it('counts leave hidden resources out', async () => {
    const open = await analyseTraceability(sample.store, FCC, catalogue);
    const scoped = await analyseTraceability(sample.store, FCC, catalogue, {}, scope);
    assert.equal(scoped.counts.requirements, open.counts.requirements - 2);
    // TC-000004 is hidden. The test case of hidden REQ-000010 leaves the matrix with its requirement,
    // but its results are still judged outside the matrix, so it still counts.
    assert.equal(scoped.counts.testCases, open.counts.testCases - 1);
    assert.ok(!scoped.items.some((item) => item.identifier === 'P-000056'));
    assert.ok(scoped.counts.objectives < open.counts.objectives);
    assert.ok(scoped.withheld.resources >= hidden.size - 1, `${scoped.withheld.resources} withheld`);
    assert.equal(scoped.withheld.items, 1);
  });

  it('hidden links cause no gaps', async () => {
    const open = await analyseTraceability(sample.store, FCC, catalogue);
    const scoped = await analyseTraceability(sample.store, FCC, catalogue, {}, scope);
    // The requirement of hidden TC-000004 has a withheld test, not none; the test case of hidden
    // REQ-000010 verifies a withheld requirement, not none.
    assert.deepEqual(scoped.gaps.filter((gap) => gap.kind === 'RequirementWithoutTest').map((gap) => gap.subject.identifier), ['REQ-000033', 'REQ-000046', 'REQ-000049', 'REQ-000053']);
    assert.deepEqual(scoped.gaps.filter((gap) => gap.kind === 'TestWithoutRequirement'), []);
    const openKeys = new Set(open.gaps.map(gapKey));
    for (const gap of scoped.gaps) {
      assert.ok(openKeys.has(gapKey(gap)), `${gapKey(gap)} is no gap without the scope`);
    }
    // REQ-000004 shows no test case because its only one, TC-000004, is hidden.
    const withTestWithheld = scoped.requirements.filter((row) => row.testCases.length === 0 && row.status === 'withheld');
    assert.deepEqual(withTestWithheld.map((row) => row.identifier), ['REQ-000004']);
    assert.equal(open.requirements.find((row) => row.identifier === 'REQ-000004')!.testCases[0]!.identifier, 'TC-000004');
  });

  it('every format shows nothing hidden', async () => {
    const report = await analyseTraceability(sample.store, FCC, catalogue, {}, scope);
    const texts = await textOfEveryFormat(report);
    assert.deepEqual([...texts.keys()], ['JSON', 'text', 'CSV matrix', 'CSV gaps', 'CSV objectives', 'HTML', 'XLSX', 'PDF']);
    for (const [format, text] of texts) {
      assertNothingHidden(hidden, text, format);
    }
  });

  it('compliance package shows nothing hidden', async () => {
    const built = await buildCompliancePackage({ store: sample.store, providerIri: FCC, release: 'R1', filter: { standard: 'DO178C' }, catalogue, scope });
    for (const entry of await readZip(built.zip)) {
      let text: string;
      if (entry.name.endsWith('.xlsx')) {
        text = [...(await readXlsx(entry.data)).values()].flat(2).join('\n');
      } else if (entry.name.endsWith('.pdf')) {
        text = (await readPdfText(entry.data)).join('\n');
      } else {
        text = entry.data.toString('utf8');
      }
      assertNothingHidden(hidden, text, entry.name);
    }
  });
});

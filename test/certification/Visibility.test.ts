import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildCompliancePackage } from '../../src/certification/package/CompliancePackage.js';
import { readZip } from '../../src/certification/render/DeterministicZip.js';
import { renderHtmlReport } from '../../src/certification/render/HtmlReport.js';
import { CSV_VIEWS, renderReport, type CsvView } from '../../src/certification/render/ReportFormats.js';
import type { ReportScope } from '../../src/certification/ReportScope.js';
import { analyseTraceability } from '../../src/certification/TraceabilityAnalysis.js';
import { catalogue, openSampleStore, providerIri, readPdfText, readXlsx, type SampleStore } from './CertificationFixture.js';

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

  /** Fails when any hidden IRI or identifier occurs in `text`. */
  function assertNothingHidden(text: string, output: string): void {
    for (const [iri, identifier] of hidden) {
      assert.ok(!text.includes(iri), `${output} contains ${iri}`);
      assert.ok(!new RegExp(`\\b${identifier}\\b`).test(text), `${output} contains ${identifier}`);
    }
  }

  it('counts leave hidden resources out', async () => {
    const open = await analyseTraceability(sample.store, FCC, catalogue);
    const scoped = await analyseTraceability(sample.store, FCC, catalogue, {}, scope);
    assert.equal(scoped.counts.requirements, open.counts.requirements - 2);
    // TC-000004 is hidden, and the test case of REQ-000010 leaves the matrix with its requirement.
    assert.equal(scoped.counts.testCases, open.counts.testCases - 2);
    // Gaps are judged on what the viewer can see: the requirement of hidden TC-000004 now looks untested,
    // and the test case of hidden REQ-000010 looks like it verifies nothing.
    const untested = scoped.gaps.filter((gap) => gap.kind === 'RequirementWithoutTest').map((gap) => gap.subject.identifier);
    assert.equal(untested.length, 5);
    assert.ok(!untested.includes('REQ-000011'));
    assert.equal(scoped.gaps.filter((gap) => gap.kind === 'TestWithoutRequirement').length, 1);
    assert.ok(!scoped.items.some((item) => item.identifier === 'P-000056'));
    assert.ok(scoped.counts.objectives < open.counts.objectives);
  });

  it('JSON, CSV, text and HTML show nothing hidden', async () => {
    const report = await analyseTraceability(sample.store, FCC, catalogue, {}, scope);
    assertNothingHidden((await renderReport(report, 'json')).toString('utf8'), 'JSON');
    assertNothingHidden((await renderReport(report, 'text')).toString('utf8'), 'text');
    for (const view of Object.keys(CSV_VIEWS) as CsvView[]) {
      assertNothingHidden((await renderReport(report, 'csv', view)).toString('utf8'), `CSV ${view}`);
    }
    assertNothingHidden(renderHtmlReport(report, { base: 'http://127.0.0.1:8080/', reportUrl: `${FCC}/traceability`, providerTitle: 'FCC' }), 'HTML');
  });

  it('XLSX and PDF show nothing hidden', async () => {
    const report = await analyseTraceability(sample.store, FCC, catalogue, {}, scope);
    const sheets = await readXlsx(await renderReport(report, 'xlsx'));
    assertNothingHidden([...sheets.values()].flat(2).join('\n'), 'XLSX');
    assertNothingHidden((await readPdfText(await renderReport(report, 'pdf'))).join('\n'), 'PDF');
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
      assertNothingHidden(text, entry.name);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EvidenceSnapshot } from '../../src/certification/EvidenceSnapshot.js';
import { CLEARANCES } from '../../src/certification/ExportClearance.js';
import { renderHtmlReport } from '../../src/certification/render/HtmlReport.js';
import { renderReport } from '../../src/certification/render/ReportFormats.js';
import { analyseEvidence, analyseTraceability } from '../../src/certification/TraceabilityAnalysis.js';
import type { CoverageStatus, ObjectiveStatus, TraceabilityReport } from '../../src/certification/TraceabilityReport.js';
import { DT, OSLC_QM, OSLC_RM } from '../../src/rdf/namespaces.js';
import { assertNothingHidden, catalogue, gapKey, openSampleStore, parseReportCsv, providerIri, readPdfText, readXlsx, textOfEveryFormat, type SampleStore } from './CertificationFixture.js';

const PROVIDER = 'https://example.org/oslc/sp/x';
const AT = '2025-01-01T00:00:00Z';
const ECSS = 'https://w3id.org/digital-thread/objectives/ecss#';
const iriOf = (identifier: string): string => `${PROVIDER}/${{ REQ: 'requirements', TC: 'test-cases', TR: 'test-results', CA: 'certification-artifacts', RV: 'reviews', P: 'parts' }[identifier.split('-')[0]!]}/${identifier}`;

/**
 * Builds an ECSS category B star tracker software item with one complete chain: REQ-1, tested by TC-1 (run
 * TR-1 passed), implemented by code CA-1 and design CA-2. CA-1 is evidence of E40-5.5-2 (no
 * independence needed) with a dependent approval RV-1; CA-2 is evidence of Q80-6.2-2 (independence
 * needed at B) with an independent approval RV-2.
 */
function programme(): EvidenceSnapshot {
  const artifact = (identifier: string, kind: string) => ({
    iri: iriOf(identifier),
    identifier,
    title: `${kind} ${identifier}`,
    kindIri: DT(kind),
    standardIri: DT('ECSS'),
    levelIri: DT('LevelB'),
    version: '1.0',
    sha256: 'a'.repeat(64),
    item: iriOf('P-1'),
    created: AT,
    modified: AT,
  });
  const review = (identifier: string, artifactIdentifier: string, independent: boolean) => ({
    iri: iriOf(identifier),
    identifier,
    title: `Review ${identifier}`,
    artifact: iriOf(artifactIdentifier),
    reviewedVersion: '1.0',
    reviewedSha256: 'a'.repeat(64),
    independent,
    outcomeIri: DT('Approved'),
    completed: AT,
    created: AT,
  });
  return {
    providerIri: PROVIDER,
    requirements: [{ iri: iriOf('REQ-1'), identifier: 'REQ-1', title: 'Attitude quaternion output', created: AT }],
    testCases: [{ iri: iriOf('TC-1'), identifier: 'TC-1', title: 'Quaternion test', created: AT }],
    testResults: [{ iri: iriOf('TR-1'), identifier: 'TR-1', title: 'Run 1', testCase: iriOf('TC-1'), verdict: 'passed', ended: AT, created: AT }],
    artifacts: [artifact('CA-1', 'SourceCode'), artifact('CA-2', 'DesignDescription')],
    reviews: [review('RV-1', 'CA-1', false), review('RV-2', 'CA-2', true)],
    parts: [{ iri: iriOf('P-1'), identifier: 'P-1', title: 'Star tracker software' }],
    links: new Map([
      [OSLC_RM('decomposes'), []],
      [OSLC_RM('satisfiedBy'), []],
      [OSLC_RM('validatedBy'), [[iriOf('REQ-1'), iriOf('TC-1')] as const]],
      [OSLC_QM('validatesRequirement'), []],
      [
        DT('covers'),
        [
          [iriOf('CA-1'), iriOf('REQ-1')] as const,
          [iriOf('CA-2'), iriOf('REQ-1')] as const,
        ],
      ],
      [
        DT('satisfiesObjective'),
        [
          [iriOf('CA-1'), `${ECSS}E40-5.5-2`] as const,
          [iriOf('CA-2'), `${ECSS}Q80-6.2-2`] as const,
        ],
      ],
    ]),
  };
}

interface WithheldCase {
  name: string;
  hidden: string[];
  change?: (snapshot: EvidenceSnapshot) => void;
  requirement?: CoverageStatus;
  objectives?: Record<string, ObjectiveStatus>;
  /** Gaps that a missing link would cause and that must not appear. */
  absent: string[];
  withheld: { resources: number; items: number };
  testCases?: number;
}

/** Changes CA-1 to version 1.1 and adds RV-3, an approval of 1.1 that the case hides. */
function approveNewVersion(snapshot: EvidenceSnapshot): void {
  snapshot.artifacts[0]!.version = '1.1';
  snapshot.reviews.push({ ...snapshot.reviews[0]!, iri: iriOf('RV-3'), identifier: 'RV-3', reviewedVersion: '1.1' });
}

/** Adds TR-0, a failed run of TC-1 that ended before the passing TR-1. */
function addOlderRun(snapshot: EvidenceSnapshot): void {
  snapshot.testResults.unshift({ ...snapshot.testResults[0]!, iri: iriOf('TR-0'), identifier: 'TR-0', verdict: 'failed', ended: '2024-12-01T00:00:00Z', created: '2024-12-01T00:00:00Z' });
}

/** Adds RV-4, a review of CA-1 that did not approve it. */
function addRejectingReview(snapshot: EvidenceSnapshot): void {
  snapshot.reviews.push({ ...snapshot.reviews[0]!, iri: iriOf('RV-4'), identifier: 'RV-4', outcomeIri: DT('Rejected') });
}

const CASES: WithheldCase[] = [
  { name: 'nothing hidden', hidden: [], requirement: 'complete', objectives: { 'E40-5.5-2': 'satisfied', 'Q80-6.2-2': 'satisfied' }, absent: [], withheld: { resources: 0, items: 0 }, testCases: 1 },
  { name: 'hidden test case', hidden: ['TC-1', 'TR-1'], requirement: 'withheld', absent: ['RequirementWithoutTest REQ-1'], withheld: { resources: 2, items: 0 }, testCases: 0 },
  { name: 'hidden requirement', hidden: ['REQ-1'], absent: ['TestWithoutRequirement TC-1'], withheld: { resources: 1, items: 0 }, testCases: 1 },
  { name: 'hidden run', hidden: ['TR-1'], requirement: 'withheld', absent: ['MissingResult TC-1'], withheld: { resources: 1, items: 0 }, testCases: 1 },
  { name: 'hidden code artifact', hidden: ['CA-1'], requirement: 'withheld', objectives: { 'E40-5.5-2': 'withheld' }, absent: ['ObjectiveWithoutEvidence P-1 E40-5.5-2'], withheld: { resources: 1, items: 0 } },
  { name: 'hidden independent review', hidden: ['RV-2'], objectives: { 'Q80-6.2-2': 'withheld' }, absent: ['ObjectiveWithoutIndependentReview P-1 Q80-6.2-2'], withheld: { resources: 1, items: 0 } },
  { name: 'hidden approval of new version', hidden: ['RV-3'], change: approveNewVersion, objectives: { 'E40-5.5-2': 'withheld' }, absent: ['StaleEvidence CA-1'], withheld: { resources: 1, items: 0 } },
  { name: 'hidden item', hidden: ['P-1'], requirement: 'complete', absent: ['ObjectiveWithoutEvidence P-1 E40-5.4-1'], withheld: { resources: 1, items: 1 } },
  { name: 'hidden older run', hidden: ['TR-0'], change: addOlderRun, requirement: 'withheld', absent: ['FailingResult TC-1'], withheld: { resources: 1, items: 0 }, testCases: 1 },
  { name: 'hidden rejecting review', hidden: ['RV-4'], change: addRejectingReview, objectives: { 'E40-5.5-2': 'satisfied' }, absent: [], withheld: { resources: 1, items: 0 } },
  {
    name: 'hidden item with its evidence',
    hidden: ['P-1', 'CA-1', 'CA-2', 'RV-1', 'RV-2'],
    requirement: 'withheld',
    absent: ['ObjectiveWithoutEvidence P-1 E40-5.5-2', 'RequirementWithoutTest REQ-1'],
    withheld: { resources: 5, items: 1 },
    testCases: 1,
  },
];

describe('withheld links are present but withheld', () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      const snapshot = programme();
      testCase.change?.(snapshot);
      const hidden = new Set(testCase.hidden.map(iriOf));
      const report = analyseEvidence(snapshot, catalogue, {}, { visible: (iri) => !hidden.has(iri) });
      const keys = report.gaps.map(gapKey);
      for (const gap of testCase.absent) {
        assert.ok(!keys.includes(gap), `${gap} is reported`);
      }
      assert.deepEqual(report.withheld, testCase.withheld);
      if (testCase.requirement !== undefined) {
        assert.equal(report.requirements.find((row) => row.identifier === 'REQ-1')?.status, testCase.requirement);
      }
      for (const [objective, status] of Object.entries(testCase.objectives ?? {})) {
        assert.equal(report.objectives.find((row) => row.objective.identifier === objective)?.status, status, objective);
      }
      if (testCase.testCases !== undefined) {
        assert.equal(report.counts.testCases, testCase.testCases);
      }
      // The hidden resources appear nowhere in the report, by IRI or identifier.
      const json = JSON.stringify(report);
      for (const identifier of testCase.hidden) {
        assert.ok(!json.includes(iriOf(identifier)), `${identifier} leaks`);
      }
      assert.equal(report.counts.gaps, report.gaps.length);
      assert.equal(Object.values(report.counts.byKind).reduce((sum, count) => sum + count, 0), report.gaps.length);
    });
  }

  it('hidden item leaves no objectives', () => {
    const hidden = iriOf('P-1');
    const report = analyseEvidence(programme(), catalogue, {}, { visible: (iri) => iri !== hidden });
    assert.deepEqual(report.items, []);
    assert.equal(report.counts.objectives, 0);
    assert.equal(report.counts.satisfiedObjectives, 0);
  });
});

describe('clearance none on the sample programme', () => {
  let sample: SampleStore;
  let report: TraceabilityReport;
  const statement = 'INCOMPLETE: export-control clearance none withheld 17 resources in scope, among them 3 items whose objectives are not assessed.';

  before(async () => {
    sample = await openSampleStore();
    report = await analyseTraceability(sample.store, providerIri('fcc'), catalogue, { standard: 'DO178C', clearance: 'none' });
  });
  after(() => sample.close());

  it('counts what was withheld', () => {
    // The three EAR-marked software items (P-000056, P-000147, P-000150) are among the withheld resources.
    assert.deepEqual(report.withheld, { resources: 17, items: 3 });
    assert.equal(report.counts.objectives, 0);
    assert.equal(report.exportControl, undefined);
  });

  it('every format states it is incomplete', async () => {
    const csv = async (view: 'matrix' | 'gaps' | 'objectives') => parseReportCsv((await renderReport(report, 'csv', view)).toString('utf8')).block;
    const summary = new Map((await readXlsx(await renderReport(report, 'xlsx'))).get('Summary')!.map((row) => [row[0]!, row[1]!]));
    const formats: Array<[string, string]> = [
      ['text', (await renderReport(report, 'text')).toString('utf8')],
      ['CSV matrix', (await csv('matrix')).get('Completeness')!],
      ['CSV gaps', (await csv('gaps')).get('Completeness')!],
      ['CSV objectives', (await csv('objectives')).get('Completeness')!],
      ['XLSX', summary.get('Completeness')!],
      ['PDF', (await readPdfText(await renderReport(report, 'pdf'))).join(' ').replace(/\s+/g, ' ')],
      ['HTML', renderHtmlReport(report, { base: 'http://127.0.0.1:8080/', reportUrl: `${report.providerIri}/traceability`, providerTitle: 'fcc' })],
    ];
    for (const [format, text] of formats) {
      assert.ok(text.includes(statement), `${format} lacks the statement`);
    }
    assert.equal((await csv('gaps')).get('Withheld resources'), '17');
    assert.equal(summary.get('Withheld resources'), '17');
    const json = JSON.parse((await renderReport(report, 'json')).toString('utf8')) as { withheld: unknown };
    assert.deepEqual(json.withheld, { resources: 17, items: 3 });
  });

  it('HTML shows no green for an empty set', () => {
    const html = renderHtmlReport(report, { base: 'http://127.0.0.1:8080/', reportUrl: `${report.providerIri}/traceability`, providerTitle: 'fcc' });
    assert.match(html, /<p class="banner incomplete" role="alert">INCOMPLETE: /);
    assert.ok(!html.includes('Objectives satisfied'), 'no objective count for zero items');
    assert.match(html, /<div class="card neutral"><div class="value">none<\/div><div class="label">Objectives: no items in scope<\/div><\/div>/);
    assert.ok(!html.includes('class="card good"'), 'no green card while resources are withheld');
  });

  it('no identifier of a withheld resource leaks', async () => {
    const snapshot = await sample.snapshot('fcc');
    const open = await analyseTraceability(sample.store, providerIri('fcc'), catalogue, { standard: 'DO178C' });
    const shown = new Set(JSON.stringify(report).match(/\b(?:REQ|TC|TR|CA|RV|P)-\d{6}\b/g) ?? []);
    const withheld = new Map(
      [...snapshot.requirements, ...snapshot.testCases, ...snapshot.testResults, ...snapshot.artifacts, ...snapshot.reviews, ...snapshot.parts]
        .filter((resource) => JSON.stringify(open).includes(`"${resource.iri}"`) && !shown.has(resource.identifier))
        .map((resource) => [resource.iri, resource.identifier]),
    );
    assert.ok(withheld.size >= 3, `${withheld.size} withheld resources to look for`);
    for (const [format, text] of await textOfEveryFormat(report)) {
      assertNothingHidden(withheld, text, format);
    }
  });

  it('no clearance adds a gap', async () => {
    for (const provider of ['fcc', 'eha']) {
      for (const standard of [undefined, 'DO178C', 'DO254'] as const) {
        const filter = standard === undefined ? {} : { standard };
        const open = new Set((await analyseTraceability(sample.store, providerIri(provider), catalogue, filter)).gaps.map(gapKey));
        for (const clearance of CLEARANCES) {
          const scoped = await analyseTraceability(sample.store, providerIri(provider), catalogue, { ...filter, clearance });
          for (const gap of scoped.gaps) {
            assert.ok(open.has(gapKey(gap)), `${provider} ${standard ?? 'all'} clearance ${clearance}: ${gapKey(gap)} is no gap without the clearance`);
          }
        }
      }
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DT, OSLC_QM, OSLC_RM } from '../../src/rdf/namespaces.js';
import type { EvidenceSnapshot } from '../../src/certification/EvidenceSnapshot.js';
import { analyseEvidence, analyseTraceability } from '../../src/certification/TraceabilityAnalysis.js';
import { catalogue, gapKey, KNOWN_GAPS, openSampleStore, providerIri, type SampleStore } from './CertificationFixture.js';

describe('traceability analysis of the sample programme', () => {
  let sample: SampleStore;
  before(async () => {
    sample = await openSampleStore();
  });
  after(() => sample.close());

  for (const provider of ['fcc', 'eha']) {
    it(`finds exactly the known gaps of ${provider}`, async () => {
      const report = await analyseTraceability(sample.store, providerIri(provider), catalogue);
      assert.deepEqual(report.gaps.map(gapKey).sort(), [...KNOWN_GAPS[provider]!].sort());
      assert.equal(report.counts.gaps, KNOWN_GAPS[provider]!.length);
    });
  }

  it('traces every requirement of fcc', async () => {
    const report = await analyseTraceability(sample.store, providerIri('fcc'), catalogue);
    assert.equal(report.counts.requirements, 60);
    assert.equal(report.counts.testCases, 57);
    const statuses = new Map<string, number>();
    for (const row of report.requirements) {
      statuses.set(row.status, (statuses.get(row.status) ?? 0) + 1);
    }
    assert.equal(statuses.get('untested'), 5);
    assert.equal(report.counts.traced, statuses.get('complete'));
  });

  it('chains a low-level requirement to design, code and results', async () => {
    const report = await analyseTraceability(sample.store, providerIri('fcc'), catalogue, { standard: 'DO178C', level: 'A' });
    const traced = report.requirements.find((row) => row.status === 'complete' && row.parent !== undefined && row.design.length > 0)!;
    assert.ok(traced, 'a complete requirement with a parent');
    assert.ok(traced.code.length > 0);
    assert.ok(traced.testCases.every((testCase) => testCase.latest?.verdict === 'passed'));
    assert.deepEqual(traced.standards, ['DO178C']);
  });

  it('filters by standard and level', async () => {
    const all = await analyseTraceability(sample.store, providerIri('fcc'), catalogue);
    const hardware = await analyseTraceability(sample.store, providerIri('fcc'), catalogue, { standard: 'DO254' });
    assert.ok(hardware.requirements.length > 0);
    assert.ok(hardware.requirements.every((row) => row.standards.includes('DO254')));
    assert.ok(hardware.items.every((item) => item.standard === 'DO254'));
    assert.ok(hardware.objectives.every((row) => row.objective.standard === 'DO254'));
    assert.deepEqual(hardware.gaps.filter((gap) => gap.kind === 'StaleEvidence'), []);

    const levelC = await analyseTraceability(sample.store, providerIri('fcc'), catalogue, { level: 'C' });
    assert.ok(levelC.requirements.every((row) => row.level === 'C'));
    assert.deepEqual(levelC.items.map((item) => item.identifier), levelC.items.filter((item) => item.level === 'C').map((item) => item.identifier));
    // Every gap of a filtered run is a gap of the unfiltered one.
    const keys = new Set(all.gaps.map(gapKey));
    for (const gap of [...hardware.gaps, ...levelC.gaps]) {
      assert.ok(keys.has(gapKey(gap)), gapKey(gap));
    }
  });

  it('objectives resting on the stale artifact are not satisfied', async () => {
    const report = await analyseTraceability(sample.store, providerIri('fcc'), catalogue, { standard: 'DO178C' });
    const stale = report.objectives.filter((row) => row.status === 'stale-evidence');
    assert.deepEqual(stale.map((row) => row.evidence.map((artifact) => artifact.identifier)), [['CA-000011'], ['CA-000011'], ['CA-000011']]);
    assert.equal(report.counts.satisfiedObjectives, report.counts.objectives - stale.length - 1, 'the boot loader objective without independent review is not satisfied either');
  });

  it('applies objectives of the item level only', async () => {
    const report = await analyseTraceability(sample.store, providerIri('fcc'), catalogue, { standard: 'DO178C' });
    const maintenance = report.objectives.filter((row) => row.item.level === 'C');
    assert.ok(maintenance.length > 0);
    assert.ok(maintenance.every((row) => row.objective.applicableAt.has('C')));
    assert.ok(!maintenance.some((row) => row.objective.identifier === 'A-7.5'), 'MC/DC does not apply at level C');
  });

  it('baseline before the programme leaves nothing', async () => {
    const report = await analyseTraceability(sample.store, providerIri('fcc'), catalogue, { baseline: '2020-01-01T00:00:00.000Z' });
    assert.equal(report.counts.requirements, 0);
    assert.equal(report.counts.gaps, 0);
  });

  it('baseline drops later runs and reviews', async () => {
    const report = await analyseTraceability(sample.store, providerIri('fcc'), catalogue, { baseline: '2024-06-30T23:59:59.000Z' });
    for (const row of report.requirements) {
      for (const testCase of row.testCases) {
        assert.ok(testCase.latest === undefined || Date.parse(testCase.latest.at) <= Date.parse('2024-06-30T23:59:59Z'), testCase.identifier);
      }
    }
    assert.ok(!report.gaps.some((gap) => gap.kind === 'StaleEvidence'), 'the stale review of 2024-09 is after the baseline');
  });
});

describe('traceability analysis rules', () => {
  const provider = 'https://example.org/oslc/sp/x';
  const at = '2025-01-01T00:00:00Z';
  const ecssItem = `${provider}/parts/P-1`;

  /** Builds a small ECSS category B item: one requirement tested and passing, one orphan test, evidence for one objective only. */
  function snapshot(): EvidenceSnapshot {
    const artifact = (id: string, kind: string, version: string) => ({
      iri: `${provider}/certification-artifacts/${id}`,
      identifier: id,
      title: `${kind} ${id}`,
      kindIri: DT(kind),
      standardIri: DT('ECSS'),
      levelIri: DT('LevelB'),
      version,
      sha256: 'a'.repeat(64),
      item: ecssItem,
      created: at,
      modified: at,
    });
    return {
      providerIri: provider,
      requirements: [{ iri: `${provider}/requirements/REQ-1`, identifier: 'REQ-1', title: 'Mode logic', created: at }],
      testCases: [
        { iri: `${provider}/test-cases/TC-1`, identifier: 'TC-1', title: 'Mode test', created: at },
        { iri: `${provider}/test-cases/TC-2`, identifier: 'TC-2', title: 'Orphan', created: at },
      ],
      testResults: [{ iri: `${provider}/test-results/TR-1`, identifier: 'TR-1', title: 'run', testCase: `${provider}/test-cases/TC-1`, verdict: 'passed', ended: at, created: at }],
      artifacts: [artifact('CA-1', 'SourceCode', '1.0'), artifact('CA-2', 'ReviewRecord', '1.0')],
      reviews: [
        { iri: `${provider}/reviews/RV-1`, identifier: 'RV-1', title: 'r', artifact: `${provider}/certification-artifacts/CA-1`, reviewedVersion: '0.9', independent: false, outcomeIri: DT('Approved'), completed: at, created: at },
        { iri: `${provider}/reviews/RV-2`, identifier: 'RV-2', title: 'r', artifact: `${provider}/certification-artifacts/CA-2`, reviewedVersion: '1.0', independent: false, outcomeIri: DT('Rejected'), completed: at, created: at },
      ],
      parts: [{ iri: ecssItem, identifier: 'P-1', title: 'Star tracker software' }],
      links: new Map([
        [OSLC_RM('decomposes'), []],
        [OSLC_RM('satisfiedBy'), []],
        [OSLC_RM('validatedBy'), [[`${provider}/requirements/REQ-1`, `${provider}/test-cases/TC-1`] as const]],
        [OSLC_QM('validatesRequirement'), []],
        [DT('covers'), [[`${provider}/certification-artifacts/CA-1`, `${provider}/requirements/REQ-1`] as const]],
        [
          DT('satisfiesObjective'),
          [
            [`${provider}/certification-artifacts/CA-1`, 'https://w3id.org/digital-thread/objectives/ecss#E40-5.5-2'] as const,
            [`${provider}/certification-artifacts/CA-2`, 'https://w3id.org/digital-thread/objectives/ecss#Q80-6.2-2'] as const,
          ],
        ],
      ]),
    };
  }

  it('reports orphan tests, missing evidence, dependence and staleness', () => {
    const report = analyseEvidence(snapshot(), catalogue, { standard: 'ECSS' });
    const kinds = report.gaps.map(gapKey);
    assert.ok(kinds.includes('TestWithoutRequirement TC-2'));
    assert.ok(kinds.includes('StaleEvidence CA-1'), 'RV-1 approved version 0.9, the artifact is at 1.0');
    assert.ok(kinds.includes('ObjectiveWithoutIndependentReview P-1 Q80-6.2-2'), 'ISVV needs independence at category B and RV-2 rejected');
    assert.ok(kinds.includes('ObjectiveWithoutEvidence P-1 E40-5.4-1'));
    assert.ok(!kinds.some((key) => key.includes('E40-5.5-2')), 'CA-1 is evidence for E40-5.5-2, which needs no independence');
    assert.ok(!kinds.some((key) => key.includes('Q80-6.3-1')), 'MC/DC applies at category A only');
    const applicable = catalogue.applicable('ECSS', 'B').length;
    assert.equal(report.counts.objectives, applicable);
  });

  it('orphan test case has its result judged', () => {
    const orphanRun = snapshot();
    orphanRun.testResults.push({ iri: `${provider}/test-results/TR-2`, identifier: 'TR-2', title: 'run', testCase: `${provider}/test-cases/TC-2`, verdict: 'failed', ended: at, created: at });
    const cases: Array<[string, EvidenceSnapshot, string[]]> = [
      ['never run', snapshot(), ['TestWithoutRequirement TC-2', 'MissingResult TC-2']],
      ['failed run', orphanRun, ['TestWithoutRequirement TC-2', 'FailingResult TC-2']],
    ];
    for (const [name, data, expected] of cases) {
      const report = analyseEvidence(data, catalogue, { standard: 'ECSS' });
      assert.deepEqual(report.gaps.map(gapKey).filter((key) => key.includes('TC-')), expected, name);
      assert.equal(report.counts.testCases, 2, `${name}: TC-1 in the matrix and orphan TC-2`);
      assert.equal(report.counts.byKind.TestWithoutRequirement, 1, name);
      assert.equal(Object.values(report.counts.byKind).reduce((sum, count) => sum + count, 0), report.counts.gaps, name);
    }
  });

  it('stale evidence satisfies no objective', () => {
    const report = analyseEvidence(snapshot(), catalogue, { standard: 'ECSS' });
    const row = report.objectives.find((candidate) => candidate.objective.identifier === 'E40-5.5-2')!;
    assert.equal(row.status, 'stale-evidence', 'CA-1 is the only evidence and RV-1 approved 0.9');
    assert.deepEqual(row.evidence.map((artifact) => artifact.identifier), ['CA-1']);
    assert.equal(report.counts.satisfiedObjectives, report.objectives.filter((candidate) => candidate.status === 'satisfied').length);
    assert.ok(!report.objectives.some((candidate) => candidate.status === 'satisfied'), 'no objective of P-1 has current evidence');
  });

  it('stale message names what changed', () => {
    const cases: Array<[string, { reviewedVersion: string; reviewedSha256?: string }, string]> = [
      ['version', { reviewedVersion: '0.9' }, 'Version 1.0 differs from version 0.9 that RV-1 approved on 2025-01-01.'],
      ['digest only', { reviewedVersion: '1.0', reviewedSha256: 'b'.repeat(64) }, 'The content of version 1.0 changed: its SHA-256 aaaaaaaaaaaa differs from bbbbbbbbbbbb that RV-1 approved on 2025-01-01.'],
    ];
    for (const [name, review, description] of cases) {
      const data = snapshot();
      Object.assign(data.reviews[0]!, review);
      const gap = analyseEvidence(data, catalogue).gaps.find((candidate) => candidate.kind === 'StaleEvidence')!;
      assert.equal(gap.description, description, name);
    }
  });

  it('a rejected review is no approval', () => {
    const report = analyseEvidence(snapshot(), catalogue);
    assert.deepEqual(report.artifacts.find((artifact) => artifact.identifier === 'CA-2')!.reviews, []);
  });
});

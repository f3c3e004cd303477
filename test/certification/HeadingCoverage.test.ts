import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readEvidenceSnapshot, type EvidenceSnapshot } from '../../src/certification/EvidenceSnapshot.js';
import { analyseEvidence } from '../../src/certification/TraceabilityAnalysis.js';
import type { TraceabilityReport } from '../../src/certification/TraceabilityReport.js';
import { FCC, ImportStore } from '../import/helpers/ImportStore.js';
import { reqifFixture } from '../import/reqif/fixtures.js';
import { catalogue, gapKey } from './CertificationFixture.js';

/** Returns the snapshot without its dt:heading marks, as it was read before imports marked headings. */
function withoutHeadingMarks(snapshot: EvidenceSnapshot): EvidenceSnapshot {
  return { ...snapshot, requirements: snapshot.requirements.map(({ heading: _heading, ...requirement }) => requirement) };
}

function gapKeys(report: TraceabilityReport, kind?: string): string[] {
  return report.gaps.filter((gap) => kind === undefined ? true : gap.kind === kind).map(gapKey).sort();
}

/**
 * The Polarion corpus file, imported into the mini programme's provider fcc, analysed with and without
 * its 43 heading marks. No test case verifies the imported requirements, so each one is a
 * RequirementWithoutTest gap and each heading was one too.
 */
describe('traceability of imported headings', () => {
  let store: ImportStore;
  let snapshot: EvidenceSnapshot;
  let headings: Set<string>;
  let marked: TraceabilityReport;
  let unmarked: TraceabilityReport;

  before(async () => {
    store = await ImportStore.open();
    await store.import('reqif', reqifFixture('Polarion', '01_anonimized_example', 'sample.reqif'));
    snapshot = await readEvidenceSnapshot(store.store, FCC);
    headings = new Set(snapshot.requirements.filter((requirement) => requirement.heading === true).map((requirement) => requirement.iri));
    marked = analyseEvidence(snapshot, catalogue);
    unmarked = analyseEvidence(withoutHeadingMarks(snapshot), catalogue);
  });
  after(() => store.close());

  it('reads the heading marks', () => {
    assert.equal(headings.size, 43);
  });

  it('drops the gaps of headings only', () => {
    const headingIdentifiers = new Set(snapshot.requirements.filter((requirement) => headings.has(requirement.iri)).map((requirement) => requirement.identifier));
    const untested = gapKeys(unmarked, 'RequirementWithoutTest');
    assert.equal(untested.length - gapKeys(marked, 'RequirementWithoutTest').length, 43);
    assert.deepEqual(gapKeys(marked, 'RequirementWithoutTest'), untested.filter((key) => !headingIdentifiers.has(key.split(' ')[1]!)));
    assert.deepEqual(gapKeys(marked).filter((key) => !key.startsWith('RequirementWithoutTest')), gapKeys(unmarked).filter((key) => !key.startsWith('RequirementWithoutTest')));
    assert.equal(marked.counts.byKind.RequirementWithoutTest, unmarked.counts.byKind.RequirementWithoutTest - 43);
  });

  it('leaves headings out of the matrix', () => {
    assert.equal(marked.counts.requirements, unmarked.counts.requirements - 43);
    assert.deepEqual(marked.requirements.filter((row) => headings.has(row.iri)), []);
    assert.deepEqual(marked.objectives, unmarked.objectives);
    assert.deepEqual(marked.withheld, unmarked.withheld);
  });

  // Every one of the 58 requirements of the file sits directly under a heading (counted with a separate XML parser).
  it('treats children of headings as top-level', () => {
    const unmarkedParents = new Map(unmarked.requirements.map((row) => [row.iri, row.parent?.iri]));
    const underHeading = marked.requirements.filter((row) => headings.has(unmarkedParents.get(row.iri) ?? ''));
    assert.equal(underHeading.length, 58);
    assert.deepEqual(underHeading.filter((row) => row.parent !== undefined), []);
    const unmarkedRows = new Map(unmarked.requirements.map((row) => [row.iri, row]));
    assert.deepEqual(underHeading.map((row) => row.status), underHeading.map((row) => unmarkedRows.get(row.iri)!.status));
  });

  it('does not count a withheld heading', () => {
    const hidden = [...headings][0]!;
    const scope = { visible: (iri: string): boolean => iri !== hidden };
    assert.deepEqual(analyseEvidence(snapshot, catalogue, {}, scope).withheld, { resources: 0, items: 0 });
    assert.deepEqual(analyseEvidence(withoutHeadingMarks(snapshot), catalogue, {}, scope).withheld, { resources: 1, items: 0 });
  });
});

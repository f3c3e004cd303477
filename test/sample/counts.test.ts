import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResourceTypeName } from '../../src/sample/ResourceTypes.js';
import { NS, sampleIndex, type SampleIndex } from './SampleIndex.js';

/** Resources per provider and type at scale 1. They do not depend on the seed. */
const EXPECTED_COUNTS: Array<[ResourceTypeName, number, number]> = [
  // type, fcc, eha
  ['Part', 158, 158],
  ['BomLine', 134, 127],
  ['Requirement', 60, 40],
  ['TestCase', 57, 38],
  ['TestResult', 83, 55],
  ['NonConformanceReport', 22, 18],
  ['TelemetrySummary', 12, 18],
  ['CertificationArtifact', 91, 34],
  ['Review', 91, 34],
];

/** Minimum totals across both providers that the sample programme promises. */
const MINIMUM_TOTALS: Array<[ResourceTypeName, number]> = [
  ['Part', 300],
  ['NonConformanceReport', 40],
  ['Requirement', 100],
  ['TelemetrySummary', 30],
  ['CertificationArtifact', 60],
];

function checkCounts(index: SampleIndex): void {
  for (const [type, fcc, eha] of EXPECTED_COUNTS) {
    assert.equal(index.ofType(type, 'fcc').length, fcc, `fcc ${type}`);
    assert.equal(index.ofType(type, 'eha').length, eha, `eha ${type}`);
  }
}

describe('sample programme counts', () => {
  it('resources per provider and type', () => {
    checkCounts(sampleIndex());
  });

  it('counts do not depend on the seed', () => {
    checkCounts(sampleIndex(1));
  });

  it('totals meet the promised minimums', () => {
    const index = sampleIndex();
    for (const [type, minimum] of MINIMUM_TOTALS) {
      assert.ok(index.ofType(type).length >= minimum, `${index.ofType(type).length} ${type} resources, expected at least ${minimum}`);
    }
  });

  it('one service provider per programme', () => {
    const providers = sampleIndex().resources.filter((resource) => resource.type === 'ServiceProvider');
    assert.deepEqual(providers.map((provider) => provider.graph), ['oslc/sp/fcc', 'oslc/sp/eha']);
  });

  it('triple count of the sample programme', () => {
    assert.equal(sampleIndex().tripleCount, 18577);
  });

  it('NCR statuses per provider', () => {
    const expected: Record<string, Record<string, number>> = {
      fcc: { Open: 5, 'Under Review': 4, Dispositioned: 5, Closed: 8 },
      eha: { Open: 4, 'Under Review': 4, Dispositioned: 4, Closed: 6 },
    };
    for (const [provider, statuses] of Object.entries(expected)) {
      const actual: Record<string, number> = {};
      for (const report of sampleIndex().ofType('NonConformanceReport', provider)) {
        const status = report.value(`${NS.oslc_cm}status`)!;
        actual[status] = (actual[status] ?? 0) + 1;
      }
      assert.deepEqual(actual, statuses, provider);
    }
  });
});

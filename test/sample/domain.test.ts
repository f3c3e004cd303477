import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intervalStart, parseTrend } from '../../src/resources/TelemetryTrend.js';
import { DATA_END, DATA_START, HOUR_MS, parseInstant } from '../../src/sample/Calendar.js';
import { NS, PROVIDERS, RDF_TYPE, sampleIndex, type IndexedResource } from './SampleIndex.js';

const index = sampleIndex();

function number(resource: IndexedResource, predicate: string): number {
  return Number(resource.value(predicate));
}

describe('dates and markings', () => {
  it('dates fall in 2023 to 2026 and modified follows created', () => {
    for (const resource of index.resources.filter((candidate) => candidate.type !== 'ServiceProvider')) {
      const created = parseInstant(resource.value(`${NS.dcterms}created`)!);
      const modified = parseInstant(resource.value(`${NS.dcterms}modified`)!);
      assert.ok(created >= DATA_START, `${resource.graph} created in range`);
      assert.ok(modified <= DATA_END, `${resource.graph} modified in range`);
      assert.ok(modified >= created, `${resource.graph} modified after created`);
    }
  });

  it('export markings carry ECCN or USML category', () => {
    const regimes = new Map<string, number>();
    for (const resource of index.resources) {
      const regime = resource.value(`${NS.dt}exportControl`)?.slice(NS.dt.length) ?? 'none';
      regimes.set(regime, (regimes.get(regime) ?? 0) + 1);
      const eccn = resource.values(`${NS.dt}eccn`).length;
      const usml = resource.values(`${NS.dt}usmlCategory`).length;
      assert.equal(eccn, regime === 'EAR' ? 1 : 0, `${resource.graph} ECCN for ${regime}`);
      assert.equal(usml, regime === 'ITAR' ? 1 : 0, `${resource.graph} USML category for ${regime}`);
    }
    assert.ok((regimes.get('ITAR') ?? 0) >= 3, 'a few ITAR resources');
    assert.ok((regimes.get('EAR') ?? 0) >= 10, 'some EAR resources');
    assert.ok((regimes.get('EAR99') ?? 0) >= 3, 'some EAR99 resources');
    assert.ok((regimes.get('none') ?? 0) > 0.7 * index.resources.length, 'most resources uncontrolled');
  });
});

describe('parts', () => {
  const parts = index.ofType('Part');

  it('revisions move from obsolete or released to in work or under review', () => {
    const byDesign = new Map<string, IndexedResource[]>();
    for (const part of parts) {
      const key = `${part.provider} ${part.value(`${NS.dt}partNumber`)}`;
      byDesign.set(key, [...(byDesign.get(key) ?? []), part]);
    }
    let revised = 0;
    for (const [key, revisions] of byDesign) {
      if (revisions.length < 2) {
        continue;
      }
      revised++;
      const states = revisions.map((revision) => revision.value(`${NS.dt}lifecycleState`)!.slice(NS.dt.length));
      assert.ok(['InWork', 'UnderReview'].includes(states.at(-1)!), `${key} newest revision is ${states.at(-1)}`);
      for (const state of states.slice(0, -1)) {
        assert.ok(['Obsolete', 'Released'].includes(state), `${key} older revision is ${state}`);
      }
      const letters = revisions.map((revision) => revision.value(`${NS.dt}revision`));
      assert.deepEqual(letters, [...letters].sort(), `${key} revisions in order`);
    }
    assert.ok(revised >= 30, `${revised} part numbers with several revisions`);
  });

  it('parts use all four lifecycle states', () => {
    const states = new Set(parts.map((part) => part.value(`${NS.dt}lifecycleState`)));
    assert.equal(states.size, 4);
  });

  it('most parts have a mass and mechanical parts a material', () => {
    const withMass = parts.filter((part) => part.value(`${NS.dt}mass`) !== undefined).length;
    assert.ok(withMass > 0.8 * parts.length, `${withMass} of ${parts.length} parts have a mass`);
    const withMaterial = parts.filter((part) => part.value(`${NS.dt}material`) !== undefined).length;
    assert.ok(withMaterial > 0.4 * parts.length, `${withMaterial} parts have a material`);
  });

  it('top assembly mass is plausible', () => {
    for (const provider of PROVIDERS) {
      const top = index.ofType('Part', provider)[0]!;
      const mass = number(top, `${NS.dt}mass`);
      assert.ok(mass > 3, `${provider} top assembly weighs ${mass} kg`);
      assert.ok(mass < 40, `${provider} top assembly weighs ${mass} kg`);
    }
  });
});

describe('non-conformance reports', () => {
  const reports = index.ofType('NonConformanceReport');

  it('use all statuses and severities', () => {
    assert.equal(new Set(reports.map((report) => report.value(`${NS.oslc_cm}status`))).size, 4);
    assert.equal(new Set(reports.map((report) => report.value(`${NS.dt}severity`))).size, 3);
  });

  it('have dispositions and close dates only when decided', () => {
    for (const report of reports) {
      const status = report.value(`${NS.oslc_cm}status`)!;
      const decided = status === 'Dispositioned' || status === 'Closed';
      assert.equal(report.values(`${NS.dt}disposition`).length, decided ? 1 : 0, `${report.graph} (${status}) disposition`);
      assert.equal(report.values(`${NS.oslc_cm}closeDate`).length, status === 'Closed' ? 1 : 0, `${report.graph} close date`);
      const closed = report.value(`${NS.oslc_cm}closeDate`);
      if (closed !== undefined) {
        assert.ok(parseInstant(closed) >= parseInstant(report.value(`${NS.dcterms}created`)!), `${report.graph} closed after created`);
        assert.ok(parseInstant(closed) <= parseInstant(report.value(`${NS.dcterms}modified`)!), `${report.graph} modified after close`);
      }
    }
  });

  it('name serial numbers or a lot', () => {
    for (const report of reports) {
      const serials = report.values(`${NS.dt}serialNumber`).length;
      const lot = report.values(`${NS.dt}lotNumber`).length;
      assert.ok(serials > 0 || lot > 0, `${report.graph} names units`);
      if (serials > 0) {
        assert.equal(serials, number(report, `${NS.dt}quantityAffected`), `${report.graph} one serial number per unit`);
      }
    }
    assert.ok(reports.some((report) => report.values(`${NS.oslc_cm}affectsRequirement`).length > 0));
  });

  it('include an open critical report per programme', () => {
    for (const provider of PROVIDERS) {
      const openCritical = index
        .ofType('NonConformanceReport', provider)
        .filter((report) => report.value(`${NS.oslc_cm}status`) === 'Open' && report.value(`${NS.dt}severity`) === `${NS.dt}Critical`);
      assert.ok(openCritical.length > 0, provider);
    }
  });
});

describe('verification', () => {
  const results = index.ofType('TestResult');

  /** Verdict of the latest run of each test case; runs are generated oldest first. */
  function latestVerdicts(): Map<string, string> {
    const latest = new Map<string, string>();
    for (const result of results) {
      latest.set(result.value(`${NS.oslc_qm}reportsOnTestCase`)!, result.value(`${NS.oslc_qm}status`)!);
    }
    return latest;
  }

  it('most requirements are tested and passing', () => {
    const latest = latestVerdicts();
    const outcome = new Map<string, number>();
    for (const requirement of index.ofType('Requirement')) {
      const testCases = requirement.values(`${NS.oslc_rm}validatedBy`).map((term) => term.value);
      let state = 'passing';
      if (testCases.length === 0) {
        state = 'untested';
      } else if (testCases.some((testCase) => latest.get(testCase) === 'failed')) {
        state = 'failing';
      } else if (testCases.some((testCase) => latest.get(testCase) !== 'passed')) {
        state = 'pending';
      }
      outcome.set(state, (outcome.get(state) ?? 0) + 1);
    }
    assert.equal(outcome.get('untested'), 9);
    assert.equal(outcome.get('pending'), 11, 'blocked, inconclusive or not yet run');
    assert.ok((outcome.get('failing') ?? 0) >= 8, `${outcome.get('failing')} failing`);
    assert.ok((outcome.get('passing') ?? 0) > 60, `${outcome.get('passing')} passing`);
  });

  it('some test cases have no results', () => {
    const run = new Set(results.map((result) => result.value(`${NS.oslc_qm}reportsOnTestCase`)));
    const notRun = index.ofType('TestCase').filter((testCase) => !run.has(testCase.graph));
    assert.equal(notRun.length, 7);
  });

  it('verdicts cover all four values', () => {
    assert.equal(new Set(results.map((result) => result.value(`${NS.oslc_qm}status`))).size, 4);
  });

  it('runs finish after their test case is written', () => {
    for (const result of results) {
      const ended = result.value(`${NS.prov}endedAtTime`);
      const verdict = result.value(`${NS.oslc_qm}status`);
      assert.equal(ended === undefined, verdict === 'blocked', `${result.graph} end time only when finished`);
      if (ended !== undefined) {
        const testCase = index.get(result.value(`${NS.oslc_qm}reportsOnTestCase`)!);
        assert.ok(parseInstant(ended) >= parseInstant(testCase.value(`${NS.dcterms}created`)!), result.graph);
        assert.ok(parseInstant(ended) <= parseInstant(result.value(`${NS.dcterms}created`)!), result.graph);
      }
    }
  });

  it('requirements have assurance levels A to C', () => {
    const levels = new Set(index.ofType('Requirement').map((requirement) => requirement.value(`${NS.dt}assuranceLevel`)));
    for (const level of ['A', 'B', 'C']) {
      assert.ok(levels.has(`${NS.dt}Level${level}`), `level ${level} used`);
    }
    assert.ok(index.ofType('Requirement').some((requirement) => requirement.value(`${NS.oslc_rm}satisfiedBy`) !== undefined));
  });
});

describe('telemetry summaries', () => {
  const summaries = index.ofType('TelemetrySummary');

  it('statistics are consistent', () => {
    for (const summary of summaries) {
      const minimum = number(summary, `${NS.dt}minimum`);
      const maximum = number(summary, `${NS.dt}maximum`);
      const mean = number(summary, `${NS.dt}mean`);
      const p95 = number(summary, `${NS.dt}p95`);
      assert.ok(minimum <= p95, `${summary.graph}: minimum ${minimum} <= p95 ${p95}`);
      assert.ok(p95 <= maximum, `${summary.graph}: p95 ${p95} <= maximum ${maximum}`);
      assert.ok(minimum <= mean, `${summary.graph}: minimum ${minimum} <= mean ${mean}`);
      assert.ok(mean <= maximum, `${summary.graph}: mean ${mean} <= maximum ${maximum}`);
      assert.ok(number(summary, `${NS.dt}standardDeviation`) >= 0, summary.graph);
      assert.ok(number(summary, `${NS.dt}sampleCount`) > 0, summary.graph);
      const start = parseInstant(summary.value(`${NS.dt}windowStart`)!);
      const end = parseInstant(summary.value(`${NS.dt}windowEnd`)!);
      assert.ok(start < end, `${summary.graph} window starts before it ends`);
      assert.ok(end <= parseInstant(summary.value(`${NS.dcterms}created`)!), `${summary.graph} created after its window`);
    }
  });

  it('units are sensible and a few have anomalies', () => {
    const units = new Set(summaries.map((summary) => summary.value(`${NS.dt}unitOfMeasure`)!.slice(NS.unit.length)));
    assert.deepEqual([...units].sort(), ['A', 'DEG_C', 'MilliM', 'PERCENT', 'V']);
    const anomalous = summaries.filter((summary) => number(summary, `${NS.dt}anomalyCount`) > 0);
    assert.equal(anomalous.length, 5);
  });

  it('trends have 28 six-hour means within the range', () => {
    for (const summary of summaries) {
      const trend = parseTrend(summary.value(`${NS.dt}trend`)!);
      const flown = trend.filter((value): value is number => value !== null);
      const start = parseInstant(summary.value(`${NS.dt}windowStart`)!);
      const end = parseInstant(summary.value(`${NS.dt}windowEnd`)!);
      assert.equal(trend.length, 28, summary.graph);
      assert.equal(intervalStart(start, end, trend.length, 1) - start, 6 * HOUR_MS, summary.graph);
      assert.ok(flown.length > 0, `${summary.graph} has an interval with samples`);
      assert.ok(flown.length < trend.length, `${summary.graph} has an idle interval`);
      assert.equal(trend[0], null, `${summary.graph}: no flights from 00:00 to 06:00 on the first day`);
      for (const value of flown) {
        assert.ok(value >= number(summary, `${NS.dt}minimum`), `${summary.graph}: ${value} >= minimum`);
        assert.ok(value <= number(summary, `${NS.dt}maximum`), `${summary.graph}: ${value} <= maximum`);
      }
    }
  });

  it('trends centre on the mean', () => {
    for (const summary of summaries) {
      const flown = parseTrend(summary.value(`${NS.dt}trend`)!).filter((value): value is number => value !== null).sort((a, b) => a - b);
      const mean = number(summary, `${NS.dt}mean`);
      const deviation = number(summary, `${NS.dt}standardDeviation`);
      // The flight-time-weighted mean of the intervals is the summary's mean, up to rounding.
      assert.ok(flown[0]! <= mean + deviation / 10, `${summary.graph}: lowest interval mean ${flown[0]} at most ${mean}`);
      assert.ok(flown.at(-1)! >= mean - deviation / 10, `${summary.graph}: highest interval mean ${flown.at(-1)} at least ${mean}`);
      if (number(summary, `${NS.dt}anomalyCount`) === 0) {
        const median = flown[Math.floor(flown.length / 2)]!;
        assert.ok(Math.abs(median - mean) <= deviation, `${summary.graph}: median interval mean ${median} within σ ${deviation} of ${mean}`);
      }
    }
  });

  it('anomaly times fall in intervals with samples', () => {
    for (const summary of summaries) {
      const times = summary.values(`${NS.dt}anomalyTime`).map((term) => parseInstant(term.value));
      const trend = parseTrend(summary.value(`${NS.dt}trend`)!);
      const start = parseInstant(summary.value(`${NS.dt}windowStart`)!);
      const end = parseInstant(summary.value(`${NS.dt}windowEnd`)!);
      assert.equal(times.length, number(summary, `${NS.dt}anomalyCount`), `${summary.graph} one time per anomaly`);
      for (const time of times) {
        assert.ok(time >= start, `${summary.graph}: ${new Date(time).toISOString()} at or after the window start`);
        assert.ok(time < end, `${summary.graph}: ${new Date(time).toISOString()} before the window end`);
        const interval = Math.floor(((time - start) / (end - start)) * trend.length);
        assert.notEqual(trend[interval], null, `${summary.graph}: interval ${interval} of an anomaly has samples`);
      }
    }
  });

  it('intervals with an anomaly are raised', () => {
    for (const summary of summaries.filter((candidate) => candidate.values(`${NS.dt}anomalyTime`).length > 0)) {
      const trend = parseTrend(summary.value(`${NS.dt}trend`)!);
      const start = parseInstant(summary.value(`${NS.dt}windowStart`)!);
      const end = parseInstant(summary.value(`${NS.dt}windowEnd`)!);
      const raised = new Set(summary.values(`${NS.dt}anomalyTime`).map((term) => Math.floor(((parseInstant(term.value) - start) / (end - start)) * trend.length)));
      const others = trend.filter((value, interval): value is number => value !== null && !raised.has(interval));
      if (others.length === 0) {
        continue;
      }
      for (const interval of raised) {
        assert.ok(trend[interval]! > Math.max(...others), `${summary.graph}: interval ${interval} (${trend[interval]}) above the intervals without anomalies`);
      }
    }
  });

  it('summaries report on serialized units', () => {
    for (const summary of summaries) {
      const asset = index.get(summary.value(`${NS.dt}asset`)!);
      assert.ok(asset.values(RDF_TYPE).some((type) => type.value === `${NS.oslc_plm}Part`));
      assert.match(summary.value(`${NS.dt}serialNumber`)!, /^[A-Z]{3}\d{5}$/);
    }
  });
});

describe('certification artifacts', () => {
  const artifacts = index.ofType('CertificationArtifact');

  it('are mostly DO-178C with some DO-254', () => {
    const standards = artifacts.map((artifact) => artifact.value(`${NS.dt}standard`));
    const do178c = standards.filter((standard) => standard === `${NS.dt}DO178C`).length;
    const do254 = standards.filter((standard) => standard === `${NS.dt}DO254`).length;
    assert.ok(do178c > artifacts.length / 2, `${do178c} DO-178C artifacts`);
    assert.ok(do254 >= 10, `${do254} DO-254 artifacts`);
  });

  it('have distinct SHA-256 digests', () => {
    const digests = artifacts.map((artifact) => artifact.value(`${NS.dt}sha256`)!);
    for (const digest of digests) {
      assert.match(digest, /^[0-9a-f]{64}$/);
    }
    assert.equal(new Set(digests).size, digests.length);
  });

  it('artifacts claim objectives of their own standard only', () => {
    const namespaces: Record<string, string> = {
      [`${NS.dt}DO178C`]: 'https://w3id.org/digital-thread/objectives/do-178c#',
      [`${NS.dt}DO254`]: 'https://w3id.org/digital-thread/objectives/do-254#',
    };
    for (const artifact of artifacts) {
      const namespace = namespaces[artifact.value(`${NS.dt}standard`)!]!;
      for (const objective of artifact.values(`${NS.dt}satisfiesObjective`)) {
        assert.ok(objective.value.startsWith(namespace), `${artifact.graph} -> ${objective.value}`);
      }
    }
  });

  it('every artifact has an item and a review', () => {
    for (const artifact of artifacts) {
      assert.equal(index.get(artifact.value(`${NS.dt}item`)!).type, 'Part', artifact.graph);
      const reviews = artifact.values(`${NS.dt}reviewedBy`).map((review) => index.get(review.value));
      assert.equal(reviews.length, 1, artifact.graph);
      assert.equal(reviews[0]!.value(`${NS.dt}reviewOf`), artifact.graph);
    }
  });

  it('planted review gaps: one dependent and one stale', () => {
    const reviews = index.ofType('Review');
    const stale = reviews.filter((review) => index.get(review.value(`${NS.dt}reviewOf`)!).value(`${NS.dt}version`) !== review.value(`${NS.dt}reviewedVersion`));
    assert.deepEqual(stale.map((review) => index.get(review.value(`${NS.dt}reviewOf`)!).value(`${NS.dcterms}title`)), [
      'OFP Software Design Description (architecture and low-level requirements)',
    ]);
    const dependentRecords = reviews.filter((review) => review.value(`${NS.dt}independent`) === 'false' && index.get(review.value(`${NS.dt}reviewOf`)!).value(`${NS.dt}artifactKind`) === `${NS.dt}ReviewRecord`);
    assert.deepEqual(dependentRecords.map((review) => index.get(review.value(`${NS.dt}reviewOf`)!).value(`${NS.dcterms}title`)), [
      'Boot loader Partitioning integrity analysis',
    ]);
  });

  it('some artifacts cover requirements', () => {
    const covering = artifacts.filter((artifact) =>
      artifact.values(`${NS.dt}covers`).some((term) => index.get(term.value).type === 'Requirement'),
    );
    assert.ok(covering.length >= 10, `${covering.length} artifacts cover requirements`);
  });
});

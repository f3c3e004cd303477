import type { EvidenceIndex } from './EvidenceIndex.js';
import type { TraceabilityReport } from './TraceabilityReport.js';

/**
 * Collects every resource a report mentions, sorted: requirements and their chains with the latest
 * runs, items, artifacts and their approving reviews, and the subjects of gaps. A compliance package
 * contains the RDF of these resources, and a report inherits their highest export-control marking.
 */
export function involvedResources(report: Pick<TraceabilityReport, 'requirements' | 'items' | 'artifacts' | 'gaps'>): string[] {
  const iris = new Set<string>();
  for (const row of report.requirements) {
    iris.add(row.iri);
    for (const ref of [...row.items, ...row.design, ...row.code, ...row.parts, ...row.testCases]) {
      iris.add(ref.iri);
    }
    for (const testCase of row.testCases) {
      if (testCase.latest !== undefined) {
        iris.add(testCase.latest.iri);
      }
    }
  }
  for (const item of report.items) {
    iris.add(item.iri);
  }
  for (const artifact of report.artifacts) {
    iris.add(artifact.iri);
    for (const review of artifact.reviews) {
      iris.add(review);
    }
  }
  for (const gap of report.gaps) {
    iris.add(gap.subject.iri);
  }
  return [...iris].sort();
}

/**
 * Collects every resource the analysis read to build `report` from `index`: the resources the report
 * mentions, and every run of its test cases and every review of its artifacts. Older runs and
 * reviews that did not approve count as well, because a withheld one makes the analysis mark a
 * verdict as withheld.
 */
export function analysedResources(report: Pick<TraceabilityReport, 'requirements' | 'items' | 'artifacts' | 'gaps'>, index: EvidenceIndex): string[] {
  const iris = new Set(involvedResources(report));
  for (const iri of [...iris]) {
    for (const run of index.resultsByTestCase.get(iri) ?? []) {
      iris.add(run.iri);
    }
    for (const review of index.reviewsByArtifact.get(iri) ?? []) {
      iris.add(review);
    }
  }
  return [...iris].sort();
}

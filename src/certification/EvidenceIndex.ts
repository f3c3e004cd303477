import { DT } from '../rdf/namespaces.js';
import { levelOfIri, standardOfIri, type AssuranceLevel, type StandardKey } from './Certification.js';
import {
  LINK_PROPERTIES,
  type ArtifactRecord,
  type EvidenceSnapshot,
  type Link,
  type RequirementRecord,
  type ResourceRef,
  type ReviewRecord,
  type TestCaseRecord,
  type TestResultRecord,
} from './EvidenceSnapshot.js';
import type { ReportScope } from './ReportScope.js';

/** Review outcomes that approve the artifact. */
const APPROVING = new Set([DT('Approved'), DT('ApprovedWithActions')]);

/**
 * The snapshot as one viewer sees it at one baseline, indexed for the analysis. Resources the scope
 * hides are dropped first, with every link to or from them, so nothing downstream can show them.
 * With a baseline, resources created after it and test runs that ended after it are dropped too.
 */
export class EvidenceIndex {
  readonly requirements = new Map<string, RequirementRecord>();
  readonly testCases = new Map<string, TestCaseRecord>();
  readonly artifacts = new Map<string, ArtifactRecord>();
  readonly parts = new Map<string, ResourceRef>();
  readonly resultsByTestCase = new Map<string, TestResultRecord[]>();
  readonly approvalsByArtifact = new Map<string, ReviewRecord[]>();
  /** Requirement → its parent (oslc_rm:decomposes); children → the reverse. */
  readonly parents = new Map<string, string[]>();
  readonly children = new Map<string, string[]>();
  readonly satisfiedBy = new Map<string, string[]>();
  /** Requirement ↔ test case, from either side's link. */
  readonly testCasesOf = new Map<string, Set<string>>();
  readonly requirementsOf = new Map<string, Set<string>>();
  /** Artifacts that cover a requirement or part; objectives an artifact satisfies. */
  readonly coveringArtifacts = new Map<string, string[]>();
  readonly objectivesOf = new Map<string, string[]>();

  constructor(snapshot: EvidenceSnapshot, scope: ReportScope, baseline?: string) {
    const baselineTime = baseline === undefined ? Infinity : Date.parse(baseline);
    const keep = (resource: { iri: string; created: string }): boolean => scope.visible(resource.iri) && Date.parse(resource.created) <= baselineTime;

    for (const requirement of snapshot.requirements.filter(keep)) {
      this.requirements.set(requirement.iri, requirement);
    }
    for (const testCase of snapshot.testCases.filter(keep)) {
      this.testCases.set(testCase.iri, testCase);
    }
    for (const artifact of snapshot.artifacts.filter(keep)) {
      this.artifacts.set(artifact.iri, artifact);
    }
    for (const part of snapshot.parts.filter((candidate) => scope.visible(candidate.iri))) {
      this.parts.set(part.iri, part);
    }
    for (const result of snapshot.testResults) {
      const at = Date.parse(result.ended ?? result.created);
      if (keep(result) && at <= baselineTime && this.testCases.has(result.testCase)) {
        append(this.resultsByTestCase, result.testCase, result);
      }
    }
    for (const review of snapshot.reviews) {
      if (keep(review) && Date.parse(review.completed) <= baselineTime && APPROVING.has(review.outcomeIri) && this.artifacts.has(review.artifact)) {
        append(this.approvalsByArtifact, review.artifact, review);
      }
    }

    const links = (property: string): Link[] => (snapshot.links.get(property) ?? []).filter(([subject, object]) => scope.visible(subject) && scope.visible(object));
    for (const [child, parent] of links(LINK_PROPERTIES.decomposes)) {
      if (this.requirements.has(child) && this.requirements.has(parent)) {
        append(this.parents, child, parent);
        append(this.children, parent, child);
      }
    }
    for (const [requirement, target] of links(LINK_PROPERTIES.satisfiedBy)) {
      if (this.requirements.has(requirement) && this.parts.has(target)) {
        append(this.satisfiedBy, requirement, target);
      }
    }
    const pairTest = (requirement: string, testCase: string): void => {
      if (this.requirements.has(requirement) && this.testCases.has(testCase)) {
        addTo(this.testCasesOf, requirement, testCase);
        addTo(this.requirementsOf, testCase, requirement);
      }
    };
    for (const [requirement, testCase] of links(LINK_PROPERTIES.validatedBy)) {
      pairTest(requirement, testCase);
    }
    for (const [testCase, requirement] of links(LINK_PROPERTIES.validatesRequirement)) {
      pairTest(requirement, testCase);
    }
    for (const [artifact, target] of links(LINK_PROPERTIES.covers)) {
      if (this.artifacts.has(artifact)) {
        append(this.coveringArtifacts, target, artifact);
      }
    }
    for (const [artifact, objective] of links(LINK_PROPERTIES.satisfiesObjective)) {
      if (this.artifacts.has(artifact)) {
        append(this.objectivesOf, artifact, objective);
      }
    }
  }

  standardOf(artifact: ArtifactRecord): StandardKey | undefined {
    return standardOfIri(artifact.standardIri);
  }

  levelOf(artifact: ArtifactRecord): AssuranceLevel | undefined {
    return levelOfIri(artifact.levelIri);
  }
}

function append<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) {
    map.set(key, [value]);
  } else {
    list.push(value);
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set === undefined) {
    map.set(key, new Set([value]));
  } else {
    set.add(value);
  }
}

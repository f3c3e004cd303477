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
import { WithheldLinks } from './WithheldLinks.js';

/** Review outcomes that approve the artifact. */
const APPROVING = new Set([DT('Approved'), DT('ApprovedWithActions')]);

/**
 * The snapshot as one viewer sees it at one baseline, indexed for the analysis. Resources the scope
 * hides are dropped first, with every link between shown resources that passes through them, so
 * nothing downstream can show them. A link from a shown resource to a hidden one is kept in
 * `withheld` as present but withheld, without what the hidden resource states. With a baseline,
 * resources created after it and test runs that ended after it are dropped too.
 */
export class EvidenceIndex {
  readonly providerIri: string;
  readonly requirements = new Map<string, RequirementRecord>();
  readonly testCases = new Map<string, TestCaseRecord>();
  readonly artifacts = new Map<string, ArtifactRecord>();
  readonly parts = new Map<string, ResourceRef>();
  readonly resultsByTestCase = new Map<string, TestResultRecord[]>();
  readonly approvalsByArtifact = new Map<string, ReviewRecord[]>();
  /** Artifact → IRIs of its shown reviews, whatever the outcome. */
  readonly reviewsByArtifact = new Map<string, string[]>();
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
  /** Links from shown resources to resources that existed at the baseline but that the scope hides. */
  readonly withheld = new WithheldLinks();
  /** Number of the provider's resources that existed at the baseline but that the scope hides. */
  readonly withheldCount: number;
  /** Latest creation, modification, run or review time among the shown resources, in milliseconds; -Infinity when none. */
  readonly latestTime: number;

  constructor(snapshot: EvidenceSnapshot, scope: ReportScope, baseline?: string) {
    this.providerIri = snapshot.providerIri;
    const baselineTime = baseline === undefined ? Infinity : Date.parse(baseline);
    const hidden = new Set<string>();
    let latest = -Infinity;
    const note = (time: string): void => {
      latest = Math.max(latest, Date.parse(time));
    };
    /** Returns whether the resource is shown; notes it as hidden when it existed but the scope hides it. */
    const admit = (resource: { iri: string }, at: string): boolean => {
      if (Date.parse(at) > baselineTime) {
        return false;
      }
      if (!scope.visible(resource.iri)) {
        hidden.add(resource.iri);
        return false;
      }
      note(at);
      return true;
    };

    // Headings of imported documents are no requirements to verify: they get no matrix row, their
    // links are not followed, and a withheld heading is not counted as withheld.
    // NOTE: so a test case that verifies only a heading is reported as verifying no requirement, and a
    // heading placed below a requirement cuts the decomposition there.
    for (const requirement of snapshot.requirements.filter((record) => record.heading !== true && admit(record, record.created))) {
      this.requirements.set(requirement.iri, requirement);
    }
    for (const testCase of snapshot.testCases.filter((record) => admit(record, record.created))) {
      this.testCases.set(testCase.iri, testCase);
    }
    for (const artifact of snapshot.artifacts.filter((record) => admit(record, record.created))) {
      this.artifacts.set(artifact.iri, artifact);
      note(artifact.modified);
    }
    for (const part of snapshot.parts) {
      if (scope.visible(part.iri)) {
        this.parts.set(part.iri, part);
      } else {
        hidden.add(part.iri);
      }
    }
    for (const result of snapshot.testResults) {
      if (Date.parse(result.created) > baselineTime || !this.testCases.has(result.testCase)) {
        continue;
      }
      if (admit(result, result.ended ?? result.created)) {
        append(this.resultsByTestCase, result.testCase, result);
      } else if (hidden.has(result.iri)) {
        this.withheld.add(result.testCase, 'run', result.iri);
      }
    }
    for (const review of snapshot.reviews) {
      if (Date.parse(review.created) > baselineTime || !this.artifacts.has(review.artifact)) {
        continue;
      }
      if (admit(review, review.completed)) {
        append(this.reviewsByArtifact, review.artifact, review.iri);
        if (APPROVING.has(review.outcomeIri)) {
          append(this.approvalsByArtifact, review.artifact, review);
        }
      } else if (hidden.has(review.iri)) {
        this.withheld.add(review.artifact, 'review', review.iri);
      }
    }
    this.withheldCount = hidden.size;
    this.latestTime = latest;
    this.indexLinks(snapshot, scope, hidden);
  }

  private indexLinks(snapshot: EvidenceSnapshot, scope: ReportScope, hidden: ReadonlySet<string>): void {
    const links = (property: string): readonly Link[] => snapshot.links.get(property) ?? [];
    for (const [child, parent] of links(LINK_PROPERTIES.decomposes)) {
      if (this.requirements.has(child) && this.requirements.has(parent)) {
        append(this.parents, child, parent);
        append(this.children, parent, child);
      } else if (hidden.has(child) && this.requirements.has(parent)) {
        this.withheld.add(parent, 'child', child);
      }
    }
    for (const [requirement, target] of links(LINK_PROPERTIES.satisfiedBy)) {
      if (this.requirements.has(requirement) && this.parts.has(target)) {
        append(this.satisfiedBy, requirement, target);
      } else if (this.requirements.has(requirement) && hidden.has(target)) {
        this.withheld.add(requirement, 'part', target);
      }
    }
    const pairTest = (requirement: string, testCase: string): void => {
      if (this.requirements.has(requirement) && this.testCases.has(testCase)) {
        addTo(this.testCasesOf, requirement, testCase);
        addTo(this.requirementsOf, testCase, requirement);
      } else if (this.requirements.has(requirement) && hidden.has(testCase)) {
        this.withheld.add(requirement, 'testCase', testCase);
      } else if (this.testCases.has(testCase) && hidden.has(requirement)) {
        this.withheld.add(testCase, 'requirement', requirement);
      }
    };
    for (const [requirement, testCase] of links(LINK_PROPERTIES.validatedBy)) {
      pairTest(requirement, testCase);
    }
    for (const [testCase, requirement] of links(LINK_PROPERTIES.validatesRequirement)) {
      pairTest(requirement, testCase);
    }
    for (const [artifact, target] of links(LINK_PROPERTIES.covers)) {
      if (this.artifacts.has(artifact) && scope.visible(target)) {
        append(this.coveringArtifacts, target, artifact);
      } else if (hidden.has(artifact) && this.requirements.has(target)) {
        this.withheld.add(target, 'coveringArtifact', artifact);
      }
    }
    const hiddenArtifacts = new Map(snapshot.artifacts.filter((artifact) => hidden.has(artifact.iri)).map((artifact) => [artifact.iri, artifact]));
    for (const [artifact, objective] of links(LINK_PROPERTIES.satisfiesObjective)) {
      if (!scope.visible(objective)) {
        continue;
      }
      if (this.artifacts.has(artifact)) {
        append(this.objectivesOf, artifact, objective);
        continue;
      }
      const item = hiddenArtifacts.get(artifact)?.item;
      if (item !== undefined && this.parts.has(item)) {
        this.withheld.add(`${item} ${objective}`, 'evidence', artifact);
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

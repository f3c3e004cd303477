import type { AssuranceLevel, StandardKey } from './Certification.js';
import type { ResourceRef } from './EvidenceSnapshot.js';
import type { Clearance, ExportMarking } from './ExportClearance.js';
import type { Objective } from './ObjectiveCatalogue.js';

export type { ResourceRef } from './EvidenceSnapshot.js';

/** The filters of one analysis; absent fields do not filter. */
export interface AnalysisFilter {
  standard?: StandardKey;
  level?: AssuranceLevel;
  /** ISO 8601 instant: resources created and test runs ended after it are left out. */
  baseline?: string;
  /** Export-control clearance of the reader: resources marked above it are left out, as the scope leaves them out. */
  clearance?: Clearance;
}

/** The latest run of a test case. */
export interface TestRun extends ResourceRef {
  verdict: string;
  /** When the run ended, or when its record was created for runs that never ended. */
  at: string;
}

export interface TestCaseTrace extends ResourceRef {
  /** The latest of the runs the viewer may see. */
  latest?: TestRun;
  runCount: number;
  /** Runs of the test case that the scope withholds; with any, its result is not judged. */
  withheldRuns: number;
}

/**
 * Extent of a requirement's chain, from worst to best:
 * - untested: no test case, shown or withheld;
 * - failing: a latest run did not pass;
 * - unexecuted: a test case never ran;
 * - withheld: the chain leads to withheld resources that could change the status;
 * - partial: tests pass but no design, code or part implements it;
 * - complete.
 */
export type CoverageStatus = 'untested' | 'failing' | 'unexecuted' | 'withheld' | 'partial' | 'complete';

/** One row of the traceability matrix: a requirement and its chain down to test results. */
export interface RequirementTrace extends ResourceRef {
  level?: AssuranceLevel;
  standards: StandardKey[];
  parent?: ResourceRef;
  items: ResourceRef[];
  /** Design descriptions that cover the requirement or a requirement decomposing it. */
  design: ResourceRef[];
  /** Source code artifacts that cover the requirement or a requirement decomposing it. */
  code: ResourceRef[];
  /** Parts that satisfy the requirement (the hardware chain of DO-254). */
  parts: ResourceRef[];
  testCases: TestCaseTrace[];
  /** Links from the chain to resources the scope withholds: test cases, runs, covering artifacts, parts, decomposing requirements. */
  withheld: number;
  status: CoverageStatus;
}

/** A software or hardware item: the part whose life cycle data the artifacts are, under one standard. */
export interface ItemSummary extends ResourceRef {
  standard: StandardKey;
  level: AssuranceLevel;
}

/** Artifact facts a compliance package lists. */
export interface ArtifactSummary extends ResourceRef {
  kind: string;
  standard: StandardKey | undefined;
  version: string;
  sha256?: string;
  item?: string;
  /** IRIs of the approving reviews of the artifact. */
  reviews: string[];
}

/**
 * Status of an objective for an item. stale-evidence: every artifact that satisfies it changed after
 * its approving review. withheld: the judgement rests on artifacts or reviews the scope withholds.
 */
export type ObjectiveStatus = 'satisfied' | 'without-evidence' | 'stale-evidence' | 'without-independent-review' | 'withheld';

/** One row of the objective compliance summary: an objective that applies to an item at its level. */
export interface ObjectiveCompliance {
  item: ItemSummary;
  objective: Objective;
  independenceRequired: boolean;
  evidence: ResourceRef[];
  /** Evidence artifacts whose current content has an approving review by an independent reviewer. */
  independentlyReviewed: ResourceRef[];
  /** Evidence artifacts, and reviews of the evidence, that the scope withholds. */
  withheld: number;
  status: ObjectiveStatus;
}

export const GAP_KINDS = [
  'RequirementWithoutTest',
  'TestWithoutRequirement',
  'MissingResult',
  'FailingResult',
  'ObjectiveWithoutEvidence',
  'ObjectiveWithoutIndependentReview',
  'StaleEvidence',
] as const;

export type GapKind = (typeof GAP_KINDS)[number];

/** Labels of the gap kinds, as vocab/certification.ttl gives them. */
export const GAP_LABELS: Record<GapKind, string> = {
  RequirementWithoutTest: 'Requirement without test',
  TestWithoutRequirement: 'Test without requirement',
  MissingResult: 'Missing result',
  FailingResult: 'Failing result',
  ObjectiveWithoutEvidence: 'Objective without evidence',
  ObjectiveWithoutIndependentReview: 'Objective without independent review',
  StaleEvidence: 'Stale evidence',
};

export interface Gap {
  kind: GapKind;
  /** The requirement, test case or artifact concerned; for objective gaps, the item. */
  subject: ResourceRef;
  item?: ResourceRef;
  objective?: Pick<Objective, 'iri' | 'identifier' | 'title'>;
  description: string;
}

/** The result of one traceability analysis of one service provider. */
export interface TraceabilityReport {
  providerIri: string;
  filter: AnalysisFilter;
  requirements: RequirementTrace[];
  items: ItemSummary[];
  objectives: ObjectiveCompliance[];
  artifacts: ArtifactSummary[];
  gaps: Gap[];
  /**
   * Counts of the resources that the scope (the export-control clearance or the reader's access)
   * withheld, and of the items among them: resources that the same analysis without the scope would
   * read, every run of its test cases and every review of its artifacts included. Only counts, never
   * identifiers. With any, the report is incomplete.
   */
  withheld: { resources: number; items: number };
  /**
   * Latest creation, modification, run or review time among the resources shown; absent when none is
   * shown. NOTE: artifacts are read in their current version even with a baseline, so this time can
   * be later than the baseline.
   */
  dataAsOf?: string;
  /** Highest export-control marking among the resources shown, which the report inherits; absent when none is marked. */
  exportControl?: ExportMarking;
  counts: {
    requirements: number;
    /** Requirements whose status is complete. */
    traced: number;
    /** Test cases in the matrix, and test cases outside it whose results the gap list judges. */
    testCases: number;
    objectives: number;
    /** Objectives whose status is satisfied. */
    satisfiedObjectives: number;
    gaps: number;
    byKind: Record<GapKind, number>;
  };
}

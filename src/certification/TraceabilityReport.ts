import type { AssuranceLevel, StandardKey } from './Certification.js';
import type { ResourceRef } from './EvidenceSnapshot.js';
import type { Clearance } from './ExportClearance.js';
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
  latest?: TestRun;
  runCount: number;
}

/**
 * How far a requirement's chain reaches. Ordered from worst to best: untested (no test case), failing
 * (a latest run did not pass), unexecuted (a test case never ran), partial (tests pass but no design,
 * code or part implements it), complete.
 */
export type CoverageStatus = 'untested' | 'failing' | 'unexecuted' | 'partial' | 'complete';

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

export type ObjectiveStatus = 'satisfied' | 'without-evidence' | 'without-independent-review';

/** One row of the objective compliance summary: an objective that applies to an item at its level. */
export interface ObjectiveCompliance {
  item: ItemSummary;
  objective: Objective;
  independenceRequired: boolean;
  evidence: ResourceRef[];
  /** Evidence artifacts with an approving review by an independent reviewer. */
  independentlyReviewed: ResourceRef[];
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
  counts: {
    requirements: number;
    /** Requirements whose status is complete. */
    traced: number;
    testCases: number;
    objectives: number;
    gaps: number;
    byKind: Record<GapKind, number>;
  };
}

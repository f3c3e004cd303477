import type { ItemMarking } from '../ExportControl.js';

/**
 * The hand-written description of one programme (one OSLC service provider) from which the generator
 * builds resources: the part designs and their bills of materials, requirements, quality history,
 * telemetry and certification evidence. Everything that varies with the seed (dates, revisions,
 * serial numbers, statistics) is left to the generator.
 */
export interface ProgrammeDefinition {
  /** Service provider identifier and IRI segment, for example `fcc`. */
  key: string;
  title: string;
  description: string;
  /** Family digit of in-house part numbers: AQ{code}{variant}-{drawing}. */
  partNumberCode: string;
  /** First day of the programme; no resource is created before it. */
  start: string;
  /** Design key of the level-0 assembly. */
  topAssembly: string;
  designs: PartDesign[];
  manufacturingBom: ManufacturingBom;
  requirements: RequirementSpec[];
  verification: VerificationPlan;
  nonConformances: NonConformanceSpec[];
  telemetry: TelemetryPlan;
  assuranceItems: AssuranceItem[];
  /** Known evidence gaps that the generator plants in every variant, so the gap analysis has something to find. */
  evidenceGaps?: EvidenceGapPlan;
}

export type PartKind = 'assembly' | 'mechanical' | 'electronic' | 'software' | 'bulk';

/**
 * One design in the catalogue. In-house designs have a `drawing` number and get one part number per
 * variant of the programme. Standard and purchased parts have a fixed `partNumber` and are generated
 * once per programme, because every variant buys the same item.
 */
export interface PartDesign {
  key: string;
  title: string;
  kind: PartKind;
  drawing?: string;
  partNumber?: string;
  description?: string;
  /** Material specification; given for mechanical parts. */
  material?: string;
  /** Mass in kg of one unit, or of one metre or kilogram for bulk material; assemblies sum their EBOM. */
  mass?: number;
  /** Whether the assembly's BOM lines carry reference designators (circuit card assemblies, electronic units). */
  electrical?: boolean;
  /** Letter class of reference designators (R, C, U, J, A) when the part is placed on an electrical assembly. */
  referenceClass?: string;
  marking?: ItemMarking;
  /** Prefix of the serial numbers of fielded or tested units, for example FCC for FCC00017. */
  serialPrefix?: string;
  /** Lifecycle states of the revisions, oldest first; the generator picks a history when absent. */
  history?: LifecycleState[];
  children?: Usage[];
}

export type LifecycleState = 'InWork' | 'UnderReview' | 'Released' | 'Obsolete';

export type QuantityUnit = 'NUM' | 'M' | 'KiloGM';

/** One line of an assembly's bill of materials. */
export interface Usage {
  part: string;
  quantity: number;
  unit?: QuantityUnit;
  effectivity?: EffectivitySpec[];
}

/**
 * A range under which a BOM line applies: calendar dates (ISO dates), or serial numbers of the
 * programme's top assembly (as unit counts, formatted with its serial prefix).
 */
export type EffectivitySpec =
  | { valueType: 'Date'; from?: string; to?: string }
  | { valueType: 'SerialNumber'; from?: number; to?: number };

export interface ManufacturingBom {
  assembly: string;
  lines: Usage[];
}

export type RequirementLevel = 'system' | 'high' | 'low';

export type AssuranceLevel = 'A' | 'B' | 'C';

export interface RequirementSpec {
  key: string;
  level: RequirementLevel;
  title: string;
  statement: string;
  /** Key of the requirement this one decomposes. */
  parent?: string;
  assurance?: AssuranceLevel;
  /** Design keys of the parts that implement the requirement. */
  satisfiedBy?: string[];
  /** Key of the assurance item (software or hardware item) whose life cycle data covers the requirement. */
  item?: string;
}

export interface VerificationPlan {
  /** Number of requirements without any test case. */
  untestedRequirements: number;
  /** Number of test cases that have not been run yet. */
  testCasesWithoutResults: number;
  /** Number of test cases whose latest run failed. */
  failingTestCases: number;
  /** End-to-end test cases that each verify several system requirements. */
  integrationTests: Array<{ title: string; description: string; requirements: string[]; parts: string[] }>;
}

export type NonConformanceStatus = 'Open' | 'Under Review' | 'Dispositioned' | 'Closed';

export type Severity = 'Minor' | 'Major' | 'Critical';

export type Disposition = 'UseAsIs' | 'Rework' | 'Repair' | 'Scrap' | 'ReturnToSupplier';

export interface NonConformanceSpec {
  title: string;
  description: string;
  status: NonConformanceStatus;
  severity: Severity;
  defectCode: string;
  /** Design keys of the affected parts. */
  parts: string[];
  /** Set when the review board has decided; required for Dispositioned and Closed reports. */
  disposition?: Disposition;
  /** Keys of requirements the non-conformance affects. */
  requirements?: string[];
  /** Number of affected units: serialized units get serial numbers, piece parts a lot number. */
  quantity: [number, number];
}

export interface TelemetryParameter {
  name: string;
  unit: string;
  mean: [number, number];
  standardDeviation: [number, number];
  /** Physical bounds that no statistic may pass, such as 0 and 100 for a percentage. */
  bounds: [number, number];
  sampleRateHz: number;
  fractionDigits: number;
}

export interface TelemetryPlan {
  /** Design keys of the fielded assets and how many serial numbers of each are monitored. */
  assets: Array<{ part: string; units: number }>;
  parameters: TelemetryParameter[];
  /** Number of summaries with anomalies flagged. */
  anomalies: number;
}

export type CertificationStandard = 'DO178C' | 'DO254';

export type ArtifactKind =
  | 'Plan'
  | 'DevelopmentStandard'
  | 'RequirementsData'
  | 'DesignDescription'
  | 'SourceCode'
  | 'TestProcedure'
  | 'TestReport'
  | 'ReviewRecord'
  | 'ConfigurationIndex'
  | 'AccomplishmentSummary';

/** Target of a certification artifact's dt:covers links: nothing, the item's part, or the item's requirements of a level. */
export type CoverageTarget = 'none' | 'item-part' | 'high-level' | 'low-level' | 'all-requirements';

export interface ArtifactTemplate {
  kind: ArtifactKind;
  title: string;
  /** Objectives of the item's standard: DO-178C Annex A or DO-254 (6.2-1), from vocab/. */
  objectives: string[];
  covers: CoverageTarget;
  /** Project phase, 0 (planning) to 1 (certification), that places the artifact on the timeline. */
  phase: number;
}

/** A software or hardware item under DO-178C or DO-254, with the life cycle data submitted for it. */
export interface AssuranceItem {
  key: string;
  /** Short name used in artifact titles, for example OFP. */
  name: string;
  standard: CertificationStandard;
  level: AssuranceLevel;
  /** Design key of the part the item is built into. */
  part: string;
  marking?: ItemMarking;
  artifacts: ArtifactTemplate[];
}

/** One artifact of one assurance item, named by the item key and the template title. */
export interface ArtifactSelector {
  item: string;
  artifact: string;
}

/** Evidence gaps planted on purpose; each names the artifact whose review is made deficient. */
export interface EvidenceGapPlan {
  /** The artifact's only review is by its authors' team, so objectives that need independence lack it. */
  reviewWithoutIndependence?: ArtifactSelector;
  /** The artifact got a new version after its review, so the approval no longer applies. */
  changedAfterReview?: ArtifactSelector;
}

import type { ArtifactTemplate, AssuranceLevel } from './ProgrammeDefinition.js';

/**
 * Templates of the certification life cycle data that DO-178C and DO-254 items submit. Objective
 * identifiers are those of vocab/do-178c-objectives.ttl and vocab/do-254-objectives.ttl
 * (6.2-1). A complete data set satisfies every objective that applies at the item's level, so the
 * sample's only objective gaps are those planted through ProgrammeDefinition.evidenceGaps.
 */

function range(table: number, first: number, last: number): string[] {
  const objectives: string[] = [];
  for (let i = first; i <= last; i++) {
    objectives.push(`A-${table}.${i}`);
  }
  return objectives;
}

/** Structural coverage objectives by software level: MC/DC from level A, decision coverage from level B. */
function coverageObjectives(level: AssuranceLevel): string[] {
  switch (level) {
    case 'A':
      return range(7, 5, 9);
    case 'B':
      return range(7, 6, 8);
    case 'C':
      return range(7, 7, 8);
  }
}

const PSAC: ArtifactTemplate = {
  kind: 'Plan',
  title: 'Plan for Software Aspects of Certification (PSAC)',
  objectives: [...range(1, 1, 4), 'A-1.6', 'A-1.7', 'A-10.1', 'A-10.2'],
  covers: 'item-part',
  phase: 0,
};

const SOFTWARE_PLANS: ArtifactTemplate[] = [
  { kind: 'Plan', title: 'Software Development Plan (SDP)', objectives: range(1, 1, 3), covers: 'none', phase: 0.02 },
  { kind: 'Plan', title: 'Software Verification Plan (SVP)', objectives: ['A-1.1', 'A-1.2', 'A-1.4'], covers: 'none', phase: 0.03 },
  { kind: 'Plan', title: 'Software Configuration Management Plan (SCMP)', objectives: ['A-1.1', 'A-1.2'], covers: 'none', phase: 0.03 },
  { kind: 'Plan', title: 'Software Quality Assurance Plan (SQAP)', objectives: ['A-1.1', 'A-1.7'], covers: 'none', phase: 0.04 },
  { kind: 'DevelopmentStandard', title: 'Software Requirements Standard', objectives: ['A-1.5'], covers: 'none', phase: 0.05 },
  { kind: 'DevelopmentStandard', title: 'Software Design Standard', objectives: ['A-1.5'], covers: 'none', phase: 0.05 },
  { kind: 'DevelopmentStandard', title: 'Software Code Standard', objectives: ['A-1.5'], covers: 'none', phase: 0.06 },
];

const REQUIREMENTS_DATA: ArtifactTemplate = {
  kind: 'RequirementsData',
  title: 'Software Requirements Data (high-level requirements)',
  objectives: ['A-2.1', 'A-2.2'],
  covers: 'high-level',
  phase: 0.2,
};

const DESIGN_DESCRIPTION: ArtifactTemplate = {
  kind: 'DesignDescription',
  title: 'Software Design Description (architecture and low-level requirements)',
  objectives: range(2, 3, 5),
  covers: 'low-level',
  phase: 0.35,
};

const SOURCE_CODE: ArtifactTemplate = {
  kind: 'SourceCode',
  title: 'Source code',
  objectives: ['A-2.6'],
  covers: 'low-level',
  phase: 0.5,
};

const HIGH_LEVEL_REVIEW: ArtifactTemplate = {
  kind: 'ReviewRecord',
  title: 'High-level requirements review records',
  objectives: range(3, 1, 7),
  covers: 'high-level',
  phase: 0.3,
};

const DESIGN_REVIEW: ArtifactTemplate = {
  kind: 'ReviewRecord',
  title: 'Architecture and low-level requirements review records',
  objectives: range(4, 1, 12),
  covers: 'low-level',
  phase: 0.45,
};

const PARTITIONING_ANALYSIS: ArtifactTemplate = {
  kind: 'ReviewRecord',
  title: 'Partitioning integrity analysis',
  objectives: ['A-4.13'],
  covers: 'item-part',
  phase: 0.47,
};

const CODE_REVIEW: ArtifactTemplate = {
  kind: 'ReviewRecord',
  title: 'Source code review and analysis records',
  objectives: [...range(5, 1, 6), 'A-5.8', 'A-5.9'],
  covers: 'low-level',
  phase: 0.62,
};

const BUILD_RECORD: ArtifactTemplate = {
  kind: 'ReviewRecord',
  title: 'Build and load records',
  objectives: ['A-2.7', 'A-5.7', 'A-8.5'],
  covers: 'item-part',
  phase: 0.7,
};

const TEST_PROCEDURES: ArtifactTemplate = {
  kind: 'TestProcedure',
  title: 'Software Verification Cases and Procedures (SVCP)',
  objectives: ['A-7.1'],
  covers: 'all-requirements',
  phase: 0.6,
};

const TEST_RESULTS: ArtifactTemplate = {
  kind: 'TestReport',
  title: 'Software Verification Results (SVR)',
  objectives: [...range(6, 1, 5), ...range(7, 2, 4)],
  covers: 'all-requirements',
  phase: 0.82,
};

function coverageAnalysis(level: AssuranceLevel): ArtifactTemplate {
  return {
    kind: 'ReviewRecord',
    title: 'Structural coverage analysis results',
    objectives: coverageObjectives(level),
    covers: 'low-level',
    phase: 0.86,
  };
}

const CONFIGURATION_RECORDS: ArtifactTemplate = {
  kind: 'ReviewRecord',
  title: 'Software configuration management records',
  objectives: ['A-8.1', 'A-8.2', 'A-8.3', 'A-8.4', 'A-8.6'],
  covers: 'none',
  phase: 0.75,
};

const QUALITY_RECORDS: ArtifactTemplate = {
  kind: 'ReviewRecord',
  title: 'Software quality assurance records',
  objectives: range(9, 1, 5),
  covers: 'none',
  phase: 0.9,
};

const CONFIGURATION_INDEX: ArtifactTemplate = {
  kind: 'ConfigurationIndex',
  title: 'Software Configuration Index (SCI)',
  objectives: ['A-8.1'],
  covers: 'item-part',
  phase: 0.93,
};

const ACCOMPLISHMENT_SUMMARY: ArtifactTemplate = {
  kind: 'AccomplishmentSummary',
  title: 'Software Accomplishment Summary (SAS)',
  objectives: ['A-10.1', 'A-10.3'],
  covers: 'item-part',
  phase: 0.98,
};

/** Returns the complete DO-178C data set of a software item: plans, standards, development data and verification records (23 items). */
export function completeSoftwareData(level: AssuranceLevel): ArtifactTemplate[] {
  return [
    PSAC,
    ...SOFTWARE_PLANS,
    REQUIREMENTS_DATA,
    HIGH_LEVEL_REVIEW,
    DESIGN_DESCRIPTION,
    DESIGN_REVIEW,
    PARTITIONING_ANALYSIS,
    SOURCE_CODE,
    TEST_PROCEDURES,
    CODE_REVIEW,
    BUILD_RECORD,
    CONFIGURATION_RECORDS,
    TEST_RESULTS,
    coverageAnalysis(level),
    QUALITY_RECORDS,
    CONFIGURATION_INDEX,
    ACCOMPLISHMENT_SUMMARY,
  ];
}

const HARDWARE_PLAN: ArtifactTemplate = {
  kind: 'Plan',
  title: 'Plan for Hardware Aspects of Certification (PHAC)',
  objectives: ['4.1-1', '4.1-2', '4.1-3', '4.1-4'],
  covers: 'item-part',
  phase: 0.01,
};

const HARDWARE_REQUIREMENTS: ArtifactTemplate = {
  kind: 'RequirementsData',
  title: 'Hardware requirements document',
  objectives: ['5.1-1', '5.1-2', '5.1-3'],
  covers: 'all-requirements',
  phase: 0.22,
};

const HARDWARE_VALIDATION: ArtifactTemplate = {
  kind: 'ReviewRecord',
  title: 'Derived requirements validation records',
  objectives: ['6.1-1', '6.1-2'],
  covers: 'all-requirements',
  phase: 0.3,
};

const HARDWARE_DESIGN: ArtifactTemplate = {
  kind: 'DesignDescription',
  title: 'Hardware conceptual and detailed design data',
  objectives: ['5.2-1', '5.3-1'],
  covers: 'low-level',
  phase: 0.4,
};

const HDL_SOURCE: ArtifactTemplate = {
  kind: 'SourceCode',
  title: 'VHDL source code',
  objectives: ['5.4-1'],
  covers: 'low-level',
  phase: 0.5,
};

const HARDWARE_TEST_PROCEDURES: ArtifactTemplate = {
  kind: 'TestProcedure',
  title: 'Hardware verification procedures',
  objectives: ['6.2-2'],
  covers: 'all-requirements',
  phase: 0.58,
};

const HARDWARE_TEST_RESULTS: ArtifactTemplate = {
  kind: 'TestReport',
  title: 'Hardware verification results and elemental analysis',
  objectives: ['6.2-1', '6.2-3'],
  covers: 'all-requirements',
  phase: 0.8,
};

const HARDWARE_CONFIGURATION_RECORDS: ArtifactTemplate = {
  kind: 'ReviewRecord',
  title: 'Hardware configuration management records',
  objectives: ['7.1-2', '7.1-3'],
  covers: 'none',
  phase: 0.84,
};

const HARDWARE_PROCESS_ASSURANCE: ArtifactTemplate = {
  kind: 'ReviewRecord',
  title: 'Hardware process assurance records',
  objectives: ['8.1-1', '8.1-2', '8.1-3'],
  covers: 'none',
  phase: 0.9,
};

const HARDWARE_CONFIGURATION_INDEX: ArtifactTemplate = {
  kind: 'ConfigurationIndex',
  title: 'Hardware Configuration Index (HCI)',
  objectives: ['7.1-1', '5.5-1'],
  covers: 'item-part',
  phase: 0.92,
};

const HARDWARE_ACCOMPLISHMENT_SUMMARY: ArtifactTemplate = {
  kind: 'AccomplishmentSummary',
  title: 'Hardware Accomplishment Summary (HAS)',
  objectives: ['9.1-1'],
  covers: 'item-part',
  phase: 0.97,
};

/** Returns the DO-254 data set of a complex electronic hardware item (11 items). */
export function completeHardwareData(): ArtifactTemplate[] {
  return [
    HARDWARE_PLAN,
    HARDWARE_REQUIREMENTS,
    HARDWARE_VALIDATION,
    HARDWARE_DESIGN,
    HDL_SOURCE,
    HARDWARE_TEST_PROCEDURES,
    HARDWARE_TEST_RESULTS,
    HARDWARE_CONFIGURATION_RECORDS,
    HARDWARE_PROCESS_ASSURANCE,
    HARDWARE_CONFIGURATION_INDEX,
    HARDWARE_ACCOMPLISHMENT_SUMMARY,
  ];
}

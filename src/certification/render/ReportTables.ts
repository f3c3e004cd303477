import { STANDARDS } from '../Certification.js';
import { GAP_LABELS, type CoverageStatus, type ObjectiveStatus, type ResourceRef, type TraceabilityReport } from '../TraceabilityReport.js';
import { contextRows, type ReportContext } from './ReportContext.js';

/** A table of plain text cells, the common form of every export. */
export interface Table {
  name: string;
  columns: string[];
  rows: string[][];
}

const STATUS_LABELS: Record<CoverageStatus, string> = {
  untested: 'Untested',
  failing: 'Failing',
  unexecuted: 'Not run',
  withheld: 'Evidence withheld',
  partial: 'Partly traced',
  complete: 'Traced',
};

const OBJECTIVE_STATUS_LABELS: Record<ObjectiveStatus, string> = {
  satisfied: 'Satisfied',
  'without-evidence': 'No evidence',
  'stale-evidence': 'Stale evidence',
  'without-independent-review': 'No independent review',
  withheld: 'Evidence withheld',
};

export function coverageLabel(status: CoverageStatus): string {
  return STATUS_LABELS[status];
}

export function objectiveStatusLabel(status: ObjectiveStatus): string {
  return OBJECTIVE_STATUS_LABELS[status];
}

const identifiers = (refs: ResourceRef[]): string => refs.map((ref) => ref.identifier).join('; ');

/** Builds the traceability matrix: one row per requirement with its chain. */
export function matrixTable(report: TraceabilityReport): Table {
  return {
    name: 'Traceability matrix',
    columns: ['Requirement', 'Title', 'Level', 'Standards', 'Parent', 'Items', 'Design', 'Code', 'Parts', 'Test cases', 'Latest results', 'Status'],
    rows: report.requirements.map((row) => [
      row.identifier,
      row.title,
      row.level ?? '',
      row.standards.map((standard) => STANDARDS[standard].label).join('; '),
      row.parent?.identifier ?? '',
      identifiers(row.items),
      identifiers(row.design),
      identifiers(row.code),
      identifiers(row.parts),
      identifiers(row.testCases),
      row.testCases.map((testCase) => (testCase.latest === undefined ? `${testCase.identifier}: not run` : `${testCase.identifier}: ${testCase.latest.verdict} (${testCase.latest.identifier})`)).join('; '),
      coverageLabel(row.status),
    ]),
  };
}

/** Builds the gap report: one row per gap. */
export function gapTable(report: TraceabilityReport): Table {
  return {
    name: 'Gaps',
    columns: ['Kind', 'Subject', 'Subject title', 'Item', 'Objective', 'Description'],
    rows: report.gaps.map((gap) => [GAP_LABELS[gap.kind], gap.subject.identifier, gap.subject.title, gap.item?.identifier ?? '', gap.objective?.identifier ?? '', gap.description]),
  };
}

/** Builds the objective compliance summary: one row per item and applicable objective. */
export function objectiveTable(report: TraceabilityReport): Table {
  return {
    name: 'Objective compliance',
    columns: ['Item', 'Item title', 'Standard', 'Level', 'Objective', 'Objective title', 'Independence', 'Evidence', 'Independently reviewed', 'Status'],
    rows: report.objectives.map((row) => [
      row.item.identifier,
      row.item.title,
      STANDARDS[row.item.standard].label,
      row.item.level,
      row.objective.identifier,
      row.objective.title,
      row.independenceRequired ? 'required' : '',
      identifiers(row.evidence),
      identifiers(row.independentlyReviewed),
      objectiveStatusLabel(row.status),
    ]),
  };
}

/** Builds the summary: what the report covers (see contextRows), then the counts. */
export function summaryTable(report: TraceabilityReport, context: ReportContext = {}): Table {
  const rows: string[][] = [
    ...contextRows(report, context),
    ['Requirements', String(report.counts.requirements)],
    ['Fully traced requirements', String(report.counts.traced)],
    ['Test cases', String(report.counts.testCases)],
    ['Applicable objectives', String(report.counts.objectives)],
    ['Satisfied objectives', String(report.counts.satisfiedObjectives)],
    ['Gaps', String(report.counts.gaps)],
  ];
  for (const [kind, count] of Object.entries(report.counts.byKind)) {
    rows.push([`Gaps: ${GAP_LABELS[kind as keyof typeof GAP_LABELS]}`, String(count)]);
  }
  return { name: 'Summary', columns: ['Measure', 'Value'], rows };
}

import { STANDARDS } from '../Certification.js';
import type { ExportMarking } from '../ExportClearance.js';
import type { AnalysisFilter, TraceabilityReport } from '../TraceabilityReport.js';

/** Facts about a report that its data does not hold: the release of the package that contains it. */
export interface ReportContext {
  release?: string;
}

/** Describes the filters, for example "standard DO-178C, level A, current state, clearance none". */
export function filterDescription(filter: AnalysisFilter): string {
  return [
    `standard ${filter.standard === undefined ? 'all' : STANDARDS[filter.standard].label}`,
    `level ${filter.level ?? 'all'}`,
    filter.baseline === undefined ? 'current state' : `baseline ${filter.baseline}`,
    `clearance ${filter.clearance ?? 'not applied'}`,
  ].join(', ');
}

/**
 * Returns the warning that every output of a report with withheld resources shows, or undefined when
 * nothing was withheld. It gives counts only, never what was withheld.
 */
export function withheldStatement(report: Pick<TraceabilityReport, 'filter' | 'withheld'>): string | undefined {
  const { resources, items } = report.withheld;
  if (resources === 0) {
    return undefined;
  }
  const reason = report.filter.clearance === undefined ? "the reader's access rights" : `export-control clearance ${report.filter.clearance}`;
  const itemNote = items === 0 ? '' : `, among them ${plural(items, 'item')} whose objectives are not assessed`;
  return `INCOMPLETE: ${reason} withheld ${plural(resources, 'resource')} in scope${itemNote}. Requirements, results, evidence and objectives that rest on withheld resources are neither shown nor judged.`;
}

/** Returns the statement for a report whose filters match nothing, or undefined when something is in scope. */
export function emptyScopeStatement(report: Pick<TraceabilityReport, 'counts'>): string | undefined {
  const { requirements, testCases, objectives } = report.counts;
  return requirements === 0 && testCases === 0 && objectives === 0 ? 'Nothing in scope: no requirement, test case or item matches the filters.' : undefined;
}

/** Describes an export-control marking, for example "EAR (ECCN 7A994)", or "none". */
export function markingDescription(marking: ExportMarking | undefined): string {
  if (marking === undefined) {
    return 'none';
  }
  const details = [...marking.eccns.map((eccn) => `ECCN ${eccn}`), ...marking.usmlCategories.map((category) => `USML ${category}`)];
  return details.length === 0 ? marking.regime : `${marking.regime} (${details.join(', ')})`;
}

/**
 * Returns the rows that state what a report covers, as name and value: provider, release, filters,
 * what was withheld, the inherited export-control marking and the time of the latest data. The
 * summary sheet, the CSV header block and the PDF header show them.
 */
export function contextRows(report: TraceabilityReport, context: ReportContext = {}): string[][] {
  const { filter } = report;
  const rows: string[][] = [['Service provider', report.providerIri]];
  if (context.release !== undefined) {
    rows.push(['Release', context.release]);
  }
  rows.push(
    ['Standard', filter.standard === undefined ? 'all' : STANDARDS[filter.standard].label],
    ['Level', filter.level ?? 'all'],
    ['Baseline', filter.baseline ?? 'current state'],
    ['Export-control clearance', filter.clearance ?? 'not applied'],
    ['Withheld resources', String(report.withheld.resources)],
    ['Completeness', withheldStatement(report) ?? 'Nothing was withheld.'],
    ['Export-control marking', markingDescription(report.exportControl)],
    ['Data as of', report.dataAsOf ?? 'no data in scope'],
  );
  return rows;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

import { GAP_KINDS, GAP_LABELS, type TraceabilityReport } from '../TraceabilityReport.js';
import { emptyScopeStatement, filterDescription, markingDescription, withheldStatement } from './ReportContext.js';

/**
 * Writes the summary and the gap list as plain text for a terminal. The header states the filters,
 * what was withheld, the inherited export-control marking and the time of the latest data.
 */
export function toTextReport(report: TraceabilityReport): string {
  const { counts } = report;
  const lines = [`Traceability of ${report.providerIri}`, `  ${filterDescription(report.filter)}`];
  const withheld = withheldStatement(report);
  if (withheld !== undefined) {
    lines.push(`  ${withheld}`);
  }
  lines.push(
    `  export-control marking ${markingDescription(report.exportControl)}, data as of ${report.dataAsOf ?? 'no data in scope'}`,
    `  ${counts.requirements} requirements, ${counts.traced} fully traced, ${counts.testCases} test cases, ${counts.objectives} applicable objectives, ${counts.satisfiedObjectives} satisfied`,
  );
  const empty = emptyScopeStatement(report);
  if (empty !== undefined) {
    lines.push(`  ${empty}`);
  }
  lines.push(`  ${counts.gaps} gap${counts.gaps === 1 ? '' : 's'}`);
  for (const kind of GAP_KINDS) {
    const gaps = report.gaps.filter((gap) => gap.kind === kind);
    if (gaps.length === 0) {
      continue;
    }
    lines.push('', `${GAP_LABELS[kind]} (${gaps.length}):`);
    for (const gap of gaps) {
      lines.push(`  ${gap.subject.identifier}${gap.objective === undefined ? '' : ` ${gap.objective.identifier}`}: ${gap.description}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

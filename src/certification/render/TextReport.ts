import { STANDARDS } from '../Certification.js';
import { GAP_KINDS, GAP_LABELS, type TraceabilityReport } from '../TraceabilityReport.js';

/** Writes the summary and the gap list as plain text for a terminal. */
export function toTextReport(report: TraceabilityReport): string {
  const { counts, filter } = report;
  const lines = [
    `Traceability of ${report.providerIri}`,
    `  standard ${filter.standard === undefined ? 'all' : STANDARDS[filter.standard].label}, level ${filter.level ?? 'all'}, ${filter.baseline === undefined ? 'current state' : `baseline ${filter.baseline}`}`,
    `  ${counts.requirements} requirements, ${counts.traced} fully traced, ${counts.testCases} test cases, ${counts.objectives} applicable objectives`,
    `  ${counts.gaps} gap${counts.gaps === 1 ? '' : 's'}`,
  ];
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

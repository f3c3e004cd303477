import type { TraceabilityReport } from '../TraceabilityReport.js';

/** Returns the report as plain JSON data: objectives carry their levels as arrays instead of sets. */
export function toJsonReport(report: TraceabilityReport): unknown {
  return {
    ...report,
    objectives: report.objectives.map((row) => ({
      ...row,
      objective: { ...row.objective, applicableAt: [...row.objective.applicableAt].sort(), independenceAt: [...row.objective.independenceAt].sort() },
    })),
  };
}

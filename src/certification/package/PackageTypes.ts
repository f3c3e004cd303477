import type { StandardKey } from '../Certification.js';

export type { AnalysisFilter, TraceabilityReport } from '../TraceabilityReport.js';

/** A package is always for one standard. */
export interface StandardFilter {
  standard: StandardKey;
}

import { parseAssuranceLevel, parseStandard, STANDARD_KEYS, STANDARDS } from './Certification.js';
import { CLEARANCES, parseClearance } from './ExportClearance.js';
import type { AnalysisFilter } from './TraceabilityReport.js';

/** A filter value is invalid; the message names the value and the accepted ones. */
export class InvalidFilterError extends Error {}

/**
 * Reads the filters of an analysis from text, as URLs and the command line give them: standard
 * DO-178C, DO-254 or ECSS; level A to E; baseline an ISO 8601 date or date-time; clearance none,
 * EAR99, EAR or ITAR. Empty text means no filter. A date alone means the end of that day in UTC.
 */
export function parseAnalysisFilter(values: { standard?: string | undefined; level?: string | undefined; baseline?: string | undefined; clearance?: string | undefined }): AnalysisFilter {
  const filter: AnalysisFilter = {};
  if (values.standard !== undefined && values.standard !== '') {
    const standard = parseStandard(values.standard);
    if (standard === undefined) {
      throw new InvalidFilterError(`Unknown standard "${values.standard}"; use one of ${STANDARD_KEYS.map((key) => STANDARDS[key].label).join(', ')}.`);
    }
    filter.standard = standard;
  }
  if (values.level !== undefined && values.level !== '') {
    const level = parseAssuranceLevel(values.level);
    if (level === undefined) {
      throw new InvalidFilterError(`Invalid level "${values.level}"; use a letter from A to E.`);
    }
    filter.level = level;
  }
  if (values.baseline !== undefined && values.baseline !== '') {
    const text = /^\d{4}-\d{2}-\d{2}$/.test(values.baseline) ? `${values.baseline}T23:59:59Z` : values.baseline;
    const time = Date.parse(text);
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.baseline) || Number.isNaN(time)) {
      throw new InvalidFilterError(`Invalid baseline "${values.baseline}"; give an ISO 8601 date such as 2025-06-30 or a date-time such as 2025-06-30T12:00:00Z.`);
    }
    filter.baseline = new Date(time).toISOString();
  }
  if (values.clearance !== undefined && values.clearance !== '') {
    const clearance = parseClearance(values.clearance);
    if (clearance === undefined) {
      throw new InvalidFilterError(`Unknown clearance "${values.clearance}"; use one of ${CLEARANCES.join(', ')}.`);
    }
    filter.clearance = clearance;
  }
  return filter;
}

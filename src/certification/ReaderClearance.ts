import { CLEARANCES, type Clearance } from './ExportClearance.js';
import type { AnalysisFilter } from './TraceabilityReport.js';

/**
 * Returns the filter of a report for a reader whose own export-control clearance is `reader`. Below
 * ITAR the filter's clearance becomes the stricter of the requested one and the reader's. The report
 * then counts what the reader may not read as withheld and states the clearance that limited it,
 * where it would otherwise leave those resources out unseen and state "clearance not applied". An
 * ITAR reader reads everything, so their filter stays as requested and their report is unchanged.
 */
export function filterForReader(filter: AnalysisFilter, reader: Clearance): AnalysisFilter {
  if (reader === 'ITAR') {
    return filter;
  }
  const requested = filter.clearance ?? 'ITAR';
  return { ...filter, clearance: CLEARANCES.indexOf(requested) < CLEARANCES.indexOf(reader) ? requested : reader };
}

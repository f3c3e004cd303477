import type { TraceabilityReport } from '../TraceabilityReport.js';
import { contextRows, type ReportContext } from './ReportContext.js';
import type { Table } from './ReportTables.js';

/**
 * Writes one table of a report as CSV that states what it covers. The file opens with a block of
 * two-field rows (name, value): "Report" and the table's name, then the provider, release, filters,
 * withheld resources, completeness, export-control marking and data time. One empty row ends the
 * block, and the table follows with its header row. A program that wants the table alone skips the
 * rows up to and including the first empty row.
 */
export function reportCsv(report: TraceabilityReport, table: Table, context: ReportContext = {}): string {
  return rowsToCsv([['Report', table.name], ...contextRows(report, context), [], table.columns, ...table.rows]);
}

/** Writes rows as CSV (RFC 4180): CRLF line ends, fields quoted when they contain a quote, comma or line break. */
function rowsToCsv(rows: string[][]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  // A leading =, +, - or @ would make a spreadsheet evaluate the field as a formula.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

import type { Table } from './ReportTables.js';

/** Writes a table as CSV (RFC 4180): CRLF line ends, fields quoted when they contain a quote, comma or line break. */
export function toCsv(table: Table): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  // A leading =, +, - or @ would make a spreadsheet evaluate the field as a formula.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

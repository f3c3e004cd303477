import ExcelJS from 'exceljs';
import type { TraceabilityReport } from '../TraceabilityReport.js';
import { normalizeZip } from './DeterministicZip.js';
import { filterDescription, withheldStatement, type ReportContext } from './ReportContext.js';
import { gapTable, matrixTable, objectiveTable, summaryTable, type Table } from './ReportTables.js';

/** Creation and modification date written into the workbook, fixed so that the same report gives the same bytes. */
export const FIXED_DOCUMENT_DATE = new Date('2000-01-01T00:00:00Z');

/** Fill colours of the matrix's Status column, by status label. */
const STATUS_FILLS: Record<string, string> = {
  Traced: 'FFC6EFCE',
  'Partly traced': 'FFFFEB9C',
  'Not run': 'FFFFEB9C',
  Failing: 'FFFFC7CE',
  Untested: 'FFFFC7CE',
  'Evidence withheld': 'FFE3E8EE',
  Satisfied: 'FFC6EFCE',
  'No evidence': 'FFFFC7CE',
  'Stale evidence': 'FFFFC7CE',
  'No independent review': 'FFFFC7CE',
};

/**
 * Writes the report as an Excel workbook with four sheets: Summary (filters, what was withheld, the
 * export-control marking, counts), Traceability matrix, Gaps and Objective compliance. Dates are
 * fixed and the zip is rewritten with fixed timestamps, so the same report always gives the same bytes.
 */
export async function writeXlsx(report: TraceabilityReport, context: ReportContext = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'digital-thread-oslc';
  workbook.created = FIXED_DOCUMENT_DATE;
  workbook.modified = FIXED_DOCUMENT_DATE;
  workbook.title = `Traceability and gap report, ${report.providerIri}`;
  workbook.subject = filterDescription(report.filter);
  workbook.description = withheldStatement(report) ?? '';
  for (const table of [summaryTable(report, context), matrixTable(report), gapTable(report), objectiveTable(report)]) {
    addSheet(workbook, table);
  }
  const written = Buffer.from(await workbook.xlsx.writeBuffer());
  return normalizeZip(written);
}

function addSheet(workbook: ExcelJS.Workbook, table: Table): void {
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((header) => ({ header, width: Math.min(60, Math.max(12, header.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(row);
  }
  const statusColumn = table.columns.indexOf('Status') + 1;
  if (statusColumn > 0) {
    sheet.getColumn(statusColumn).eachCell((cell, rowNumber) => {
      const fill = STATUS_FILLS[String(cell.value)];
      if (rowNumber > 1 && fill !== undefined) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      }
    });
  }
  sheet.eachRow((row) => {
    if (String(row.getCell(2).value).startsWith('INCOMPLETE')) {
      row.font = { bold: true, color: { argb: 'FF9B2C20' } };
    }
  });
  if (table.rows.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
}

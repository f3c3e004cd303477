import type { TraceabilityReport } from '../TraceabilityReport.js';
import { toCsv } from './CsvReport.js';
import { toJsonReport } from './JsonReport.js';
import { writePdf } from './PdfReport.js';
import { gapTable, matrixTable, objectiveTable, type Table } from './ReportTables.js';
import { toTextReport } from './TextReport.js';
import { writeXlsx } from './XlsxReport.js';

/** The download formats of a report; HTML is rendered by the HTTP layer, which knows the page's URLs. */
export const REPORT_FORMATS = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  text: 'text/plain',
} as const;

export type ReportFormat = keyof typeof REPORT_FORMATS;

/** The tables a CSV can hold, one per file. */
export const CSV_VIEWS = { matrix: matrixTable, gaps: gapTable, objectives: objectiveTable } as const satisfies Record<string, (report: TraceabilityReport) => Table>;

export type CsvView = keyof typeof CSV_VIEWS;

/** Renders the report in a download format; a CSV holds one table, the matrix unless `view` names another. */
export async function renderReport(report: TraceabilityReport, format: ReportFormat, view: CsvView = 'matrix'): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(toJsonReport(report), null, 2)}\n`);
    case 'csv':
      return Buffer.from(toCsv(CSV_VIEWS[view](report)));
    case 'xlsx':
      return writeXlsx(report);
    case 'pdf':
      return writePdf(report);
    case 'text':
      return Buffer.from(toTextReport(report));
  }
}

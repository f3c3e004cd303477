import type { TraceabilityReport } from '../TraceabilityReport.js';
import { reportCsv } from './CsvReport.js';
import { toJsonReport } from './JsonReport.js';
import { writePdf } from './PdfReport.js';
import type { ReportContext } from './ReportContext.js';
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

/**
 * Renders the report in a download format. A CSV contains one table, the matrix unless `view` names
 * another. Every format states the filters and what was withheld, and `context` adds the release.
 */
export async function renderReport(report: TraceabilityReport, format: ReportFormat, view: CsvView = 'matrix', context: ReportContext = {}): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(toJsonReport(report), null, 2)}\n`);
    case 'csv':
      return Buffer.from(reportCsv(report, CSV_VIEWS[view](report), context));
    case 'xlsx':
      return writeXlsx(report, context);
    case 'pdf':
      return writePdf(report, context);
    case 'text':
      return Buffer.from(toTextReport(report));
  }
}

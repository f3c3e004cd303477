import PDFDocument from 'pdfkit';
import type { TraceabilityReport } from '../TraceabilityReport.js';
import { emptyScopeStatement, filterDescription, markingDescription, withheldStatement, type ReportContext } from './ReportContext.js';
import { gapTable, matrixTable, objectiveTable, summaryTable, type Table } from './ReportTables.js';
import { FIXED_DOCUMENT_DATE } from './XlsxReport.js';

const MARGIN = 36;
const FONT_SIZE = 7;
const CELL_PADDING = 2;

/** Relative widths of each table's columns, so long text columns get more room. */
const COLUMN_WEIGHTS: Record<string, number[]> = {
  Summary: [1, 3],
  'Traceability matrix': [1.1, 3, 0.5, 0.9, 1.1, 1.1, 1.1, 1.1, 1.1, 1.6, 2.6, 0.9],
  Gaps: [1.6, 1.1, 3, 1, 0.9, 5],
  'Objective compliance': [1, 2.2, 0.8, 0.5, 0.8, 3.4, 1, 1.6, 1.6, 1.4],
};

/**
 * Writes the report as a landscape A4 PDF. A header states the filters, what was withheld, the
 * export-control marking and the time of the latest data. Summary, gaps, objective compliance and
 * the matrix follow, each as a table that continues on new pages with its header repeated. Every
 * page has a footer with the provider, the release when the report is part of a package, and "Page
 * n of m". The standard Helvetica font and fixed document dates make the same report give the same bytes.
 */
export function writePdf(report: TraceabilityReport, context: ReportContext = {}): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `Traceability and gap report, ${report.providerIri}`,
      Subject: filterDescription(report.filter),
      Creator: 'digital-thread-oslc',
      Producer: 'digital-thread-oslc',
      CreationDate: FIXED_DOCUMENT_DATE,
      ModDate: FIXED_DOCUMENT_DATE,
    },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  drawHeader(document, report, context);
  for (const table of [summaryTable(report, context), gapTable(report), objectiveTable(report), matrixTable(report)]) {
    drawTable(document, table);
  }
  drawFooters(document, report, context);
  document.end();
  return finished;
}

function drawHeader(document: PDFKit.PDFDocument, report: TraceabilityReport, context: ReportContext): void {
  document.font('Helvetica-Bold').fontSize(14).text('Traceability and gap report');
  document.font('Helvetica').fontSize(9).text(`${report.providerIri}${context.release === undefined ? '' : `, release ${context.release}`}`);
  document.text(`Filters: ${filterDescription(report.filter)}`);
  document.text(`Export-control marking: ${markingDescription(report.exportControl)}. Data as of ${report.dataAsOf ?? 'no data in scope'}.`);
  for (const warning of [withheldStatement(report), emptyScopeStatement(report)]) {
    if (warning !== undefined) {
      document.font('Helvetica-Bold').fillColor('#9b2c20').text(warning).fillColor('#000000').font('Helvetica');
    }
  }
  document.moveDown();
}

/** Writes the footer of every buffered page; the bottom margin is lifted meanwhile, so the text does not open a new page. */
function drawFooters(document: PDFKit.PDFDocument, report: TraceabilityReport, context: ReportContext): void {
  const range = document.bufferedPageRange();
  const label = `${report.providerIri}${context.release === undefined ? '' : `, release ${context.release}`}`;
  for (let index = range.start; index < range.start + range.count; index++) {
    document.switchToPage(index);
    const bottom = document.page.margins.bottom;
    document.page.margins.bottom = 0;
    const y = document.page.height - MARGIN + 8;
    const width = document.page.width - 2 * MARGIN;
    document.font('Helvetica').fontSize(FONT_SIZE).fillColor('#4a5866');
    document.text(label, MARGIN, y, { width, align: 'left', lineBreak: false });
    document.text(`Page ${index - range.start + 1} of ${range.count}`, MARGIN, y, { width, align: 'right', lineBreak: false });
    document.page.margins.bottom = bottom;
  }
  document.fillColor('#000000');
}

function drawTable(document: PDFKit.PDFDocument, table: Table): void {
  const width = document.page.width - 2 * MARGIN;
  const weights = COLUMN_WEIGHTS[table.name] ?? table.columns.map(() => 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => (weight / total) * width);

  if (document.y > document.page.height - MARGIN - 60) {
    document.addPage();
  }
  document.font('Helvetica-Bold').fontSize(11).text(`${table.name} (${table.rows.length})`, MARGIN, document.y);
  document.moveDown(0.3);
  drawRow(document, table.columns, widths, true);
  for (const row of table.rows) {
    const height = rowHeight(document, row, widths);
    if (document.y + height > document.page.height - MARGIN) {
      document.addPage();
      drawRow(document, table.columns, widths, true);
    }
    drawRow(document, row, widths, false);
  }
  document.moveDown();
}

function rowHeight(document: PDFKit.PDFDocument, cells: string[], widths: number[]): number {
  document.font('Helvetica').fontSize(FONT_SIZE);
  return Math.max(...cells.map((cell, column) => document.heightOfString(cell, { width: widths[column]! - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
}

function drawRow(document: PDFKit.PDFDocument, cells: string[], widths: number[], header: boolean): void {
  const top = document.y;
  const height = rowHeight(document, cells, widths);
  let x = MARGIN;
  if (header) {
    document.rect(MARGIN, top, widths.reduce((sum, width) => sum + width, 0), height).fill('#dde3ea');
  }
  document.fillColor('#000000').font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
  cells.forEach((cell, column) => {
    document.text(cell, x + CELL_PADDING, top + CELL_PADDING, { width: widths[column]! - 2 * CELL_PADDING });
    x += widths[column]!;
  });
  document.moveTo(MARGIN, top + height).lineTo(x, top + height).lineWidth(0.3).strokeColor('#999999').stroke();
  document.x = MARGIN;
  document.y = top + height;
}

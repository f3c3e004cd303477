import PDFDocument from 'pdfkit';
import { STANDARDS } from '../Certification.js';
import type { TraceabilityReport } from '../TraceabilityReport.js';
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
 * Writes the report as a landscape A4 PDF: summary, gaps, objective compliance, then the matrix, each
 * as a table that continues on new pages with its header repeated. Uses the standard Helvetica font
 * and fixed dates, so the same report gives the same bytes.
 */
export function writePdf(report: TraceabilityReport): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: {
      Title: `Traceability and gap report, ${report.providerIri}`,
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

  const standard = report.filter.standard === undefined ? 'all standards' : STANDARDS[report.filter.standard].label;
  document.font('Helvetica-Bold').fontSize(14).text('Traceability and gap report');
  document.font('Helvetica').fontSize(9).text(`${report.providerIri}, ${standard}, level ${report.filter.level ?? 'all'}, ${report.filter.baseline === undefined ? 'current state' : `baseline ${report.filter.baseline}`}${report.filter.clearance === undefined ? '' : `, clearance ${report.filter.clearance}`}`);
  document.moveDown();
  for (const table of [summaryTable(report), gapTable(report), objectiveTable(report), matrixTable(report)]) {
    drawTable(document, table);
  }
  document.end();
  return finished;
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

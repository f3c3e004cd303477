import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ObjectiveCatalogue } from '../../src/certification/ObjectiveCatalogue.js';
import { renderHtmlReport } from '../../src/certification/render/HtmlReport.js';
import { CSV_VIEWS, renderReport, type CsvView } from '../../src/certification/render/ReportFormats.js';
import type { TraceabilityReport } from '../../src/certification/TraceabilityReport.js';
import { readEvidenceSnapshot, type EvidenceSnapshot } from '../../src/certification/EvidenceSnapshot.js';
import { readRdfFile } from '../../src/load/RdfFileSource.js';
import { SAMPLE_DIRECTORY } from '../../src/server/DigitalThreadServer.js';
import { PROJECT_ROOT } from '../../src/server/ProjectRoot.js';
import { EmbeddedStore } from '../../src/store/embedded/EmbeddedStore.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

export const BASE = 'http://127.0.0.1:8080/';

export const catalogue = ObjectiveCatalogue.load(join(PROJECT_ROOT, 'vocab'));

export function providerIri(provider: string): string {
  return `${BASE}oslc/sp/${provider}`;
}

/** A gap as the tests compare it: kind, subject identifier and, for objective gaps, the objective. */
export type GapKey = string;

/**
 * The gaps the sample generator plants (fixtures/sample-programme/README.md, "Known certification
 * gaps"), as `kind subject [objective]`.
 */
export const KNOWN_GAPS: Record<string, GapKey[]> = {
  fcc: [
    ...['REQ-000011', 'REQ-000033', 'REQ-000046', 'REQ-000049', 'REQ-000053'].map((id) => `RequirementWithoutTest ${id}`),
    ...['TC-000008', 'TC-000015', 'TC-000017', 'TC-000040'].map((id) => `MissingResult ${id}`),
    ...['TC-000004', 'TC-000009', 'TC-000016', 'TC-000020', 'TC-000023', 'TC-000026', 'TC-000030', 'TC-000043'].map((id) => `FailingResult ${id}`),
    'ObjectiveWithoutIndependentReview P-000056 A-4.13',
    'StaleEvidence CA-000011',
  ],
  eha: [
    ...['REQ-000009', 'REQ-000012', 'REQ-000028', 'REQ-000030'].map((id) => `RequirementWithoutTest ${id}`),
    ...['TC-000013', 'TC-000029', 'TC-000036'].map((id) => `MissingResult ${id}`),
    ...['TC-000007', 'TC-000009', 'TC-000011', 'TC-000014', 'TC-000015', 'TC-000018', 'TC-000022', 'TC-000033'].map((id) => `FailingResult ${id}`),
  ],
};

export function gapKey(gap: { kind: string; subject: { identifier: string }; objective?: { identifier: string } }): GapKey {
  return [gap.kind, gap.subject.identifier, ...(gap.objective === undefined ? [] : [gap.objective.identifier])].join(' ');
}

/** The sample programme in an embedded store under BASE; `close()` removes it. */
export interface SampleStore {
  store: EmbeddedStore;
  directory: string;
  snapshot(provider: string): Promise<EvidenceSnapshot>;
  close(): Promise<void>;
}

export async function openSampleStore(): Promise<SampleStore> {
  const directory = temporaryDirectory('dt-certification-');
  const store = new EmbeddedStore({ directory: directory.path });
  await store.open();
  for (const file of ['fcc.trig', 'eha.trig']) {
    await store.importGraphs(await readRdfFile(join(SAMPLE_DIRECTORY, file), { baseIri: BASE }));
  }
  return {
    store,
    directory: directory.path,
    snapshot: (provider) => readEvidenceSnapshot(store, providerIri(provider)),
    close: async () => {
      await store.close();
      directory.remove();
    },
  };
}

/** Parses RFC 4180 CSV into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  return rows;
}

/**
 * Splits a report CSV into its header block (name → value, the rows before the first empty row) and
 * its table (header row first).
 */
export function parseReportCsv(text: string): { block: Map<string, string>; table: string[][] } {
  const rows = parseCsv(text);
  const end = rows.findIndex((row) => row.length === 1 && row[0] === '');
  assert.ok(end > 0, 'the CSV has a header block ended by an empty row');
  return { block: new Map(rows.slice(0, end).map((row) => [row[0]!, row[1]!])), table: rows.slice(end + 1) };
}

/** Reads every sheet of an XLSX workbook with exceljs: sheet name → rows of cell texts, header included. */
export async function readXlsx(data: Buffer): Promise<Map<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheets = new Map<string, string[][]>();
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      const values = row.values as unknown[];
      rows.push(values.slice(1).map((value) => (value === null || value === undefined ? '' : String(value))));
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

/** Extracts the text of every page of a PDF with pdfjs-dist's legacy build, one string per page. */
export async function readPdfText(data: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: true, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return pages;
}

/**
 * Renders a report in every output format and returns the text each shows, by format name: JSON,
 * text, one CSV per view, HTML, and the cell texts of the XLSX and the page texts of the PDF.
 */
export async function textOfEveryFormat(report: TraceabilityReport): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  texts.set('JSON', (await renderReport(report, 'json')).toString('utf8'));
  texts.set('text', (await renderReport(report, 'text')).toString('utf8'));
  for (const view of Object.keys(CSV_VIEWS) as CsvView[]) {
    texts.set(`CSV ${view}`, (await renderReport(report, 'csv', view)).toString('utf8'));
  }
  texts.set('HTML', renderHtmlReport(report, { base: BASE, reportUrl: `${report.providerIri}/traceability`, providerTitle: 'provider' }));
  texts.set('XLSX', [...(await readXlsx(await renderReport(report, 'xlsx'))).values()].flat(2).join('\n'));
  texts.set('PDF', (await readPdfText(await renderReport(report, 'pdf'))).join('\n'));
  return texts;
}

/** Fails when `text` contains any of the hidden resources, by IRI or by identifier. */
export function assertNothingHidden(hidden: ReadonlyMap<string, string>, text: string, output: string): void {
  for (const [iri, identifier] of hidden) {
    assert.ok(!text.includes(iri), `${output} contains ${iri}`);
    assert.ok(!new RegExp(`\\b${identifier}\\b`).test(text), `${output} contains ${identifier}`);
  }
}

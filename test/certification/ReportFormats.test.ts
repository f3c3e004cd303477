import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderHtmlReport } from '../../src/certification/render/HtmlReport.js';
import { renderReport } from '../../src/certification/render/ReportFormats.js';
import { GAP_LABELS, type GapKind, type TraceabilityReport } from '../../src/certification/TraceabilityReport.js';
import { analyseTraceability } from '../../src/certification/TraceabilityAnalysis.js';
import { catalogue, KNOWN_GAPS, openSampleStore, parseReportCsv, providerIri, readPdfText, readXlsx, type SampleStore } from './CertificationFixture.js';

const KIND_BY_LABEL = new Map(Object.entries(GAP_LABELS).map(([kind, label]) => [label, kind as GapKind]));

/** Turns gap table rows (Kind label, Subject, Subject title, Item, Objective, ...) into gap keys. */
function keysOfRows(rows: string[][]): string[] {
  return rows.map((row) => [KIND_BY_LABEL.get(row[0]!) ?? `unknown kind ${row[0]}`, row[1], ...(row[4] === '' ? [] : [row[4]])].join(' ')).sort();
}

/** Identifiers of requirements, test cases, artifacts and parts in a text. */
function identifiersIn(text: string): Set<string> {
  return new Set(text.match(/\b(?:REQ|TC|CA|P)-\d{6}\b/g) ?? []);
}

for (const provider of ['fcc', 'eha']) {
  describe(`report formats of ${provider}`, () => {
    let sample: SampleStore;
    let report: TraceabilityReport;
    const expected = [...KNOWN_GAPS[provider]!].sort();

    before(async () => {
      sample = await openSampleStore();
      report = await analyseTraceability(sample.store, providerIri(provider), catalogue);
    });
    after(() => sample.close());

    it('JSON lists the known gaps only', async () => {
      const json = JSON.parse((await renderReport(report, 'json')).toString('utf8')) as TraceabilityReport;
      assert.deepEqual(json.gaps.map((gap) => [gap.kind, gap.subject.identifier, ...(gap.objective === undefined ? [] : [gap.objective.identifier])].join(' ')).sort(), expected);
      assert.equal(json.requirements.length, report.counts.requirements);
    });

    it('CSV gap view lists the known gaps only', async () => {
      const { block, table: rows } = parseReportCsv((await renderReport(report, 'csv', 'gaps')).toString('utf8'));
      assert.equal(block.get('Report'), 'Gaps');
      assert.equal(block.get('Service provider'), providerIri(provider));
      assert.deepEqual(rows[0], ['Kind', 'Subject', 'Subject title', 'Item', 'Objective', 'Description']);
      assert.deepEqual(keysOfRows(rows.slice(1)), expected);
    });

    it('CSV matrix has one row per requirement', async () => {
      const rows = parseReportCsv((await renderReport(report, 'csv', 'matrix')).toString('utf8')).table;
      assert.equal(rows.length - 1, report.counts.requirements);
      const untested = rows.filter((row) => row[11] === 'Untested').map((row) => row[0]).sort();
      assert.deepEqual(untested, expected.filter((key) => key.startsWith('RequirementWithoutTest')).map((key) => key.split(' ')[1]));
    });

    it('XLSX opens with the expected sheets and rows', async () => {
      const sheets = await readXlsx(await renderReport(report, 'xlsx'));
      assert.deepEqual([...sheets.keys()], ['Summary', 'Traceability matrix', 'Gaps', 'Objective compliance']);
      assert.deepEqual(keysOfRows(sheets.get('Gaps')!.slice(1)), expected);
      assert.equal(sheets.get('Traceability matrix')!.length - 1, report.counts.requirements);
      assert.equal(sheets.get('Objective compliance')!.length - 1, report.counts.objectives);
      assert.deepEqual(sheets.get('Summary')!.find((row) => row[0] === 'Gaps'), ['Gaps', String(expected.length)]);
    });

    it('PDF contains the gap rows and nothing else', async () => {
      const text = (await readPdfText(await renderReport(report, 'pdf'))).join('\n').replace(/\s+/g, ' ');
      const start = text.indexOf(`Gaps (${expected.length})`);
      const end = text.indexOf('Objective compliance (');
      assert.ok(start >= 0, 'gap section found');
      assert.ok(end > start, 'objective section after the gaps');
      const section = text.slice(start, end);
      const mentioned = new Set<string>();
      for (const gap of report.gaps) {
        assert.ok(section.includes(gap.subject.identifier), gap.subject.identifier);
        assert.ok(section.includes(GAP_LABELS[gap.kind]), gap.kind);
        mentioned.add(gap.subject.identifier);
        for (const identifier of identifiersIn(gap.description)) {
          mentioned.add(identifier);
        }
      }
      assert.deepEqual([...identifiersIn(section)].sort(), [...mentioned].sort());
      assert.ok(text.includes(`Traceability matrix (${report.counts.requirements})`));
    });

    it('HTML lists the known gaps only', () => {
      const html = renderHtmlReport(report, { base: 'http://127.0.0.1:8080/', reportUrl: `${providerIri(provider)}/traceability`, providerTitle: provider });
      const gapSection = html.slice(html.indexOf('id="gaps"'), html.indexOf('id="matrix"'));
      const rows = [...gapSection.matchAll(/<tr class="gap-(\w+)"><td>.*?<\/td><td[^>]*><a[^>]*>([^<]+)<\/a><\/td><td>.*?<\/td><td>([^<]*)<\/td>/g)].map((match) => [match[1], match[2], ...(match[3] === '' ? [] : [match[3]])].join(' '));
      assert.deepEqual(rows.sort(), expected);
      assert.ok(!/<script>/.test(html), 'no inline script');
      assert.ok(!/style=/.test(html), 'no inline style');
    });

    it('text lists the known gaps', async () => {
      const text = (await renderReport(report, 'text')).toString('utf8');
      for (const key of expected) {
        assert.ok(text.includes(key.split(' ')[1]!), key);
      }
      assert.ok(text.includes(`${expected.length} gaps`));
    });
  });
}

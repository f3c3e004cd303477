import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STANDARDS } from '../../src/certification/Certification.js';
import { renderReport } from '../../src/certification/render/ReportFormats.js';
import { analyseTraceability } from '../../src/certification/TraceabilityAnalysis.js';
import type { AnalysisFilter } from '../../src/certification/TraceabilityReport.js';
import { catalogue, openSampleStore, parseReportCsv, providerIri, readPdfText, type SampleStore } from './CertificationFixture.js';

const FCC = providerIri('fcc');

/** Filters and the line that states them in the text report and the PDF. */
const FILTERS: Array<[AnalysisFilter, string]> = [
  [{}, 'standard all, level all, current state, clearance not applied'],
  [{ standard: 'DO178C', level: 'A' }, 'standard DO-178C, level A, current state, clearance not applied'],
  [{ standard: 'DO254', baseline: '2025-06-30T23:59:59.000Z', clearance: 'EAR' }, 'standard DO-254, level all, baseline 2025-06-30T23:59:59.000Z, clearance EAR'],
  [{ level: 'C', clearance: 'none' }, 'standard all, level C, current state, clearance none'],
];

describe('reports state their filters', () => {
  let sample: SampleStore;
  before(async () => {
    sample = await openSampleStore();
  });
  after(() => sample.close());

  it('text header', async () => {
    for (const [filter, line] of FILTERS) {
      const report = await analyseTraceability(sample.store, FCC, catalogue, filter);
      const lines = (await renderReport(report, 'text')).toString('utf8').split('\n');
      assert.equal(lines[1], `  ${line}`, line);
      assert.ok(lines.some((text) => text.includes(`data as of ${report.dataAsOf}`)), line);
    }
  });

  it('CSV header block', async () => {
    for (const [filter, line] of FILTERS) {
      const report = await analyseTraceability(sample.store, FCC, catalogue, filter);
      const { block, table } = parseReportCsv((await renderReport(report, 'csv', 'gaps')).toString('utf8'));
      const standard = filter.standard === undefined ? 'all' : STANDARDS[filter.standard].label;
      assert.deepEqual(
        [block.get('Standard'), block.get('Level'), block.get('Baseline'), block.get('Export-control clearance')],
        [standard, filter.level ?? 'all', filter.baseline ?? 'current state', filter.clearance ?? 'not applied'],
        line,
      );
      assert.equal(block.get('Withheld resources'), String(report.withheld.resources), line);
      assert.equal(block.get('Data as of'), report.dataAsOf, line);
      assert.equal(table[0]![0], 'Kind', line);
      assert.equal(table.length - 1, report.counts.gaps, line);
    }
  });

  it('PDF header and page footers', async () => {
    const report = await analyseTraceability(sample.store, FCC, catalogue, { standard: 'DO178C', level: 'A', clearance: 'EAR' });
    const pages = (await readPdfText(await renderReport(report, 'pdf', 'matrix', { release: 'R7' }))).map((page) => page.replace(/\s+/g, ' '));
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    assert.ok(pages[0]!.includes('Filters: standard DO-178C, level A, current state, clearance EAR'));
    assert.ok(pages[0]!.includes(`Data as of ${report.dataAsOf}.`));
    assert.ok(pages[0]!.includes('Export-control marking: EAR (ECCN 7D994, ECCN 7E994).'));
    pages.forEach((page, index) => {
      assert.ok(page.includes(`Page ${index + 1} of ${pages.length}`), `page ${index + 1} footer`);
      assert.ok(page.includes(`${FCC}, release R7`), `page ${index + 1} release`);
    });
  });

  it('data time follows the baseline', async () => {
    const current = await analyseTraceability(sample.store, FCC, catalogue);
    const baseline = await analyseTraceability(sample.store, FCC, catalogue, { baseline: '2024-06-30T23:59:59.000Z' });
    // Artifacts are read in their current version, so their modification time can pass the baseline.
    assert.equal(baseline.dataAsOf, '2024-12-23T11:47:38.000Z');
    assert.equal(current.dataAsOf, '2026-11-27T16:40:08.000Z');
    const empty = await analyseTraceability(sample.store, FCC, catalogue, { baseline: '2020-01-01T00:00:00.000Z' });
    assert.equal(empty.dataAsOf, undefined);
    const text = (await renderReport(empty, 'text')).toString('utf8');
    assert.ok(text.includes('Nothing in scope: no requirement, test case or item matches the filters.'));
  });
});

import type { Quad } from '@rdfjs/types';
import { intervalStart } from '../../resources/TelemetryTrend.js';
import { withUnit } from '../../previews/ChartText.js';
import { sparklineSeries, type SparklineSeries } from '../../previews/Sparkline.js';
import { telemetryChartHtml } from '../../previews/TelemetryChart.js';
import { readTelemetryStatistics } from '../../previews/TelemetryStatistics.js';
import type { Vocabulary } from '../../vocab/Vocabulary.js';
import { escapeHtml } from './Html.js';

/**
 * Returns the value cell of `dt:trend` on a telemetry summary's page: the sparkline that previews
 * show, with its text alternative, and a collapsed table of the interval means. Returns undefined when
 * the summary has no trend that can be drawn, so the page shows the literal as written.
 */
export function telemetryTrendCell(resource: string, quads: readonly Quad[], vocabulary: Vocabulary): string | undefined {
  const statistics = readTelemetryStatistics(resource, quads, vocabulary);
  const series = sparklineSeries(statistics);
  if (series === undefined) {
    return undefined;
  }
  const withSamples = series.trend.filter((value) => value !== null).length;
  const summary = `${series.trend.length} interval means, ${withSamples} with samples`;
  return `${telemetryChartHtml(statistics, 'trend-chart')}<details class="trend-intervals"><summary>${escapeHtml(summary)}</summary>${intervalTable(series, statistics.unit)}</details>`;
}

/** Returns one row per interval: its start and end in UTC and its mean, or "no samples". */
function intervalTable(series: SparklineSeries, unit: string | undefined): string {
  const { trend, windowStart, windowEnd } = series;
  const rows = trend.map((value, index) => {
    const from = intervalStart(windowStart, windowEnd, trend.length, index);
    const to = intervalStart(windowStart, windowEnd, trend.length, index + 1);
    const mean = value === null ? '<span class="muted">no samples</span>' : escapeHtml(withUnit(value, unit));
    return `<tr><td>${escapeHtml(intervalText(from, to))}</td><td class="number">${mean}</td></tr>`;
  });
  return `<table class="trend-table"><caption class="visually-hidden">Mean of each interval of the window</caption><thead><tr><th scope="col">Interval (UTC)</th><th scope="col">Mean</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * Returns `2026-11-16 06:00–12:00`. An interval that ends at the next midnight ends at `24:00`, and one
 * that ends on a later day shows the end's date.
 */
function intervalText(from: number, to: number): string {
  const start = new Date(from).toISOString();
  const end = new Date(to).toISOString();
  let endText = `${end.slice(0, 10)} ${end.slice(11, 16)}`;
  if (end.slice(0, 10) === start.slice(0, 10)) {
    endText = end.slice(11, 16);
  } else if (end.slice(11, 16) === '00:00' && new Date(to - 1).toISOString().slice(0, 10) === start.slice(0, 10)) {
    endText = '24:00';
  }
  return `${start.slice(0, 10)} ${start.slice(11, 16)}–${endText}`;
}

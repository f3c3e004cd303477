import { escapeHtml } from '../http/html/Html.js';
import { withUnit } from './ChartText.js';
import { formatDateTime, formatNumber } from './PreviewValues.js';
import { rangeChartSvg } from './RangeChart.js';
import { anomalyTimesInWindow, sparklineSeries, sparklineSvg, type SparklineSeries } from './Sparkline.js';
import type { TelemetryStatistics } from './TelemetryStatistics.js';

export { MAX_ANOMALY_MARKERS } from './RangeChart.js';
export { readTelemetryStatistics, type TelemetryStatistics } from './TelemetryStatistics.js';

/** Most anomaly times the text alternative lists; it counts the rest. */
export const MAX_LISTED_ANOMALY_TIMES = 12;

/**
 * Returns a figure with an inline SVG chart of a telemetry summary and its text alternative. A summary
 * with a trend and a valid window gets a sparkline of its interval means with its anomalies on the time
 * axis (Sparkline.ts). Any other summary, such as one loaded from elsewhere without a trend, gets a
 * range bar of its statistics (RangeChart.ts), and one without a minimum and maximum only the caption.
 * The caption is the text alternative for screen readers, and the fields list shows the same numbers.
 * `id` must be unique in the page, because it ties the SVG to its caption.
 */
export function telemetryChartHtml(statistics: TelemetryStatistics, id: string): string {
  const series = sparklineSeries(statistics);
  let caption = describe(statistics);
  let drawing: string | undefined;
  if (series === undefined) {
    drawing = rangeChartSvg(statistics, id);
  } else {
    caption += ` ${describeTrend(statistics, series)}`;
    drawing = sparklineSvg(statistics, series, id);
  }
  if (drawing === undefined) {
    return `<figure class="telemetry"><figcaption id="${id}">${escapeHtml(caption)}</figcaption></figure>`;
  }
  return `<figure class="telemetry">${drawing}<figcaption id="${id}" class="visually-hidden">${escapeHtml(caption)}</figcaption></figure>`;
}

/** Returns the text alternative of the chart, such as "Lane A CPU load from 26.74% to 66.31%, mean 45.76% ...". */
function describe(statistics: TelemetryStatistics): string {
  const { unit } = statistics;
  const parts: string[] = [];
  if (statistics.minimum !== undefined && statistics.maximum !== undefined) {
    parts.push(`${statistics.parameter ?? 'Values'} from ${withUnit(statistics.minimum, unit)} to ${withUnit(statistics.maximum, unit)}`);
  } else {
    parts.push(`${statistics.parameter ?? 'Values'}: no range recorded`);
  }
  if (statistics.mean !== undefined) {
    const deviation = statistics.standardDeviation === undefined ? '' : ` (σ ${withUnit(statistics.standardDeviation, unit)})`;
    parts.push(`mean ${withUnit(statistics.mean, unit)}${deviation}`);
  }
  if (statistics.p95 !== undefined) {
    parts.push(`95th percentile ${withUnit(statistics.p95, unit)}`);
  }
  let sentence = parts.join(', ');
  if (statistics.anomalyCount !== undefined) {
    let anomalies = `${formatNumber(statistics.anomalyCount)} anomalies`;
    if (statistics.anomalyCount === 0) {
      anomalies = 'no anomalies';
    } else if (statistics.anomalyCount === 1) {
      anomalies = '1 anomaly';
    }
    const samples = statistics.sampleCount === undefined ? '' : ` in ${formatNumber(statistics.sampleCount)} samples`;
    sentence += `; ${anomalies} flagged${samples}`;
  }
  return `${sentence}.`;
}

/**
 * Returns the sentences that state what the sparkline draws: the intervals, which of them have samples
 * and the range of their means, and the anomaly times, such as "Means of 28 intervals of 6 h from
 * 2026-11-16 to 2026-11-23: 14 with samples, from 27.807 V to 28.426 V, and 14 without samples.".
 */
function describeTrend(statistics: TelemetryStatistics, series: SparklineSeries): string {
  const { trend, windowStart, windowEnd } = series;
  const values = trend.filter((value): value is number => value !== null);
  const idle = trend.length - values.length;
  const window = `Means of ${formatNumber(trend.length)} intervals of ${durationText((windowEnd - windowStart) / trend.length)} from ${instantText(windowStart)} to ${instantText(windowEnd)}`;
  let sentence: string;
  if (values.length === 0) {
    sentence = `${window}: none has samples.`;
  } else {
    const range = `from ${withUnit(Math.min(...values), statistics.unit)} to ${withUnit(Math.max(...values), statistics.unit)}`;
    const withoutSamples = idle === 0 ? '' : `, and ${formatNumber(idle)} without samples`;
    sentence = `${window}: ${formatNumber(values.length)} with samples, ${range}${withoutSamples}.`;
  }

  const times = anomalyTimesInWindow(statistics, series);
  if (times.length === 0) {
    return sentence;
  }
  const listed = times.slice(0, MAX_LISTED_ANOMALY_TIMES).map(instantText);
  const more = times.length - listed.length;
  if (more > 0) {
    listed.push(`${formatNumber(more)} more`);
  }
  const list = listed.length === 1 ? listed[0]! : `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)!}`;
  return `${sentence} ${times.length === 1 ? 'Anomaly' : 'Anomalies'} at ${list}.`;
}

function instantText(time: number): string {
  return formatDateTime(new Date(time).toISOString());
}

/** Returns an interval length in the largest whole unit: `6 h`, `90 min`, or seconds. */
function durationText(milliseconds: number): string {
  const hours = milliseconds / 3_600_000;
  if (Number.isInteger(hours)) {
    return `${formatNumber(hours)} h`;
  }
  const minutes = milliseconds / 60_000;
  if (Number.isInteger(minutes)) {
    return `${formatNumber(minutes)} min`;
  }
  return `${formatNumber(Math.round(milliseconds / 100) / 10)} s`;
}

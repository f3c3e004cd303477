import { escapeHtml } from '../http/html/Html.js';
import type { TrendValues } from '../resources/TelemetryTrend.js';
import { CHARACTER_WIDTH, round, withUnit } from './ChartText.js';
import { formatDateTime, formatNumber } from './PreviewValues.js';
import type { TelemetryStatistics } from './TelemetryStatistics.js';

/**
 * Sparkline geometry in SVG user units. The plot spans x from PLOT_LEFT to PLOT_RIGHT over the whole
 * window and y from PLOT_TOP (highest value) to PLOT_BOTTOM (lowest value). Value labels sit right of
 * the plot from LABEL_X, and the time axis with the anomaly markers and dates runs below it.
 */
const WIDTH = 360;
const PLOT_LEFT = 4;
const PLOT_RIGHT = 268;
const PLOT_TOP = 8;
const PLOT_BOTTOM = 64;
const LABEL_X = PLOT_RIGHT + 6;
const AXIS_Y = 72;
const MARKER_SIZE = 8;
const DATE_Y = AXIS_Y + MARKER_SIZE + 14;
const HEIGHT = DATE_Y + 6;
/** Most day ticks on the time axis; a longer window gets none, since they would merge into a bar. */
const MAX_DAY_TICKS = 62;
const DAY_MS = 86_400_000;
/** Smallest vertical gap between two value labels, so that they do not overlap. */
const LABEL_GAP = 11;

/** Series of a sparkline: a trend and a window whose start is before its end. */
export interface SparklineSeries {
  trend: TrendValues;
  windowStart: number;
  windowEnd: number;
}

/** Returns the series to draw, or undefined when the summary has no trend or no valid window. */
export function sparklineSeries(statistics: TelemetryStatistics): SparklineSeries | undefined {
  const { trend, windowStart, windowEnd } = statistics;
  if (trend === undefined || windowStart === undefined || windowEnd === undefined || !(windowStart < windowEnd)) {
    return undefined;
  }
  return { trend, windowStart, windowEnd };
}

/** Returns the anomaly times inside the window, the only ones the time axis can place. */
export function anomalyTimesInWindow(statistics: TelemetryStatistics, series: SparklineSeries): number[] {
  return (statistics.anomalyTimes ?? []).filter((time) => time >= series.windowStart && time < series.windowEnd);
}

/**
 * Returns an inline SVG sparkline of a summary's trend. Each interval mean is a point at the middle of
 * its interval. Consecutive points are joined by a polyline (class `trend-line`) and a point between
 * two intervals without samples is a dot (class `trend-point`), so idle intervals are gaps. A dashed
 * line marks the mean and a band mean ± one standard deviation. Markers (class `anomaly`) sit on the
 * time axis at each anomaly time, and the window's start and end dates label the axis. `id` names the
 * caption that is the drawing's text alternative.
 */
export function sparklineSvg(statistics: TelemetryStatistics, series: SparklineSeries, id: string): string {
  const { mean, standardDeviation, unit } = statistics;
  const values = series.trend.filter((value): value is number => value !== null);
  const band = mean !== undefined && standardDeviation !== undefined ? [mean - standardDeviation, mean + standardDeviation] : [];
  const reference = mean === undefined ? [] : [mean];
  const low = Math.min(...values, ...band, ...reference);
  const high = Math.max(...values, ...band, ...reference);
  const y = valueScale(low, high);

  const parts: string[] = [];
  if (mean !== undefined && standardDeviation !== undefined && standardDeviation > 0) {
    const top = y(mean + standardDeviation);
    parts.push(`<rect class="trend-sigma" x="${PLOT_LEFT}" y="${top}" width="${PLOT_RIGHT - PLOT_LEFT}" height="${round(y(mean - standardDeviation) - top)}"/>`);
  }
  if (mean !== undefined) {
    parts.push(`<line class="trend-mean" x1="${PLOT_LEFT}" x2="${PLOT_RIGHT}" y1="${y(mean)}" y2="${y(mean)}"/>`);
  }
  parts.push(...trendRuns(series.trend, y));
  parts.push(`<line class="trend-axis" x1="${PLOT_LEFT}" x2="${PLOT_RIGHT}" y1="${AXIS_Y}" y2="${AXIS_Y}"/>`);
  parts.push(...dayTicks(series));
  parts.push(...anomalyMarkers(anomalyTimesInWindow(statistics, series), series));
  parts.push(...valueLabels(values.length === 0 ? [] : [Math.min(...values), Math.max(...values)], mean, unit, y));
  parts.push(axisLabels(series, statistics.anomalyCount));

  return `<svg class="sparkline" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}" focusable="false">${parts.join('')}</svg>`;
}

/** Returns the x coordinate of the middle of interval `index` of `count`. */
export function intervalX(index: number, count: number): number {
  return round(PLOT_LEFT + ((index + 0.5) * (PLOT_RIGHT - PLOT_LEFT)) / count);
}

/** Returns the x coordinate of an instant of the window. */
export function timeX(time: number, series: SparklineSeries): number {
  return round(PLOT_LEFT + ((time - series.windowStart) * (PLOT_RIGHT - PLOT_LEFT)) / (series.windowEnd - series.windowStart));
}

/** Draws each run of intervals with samples: a polyline for two or more, a dot for one. */
function trendRuns(trend: TrendValues, y: (value: number) => number): string[] {
  const runs: string[] = [];
  let points: string[] = [];
  const close = (): void => {
    if (points.length === 1) {
      const [cx, cy] = points[0]!.split(',');
      runs.push(`<circle class="trend-point" cx="${cx}" cy="${cy}" r="1.8"/>`);
    } else if (points.length > 1) {
      runs.push(`<polyline class="trend-line" points="${points.join(' ')}"/>`);
    }
    points = [];
  };
  trend.forEach((value, index) => {
    if (value === null) {
      close();
    } else {
      points.push(`${intervalX(index, trend.length)},${y(value)}`);
    }
  });
  close();
  return runs;
}

/** Draws a triangle below the axis at each anomaly time, with the time as its tooltip. Times that round to one x share a marker. */
function anomalyMarkers(times: readonly number[], series: SparklineSeries): string[] {
  const markers = new Map<number, string[]>();
  for (const time of times) {
    const x = timeX(time, series);
    markers.set(x, [...(markers.get(x) ?? []), formatDateTime(new Date(time).toISOString())]);
  }
  const half = MARKER_SIZE / 2;
  return [...markers].map(
    ([x, labels]) =>
      `<line class="anomaly-time" x1="${x}" x2="${x}" y1="${PLOT_TOP}" y2="${AXIS_Y}"/>` +
      `<path class="anomaly" d="M${x} ${AXIS_Y}L${round(x + half)} ${AXIS_Y + MARKER_SIZE}H${round(x - half)}Z"><title>Anomaly at ${escapeHtml(labels.join(', '))}</title></path>`,
  );
}

/** Ticks the axis at each midnight UTC inside the window, unless the window spans more days than fit. */
function dayTicks(series: SparklineSeries): string[] {
  const firstMidnight = Math.floor(series.windowStart / DAY_MS) * DAY_MS + DAY_MS;
  if ((series.windowEnd - firstMidnight) / DAY_MS > MAX_DAY_TICKS) {
    return [];
  }
  const ticks: string[] = [];
  for (let midnight = firstMidnight; midnight < series.windowEnd; midnight += DAY_MS) {
    const x = timeX(midnight, series);
    ticks.push(`<line class="axis-tick" x1="${x}" x2="${x}" y1="${AXIS_Y}" y2="${AXIS_Y + 3}"/>`);
  }
  return ticks;
}

/** Labels the lowest and highest interval means and the mean right of the plot, leaving out a label that would overlap another. */
function valueLabels(extremes: readonly number[], mean: number | undefined, unit: string | undefined, y: (value: number) => number): string[] {
  const labels: Array<{ y: number; text: string; className: string }> = [];
  for (const value of new Set(extremes)) {
    labels.push({ y: y(value), text: withUnit(value, unit), className: 'trend-value' });
  }
  if (mean !== undefined) {
    labels.push({ y: y(mean), text: `mean ${withUnit(mean, unit)}`, className: 'trend-value mean' });
  }
  const shown: typeof labels = [];
  // The mean label comes last, so an extreme keeps its label when the two would overlap.
  for (const label of labels) {
    if (shown.every((other) => Math.abs(other.y - label.y) >= LABEL_GAP)) {
      shown.push(label);
    }
  }
  return shown.map((label) => `<text class="${label.className}" x="${LABEL_X}" y="${round(label.y + 3.5)}">${escapeHtml(label.text)}</text>`);
}

/** Labels the window's start and end below the axis, with the anomaly count between them. */
function axisLabels(series: SparklineSeries, anomalyCount: number | undefined): string {
  const start = formatDateTime(new Date(series.windowStart).toISOString());
  const end = formatDateTime(new Date(series.windowEnd).toISOString());
  let label = `<text class="axis-date" x="${PLOT_LEFT}" y="${DATE_Y}" text-anchor="start">${escapeHtml(start)}</text>`;
  label += `<text class="axis-date" x="${PLOT_RIGHT}" y="${DATE_Y}" text-anchor="end">${escapeHtml(end)}</text>`;
  if (anomalyCount === undefined) {
    return label;
  }
  const text = anomalyCount === 0 ? 'No anomalies flagged' : `${formatNumber(anomalyCount)} ${anomalyCount === 1 ? 'anomaly' : 'anomalies'} flagged`;
  // The count is centred, so it fits when half of it and a margin fit beside the longer date.
  // NOTE: a window that does not start and end at midnight UTC has long date labels that crowd out the count, which the caption still states.
  const room = (PLOT_RIGHT - PLOT_LEFT) / 2 - Math.max(start.length, end.length) * CHARACTER_WIDTH;
  if ((text.length * CHARACTER_WIDTH) / 2 + 8 <= room) {
    label += `<text class="anomaly-label${anomalyCount === 0 ? ' none' : ''}" x="${round((PLOT_LEFT + PLOT_RIGHT) / 2)}" y="${DATE_Y}" text-anchor="middle">${escapeHtml(text)}</text>`;
  }
  return label;
}

/** Maps values to y coordinates, highest at the top. A series of one value is drawn across the middle. */
function valueScale(low: number, high: number): (value: number) => number {
  const span = high - low;
  if (!(span > 0)) {
    return () => round((PLOT_TOP + PLOT_BOTTOM) / 2);
  }
  return (value) => round(PLOT_BOTTOM - ((value - low) * (PLOT_BOTTOM - PLOT_TOP)) / span);
}

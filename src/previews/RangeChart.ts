import { escapeHtml } from '../http/html/Html.js';
import { CHARACTER_WIDTH, round, withUnit } from './ChartText.js';
import { formatNumber } from './PreviewValues.js';
import type { TelemetryStatistics } from './TelemetryStatistics.js';

/** Most anomaly markers drawn; a larger count is drawn as this many markers and a "+N" label. */
export const MAX_ANOMALY_MARKERS = 12;

/**
 * Chart geometry in SVG user units. The bar spans x from LEFT to RIGHT, with the minimum printed to its
 * left and the maximum to its right. The mean is labelled above the bar and the 95th percentile below
 * it, so the two labels never overlap.
 */
const WIDTH = 360;
const LEFT = 72;
const RIGHT = 288;
const BAR_Y = 20;
const BAR_HEIGHT = 12;

/**
 * Returns an inline SVG range bar of the window's distribution, for a summary without a trend, or
 * undefined without a minimum and maximum. The bar spans the minimum to the maximum, a band marks
 * mean ± one standard deviation, and ticks mark the mean and the 95th percentile. A row of markers
 * (class `anomaly`, one per flagged anomaly) counts the anomalies. `id` names the caption.
 */
export function rangeChartSvg(statistics: TelemetryStatistics, id: string): string | undefined {
  const { minimum, maximum } = statistics;
  if (minimum === undefined || maximum === undefined) {
    return undefined;
  }

  const x = scale(minimum, maximum);
  const { mean, standardDeviation, p95, unit } = statistics;
  const middle = BAR_Y + BAR_HEIGHT / 2 + 4;
  const parts: string[] = [
    `<rect class="range-track" x="${LEFT}" y="${BAR_Y}" width="${RIGHT - LEFT}" height="${BAR_HEIGHT}" rx="3"/>`,
    `<text class="range-value" x="${LEFT - 6}" y="${middle}" text-anchor="end">${escapeHtml(withUnit(minimum, unit))}</text>`,
    `<text class="range-value" x="${RIGHT + 6}" y="${middle}" text-anchor="start">${escapeHtml(withUnit(maximum, unit))}</text>`,
  ];
  if (mean !== undefined && standardDeviation !== undefined) {
    const from = x(mean - standardDeviation);
    parts.push(`<rect class="range-sigma" x="${from}" y="${BAR_Y}" width="${round(x(mean + standardDeviation) - from)}" height="${BAR_HEIGHT}"/>`);
  }
  if (p95 !== undefined) {
    parts.push(tick('range-p95', x(p95), `p95 ${withUnit(p95, unit)}`, BAR_Y + BAR_HEIGHT + 14));
  }
  if (mean !== undefined) {
    parts.push(tick('range-mean', x(mean), `mean ${withUnit(mean, unit)}`, BAR_Y - 8));
  }
  parts.push(anomalyRow(statistics.anomalyCount, BAR_Y + BAR_HEIGHT + 34));

  const height = BAR_Y + BAR_HEIGHT + 42;
  return `<svg class="range-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}" focusable="false">${parts.join('')}</svg>`;
}

function anomalyRow(count: number | undefined, y: number): string {
  if (count === undefined) {
    return '';
  }
  if (count === 0) {
    return `<text class="anomaly-label none" x="2" y="${y + 4}">No anomalies flagged</text>`;
  }
  const drawn = Math.min(count, MAX_ANOMALY_MARKERS);
  const markers: string[] = [];
  for (let index = 0; index < drawn; index++) {
    const cx = 8 + index * 12;
    markers.push(`<path class="anomaly" d="M${cx} ${y - 5}L${cx + 5} ${y + 4}H${cx - 5}Z"/>`);
  }
  const more = count > drawn ? ` (+${formatNumber(count - drawn)})` : '';
  const label = `${formatNumber(count)} ${count === 1 ? 'anomaly' : 'anomalies'} flagged${more}`;
  return `${markers.join('')}<text class="anomaly-label" x="${drawn * 12 + 8}" y="${y + 4}">${escapeHtml(label)}</text>`;
}

/** Returns a tick across the bar at `x` with its label centred on it at height `labelY`, moved inward at the ends of the drawing. */
function tick(className: string, x: number, label: string, labelY: number): string {
  const half = (label.length * CHARACTER_WIDTH) / 2;
  let anchor = 'middle';
  let labelX = x;
  if (x - half < 2) {
    anchor = 'start';
    labelX = 2;
  } else if (x + half > WIDTH - 2) {
    anchor = 'end';
    labelX = WIDTH - 2;
  }
  return (
    `<line class="${className}" x1="${x}" x2="${x}" y1="${BAR_Y - 4}" y2="${BAR_Y + BAR_HEIGHT + 4}"/>` +
    `<text class="tick-label" x="${round(labelX)}" y="${labelY}" text-anchor="${anchor}">${escapeHtml(label)}</text>`
  );
}

/** Maps values to x coordinates, clamped to the plot; a window whose minimum equals its maximum is centred. */
function scale(minimum: number, maximum: number): (value: number) => number {
  const span = maximum - minimum;
  if (!(span > 0)) {
    return () => round((LEFT + RIGHT) / 2);
  }
  return (value) => round(LEFT + (Math.min(Math.max(value, minimum), maximum) - minimum) * ((RIGHT - LEFT) / span));
}


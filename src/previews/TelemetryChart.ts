import type { Quad } from '@rdfjs/types';
import { escapeHtml } from '../http/html/Html.js';
import { DT } from '../rdf/namespaces.js';
import { formatNumber } from './PreviewValues.js';
import type { Vocabulary } from '../vocab/Vocabulary.js';
import { unitSymbol, withUnitSymbol } from './UnitSymbols.js';

/**
 * Statistics of a `dt:TelemetrySummary`. The summary contains no samples and no times or values of its
 * anomalies, only their count, so the chart is a range bar of the window's distribution rather than a
 * time series.
 */
export interface TelemetryStatistics {
  parameter?: string;
  minimum?: number;
  maximum?: number;
  mean?: number;
  standardDeviation?: number;
  p95?: number;
  sampleCount?: number;
  anomalyCount?: number;
  /** Symbol of `dt:unitOfMeasure`, such as `°C`. */
  unit?: string;
}

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
/** Approximate advance of one character of a 10-unit label, for keeping labels inside the drawing. */
const CHARACTER_WIDTH = 5.8;

/** Reads the statistics of a telemetry summary from its graph. */
export function readTelemetryStatistics(resource: string, quads: readonly Quad[], vocabulary: Vocabulary): TelemetryStatistics {
  const value = (local: string): string | undefined =>
    quads.find((quad) => quad.subject.value === resource && quad.predicate.value === DT(local))?.object.value;
  const number = (local: string): number | undefined => {
    const text = value(local);
    const parsed = text === undefined ? Number.NaN : Number(text);
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  const statistics: TelemetryStatistics = {};
  const assign = <K extends keyof TelemetryStatistics>(key: K, found: TelemetryStatistics[K] | undefined): void => {
    if (found !== undefined) {
      statistics[key] = found;
    }
  };
  assign('parameter', value('parameter'));
  for (const key of ['minimum', 'maximum', 'mean', 'standardDeviation', 'p95', 'sampleCount', 'anomalyCount'] as const) {
    assign(key, number(key));
  }
  assign('unit', unitSymbol(value('unitOfMeasure'), vocabulary));
  return statistics;
}

/**
 * Returns a figure with an inline SVG range bar and its text alternative. The bar spans the window's
 * minimum to maximum, a band marks mean ± one standard deviation, and ticks mark the mean and the 95th
 * percentile. A row of markers (class `anomaly`, one per flagged anomaly) counts the anomalies.
 * The caption is the text alternative for screen readers, and the fields list shows the same numbers.
 * `id` must be unique in the page, because it ties the SVG to its caption.
 */
export function telemetryChartHtml(statistics: TelemetryStatistics, id: string): string {
  const caption = describe(statistics);
  const { minimum, maximum } = statistics;
  if (minimum === undefined || maximum === undefined) {
    return `<figure class="telemetry"><figcaption id="${id}">${escapeHtml(caption)}</figcaption></figure>`;
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
  return `<figure class="telemetry"><svg class="range-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}" focusable="false">${parts.join('')}</svg><figcaption id="${id}" class="visually-hidden">${escapeHtml(caption)}</figcaption></figure>`;
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

function withUnit(value: number, unit: string | undefined): string {
  return withUnitSymbol(formatNumber(value), unit);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { MAX_ANOMALY_MARKERS, MAX_LISTED_ANOMALY_TIMES, readTelemetryStatistics, telemetryChartHtml, type TelemetryStatistics } from '../../src/previews/TelemetryChart.js';
import { Vocabulary } from '../../src/vocab/Vocabulary.js';

const BASE: TelemetryStatistics = { parameter: 'Rod position error', minimum: -0.4, maximum: 0.6, mean: 0.02, standardDeviation: 0.1, p95: 0.2, sampleCount: 1000, anomalyCount: 0, unit: 'mm' };

function markers(html: string): number {
  return [...html.matchAll(/class="anomaly"/g)].length;
}

describe('TelemetryChart', () => {
  const anomalyCases: [count: number, drawn: number, label: RegExp][] = [
    [0, 0, /No anomalies flagged/],
    [1, 1, /1 anomaly flagged/],
    [MAX_ANOMALY_MARKERS, MAX_ANOMALY_MARKERS, new RegExp(`${MAX_ANOMALY_MARKERS} anomalies flagged<`)],
    [40, MAX_ANOMALY_MARKERS, new RegExp(`40 anomalies flagged \\(\\+${40 - MAX_ANOMALY_MARKERS}\\)`)],
  ];
  for (const [count, drawn, label] of anomalyCases) {
    it(`${count} anomalies draw ${drawn} markers`, () => {
      const html = telemetryChartHtml({ ...BASE, anomalyCount: count }, 'chart');
      assert.equal(markers(html), drawn);
      assert.match(html, label);
    });
  }

  it('missing range draws no chart', () => {
    const html = telemetryChartHtml({ parameter: 'Rod position error', anomalyCount: 2 }, 'chart');
    assert.ok(!html.includes('<svg'));
    assert.match(html, /Rod position error: no range recorded; 2 anomalies flagged\./);
  });

  it('equal minimum and maximum are centred', () => {
    const html = telemetryChartHtml({ ...BASE, minimum: 5, maximum: 5, mean: 5, standardDeviation: 0, p95: 5 }, 'chart');
    const ticks = [...html.matchAll(/<line class="range-[a-z0-9]+" x1="([\d.]+)"/g)].map((match) => Number(match[1]));
    assert.equal(ticks.length, 2);
    assert.equal(ticks[0], ticks[1]);
  });

  it('ticks stay on the bar for values outside the range', () => {
    const html = telemetryChartHtml({ ...BASE, mean: 10, p95: -10 }, 'chart');
    const bar = /<rect class="range-track" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(html)!;
    const left = Number(bar[1]);
    const right = left + Number(bar[2]);
    for (const match of html.matchAll(/<line class="range-[a-z0-9]+" x1="([\d.]+)"/g)) {
      const x = Number(match[1]);
      assert.ok(x >= left, `tick at ${x} is left of the bar at ${left}`);
      assert.ok(x <= right, `tick at ${x} is right of the bar at ${right}`);
    }
  });

  it('labels escape the unit', () => {
    const html = telemetryChartHtml({ ...BASE, unit: '<b>' }, 'chart');
    assert.ok(!html.includes('<b>'));
    assert.ok(html.includes('&lt;b&gt;'));
  });
});

/**
 * A one-day window in 8 intervals of 3 hours. The plot spans x from 4 to 268, so interval i is drawn at
 * x = 4 + (i + 0.5) × 33, and an instant at fraction f of the window at x = 4 + f × 264. The values
 * span 27.5 to 28.5, which is also mean ± σ, so y runs from 64 (27.5) to 8 (28.5).
 */
const SERIES: TelemetryStatistics = {
  parameter: 'Motor winding temperature',
  minimum: 27,
  maximum: 29.5,
  mean: 28,
  standardDeviation: 0.5,
  p95: 28.8,
  sampleCount: 1000,
  anomalyCount: 3,
  unit: '°C',
  windowStart: Date.parse('2026-11-16T00:00:00Z'),
  windowEnd: Date.parse('2026-11-17T00:00:00Z'),
  trend: [null, 28.5, 28, 27.5, null, 28.25, null, null],
  anomalyTimes: [Date.parse('2026-11-16T06:00:00Z'), Date.parse('2026-11-16T18:00:00Z'), Date.parse('2026-11-17T00:00:00Z')],
};

function caption(html: string): string {
  return (/<figcaption id="chart"[^>]*>(.*?)<\/figcaption>/s.exec(html)?.[1] ?? '').replace(/\u00a0/g, ' ');
}

describe('TelemetryChart sparkline', () => {
  it('replaces the range bar', () => {
    const html = telemetryChartHtml(SERIES, 'chart');
    assert.match(html, /<svg class="sparkline" viewBox="0 0 360 100" role="img" aria-labelledby="chart"/);
    assert.ok(!html.includes('range-chart'), 'no range bar');
  });

  it('joins consecutive intervals', () => {
    const html = telemetryChartHtml(SERIES, 'chart');
    const lines = [...html.matchAll(/<polyline class="trend-line" points="([^"]*)"/g)].map((match) => match[1]);
    assert.deepEqual(lines, ['53.5,8 86.5,36 119.5,64']);
  });

  it('draws a lone interval as a dot', () => {
    const html = telemetryChartHtml(SERIES, 'chart');
    const dots = [...html.matchAll(/<circle class="trend-point" cx="([\d.]+)" cy="([\d.]+)"/g)].map((match) => [Number(match[1]), Number(match[2])]);
    assert.deepEqual(dots, [[185.5, 22]]);
  });

  const gapCases: [name: string, trend: Array<number | null>, lines: number, dots: number][] = [
    ['no gaps', [28, 28.5, 27.5, 28], 1, 0],
    ['gap in the middle', [28, 28.5, null, 27.5, 28], 2, 0],
    ['alternating', [28, null, 28.5, null, 27.5], 0, 3],
    ['all idle', [null, null, null], 0, 0],
  ];
  for (const [name, trend, lines, dots] of gapCases) {
    it(`gaps: ${name}`, () => {
      const html = telemetryChartHtml({ ...SERIES, trend }, 'chart');
      assert.equal([...html.matchAll(/class="trend-line"/g)].length, lines, 'polylines');
      assert.equal([...html.matchAll(/class="trend-point"/g)].length, dots, 'dots');
      assert.match(html, /<svg class="sparkline"/);
    });
  }

  it('marks anomalies at their times', () => {
    const html = telemetryChartHtml(SERIES, 'chart');
    const markers = [...html.matchAll(/<path class="anomaly" d="M([\d.]+) 72L/g)].map((match) => Number(match[1]));
    assert.deepEqual(markers, [70, 202], 'the time at the window end is outside the window');
    assert.match(html, /<title>Anomaly at 2026-11-16 06:00 UTC<\/title>/);
  });

  it('marks the mean and σ band', () => {
    const html = telemetryChartHtml(SERIES, 'chart');
    assert.match(html, /<rect class="trend-sigma" x="4" y="8" width="264" height="56"\/>/);
    assert.match(html, /<line class="trend-mean" x1="4" x2="268" y1="36" y2="36"\/>/);
  });

  it('labels the window dates and count', () => {
    const html = telemetryChartHtml(SERIES, 'chart');
    const labels = [...html.matchAll(/<text class="(axis-date|anomaly-label)"[^>]*>([^<]*)<\/text>/g)].map((match) => match[2]);
    assert.deepEqual(labels, ['2026-11-16', '2026-11-17', '3 anomalies flagged']);
  });

  it('labels the extremes and the mean', () => {
    const html = telemetryChartHtml(SERIES, 'chart').replace(/\u00a0/g, ' ');
    const labels = [...html.matchAll(/<text class="trend-value[^"]*" x="274" y="([\d.]+)">([^<]*)<\/text>/g)].map((match) => [Number(match[1]), match[2]]);
    assert.deepEqual(labels, [
      [67.5, '27.5 °C'],
      [11.5, '28.5 °C'],
      [39.5, 'mean 28 °C'],
    ]);
  });

  it('caption states the same facts', () => {
    assert.equal(
      caption(telemetryChartHtml(SERIES, 'chart')),
      'Motor winding temperature from 27 °C to 29.5 °C, mean 28 °C (σ 0.5 °C), 95th percentile 28.8 °C; 3 anomalies flagged in 1,000 samples. ' +
        'Means of 8 intervals of 3 h from 2026-11-16 to 2026-11-17: 4 with samples, from 27.5 °C to 28.5 °C, and 4 without samples. ' +
        'Anomalies at 2026-11-16 06:00 UTC and 2026-11-16 18:00 UTC.',
    );
  });

  it('caption of an idle window', () => {
    const html = telemetryChartHtml({ ...SERIES, trend: [null, null], anomalyTimes: [], anomalyCount: 0 }, 'chart');
    assert.match(caption(html), /Means of 2 intervals of 12 h from 2026-11-16 to 2026-11-17: none has samples\.$/);
  });

  it('caption counts unlisted anomaly times', () => {
    const times = Array.from({ length: MAX_LISTED_ANOMALY_TIMES + 3 }, (_, index) => Date.parse('2026-11-16T01:00:00Z') + index * 60_000);
    const text = caption(telemetryChartHtml({ ...SERIES, anomalyTimes: times, anomalyCount: times.length }, 'chart'));
    assert.match(text, /Anomalies at 2026-11-16 01:00 UTC, 2026-11-16 01:01 UTC, .*2026-11-16 01:11 UTC and 3 more\.$/);
  });

  const fallbackCases: [name: string, statistics: TelemetryStatistics][] = [
    ['no trend', { ...SERIES, trend: undefined }],
    ['no window start', { ...SERIES, windowStart: undefined }],
    ['window ends before it starts', { ...SERIES, windowEnd: Date.parse('2026-11-15T00:00:00Z') }],
  ];
  for (const [name, statistics] of fallbackCases) {
    it(`range bar when ${name}`, () => {
      const html = telemetryChartHtml(statistics, 'chart');
      assert.match(html, /<svg class="range-chart"/);
      assert.ok(!html.includes('class="sparkline"'), 'no sparkline');
      assert.ok(!caption(html).includes('Means of'), 'the caption describes no trend');
    });
  }
});

describe('readTelemetryStatistics', () => {
  const vocabulary = Vocabulary.load(join(process.cwd(), 'vocab'));
  const resource = 'http://127.0.0.1:8080/oslc/sp/fcc/telemetry-summaries/TS-000001';

  function graph(properties: string): Quad[] {
    const turtle = `@prefix dt: <https://w3id.org/digital-thread/ns#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
      <${resource}> dt:parameter "28 V DC input voltage" ; dt:unitOfMeasure <http://qudt.org/vocab/unit/V> ; dt:minimum "27.5"^^xsd:double ; dt:maximum "29"^^xsd:double ;
        dt:windowStart "2026-11-16T00:00:00Z"^^xsd:dateTime ; dt:windowEnd "2026-11-23T00:00:00Z"^^xsd:dateTime ; ${properties} .`;
    return new Parser().parse(turtle) as Quad[];
  }

  it('reads trend, window and times', () => {
    const statistics = readTelemetryStatistics(resource, graph('dt:trend "- 28.1 28" ; dt:anomalyTime "2026-11-18T10:00:00Z"^^xsd:dateTime, "2026-11-17T09:30:00+02:00"^^xsd:dateTime'), vocabulary);
    assert.deepEqual(statistics.trend, [null, 28.1, 28]);
    assert.equal(statistics.windowStart, Date.parse('2026-11-16T00:00:00Z'));
    assert.equal(statistics.windowEnd, Date.parse('2026-11-23T00:00:00Z'));
    assert.deepEqual(statistics.anomalyTimes, [Date.parse('2026-11-17T07:30:00Z'), Date.parse('2026-11-18T10:00:00Z')]);
    assert.equal(statistics.unit, 'V');
  });

  it('leaves out a malformed trend', () => {
    const statistics = readTelemetryStatistics(resource, graph('dt:trend "28.1,28"'), vocabulary);
    assert.equal(statistics.trend, undefined);
    assert.match(telemetryChartHtml(statistics, 'chart'), /<svg class="range-chart"/);
  });

  it('leaves out times without a time zone', () => {
    const statistics = readTelemetryStatistics(resource, graph('dt:anomalyTime "2026-11-18T10:00:00"^^xsd:dateTime'), vocabulary);
    assert.equal(statistics.anomalyTimes, undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ANOMALY_MARKERS, telemetryChartHtml, type TelemetryStatistics } from '../../src/previews/TelemetryChart.js';

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

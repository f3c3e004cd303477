import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intervalStart, MAX_TREND_INTERVALS, parseTrend, TREND_PATTERN, TrendFormatError } from '../../src/resources/TelemetryTrend.js';
import { SH } from '../../src/rdf/namespaces.js';
import { projectShapes } from '../helpers/shapes.js';

const pattern = new RegExp(TREND_PATTERN);

describe('TelemetryTrend', () => {
  const validCases: [name: string, text: string, values: Array<number | null>][] = [
    ['two decimals', '28.01 27.9', [28.01, 27.9]],
    ['idle intervals', '- 28.01 - - 28.12', [null, 28.01, null, null, 28.12]],
    ['negative and integer values', '-0.021 0 -3 12', [-0.021, 0, -3, 12]],
    ['all idle', '- -', [null, null]],
    ['maximum count', Array(MAX_TREND_INTERVALS).fill('1.5').join(' '), Array(MAX_TREND_INTERVALS).fill(1.5)],
  ];
  for (const [name, text, values] of validCases) {
    it(`parses ${name}`, () => {
      assert.deepEqual(parseTrend(text), values);
      assert.ok(pattern.test(text), `pattern rejects ${name}`);
    });
  }

  const invalidCases: [name: string, text: string, message: RegExp][] = [
    ['empty', '', /^dt:trend is empty; write one decimal such as 28\.01, or "-" for an interval without samples, per interval, separated by single spaces, with 2 to 1000 intervals\.$/],
    ['blank', '   ', /^dt:trend is empty; /],
    ['one interval', '28.01', /^dt:trend has 1 interval; write one decimal/],
    ['too many intervals', Array(MAX_TREND_INTERVALS + 1).fill('-').join(' '), /^dt:trend has 1001 intervals; .* with 2 to 1000 intervals\.$/],
    ['letter in a value', '28.01 28.1x', /^dt:trend token 2 "28\.1x" is not a decimal or "-"; write one decimal/],
    ['exponent', '2.8E1 28', /^dt:trend token 1 "2\.8E1" is not a decimal/],
    ['plus sign', '+1 2', /^dt:trend token 1 "\+1" is not a decimal/],
    ['leading point', '.5 2', /^dt:trend token 1 "\.5" is not a decimal/],
    ['trailing point', '5. 2', /^dt:trend token 1 "5\." is not a decimal/],
    ['comma separator', '28.01,27.9 28', /^dt:trend token 1 "28\.01,27\.9" is not a decimal/],
    ['NaN', 'NaN 1', /^dt:trend token 1 "NaN" is not a decimal/],
    ['double space', '28.01  27.9', /^dt:trend has an empty token at position 2 \(a leading, trailing or double space\); write one decimal/],
    ['trailing space', '28.01 27.9 ', /^dt:trend has an empty token at position 3 /],
    ['tab separator', '28.01\t27.9', /^dt:trend token 1 "28\.01\t27\.9" is not a decimal/],
  ];
  for (const [name, text, message] of invalidCases) {
    it(`rejects ${name}`, () => {
      assert.throws(() => parseTrend(text), (error: unknown) => {
        assert.ok(error instanceof TrendFormatError, `expected a TrendFormatError, got ${String(error)}`);
        assert.match(error.message, message);
        return true;
      });
      assert.ok(!pattern.test(text), `pattern accepts ${name}`);
    });
  }

  it('shape pattern equals the parser pattern', () => {
    const property = projectShapes().byName('TelemetrySummary')!.properties.find((candidate) => candidate.name === 'trend');
    const shapePattern = property?.shaclConstraints.find((constraint) => constraint.predicate === SH('pattern'))?.object.value;
    assert.equal(shapePattern, TREND_PATTERN);
  });

  it('intervals split the window evenly', () => {
    const start = Date.parse('2026-11-16T00:00:00Z');
    const end = Date.parse('2026-11-23T00:00:00Z');
    assert.equal(new Date(intervalStart(start, end, 28, 0)).toISOString(), '2026-11-16T00:00:00.000Z');
    assert.equal(new Date(intervalStart(start, end, 28, 5)).toISOString(), '2026-11-17T06:00:00.000Z');
    assert.equal(new Date(intervalStart(start, end, 28, 28)).toISOString(), '2026-11-23T00:00:00.000Z');
  });
});

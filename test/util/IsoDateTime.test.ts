import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIsoDateTime } from '../../src/util/IsoDateTime.js';

describe('isIsoDateTime', () => {
  const cases: [text: string, valid: boolean][] = [
    ['2026-01-01T00:00:00Z', true],
    ['2026-02-28T23:59:59.999+01:00', true],
    ['2028-02-29T12:00:00Z', true],
    ['2026-02-29T12:00:00Z', false],
    ['2026-02-30T00:00:00Z', false],
    ['2026-13-01T00:00:00Z', false],
    ['2026-00-10T00:00:00Z', false],
    ['2026-04-31T00:00:00Z', false],
    ['2026-01-01T24:00:00Z', false],
    ['2026-01-01T00:60:00Z', false],
    ['2026-01-01T00:00:00+25:00', false],
    ['2026-01-01T00:00:00', false],
    ['2026-01-01', false],
  ];
  for (const [text, valid] of cases) {
    it(`${text} is ${valid ? 'valid' : 'invalid'}`, () => {
      assert.equal(isIsoDateTime(text), valid);
    });
  }
});

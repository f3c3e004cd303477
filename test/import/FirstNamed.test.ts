import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstNamed } from '../../src/import/FirstNamed.js';

describe('firstNamed', () => {
  const cases: [labels: string[], expected: string][] = [
    [[], ''],
    [['part A'], 'part A'],
    [['part A', 'part B', 'part C'], 'part A, part B, part C'],
    [['part A', 'part B', 'part C', 'part D', 'part E'], 'part A, part B, part C and 2 more'],
  ];
  for (const [labels, expected] of cases) {
    it(`${labels.length} labels`, () => {
      assert.equal(firstNamed(labels, 3), expected);
    });
  }
});

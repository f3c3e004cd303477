import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { similarPartNumbers } from '../../src/import/SimilarPartNumbers.js';

describe('similarPartNumbers', () => {
  const cases: [name: string, partNumber: string, candidates: string[], expected: string[]][] = [
    ['digit zero for letter O', 'T0P-1', ['SUB-1', 'TOP-1'], ['TOP-1']],
    ['letter case', 'top-1', ['TOP-1'], ['TOP-1']],
    ['letters I and O for digits', 'PART-IO0', ['PART-100'], ['PART-100']],
    ['letter L for digit 1', 'PART-l00', ['PART-100'], ['PART-100']],
    ['dropped character', 'FCC-300-00', ['FCC-300-000'], ['FCC-300-000']],
    ['added character', 'FCC-3000-000', ['FCC-300-000'], ['FCC-300-000']],
    ['swapped neighbours', 'TPO-1', ['TOP-1'], ['TOP-1']],
    ['replaced letter', 'ABX-1', ['ABY-1'], ['ABY-1']],
    ['replaced digit', 'EHA-931', ['EHA-930'], []],
    ['two edits', 'ABXY-1', ['ABYX-2'], []],
    ['short part numbers', 'A-2', ['AB-2', 'A-22'], []],
    ['confusions before edits', 'T0P-10', ['TOP-1O0', 'TOP-10'], ['TOP-10', 'TOP-1O0']],
    ['at most three', 'X-100A', ['X-100B', 'X-100C', 'X-100D', 'X-100E'], ['X-100B', 'X-100C', 'X-100D']],
    ['itself and repeats left out', 'TOP-1', ['TOP-1', 'top-1', 'top-1'], ['top-1']],
  ];
  for (const [name, partNumber, candidates, expected] of cases) {
    it(name, () => {
      assert.deepEqual(similarPartNumbers(partNumber, candidates), expected);
    });
  }
});

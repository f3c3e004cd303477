import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decimalSeparatorOf, digitSpaceAdvice, parseNumber, type DecimalSeparator } from '../../src/import/DecimalNumbers.js';

describe('DecimalNumbers', () => {
  const numbers: [text: string, separator: DecimalSeparator, expected: number | undefined][] = [
    ['2', '.', 2],
    ['2.5', '.', 2.5],
    ['2.500', '.', 2.5],
    ['12.345', '.', 12.345],
    ['1,250', '.', 1250],
    ['1,250.5', '.', 1250.5],
    ['1,234,567', '.', 1234567],
    ['2,5', '.', undefined],
    ['1.250,5', '.', undefined],
    ['2,5', ',', 2.5],
    ['1,250', ',', 1.25],
    ['1.250', ',', 1250],
    ['1.250,5', ',', 1250.5],
    ['2.5', ',', undefined],
    ['1,250.5', ',', undefined],
    ['1/2', '.', 0.5],
    ['3 / 4', ',', 0.75],
    ['1/0', '.', undefined],
    ['.5', '.', 0.5],
    ['-0.25', '.', -0.25],
    ['1e3', '.', 1000],
    ['0x10', '.', undefined],
    ['', '.', undefined],
    ['12 kg', '.', undefined],
    // A space, a no-break space (U+00A0) or a narrow no-break space (U+202F) groups digits in threes.
    ['12 500', '.', 12500],
    ['12 500', ',', 12500],
    ['12\u00A0500', ',', 12500],
    ['12\u202F500,5', ',', 12500.5],
    ['1 234 567.25', '.', 1234567.25],
    ['-12 500', '.', -12500],
    ['12 50', '.', undefined],
    ['1 2', ',', undefined],
    ['1234 567', '.', undefined],
    ['12  500', '.', undefined],
    ['12\t500', '.', undefined],
    ['12 500,5', '.', undefined],
    ['1 250,000', '.', undefined],
    ['1 250.000', ',', undefined],
    ['0.123 456', '.', undefined],
    // Mixed numbers with a proper fraction, as US BOMs write them.
    ['1 1/2', '.', 1.5],
    ['2 3/4', ',', 2.75],
    ['1-1/2', '.', 1.5],
    ['1\u00A01/4', '.', 1.25],
    ['1 3/2', '.', undefined],
    ['1 1/0', '.', undefined],
    ['-1 1/2', '.', undefined],
  ];
  for (const [text, separator, expected] of numbers) {
    it(`parses "${text}" with "${separator}"`, () => {
      assert.equal(parseNumber(text, separator), expected);
    });
  }

  const evidence: [name: string, texts: string[], expected: ReturnType<typeof decimalSeparatorOf>][] = [
    ['integers only', ['1', '20', '300'], {}],
    ['groups of three only', ['1,250', '2.500'], {}],
    ['a decimal point', ['1,250', '0.25'], { separator: '.' }],
    ['a decimal comma', ['2.500', '0,25'], { separator: ',' }],
    ['both marks, comma last', ['1.250,5'], { separator: ',' }],
    ['both marks, point last', ['1,250.5'], { separator: '.' }],
    ['four decimals', ['0.1250'], { separator: '.' }],
    ['both separators', ['0.5', '7', '1,25'], { conflict: { point: { text: '0.5' }, comma: { text: '1,25' } } }],
    ['space groups only', ['12 500', '1\u00A0250'], {}],
    ['space groups, decimal comma', ['12 500,5'], { separator: ',' }],
    ['space groups, decimal point', ['1\u202F250.25'], { separator: '.' }],
  ];
  for (const [name, texts, expected] of evidence) {
    it(`separator of ${name}`, () => {
      assert.deepEqual(
        decimalSeparatorOf(texts.map((text) => ({ text }))),
        expected,
      );
    });
  }

  const ADVICE = ' A space between digits may only separate thousands, in groups of three digits as in 12 500.';
  const advice: [text: string, expected: string][] = [
    ['12 50', ADVICE],
    ['1 2', ADVICE],
    ['1\u00A02,5', ADVICE],
    ['1 3/2', ' A mixed number needs a fraction below 1, as in 1 1/2.'],
    ['two', ''],
    ['400 g', ''],
    ['2.5', ''],
  ];
  for (const [text, expected] of advice) {
    it(`advises on "${text}"`, () => {
      assert.equal(digitSpaceAdvice(text), expected);
    });
  }
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { unitIri } from '../../src/import/QuantityUnits.js';
import { unitSymbol } from '../../src/previews/UnitSymbols.js';
import { Vocabulary } from '../../src/vocab/Vocabulary.js';

const UNIT = 'http://qudt.org/vocab/unit/';

describe('QuantityUnits', () => {
  const texts: [text: string, expected: string | undefined][] = [
    ['ea', `${UNIT}NUM`],
    ['kg', `${UNIT}KiloGM`],
    ['ml', `${UNIT}MilliL`],
    ['gal', `${UNIT}GAL_US`],
    ['Gal.', `${UNIT}GAL_US`],
    ['gal US', `${UNIT}GAL_US`],
    ['US gal', `${UNIT}GAL_US`],
    [' gallon ', `${UNIT}GAL_US`],
    ['imp gal', undefined],
    ['gal UK', undefined],
    ['tube', undefined],
  ];
  for (const [text, expected] of texts) {
    it(`maps "${text}"`, () => {
      assert.equal(unitIri(text), expected);
    });
  }

  it('labels the US gallon', () => {
    const vocabulary = Vocabulary.load(join(process.cwd(), 'vocab'));
    assert.equal(vocabulary.label(`${UNIT}GAL_US`), 'US gallon');
    assert.equal(unitSymbol(`${UNIT}GAL_US`, vocabulary), 'US gal');
    assert.ok(vocabulary.instancesOf('http://qudt.org/schema/qudt/Unit').includes(`${UNIT}GAL_US`));
  });
});

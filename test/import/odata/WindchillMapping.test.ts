import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWindchillMapping } from '../../../src/import/odata/WindchillMapping.js';

const SOURCE = 'windchill.json';

describe('WindchillMapping', () => {
  it('accepts attributes, units and views', () => {
    const mapping = { attributes: { material: 'MaterialSpec' }, units: { yd: 'http://qudt.org/vocab/unit/YD' }, views: { Service: 'MBOM' } };
    assert.deepEqual(checkWindchillMapping(mapping, SOURCE), mapping);
    assert.deepEqual(checkWindchillMapping(undefined, SOURCE), {});
    assert.deepEqual(checkWindchillMapping({}, SOURCE), {});
  });

  const rejected: [string, unknown, string][] = [
    ['a list', [], 'windchill.json: the mapping must be a JSON object such as {"attributes": {"material": "MaterialSpec"}, "units": {"yd": "http://qudt.org/vocab/unit/YD"}}.'],
    ['a CSV key', { columns: { partNumber: 'Item No.' } }, 'windchill.json: unknown mapping key "columns"; the keys are attributes, units, views.'],
    ['attributes as a list', { attributes: ['MaterialSpec'] }, 'windchill.json: "attributes" must map names to names, such as {"material": "MaterialSpec"}.'],
    ['a number as a name', { attributes: { mass: 12 } }, 'windchill.json: "attributes" must map names to names, such as {"material": "MaterialSpec"}.'],
    ['a blank unit', { units: { yd: ' ' } }, 'windchill.json: "units" must map names to names, such as {"yd": "http://qudt.org/vocab/unit/YD"}.'],
    ['a unit as a symbol', { units: { yd: 'yard' } }, 'windchill.json: the unit "yd" maps to "yard", which is not an IRI; give a QUDT unit IRI such as http://qudt.org/vocab/unit/YD.'],
    ['a compact unit', { units: { yd: 'unit:YD' } }, 'windchill.json: the unit "yd" maps to "unit:YD", which is not an IRI; give a QUDT unit IRI such as http://qudt.org/vocab/unit/YD.'],
    ['a view without BOM', { views: { Service: 'Aftermarket' } }, 'windchill.json: the Windchill view "Service" maps to "Aftermarket", which is no BOM view; map it to EBOM or MBOM.'],
    ['views as a list', { views: ['Service'] }, 'windchill.json: "views" must map names to names, such as {"Service": "MBOM"}.'],
  ];
  for (const [name, mapping, message] of rejected) {
    it(`rejects ${name}`, () => {
      assert.throws(() => checkWindchillMapping(mapping, SOURCE), { message });
    });
  }
});

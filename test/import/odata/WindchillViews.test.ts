import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeViewVersions } from '../../../src/import/odata/ViewVersions.js';
import type { Entity } from '../../../src/import/odata/WindchillParts.js';
import { WindchillViews, type PartView } from '../../../src/import/odata/WindchillViews.js';

/** A Part `View` value as Windchill may return it, and the view it reads as without and with the site mapping `{"Service": "MBOM"}`. */
const VIEW_CASES: Array<{ name: string; value: unknown; expected: PartView; mapped: PartView }> = [
  { name: 'Design', value: 'Design', expected: { name: 'Design', bomView: 'EBOM' }, mapped: { name: 'Design', bomView: 'EBOM' } },
  { name: 'Manufacturing', value: 'Manufacturing', expected: { name: 'Manufacturing', bomView: 'MBOM' }, mapped: { name: 'Manufacturing', bomView: 'MBOM' } },
  { name: 'spaces and case', value: ' manufacturing ', expected: { name: 'manufacturing', bomView: 'MBOM' }, mapped: { name: 'manufacturing', bomView: 'MBOM' } },
  { name: 'enumeration object', value: { Value: 'Manufacturing', Display: 'Manufacturing' }, expected: { name: 'Manufacturing', bomView: 'MBOM' }, mapped: { name: 'Manufacturing', bomView: 'MBOM' } },
  { name: 'null', value: null, expected: {}, mapped: {} },
  { name: 'absent', value: undefined, expected: {}, mapped: {} },
  { name: 'empty', value: '', expected: {}, mapped: {} },
  { name: 'site view', value: 'Service', expected: { name: 'Service' }, mapped: { name: 'Service', bomView: 'MBOM' } },
  { name: 'site view in capitals', value: 'SERVICE', expected: { name: 'SERVICE' }, mapped: { name: 'SERVICE', bomView: 'MBOM' } },
  { name: 'another site view', value: 'Planning', expected: { name: 'Planning' }, mapped: { name: 'Planning' } },
];

describe('WindchillViews', () => {
  const plain = new WindchillViews();
  const mapped = new WindchillViews({ Service: 'MBOM' });
  for (const { name, value, expected, mapped: expectedMapped } of VIEW_CASES) {
    it(`View ${name}`, () => {
      const entity: Entity = value === undefined ? { ID: 'OR:wt.part.WTPart:1' } : { ID: 'OR:wt.part.WTPart:1', View: value };
      assert.deepEqual(plain.of(entity), expected);
      assert.deepEqual(mapped.of(entity), expectedMapped);
    });
  }

  it('rejects a site view without BOM', () => {
    assert.throws(() => new WindchillViews({ Service: 'Aftermarket' }), {
      name: 'InvalidImportOptionError',
      message: 'invalid import option views: the Windchill view "Service" maps to "Aftermarket", which is no BOM view; map it to EBOM or MBOM',
    });
  });
});

const PAGE = 'Parts';
const design: Entity = { ID: 'OR:wt.part.WTPart:200311', Number: 'NLG-1000', Revision: 'C', Name: 'Nose Landing Gear Assembly', View: 'Design', State: 'RELEASED' };
const manufacturing: Entity = { ID: 'OR:wt.part.WTPart:200601', Number: 'NLG-1000', Revision: 'C', Name: 'Nose Landing Gear Assembly', View: 'Manufacturing', State: 'INWORK', PlantCode: 'TLS' };
const viewLess: Entity = { ID: 'OR:wt.part.WTPart:200701', Number: 'NLG-1000', Revision: 'C', Name: 'Nose Landing Gear Assembly', View: null, State: 'INWORK' };
const service: Entity = { ID: 'OR:wt.part.WTPart:200801', Number: 'NLG-1000', Revision: 'C', Name: 'Nose Landing Gear Assembly', View: 'Service', State: 'INWORK' };

/** Versions of NLG-1000 rev C in the order read, and the ID and State of the merged part. */
const MERGE_CASES: Array<{ name: string; versions: Entity[]; id: string; state: string }> = [
  { name: 'Design first', versions: [design, manufacturing], id: design.ID as string, state: 'RELEASED' },
  { name: 'Manufacturing first', versions: [manufacturing, design], id: design.ID as string, state: 'RELEASED' },
  { name: 'view-less beats Manufacturing', versions: [manufacturing, viewLess], id: viewLess.ID as string, state: 'INWORK' },
  { name: 'Manufacturing beats unknown view', versions: [service, manufacturing], id: manufacturing.ID as string, state: 'INWORK' },
  { name: 'Design beats all', versions: [service, manufacturing, viewLess, design], id: design.ID as string, state: 'RELEASED' },
];

describe('mergeViewVersions', () => {
  const views = new WindchillViews();
  const viewOf = (entity: Entity): PartView => views.of(entity);

  for (const { name, versions, id, state } of MERGE_CASES) {
    it(name, () => {
      const merged = mergeViewVersions(versions.map((entity) => ({ entity, page: PAGE })), viewOf, ['Name', 'Description']);
      assert.equal(merged.parts.length, 1);
      assert.equal(merged.parts[0]!.entity.ID, id);
      assert.equal(merged.parts[0]!.entity.State, state);
      assert.deepEqual(merged.issues, []);
      assert.deepEqual(
        [...merged.aliases].sort(),
        versions.map((entity) => entity.ID as string).filter((other) => other !== id).map((other) => [other, id]).sort(),
      );
    });
  }

  it('adds properties of other views', () => {
    const merged = mergeViewVersions([{ entity: design, page: PAGE }, { entity: manufacturing, page: PAGE }], viewOf, ['Name']);
    assert.equal(merged.parts[0]!.entity.PlantCode, 'TLS');
  });

  it('same view stays apart', () => {
    const other = { ...design, ID: 'OR:wt.part.WTPart:200399', Name: 'Nose Gear' };
    const merged = mergeViewVersions([{ entity: design, page: PAGE }, { entity: other, page: PAGE }], viewOf, ['Name']);
    assert.deepEqual(merged.parts.map((part) => part.entity), [design, other]);
    assert.deepEqual(merged.aliases, new Map());
  });

  it('descriptions differ warned', () => {
    const merged = mergeViewVersions(
      [{ entity: { ...manufacturing, Description: 'MBOM for line 2' }, page: 'Parts?$skiptoken=4' }, { entity: { ...design, Description: 'Steerable nose gear' }, page: PAGE }],
      viewOf,
      ['Name', 'Description'],
    );
    assert.deepEqual(merged.parts[0]!.entity.Description, 'Steerable nose gear');
    assert.deepEqual(merged.issues, [
      {
        severity: 'warning',
        message:
          'Part NLG-1000 rev C has the Description "Steerable nose gear" in its Design version and "MBOM for line 2" in its Manufacturing version OR:wt.part.WTPart:200601. ' +
          "The part keeps the Design version's Description, because one part number and revision is one part in every BOM view; make the two equal in Windchill to clear this warning.",
        location: { file: 'Parts?$skiptoken=4', entity: 'OR:wt.part.WTPart:200601' },
      },
    ]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PartCopies } from '../../../src/import/odata/PartCopies.js';
import type { Entity } from '../../../src/import/odata/WindchillParts.js';

const ID = 'OR:wt.part.WTPart:200510';
const RECORD_PAGE = 'Parts?$skiptoken=4';
const CHILD_PAGE = 'Parts';

const full: Entity = { ID, Number: 'WC-110', Revision: 'A', Name: 'Steering collar', State: { Value: 'INWORK', Display: 'In Work' } };
const partial: Entity = { ID, Number: 'WC-110', Revision: 'A' };

/** Copies of one part in the order read, each a record (`true`) or an expanded child (`false`), and the merged result. */
const CASES: Array<{ name: string; copies: Array<[Entity, boolean]>; entity: Entity; page: string }> = [
  { name: 'partial child, then record', copies: [[partial, false], [full, true]], entity: full, page: RECORD_PAGE },
  { name: 'record, then partial child', copies: [[full, true], [partial, false]], entity: full, page: RECORD_PAGE },
  {
    name: 'child name differs, read first',
    copies: [[{ ...full, Name: 'Collar, steering' }, false], [full, true]],
    entity: full,
    page: RECORD_PAGE,
  },
  {
    name: 'child name differs, read last',
    copies: [[full, true], [{ ...full, Name: 'Collar, steering' }, false]],
    entity: full,
    page: RECORD_PAGE,
  },
  {
    name: 'property only in the child',
    copies: [[{ ...partial, FinishSpec: 'MIL-A-8625 Type III' }, false], [full, true]],
    entity: { ...full, FinishSpec: 'MIL-A-8625 Type III' },
    page: RECORD_PAGE,
  },
  {
    name: 'null in the record',
    copies: [[full, false], [{ ...full, Name: null }, true]],
    entity: full,
    page: RECORD_PAGE,
  },
  {
    name: 'two records differ',
    copies: [[full, true], [{ ...full, State: { Value: 'RELEASED', Display: 'Released' } }, true]],
    entity: full,
    page: RECORD_PAGE,
  },
  {
    name: 'two partial children',
    copies: [[partial, false], [{ ...partial, Name: 'Steering collar' }, false]],
    entity: { ...partial, Name: 'Steering collar' },
    page: CHILD_PAGE,
  },
];

describe('PartCopies', () => {
  for (const { name, copies, entity, page } of CASES) {
    it(name, () => {
      const parts = new PartCopies();
      for (const [copy, topLevel] of copies) {
        parts.add(ID, copy, topLevel ? RECORD_PAGE : CHILD_PAGE, topLevel);
      }
      const merged = parts.merged();
      assert.equal(merged.length, 1);
      assert.deepEqual(merged[0]!.entity, entity);
      assert.equal(merged[0]!.page, page);
    });
  }

  it('view versions stay apart', () => {
    // A Design and a Manufacturing version of one part have their own IDs, so mergeViewVersions merges them instead.
    const parts = new PartCopies();
    const manufacturing: Entity = { ...full, ID: 'OR:wt.part.WTPart:200610', View: 'Manufacturing' };
    parts.add(ID, { ...full, View: 'Design' }, RECORD_PAGE, true);
    parts.add('OR:wt.part.WTPart:200610', manufacturing, RECORD_PAGE, true);
    assert.deepEqual(
      parts.merged().map((part) => [part.entity.ID, part.entity.View]),
      [
        [ID, 'Design'],
        ['OR:wt.part.WTPart:200610', 'Manufacturing'],
      ],
    );
  });

  it('keeps the order first read', () => {
    const parts = new PartCopies();
    parts.add('B', { ID: 'B' }, CHILD_PAGE, false);
    parts.add('A', { ID: 'A' }, RECORD_PAGE, true);
    parts.add('B', { ID: 'B', Name: 'Bolt' }, RECORD_PAGE, true);
    assert.deepEqual(
      parts.merged().map((part) => part.entity),
      [{ ID: 'B', Name: 'Bolt' }, { ID: 'A' }],
    );
  });
});

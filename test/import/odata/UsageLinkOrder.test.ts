import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareUsageLinkIds, orderUsesWithoutFindNumber } from '../../../src/import/odata/UsageLinkOrder.js';

const link = (number: number | string): string => `OR:wt.part.WTPartUsageLink:${number}`;

/** Pairs of usage-link IDs, and the sign of their comparison. */
const COMPARE_CASES: Array<{ name: string; a: string; b: string; expected: -1 | 0 | 1 }> = [
  { name: 'smaller number first', a: link(99), b: link(777001), expected: -1 },
  { name: 'larger number last', a: link(777002), b: link(777001), expected: 1 },
  { name: 'leading zeros ignored', a: link('000777001'), b: link(777002), expected: -1 },
  { name: 'beyond 53 bits', a: link('9007199254740993'), b: link('9007199254740992'), expected: 1 },
  { name: 'same number, then text', a: 'OR:wt.part.WTPartUsageLink:5', b: 'VR:wt.part.WTPartUsageLink:5', expected: -1 },
  { name: 'number before none', a: link(5), b: 'usage-a', expected: -1 },
  { name: 'no numbers, as text', a: 'usage-b', b: 'usage-a', expected: 1 },
  { name: 'equal IDs', a: link(5), b: link(5), expected: 0 },
];

/** Returns a use entry as the pull reads it: a PartUse with an ID and, when given, a FindNumber. */
const use = (id: string | undefined, findNumber?: string): { entity: Record<string, unknown> } => ({
  entity: { ...(id === undefined ? {} : { ID: id }), ...(findNumber === undefined ? {} : { FindNumber: findNumber }), Quantity: 1 },
});

/** Response orders of uses, and the IDs in the order in which the pull adds their lines. */
const ORDER_CASES: Array<{ name: string; uses: Array<{ entity: Record<string, unknown> }>; expected: Array<string | undefined> }> = [
  { name: 'reversed response', uses: [use(link(777002)), use(link(777001))], expected: [link(777001), link(777002)] },
  { name: 'find numbers stay in place', uses: [use(link(9), '1'), use(link(777002)), use(link(3), '2'), use(link(777001))], expected: [link(9), link(777001), link(3), link(777002)] },
  { name: 'LineNumber counts as one', uses: [use(link(8)), { entity: { ID: link(2), LineNumber: 10 } }, use(link(4))], expected: [link(4), link(2), link(8)] },
  { name: 'missing ID keeps its order last', uses: [use(undefined), use(link(7)), use(link(6))], expected: [link(6), link(7), undefined] },
];

describe('UsageLinkOrder', () => {
  for (const { name, a, b, expected } of COMPARE_CASES) {
    it(`compare: ${name}`, () => {
      assert.equal(Math.sign(compareUsageLinkIds(a, b)), expected);
      assert.equal(Math.sign(compareUsageLinkIds(b, a)), -expected || 0);
    });
  }

  for (const { name, uses, expected } of ORDER_CASES) {
    it(`order: ${name}`, () => {
      assert.deepEqual(
        orderUsesWithoutFindNumber(uses).map((entry) => entry.entity.ID),
        expected,
      );
    });
  }

  it('non-entity stays in place', () => {
    const uses = [{ entity: 'not an object' }, use(link(2)), use(link(1))];
    assert.deepEqual(orderUsesWithoutFindNumber(uses).map((entry) => entry.entity), ['not an object', uses[2]!.entity, uses[1]!.entity]);
  });
});

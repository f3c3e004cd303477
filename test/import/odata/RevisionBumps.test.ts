import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assembliesToReadAgain, MAX_ASSEMBLIES_READ_AGAIN, type PartRevision } from '../../../src/import/odata/RevisionBumps.js';
import type { StoredPartNumber } from '../../../src/import/StoredPartUses.js';

const part = (partNumber: string, revision: string): PartRevision => ({ partNumber, revision });

/** The store after a full pull: NLG-1210 rev A is used by NLG-1200 rev A, and the nut by NLG-1000 rev C and NLG-1100 rev B. */
const STORED: ReadonlyMap<string, StoredPartNumber> = new Map([
  ['NLG-1210', { revisions: ['A'], uses: [{ assemblyNumber: 'NLG-1200', assemblyRevision: 'A', revision: 'A' }] }],
  [
    'MS21042-6',
    {
      revisions: ['-'],
      uses: [
        { assemblyNumber: 'NLG-1100', assemblyRevision: 'B', revision: '-' },
        { assemblyNumber: 'NLG-1000', assemblyRevision: 'C', revision: '-' },
      ],
    },
  ],
  ['NLG-1300', { revisions: ['A', 'B'], uses: [{ assemblyNumber: 'NLG-1000', assemblyRevision: 'C', revision: 'A' }] }],
]);

const CASES: Array<{ name: string; pulled: PartRevision[]; read: PartRevision[]; expected: PartRevision[] }> = [
  { name: 'new revision of a leaf', pulled: [part('NLG-1210', 'B')], read: [part('NLG-1210', 'B')], expected: [part('NLG-1200', 'A')] },
  { name: 'users sorted by number', pulled: [part('MS21042-6', 'A')], read: [], expected: [part('NLG-1000', 'C'), part('NLG-1100', 'B')] },
  { name: 'user read already', pulled: [part('MS21042-6', 'A')], read: [part('NLG-1100', 'B')], expected: [part('NLG-1000', 'C')] },
  { name: 'one user of two bumps', pulled: [part('MS21042-6', 'A'), part('NLG-1210', 'B'), part('NLG-1300', 'C')], read: [], expected: [part('NLG-1000', 'C'), part('NLG-1100', 'B'), part('NLG-1200', 'A')] },
  { name: 'stored revision pulled', pulled: [part('NLG-1210', 'A')], read: [], expected: [] },
  { name: 'later revision stored already', pulled: [part('NLG-1300', 'B')], read: [], expected: [] },
  { name: 'part number not stored', pulled: [part('NLG-1400', 'A')], read: [], expected: [] },
];

describe('assembliesToReadAgain', () => {
  for (const { name, pulled, read, expected } of CASES) {
    it(name, () => {
      const plan = assembliesToReadAgain(pulled, read, STORED);
      assert.deepEqual(plan.assemblies, expected);
      assert.equal(plan.warning, undefined);
    });
  }

  it('cap leaves the last out', () => {
    const uses = Array.from({ length: MAX_ASSEMBLIES_READ_AGAIN + 2 }, (_, index) => ({ assemblyNumber: `ASM-${String(index).padStart(4, '0')}`, assemblyRevision: 'A', revision: 'A' }));
    const plan = assembliesToReadAgain([part('BOLT-1', 'B')], [], new Map([['BOLT-1', { revisions: ['A'], uses }]]));
    assert.equal(plan.assemblies.length, MAX_ASSEMBLIES_READ_AGAIN);
    assert.deepEqual(plan.assemblies.at(-1), part('ASM-0499', 'A'));
    assert.deepEqual(plan.warning, {
      severity: 'warning',
      message:
        '502 stored assemblies use an earlier revision of a part that this pull read, but an incremental pull reads at most 500 of them again. ' +
        'The other 2 (ASM-0500 rev A, ASM-0501 rev A) keep their BOM lines to the earlier revision; run a full pull, without --since, to update their BOMs.',
    });
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readStoredUses } from '../../src/import/StoredPartUses.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';
import { csvBomWriter, FCC, ImportStore } from './helpers/ImportStore.js';

describe('readStoredUses', () => {
  const directory = temporaryDirectory('dt-stored-uses-');
  let store: ImportStore;
  before(async () => {
    store = await ImportStore.open();
    const write = csvBomWriter(directory.path);
    await store.import('csv', write('gear.csv', ['NLG-1000,,Gear,1,', 'NUT-6,NLG-1000,Nut,4,10', 'NUT-6,NLG-1000,Nut,2,20', 'PIN-2,NLG-1000,Pin,1,30', '"SHIM ""A"" \\ 3",NLG-1000,Shim,1,40']));
  });
  after(async () => {
    await store.close();
    directory.remove();
  });

  // Part numbers, the source system asked for, and the expected entries as [number, revisions, uses].
  const cases: [name: string, partNumbers: string[], system: string, expected: [string, string[], string[]][]][] = [
    ['a use at two find numbers once', ['NUT-6'], 'CSV BOM', [['NUT-6', ['-'], ['NLG-1000 rev - uses rev -']]]],
    ['two part numbers', ['NUT-6', 'PIN-2'], 'CSV BOM', [['NUT-6', ['-'], ['NLG-1000 rev - uses rev -']], ['PIN-2', ['-'], ['NLG-1000 rev - uses rev -']]]],
    ['assemblies of another system left out', ['NUT-6'], 'Windchill', [['NUT-6', ['-'], []]]],
    ['a top assembly, used nowhere', ['NLG-1000'], 'CSV BOM', [['NLG-1000', ['-'], []]]],
    ['a part number not stored', ['NUT-7'], 'CSV BOM', []],
    ['no part numbers', [], 'CSV BOM', []],
    ['quotes and a backslash', ['SHIM "A" \\ 3'], 'CSV BOM', [['SHIM "A" \\ 3', ['-'], ['NLG-1000 rev - uses rev -']]]],
  ];
  for (const [name, partNumbers, system, expected] of cases) {
    it(name, async () => {
      const found = await readStoredUses(store.store, FCC, partNumbers, system);
      assert.deepEqual(
        [...found].sort(([a], [b]) => a.localeCompare(b)).map(([number, entry]) => [number, entry.revisions, entry.uses.map((use) => `${use.assemblyNumber} rev ${use.assemblyRevision} uses rev ${use.revision}`)]),
        expected,
      );
    });
  }
});

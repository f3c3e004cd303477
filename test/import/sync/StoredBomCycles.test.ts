import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import type { BomView } from '../../../src/import/BomViews.js';
import type { ExistingBomLine } from '../../../src/import/ExistingResources.js';
import { cyclesWithStoredBom, type ImportedBomEdge } from '../../../src/import/StoredBomCycles.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { FCC, csvBomWriter, ImportStore, rejection } from '../helpers/ImportStore.js';

const directory = temporaryDirectory('dt-stored-cycles-');
after(() => directory.remove());
const csvFile = csvBomWriter(directory.path);

/** Returns a stored BOM line from `assembly` to `child`. Part names stand in for IRIs. */
function stored(line: string, assembly: string, child: string, view: BomView = 'EBOM'): ExistingBomLine {
  return { iri: line, identifier: line, assembly, child, view };
}

function imported(line: string, assembly: string, child: string, view: BomView = 'EBOM'): ImportedBomEdge {
  return { line, view, assembly, child, location: { file: 'bom.csv', line: 2 } };
}

describe('cyclesWithStoredBom', () => {
  const name = (iri: string): string => iri;
  const cases: { case: string; stored: ExistingBomLine[]; imported: ImportedBomEdge[]; removed?: string[]; errors: string[] }[] = [
    {
      case: 'new line closes a stored chain',
      stored: [stored('L1', 'A', 'B'), stored('L2', 'B', 'C')],
      imported: [imported('L3', 'C', 'A')],
      errors: ['BOM cycle with the stored BOM: C contains A (this line) contains B (stored BOM line <L1>) contains C (stored BOM line <L2>).'],
    },
    {
      case: 'moved line closes a cycle',
      stored: [stored('L1', 'A', 'B'), stored('L2', 'B', 'X')],
      imported: [imported('L2', 'B', 'A')],
      errors: ['BOM cycle with the stored BOM: B contains A (this line) contains B (stored BOM line <L1>).'],
    },
    {
      case: 'the cycle runs through another imported line',
      stored: [stored('L1', 'A', 'B')],
      imported: [imported('L2', 'B', 'C'), imported('L3', 'C', 'A')],
      errors: ['BOM cycle with the stored BOM: B contains C (this line) contains A (a BOM line of this import) contains B (stored BOM line <L1>).'],
    },
    { case: 'a removed stored line breaks the cycle', stored: [stored('L1', 'A', 'B'), stored('L2', 'B', 'C')], imported: [imported('L3', 'C', 'A')], removed: ['L2'], errors: [] },
    { case: 'an unchanged line on a cycle the store already has', stored: [stored('L1', 'A', 'B'), stored('L2', 'B', 'A')], imported: [imported('L2', 'B', 'A'), imported('L3', 'B', 'C')], errors: [] },
    { case: 'no cycle', stored: [stored('L1', 'A', 'B')], imported: [imported('L2', 'B', 'C'), imported('L3', 'A', 'C')], errors: [] },
    { case: 'nothing stored besides the import', stored: [stored('L1', 'A', 'B')], imported: [imported('L1', 'A', 'B')], errors: [] },
    { case: 'an MBOM line against the EBOM', stored: [stored('L1', 'A', 'B')], imported: [imported('L2', 'B', 'A', 'MBOM')], errors: [] },
    {
      case: 'a cycle within the MBOM',
      stored: [stored('L1', 'A', 'B', 'MBOM'), stored('L2', 'B', 'C')],
      imported: [imported('L3', 'B', 'A', 'MBOM')],
      errors: ['BOM cycle with the stored MBOM: B contains A (this line) contains B (stored BOM line <L1>).'],
    },
    { case: 'a line moved to the MBOM', stored: [stored('L1', 'A', 'B'), stored('L2', 'B', 'A', 'MBOM')], imported: [imported('L1', 'A', 'B', 'MBOM')], errors: ['BOM cycle with the stored MBOM: A contains B (this line) contains A (stored BOM line <L2>).'] },
  ];
  for (const example of cases) {
    it(example.case, () => {
      const errors = cyclesWithStoredBom(example.stored, example.imported, new Set(example.removed ?? []), name);
      const suffix = ' An assembly cannot contain itself, directly or deeper; correct this line, or remove the stored BOM line that closes the cycle.';
      assert.deepEqual(
        errors.map((error) => error.message),
        example.errors.map((message) => message + suffix),
      );
      assert.ok(errors.every((error) => error.severity === 'error' && error.location?.file === 'bom.csv'));
    });
  }

  it('reports one error per cycle', () => {
    const errors = cyclesWithStoredBom([stored('L1', 'A', 'B')], [imported('L2', 'B', 'A'), imported('L3', 'B', 'A')], new Set(), name);
    assert.equal(errors.length, 1);
  });
});

describe('import into a provider with a stored BOM', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('rejects a second source that closes a cycle', async () => {
    await store.import('csv', csvFile('module.csv', ['EHA-900,,Module,1,', 'EHA-910,EHA-900,Motor assembly,1,10', 'EHA-911,EHA-910,Motor,1,20']));
    const versions = await store.versions();
    const commits = store.changes.length;

    const errors = await rejection(store.import('csv', csvFile('kit.csv', ['EHA-900,EHA-911,Module,1,30'])));

    const storedLine = `\\(stored BOM line <${FCC.replaceAll('.', '\\.')}/bom-lines/BL-\\d+>\\)`;
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, new RegExp(`^kit\\.csv line 2: BOM cycle with the stored BOM: EHA-911 rev - contains EHA-900 rev - \\(this line\\) contains EHA-910 rev - ${storedLine} contains EHA-911 rev - ${storedLine}\\. `));
    assert.equal(store.changes.length, commits);
    assert.deepEqual(await store.versions(), versions);
  });

  it('accepts a cycle broken by the same removal run', async () => {
    await store.import('csv', csvFile('chain.csv', ['EHA-920,,Pump,1,', 'EHA-921,EHA-920,Housing,1,10', 'EHA-922,EHA-921,Liner,1,20']));

    // The new revision of the file moves EHA-920 under EHA-922 and drops the line from EHA-921 to EHA-922.
    const report = await store.import('csv', csvFile('chain.csv', ['EHA-922,,Liner,1,', 'EHA-920,EHA-922,Pump,1,30', 'EHA-921,EHA-920,Housing,1,10']), { removeMissing: true });

    assert.deepEqual(report.counts.bomLines, { created: 1, updated: 0, unchanged: 1, removed: 1 });
    assert.deepEqual(await store.bom('urn:digital-thread:import-source:chain.csv'), [
      ['EHA-920', 'EHA-921', 1],
      ['EHA-922', 'EHA-920', 1],
    ]);
  });
});

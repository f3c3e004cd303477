import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { DataFactory } from 'n3';
import { csvBomWriter, FCC, ImportStore } from '../helpers/ImportStore.js';

const directory = temporaryDirectory('dt-find-numbers-');
after(() => directory.remove());
const csvFile = csvBomWriter(directory.path);

describe('find numbers of different parts', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  it('warns about one file', async () => {
    const report = await store.import('csv', csvFile('find.csv', ['F-1,,Top,1,', 'F-2,F-1,Bracket,1,10', 'F-3,F-1,Clip,1,10', 'F-4,F-1,Pin,1,20']));
    assert.equal(report.counts.bomLines.created, 3);
    const messages = report.warnings.map((warning) => warning.message);
    assert.deepEqual(messages, [
      'One find number is used by BOM lines of different parts in one assembly (F-1 rev - find 10: F-2 rev -, F-3 rev -). Each line is imported, so a BOM explosion counts every part. A find number names one item of the assembly: if one part replaces another, remove the old row; otherwise give each line its own find number.',
    ]);
    assert.deepEqual(report.warnings[0]!.location, { file: 'find.csv', line: 4 });
  });

  it('warns about a revision bump in another source', async () => {
    await store.import('csv', csvFile('erp.csv', ['LG-100,,Gear,1,', 'LG-120,LG-100,Axle,1,20']));
    const plm = ['Part Number,Revision,Parent,Parent Revision,Title,Qty,Find No', 'LG-100,-,,,Gear,1,', 'LG-120,B,LG-100,-,Axle,1,20'].join('\n');
    const bumped = await store.import('csv', writeCsv('plm-b.csv', plm));
    const warning = bumped.warnings.find((candidate) => candidate.message.includes('at find numbers'));
    assert.ok(warning !== undefined, JSON.stringify(bumped.warnings));
    assert.match(
      warning.message,
      /^This import adds a BOM line at find numbers where erp\.csv already gives another part: BOM line LG-100 rev - > LG-120 rev B find 20, where erp\.csv has LG-120 rev - \(<http:\/\/127\.0\.0\.1:8080\/oslc\/sp\/fcc\/bom-lines\/BL-\d+>\)\. Both lines stay/,
    );
  });

  it('same source replaces its own line', async () => {
    await store.import('csv', csvFile('own.csv', ['LG-130,,Door,1,', 'LG-131,LG-130,Hinge,1,10']));
    const report = await store.import('csv', csvFile('own.csv', ['LG-130,,Door,1,', 'LG-132,LG-130,Hinge,1,10']));
    assert.equal(report.warnings.some((warning) => warning.message.includes('find number')), false);
    // The old line of the same source is kept without --remove-missing, which the kept-line warning names.
    assert.equal(report.warnings.filter((warning) => warning.message.startsWith('At find 10 of LG-130 rev -,')).length, 1);
  });
});

/** A case of a source's second import, which may keep a BOM line of the first at a find number. */
interface KeptLineCase {
  name: string;
  /** Rows of the first and the second file, as `Part Number,Revision,Parent,Parent Revision,Title,Qty,Find No,BOM View`. */
  day1: string[];
  day2: string[];
  request?: { dryRun?: boolean; removeMissing?: boolean };
  /** Adds a second stored line of the source to the same part at the same find number before the second import. */
  copyLine?: boolean;
  /** The expected start of the warning about what the source no longer has, or undefined for a removal run. */
  missing?: string;
  /** The expected kept-line warning, with KEPT for the kept line's IRI, or undefined for none. */
  warning?: string;
}

const ACTUATOR = 'LGA-1100,-,,,Landing gear actuator,1,,';
const FIX = 'Import again with --remove-missing (removeMissing=true on the import endpoint) to remove the old line, or edit it.';

const KEPT_LINE_CASES: KeptLineCase[] = [
  {
    name: 'revision bump',
    day1: [ACTUATOR, 'LGA-1120,A,LGA-1100,-,Piston rod,1,20,'],
    day2: [ACTUATOR, 'LGA-1120,B,LGA-1100,-,Piston rod,1,20,'],
    missing: 'The source no longer has 1 part and 1 BOM line ',
    warning: `At find 20 of LGA-1100 rev -, the source gives LGA-1120 rev B, but this import keeps a BOM line to LGA-1120 rev A that the source no longer has (<KEPT>). A BOM explosion counts both parts. ${FIX}`,
  },
  {
    name: 'part replaced',
    day1: [ACTUATOR, 'LGA-1120,A,LGA-1100,-,Piston rod,1,20,'],
    day2: [ACTUATOR, 'LGA-1125,A,LGA-1100,-,Piston rod,1,20,'],
    missing: 'The source no longer has 1 part and 1 BOM line ',
    warning: `At find 20 of LGA-1100 rev -, the source gives LGA-1125 rev A, but this import keeps a BOM line to LGA-1120 rev A that the source no longer has (<KEPT>). A BOM explosion counts both parts. ${FIX}`,
  },
  {
    name: 'dry run',
    day1: [ACTUATOR, 'LGA-1120,A,LGA-1100,-,Piston rod,1,20,'],
    day2: [ACTUATOR, 'LGA-1120,B,LGA-1100,-,Piston rod,1,20,'],
    missing: 'The source no longer has 1 part and 1 BOM line ',
    request: { dryRun: true },
    warning: `At find 20 of LGA-1100 rev -, the source gives LGA-1120 rev B, but this import would keep a BOM line to LGA-1120 rev A that the source no longer has (<KEPT>). A BOM explosion would count both parts. ${FIX}`,
  },
  {
    name: 'revision bump in the MBOM',
    day1: [ACTUATOR, 'LGA-1120,A,LGA-1100,-,Piston rod,1,20,MBOM'],
    day2: [ACTUATOR, 'LGA-1120,B,LGA-1100,-,Piston rod,1,20,MBOM'],
    missing: 'The source no longer has 1 part and 1 BOM line ',
    warning: `At find 20 of LGA-1100 rev - in the MBOM, the source gives LGA-1120 rev B, but this import keeps a BOM line to LGA-1120 rev A that the source no longer has (<KEPT>). A BOM explosion counts both parts. ${FIX}`,
  },
  {
    name: 'removal run',
    day1: [ACTUATOR, 'LGA-1120,A,LGA-1100,-,Piston rod,1,20,'],
    day2: [ACTUATOR, 'LGA-1120,B,LGA-1100,-,Piston rod,1,20,'],
    request: { removeMissing: true },
  },
  {
    name: 'same part on a kept line',
    day1: [ACTUATOR, 'LGA-1120,A,LGA-1100,-,Piston rod,1,20,'],
    day2: [ACTUATOR, 'LGA-1120,A,LGA-1100,-,Piston rod,2,20,'],
    missing: 'The source no longer has 1 BOM line ',
    copyLine: true,
  },
  {
    name: 'EBOM line kept, MBOM line added',
    day1: [ACTUATOR, 'LGA-1110,A,LGA-1100,-,Cylinder,1,10,', 'LGA-1120,A,LGA-1100,-,Piston rod,1,20,'],
    day2: [ACTUATOR, 'LGA-1110,A,LGA-1100,-,Cylinder,1,10,', 'LGA-1125,A,LGA-1100,-,Piston rod kit,1,20,MBOM'],
    missing: 'The source no longer has 1 part and 1 BOM line ',
  },
  {
    name: 'line dropped at another find number',
    day1: [ACTUATOR, 'LGA-1110,A,LGA-1100,-,Cylinder,1,10,', 'LGA-1120,A,LGA-1100,-,Piston rod,1,20,'],
    day2: [ACTUATOR, 'LGA-1120,A,LGA-1100,-,Piston rod,1,20,'],
    missing: 'The source no longer has 1 part and 1 BOM line ',
  },
  {
    name: 'lines without find numbers',
    day1: [ACTUATOR, 'LGA-1120,A,LGA-1100,-,Piston rod,1,,'],
    day2: [ACTUATOR, 'LGA-1120,B,LGA-1100,-,Piston rod,1,,'],
    missing: 'The source no longer has 1 part and 1 BOM line ',
  },
];

describe('kept BOM lines at find numbers', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  for (const example of KEPT_LINE_CASES) {
    it(example.name, async () => {
      const first = await store.import('csv', actuatorCsv('day1.csv', example.day1), { source: 'lga' });
      // The line at find 20 is the last of the first file in every case that expects a warning or copies a line.
      const storedLine = first.changes.filter((change) => change.type === 'bomLines').at(-1)!.iri;
      if (example.copyLine === true) {
        await copyGraph(store, storedLine, `${FCC}/bom-lines/BL-copy`);
      }
      const report = await store.import('csv', actuatorCsv('day2.csv', example.day2), { source: 'lga', ...example.request });

      // The warning about what the source no longer has stays, also next to the kept-line warning.
      const missing = report.warnings.filter((warning) => warning.message.startsWith('The source no longer has'));
      assert.deepEqual(
        missing.map((warning) => warning.message.slice(0, example.missing?.length)),
        example.missing === undefined ? [] : [example.missing],
      );

      const warnings = report.warnings.filter((warning) => warning.message.startsWith('At find'));
      if (example.warning === undefined) {
        assert.deepEqual(warnings, []);
        return;
      }
      const keptLine = example.copyLine === true ? `${FCC}/bom-lines/BL-copy` : storedLine;
      assert.deepEqual(warnings, [{ severity: 'warning', message: example.warning.replace('KEPT', keptLine), location: { file: 'day2.csv', line: 3 } }]);
    });
  }

  it('counts find numbers after the tenth', async () => {
    const rows = (revision: string): string[] => [ACTUATOR, ...Array.from({ length: 12 }, (_, index) => `LGA-11${10 + index},${revision},LGA-1100,-,Item ${index + 1},1,${index + 1},`)];
    await store.import('csv', actuatorCsv('day1.csv', rows('A')), { source: 'lga' });
    const report = await store.import('csv', actuatorCsv('day2.csv', rows('B')), { source: 'lga' });

    const warnings = report.warnings.filter((warning) => warning.message.startsWith('At '));
    assert.equal(warnings.length, 11);
    assert.match(warnings[0]!.message, /^At find 1 of LGA-1100 rev -, the source gives LGA-1110 rev B, but this import keeps a BOM line to LGA-1110 rev A /);
    assert.match(warnings[9]!.message, /^At find 10 of LGA-1100 rev -, the source gives LGA-1119 rev B, /);
    assert.equal(
      warnings[10]!.message,
      'At 2 more find numbers (find 11 of LGA-1100 rev -, find 12 of LGA-1100 rev -) this import keeps a BOM line that the source no longer has, to a part other than the one the source gives there. The same fix applies.',
    );
  });

  it('removal run removes the kept line', async () => {
    const [day1, day2] = [KEPT_LINE_CASES[0]!.day1, KEPT_LINE_CASES[0]!.day2];
    await store.import('csv', actuatorCsv('day1.csv', day1), { source: 'lga' });
    const report = await store.import('csv', actuatorCsv('day2.csv', day2), { source: 'lga', removeMissing: true });
    assert.equal(report.counts.bomLines.removed, 1);
    assert.deepEqual(
      (await store.bom()).filter(([assembly]) => assembly === 'LGA-1100'),
      [['LGA-1100', 'LGA-1120', 1]],
    );
  });
});

/** Writes a CSV BOM with revisions and a BOM View column and returns its path. */
function actuatorCsv(name: string, rows: readonly string[]): string {
  return writeCsv(name, ['Part Number,Revision,Parent,Parent Revision,Title,Qty,Find No,BOM View', ...rows].join('\n'));
}

/** Stores a copy of a resource's graph under another IRI, as a second line of the same source would be. */
async function copyGraph(store: ImportStore, from: string, to: string): Promise<void> {
  const quads = (await store.quads(from)).map((candidate) => DataFactory.quad(candidate.subject.value === from ? DataFactory.namedNode(to) : candidate.subject, candidate.predicate, candidate.object));
  await store.store.commit([{ graph: to, quads, expectedVersion: null }]);
}

function writeCsv(name: string, text: string): string {
  const path = join(directory.path, name);
  writeFileSync(path, text);
  return path;
}

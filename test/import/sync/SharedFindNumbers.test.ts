import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { csvBomWriter, ImportStore } from '../helpers/ImportStore.js';

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
  });
});

function writeCsv(name: string, text: string): string {
  const path = join(directory.path, name);
  writeFileSync(path, text);
  return path;
}

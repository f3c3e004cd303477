import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { bufferInput, openInput } from '../../../src/import/ImportInput.js';
import { defaultSourceName, importSourceIri } from '../../../src/import/Provenance.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';

const directory = temporaryDirectory('dt-source-');
after(() => directory.remove());

/** Writes a parent-child CSV BOM into a sub-folder of the test folder and returns its path. */
function csvFile(folder: string, rows: string[]): string {
  mkdirSync(join(directory.path, folder), { recursive: true });
  const path = join(directory.path, folder, 'bracket.csv');
  writeFileSync(path, ['Part Number,Parent,Title,Qty,Find No', ...rows].join('\n'));
  return path;
}

const ROWS = ['EHA-900,,Actuator,1,', 'EHA-910,EHA-900,Bracket,2,10', 'NAS1352-3,EHA-900,Screw,8,20'];

describe('import source name', () => {
  const cases: [uri: string, name: string][] = [
    ['/home/planner/exports/bracket.csv', 'bracket.csv'],
    ['exports/bracket.csv', 'bracket.csv'],
    ['C:\\exports\\bracket.csv', 'bracket.csv'],
    ['https://plm.example.com/Windchill/servlet/odata', 'https://plm.example.com/Windchill/servlet/odata'],
  ];
  for (const [uri, name] of cases) {
    it(`defaults to ${name} for ${uri}`, () => {
      assert.equal(defaultSourceName(uri), name);
    });
  }

  it('names the source by a URN or its URL', () => {
    assert.equal(importSourceIri({ uri: '/tmp/a b.csv', name: 'a b.csv' }), 'urn:digital-thread:import-source:a%20b.csv');
    assert.equal(importSourceIri({ uri: 'https://plm.example.com/odata', name: 'https://plm.example.com/odata' }), 'https://plm.example.com/odata');
  });

  describe('re-import', () => {
    let store: ImportStore;
    beforeEach(async () => {
      store = await ImportStore.open();
    });
    afterEach(() => store.close());

    it('from another folder changes nothing', async () => {
      const first = await store.import('csv', csvFile('a', ROWS));
      const versions = await store.versions();
      const second = await store.import('csv', csvFile('b', ROWS));
      assert.deepEqual(second.counts.parts, { created: 0, updated: 0, unchanged: 3, removed: 0 });
      assert.deepEqual(second.counts.bomLines, { created: 0, updated: 0, unchanged: 2, removed: 0 });
      assert.deepEqual(await store.versions(), versions);
      const bracket = (await store.part('EHA-910', '-'))!;
      assert.deepEqual(await store.values(bracket, `${NS.prov}wasDerivedFrom`), ['urn:digital-thread:import-source:bracket.csv']);
      assert.deepEqual(await store.values(bracket, `${NS.dt}importOrigin`), [first.source.origin]);
      assert.match(first.source.origin, /^file:\/\/\/.*\/a\/bracket\.csv$/);
    });

    it('as an upload with the same name changes nothing', async () => {
      await store.import('csv', csvFile('a', ROWS));
      const upload = bufferInput('bracket.csv', Buffer.from(['Part Number,Parent,Title,Qty,Find No', ...ROWS].join('\n')), 'urn:x-dt:upload:fcc:bracket.csv');
      const second = await store.import('csv', upload, { source: 'bracket.csv' });
      assert.deepEqual([second.counts.parts.unchanged, second.counts.bomLines.unchanged], [3, 2]);
    });

    it('with removal from another folder removes what disappeared', async () => {
      const first = await store.import('csv', csvFile('a', ROWS));
      const second = await store.import('csv', csvFile('b', ROWS.slice(0, 2)), { removeMissing: true });
      assert.deepEqual(second.counts.parts, { created: 0, updated: 1, unchanged: 1, removed: 1 });
      assert.deepEqual(second.counts.bomLines, { created: 0, updated: 0, unchanged: 1, removed: 1 });

      // The removed screw was created from folder a, so the summary names that file.
      const warning = second.warnings.find((issue) => issue.message.includes('was used before for'));
      assert.ok(warning !== undefined, second.warnings.map((issue) => issue.message).join('\n'));
      assert.equal(
        warning.message,
        `This removal run removes 2 resources that the source no longer has. Source name bracket.csv was used before for another file, <${first.source.origin}>, whose imports created them, ` +
          'so these may be different documents that share a file name, or one document read from another folder. Removing them is right only if this file replaces the earlier file. ' +
          'If the files are different documents, import each under a source name of its own with --source NAME (source=NAME on the import endpoint).',
      );
    });

    it('with removal as an upload under the name', async () => {
      await store.import('csv', csvFile('a', ROWS));
      const rows = ['Part Number,Parent,Title,Qty,Find No', ...ROWS.slice(0, 2)].join('\n');
      const upload = bufferInput('bracket.csv', Buffer.from(rows), 'urn:x-dt:upload:fcc:bracket.csv');

      // Naming the source states that the upload and the file are one source, so no other file is named.
      const second = await store.import('csv', upload, { source: 'bracket.csv', removeMissing: true });

      assert.deepEqual(second.counts.parts.removed, 1);
      assert.deepEqual(second.warnings.filter((issue) => issue.message.includes('was used before for')), []);
    });

    it('with removal of a taken-over part from another file', async () => {
      // other.csv takes the screw over with another title. bracket.csv drops its line to the screw, then
      // other.csv drops the screw, which it removes. The screw was created from bracket.csv, another file
      // name, so this is no case of one source read from two folders.
      const bracket = csvFile('a', ROWS);
      await store.import('csv', bracket);
      const other = join(directory.path, 'a', 'other.csv');
      writeFileSync(other, 'Part Number,Parent,Title,Qty,Find No\nEHA-950,,Pump,1,\nNAS1352-3,EHA-950,Screw (cad plated),4,10\n');
      await store.import('csv', other);
      await store.import('csv', csvFile('a', ROWS.slice(0, 2)), { removeMissing: true });
      writeFileSync(other, 'Part Number,Parent,Title,Qty,Find No\nEHA-950,,Pump,1,\n');

      const removal = await store.import('csv', other, { removeMissing: true });

      assert.deepEqual(removal.counts.parts.removed, 1);
      assert.deepEqual(removal.counts.bomLines.removed, 1);
      assert.deepEqual(removal.warnings.filter((issue) => issue.message.includes('was used before for')), []);
    });

    it('under another name is another source', async () => {
      await store.import('csv', csvFile('a', ROWS));
      const second = await store.import('csv', openInput(csvFile('b', ROWS.slice(0, 2))), { source: 'bracket-rev-b', removeMissing: true });
      assert.equal(second.source.iri, 'urn:digital-thread:import-source:bracket-rev-b');
      assert.deepEqual(second.counts.parts.removed, 0);
      assert.deepEqual(second.counts.bomLines.removed, 0);
    });

    it('rejects an empty source name', async () => {
      await assert.rejects(store.import('csv', csvFile('a', ROWS), { source: ' ' }), /The source name is empty/);
      await assert.rejects(store.import('csv', csvFile('a', ROWS), { source: '/' }), /The source name is empty/);
    });

    const paths: [source: string, iri: string][] = [
      ['/exports/2026-03/bracket.csv', 'urn:digital-thread:import-source:bracket.csv'],
      ['./bracket.csv', 'urn:digital-thread:import-source:bracket.csv'],
      ['C:\\exports\\bracket.csv', 'urn:digital-thread:import-source:bracket.csv'],
      ['bracket-rev-b', 'urn:digital-thread:import-source:bracket-rev-b'],
      ['https://plm.example.com/odata', 'https://plm.example.com/odata'],
    ];
    for (const [source, iri] of paths) {
      it(`named ${source} is source ${iri}`, async () => {
        const report = await store.import('csv', csvFile('a', ROWS), { source, dryRun: true });
        assert.equal(report.source.iri, iri);
      });
    }

    it('with removal of an empty source is rejected', async () => {
      await store.import('csv', csvFile('a', ROWS));
      const versions = await store.versions();

      const empty = csvFile('b', []);
      await assert.rejects(store.import('csv', empty, { removeMissing: true }), (error: Error) => {
        assert.match(error.message, /^The import was rejected with 1 error; nothing was written:\n- bracket\.csv: The source lists no parts, BOM lines or requirements, so the removal run would remove all 5 resources that source bracket\.csv wrote last \(/);
        assert.match(error.message, /, 2 more\)\. Check that this is the right file, and that the import command matches its format\./);
        return true;
      });
      assert.deepEqual(await store.versions(), versions);

      // Without removal, the empty source only reports what it no longer has.
      const withoutRemoval = await store.import('csv', empty);
      assert.deepEqual(withoutRemoval.counts.parts, { created: 0, updated: 0, unchanged: 0, removed: 0 });
      assert.match(withoutRemoval.warnings.at(-1)!.message, /^The source no longer has 3 parts and 2 BOM lines that its earlier imports wrote last \(.*\); they are kept\. The source lists nothing, so check that this is the right file and that the import command matches its format\.$/);
      assert.deepEqual(await store.versions(), versions);
    });

    it('with removal by a file of another kind is rejected', async () => {
      await store.import('csv', csvFile('a', ROWS));
      const versions = await store.versions();

      const reqif = join('test', 'fixtures', 'import', 'reqif', 'ReqIF_Studio', '01_anonimized_example', 'sample.reqif');
      await assert.rejects(store.import('reqif', reqif, { source: 'bracket.csv', removeMissing: true }), (error: Error) => {
        assert.match(error.message, /^The import was rejected with 1 error; nothing was written:\n- sample\.reqif: The source lists no parts, so the removal run would remove all 3 parts that source bracket\.csv wrote last \(part /);
        assert.match(error.message, /\)\. Check that this is the right file and that --source \(source= on the import endpoint\) names its own source, not the source of another file\.$/);
        return true;
      });
      assert.deepEqual(await store.versions(), versions);
    });

    it('with removal of every BOM line is accepted', async () => {
      await store.import('csv', csvFile('a', ROWS));
      const report = await store.import('csv', csvFile('a', ['EHA-900,,Actuator,1,']), { removeMissing: true });
      assert.deepEqual(report.counts.bomLines.removed, 2);
      assert.deepEqual(report.counts.parts.removed, 2);
    });

    it('with removal of an empty new source writes nothing', async () => {
      const report = await store.import('csv', csvFile('c', []), { source: 'new-source', removeMissing: true });
      assert.equal(report.changes.length, 0);
    });
  });
});

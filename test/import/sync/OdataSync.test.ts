import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ImportError } from '../../../src/import/ImportErrors.js';
import { AUTHORIZATION, FakeWindchill } from '../odata/FakeWindchill.js';
import { PARTS } from '../odata/WindchillPayloads.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';

/** The invented nose landing gear BOM that the fake Windchill serves, as stored after a full pull. */
const NLG_BOM: [string, string, number][] = [
  ['FCC-300-000', 'FCC-310-100', 3],
  ['FCC-300-000', 'NAS1352-08-6', 12],
  ['NLG-1000', 'AN6-12A', 4],
  ['NLG-1000', 'MS21042-6', 4],
  ['NLG-1000', 'NLG-1100', 1],
  ['NLG-1000', 'NLG-1200', 1],
  ['NLG-1100', 'M5606-HF', 0.45],
  ['NLG-1100', 'MS21042-6', 6],
  ['NLG-1100', 'NLG-1110', 1],
  ['NLG-1100', 'NLG-1120', 1],
  ['NLG-1200', 'AN6-12A', 2],
  ['NLG-1200', 'NLG-1210', 1],
];

describe('Windchill OData import', () => {
  const windchill = new FakeWindchill();
  let store: ImportStore;
  before(() => windchill.start());
  after(() => windchill.stop());
  beforeEach(async () => {
    store = await ImportStore.open();
    windchill.requests.length = 0;
    windchill.parts = [...PARTS];
    windchill.scenario = { interruptions: [], pageSize: 4, expandUses: true, pagingLoop: false };
  });
  afterEach(() => store.close());

  it('full pull follows every page', async () => {
    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    assert.equal(report.source.system, 'Windchill');
    assert.equal(report.source.iri, windchill.serviceRoot);
    assert.equal(report.source.origin, `${windchill.serviceRoot}/ProdMgmt`);
    assert.deepEqual(report.counts.parts, { created: 9, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 10, updated: 0, unchanged: 0, removed: 0 });
    assert.equal(report.highWaterMark, '2026-02-11T09:14:52Z');
    assert.deepEqual(await store.bom(), NLG_BOM);

    assert.deepEqual(
      windchill.requests.map((request) => new URL(request.url, 'http://127.0.0.1').searchParams.get('$skiptoken')),
      [null, '4', '8'],
    );
    assert.ok(windchill.requests.every((request) => request.authorization === AUTHORIZATION));
  });

  it('second full pull changes nothing', async () => {
    await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    const versions = await store.versions();
    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 9, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: 10, removed: 0 });
    assert.deepEqual(await store.versions(), versions);
  });

  it('incremental pull reads only later changes', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    const piston = (await store.part('NLG-1120', 'B'))!;
    const versions = await store.versions();
    windchill.parts = windchill.parts.map((part) => (part.id === 200314 ? { ...part, name: 'Piston, chromed', lastModified: '2026-03-02T10:00:00Z' } : part));
    windchill.requests.length = 0;

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    const first = new URL(windchill.requests[0]!.url, 'http://127.0.0.1');
    assert.equal(first.searchParams.get('$filter'), 'LastModified ge 2026-02-11T09:14:52Z');
    assert.equal(windchill.requests.length, 1);
    // The parts changed at the mark itself are read again, unchanged.
    assert.deepEqual(report.counts.parts, { created: 0, updated: 1, unchanged: 4, removed: 0 });
    // The assembly at the mark brings its BOM lines, and the piston's line takes the piston's new title.
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 1, unchanged: 3, removed: 0 });
    // An incremental pull has only the changed parts, so the others are not missing from the source.
    assert.deepEqual(report.warnings.filter((issue) => issue.message.includes('no longer has')), []);
    assert.equal(report.highWaterMark, '2026-03-02T10:00:00Z');
    assert.equal(await store.part('NLG-1120', 'B'), piston);
    assert.deepEqual(await store.values(piston, `${NS.dcterms}title`), ['Piston, chromed']);

    const changed = await store.changedResources(versions);
    assert.equal(changed.length, 2);
    assert.ok(changed.includes(piston));
    const line = changed.find((iri) => iri !== piston)!;
    assert.deepEqual(await store.values(line, `${NS.oslc_plm}representsPart`), [piston]);
  });

  it('incremental pull names dropped uses', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    // Windchill removes the nut (find number 4) from the nose landing gear assembly.
    windchill.parts = windchill.parts.map((part) =>
      part.id === 200311 ? { ...part, lastModified: '2026-03-02T10:00:00Z', uses: part.uses.filter((use) => use.findNumber !== '4') } : part,
    );

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    assert.deepEqual(report.counts.bomLines.removed, 0);
    assert.deepEqual(
      report.warnings.filter((issue) => issue.message.startsWith('The pulled assemblies')).map((issue) => issue.message),
      [
        'The pulled assemblies no longer use what 1 stored BOM line describes (BOM line NLG-1000 rev C > MS21042-6 rev - find 4); an incremental pull keeps it. A full pull with --remove-missing removes it.',
      ],
    );
  });

  it('incremental pull names uses of other sources', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    // A maintenance BOM in a CSV adds a grease fitting to the nose landing gear assembly, which Windchill never lists.
    const directory = temporaryDirectory('dt-odata-sync-');
    try {
      const file = join(directory.path, 'maintenance.csv');
      writeFileSync(file, 'Part Number,Revision,Parent,Parent Revision,Title,Qty,Find No\nMS15002-1,-,NLG-1000,C,Grease fitting,1,90\n');
      await store.import('csv', file);
    } finally {
      directory.remove();
    }
    windchill.parts = windchill.parts.map((part) => (part.id === 200311 ? { ...part, lastModified: '2026-03-02T10:00:00Z' } : part));

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    assert.deepEqual(
      report.warnings.filter((issue) => issue.message.startsWith('The pulled assemblies')).map((issue) => issue.message),
      [
        'The pulled assemblies do not use what 1 BOM line of maintenance.csv describes (BOM line NLG-1000 rev C > MS15002-1 rev - find 90). ' +
          'The pull leaves it with that source, whose --remove-missing run removes it once its file no longer lists it.',
      ],
    );
  });

  it('retries 429 and 503, then imports', async () => {
    windchill.scenario.interruptions = [{ status: 429, retryAfter: '0' }, { status: 503, retryAfter: '0' }];
    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    assert.equal(report.counts.parts.created, 9);
    assert.equal(windchill.requests.length, 5);
  });

  it('wrong credentials write nothing', async () => {
    const versions = await store.versions();
    await assert.rejects(store.import('odata', windchill.serviceRoot, { authorization: 'Basic d3Jvbmc6d3Jvbmc=' }), (error: unknown) => {
      assert.ok(error instanceof ImportError);
      assert.match(error.message, /401 Unauthorized/);
      return true;
    });
    assert.deepEqual(await store.versions(), versions);
    assert.equal(windchill.requests.length, 1);
  });
});

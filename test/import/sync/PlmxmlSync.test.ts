import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ImportStore, NS } from '../helpers/ImportStore.js';

const PLMXML = join('test', 'fixtures', 'import', 'plmxml');

describe('PLM XML import', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  const cases: { file: string; parts: number; bomLines: number }[] = [
    { file: 'mlg-productview.plmxml', parts: 12, bomLines: 13 },
    { file: 'nlg-instancegraph.plmxml', parts: 4, bomLines: 3 },
  ];
  for (const { file, parts, bomLines } of cases) {
    it(`imports ${file} once`, async () => {
      const first = await store.import('plmxml', join(PLMXML, file));
      assert.equal(first.source.system, 'Teamcenter PLM XML');
      assert.deepEqual(first.counts.parts, { created: parts, updated: 0, unchanged: 0, removed: 0 });
      assert.deepEqual(first.counts.bomLines, { created: bomLines, updated: 0, unchanged: 0, removed: 0 });
      const versions = await store.versions();
      const second = await store.import('plmxml', join(PLMXML, file));
      assert.deepEqual(second.counts.parts, { created: 0, updated: 0, unchanged: parts, removed: 0 });
      assert.deepEqual(await store.versions(), versions);
    });
  }

  it('stores user attributes named like Part properties', async () => {
    await store.import('plmxml', join(PLMXML, 'mlg-productview.plmxml'));
    const cylinder = (await store.part('MLG-3110', 'A'))!;
    assert.deepEqual(await store.values(cylinder, `${NS.dcterms}title`), ['Outer Cylinder']);
    assert.deepEqual(await store.values(cylinder, `${NS.dt}material`), ['300M steel, cadmium-free coating']);
    assert.deepEqual(await store.values(cylinder, `${NS.dt}sourceSystem`), ['Teamcenter PLM XML']);
  });

  it('names user attributes that match no Part property', async () => {
    // PLM XML has no mapping, so the warning advises renaming in Teamcenter rather than --mapping.
    const report = await store.import('plmxml', join(PLMXML, 'nlg-instancegraph.plmxml'));
    assert.deepEqual(
      report.warnings.map((issue) => issue.message).filter((message) => message.startsWith('Ignored')),
      ['Ignored source attributes that match no Part property: Supplier. An attribute is stored when its name is that of a Part property (such as material, mass or lifecycleState); rename it in the source system to store it.'],
    );
  });
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { emptyBatch } from '../../../src/import/ImportModel.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { csvBomWriter, ImportStore, NS } from '../helpers/ImportStore.js';

const { literal, namedNode, quad } = DataFactory;

const directory = temporaryDirectory('dt-server-edits-');
after(() => directory.remove());

const csvFile = csvBomWriter(directory.path);

const SET_BACK = 'This import sets back values of';
const REMOVES = 'This removal run removes';

/** Returns the warnings of a report that start with one of the prefixes. */
function editWarnings(report: { warnings: ReadonlyArray<{ message: string }> }): string[] {
  return report.warnings.map((warning) => warning.message).filter((message) => [SET_BACK, REMOVES, 'This import would set', 'This import changes'].some((prefix) => message.startsWith(prefix)));
}

describe('import over server edits', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  /** Replaces the values of one property of a stored resource, as an OSLC PUT would. */
  async function edit(iri: string, property: string, values: Quad['object'][]): Promise<void> {
    const quads = (await store.quads(iri)).filter((candidate) => candidate.predicate.value !== property);
    quads.push(...values.map((value) => quad(namedNode(iri), namedNode(property), value)));
    await store.store.commit([{ graph: iri, quads }]);
  }

  it('title edited on the server', async () => {
    const file = csvFile('edited.csv', ['EHA-500,,Actuator,1,', 'EHA-510,EHA-500,Bracket,2,10']);
    await store.import('csv', file);
    const bracket = (await store.part('EHA-510', '-'))!;
    await edit(bracket, `${NS.dcterms}title`, [literal('Bracket LH')]);

    const preview = await store.import('csv', file, { dryRun: true });
    assert.deepEqual(editWarnings(preview), [
      'This import would set back values of 1 resource that were changed on this server or by another source after the last import of this source, which still gives what it gave then: part EHA-510 rev - (Title). ' +
        'The source owns these values, so change them in the source system to keep them.',
    ]);

    const report = await store.import('csv', file);
    assert.deepEqual(editWarnings(report), [
      'This import sets back values of 1 resource that were changed on this server or by another source after the last import of this source, which still gives what it gave then: part EHA-510 rev - (Title). ' +
        'The source owns these values, so change them in the source system to keep them.',
    ]);
    assert.deepEqual(await store.values(bracket, `${NS.dcterms}title`), ['Bracket']);

    // The import state now records the version that this import wrote, so the next import is quiet.
    assert.deepEqual(editWarnings(await store.import('csv', file)), []);
  });

  it('value the source does not own', async () => {
    const file = csvFile('state.csv', ['EHA-600,,Pump,1,', 'EHA-610,EHA-600,Gear,2,10']);
    await store.import('csv', file);
    const gear = (await store.part('EHA-610', '-'))!;
    await edit(gear, `${NS.dt}lifecycleState`, [namedNode(`${NS.dt}Released`)]);

    const report = await store.import('csv', file);
    assert.deepEqual(editWarnings(report), []);
    assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 2, removed: 0 });
  });

  it('description without a column stays', async () => {
    // The file has no description column, so it gives no descriptions to keep or clear.
    const file = csvFile('described.csv', ['EHA-650,,Pump,1,', 'EHA-660,EHA-650,Impeller,1,10']);
    await store.import('csv', file);
    const impeller = (await store.part('EHA-660', '-'))!;
    await edit(impeller, `${NS.dcterms}description`, [literal('Added by the stress team')]);

    const report = await store.import('csv', file);
    assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 2, removed: 0 });
    assert.deepEqual(report.warnings, []);
    assert.deepEqual(await store.values(impeller, `${NS.dcterms}description`), ['Added by the stress team']);
  });

  it('source without descriptions keeps them', async () => {
    // A STEP export gives the description; a PLM pull that has none takes the part over by its title.
    const file = join(directory.path, 'described.csv');
    writeFileSync(file, 'Part Number,Parent,Title,Description,Qty\nEHA-670,,Pump,,1\nEHA-680,EHA-670,Impeller,Cast impeller,1\n');
    await store.import('csv', file);
    const impeller = (await store.part('EHA-680', '-'))!;

    const pull = emptyBatch('Windchill', 'urn:x-test:windchill');
    pull.parts.push({ sourceId: 'OR:wt.part.WTPart:680', partNumber: 'EHA-680', revision: '-', title: 'Impeller, cast', location: { file: 'urn:x-test:windchill' } });
    const report = await store.synchronizer.synchronize(pull, { provider: 'fcc' });
    assert.equal(report.counts.parts.updated, 1);
    assert.deepEqual(await store.values(impeller, `${NS.dcterms}title`), ['Impeller, cast']);
    assert.deepEqual(await store.values(impeller, `${NS.dcterms}description`), ['Cast impeller']);
    assert.deepEqual(
      report.warnings.filter((warning) => warning.message.includes('Description')),
      [],
    );
  });

  it('source changed the value too', async () => {
    // Both changed the title, so the warning names what the import sets without claiming to set anything back.
    const file = csvFile('both.csv', ['EHA-700,,Valve block,1,', 'EHA-710,EHA-700,Spool,1,10']);
    await store.import('csv', file);
    const spool = (await store.part('EHA-710', '-'))!;
    await edit(spool, `${NS.dcterms}title`, [literal('Spool, edited')]);
    csvFile('both.csv', ['EHA-700,,Valve block,1,', 'EHA-710,EHA-700,Spool machined,1,10']);

    const report = await store.import('csv', file);
    assert.deepEqual(editWarnings(report), [
      'This import changes 1 resource that was also changed after the last import of this source, on this server or by another source: part EHA-710 rev - (Title). ' +
        'It sets the values that the source gives now, so check that none of them replaces an edit that should stay, and make such edits in the source system.',
    ]);
    assert.deepEqual(await store.values(spool, `${NS.dcterms}title`), ['Spool machined']);
  });

  it('removal of an edited resource', async () => {
    const file = csvFile('removed.csv', ['EHA-800,,Manifold,1,', 'NAS1611-012,EHA-800,Packing,2,10']);
    await store.import('csv', file);
    const packing = (await store.part('NAS1611-012', '-'))!;
    await edit(packing, `${NS.dcterms}description`, [literal('Use the fluorosilicone packing on the fuel side.')]);
    csvFile('removed.csv', ['EHA-800,,Manifold,1,']);

    const report = await store.import('csv', file, { removeMissing: true });
    assert.equal(report.counts.parts.removed, 1);
    assert.deepEqual(editWarnings(report), [
      'This removal run removes 1 resource that was changed on this server or by another source after this source imported it, and what was added to it goes with it: part NAS1611-012 rev -. ' +
        'Copy any links or values to keep before the run, or keep the items in the source.',
    ]);
  });

  it('removal after an import kept the edit', async () => {
    // The description is no value of the file, so the next import keeps it, and the removal run still warns.
    const file = csvFile('kept-edit.csv', ['EHA-810,,Manifold,1,', 'NAS1611-014,EHA-810,Packing,2,10']);
    await store.import('csv', file);
    const packing = (await store.part('NAS1611-014', '-'))!;
    await edit(packing, `${NS.dcterms}description`, [literal('Use the fluorosilicone packing on the fuel side.')]);
    const kept = await store.import('csv', file);
    assert.deepEqual(kept.counts.parts, { created: 0, updated: 0, unchanged: 2, removed: 0 });
    assert.deepEqual(editWarnings(kept), []);
    assert.deepEqual(editWarnings(await store.import('csv', file)), []);
    csvFile('kept-edit.csv', ['EHA-810,,Manifold,1,']);

    const report = await store.import('csv', file, { removeMissing: true });
    assert.equal(report.counts.parts.removed, 1);
    assert.deepEqual(editWarnings(report), [
      'This removal run removes 1 resource that was changed on this server or by another source after this source imported it, and what was added to it goes with it: part NAS1611-014 rev -. ' +
        'Copy any links or values to keep before the run, or keep the items in the source.',
    ]);
  });
});

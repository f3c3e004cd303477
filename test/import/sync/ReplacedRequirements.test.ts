import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { bufferInput } from '../../../src/import/ImportInput.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';

const DOORS = join('test', 'fixtures', 'import', 'reqif', 'Doors', '02_example_from_a_user', 'sample.reqif');
const OLD_ID = '_2_7e1c200d-5c01-4b93-941d-95fadf8feb0c';
const NEW_ID = '_2_0f6b1c55-3a0e-4d7b-9a51-6c2d8e4f1a90';

/** Returns the DOORS export, with SPEC-OBJECT 2 under another IDENTIFIER when `copied`, as an export of a copied module gives it. */
function doorsExport(copied: boolean): ReturnType<typeof bufferInput> {
  const text = readFileSync(DOORS, 'utf8');
  return bufferInput('srs.reqif', Buffer.from(copied ? text.replaceAll(OLD_ID, NEW_ID) : text));
}

describe('requirements under new SPEC-OBJECT IDENTIFIERs', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  it('warns about the replaced requirement', async () => {
    const first = await store.import('reqif', doorsExport(false));
    assert.equal(first.counts.requirements.created, 3);
    const stored = first.changes.find((change) => change.type === 'requirements' && change.label.endsWith(' 2'));
    assert.ok(stored !== undefined, first.changes.map((change) => change.label).join('\n'));
    assert.deepEqual(await store.values(stored.iri, `${NS.dt}sourceId`), [OLD_ID]);

    const second = await store.import('reqif', doorsExport(true), { dryRun: true });
    assert.deepEqual(second.counts.requirements, { created: 1, updated: 0, unchanged: 2, removed: 0 });
    const warnings = second.warnings.filter((warning) => warning.message.includes('under another SPEC-OBJECT IDENTIFIER'));
    assert.equal(warnings.length, 1);
    assert.equal(
      warnings[0]!.message,
      `This import would create a requirement with the tool identifier of a requirement that this source stored before and no longer has, under another SPEC-OBJECT IDENTIFIER (2, stored as ${stored.iri} with SPEC-OBJECT IDENTIFIER ${OLD_ID}, now ${NEW_ID}). ` +
        'Requirements are matched by SPEC-OBJECT IDENTIFIER, which stays the same across exports of one module, so the tool probably exported a copy or a re-created module. ' +
        'Links to the stored requirements stay on them, and a --remove-missing run would remove them with their links; export the original module instead if these are the same requirements.',
    );
  });

  it('another source is not compared', async () => {
    await store.import('reqif', doorsExport(false));
    const other = await store.import('reqif', doorsExport(true), { source: 'srs-copy.reqif', dryRun: true });
    assert.equal(other.warnings.some((warning) => warning.message.includes('under another SPEC-OBJECT IDENTIFIER')), false);
  });
});

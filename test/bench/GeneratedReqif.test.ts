import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateReqif } from '../../bench/GeneratedReqif.js';
import { bufferInput } from '../../src/import/ImportInput.js';
import { importReqif } from '../../src/import/reqif/importReqif.js';
import { DT } from '../../src/rdf/namespaces.js';

describe('generateReqif', () => {
  it('imports as the specification it describes', async () => {
    const text = generateReqif(120);
    const batch = await importReqif(bufferInput('generated-srs.reqif', Buffer.from(text, 'utf8')));

    assert.deepEqual(batch.issues, []);
    assert.equal(batch.requirements.length, 120);
    const first = batch.requirements[0]!;
    assert.equal(first.identifier, 'SRS-000001');
    assert.equal(first.parent, undefined);
    const second = batch.requirements[1]!;
    assert.equal(second.title, 'Actuator command limit 2');
    assert.equal(second.parent, first.sourceId);
    assert.match(second.descriptionXhtml ?? '', /<b>shall<\/b>/);

    // Three sections of 50 objects: headings 1, 51 and 101 have no parent.
    assert.equal(batch.requirements.filter((requirement) => requirement.parent === undefined).length, 3);

    // Objects 57, 64, ..., 120 trace to the object 50 places before them.
    assert.equal(batch.links.length, 10);
    assert.ok(batch.links.every((link) => link.property === DT('tracesTo')));
    assert.equal(batch.links[0]!.linkType, 'Traces to');
  });
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { csvBomWriter, ImportStore, NS } from '../helpers/ImportStore.js';

const directory = temporaryDirectory('dt-shared-');
after(() => directory.remove());
const csvFile = csvBomWriter(directory.path);

const SOURCE = 'urn:digital-thread:import-source:';

describe('parts that several sources describe', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('stay when the sources agree', async () => {
    const left = csvFile('left-wing.csv', ['WNG-100,,Left wing box,1,', 'NAS6204-6,WNG-100,Bolt,40,10']);
    const right = csvFile('right-wing.csv', ['WNG-200,,Right wing box,1,', 'NAS6204-6,WNG-200,Bolt,40,10']);
    await store.import('csv', left);

    const first = await store.import('csv', right);
    assert.deepEqual(first.counts.parts, { created: 1, updated: 0, unchanged: 1, removed: 0 });
    const bolt = (await store.part('NAS6204-6', '-'))!;
    assert.deepEqual(await store.values(bolt, `${NS.prov}wasDerivedFrom`), [`${SOURCE}left-wing.csv`]);
    assert.deepEqual(first.warnings, []);

    // Each source again: nothing to take back and forth.
    for (const file of [left, right, left]) {
      const again = await store.import('csv', file);
      assert.equal(again.changes.length, 0, `${file}: ${again.changes.map((change) => change.label).join(', ')}`);
    }
  });

  it('move to a disagreeing source', async () => {
    await store.import('csv', csvFile('left-wing.csv', ['WNG-100,,Left wing box,1,', 'NAS6204-6,WNG-100,Bolt,40,10']));
    const bolt = (await store.part('NAS6204-6', '-'))!;

    const rightWing = csvFile('right-wing.csv', ['WNG-200,,Right wing box,1,', 'NAS6204-6,WNG-200,"Bolt, hex head",40,10']);
    const dryRun = await store.import('csv', rightWing, { dryRun: true });
    assert.match(dryRun.warnings[0]!.message, /^This import would take over 1 resource that left-wing\.csv wrote last, because it describes it differently/);
    const report = await store.import('csv', rightWing);

    assert.deepEqual(report.counts.parts, { created: 1, updated: 1, unchanged: 0, removed: 0 });
    assert.deepEqual(await store.values(bolt, `${NS.prov}wasDerivedFrom`), [`${SOURCE}right-wing.csv`]);
    assert.deepEqual(await store.values(bolt, `${NS.dcterms}title`), ['Bolt, hex head']);
    assert.deepEqual(
      report.warnings.map((warning) => warning.message),
      [
        'This import takes over 1 resource that left-wing.csv wrote last, because it describes it differently (part NAS6204-6 rev - from left-wing.csv). ' +
          'Each import of one of these sources sets the values again; make the sources agree, or import such items from one source only.',
      ],
    );
  });

  it('taken over from users keep blank values', async () => {
    // A part of the mini programme, created on the server with a mass and a material.
    const screw = (await store.part('NAS1352-08-6', 'A'))!;
    const file = join(directory.path, 'fasteners.csv');
    writeFileSync(file, 'Part Number,Revision,Parent,Title,Qty,Mass,Material\nFST-1,A,,Fastener kit,1,,\nNAS1352-08-6,A,FST-1,Cap screw,4,,\n');
    const report = await store.import('csv', file);

    assert.deepEqual(await store.values(screw, `${NS.dcterms}title`), ['Cap screw']);
    assert.deepEqual(await store.values(screw, `${NS.dt}mass`), ['0.004']);
    assert.deepEqual(await store.values(screw, `${NS.dt}material`), ['CRES A286']);
    assert.deepEqual(
      report.warnings.map((warning) => warning.message),
      [
        'This import takes over 1 resource that a user of this server wrote last, because it describes it differently (part NAS1352-08-6 rev A from a user of this server). ' +
          'Each import of one of these sources sets the values again; make the sources agree, or import such items from one source only.',
      ],
    );
  });

  it('taken over from a source keep blank values', async () => {
    const withMass = join(directory.path, 'mass.csv');
    writeFileSync(withMass, 'Part Number,Parent,Title,Qty,Mass\nWNG-100,,Left wing box,1,\nNAS6204-6,WNG-100,Bolt,40,0.012\n');
    await store.import('csv', withMass);
    const bolt = (await store.part('NAS6204-6', '-'))!;

    const blank = join(directory.path, 'blank.csv');
    writeFileSync(blank, 'Part Number,Parent,Title,Qty,Mass\nWNG-200,,Right wing box,1,\nNAS6204-6,WNG-200,"Bolt, hex head",40,\n');
    const report = await store.import('csv', blank);
    assert.deepEqual(await store.values(bolt, `${NS.dcterms}title`), ['Bolt, hex head']);
    assert.deepEqual(await store.values(bolt, `${NS.dt}mass`), ['0.012']);
    assert.equal(report.warnings.length, 1);

    // The source that wrote the mass last clears it with a blank cell (a column of blank cells only is no column).
    writeFileSync(blank, 'Part Number,Parent,Title,Qty,Mass\nWNG-200,,Right wing box,1,12.5\nNAS6204-6,WNG-200,"Bolt, hex head",40,0.02\n');
    await store.import('csv', blank);
    writeFileSync(blank, 'Part Number,Parent,Title,Qty,Mass\nWNG-200,,Right wing box,1,12.5\nNAS6204-6,WNG-200,"Bolt, hex head",40,\n');
    await store.import('csv', blank);
    assert.deepEqual(await store.values(bolt, `${NS.dt}mass`), []);
  });

  it('cleared by their own source warn', async () => {
    const file = join(directory.path, 'brake.csv');
    writeFileSync(file, 'Part Number,Parent,Title,Qty,Mass,Material\nBK-100,,Brake,1,2.5,Steel\nBK-110,BK-100,Rotor,2,0.85,Carbon-carbon\n');
    await store.import('csv', file);
    writeFileSync(file, 'Part Number,Parent,Title,Qty,Mass,Material\nBK-100,,Brake,1,2.5,Steel\nBK-110,BK-100,Rotor,2,,\n');
    const report = await store.import('csv', file);

    const rotor = (await store.part('BK-110', '-'))!;
    assert.deepEqual(await store.values(rotor, `${NS.dt}mass`), []);
    assert.deepEqual(
      report.warnings.map((warning) => warning.message),
      [
        'This import removes values that earlier imports of this source set and that the source now leaves blank: Mass of part BK-110 rev -; Material of part BK-110 rev -. ' +
          'If the export left them out by mistake, export them again and import it; the changes list the old values.',
      ],
    );
  });

  it('stay under a new source name', async () => {
    const file = csvFile('gear.csv', ['LG-100,,Main gear,1,', 'LG-110,LG-100,Strut,1,10']);
    await store.import('csv', file);
    const strut = (await store.part('LG-110', '-'))!;

    const renamed = await store.import('csv', file, { source: 'main-gear' });
    assert.deepEqual(renamed.counts.parts, { created: 0, updated: 0, unchanged: 2, removed: 0 });
    assert.deepEqual(await store.values(strut, `${NS.prov}wasDerivedFrom`), [`${SOURCE}gear.csv`]);

    // The new name with other values takes the strut over, and the old name takes it back, each with a warning.
    const changed = await store.import('csv', csvFile('gear.csv', ['LG-100,,Main gear,1,', 'LG-110,LG-100,Strut assembly,1,10']), { source: 'main-gear' });
    assert.deepEqual(changed.counts.parts, { created: 0, updated: 1, unchanged: 1, removed: 0 });
    assert.deepEqual(await store.values(strut, `${NS.prov}wasDerivedFrom`), [`${SOURCE}main-gear`]);
    // The BOM line's title contains the strut's, so the line moves too.
    assert.match(changed.warnings[0]!.message, /^This import takes over 2 resources that gear\.csv wrote last, because it describes them differently \(part LG-110 rev - from gear\.csv, BOM line /);
    const back = await store.import('csv', csvFile('gear.csv', ['LG-100,,Main gear,1,', 'LG-110,LG-100,Strut,1,10']));
    assert.deepEqual(back.counts.parts, { created: 0, updated: 1, unchanged: 1, removed: 0 });
    assert.match(back.warnings[0]!.message, /^This import takes over 2 resources that main-gear wrote last/);
  });

  it('reported when a removal leaves them unused', async () => {
    await store.import('csv', csvFile('left-wing.csv', ['WNG-100,,Left wing box,1,', 'HL1010-5,WNG-100,Hi-Lok pin,200,20', 'NAS6204-6,WNG-100,Bolt,40,10']));
    await store.import('csv', csvFile('right-wing.csv', ['WNG-200,,Right wing box,1,', 'HL1010-5,WNG-200,Hi-Lok pin,200,20', 'NAS6204-6,WNG-200,Bolt,40,10']));
    const bolt = (await store.part('NAS6204-6', '-'))!;

    // The left wing drops the bolt; the right wing's line still uses it, so it stays with the left wing.
    const left = await store.import('csv', csvFile('left-wing.csv', ['WNG-100,,Left wing box,1,', 'HL1010-5,WNG-100,Hi-Lok pin,200,20']), { removeMissing: true });
    assert.deepEqual(left.counts.parts.removed, 0);
    assert.match(left.warnings[0]!.message, /^Kept part NAS6204-6 rev - <[^>]+>, which the source no longer has, because BOM line WNG-200 rev - > NAS6204-6 rev - find 10 <[^>]+> still links to it\./);

    // The right wing drops it too: its line goes, and the run names the bolt that nothing uses now.
    const right = await store.import('csv', csvFile('right-wing.csv', ['WNG-200,,Right wing box,1,', 'HL1010-5,WNG-200,Hi-Lok pin,200,20']), { removeMissing: true });
    assert.deepEqual(right.counts.bomLines.removed, 1);
    assert.deepEqual(right.counts.parts.removed, 0);
    assert.deepEqual(
      right.warnings.map((warning) => warning.message),
      [
        `After this removal nothing links to part NAS6204-6 rev - <${bolt}> (source left-wing.csv) any more. ` +
          'It stays because another source wrote it last; a --remove-missing run of that source removes it if its file no longer lists it.',
      ],
    );

    // The left wing's next removal run removes it, as the warning states.
    const again = await store.import('csv', csvFile('left-wing.csv', ['WNG-100,,Left wing box,1,', 'HL1010-5,WNG-100,Hi-Lok pin,200,20']), { removeMissing: true });
    assert.deepEqual(again.counts.parts.removed, 1);
    assert.equal(await store.part('NAS6204-6', '-'), undefined);
  });

  it('not reported while another line uses them', async () => {
    await store.import('csv', csvFile('left-wing.csv', ['WNG-100,,Left wing box,1,', 'HL1010-5,WNG-100,Hi-Lok pin,200,20', 'NAS6204-6,WNG-100,Bolt,40,10']));
    await store.import('csv', csvFile('right-wing.csv', ['WNG-200,,Right wing box,1,', 'NAS6204-6,WNG-200,Bolt,40,10', 'NAS6204-6,WNG-200,Bolt,12,20']));

    const right = await store.import('csv', csvFile('right-wing.csv', ['WNG-200,,Right wing box,1,', 'NAS6204-6,WNG-200,Bolt,12,20']), { removeMissing: true });
    assert.deepEqual(right.counts.bomLines.removed, 1);
    assert.deepEqual(right.warnings, []);
  });

  it('keep import time when only linked', async () => {
    await store.import('csv', csvFile('module.csv', ['EHA-900,,Module,1,', 'EHA-911,EHA-900,Motor,1,10']));
    const motor = (await store.part('EHA-911', '-'))!;
    const [generated] = await store.values(motor, `${NS.prov}generatedAtTime`);
    const [modified] = await store.values(motor, `${NS.dcterms}modified`);

    // The kit names the motor only as its parent, which adds a BOM line under it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.import('csv', csvFile('kit.csv', ['EHA-912,EHA-911,Encoder,1,20']));

    assert.deepEqual(await store.values(motor, `${NS.prov}generatedAtTime`), [generated]);
    assert.notDeepEqual(await store.values(motor, `${NS.dcterms}modified`), [modified]);
    assert.deepEqual(await store.values(motor, `${NS.prov}wasDerivedFrom`), [`${SOURCE}module.csv`]);
  });
});

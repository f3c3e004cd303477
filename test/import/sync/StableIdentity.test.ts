import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { bufferInput } from '../../../src/import/ImportInput.js';
import { DETAILED_CHANGES } from '../../../src/import/SyncReport.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';

/** A parent-child CSV BOM without find numbers, so identity falls back to the occurrence index. */
const HEADER = 'Part Number,Revision,Parent,Parent Revision,Title,Qty';
const ROWS = [
  'EHA-700,B,,,Actuator,1',
  'EHA-710,A,EHA-700,B,Housing,1',
  'NAS1352-3,-,EHA-710,A,Screw,8',
  'NAS1352-3,-,EHA-710,A,Screw,4',
  'MS28778-4,-,EHA-710,A,Packing,2',
  'EHA-720,C,EHA-700,B,Piston,1',
];

function csv(rows: readonly string[]): ReturnType<typeof bufferInput> {
  return bufferInput('actuator.csv', Buffer.from([HEADER, ...rows].join('\n')));
}

/**
 * Writes an AP214 file of one assembly and two components whose entity numbers start at `offset`, named
 * `fileName`, with `spoolDescription` as the spool's PRODUCT description.
 */
function step(offset: number, fileName = 'valve.stp', spoolDescription = ''): ReturnType<typeof bufferInput> {
  const id = (n: number): string => `#${offset + n}`;
  const lines = ['ISO-10303-21;', 'HEADER;', "FILE_DESCRIPTION((''),'2;1');", "FILE_NAME('valve.stp','2026-01-01T00:00:00',(''),(''),'','','');", "FILE_SCHEMA(('AUTOMOTIVE_DESIGN { 1 0 10303 214 1 1 1 1 }'));", 'ENDSEC;', 'DATA;'];
  lines.push(`${id(1)}=APPLICATION_CONTEXT('automotive design');`, `${id(2)}=PRODUCT_CONTEXT('',${id(1)},'mechanical');`, `${id(3)}=PRODUCT_DEFINITION_CONTEXT('part definition',${id(1)},'design');`);
  const products: [number, string, string, string][] = [[10, 'EHA-800', 'Valve', ''], [20, 'EHA-810', 'Spool', spoolDescription], [30, 'EHA-820', 'Sleeve', '']];
  for (const [n, number, name, description] of products) {
    lines.push(`${id(n)}=PRODUCT('${number}','${name}','${description}',(${id(2)}));`, `${id(n + 1)}=PRODUCT_DEFINITION_FORMATION('A','',${id(n)});`, `${id(n + 2)}=PRODUCT_DEFINITION('design','',${id(n + 1)},${id(3)});`);
  }
  lines.push(`${id(40)}=NEXT_ASSEMBLY_USAGE_OCCURRENCE('1','','',${id(12)},${id(22)},$);`, `${id(41)}=NEXT_ASSEMBLY_USAGE_OCCURRENCE('2','','',${id(12)},${id(32)},$);`);
  lines.push('ENDSEC;', 'END-ISO-10303-21;', '');
  return bufferInput(fileName, Buffer.from(lines.join('\n')));
}

describe('stable BOM line identity', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  const cases: { name: string; rows: string[]; parts: number[]; bomLines: number[] }[] = [
    // [created, updated, unchanged]; an assembly that gains a component is updated (its inverse component link).
    { name: 'row inserted at the top', rows: ['GSE-1,-,,,Ground cart,1', ...ROWS], parts: [1, 0, 5], bomLines: [0, 0, 5] },
    { name: 'row inserted in the middle', rows: [...ROWS.slice(0, 2), 'AN960-3,-,EHA-710,A,Washer,8', ...ROWS.slice(2)], parts: [1, 1, 4], bomLines: [1, 0, 5] },
    { name: 'one quantity changed', rows: ROWS.map((row) => (row === 'MS28778-4,-,EHA-710,A,Packing,2' ? 'MS28778-4,-,EHA-710,A,Packing,3' : row)), parts: [0, 0, 5], bomLines: [0, 1, 4] },
    { name: 'rows reordered', rows: [ROWS[0]!, ROWS[5]!, ROWS[4]!, ROWS[1]!, ROWS[2]!, ROWS[3]!], parts: [0, 0, 5], bomLines: [0, 0, 5] },
  ];
  for (const { name, rows, parts, bomLines } of cases) {
    it(`CSV ${name}`, async () => {
      const first = await store.import('csv', csv(ROWS));
      assert.deepEqual(first.counts.bomLines, { created: 5, updated: 0, unchanged: 0, removed: 0 });
      const second = await store.import('csv', csv(rows));
      assert.deepEqual([second.counts.parts.created, second.counts.parts.updated, second.counts.parts.unchanged], parts);
      assert.deepEqual([second.counts.bomLines.created, second.counts.bomLines.updated, second.counts.bomLines.unchanged], bomLines);
    });
  }

  it('dry run names changed properties and removed parts', async () => {
    await store.import('csv', csv(ROWS));
    const rows = ROWS.filter((row) => !row.startsWith('EHA-720')).map((row) => row.replace('Packing,2', 'Packing,3'));
    const report = await store.import('csv', csv(rows), { dryRun: true, removeMissing: true });
    const lines = report.changes.map((change) => `${change.action} ${change.label}${change.details === undefined ? '' : `: ${change.details}`}`);
    assert.deepEqual(lines, [
      'update part EHA-700 rev B: BOM Lines removed BL-000007',
      'update BOM line EHA-710 rev A > MS28778-4 rev - occurrence 1: Quantity 2 pcs → 3 pcs',
      'remove BOM line EHA-700 rev B > EHA-720 rev C occurrence 1: BOM View EBOM; Quantity 1 pcs',
      'remove part EHA-720 rev C: Title Piston; Lifecycle State In Work',
    ]);

    // A removal keeps the removed values in full, each with no value after.
    const removedPart = report.changes.find((change) => change.action === 'remove' && change.type === 'parts')!;
    assert.deepEqual(
      removedPart.values?.map((value) => [value.name, value.before, value.after]),
      [
        ['Title', ['Piston'], []],
        ['Lifecycle State', ['https://w3id.org/digital-thread/ns#InWork'], []],
      ],
    );
  });

  it('dry run shows values of new resources', async () => {
    const rows = [...ROWS, 'AN960-3,-,EHA-710,A,Washer,8'];
    const report = await store.import('csv', bufferInput('actuator.csv', Buffer.from([`${HEADER},Mass`, ...rows.map((row) => `${row},${row.startsWith('EHA-710') ? '2.75' : ''}`)].join('\n'))), { dryRun: true });
    const lines = report.changes.filter((change) => /EHA-710 rev A( occurrence 1)?$|AN960-3 rev -( occurrence 1)?$|NAS1352-3 rev - occurrence 2$/.test(change.label)).map((change) => `${change.action} ${change.label}: ${change.details}`);
    assert.deepEqual(lines, [
      'create part EHA-710 rev A: Title Housing; BOM Lines BL-000004, BL-000005, BL-000006, BL-000008; Lifecycle State In Work; Mass 2.75 kg',
      'create part AN960-3 rev -: Title Washer; Lifecycle State In Work',
      'create BOM line EHA-700 rev B > EHA-710 rev A occurrence 1: BOM View EBOM; Quantity 1 pcs',
      'create BOM line EHA-710 rev A > NAS1352-3 rev - occurrence 2: BOM View EBOM; Quantity 4 pcs',
      'create BOM line EHA-710 rev A > AN960-3 rev - occurrence 1: BOM View EBOM; Quantity 8 pcs',
    ]);
  });

  it('details only the first changes', async () => {
    const rows = ['EHA-700,B,,,Actuator,1', ...Array.from({ length: 1100 }, (_, index) => `NAS1352-${index},-,EHA-700,B,Screw ${index},1`)];
    const report = await store.import('csv', csv(rows), { dryRun: true });
    assert.equal(report.changes.length, 2201);
    assert.equal(report.changes.filter((change) => change.details !== undefined).length, DETAILED_CHANGES);
    assert.equal(report.changes[DETAILED_CHANGES]!.details, undefined);
  });

  it('CSV BOM line source id names parts and occurrence', async () => {
    const report = await store.import('csv', csv(ROWS));
    const sourceIds = (await Promise.all(report.changes.filter((change) => change.type === 'bomLines').map((change) => store.values(change.iri, `${NS.dt}sourceId`)))).flat().sort();
    assert.deepEqual(sourceIds, [
      'EHA-700 rev B > EHA-710 rev A occurrence 1',
      'EHA-700 rev B > EHA-720 rev C occurrence 1',
      'EHA-710 rev A > MS28778-4 rev - occurrence 1',
      'EHA-710 rev A > NAS1352-3 rev - occurrence 1',
      'EHA-710 rev A > NAS1352-3 rev - occurrence 2',
    ]);
  });

  it('STEP re-export with new entity numbers changes nothing', async () => {
    const first = await store.import('step', step(0));
    assert.deepEqual([first.counts.parts.created, first.counts.bomLines.created], [3, 2]);
    const versions = await store.versions();
    const second = await store.import('step', step(1000));
    assert.deepEqual(second.counts.parts, { created: 0, updated: 0, unchanged: 3, removed: 0 });
    assert.deepEqual(second.counts.bomLines, { created: 0, updated: 0, unchanged: 2, removed: 0 });
    assert.deepEqual(await store.versions(), versions);
    const spool = (await store.part('EHA-810', 'A'))!;
    assert.deepEqual(await store.values(spool, `${NS.dt}sourceId`), ['EHA-810/A']);
  });

  it('STEP re-export under a new file name changes nothing', async () => {
    await store.import('step', step(0, 'valve_2026-11.stp'), { source: 'valve' });
    const versions = await store.versions();
    const second = await store.import('step', step(500, 'valve_2026-12.stp'), { source: 'valve' });
    assert.deepEqual(second.counts.parts, { created: 0, updated: 0, unchanged: 3, removed: 0 });
    assert.deepEqual(second.counts.bomLines, { created: 0, updated: 0, unchanged: 2, removed: 0 });
    assert.deepEqual(second.changes, []);
    assert.deepEqual(await store.changedResources(versions), []);
  });

  it('STEP description emptied in CAD is cleared', async () => {
    await store.import('step', step(0, 'valve.stp', 'Hardened spool'));
    const spool = (await store.part('EHA-810', 'A'))!;
    assert.deepEqual(await store.values(spool, `${NS.dcterms}description`), ['Hardened spool']);

    const second = await store.import('step', step(0, 'valve.stp', ''));
    assert.deepEqual(second.counts.parts, { created: 0, updated: 1, unchanged: 2, removed: 0 });
    assert.deepEqual(await store.values(spool, `${NS.dcterms}description`), []);
    const third = await store.import('step', step(0, 'valve.stp', ''));
    assert.deepEqual(third.counts.parts, { created: 0, updated: 0, unchanged: 3, removed: 0 });
  });
});

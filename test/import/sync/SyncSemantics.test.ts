import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { DataFactory } from 'n3';
import { bufferInput } from '../../../src/import/ImportInput.js';
import { emptyBatch } from '../../../src/import/ImportModel.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { FCC, csvBomWriter, ImportStore, NS, rejection } from '../helpers/ImportStore.js';

const { namedNode, quad } = DataFactory;

const directory = temporaryDirectory('dt-sync-');
after(() => directory.remove());

const csvFile = csvBomWriter(directory.path);

/** Writes a minimal AP214 file: products as [entity id, part number, name], usages as [entity id, assembly entity, component entity]. */
function stepText(products: [number, string, string][], usages: [number, number, number][]): string {
  const lines = ['ISO-10303-21;', 'HEADER;', "FILE_DESCRIPTION((''),'2;1');", "FILE_NAME('test.stp','2026-01-01T00:00:00',(''),(''),'','','');", "FILE_SCHEMA(('AUTOMOTIVE_DESIGN { 1 0 10303 214 1 1 1 1 }'));", 'ENDSEC;', 'DATA;'];
  lines.push("#1=APPLICATION_CONTEXT('automotive design');", "#2=PRODUCT_CONTEXT('',#1,'mechanical');", "#3=PRODUCT_DEFINITION_CONTEXT('part definition',#1,'design');");
  for (const [id, number, name] of products) {
    lines.push(`#${id}=PRODUCT('${number}','${name}','',(#2));`, `#${id + 1}=PRODUCT_DEFINITION_FORMATION('A','',#${id});`, `#${id + 2}=PRODUCT_DEFINITION('design','',#${id + 1},#3);`);
  }
  for (const [id, assembly, component] of usages) {
    lines.push(`#${id}=NEXT_ASSEMBLY_USAGE_OCCURRENCE('${id}','','',#${assembly},#${component},$);`);
  }
  lines.push('ENDSEC;', 'END-ISO-10303-21;', '');
  return lines.join('\n');
}

describe('import synchronization', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  it('updates resources in place', async () => {
    const first = csvFile('bracket.csv', ['EHA-500,,Actuator,1,', 'EHA-510,EHA-500,Bracket,2,10', 'NAS1352-3,EHA-500,Screw,8,20']);
    await store.import('csv', first);
    const bracket = (await store.part('EHA-510', '-'))!;
    const versions = await store.versions();

    csvFile('bracket.csv', ['EHA-500,,Actuator,1,', 'EHA-510,EHA-500,Bracket machined,2,10', 'NAS1352-3,EHA-500,Screw,6,20']);
    const report = await store.import('csv', first);
    assert.deepEqual(report.counts.parts, { created: 0, updated: 1, unchanged: 2, removed: 0 });
    // A BOM line's title names its child, so the bracket's line changes with the bracket's title.
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 2, unchanged: 0, removed: 0 });
    assert.deepEqual(
      report.changes.map((change) => `${change.action} ${change.label}`),
      ['update part EHA-510 rev -', 'update BOM line EHA-500 rev - > EHA-510 rev - find 10', 'update BOM line EHA-500 rev - > NAS1352-3 rev - find 20'],
    );
    assert.equal(await store.part('EHA-510', '-'), bracket);
    assert.deepEqual(await store.values(bracket, `${NS.dcterms}title`), ['Bracket machined']);
    assert.ok(
      (await store.bom()).some(([assembly, child, quantity]) => assembly === 'EHA-500' && child === 'NAS1352-3' && quantity === 6),
      'the quantity changed to 6',
    );

    assert.deepEqual(await store.changedResources(versions), report.changes.map((change) => change.iri).sort());
  });

  it('keeps what OSLC clients changed', async () => {
    const file = csvFile('kept.csv', ['EHA-600,,Pump,1,', 'EHA-610,EHA-600,Gear,2,10']);
    await store.import('csv', file);
    const gear = (await store.part('EHA-610', '-'))!;
    const quads = (await store.quads(gear)).filter((candidate) => candidate.predicate.value !== `${NS.dt}lifecycleState`);
    quads.push(quad(namedNode(gear), namedNode(`${NS.dt}lifecycleState`), namedNode(`${NS.dt}Released`)));
    await store.store.commit([{ graph: gear, quads }]);

    const report = await store.import('csv', file);
    assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 2, removed: 0 });
    assert.deepEqual(await store.values(gear, `${NS.dt}lifecycleState`), [`${NS.dt}Released`]);
  });

  it('removes missing resources only when asked', async () => {
    const file = csvFile('removal.csv', ['EHA-700,,Valve block,1,', 'EHA-710,EHA-700,Spool,1,10', 'EHA-720,EHA-700,Sleeve,1,20']);
    await store.import('csv', file);
    const sleeve = (await store.part('EHA-720', '-'))!;
    csvFile('removal.csv', ['EHA-700,,Valve block,1,', 'EHA-710,EHA-700,Spool,1,10']);

    const kept = await store.import('csv', file);
    assert.deepEqual(kept.counts.parts, { created: 0, updated: 0, unchanged: 2, removed: 0 });
    assert.deepEqual(kept.counts.bomLines, { created: 0, updated: 0, unchanged: 1, removed: 0 });
    assert.notEqual(await store.part('EHA-720', '-'), undefined);
    const hint = kept.warnings.find((issue) => issue.message.startsWith('The source no longer has'));
    assert.ok(hint !== undefined, 'the summary tells that the source lost resources');
    const sleeveLine = `BOM line EHA-700 rev - > EHA-720 rev - find 20 <${FCC}/bom-lines/BL-\\d+>`;
    const expected = `^The source no longer has 1 part and 1 BOM line that its earlier imports wrote last \\(${sleeveLine}, part EHA-720 rev - <${sleeve}>\\); they are kept\\. Import with --remove-missing`;
    assert.match(hint.message, new RegExp(expected));

    const preview = await store.import('csv', file, { removeMissing: true, dryRun: true });
    assert.deepEqual(preview.counts.parts.removed, 1);
    assert.notEqual(await store.part('EHA-720', '-'), undefined);

    const removed = await store.import('csv', file, { removeMissing: true });
    assert.deepEqual(removed.warnings.filter((issue) => /no longer has|was used before for/.test(issue.message)), []);
    // The valve block loses the removed line from its oslc_plm:composedOfPartUsage links.
    assert.deepEqual(removed.counts.parts, { created: 0, updated: 1, unchanged: 1, removed: 1 });
    assert.deepEqual(removed.counts.bomLines, { created: 0, updated: 0, unchanged: 1, removed: 1 });
    assert.equal(await store.store.versionOf(sleeve), undefined);
    // Parts of the mini programme, which no import created, stay.
    assert.notEqual(await store.part('FCC-300-000', 'C'), undefined);
    assert.deepEqual(await store.bom(removed.source.iri), [['EHA-700', 'EHA-710', 1]]);
  });

  it('keeps a missing part that is linked', async () => {
    const file = csvFile('linked.csv', ['EHA-800,,Manifold,1,', 'NAS1611-012,EHA-800,Packing,2,10']);
    await store.import('csv', file);
    const packing = (await store.part('NAS1611-012', '-'))!;
    const ncr = `${FCC}/change-requests/NCR-LINKED`;
    await store.store.commit([{ graph: ncr, quads: [quad(namedNode(ncr), namedNode(`${NS.dcterms}relation`), namedNode(packing))] }]);
    csvFile('linked.csv', ['EHA-800,,Manifold,1,']);

    const report = await store.import('csv', file, { removeMissing: true });
    assert.equal(report.counts.bomLines.removed, 1);
    assert.equal(report.counts.parts.removed, 0);
    assert.ok(
      report.warnings.some((warning) => warning.message === `Kept part NAS1611-012 rev - <${packing}>, which the source no longer has, because <${ncr}> still links to it. A removal run of this source removes it once nothing links to it.`),
      report.warnings.map((warning) => warning.message).join('\n'),
    );
    assert.notEqual(await store.store.versionOf(packing), undefined);

    // Later imports do not advise another removal run for it, which would keep it again.
    const later = await store.import('csv', file);
    assert.deepEqual(
      later.warnings.map((warning) => warning.message).filter((message) => message.startsWith('The source no longer has')),
      [
        `The source no longer has 1 part that its earlier imports wrote last (part NAS1611-012 rev - <${packing}>); it is kept. ` +
          `A removal run would keep it too, because <${ncr}> links to it; it removes it once nothing links to it.`,
      ],
    );
  });

  it('removal advice counts unlinked resources', async () => {
    const file = csvFile('advice.csv', ['EHA-820,,Manifold,1,', 'NAS1611-014,EHA-820,Packing,2,10', 'NAS1611-016,EHA-820,Packing,2,20']);
    await store.import('csv', file);
    const linked = (await store.part('NAS1611-014', '-'))!;
    const ncrs = [`${FCC}/change-requests/NCR-ADVICE-1`, `${FCC}/change-requests/NCR-ADVICE-2`];
    await store.store.commit(ncrs.map((ncr) => ({ graph: ncr, quads: [quad(namedNode(ncr), namedNode(`${NS.dcterms}relation`), namedNode(linked))] })));
    csvFile('advice.csv', ['EHA-820,,Manifold,1,']);

    const report = await store.import('csv', file);
    const advice = report.warnings.map((warning) => warning.message).find((message) => message.startsWith('The source no longer has'));
    // Two BOM lines and one unlinked part can go; the part that both NCRs link to cannot.
    assert.match(
      advice ?? '',
      new RegExp(`; they are kept\\. Import with --remove-missing \\(removeMissing=true on the import endpoint\\) to remove the 3 that nothing links to; that run keeps part NAS1611-014 rev -, because <${ncrs[0]}> and 1 more link to it\\.$`),
    );

    const removal = await store.import('csv', file, { removeMissing: true });
    assert.equal(removal.counts.parts.removed, 1);
    assert.equal(removal.counts.bomLines.removed, 2);
    assert.notEqual(await store.store.versionOf(linked), undefined);
  });

  it('removal advice names several linked resources', async () => {
    const file = csvFile('all-linked.csv', ['EHA-830,,Manifold,1,', 'NAS1611-018,EHA-830,Packing,2,10']);
    await store.import('csv', file);
    const [manifold, packing] = [(await store.part('EHA-830', '-'))!, (await store.part('NAS1611-018', '-'))!];
    const ncr = `${FCC}/change-requests/NCR-ALL-LINKED`;
    await store.store.commit([{ graph: ncr, quads: [manifold, packing].map((part) => quad(namedNode(ncr), namedNode(`${NS.dcterms}relation`), namedNode(part))) }]);
    csvFile('all-linked.csv', ['EHA-831,,Other manifold,1,']);

    const report = await store.import('csv', file);
    const advice = report.warnings.map((warning) => warning.message).find((message) => message.startsWith('The source no longer has'));
    // The BOM line can go; the two parts that the NCR links to stay.
    assert.match(advice ?? '', /; they are kept\. Import with --remove-missing .* to remove the 1 that nothing links to; that run keeps the other 2, because other resources link to them, such as <.*NCR-ALL-LINKED> to part (EHA-830|NAS1611-018) rev -\.$/);
  });

  it('warns about one use from two sources', async () => {
    // A CAD export and an ERP export give the same assembly with other find numbers.
    const cad = csvFile('cad.csv', ['EHA-950,,Manifold,1,', 'NAS1612-6,EHA-950,Packing,2,', 'MS24693-S3,EHA-950,Screw,4,']);
    const erp = csvFile('erp.csv', ['EHA-950,,Manifold,1,', 'NAS1612-6,EHA-950,Packing,2,10', 'MS24693-S3,EHA-950,Screw,4,20']);
    await store.import('csv', cad);

    const report = await store.import('csv', erp);
    assert.deepEqual(
      report.warnings.map((warning) => warning.message).filter((message) => message.includes('BOM explosion')),
      [
        'This import adds 2 BOM lines for uses of a part that cad.csv already gives in the same assembly (BOM line EHA-950 rev - > NAS1612-6 rev - find 10, BOM line EHA-950 rev - > MS24693-S3 rev - find 20), ' +
          "so a BOM explosion counts those parts once per source. Import an assembly's structure from one source only: a --remove-missing run of the other source, with a file that no longer lists the assembly's lines, removes them.",
      ],
    );
    assert.equal((await store.bom()).filter(([assembly]) => assembly === 'EHA-950').length, 4);

    // The same lines again, or the same find numbers from the other source, add nothing and do not warn.
    assert.deepEqual((await store.import('csv', erp)).warnings.filter((warning) => warning.message.includes('BOM explosion')), []);
  });

  it('keeps a part another source took over', async () => {
    const own = csvFile('own.csv', ['EHA-850,,Manifold,1,', 'NAS1612-4,EHA-850,Packing,2,10']);
    const other = csvFile('other.csv', ['EHA-900,,Reservoir,1,', 'NAS1612-4,EHA-900,Packing,1,10']);
    await store.import('csv', own);
    await store.import('csv', other);
    csvFile('own.csv', ['EHA-850,,Manifold,1,']);

    const report = await store.import('csv', own, { removeMissing: true });
    assert.equal(report.counts.bomLines.removed, 1);
    assert.equal(report.counts.parts.removed, 0);
    assert.deepEqual(await store.bom(), [
      ['EHA-900', 'NAS1612-4', 1],
      ['FCC-300-000', 'FCC-310-100', 3],
      ['FCC-300-000', 'NAS1352-08-6', 12],
    ]);
  });

  it('a parent without its own row leaves the stored part', async () => {
    await store.import('csv', csvFile('module.csv', ['EHA-900,,Module,1,', 'EHA-910,EHA-900,Motor assembly,1,10', 'EHA-911,EHA-910,Brushless DC motor,1,20']));
    const motor = (await store.part('EHA-911', '-'))!;
    const versions = await store.versions();

    // The kit file names EHA-911 only in the parent column and does not describe the motor itself.
    const kit = csvFile('kit.csv', ['EHA-912,EHA-911,Encoder,1,30']);
    const report = await store.import('csv', kit);

    // The motor only gains the link to its new BOM line.
    assert.deepEqual(report.counts.parts, { created: 1, updated: 1, unchanged: 0, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 1, updated: 0, unchanged: 0, removed: 0 });
    const update = report.changes.find((change) => change.iri === motor)!;
    assert.match(update.details ?? '', /^BOM Lines added BL-\d+$/);
    assert.notEqual((await store.versions()).get(motor), versions.get(motor));
    assert.deepEqual(await store.values(motor, `${NS.dcterms}title`), ['Brushless DC motor']);
    assert.deepEqual(await store.values(motor, `${NS.prov}wasDerivedFrom`), ['urn:digital-thread:import-source:module.csv']);
    const again = await store.import('csv', kit);
    assert.deepEqual(again.counts.parts, { created: 0, updated: 0, unchanged: 2, removed: 0 });
  });

  it('reports changed values in full', async () => {
    await store.import('csv', csvFile('values.csv', ['EHA-700,,Pump,1,', 'EHA-710,EHA-700,Gear,2,10']));
    const longTitle = `Gear, spur, ${'involute 20 degree pressure angle, '.repeat(4)}case hardened`;
    const report = await store.import('csv', csvFile('values.csv', ['EHA-700,,Pump,1,', `EHA-710,EHA-700,"${longTitle}",3,10`]));
    const gear = report.changes.find((change) => change.type === 'parts')!;
    const line = report.changes.find((change) => change.type === 'bomLines')!;

    // The change line shortens the title; the values give it whole, as JSON reports do.
    assert.ok(gear.details!.length < longTitle.length, gear.details);
    assert.deepEqual(
      gear.values?.map(({ name, before, after }) => [name, before, after]),
      [['Title', ['Gear'], [longTitle]]],
    );
    assert.deepEqual(
      line.values?.filter(({ name }) => name !== 'Title').map(({ property, before, after }) => [property, before, after]),
      [[`${NS.dt}quantity`, ['2'], ['3']]],
    );
  });

  it('a parent without its own row is created when new', async () => {
    const report = await store.import('csv', csvFile('seals.csv', ['EHA-931,EHA-930,Seal kit,2,10']));

    // A parent that neither the file describes nor the provider has may be mistyped, so the import warns.
    assert.deepEqual(
      report.warnings.map((warning) => warning.message),
      [
        'EHA-930 is the parent on line 2 but has no row of its own, and the provider has no part EHA-930, so it is created as a new top-level assembly titled EHA-930. ' +
          'If the parent is mistyped, correct it; if EHA-930 is meant, give it a row of its own with its title.',
      ],
    );
    const assembly = (await store.part('EHA-930', '-'))!;
    assert.deepEqual(await store.values(assembly, `${NS.dcterms}title`), ['EHA-930']);
    assert.deepEqual(await store.values(assembly, `${NS.prov}wasDerivedFrom`), ['urn:digital-thread:import-source:seals.csv']);
    assert.deepEqual(await store.values(assembly, `${NS.dt}sourceId`), ['EHA-930']);
    assert.deepEqual(await store.values(assembly, `${NS.dt}lifecycleState`), [`${NS.dt}InWork`]);
  });

  it('warns about a parent named without its stored revision', async () => {
    const gear = join(directory.path, 'gear.csv');
    writeFileSync(gear, 'Part Number,Revision,Parent,Title,Qty\nLG-100,A,,Main gear,1\nLG-110,A,LG-100,Strut,1\n');
    await store.import('csv', gear);

    const report = await store.import('csv', csvFile('seals.csv', ['LG-111,LG-110,Seal,2,10']));

    assert.deepEqual(report.counts.parts, { created: 2, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(
      report.warnings.map((warning) => `${warning.location?.line}: ${warning.message}`),
      [
        '2: The source names LG-110 revision - only as an assembly, so it is created as a new part, although the provider has LG-110 in revision A. ' +
          'If the source means that revision, give the assembly revision (in a CSV BOM, a Parent Revision column).',
      ],
    );
  });

  it('dry run reports and writes nothing', async () => {
    const file = csvFile('dry.csv', ['EHA-950,,Filter housing,1,', 'EHA-951,EHA-950,Element,1,10']);
    const versions = await store.versions();
    const journal = store.journalBytes();
    const report = await store.import('csv', file, { dryRun: true });
    assert.equal(report.dryRun, true);
    assert.deepEqual(report.counts.parts, { created: 2, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 1, updated: 0, unchanged: 0, removed: 0 });
    assert.equal(report.changes.length, 3);
    assert.deepEqual(await store.versions(), versions);
    assert.equal(store.journalBytes(), journal);
    assert.equal(store.changes.length, 0);
  });

  it('a bad file changes nothing', async () => {
    const file = csvFile('atomic.csv', ['EHA-960,,Accumulator,1,', 'EHA-961,EHA-960,Piston,1,10']);
    await store.import('csv', file);
    const versions = await store.versions();
    const journal = store.journalBytes();
    const commits = store.changes.length;

    // Valid rows first, then one whose quantity is no number: none of them may be written.
    csvFile('atomic.csv', ['EHA-960,,Accumulator v2,1,', 'EHA-961,EHA-960,Piston,1,10', 'EHA-962,EHA-960,Spring,1,20', 'EHA-963,EHA-960,Seal,lots,30']);
    const errors = await rejection(store.import('csv', file));
    assert.deepEqual(errors, ['atomic.csv line 5: The quantity "lots" is not a number; write it as 2, 0.5 or 1/2.']);
    assert.deepEqual(await store.versions(), versions);
    assert.equal(store.journalBytes(), journal);
    assert.equal(store.changes.length, commits);
  });

  it('a shape violation changes nothing', async () => {
    const text = 'Part Number,Parent,Title,Qty,Lifecycle State\nEHA-970,,Motor,1,Obsolete\nEHA-971,EHA-970,Rotor,1,Scrapped\n';
    const errors = await rejection(store.import('csv', bufferInput('states.csv', Buffer.from(text)), { mapping: { attributes: { lifecycleState: 'Lifecycle State' } } }));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^states\.csv line 3: part EHA-971 rev -: the lifecycleState "Scrapped" is not one of In Work, Under Review, Released, Obsolete; use one of those values in the source \(case and spaces do not matter\)\.$/);
    assert.equal(await store.part('EHA-970', '-'), undefined);
  });

  it('blank lifecycle states keep the stored state', async () => {
    const rows = (states: [string, string]): string => `Part Number,Revision,Parent,Title,Qty,Lifecycle State\nQ-1,A,,Top,1,${states[0]}\nQ-2,A,Q-1,Child,1,${states[1]}\n`;
    const file = (states: [string, string]): ReturnType<typeof bufferInput> => bufferInput('states.csv', Buffer.from(rows(states)));
    const state = async (partNumber: string): Promise<string[]> => store.values((await store.part(partNumber, 'A'))!, `${NS.dt}lifecycleState`);

    await store.import('csv', bufferInput('states.csv', Buffer.from('Part Number,Revision,Parent,Title,Qty\nQ-1,A,,Top,1\nQ-2,A,Q-1,Child,1\n')));
    const cases: [states: [string, string], expected: [string, string]][] = [
      [['Released', ''], ['Released', 'InWork']],
      [['', 'Under Review'], ['Released', 'UnderReview']],
      [['', ''], ['Released', 'UnderReview']],
      [['Obsolete', 'Released'], ['Obsolete', 'Released']],
    ];
    for (const [states, expected] of cases) {
      const report = await store.import('csv', file(states));
      assert.deepEqual(report.warnings.filter((warning) => warning.severity === 'error'), []);
      assert.deepEqual([await state('Q-1'), await state('Q-2')], expected.map((name) => [`${NS.dt}${name}`]), states.join('|'));
    }
  });

  it('a mass with its unit names the unit', async () => {
    const text = 'Part Number,Parent,Title,Qty,Find No,Mass\nEHA-980,,Motor,1,,2.4\nEHA-981,EHA-980,Rotor,1,10,400 g\n';
    const errors = await rejection(store.import('csv', bufferInput('mass.csv', Buffer.from(text))));
    assert.deepEqual(errors, ['mass.csv line 3: part EHA-981 rev -: the mass "400 g" is not a number; give the number alone, such as 1.25; the unit is kilogram (kg).']);

    // The property's own unit is accepted after the number.
    await store.import('csv', bufferInput('mass.csv', Buffer.from(text.replace('400 g', '0.4 kg'))));
    assert.deepEqual(await store.values((await store.part('EHA-981', '-'))!, `${NS.dt}mass`), ['0.4']);
  });

  const cycles: { name: string; rows: string[]; error: string }[] = [
    {
      name: 'last row',
      rows: ['EHA-1000,EHA-1020,Top,1,1', 'EHA-1010,EHA-1000,Middle,1,10', 'EHA-1020,EHA-1010,Bottom,1,20'],
      error: 'cycle.csv line 4: BOM cycle: EHA-1020 rev - uses EHA-1000 rev - (line 2), EHA-1000 rev - uses EHA-1010 rev - (line 3), EHA-1010 rev - uses EHA-1020 rev - (line 4).',
    },
    {
      name: 'follows an unrelated row',
      rows: ['EHA-1010,EHA-1000,Middle,1,10', 'EHA-1000,EHA-1020,Top,1,1', 'EHA-1030,EHA-1010,Seal,1,30', 'EHA-1020,EHA-1010,Bottom,1,20'],
      error: 'cycle.csv line 5: BOM cycle: EHA-1020 rev - uses EHA-1000 rev - (line 3), EHA-1000 rev - uses EHA-1010 rev - (line 2), EHA-1010 rev - uses EHA-1020 rev - (line 5).',
    },
    {
      name: 'first row is the parent',
      rows: ['EHA-1020,EHA-1010,Bottom,1,20', 'EHA-1010,EHA-1000,Middle,1,10', 'EHA-1000,EHA-1020,Top,1,1'],
      error: 'cycle.csv line 4: BOM cycle: EHA-1000 rev - uses EHA-1010 rev - (line 3), EHA-1010 rev - uses EHA-1020 rev - (line 2), EHA-1020 rev - uses EHA-1000 rev - (line 4).',
    },
  ];
  for (const { name, rows, error } of cycles) {
    it(`BOM cycle closing line: ${name}`, async () => {
      const errors = await rejection(store.import('csv', csvFile('cycle.csv', rows)));
      assert.deepEqual(errors, [`${error} An assembly cannot contain itself, directly or deeper, so remove or correct one of these BOM lines.`]);
      assert.equal(store.changes.length, 0);
    });
  }

  it('STEP assembly that contains itself', async () => {
    const file = join(directory.path, 'loop.stp');
    writeFileSync(file, stepText([[10, 'GEARBOX', 'Gearbox'], [20, 'SHAFT', 'Shaft']], [[30, 12, 22], [31, 22, 12]]));
    const errors = await rejection(store.import('step', file));
    assert.equal(errors.length, 1);
    assert.equal(
      errors[0],
      'loop.stp line 18 (#31): BOM cycle: GEARBOX rev A uses SHAFT rev A (#30, line 17), SHAFT rev A uses GEARBOX rev A (#31, line 18). ' +
        'An assembly cannot contain itself, directly or deeper, so remove or correct one of these BOM lines.',
    );
  });

  it('dangling STEP reference names the entity', async () => {
    const file = join(directory.path, 'dangling.stp');
    writeFileSync(file, stepText([[10, 'GEARBOX', 'Gearbox']], [[30, 12, 99]]));
    const errors = await rejection(store.import('step', file));
    assert.deepEqual(errors, [
      'dangling.stp line 14 (#30): Assembly usage #30 names #99 as its component (related product definition), which is not a PRODUCT_DEFINITION of this file; the file is incomplete or uses a construct this import does not read.',
    ]);
  });

  it('dangling BOM line reference names the line', async () => {
    const batch = emptyBatch('Test', 'urn:x-test:dangling');
    batch.parts.push({ sourceId: 'a', partNumber: 'EHA-1100', revision: 'A', title: 'Housing', location: { file: 'bom.json', line: 3 } });
    batch.bomLines.push({ parent: 'a', child: 'b', quantity: 1, location: { file: 'bom.json', line: 7 } });
    const errors = await rejection(store.synchronizer.synchronize(batch, { provider: 'fcc' }));
    assert.deepEqual(errors, ['bom.json line 7: A BOM line names the child part "b", which is not a part of this source; add that part or correct the reference.']);
  });

  it('conflicting duplicate parts name both places', async () => {
    const file = join(directory.path, 'twice.stp');
    writeFileSync(file, stepText([[10, 'GEARBOX', 'Gearbox'], [20, 'SHAFT', 'Shaft'], [40, 'SHAFT', 'Output shaft']], [[30, 12, 22], [31, 12, 42]]));
    const errors = await rejection(store.import('step', file));
    assert.deepEqual(errors, [
      'twice.stp line 19 (#42): Part SHAFT revision A is described twice with different titles: "Shaft" at twice.stp line 16 (#22) and "Output shaft" here. Give the two parts different part numbers or revisions, or make their titles the same.',
    ]);
  });

  it('conflicting duplicate BOM lines name both lines', async () => {
    const file = csvFile('lines.csv', ['EHA-1200,,Cover,1,', 'MS24693-C4,EHA-1200,Screw,4,10', 'MS24693-C4,EHA-1200,Screw,6,10']);
    const errors = await rejection(store.import('csv', file));
    assert.deepEqual(errors, [
      'lines.csv line 4: EHA-1200 uses MS24693-C4 twice at find number 10, with different quantities or reference designators (first at lines.csv line 3); give each line its own find number or merge them.',
    ]);
  });

  it('requirement attributes set shape properties', async () => {
    const batch = emptyBatch('DOORS', 'urn:x-test:srs');
    const requirement = { sourceId: 'obj-1', identifier: 'SRS-42', title: 'Pitch command limit', location: { file: 'srs.reqif', line: 40, entity: 'obj-1' } };
    batch.requirements.push({ ...requirement, attributes: { 'Assurance Level': 'Level B', Status: 'Approved' } });
    const report = await store.synchronizer.synchronize(batch, { provider: 'fcc' });
    const iri = report.changes[0]!.iri;
    assert.deepEqual(await store.values(iri, `${NS.dt}assuranceLevel`), [`${NS.dt}LevelB`]);
    assert.deepEqual(await store.values(iri, `${NS.dt}externalIdentifier`), ['SRS-42']);

    batch.requirements[0] = { ...requirement, attributes: { 'Assurance Level': 'Level Z' } };
    const errors = await rejection(store.synchronizer.synchronize(batch, { provider: 'fcc' }));
    assert.deepEqual(errors, ['srs.reqif line 40 (obj-1): requirement SRS-42: the assuranceLevel "Level Z" is not one of Level A, Level B, Level C, Level D, Level E; use one of those values in the source (case and spaces do not matter).']);
  });

  it('assurance levels by their other names', async () => {
    const cases: [text: string, level: string][] = [
      ['DAL A', 'LevelA'],
      ['IDAL B', 'LevelB'],
      ['Software Level C', 'LevelC'],
      ['d', 'LevelD'],
      ['level e', 'LevelE'],
    ];
    for (const [index, [text, level]] of cases.entries()) {
      const batch = emptyBatch('DOORS', `urn:x-test:levels-${index}`);
      batch.requirements.push({ sourceId: `obj-${index}`, identifier: `SRS-L${index}`, title: `Level case ${index}`, location: { file: 'levels.reqif', line: 10 }, attributes: { 'Assurance Level': text } });
      const report = await store.synchronizer.synchronize(batch, { provider: 'fcc' });
      assert.deepEqual(await store.values(report.changes[0]!.iri, `${NS.dt}assuranceLevel`), [`${NS.dt}${level}`], text);
    }
  });

  it('link from outside the source warns', async () => {
    const batch = emptyBatch('DOORS', 'urn:x-test:outside-link');
    batch.requirements.push({ sourceId: 'obj-1', identifier: 'SRS-O1', title: 'Inside', location: { file: 'links.reqif', line: 5 } });
    batch.links.push({ from: 'SO-404', to: 'obj-1', property: `${NS.oslc_rm}satisfiedBy`, linkType: 'Satisfies', location: { file: 'links.reqif', line: 9, entity: 'rel-1' } });
    const report = await store.synchronizer.synchronize(batch, { provider: 'fcc', dryRun: true });
    assert.deepEqual(
      report.warnings.map((warning) => warning.message),
      [
        'A link (oslc_rm:satisfiedBy) is left out, because "SO-404", the end that would hold it, is neither a part nor a requirement of this source, and an import writes links only on its own items. ' +
          'To keep it, import the document that has "SO-404" together with this one, as one source (for ReqIF, both documents in one .reqifz archive).',
      ],
    );
  });

  it('long requirement titles warn', async () => {
    const batch = emptyBatch('DOORS', 'urn:x-test:long-titles');
    for (const [index, length] of [600, 400, 5005].entries()) {
      batch.requirements.push({ sourceId: `obj-${index}`, identifier: `SRS-T${index}`, title: 'x'.repeat(length), location: { file: 'long.reqif', line: 10 + index } });
    }
    const report = await store.synchronizer.synchronize(batch, { provider: 'fcc' });
    assert.deepEqual(
      report.warnings.map((warning) => warning.message),
      [
        '2 requirements have titles longer than 500 characters, cut to 500: SRS-T0 (600 characters), SRS-T2 (5,005 characters). Map a shorter attribute to the title with --mapping, such as {"title": "Object Heading"}.',
      ],
    );
    const titles = await Promise.all(report.changes.map(async (change) => (await store.values(change.iri, `${NS.dcterms}title`))[0]!.length));
    assert.deepEqual(titles.sort((a, b) => a - b), [400, 500, 500]);
  });

  it('flattened specification removes its decomposes links', async () => {
    const location = { file: 'srs.reqif', line: 40 };
    const batch = (parent: string | undefined): ReturnType<typeof emptyBatch> => {
      const srs = emptyBatch('DOORS', 'urn:x-test:srs');
      srs.requirements.push({ sourceId: 'sys-1', identifier: 'SYS-1', title: 'Braking', location }, { sourceId: 'sw-7', identifier: 'SW-7', title: 'Brake command', location, ...(parent === undefined ? {} : { parent }) });
      return srs;
    };
    const first = await store.synchronizer.synchronize(batch('sys-1'), { provider: 'fcc' });
    const [system, software] = first.changes.map((change) => change.iri);
    assert.deepEqual(await store.values(software!, 'http://open-services.net/ns/rm#decomposes'), [system]);

    const flat = await store.synchronizer.synchronize(batch(undefined), { provider: 'fcc' });
    assert.deepEqual(flat.changes.map((change) => `${change.action} ${change.label}: ${change.details}`), ['update requirement SW-7: Decomposes removed REQ-' + system!.slice(-6)]);
    assert.deepEqual(await store.values(software!, 'http://open-services.net/ns/rm#decomposes'), []);
  });

  it('missing requirement named by its tool identifier', async () => {
    const batch = emptyBatch('DOORS', 'urn:x-test:srs');
    const location = { file: 'srs.reqif', line: 40 };
    batch.requirements.push({ sourceId: 'obj-1', identifier: 'SRS-42', title: 'Pitch command limit', location }, { sourceId: 'obj-2', identifier: 'SRS-43', title: 'Roll command limit', location });
    await store.synchronizer.synchronize(batch, { provider: 'fcc' });

    batch.requirements.pop();
    const removal = await store.synchronizer.synchronize(batch, { provider: 'fcc', removeMissing: true, dryRun: true });
    assert.deepEqual(removal.changes.map((change) => `${change.action} ${change.label}`), ['remove requirement SRS-43']);
    const withoutRemoval = await store.synchronizer.synchronize(batch, { provider: 'fcc' });
    assert.match(withoutRemoval.warnings[0]!.message, /^The source no longer has 1 requirement that its earlier imports wrote last \(requirement SRS-43 </);
  });

  it('unknown provider is rejected with the known ones', async () => {
    const file = csvFile('nowhere.csv', ['EHA-1300,,Lid,1,']);
    await assert.rejects(store.import('csv', file, { provider: 'xyz' }), /^ImportError: No service provider "xyz" exists; import into one of: eha, fcc\.$/);
  });

  it('incremental pull cannot remove', async () => {
    await assert.rejects(store.import('odata', 'http://127.0.0.1:9/Windchill/servlet/odata', { removeMissing: true, modifiedSince: '2026-01-01T00:00:00Z' }), /Removing missing resources needs a full pull, but an incremental pull reads only what changed since a time; leave out --since or --remove-missing\.$/);
  });

  it('BOM line provenance names assembly and child', async () => {
    const file = csvFile('provenance.csv', ['EHA-1400,,Bracket assembly,1,', 'EHA-1410,EHA-1400,Bracket,2,10']);
    const report = await store.import('csv', file);
    const line = report.changes.find((change) => change.type === 'bomLines')?.iri;
    assert.deepEqual(await store.values(line!, `${NS.dt}sourceId`), ['EHA-1400 rev - > EHA-1410 rev - find 10']);
    assert.deepEqual(await store.values(line!, `${NS.prov}wasDerivedFrom`), [report.source.iri]);
    assert.deepEqual(await store.values(line!, `${NS.dt}sourceSystem`), ['CSV BOM']);
    assert.deepEqual(await store.values(line!, `${NS.oslc}serviceProvider`), [FCC]);
  });
});

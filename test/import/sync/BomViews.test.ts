import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { parseBomView } from '../../../src/import/BomViews.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { ImportStore, NS, rejection } from '../helpers/ImportStore.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const directory = temporaryDirectory('dt-bom-views-');
after(() => directory.remove());

/** Writes a parent-child CSV BOM with a BOM View column and returns its path. */
function viewCsv(name: string, rows: readonly string[]): string {
  const path = join(directory.path, name);
  writeFileSync(path, ['Part Number,Parent,Title,Qty,Find No,Ref Des,BOM View', ...rows].join('\n'));
  return path;
}

/** The landing-gear actuator's EBOM and its MBOM, in which a seal kit takes the place of the loose seals. */
const ACTUATOR = [
  'LG-200,,Actuator,1,,,',
  'LG-210,LG-200,Rod end,1,10,P1,EBOM',
  'LG-220,LG-200,Seal,2,20,,EBOM',
  'LG-210,LG-200,Rod end,1,10,P1,MBOM',
  'LG-230,LG-200,Seal kit,1,30,,Manufacturing',
];

describe('parseBomView', () => {
  const cases: [string, string | undefined][] = [
    ['EBOM', 'EBOM'],
    ['mbom', 'MBOM'],
    [' Design ', 'EBOM'],
    ['Manufacturing', 'MBOM'],
    ['as-planned', 'MBOM'],
    ['Service', undefined],
    ['', undefined],
  ];
  for (const [text, view] of cases) {
    it(`reads "${text}"`, () => {
      assert.equal(parseBomView(text), view);
    });
  }
});

describe('BOM views in imports', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  /** Returns the stored lines of the LG- assemblies as `view assembly > child find N: title`, sorted; the mini programme has other lines. */
  async function lines(): Promise<string[]> {
    const result = await store.store.query(
      `SELECT ?view ?assembly ?child ?find ?title WHERE {
         GRAPH ?l { ?l a <${NS.oslc_plm}PartUsage> ; <${NS.dt}bomView> ?view ; <${NS.dt}assembly> ?a ; <${NS.oslc_plm}representsPart> ?c ; <${NS.dcterms}title> ?title . OPTIONAL { ?l <${NS.dt}findNumber> ?find } }
         GRAPH ?a { ?a <${NS.dt}partNumber> ?assembly }
         GRAPH ?c { ?c <${NS.dt}partNumber> ?child }
         FILTER(STRSTARTS(?assembly, "LG-")) }`,
    );
    assert.equal(result.type, 'bindings');
    return result.rows
      .map((row) => `${row.get('view')!.value.replace(NS.dt, '')} ${row.get('assembly')!.value} > ${row.get('child')!.value} find ${row.get('find')?.value ?? '-'}: ${row.get('title')!.value}`)
      .sort();
  }

  it('CSV column gives each line its view', async () => {
    const report = await store.import('csv', viewCsv('actuator.csv', ACTUATOR));
    assert.deepEqual(report.counts.bomLines, { created: 4, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(report.warnings, []);
    assert.deepEqual(await lines(), [
      'EBOM LG-200 > LG-210 find 10: LG-200 item 10: Rod end',
      'EBOM LG-200 > LG-220 find 20: LG-200 item 20: Seal',
      'MBOM LG-200 > LG-210 find 10: LG-200 MBOM item 10: Rod end',
      'MBOM LG-200 > LG-230 find 30: LG-200 MBOM item 30: Seal kit',
    ]);
  });

  it('same file again changes nothing', async () => {
    await store.import('csv', viewCsv('actuator.csv', ACTUATOR));
    const versions = await store.versions();
    const again = await store.import('csv', viewCsv('actuator.csv', ACTUATOR));
    assert.deepEqual(again.counts.bomLines, { created: 0, updated: 0, unchanged: 4, removed: 0 });
    assert.deepEqual(await store.changedResources(versions), []);
  });

  it('MBOM line source id names the view', async () => {
    const report = await store.import('csv', viewCsv('actuator.csv', ACTUATOR));
    const labels = report.changes.filter((change) => change.type === 'bomLines').map((change) => change.label).sort();
    assert.deepEqual(labels, [
      'BOM line LG-200 rev - > LG-210 rev - find 10',
      'BOM line LG-200 rev - > LG-210 rev - find 10 (MBOM)',
      'BOM line LG-200 rev - > LG-220 rev - find 20',
      'BOM line LG-200 rev - > LG-230 rev - find 30 (MBOM)',
    ]);
  });

  it('--bom-view sets lines without a view', async () => {
    const path = viewCsv('kit.csv', ['LG-300,,Kit,1,,,', 'LG-310,LG-300,Bolt,4,10,,', 'LG-320,LG-300,Nut,4,20,,EBOM']);
    await store.import('csv', path, { bomView: 'MBOM' });
    assert.deepEqual(await lines(), ['EBOM LG-300 > LG-320 find 20: LG-300 item 20: Nut', 'MBOM LG-300 > LG-310 find 10: LG-300 MBOM item 10: Bolt']);
  });

  it('EBOM and MBOM sources do not mix', async () => {
    const ebom = viewCsv('ebom.csv', ['LG-400,,Strut,1,,,', 'LG-410,LG-400,Piston,1,10,,']);
    const mbom = viewCsv('mbom.csv', ['LG-400,,Strut,1,,,', 'LG-410,LG-400,Piston,1,10,,']);
    await store.import('csv', ebom);
    const report = await store.import('csv', mbom, { bomView: 'MBOM' });
    assert.deepEqual(report.counts.bomLines, { created: 1, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(report.warnings.map((warning) => warning.message), []);
  });

  it('a use in each view is no cycle', async () => {
    // The EBOM puts LG-510 under LG-500 and the MBOM LG-500 under LG-510: two structures, no cycle.
    const path = viewCsv('cross.csv', ['LG-500,,Bay,1,,,', 'LG-510,LG-500,Panel,1,10,,EBOM', 'LG-500,LG-510,Bay,1,10,,MBOM']);
    const report = await store.import('csv', path);
    assert.equal(report.counts.bomLines.created, 2);
  });

  it('rejects a cycle within the MBOM', async () => {
    const path = viewCsv('mcycle.csv', ['LG-600,,Bay,1,,,', 'LG-610,LG-600,Panel,1,10,,MBOM', 'LG-600,LG-610,Bay,1,10,,MBOM']);
    const errors = await rejection(store.import('csv', path));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^mcycle\.csv line 4: BOM cycle in the MBOM: LG-600 rev - uses LG-610 rev - \(line 3\), LG-610 rev - uses LG-600 rev - \(line 4\)\./);
  });

  it('designators repeat across views', async () => {
    const path = viewCsv('designators.csv', ['LG-700,,Board,1,,,', 'LG-710,LG-700,Resistor,1,10,R1,EBOM', 'LG-710,LG-700,Resistor,1,10,R1,MBOM']);
    const report = await store.import('csv', path);
    assert.deepEqual(report.warnings, []);
  });

  it('rejects a removal run into the other view', async () => {
    const kit = ['LG-900,,Kit,1,,,', 'LG-910,LG-900,Bolt,4,10,,', 'LG-920,LG-900,Nut,4,20,,'];
    await store.import('csv', viewCsv('kit.csv', kit), { bomView: 'MBOM' });
    const before = await lines();

    const errors = await rejection(store.import('csv', viewCsv('kit.csv', kit), { removeMissing: true }));
    assert.deepEqual(errors, [
      'kit.csv line undefined: Earlier imports of source kit.csv wrote its 2 BOM lines in the MBOM, and this run gives every line in the EBOM, so it would remove the source\'s MBOM lines and create them again in the EBOM. If the source is still an MBOM, import it with --bom-view mbom (bomView=MBOM on the import endpoint). If its lines now belong in the EBOM, import it once without --remove-missing, then run the removal.',
    ]);
    assert.deepEqual(await lines(), before);
  });

  it('warns about a plain import into the other view', async () => {
    const kit = ['LG-930,,Kit,1,,,', 'LG-931,LG-930,Bolt,4,10,,'];
    await store.import('csv', viewCsv('kit2.csv', kit), { bomView: 'MBOM' });
    const report = await store.import('csv', viewCsv('kit2.csv', kit), { dryRun: true });
    assert.ok(
      report.warnings.some(
        (warning) =>
          warning.message ===
          'Earlier imports of source kit2.csv wrote its 1 BOM line in the MBOM, and this import gives every line in the EBOM. If the source is still an MBOM, import it again with --bom-view mbom (bomView=MBOM on the import endpoint); a --remove-missing run of it then removes the EBOM lines that this import would create.',
      ),
      JSON.stringify(report.warnings),
    );
  });

  it('moving the source after a plain import', async () => {
    const kit = ['LG-940,,Kit,1,,,', 'LG-941,LG-940,Bolt,4,10,,'];
    await store.import('csv', viewCsv('kit3.csv', kit), { bomView: 'MBOM' });
    await store.import('csv', viewCsv('kit3.csv', kit));
    const removal = await store.import('csv', viewCsv('kit3.csv', kit), { removeMissing: true });
    assert.deepEqual(removal.counts.bomLines, { created: 0, updated: 0, unchanged: 1, removed: 1 });
    assert.deepEqual(
      (await lines()).filter((line) => line.includes('LG-940')),
      ['EBOM LG-940 > LG-941 find 10: LG-940 item 10: Bolt'],
    );
  });

  it('warns when the EBOM moves to a new revision', async () => {
    const write = (name: string, rows: string[]): string => {
      const path = join(directory.path, name);
      writeFileSync(path, ['Part Number,Revision,Parent,Parent Revision,Title,Qty,Find No', ...rows].join('\n'));
      return path;
    };
    await store.import('csv', write('ebom.csv', ['LG-250,A,,,Brake,1,', 'LG-251,A,LG-250,A,Disc,1,10']));
    await store.import('csv', write('mbom.csv', ['LG-250,A,,,Brake,1,', 'LG-251,A,LG-250,A,Disc,1,10', 'LG-252,-,LG-250,A,Grease,1,90']), { bomView: 'MBOM' });
    const bumped = await store.import('csv', write('ebom.csv', ['LG-250,A,,,Brake,1,', 'LG-251,B,LG-250,A,Disc,1,10']), { removeMissing: true });
    const drift = bumped.warnings.filter((warning) => warning.message.startsWith('The EBOM and the MBOM'));
    assert.deepEqual(
      drift.map((warning) => warning.message),
      ['The EBOM and the MBOM of an assembly use different revisions of a part: the MBOM of LG-250 rev A uses LG-251 rev A, its EBOM rev B. Bring the other BOM to the new revision in its source, unless the difference is planned, as for a phased cut-in.'],
    );

    const aligned = await store.import('csv', write('mbom.csv', ['LG-250,A,,,Brake,1,', 'LG-251,B,LG-250,A,Disc,1,10', 'LG-252,-,LG-250,A,Grease,1,90']), { bomView: 'MBOM', removeMissing: true });
    assert.equal(aligned.warnings.some((warning) => warning.message.startsWith('The EBOM and the MBOM')), false, JSON.stringify(aligned.warnings));
  });

  it('rejects an unknown view', async () => {
    const path = viewCsv('service.csv', ['LG-800,,Pump,1,,,', 'LG-810,LG-800,Filter,1,10,,Service']);
    const errors = await rejection(store.import('csv', path));
    assert.deepEqual(errors, [
      'service.csv line 3: The BOM view "Service" is not known; write EBOM or MBOM (Design and Manufacturing work too), map a site\'s own name with --mapping (mapping= on the import endpoint), as in {"views": {"Fertigung": "MBOM"}}, or leave the cell empty for the import\'s view (EBOM unless --bom-view says otherwise).',
    ]);
  });

  it('mapping names site views', async () => {
    const path = viewCsv('fertigung.csv', ['LG-820,,Pumpe,1,,,', 'LG-821,LG-820,Filter,1,10,,fertigung', 'LG-822,LG-820,Dichtung,1,20,,Konstruktion']);
    await store.import('csv', path, { mapping: { views: { Fertigung: 'MBOM', Konstruktion: 'EBOM' } } });
    assert.deepEqual(
      (await lines()).filter((line) => line.includes('LG-820')),
      ['EBOM LG-820 > LG-822 find 20: LG-820 item 20: Dichtung', 'MBOM LG-820 > LG-821 find 10: LG-820 MBOM item 10: Filter'],
    );
  });

  it('mapping rejects a view that is no BOM', async () => {
    const path = viewCsv('service2.csv', ['LG-830,,Pump,1,,,']);
    await assert.rejects(store.import('csv', path, { mapping: { views: { Service: 'SBOM' } } }), {
      message: 'The CSV mapping: the BOM view "Service" maps to "SBOM", which is no BOM view; map it to EBOM or MBOM.',
    });
  });
});

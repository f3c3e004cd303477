import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';

const PLMXML = join('test', 'fixtures', 'import', 'plmxml');

const directory = temporaryDirectory('dt-plmxml-sync-');
after(() => directory.remove());

/** Writes the bearing kit GBX-400-K1 rev A, with two bearings, in a ProductRevisionView of the Teamcenter view type `viewType`, and returns its path. */
function writeKitFile(name: string, viewType: string): string {
  const file = join(directory.path, name);
  const body = [
    '  <Product id="a" productId="GBX-400-K1" name="Bearing kit"/><ProductRevision id="ar" masterRef="#a" revision="A" name="Bearing kit"/>',
    '  <Product id="b" productId="6204-2RS" name="Ball bearing 20x47x14"/><ProductRevision id="br" masterRef="#b" revision="-" name="Ball bearing 20x47x14"/>',
    '  <ProductDef id="d"><InstanceGraph id="g" rootRefs="av">',
    `    <ProductRevisionView id="av" name="${viewType}" revisionRef="#ar" viewRef="#v" instanceRefs="i1"/>`,
    '    <ProductRevisionView id="bv" revisionRef="#br"/>',
    '    <ProductInstance id="i1" partRef="#bv" quantity="2"/>',
    '  </InstanceGraph></ProductDef>',
    `  <View id="v" name="${viewType}"/>`,
  ];
  writeFileSync(file, `<?xml version="1.0" encoding="utf-8"?>\n<PLMXML xmlns="http://www.plmxml.org/Schemas/PLMXMLSchema" schemaVersion="6">\n${body.join('\n')}\n</PLMXML>\n`);
  return file;
}

/**
 * Writes the pump PMP-100 rev A, whose ProductView Occurrence o1 uses the seal PMP-120 in two child
 * Occurrences: o3 with two seals in the Manufacturing ProductRevisionView and o4 with four in the Service
 * one, each shown by its lastInstanceParentRef. Returns its path.
 */
function writePumpFile(name: string): string {
  const file = join(directory.path, name);
  const seals = (quantity: number): string => `<UserData><UserValue title="Quantity" value="${quantity}"/><UserValue title="SequenceNumber" value="20"/></UserData>`;
  const body = [
    '  <Product id="p100" productId="PMP-100" name="Pump"/><ProductRevision id="r100" masterRef="#p100" revision="A" name="Pump"/>',
    '  <Product id="p120" productId="PMP-120" name="Seal"/><ProductRevision id="r120" masterRef="#p120" revision="A" name="Seal"/>',
    '  <ProductDef id="pd"><InstanceGraph id="ig">',
    '    <ProductRevisionView id="prv1" revisionRef="#r100" viewRef="#vm"/>',
    '    <ProductRevisionView id="prv2" revisionRef="#r100" viewRef="#vs"/>',
    '  </InstanceGraph></ProductDef>',
    '  <View id="vm" name="Manufacturing"/><View id="vs" name="Service"/>',
    '  <ProductView id="pv" rootRefs="o1">',
    '    <Occurrence id="o1" instancedRef="#r100" occurrenceRefs="o3 o4"/>',
    `    <Occurrence id="o3" instancedRef="#r120" parentRef="#o1" lastInstanceParentRef="#prv1">${seals(2)}</Occurrence>`,
    `    <Occurrence id="o4" instancedRef="#r120" parentRef="#o1" lastInstanceParentRef="#prv2">${seals(4)}</Occurrence>`,
    '  </ProductView>',
  ];
  writeFileSync(file, `<?xml version="1.0" encoding="utf-8"?>\n<PLMXML xmlns="http://www.plmxml.org/Schemas/PLMXMLSchema" schemaVersion="6">\n${body.join('\n')}\n</PLMXML>\n`);
  return file;
}

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
    // PLM XML reads no mapping, and a Teamcenter user cannot rename a property, so the warning advises neither.
    const report = await store.import('plmxml', join(PLMXML, 'nlg-instancegraph.plmxml'));
    assert.deepEqual(
      report.warnings.map((issue) => issue.message).filter((message) => message.startsWith('Ignored')),
      ['Ignored source attributes that match no Part property: Supplier. This format reads no --mapping, so only attributes named like a Part property (such as material, mass or lifecycleState) are stored.'],
    );
  });

  it('leaves used titles out of ignored attributes', async () => {
    const file = join(directory.path, 'part-number.plmxml');
    const part = '<Part id="id6" name="Servo valve"><UserData id="u6"><UserValue title="Part Number" value="123-110"/><UserValue title="Revision" value="B"/><UserValue title="Object Desc" value="Two-stage"/><UserValue title="Supplier" value="Moog"/></UserData></Part>';
    writeFileSync(file, `<?xml version="1.0" encoding="utf-8"?>\n<PLMXML xmlns="http://www.plmxml.org/Schemas/PLMXMLSchema" schemaVersion="6">\n<InstanceGraph id="ig" rootRefs="id6">${part}</InstanceGraph>\n</PLMXML>\n`);
    const report = await store.import('plmxml', file);

    assert.deepEqual(
      report.warnings.map((issue) => issue.message),
      ['Ignored source attributes that match no Part property: Supplier. This format reads no --mapping, so only attributes named like a Part property (such as material, mass or lifecycleState) are stored.'],
    );
    const valve = (await store.part('123-110', 'B'))!;
    assert.deepEqual(await store.values(valve, `${NS.dcterms}title`), ['Servo valve']);
    assert.deepEqual(await store.values(valve, `${NS.dcterms}description`), ['Two-stage']);
  });

  it('release status sets lifecycle state', async () => {
    const file = join(directory.path, 'collar.plmxml');
    const revision = (id: string, number: string, name: string, status: string): string =>
      `  <Product id="${id}" productId="${number}"/><ProductRevision id="${id}r" masterRef="#${id}" revision="A" name="${name}"><UserData id="${id}u"><UserValue value="${status}" title="release_status_list"/></UserData></ProductRevision>`;
    const body = [revision('a', 'WC-100', 'Steering collar installation', 'TCM Released'), revision('b', 'WC-110', 'Steering collar', 'Released'), revision('c', 'WC-120', 'Collar bolt', 'Obsolete')];
    writeFileSync(file, `<?xml version="1.0" encoding="utf-8"?>\n<PLMXML xmlns="http://www.plmxml.org/Schemas/PLMXMLSchema" schemaVersion="6">\n${body.join('\n')}\n</PLMXML>\n`);
    const report = await store.import('plmxml', file);

    assert.deepEqual(report.warnings, []);
    const states: Array<[string, string]> = [
      ['WC-100', 'Released'],
      ['WC-110', 'Released'],
      ['WC-120', 'Obsolete'],
    ];
    for (const [number, state] of states) {
      const part = (await store.part(number, 'A'))!;
      assert.deepEqual(await store.values(part, `${NS.dt}lifecycleState`), [`${NS.dt}${state}`], number);
    }
  });

  it('Service view stores no lines', async () => {
    // With --bom-view mbom the Service structure used to become MBOM lines without a warning.
    const file = writeKitFile('kit-service.plmxml', 'Service');

    const report = await store.import('plmxml', file, { bomView: 'MBOM' });
    assert.deepEqual(
      report.warnings.map((issue) => issue.message),
      [
        'Teamcenter BOM view type "Service" is neither an EBOM nor an MBOM view (EBOM, MBOM, Design, Manufacturing), so the import leaves out 1 BOM line ' +
          'of 1 assembly in that view: GBX-400-K1 rev A. To import them, rename the view type in the export to one that the import reads (EBOM, MBOM, Design, Manufacturing), ' +
          "or to Teamcenter's default type view, whose lines go into the import's view (--bom-view).",
      ],
    );
    assert.deepEqual(report.counts.parts, { created: 2, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: 0, removed: 0 });
    const kit = (await store.part('GBX-400-K1', 'A'))!;
    const assemblies = await Promise.all((await store.resources(`${NS.oslc_plm}PartUsage`)).map(async (line) => (await store.values(line, `${NS.dt}assembly`))[0]));
    assert.deepEqual(
      assemblies.filter((assembly) => assembly === kit),
      [],
    );
  });

  it('Manufacturing view stores MBOM lines', async () => {
    const file = writeKitFile('kit.plmxml', 'Manufacturing');

    const first = await store.import('plmxml', file);
    assert.deepEqual(first.counts.bomLines, { created: 1, updated: 0, unchanged: 0, removed: 0 });
    const kit = (await store.part('GBX-400-K1', 'A'))!;
    const lines = await store.resources(`${NS.oslc_plm}PartUsage`);
    const views = await Promise.all(lines.map(async (line) => [(await store.values(line, `${NS.dt}assembly`))[0], (await store.values(line, `${NS.dt}bomView`))[0]]));
    assert.deepEqual(
      views.filter(([assembly]) => assembly === kit),
      [[kit, `${NS.dt}MBOM`]],
    );

    const versions = await store.versions();
    const second = await store.import('plmxml', file);
    assert.deepEqual(second.counts.bomLines, { created: 0, updated: 0, unchanged: 1, removed: 0 });
    assert.deepEqual(await store.versions(), versions);
  });

  it('child Occurrences of two views', async () => {
    // The Service seals used to add up with the Manufacturing seals to one EBOM line of 6.
    const report = await store.import('plmxml', writePumpFile('pump.plmxml'));

    assert.deepEqual(
      report.warnings.map((issue) => issue.message.slice(0, issue.message.indexOf(':'))),
      ['Teamcenter BOM view type "Service" is neither an EBOM nor an MBOM view (EBOM, MBOM, Design, Manufacturing), so the import leaves out 1 BOM line of 1 assembly in that view'],
    );
    assert.deepEqual(report.counts.bomLines, { created: 1, updated: 0, unchanged: 0, removed: 0 });
    const pump = (await store.part('PMP-100', 'A'))!;
    const stored = [];
    for (const line of await store.resources(`${NS.oslc_plm}PartUsage`)) {
      if ((await store.values(line, `${NS.dt}assembly`))[0] === pump) {
        stored.push([(await store.values(line, `${NS.dt}bomView`))[0], (await store.values(line, `${NS.dt}quantity`))[0]]);
      }
    }
    assert.deepEqual(stored, [[`${NS.dt}MBOM`, '2']]);
  });
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { BomView } from '../../../src/import/BomViews.js';
import { importPlmxml } from '../../../src/import/plmxml/importPlmxml.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';

const PRODUCT_VIEW = join('test', 'fixtures', 'import', 'plmxml', 'mlg-productview.plmxml');
const INSTANCE_GRAPH = join('test', 'fixtures', 'import', 'plmxml', 'nlg-instancegraph.plmxml');
const LITRE = 'http://qudt.org/vocab/unit/L';

const directory = temporaryDirectory('dt-plmxml-');
after(() => directory.remove());

/** Writes a PLM XML document with `body` inside the root element and returns its path. */
function writePlmxml(name: string, body: string): string {
  const file = join(directory.path, name);
  writeFileSync(file, `<?xml version="1.0" encoding="utf-8"?>\n<PLMXML xmlns="http://www.plmxml.org/Schemas/PLMXMLSchema" schemaVersion="6">\n${body}\n</PLMXML>\n`);
  return file;
}

describe('PLM XML import', () => {
  it('ProductView exactly', async () => {
    const file = PRODUCT_VIEW;
    const at = (line: number, entity: string): { file: string; line: number; entity: string } => ({ file, line, entity });
    const batch = await importPlmxml(file);
    assert.deepEqual(batch, {
      source: { system: 'Teamcenter PLM XML', uri: file },
      parts: [
        { sourceId: 'MLG-3000/C', partNumber: 'MLG-3000', revision: 'C', title: 'Main Landing Gear Assembly, LH', description: 'Left-hand main landing gear, trailing-link type', attributes: { Mass: '182.4', ExportControl: 'EAR99' }, location: at(7, 'id11') },
        { sourceId: 'MLG-3100/B', partNumber: 'MLG-3100', revision: 'B', title: 'Shock Strut Assembly', description: 'Oleo-pneumatic shock strut, nitrogen charged', attributes: { Mass: '64.0' }, location: at(15, 'id21') },
        { sourceId: 'MLG-3110/A', partNumber: 'MLG-3110', revision: 'A', title: 'Outer Cylinder', attributes: { Material: '300M steel, cadmium-free coating' }, location: at(22, 'id31') },
        { sourceId: 'MLG-3120/A', partNumber: 'MLG-3120', revision: 'A', title: 'Sliding Tube', attributes: { Material: '300M steel, HVOF chrome-replacement coating' }, location: at(28, 'id41') },
        { sourceId: 'NAS1149F0663P/-', partNumber: 'NAS1149F0663P', revision: '-', title: 'Washer, Flat, 3/8', location: at(34, 'id51') },
        { sourceId: 'MLG-3200/A', partNumber: 'MLG-3200', revision: 'A', title: 'Side Brace Assembly', location: at(36, 'id61') },
        { sourceId: 'MLG-3210/A', partNumber: 'MLG-3210', revision: 'A', title: 'Upper Side Brace', attributes: { Material: 'Ti-6Al-4V' }, location: at(38, 'id71') },
        { sourceId: 'NAS6606-12/-', partNumber: 'NAS6606-12', revision: '-', title: 'Bolt, Close Tolerance, 3/8', location: at(44, 'id81') },
        { sourceId: 'MLG-3600/A', partNumber: 'MLG-3600', revision: 'A', title: 'Torque Link Assembly', location: at(46, 'id91') },
        { sourceId: 'MLG-3610/A', partNumber: 'MLG-3610', revision: 'A', title: 'Torque Link Bushing', attributes: { Material: 'Aluminium-nickel bronze' }, location: at(48, 'id93') },
        { sourceId: 'PS-22A/D', partNumber: 'PS-22A', revision: 'D', title: 'Proximity Sensor, Weight on Wheels', location: at(54, 'id96') },
        { sourceId: 'HF-83282/A', partNumber: 'HF-83282', revision: 'A', title: 'Hydraulic Fluid, MIL-PRF-83282', location: at(56, 'id98') },
      ],
      bomLines: [
        { parent: 'MLG-3000/C', child: 'MLG-3100/B', quantity: 1, findNumber: '10', location: at(59, 'occ2') },
        { parent: 'MLG-3000/C', child: 'MLG-3200/A', quantity: 1, findNumber: '20', location: at(71, 'occ6') },
        { parent: 'MLG-3000/C', child: 'MLG-3600/A', quantity: 1, findNumber: '30', location: at(86, 'occ11') },
        { parent: 'MLG-3000/C', child: 'MLG-3600/A', quantity: 1, findNumber: '40', location: at(92, 'occ13') },
        { parent: 'MLG-3000/C', child: 'PS-22A/D', quantity: 2, findNumber: '50', referenceDesignators: ['S1', 'S2'], location: at(98, 'occ16'), mergedLocations: [at(101, 'occ17')] },
        { parent: 'MLG-3000/C', child: 'HF-83282/A', quantity: 1.8, unit: LITRE, findNumber: '60', location: at(104, 'occ18') },
        { parent: 'MLG-3100/B', child: 'MLG-3110/A', quantity: 1, findNumber: '10', location: at(62, 'occ3') },
        { parent: 'MLG-3100/B', child: 'MLG-3120/A', quantity: 1, findNumber: '20', location: at(65, 'occ4') },
        { parent: 'MLG-3100/B', child: 'NAS1149F0663P/-', quantity: 4, findNumber: '30', location: at(68, 'occ5') },
        { parent: 'MLG-3200/A', child: 'MLG-3210/A', quantity: 1, findNumber: '10', location: at(74, 'occ7') },
        { parent: 'MLG-3200/A', child: 'NAS6606-12/-', quantity: 2, findNumber: '20', location: at(77, 'occ8'), mergedLocations: [at(80, 'occ9')] },
        { parent: 'MLG-3200/A', child: 'NAS1149F0663P/-', quantity: 2, findNumber: '30', location: at(83, 'occ10') },
        { parent: 'MLG-3600/A', child: 'MLG-3610/A', quantity: 2, findNumber: '10', location: at(89, 'occ12') },
      ],
      requirements: [],
      links: [],
      issues: [],
    });
  });

  it('InstanceGraph exactly', async () => {
    const file = INSTANCE_GRAPH;
    const batch = await importPlmxml(file);
    assert.deepEqual(batch, {
      source: { system: 'Teamcenter PLM XML', uri: file },
      parts: [
        { sourceId: 'NWS-5000/B', partNumber: 'NWS-5000', revision: 'B', title: 'Nose Wheel Steering Actuator', attributes: { Supplier: 'Aquila Avionics (invented)' }, location: { file, line: 5, entity: 'p1' } },
        { sourceId: 'NWS-5010/A', partNumber: 'NWS-5010', revision: 'A', title: 'Actuator Housing', location: { file, line: 12, entity: 'p2' } },
        { sourceId: 'RVDT-71/C', partNumber: 'RVDT-71', revision: 'C', title: 'Rotary Variable Differential Transformer', location: { file, line: 15, entity: 'p3' } },
        { sourceId: 'SK-5020/-', partNumber: 'SK-5020', revision: '-', title: 'Seal Kit', location: { file, line: 18, entity: 'p4' } },
      ],
      bomLines: [
        { parent: 'NWS-5000/B', child: 'NWS-5010/A', quantity: 1, location: { file, line: 8, entity: 'i1' } },
        { parent: 'NWS-5000/B', child: 'RVDT-71/C', quantity: 1, location: { file, line: 9, entity: 'i2' } },
        { parent: 'NWS-5000/B', child: 'SK-5020/-', quantity: 2, location: { file, line: 10, entity: 'i3' }, mergedLocations: [{ file, line: 11, entity: 'i4' }] },
      ],
      requirements: [],
      links: [],
      issues: [],
    });
  });

  const duplicates: { name: string; second: string; errors: string[] }[] = [
    { name: 'identical duplicate part', second: '<ProductRevision id="b2" masterRef="#a" revision="A" name="Strut"/>', errors: [] },
    {
      name: 'conflicting duplicate part',
      second: '<ProductRevision id="b2" masterRef="#a" revision="A" name="Strut, long"/>',
      errors: ['line 5 (b2): b2 describes part STRUT-1 revision A with another title than b at line 4; make the two descriptions the same or give them different revisions'],
    },
  ];
  for (const { name, second, errors } of duplicates) {
    it(name, async () => {
      const file = writePlmxml('duplicate.plmxml', ['  <Product id="a" productId="STRUT-1"/>', '  <ProductRevision id="b" masterRef="#a" revision="A" name="Strut"/>', `  ${second}`].join('\n'));
      const batch = await importPlmxml(file);
      const found = batch.issues.filter((issue) => issue.severity === 'error').map((issue) => `line ${issue.location?.line} (${issue.location?.entity}): ${issue.message}`);
      assert.deepEqual(found, errors);
      assert.equal(batch.parts.length, 1);
    });
  }

  // The schema's Description element, or Teamcenter's object_desc user value; the revision's own comes first.
  const descriptions: { name: string; body: string; expected: string | undefined }[] = [
    { name: 'revision Description element', body: '<Product id="a" productId="STRUT-1"/><ProductRevision id="b" masterRef="#a" revision="A" name="Strut"><Description>Oleo strut, LH</Description></ProductRevision>', expected: 'Oleo strut, LH' },
    { name: 'product Description element', body: '<Product id="a" productId="STRUT-1"><Description>\n  Oleo strut\n</Description></Product><ProductRevision id="b" masterRef="#a" revision="A" name="Strut"/>', expected: 'Oleo strut' },
    {
      name: 'revision before product',
      body: '<Product id="a" productId="STRUT-1"><Description>Product text</Description></Product><ProductRevision id="b" masterRef="#a" revision="A" name="Strut"><Description>Revision text</Description></ProductRevision>',
      expected: 'Revision text',
    },
    {
      name: 'object_desc before the element',
      body: '<Product id="a" productId="STRUT-1"/><ProductRevision id="b" masterRef="#a" revision="A" name="Strut"><Description>Element text</Description><UserData id="u"><UserValue title="object_desc" value="User value text"/></UserData></ProductRevision>',
      expected: 'User value text',
    },
    { name: 'InstanceGraph Part element', body: '<InstanceGraph id="ig" rootRefs="p1"><Part id="p1" name="Rod end"><Description>Rod end, spherical</Description><UserData id="u"><UserValue title="PartNumber" value="FA-110"/></UserData></Part></InstanceGraph>', expected: 'Rod end, spherical' },
    { name: 'empty Description element', body: '<Product id="a" productId="STRUT-1"/><ProductRevision id="b" masterRef="#a" revision="A" name="Strut"><Description> </Description></ProductRevision>', expected: undefined },
    {
      name: 'Description of a nested element',
      body: '<Product id="a" productId="STRUT-1"/><ProductRevision id="b" masterRef="#a" revision="A" name="Strut"><AssociatedDataSet id="d"><Description>Drawing</Description></AssociatedDataSet></ProductRevision>',
      expected: undefined,
    },
  ];
  for (const { name, body, expected } of descriptions) {
    it(`description from ${name}`, async () => {
      const batch = await importPlmxml(writePlmxml('description.plmxml', body));
      assert.equal(batch.parts.length, 1);
      assert.equal(batch.parts[0]!.description, expected);
    });
  }

  it('instanceRefs written as #id', async () => {
    const file = writePlmxml(
      'hash-refs.plmxml',
      [
        '  <InstanceGraph id="ig" rootRefs="p1">',
        '    <Part id="p1" name="Flap actuator" instanceRefs="#i1 #i2"><UserData id="u1"><UserValue title="PartNumber" value="FA-100"/></UserData></Part>',
        '    <Instance id="i1" partRef="#p2"/>',
        '    <Instance id="i2" partRef="#p2"/>',
        '    <Part id="p2" name="Rod end"><UserData id="u2"><UserValue title="PartNumber" value="FA-110"/></UserData></Part>',
        '  </InstanceGraph>',
      ].join('\n'),
    );
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(
      batch.bomLines.map((line) => [line.parent, line.child, line.quantity]),
      [['FA-100/-', 'FA-110/-', 2]],
    );
  });

  // UserValue titles match as CSV headers do: without case, spaces or punctuation.
  const titles: [numberTitle: string, revisionTitle: string][] = [
    ['Part Number', 'Revision'],
    ['part_number', 'REVISION'],
    ['PartNumber', 'Item Revision ID'],
    ['Item ID', 'item_revision_id'],
    ['item_id', 'Item-Revision-Id'],
  ];
  for (const [numberTitle, revisionTitle] of titles) {
    it(`Part numbered by ${numberTitle}`, async () => {
      const values = `<UserValue title="${numberTitle}" value="123-110"/><UserValue title="${revisionTitle}" value="B"/><UserValue title="Supplier" value="Moog"/>`;
      const file = writePlmxml('titles.plmxml', ['  <InstanceGraph id="ig" rootRefs="id6">', `    <Part id="id6" name="Servo valve"><UserData id="u6">${values}</UserData></Part>`, '  </InstanceGraph>'].join('\n'));
      const batch = await importPlmxml(file);
      assert.deepEqual(batch.issues, []);
      assert.equal(batch.parts.length, 1);
      assert.equal(batch.parts[0]!.partNumber, '123-110');
      assert.equal(batch.parts[0]!.revision, 'B');
      assert.deepEqual(batch.parts[0]!.attributes, { Supplier: 'Moog' });
    });
  }

  it('Part without a number named by its name', async () => {
    const file = writePlmxml('seal-kit.plmxml', ['  <InstanceGraph id="ig" rootRefs="p1">', '    <Part id="p1" name="Seal Kit"/>', '  </InstanceGraph>'].join('\n'));
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.parts.map((part) => part.partNumber), ['Seal Kit']);
    assert.deepEqual(
      batch.issues.map((issue) => `${issue.severity} line ${issue.location?.line}: ${issue.message}`),
      ['warning line 4: Part p1 has no PartNumber or item_id UserValue, so its name "Seal Kit" is its part number; give it an item_id UserValue if it has a number in Teamcenter'],
    );
  });

  it('broken XML reports no follow-on errors', async () => {
    const file = writePlmxml('follow-on.plmxml', ['  <InstanceGraph id="ig" rootRefs="p1">', '    <Part id="p1" name="Flap actuator" instanceRefs="i1"><UserData id="u1"><UserValue title="PartNumber" value="FA-100"/></UserData></Part>', '    <Instance id="i1" partRef="#p2"></Part>', '  </InstanceGraph>'].join('\n'));
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.issues.map((issue) => `line ${issue.location?.line}: ${issue.message}`), ['line 5: malformed XML: unexpected close tag (column 43); correct the XML at this place, or export the file again']);
  });

  it('instanceRefs naming no instance', async () => {
    const file = writePlmxml('missing-ref.plmxml', ['  <InstanceGraph id="ig" rootRefs="p1">', '    <Part id="p1" name="Flap actuator" instanceRefs="i9"><UserData id="u1"><UserValue title="PartNumber" value="FA-100"/></UserData></Part>', '  </InstanceGraph>'].join('\n'));
    const batch = await importPlmxml(file);
    assert.deepEqual(
      batch.issues.map((issue) => issue.message),
      ['instanceRefs of Part p1 names i9, which is no Occurrence, Instance or ProductInstance of the file; name the id of one, or add the missing element'],
    );
  });

  it('broken XML reports its line', async () => {
    const file = writePlmxml('broken.plmxml', '  <Product id="a" productId="X-1">\n  <ProductRevision id="b" masterRef="#a" revision="A"/>\n  </Products>');
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.issues, [{ severity: 'error', message: 'malformed XML: unexpected close tag (column 13); correct the XML at this place, or export the file again', location: { file, line: 5 } }]);
  });

  const otherDocuments: [name: string, file: string, message: string][] = [
    [
      'ReqIF document',
      join('test', 'fixtures', 'import', 'reqif', 'ReqIF_Studio', '01_anonimized_example', 'sample.reqif'),
      'this is no PLM XML document: the root element is <REQ-IF>, not <PLMXML>; it is a ReqIF document, so import it as reqif ("import reqif", or POST /import/reqif)',
    ],
    ['XML of another tool', 'other.xml', 'this is no PLM XML document: the root element is <assembly>, not <PLMXML>; import it in its own format, or export the file again as PLM XML'],
  ];
  for (const [name, path, message] of otherDocuments) {
    it(`${name} rejected by its root`, async () => {
      let file = path;
      if (path === 'other.xml') {
        file = join(directory.path, path);
        writeFileSync(file, '<?xml version="1.0"?>\n<assembly><part id="1"/></assembly>\n');
      }
      const batch = await importPlmxml(file);
      assert.deepEqual(batch.issues.map((issue) => issue.message), [message]);
      assert.equal(batch.issues[0]!.severity, 'error');
      assert.deepEqual([batch.parts.length, batch.bomLines.length], [0, 0]);
    });
  }

  it('file cut inside the document', async () => {
    const file = join(directory.path, 'cut.plmxml');
    writeFileSync(file, '<?xml version="1.0" encoding="utf-8"?>\n<PLMXML xmlns="http://www.plmxml.org/Schemas/PLMXMLSchema" schemaVersion="6">\n  <Product id="a" productId="X-1"/>\n');
    const batch = await importPlmxml(file);
    assert.equal(batch.issues.length, 1);
    assert.match(batch.issues[0]!.message, /^malformed XML: .*; the file ends inside the document, so it may be cut short; export or copy it again$/);
  });

  it('dangling instancedRef reported', async () => {
    const file = writePlmxml(
      'dangling.plmxml',
      [
        '  <Product id="a" productId="ASM-1"/>',
        '  <ProductRevision id="b" masterRef="#a" revision="A"/>',
        '  <ProductView id="v" rootRefs="o1">',
        '    <Occurrence id="o1" instancedRef="#b" occurrenceRefs="o2"/>',
        '    <Occurrence id="o2" instancedRef="#missing"/>',
        '  </ProductView>',
      ].join('\n'),
    );
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.bomLines, []);
    assert.deepEqual(batch.issues, [{ severity: 'error', message: 'Occurrence o2 has instancedRef #missing, which names no part of the file; point it at the id of a ProductRevision or Part of the file, or add that element', location: { file, line: 7, entity: 'o2' } }]);
  });

  it('reused assembly that differs', async () => {
    const file = writePlmxml(
      'differs.plmxml',
      [
        '  <Product id="a" productId="TOP"/><ProductRevision id="ar" masterRef="#a" revision="A"/>',
        '  <Product id="s" productId="SUB"/><ProductRevision id="sr" masterRef="#s" revision="A"/>',
        '  <Product id="l" productId="LEAF"/><ProductRevision id="lr" masterRef="#l" revision="A"/>',
        '  <ProductView id="v" rootRefs="o1">',
        '    <Occurrence id="o1" instancedRef="#ar" occurrenceRefs="o2 o4"/>',
        '    <Occurrence id="o2" instancedRef="#sr" occurrenceRefs="o3"/>',
        '    <Occurrence id="o3" instancedRef="#lr"/>',
        '    <Occurrence id="o4" instancedRef="#sr" occurrenceRefs="o5"/>',
        '    <Occurrence id="o5" instancedRef="#lr"><UserData><UserValue title="Quantity" value="3"/></UserData></Occurrence>',
        '  </ProductView>',
      ].join('\n'),
    );
    const batch = await importPlmxml(file);
    assert.deepEqual(
      batch.bomLines.map((line) => [line.parent, line.child, line.quantity]),
      [
        ['TOP/A', 'SUB/A', 2],
        ['SUB/A', 'LEAF/A', 1],
      ],
    );
    assert.deepEqual(batch.issues, [{ severity: 'warning', message: 'assembly SUB/A has other children at Occurrence o4 than at its first occurrence; the first is kept', location: { file, line: 10, entity: 'o4' } }]);
  });

  it('reference designators in one value', async () => {
    const file = writePlmxml(
      'designators.plmxml',
      [
        '  <Product id="a" productId="TOP"/><ProductRevision id="ar" masterRef="#a" revision="A"/>',
        '  <Product id="l" productId="NAS1352-3"/><ProductRevision id="lr" masterRef="#l" revision="-"/>',
        '  <ProductView id="v" rootRefs="o1">',
        '    <Occurrence id="o1" instancedRef="#ar" occurrenceRefs="o2 o3"/>',
        '    <Occurrence id="o2" instancedRef="#lr"><UserData><UserValue title="bl_quantity" value="4"/><UserValue title="bl_ref_designator" value="S1 S2 S3 S4"/></UserData></Occurrence>',
        '    <Occurrence id="o3" instancedRef="#lr"><UserData><UserValue title="bl_quantity" value="3"/><UserValue title="bl_ref_designator" value="S5,S6, S7"/></UserData></Occurrence>',
        '  </ProductView>',
      ].join('\n'),
    );
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(
      batch.bomLines.map((line) => [line.child, line.quantity, line.referenceDesignators]),
      [['NAS1352-3/-', 7, ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']]],
    );
  });

  it('unknown unit names the known units', async () => {
    const file = writePlmxml(
      'unit.plmxml',
      [
        '  <Product id="a" productId="TOP"/><ProductRevision id="ar" masterRef="#a" revision="A"/>',
        '  <Product id="l" productId="TAPE"/><ProductRevision id="lr" masterRef="#l" revision="A"/>',
        '  <ProductView id="v" rootRefs="o1">',
        '    <Occurrence id="o1" instancedRef="#ar" occurrenceRefs="o2"/>',
        '    <Occurrence id="o2" instancedRef="#lr"><UserData><UserValue title="Quantity" value="2"/><UserValue title="Unit" value="roll"/></UserData></Occurrence>',
        '  </ProductView>',
      ].join('\n'),
    );
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.issues, [
      {
        severity: 'error',
        message: 'Occurrence o2 (part TAPE rev A) has unit "roll", which has no QUDT unit here; set its Unit to one of ea (or pc, pcs, st), m, mm, cm, m2, m3, in, ft, kg, g, lb, l, ml or gal (US gallon)',
        location: { file, line: 7, entity: 'o2' },
      },
    ]);
  });

  const quantities: [written: string, message: string][] = [
    ['-2', 'Occurrence o2 (part LEAF rev A) has quantity "-2", but a positive number is required'],
    ['1,5', 'Occurrence o2 (part LEAF rev A) has quantity "1,5", but a positive number is required; write it with a decimal point, as 1.5'],
    ['1,250.5', 'Occurrence o2 (part LEAF rev A) has quantity "1,250.5", but a positive number is required; write it without thousands separators, as 1250.5'],
    ['1,250', 'Occurrence o2 (part LEAF rev A) has quantity "1,250", but a positive number is required; write it with a decimal point (1.250) or without the thousands separator (1250)'],
  ];
  for (const [written, message] of quantities) {
    it(`invalid quantity ${written} reported`, async () => {
      const file = writePlmxml(
        'quantity.plmxml',
        [
          '  <Product id="a" productId="TOP"/><ProductRevision id="ar" masterRef="#a" revision="A"/>',
          '  <Product id="l" productId="LEAF"/><ProductRevision id="lr" masterRef="#l" revision="A"/>',
          '  <ProductView id="v" rootRefs="o1">',
          '    <Occurrence id="o1" instancedRef="#ar" occurrenceRefs="o2"/>',
          `    <Occurrence id="o2" instancedRef="#lr"><UserData><UserValue title="Quantity" value="${written}"/></UserData></Occurrence>`,
          '  </ProductView>',
        ].join('\n'),
      );
      const batch = await importPlmxml(file);
      assert.deepEqual(batch.issues, [{ severity: 'error', message, location: { file, line: 7, entity: 'o2' } }]);
    });
  }

  /** A ProductRevision with UserData, as `<ProductRevision id="rN" …>` of Product `pN`, numbered WC-1N0. */
  const revision = (index: number, userValues: string, attributes = ''): string =>
    `  <Product id="p${index}" productId="WC-1${index}0"/><ProductRevision id="r${index}" masterRef="#p${index}" revision="A"${attributes}><UserData id="u${index}">${userValues}</UserData></ProductRevision>`;
  const statusList = (value: string): string => `<UserValue value="${value}" title="release_status_list"/>`;

  /** Value of a release_status_list UserValue, and the lifecycleState attribute of the part. */
  const STATUS_CASES: Array<[written: string, lifecycleState: string | undefined]> = [
    ['TCM Released', 'Released'],
    ['Released', 'Released'],
    ['Approved', 'Released'],
    ['Obsolete', 'Obsolete'],
    ['Pending', 'Under Review'],
    ['In Work', 'In Work'],
    ['Working', 'In Work'],
    ['Under Review', 'Under Review'],
    // Of several statuses, the last one listed is the latest.
    ['Pending,TCM Released', 'Released'],
    ['TCM Released, Obsolete', 'Obsolete'],
    // An empty list gives no status, so a new part gets In Work and a stored one keeps its state.
    ['', undefined],
  ];
  for (const [written, lifecycleState] of STATUS_CASES) {
    it(`release_status_list "${written}"`, async () => {
      const file = writePlmxml('status.plmxml', revision(1, statusList(written)));
      const batch = await importPlmxml(file);
      assert.deepEqual(batch.issues, []);
      assert.deepEqual(batch.parts[0]!.attributes, lifecycleState === undefined ? undefined : { lifecycleState });
    });
  }

  it('ReleaseStatus elements by reference', async () => {
    const file = writePlmxml(
      'release-status.plmxml',
      [
        '  <ReleaseStatus id="rs1" name="Pending" dateReleased="2026-01-10T09:00:00Z"/>',
        '  <ReleaseStatus id="rs2" name="TCM Released" dateReleased="2026-02-03T14:30:00Z"/>',
        // The ReleaseStatus elements come first where the file has both, so this list is not read.
        revision(1, statusList('Obsolete'), ' releaseStatusRefs="#rs1 #rs2"'),
        revision(2, '', ' releaseStatusRefs="#rs1"'),
        '  <InstanceGraph id="ig" rootRefs="g1">',
        '    <Part id="g1" name="Steering collar" releaseStatusRefs="#rs2"><UserData id="u9"><UserValue title="PartNumber" value="WC-190"/></UserData></Part>',
        '  </InstanceGraph>',
      ].join('\n'),
    );
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(
      batch.parts.map((part) => [part.partNumber, part.attributes?.lifecycleState]),
      [
        ['WC-110', 'Released'],
        ['WC-120', 'Under Review'],
        ['WC-190', 'Released'],
      ],
    );
  });

  it('Lifecycle State UserValue kept', async () => {
    const file = writePlmxml('explicit-state.plmxml', revision(1, `${statusList('Prototype')}<UserValue value="Obsolete" title="Lifecycle State"/>`));
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(batch.parts[0]!.attributes, { 'Lifecycle State': 'Obsolete' });
  });

  it('one warning per unknown status', async () => {
    const file = writePlmxml(
      'unknown-status.plmxml',
      [
        revision(1, statusList('Prototype')),
        revision(2, statusList('Frozen')),
        revision(3, statusList('TCM Released,Prototype')),
        revision(4, statusList('TCM Released')),
        '  <InstanceGraph id="ig" rootRefs="g1">',
        `    <Part id="g1" name="Collar shim"><UserData id="u9"><UserValue title="PartNumber" value="WC-190"/>${statusList('Prototype')}</UserData></Part>`,
        '  </InstanceGraph>',
      ].join('\n'),
    );
    const batch = await importPlmxml(file);
    const known = 'matches none of the lifecycle states In Work, Under Review, Released, and Obsolete, nor TCM Released, Approved, Pending or Working';
    assert.deepEqual(batch.issues, [
      { severity: 'warning', message: `Teamcenter release status "Prototype" ${known}, so 3 parts keep their stored lifecycle state (In Work when new): WC-110 rev A, WC-130 rev A, WC-190 rev -.`, location: { file, line: 3, entity: 'r1' } },
      { severity: 'warning', message: `Teamcenter release status "Frozen" ${known}, so 1 part keeps its stored lifecycle state (In Work when new): WC-120 rev A.`, location: { file, line: 4, entity: 'r2' } },
    ]);
    assert.deepEqual(
      batch.parts.map((part) => part.attributes?.lifecycleState),
      [undefined, undefined, undefined, 'Released', undefined],
    );
  });
});

/** The gearbox GBX-400 rev B, its housing and its bearing as Teamcenter exports them: Products and ProductRevisions. */
const GEARBOX_REVISIONS = [
  '  <Product id="id2" name="Gearbox assembly" subType="Item" productId="GBX-400"/>',
  '  <ProductRevision id="id3" name="Gearbox assembly" subType="ItemRevision" masterRef="#id2" revision="B"/>',
  '  <Product id="id4" name="Housing, machined" subType="Item" productId="GBX-410"/>',
  '  <ProductRevision id="id5" name="Housing, machined" subType="ItemRevision" masterRef="#id4" revision="A"/>',
  '  <Product id="id6" name="Ball bearing 20x47x14" subType="Item" productId="6204-2RS"/>',
  '  <ProductRevision id="id7" name="Ball bearing 20x47x14" subType="ItemRevision" masterRef="#id6" revision="-"/>',
];

/**
 * Returns a Teamcenter-style export of the gearbox: a ProductView whose Occurrences name ProductRevisions,
 * and an InstanceGraph with the gearbox's BOM view revisions, whose `viewRef`s name the Views given as
 * `[id, name]`. Teamcenter's default BOM view type is `view`.
 */
function gearboxProductView(views: readonly [id: string, name: string][], childAttributes = '', gearboxRef = '#id3'): string {
  return [
    ...GEARBOX_REVISIONS,
    '  <ProductView id="id10" rootRefs="id11" primaryOccurrenceRef="id11">',
    `    <Occurrence id="id11" instancedRef="${gearboxRef}" occurrenceRefs="id12 id13"/>`,
    `    <Occurrence id="id12" instancedRef="#id5" parentRef="#id11"${childAttributes}/>`,
    `    <Occurrence id="id13" instancedRef="#id7" parentRef="#id11"${childAttributes}><UserData id="id14"><UserValue title="Quantity" value="2"/></UserData></Occurrence>`,
    '  </ProductView>',
    '  <ProductDef id="id20">',
    '    <InstanceGraph id="id21">',
    ...views.map(([id, name], index) => `      <ProductRevisionView id="id2${index + 2}" name="${name}" revisionRef="#id3" viewRef="#${id}"/>`),
    '    </InstanceGraph>',
    '  </ProductDef>',
    ...views.map(([id, name]) => `  <View id="${id}" name="${name}"/>`),
  ].join('\n');
}

/**
 * Returns an InstanceGraph of the gearbox with two ProductRevisionViews: id22 in the view type `firstType`
 * uses the housing and two bearings, and id23 in Manufacturing uses the housing.
 */
function gearboxInstanceGraph(firstType: string): string {
  return [
    ...GEARBOX_REVISIONS,
    '  <ProductDef id="id20">',
    '    <InstanceGraph id="id21" rootRefs="id22">',
    `      <ProductRevisionView id="id22" name="${firstType}" revisionRef="#id3" viewRef="#id30" instanceRefs="id40 id41"/>`,
    '      <ProductRevisionView id="id23" name="Manufacturing" revisionRef="#id3" viewRef="#id31" instanceRefs="id42"/>',
    '      <ProductRevisionView id="id24" revisionRef="#id5"/>',
    '      <ProductRevisionView id="id25" revisionRef="#id7"/>',
    '      <ProductInstance id="id40" partRef="#id24"/>',
    '      <ProductInstance id="id41" partRef="#id25" quantity="2"/>',
    '      <ProductInstance id="id42" partRef="#id24"/>',
    '    </InstanceGraph>',
    '  </ProductDef>',
    `  <View id="id30" name="${firstType}"/>`,
    '  <View id="id31" name="Manufacturing"/>',
  ].join('\n');
}

/** Returns the warning about the lines of `assembly` (the gearbox by default) in the view type `name`, which names neither BOM. */
function unknownViewWarning(name: string, lines = '2 BOM lines', assembly = 'GBX-400 rev B'): string {
  return (
    `Teamcenter BOM view type "${name}" is neither an EBOM nor an MBOM view (EBOM, MBOM, Design, Manufacturing), so the import leaves out ${lines} ` +
    `of 1 assembly in that view: ${assembly}. To import them, rename the view type in the export to one that the import reads (EBOM, MBOM, Design, Manufacturing), ` +
    "or to Teamcenter's default type view, whose lines go into the import's view (--bom-view)."
  );
}

/** Returns the warning about the gearbox revision id3, whose ProductRevisionViews have the types `names`, with its lines in `view`. */
function unclearViewWarning(names: string, view: string): string {
  return (
    `ProductRevision id3 (GBX-400 rev B) has BOM view revisions of the types ${names}, and Occurrence id11 does not show which one it uses, ` +
    `so its BOM lines go into the import's view, ${view}. To import each view into its own BOM, export each BOM view revision on its own and import it with --bom-view.`
  );
}

describe('PLM XML BOM views', () => {
  const DESIGN_AND_MANUFACTURING: [string, string][] = [
    ['id30', 'Design'],
    ['id31', 'Manufacturing'],
  ];
  const cases: { case: string; views: [string, string][]; childAttributes?: string; gearboxRef?: string; bomView?: BomView; view?: string; warnings?: string[] }[] = [
    { case: "Teamcenter's default view", views: [['id30', 'view']] },
    { case: "default view written 'View'", views: [['id30', 'View']] },
    { case: 'no View', views: [] },
    { case: 'Manufacturing view', views: [['id30', 'Manufacturing']], view: 'MBOM' },
    { case: 'MBOM view', views: [['id30', 'MBOM']], view: 'MBOM' },
    { case: 'Design view', views: [['id30', 'Design']], view: 'EBOM' },
    { case: 'Service view', views: [['id30', 'Service']], warnings: [unknownViewWarning('Service')] },
    { case: 'Service view with --bom-view mbom', views: [['id30', 'Service']], bomView: 'MBOM', warnings: [unknownViewWarning('Service')] },
    { case: 'Service view named by instancedRef', views: [['id30', 'Service']], gearboxRef: '#id22', warnings: [unknownViewWarning('Service')] },
    { case: 'Design and Manufacturing views', views: DESIGN_AND_MANUFACTURING, warnings: [unclearViewWarning('Design, Manufacturing', 'EBOM')] },
    { case: 'both views with --bom-view mbom', views: DESIGN_AND_MANUFACTURING, bomView: 'MBOM', warnings: [unclearViewWarning('Design, Manufacturing', 'MBOM')] },
    {
      case: 'default and Manufacturing views',
      views: [
        ['id30', 'view'],
        ['id31', 'Manufacturing'],
      ],
      warnings: [unclearViewWarning('view, Manufacturing', 'EBOM')],
    },
    // The schema's lastInstanceParentRef names the ProductRevisionView whose Instance the child Occurrence is.
    { case: 'both views, lastInstanceParentRef Manufacturing', views: DESIGN_AND_MANUFACTURING, childAttributes: ' lastInstanceParentRef="#id23"', view: 'MBOM' },
    { case: 'both views, lastInstanceParentRef Design', views: DESIGN_AND_MANUFACTURING, childAttributes: ' lastInstanceParentRef="#id22"', view: 'EBOM' },
  ];
  for (const { case: name, views, childAttributes, gearboxRef, bomView, view, warnings } of cases) {
    it(`ProductView with ${name}`, async () => {
      const batch = await importPlmxml(writePlmxml('gearbox.plmxml', gearboxProductView(views, childAttributes, gearboxRef)), bomView === undefined ? {} : { bomView });
      assert.deepEqual(
        batch.issues.map((issue) => issue.message),
        warnings ?? [],
      );
      assert.deepEqual(
        batch.bomLines.map((line) => [line.parent, line.child, line.quantity, line.view]),
        warnings?.[0]?.startsWith('Teamcenter BOM view type')
          ? []
          : [
              ['GBX-400/B', 'GBX-410/A', 1, view],
              ['GBX-400/B', '6204-2RS/-', 2, view],
            ],
      );
    });
  }

  it('unknown view warning names the View', async () => {
    const batch = await importPlmxml(writePlmxml('gearbox.plmxml', gearboxProductView([['id30', 'Service']])));
    assert.deepEqual(
      batch.issues.map((issue) => [issue.location?.line, issue.location?.entity]),
      [[19, 'id30']],
    );
  });

  it('unclear view warning names the Occurrence', async () => {
    const batch = await importPlmxml(writePlmxml('gearbox.plmxml', gearboxProductView(DESIGN_AND_MANUFACTURING)));
    assert.deepEqual(
      batch.issues.map((issue) => [issue.location?.line, issue.location?.entity]),
      [[10, 'id11']],
    );
  });

  it('both views shown by instanceRefs', async () => {
    // Each child Occurrence's chain ends at an Instance of the Manufacturing ProductRevisionView id23.
    const file = writePlmxml(
      'gearbox-chain.plmxml',
      [
        ...GEARBOX_REVISIONS,
        '  <ProductView id="id10" rootRefs="id11">',
        '    <Occurrence id="id11" instancedRef="#id3" occurrenceRefs="id12 id13"/>',
        '    <Occurrence id="id12" instancedRef="#id5" instanceRefs="#id42"/>',
        '    <Occurrence id="id13" instancedRef="#id7" instanceRefs="#id43"><UserData id="id14"><UserValue title="Quantity" value="2"/></UserData></Occurrence>',
        '  </ProductView>',
        '  <ProductDef id="id20">',
        '    <InstanceGraph id="id21">',
        '      <ProductRevisionView id="id22" name="Design" revisionRef="#id3" viewRef="#id30"/>',
        '      <ProductRevisionView id="id23" name="Manufacturing" revisionRef="#id3" viewRef="#id31" instanceRefs="id42 id43"/>',
        '      <ProductRevisionView id="id24" revisionRef="#id5"/>',
        '      <ProductRevisionView id="id25" revisionRef="#id7"/>',
        '      <ProductInstance id="id42" partRef="#id24"/>',
        '      <ProductInstance id="id43" partRef="#id25" quantity="2"/>',
        '    </InstanceGraph>',
        '  </ProductDef>',
        '  <View id="id30" name="Design"/>',
        '  <View id="id31" name="Manufacturing"/>',
      ].join('\n'),
    );
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(
      batch.bomLines.map((line) => [line.parent, line.child, line.quantity, line.view, line.location.entity]),
      [
        ['GBX-400/B', 'GBX-410/A', 1, 'MBOM', 'id12'],
        ['GBX-400/B', '6204-2RS/-', 2, 'MBOM', 'id13'],
      ],
    );
  });

  it('InstanceGraph with a Service view', async () => {
    const file = writePlmxml('gearbox-service.plmxml', gearboxInstanceGraph('Service'));
    const batch = await importPlmxml(file);
    assert.deepEqual(
      batch.issues.map((issue) => issue.message),
      [unknownViewWarning('Service')],
    );
    assert.deepEqual(
      batch.bomLines.map((line) => [line.parent, line.child, line.quantity, line.view, line.location.entity]),
      [['GBX-400/B', 'GBX-410/A', 1, 'MBOM', 'id42']],
    );
  });

  it('InstanceGraph with both views', async () => {
    const file = writePlmxml('gearbox-views.plmxml', gearboxInstanceGraph('Design'));
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(
      batch.bomLines.map((line) => [line.parent, line.child, line.quantity, line.view, line.location.entity]),
      [
        ['GBX-400/B', 'GBX-410/A', 1, 'EBOM', 'id40'],
        ['GBX-400/B', '6204-2RS/-', 2, 'EBOM', 'id41'],
        ['GBX-400/B', 'GBX-410/A', 1, 'MBOM', 'id42'],
      ],
    );
  });
});

/**
 * Returns the pump PMP-100 rev A with a ProductRevisionView in Manufacturing (prv1, which lists Instance
 * i3: two seals) and one in Service (prv2, which lists Instance i4: four seals), and a ProductView whose
 * Occurrence o1 uses the seal PMP-120 through o3 (two, at find number 20), o4 (four, at find number 20)
 * and, when `o5` is given, o5 (one, at find number 20). The arguments are the attributes that each
 * Occurrence adds, such as `lastInstanceParentRef="#prv1"`.
 */
function pumpProductView(rootRef: string, o3: string, o4: string, o5?: string): string {
  const seals = (quantity: number): string => `<UserData><UserValue title="Quantity" value="${quantity}"/><UserValue title="SequenceNumber" value="20"/></UserData>`;
  return [
    '  <Product id="p100" productId="PMP-100"/><ProductRevision id="r100" masterRef="#p100" revision="A" name="Pump"/>',
    '  <Product id="p120" productId="PMP-120"/><ProductRevision id="r120" masterRef="#p120" revision="A" name="Seal"/>',
    '  <View id="vm" name="Manufacturing"/>',
    '  <View id="vs" name="Service"/>',
    '  <ProductDef id="pd"><InstanceGraph id="ig">',
    '    <ProductRevisionView id="prv1" revisionRef="#r100" viewRef="#vm" instanceRefs="i3"/>',
    '    <ProductRevisionView id="prv2" revisionRef="#r100" viewRef="#vs" instanceRefs="i4"/>',
    '    <ProductRevisionView id="prv3" revisionRef="#r120"/>',
    `    <ProductInstance id="i3" partRef="#prv3">${seals(2)}</ProductInstance>`,
    `    <ProductInstance id="i4" partRef="#prv3">${seals(4)}</ProductInstance>`,
    '  </InstanceGraph></ProductDef>',
    '  <ProductView id="pv" rootRefs="o1">',
    `    <Occurrence id="o1" instancedRef="${rootRef}" occurrenceRefs="o3 o4${o5 === undefined ? '' : ' o5'}"/>`,
    `    <Occurrence id="o3" instancedRef="#r120" parentRef="#o1" ${o3}>${seals(2)}</Occurrence>`,
    `    <Occurrence id="o4" instancedRef="#r120" parentRef="#o1" ${o4}>${seals(4)}</Occurrence>`,
    ...(o5 === undefined ? [] : [`    <Occurrence id="o5" instancedRef="#r120" parentRef="#o1" ${o5}>${seals(1)}</Occurrence>`]),
    '  </ProductView>',
  ].join('\n');
}

describe('PLM XML view per child Occurrence', () => {
  /** A BOM line of the pump: child, quantity, find number, view and the element it comes from. */
  type Line = [child: string, quantity: number, findNumber: string | undefined, view: string | undefined, entity: string];

  const SERVICE = `line 6 (vs): ${unknownViewWarning('Service', '1 BOM line', 'PMP-100 rev A')}`;
  const PUMP_VIEWS = 'ProductRevision r100 (PMP-100 rev A) has BOM view revisions of the types Manufacturing, Service';
  const MANUFACTURING_SEALS: Line = ['PMP-120/A', 2, '20', 'MBOM', 'o3'];
  const cases: { case: string; rootRef: string; o3: string; o4: string; o5?: string; lines: Line[]; issues: string[] }[] = [
    // The file of the user trial, where the Service seals used to add up with the Manufacturing seals to 6.
    { case: 'children in two views', rootRef: '#r100', o3: 'lastInstanceParentRef="#prv1"', o4: 'lastInstanceParentRef="#prv2"', lines: [MANUFACTURING_SEALS], issues: [SERVICE] },
    { case: 'views by instanceRefs', rootRef: '#r100', o3: 'instanceRefs="#i3"', o4: 'instanceRefs="#i4"', lines: [MANUFACTURING_SEALS], issues: [SERVICE] },
    { case: 'views by both attributes', rootRef: '#r100', o3: 'instanceRefs="#i3" lastInstanceParentRef="#prv1"', o4: 'instanceRefs="#i4" lastInstanceParentRef="#prv2"', lines: [MANUFACTURING_SEALS], issues: [SERVICE] },
    { case: 'root prv1, children in two views', rootRef: '#prv1', o3: 'lastInstanceParentRef="#prv1"', o4: 'lastInstanceParentRef="#prv2"', lines: [MANUFACTURING_SEALS], issues: [SERVICE] },
    // A child's own view comes first, so all six seals are Service lines. The Manufacturing seals come from prv1's Instance i3.
    { case: 'root prv1, children in prv2', rootRef: '#prv1', o3: 'lastInstanceParentRef="#prv2"', o4: 'lastInstanceParentRef="#prv2"', lines: [['PMP-120/A', 2, '20', 'MBOM', 'i3']], issues: [SERVICE] },
    {
      case: 'one child without view',
      rootRef: '#r100',
      o3: 'lastInstanceParentRef="#prv1"',
      o4: '',
      lines: [MANUFACTURING_SEALS, ['PMP-120/A', 4, '20', undefined, 'o4']],
      issues: [
        SERVICE,
        `line 17 (o4): ${PUMP_VIEWS}, and the child Occurrence o4 of Occurrence o1 does not show which one it comes from, so its BOM line goes into the import's view, EBOM. ` +
          'To place it, give it a lastInstanceParentRef that names its ProductRevisionView, or export each BOM view revision on its own and import it with --bom-view.',
      ],
    },
    {
      case: 'two children without view',
      rootRef: '#r100',
      o3: 'lastInstanceParentRef="#prv1"',
      o4: '',
      o5: '',
      lines: [MANUFACTURING_SEALS, ['PMP-120/A', 5, '20', undefined, 'o4']],
      issues: [
        SERVICE,
        `line 17 (o4): ${PUMP_VIEWS}, and the child Occurrences o4, o5 of Occurrence o1 do not show which one they come from, so their BOM lines go into the import's view, EBOM. ` +
          'To place them, give each a lastInstanceParentRef that names its ProductRevisionView, or export each BOM view revision on its own and import it with --bom-view.',
      ],
    },
    {
      case: 'no child with view',
      rootRef: '#r100',
      o3: '',
      o4: '',
      lines: [
        ['PMP-120/A', 6, '20', undefined, 'o3'],
        ['PMP-120/A', 2, '20', 'MBOM', 'i3'],
      ],
      issues: [
        SERVICE,
        `line 15 (o1): ${PUMP_VIEWS}, and Occurrence o1 does not show which one it uses, so its BOM lines go into the import's view, EBOM. ` +
          'To import each view into its own BOM, export each BOM view revision on its own and import it with --bom-view.',
      ],
    },
  ];
  for (const { case: name, rootRef, o3, o4, o5, lines, issues } of cases) {
    it(`pump, ${name}`, async () => {
      const batch = await importPlmxml(writePlmxml('pump.plmxml', pumpProductView(rootRef, o3, o4, o5)));
      assert.deepEqual(
        batch.issues.map((issue) => `line ${issue.location?.line} (${issue.location?.entity}): ${issue.message}`),
        issues,
      );
      assert.deepEqual(
        batch.bomLines.map((line) => [line.child, line.quantity, line.findNumber, line.view, line.location.entity]),
        lines,
      );
      assert.deepEqual(
        batch.bomLines.map((line) => line.parent),
        lines.map(() => 'PMP-100/A'),
      );
    });
  }
});

/** Where an export writes the BOM view revisions of the nose landing gear revision id3. */
type ViewPlacement = 'inside ProductRevision' | 'with revisionRef' | 'without revisionRef';

/**
 * Returns a Teamcenter export of the nose landing gear NLG-2000 rev A, whose ProductView Occurrence id11
 * uses the shock strut (id12) and two axle bolts (id13, each with `childAttributes`). The gear's BOM view
 * revisions are given as `[id, view type]` and written where `placement` puts them, each with a View id3N.
 */
function noseGearExport(views: readonly [id: string, type: string][], placement: ViewPlacement, childAttributes = ''): string {
  const viewRevisions = views.map(
    ([id, type], index) =>
      `<ProductRevisionView id="${id}" name="NLG-2000/A-${type}" subType="PSBOMViewRevision"${placement === 'with revisionRef' ? ' revisionRef="#id3"' : ''} viewRef="#id3${index}"/>`,
  );
  return [
    '  <Product id="id2" name="Nose landing gear" subType="Item" productId="NLG-2000"/>',
    '  <ProductRevision id="id3" name="Nose landing gear" subType="ItemRevision" masterRef="#id2" revision="A">',
    '    <UserData id="id4" type="AttributesInContext"><UserValue title="item_id" value="NLG-2000"/><UserValue title="item_revision_id" value="A"/><UserValue title="Mass" value="96.5"/></UserData>',
    ...(placement === 'inside ProductRevision' ? viewRevisions.map((view) => `    ${view}`) : []),
    '  </ProductRevision>',
    '  <Product id="id6" name="Shock strut" subType="Item" productId="NLG-2100"/>',
    '  <ProductRevision id="id7" name="Shock strut" subType="ItemRevision" masterRef="#id6" revision="B"/>',
    '  <Product id="id8" name="Axle bolt" subType="Item" productId="NAS6608-40"/>',
    '  <ProductRevision id="id9" name="Axle bolt" subType="ItemRevision" masterRef="#id8" revision="-"/>',
    '  <ProductView id="id10" rootRefs="id11" primaryOccurrenceRef="id11">',
    '    <Occurrence id="id11" instancedRef="#id3" occurrenceRefs="id12 id13"/>',
    `    <Occurrence id="id12" instancedRef="#id7" parentRef="#id11"${childAttributes}/>`,
    `    <Occurrence id="id13" instancedRef="#id9" parentRef="#id11"${childAttributes}><UserData id="id14"><UserValue title="Quantity" value="2"/></UserData></Occurrence>`,
    '  </ProductView>',
    ...(placement === 'inside ProductRevision' ? [] : ['  <ProductDef id="id20">', '    <InstanceGraph id="id21">', ...viewRevisions.map((view) => `      ${view}`), '    </InstanceGraph>', '  </ProductDef>']),
    ...views.map(([, type], index) => `  <View id="id3${index}" name="${type}"/>`),
  ].join('\n');
}

describe('PLM XML BOM view revision placement', () => {
  /** A BOM line of the nose landing gear: parent, child, quantity and view. */
  type Line = [parent: string, child: string, quantity: number, view: string | undefined];

  const PARTS = ['NLG-2000/A', 'NLG-2100/B', 'NAS6608-40/-'];
  const linesIn = (view: string | undefined): Line[] => [
    ['NLG-2000/A', 'NLG-2100/B', 1, view],
    ['NLG-2000/A', 'NAS6608-40/-', 2, view],
  ];
  const unattached = (line: number, id: string, type: string): string =>
    `error line ${line} (${id}): ProductRevisionView ${id} ("NLG-2000/A-${type}") has subType PSBOMViewRevision, so it is a Teamcenter BOM view revision and no part, ` +
    'but its ProductRevision is missing: it has no revisionRef and is outside any ProductRevision; add revisionRef="#id3", or move the element into that ProductRevision';
  const DESIGN_AND_MANUFACTURING: [string, string][] = [
    ['id5', 'Design'],
    ['id15', 'Manufacturing'],
  ];

  const cases: { case: string; views: [string, string][]; placement: ViewPlacement; childAttributes?: string; parts: string[]; lines: Line[]; issues: string[] }[] = [
    { case: 'Design view inside ProductRevision', views: [['id5', 'Design']], placement: 'inside ProductRevision', parts: PARTS, lines: linesIn('EBOM'), issues: [] },
    { case: 'Manufacturing view inside ProductRevision', views: [['id5', 'Manufacturing']], placement: 'inside ProductRevision', parts: PARTS, lines: linesIn('MBOM'), issues: [] },
    { case: 'default view inside ProductRevision', views: [['id5', 'view']], placement: 'inside ProductRevision', parts: PARTS, lines: linesIn(undefined), issues: [] },
    // The children's lastInstanceParentRef names a nested view, which belongs to the enclosing revision id3.
    {
      case: 'two views inside ProductRevision',
      views: DESIGN_AND_MANUFACTURING,
      placement: 'inside ProductRevision',
      childAttributes: ' lastInstanceParentRef="#id15"',
      parts: PARTS,
      lines: linesIn('MBOM'),
      issues: [],
    },
    { case: 'Design view with revisionRef', views: [['id5', 'Design']], placement: 'with revisionRef', parts: PARTS, lines: linesIn('EBOM'), issues: [] },
    { case: 'Manufacturing view with revisionRef', views: [['id5', 'Manufacturing']], placement: 'with revisionRef', parts: PARTS, lines: linesIn('MBOM'), issues: [] },
    // A BOM view revision of no revision is rejected, so it never becomes a part numbered "NLG-2000/A-Design".
    { case: 'Design view without revisionRef', views: [['id5', 'Design']], placement: 'without revisionRef', parts: PARTS, lines: linesIn(undefined), issues: [unattached(18, 'id5', 'Design')] },
    {
      case: 'two views without revisionRef',
      views: DESIGN_AND_MANUFACTURING,
      placement: 'without revisionRef',
      parts: PARTS,
      lines: linesIn(undefined),
      issues: [unattached(18, 'id5', 'Design'), unattached(19, 'id15', 'Manufacturing')],
    },
  ];
  for (const { case: name, views, placement, childAttributes, parts, lines, issues } of cases) {
    it(name, async () => {
      const batch = await importPlmxml(writePlmxml('nose-gear.plmxml', noseGearExport(views, placement, childAttributes)));
      assert.deepEqual(
        batch.issues.map((issue) => `${issue.severity} line ${issue.location?.line} (${issue.location?.entity}): ${issue.message}`),
        issues,
      );
      assert.deepEqual(
        batch.parts.map((part) => part.sourceId),
        parts,
      );
      assert.deepEqual(
        batch.bomLines.map((line) => [line.parent, line.child, line.quantity, line.view]),
        lines,
      );
    });
  }

  it('nested view keeps revision attributes', async () => {
    const batch = await importPlmxml(writePlmxml('nose-gear.plmxml', noseGearExport([['id5', 'Design']], 'inside ProductRevision')));
    assert.deepEqual(batch.parts[0]!.attributes, { Mass: '96.5' });
    assert.deepEqual(batch.parts[0]!.location, { file: batch.source.uri, line: 4, entity: 'id3' });
  });

  it('ProductRevisionView as stand-alone part', async () => {
    // The schema gives ProductRevisionView the type of the deprecated Part, so without revisionRef it is a part of its own.
    const file = writePlmxml(
      'nose-gear-visualisation.plmxml',
      [
        '  <ProductDef id="id1">',
        '    <InstanceGraph id="id2" rootRefs="id3">',
        '      <ProductRevisionView id="id3" name="Nose landing gear" type="assembly" instanceRefs="id5">',
        '        <UserData id="id4"><UserValue title="item_id" value="NLG-2000"/><UserValue title="item_revision_id" value="A"/></UserData>',
        '      </ProductRevisionView>',
        '      <ProductInstance id="id5" partRef="#id6"/>',
        '      <ProductRevisionView id="id6" name="Shock strut" type="solid">',
        '        <UserData id="id7"><UserValue title="item_id" value="NLG-2100"/><UserValue title="item_revision_id" value="B"/></UserData>',
        '      </ProductRevisionView>',
        '    </InstanceGraph>',
        '  </ProductDef>',
      ].join('\n'),
    );
    const batch = await importPlmxml(file);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(
      batch.parts.map((part) => [part.sourceId, part.title]),
      [
        ['NLG-2000/A', 'Nose landing gear'],
        ['NLG-2100/B', 'Shock strut'],
      ],
    );
    assert.deepEqual(
      batch.bomLines.map((line) => [line.parent, line.child, line.quantity, line.view]),
      [['NLG-2000/A', 'NLG-2100/B', 1, undefined]],
    );
  });
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readCsvBom } from '../../../src/import/csv/CsvBomAdapter.js';
import { ImportRejectedError } from '../../../src/import/ImportErrors.js';
import { bufferInput, openInput } from '../../../src/import/ImportInput.js';
import type { ImportBatch } from '../../../src/import/ImportModel.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { ImportStore, rejection } from '../helpers/ImportStore.js';

const PARTS_LIST = join('test', 'fixtures', 'import', 'csv', 'parts_list.csv');
const NUM = 'http://qudt.org/vocab/unit/NUM';

function read(text: string, mapping?: unknown): Promise<ImportBatch> {
  return readCsvBom(bufferInput('bom.csv', Buffer.from(text, 'utf8')), mapping === undefined ? {} : { mapping });
}

/** Issues as `line: severity: message` lines, for compact assertions. */
function issues(batch: ImportBatch): string[] {
  return batch.issues.map((issue) => `${issue.location?.line ?? '-'}: ${issue.severity}: ${issue.message}`);
}

describe('CSV BOM corpus: JPL Open Source Rover parts list', () => {
  let store: ImportStore;
  before(async () => {
    store = await ImportStore.open();
  });
  after(() => store.close());

  it('reads 46 of 47 rows in 5 assemblies', async () => {
    const batch = await readCsvBom(openInput(PARTS_LIST));
    const rowsPerAssembly = new Map<string, number>();
    for (const line of batch.bomLines.filter((candidate) => candidate.parent !== 'parts_list')) {
      rowsPerAssembly.set(line.parent, (rowsPerAssembly.get(line.parent) ?? 0) + 1);
    }
    // The corpus counts 5 drive wheel rows; one of them has no part number.
    assert.deepEqual(Object.fromEntries(rowsPerAssembly), { 'drive wheel': 4, body: 20, 'rocker bogie': 18, corner: 2, general: 2 });
    const multipliers = batch.bomLines.filter((line) => line.parent === 'parts_list').map((line) => `${line.child} x${line.quantity}`);
    assert.deepEqual(multipliers.sort(), ['body x1', 'corner x4', 'drive wheel x6', 'general x1', 'rocker bogie x2']);
  });

  it('reports each problem row', async () => {
    const batch = await readCsvBom(openInput(PARTS_LIST));
    const expected: [number, RegExp][] = [
      [2, /^The part number is blank, so the row "Traxxas 5374X Talon Tires, Gemini Wheels, Black Chrome – Dollar Hobbyz" is skipped/],
      [24, /^The quantity 0\.5 of 1137-0001-0001 is fractional although it is counted in pieces/],
      [43, /^The row has 9 fields but the header has 8: column 4 contains "," without quotes, so fields 4 to 5 were joined into it\. Quote such fields\. \(also lines 44, 45, 46\)$/],
      [46, /^1116-0024-0040 is titled "1116 Series Grid Plate \(3 x 5 Hole, 24 x 40mm\)" here but "1116 Series Grid Plate \(3 x 5 Hole, 24 x 40mm\) - goBILDA" at line 19; the first title is kept\.$/],
      [1, /^The assembly multiplier column gives how many of each top assembly the product uses, so the import adds a product part above them, numbered parts_list after the source\. Name it with \{"root"/],
    ];
    assert.equal(batch.issues.length, expected.length);
    for (const [index, [line, message]] of expected.entries()) {
      const issue = batch.issues[index]!;
      assert.equal(issue.severity, 'warning');
      assert.equal(issue.location?.line, line);
      assert.match(issue.message, message);
    }
    const motor = batch.parts.find((part) => part.partNumber === '5202-2402-0027')!;
    assert.match(motor.title, /⌀36mm Gearbox/);
    assert.deepEqual(motor.attributes, { shortName: 'motor', link: 'https://www.gobilda.com/5202-series-yellow-jacket-planetary-gear-motor-26-9-1-ratio-24mm-length-6mm-d-shaft-223-rpm-36mm-gearbox-3-3-5v-encoder/', costPp: '$42.99' });
  });

  it('imports 50 parts and 51 BOM lines, then nothing changes', async () => {
    const first = await store.import('csv', PARTS_LIST);
    assert.deepEqual(first.counts.parts, { created: 50, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(first.counts.bomLines, { created: 51, updated: 0, unchanged: 0, removed: 0 });
    assert.equal(first.warnings.length, 6);
    const ignored = first.warnings.filter((warning) => warning.location === undefined).map((warning) => warning.message);
    assert.deepEqual(ignored, [
      'Ignored source attributes that match no Part property: costPp, link, shortName. To store one, map it to a Part property with --mapping (mapping= on the import endpoint), such as {"attributes": {"material": "Material spec"}}, or give it the name of a Part property (such as material, mass or lifecycleState) in the source.',
    ]);
    const versions = await store.versions();
    const second = await store.import('csv', PARTS_LIST);
    assert.deepEqual(second.counts.parts, { created: 0, updated: 0, unchanged: 50, removed: 0 });
    assert.deepEqual(second.counts.bomLines, { created: 0, updated: 0, unchanged: 51, removed: 0 });
    assert.deepEqual(await store.versions(), versions);
  });

  it('stores the half quantity and the assembly multipliers', async () => {
    const bom = await store.bom();
    assert.deepEqual(
      bom.filter(([assembly, child]) => child === '1137-0001-0001' || assembly === 'parts_list'),
      [
        ['parts_list', 'body', 1],
        ['parts_list', 'corner', 4],
        ['parts_list', 'drive wheel', 6],
        ['parts_list', 'general', 1],
        ['parts_list', 'rocker bogie', 2],
        ['rocker bogie', '1137-0001-0001', 0.5],
      ],
    );
  });
});

describe('CSV BOM layouts', () => {
  it('indented with a byte order mark, quotes and find numbers', async () => {
    const text =
      '\uFEFFLevel,Part Number,Rev,Description,Qty,UoM,Find No,Ref Des\r\n' +
      '0,EHA-100,B,"Actuator, electro-hydrostatic",1,ea,,\r\n' +
      '1,EHA-110,A,"Motor, 28 V ""brushless""",1,ea,10,\r\n' +
      '2,MS9068-012,-,O-ring,4,ea,10,\r\n' +
      '1,EHA-120,C,Pump,1,ea,20,\r\n' +
      '2,MS9068-012,-,O-ring,2,ea,10,\r\n' +
      '1,M83248/1-110,-,Hydraulic fluid,0.35,l,30,\r\n' +
      '1,EHA-130,A,Controller board,1,ea,40,"U1, U2"\r\n';
    const batch = await read(text);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(
      batch.parts.map((part) => [part.partNumber, part.revision, part.title]),
      [
        ['EHA-100', 'B', 'Actuator, electro-hydrostatic'],
        ['EHA-110', 'A', 'Motor, 28 V "brushless"'],
        ['MS9068-012', '-', 'O-ring'],
        ['EHA-120', 'C', 'Pump'],
        ['M83248/1-110', '-', 'Hydraulic fluid'],
        ['EHA-130', 'A', 'Controller board'],
      ],
    );
    assert.deepEqual(
      batch.bomLines.map((line) => [line.parent, line.child, line.quantity, (line.unit ?? NUM).replace('http://qudt.org/vocab/unit/', ''), line.findNumber, line.referenceDesignators ?? [], line.location.line]),
      [
        ['EHA-100 rev B', 'EHA-110 rev A', 1, 'NUM', '10', [], 3],
        ['EHA-100 rev B', 'EHA-120 rev C', 1, 'NUM', '20', [], 5],
        ['EHA-100 rev B', 'M83248/1-110', 0.35, 'L', '30', [], 7],
        ['EHA-100 rev B', 'EHA-130 rev A', 1, 'NUM', '40', ['U1', 'U2'], 8],
        ['EHA-110 rev A', 'MS9068-012', 4, 'NUM', '10', [], 4],
        ['EHA-120 rev C', 'MS9068-012', 2, 'NUM', '10', [], 6],
      ],
    );
  });

  // Header lines of PLM exports, read without a mapping.
  const exportHeaders: [exporter: string, header: string][] = [
    ['Teamcenter structure export', 'Level,Item Id,Revision,Name,Quantity,Find No.'],
    ['Teamcenter with item revision', 'Level,Item ID,Item Revision,Item Name,Qty,Find No'],
    ['Teamcenter with revision id', 'Level,Item Id,Revision Id,Name,Quantity,Find No.'],
    ['generic part list', 'Level,Part Number,Rev,Title,Qty,Find Number'],
  ];
  for (const [exporter, header] of exportHeaders) {
    it(`reads a ${exporter}`, async () => {
      const batch = await read(`${header}\n0,LGA-1100,B,Main landing gear,1,\n1,LGA-1120,A,Piston rod,1,20\n`);
      assert.deepEqual(batch.issues, []);
      assert.deepEqual(
        batch.parts.map((part) => [part.partNumber, part.revision, part.title]),
        [
          ['LGA-1100', 'B', 'Main landing gear'],
          ['LGA-1120', 'A', 'Piston rod'],
        ],
      );
      assert.deepEqual(
        batch.bomLines.map((line) => [line.parent, line.child, line.findNumber]),
        [['LGA-1100 rev B', 'LGA-1120 rev A', '20']],
      );
    });
  }

  it('parent-child with a mapping and semicolons', async () => {
    const text = 'Item No.;Assy;Name;Per;Material spec\n' + 'FCC-900;;Chassis;1;\n' + 'FCC-910;FCC-900;Card guide;4;Al 6061-T6\n' + 'FCC-920;FCC-900;Backplane;1;FR-4\n' + 'FCC-990;;Loose label;1;\n';
    const mapping = { columns: { partNumber: 'Item No.', parent: 'Assy', title: 'Name', quantity: 'Per' }, attributes: { material: 'Material spec' }, system: 'Spreadsheet BOM' };
    const batch = await read(text, mapping);
    assert.equal(batch.source.system, 'Spreadsheet BOM');
    // The chassis is the top assembly; only the label, which nothing uses, is worth a warning.
    assert.deepEqual(issues(batch), ['5: warning: FCC-990 has no parent and no components, so it is imported as a part without a BOM line; give its assembly in the parent column if it belongs to one.']);
    assert.deepEqual(
      batch.bomLines.map((line) => [line.parent, line.child, line.quantity, line.unit]),
      [
        ['FCC-900', 'FCC-910', 4, NUM],
        ['FCC-900', 'FCC-920', 1, NUM],
      ],
    );
    assert.deepEqual(batch.parts[1]!.attributes, { material: 'Al 6061-T6' });
  });

  it('stores mapped attributes named like Part properties', async () => {
    const store = await ImportStore.open();
    try {
      const text = 'Part Number,Parent,Title,Qty,Material\nFCC-900,,Chassis,1,\nFCC-910,FCC-900,Card guide,4,Al 6061-T6\n';
      await store.import('csv', bufferInput('chassis.csv', Buffer.from(text)), { mapping: { attributes: { material: 'Material' } } });
      const guide = (await store.part('FCC-910', '-'))!;
      assert.deepEqual(await store.values(guide, 'https://w3id.org/digital-thread/ns#material'), ['Al 6061-T6']);
    } finally {
      await store.close();
    }
  });

  it('Windows-1252 text is read with a warning', async () => {
    const bytes = Buffer.concat([Buffer.from('Part Number,Parent,Title,Qty\nA-1,,Caf'), Buffer.from([0xe9]), Buffer.from(',1\n')]);
    const batch = await readCsvBom(bufferInput('legacy.csv', bytes));
    assert.equal(batch.parts[0]!.title, 'Café');
    assert.match(issues(batch)[0]!, /^-: warning: The file is not valid UTF-8; it was read as Windows-1252/);
  });

  it('Windows-1252 punctuation is read as such', async () => {
    // Excel's "CSV (Comma delimited)" writes € as 0x80, typographic quotes as 0x93 and 0x94, … as 0x85, ™ as 0x99, – as 0x96.
    const bytes = Buffer.concat([Buffer.from('Part Number,Parent,Title,Qty\nA-1,,Housing '), Buffer.from([0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0x85, 0x20, 0x99, 0x20, 0x96, 0x20, 0x81]), Buffer.from(',1\n')]);
    const batch = await readCsvBom(bufferInput('legacy.csv', bytes));
    assert.equal(batch.parts[0]!.title, 'Housing € “q” … ™ – \u0081');
  });
});

describe('CSV BOM product part', () => {
  let store: ImportStore;
  const directory = temporaryDirectory('dt-csv-root-');
  before(async () => {
    store = await ImportStore.open();
  });
  after(async () => {
    await store.close();
    directory.remove();
  });

  it('is named after the source', async () => {
    const rows = ['Part Number,Parent,Title,Qty,Assembly Multiplier', 'W-1,wheel,Tyre,1,6', 'W-2,wheel,Hub,1,6'].join('\n');
    const march = join(directory.path, 'osr-2026-03.csv');
    const april = join(directory.path, 'osr-2026-04.csv');
    writeFileSync(march, rows);
    writeFileSync(april, rows);
    const first = await store.import('csv', march, { source: 'parts_list.csv' });
    assert.ok(first.changes.some((change) => change.label === 'part parts_list rev -'), first.changes.map((change) => change.label).join('\n'));
    const second = await store.import('csv', april, { source: 'parts_list.csv' });
    assert.equal(second.counts.parts.created, 0);
    assert.equal(second.counts.bomLines.created, 0);
  });
});

describe('CSV BOM levels', () => {
  const cases: { name: string; levels: string[]; lines: string[] }[] = [
    { name: 'numbers', levels: ['0', '1', '2', '1'], lines: ['A > B', 'A > D', 'B > C'] },
    { name: 'dots before numbers', levels: ['0', '.1', '..2', '.1'], lines: ['A > B', 'A > D', 'B > C'] },
    { name: 'dots only', levels: ['', '.', '..', '.'].map((level, index) => (index === 0 ? '0' : level)), lines: ['A > B', 'A > D', 'B > C'] },
    { name: 'outline numbers', levels: ['1', '1.1', '1.1.1', '1.2'], lines: ['A > B', 'A > D', 'B > C'] },
    { name: 'outline numbers with a final dot', levels: ['1.', '1.1.', '1.1.1.', '1.2.'], lines: ['A > B', 'A > D', 'B > C'] },
    { name: 'outline numbers below the top', levels: ['2', '2.1', '2.1.4', '2.3'], lines: ['A > B', 'A > D', 'B > C'] },
  ];
  for (const { name, levels, lines } of cases) {
    it(`reads ${name}`, async () => {
      const rows = ['A', 'B', 'C', 'D'].map((part, index) => `${levels[index]},${part},Part ${part},1`);
      const batch = await read(['Level,Part Number,Title,Qty', ...rows].join('\n'));
      assert.deepEqual(issues(batch), []);
      assert.deepEqual(batch.bomLines.map((line) => `${line.parent} > ${line.child}`).sort(), lines);
    });
  }
});

describe('CSV BOM malformed input', () => {
  const HEADER = 'Level,Part Number,Title,Qty,UoM\n';
  const cases: { name: string; text: string; expected: string[] }[] = [
    { name: 'quantity that is no number', text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Bracket,two,ea\n`, expected: ['3: error: The quantity "two" is not a number; write it as 2, 0.5 or 1/2.'] },
    {
      name: 'quantity with a unit',
      text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Tube,2.5 m,\n`,
      expected: ['3: error: The quantity "2.5 m" is not a number; write it as 2, 0.5 or 1/2. The unit m goes in the unit column (Unit, UOM), with 2.5 as the quantity.'],
    },
    {
      name: 'digits spaced in twos',
      text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Bracket,12 50,ea\n`,
      expected: ['3: error: The quantity "12 50" is not a number; write it as 2, 0.5 or 1/2. A space between digits may only separate thousands, in groups of three digits as in 12 500.'],
    },
    {
      name: 'digits spaced singly',
      text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Bracket,1\u00A02,ea\n`,
      // Messages quote a cell on one line, with plain spaces.
      expected: ['3: error: The quantity "1 2" is not a number; write it as 2, 0.5 or 1/2. A space between digits may only separate thousands, in groups of three digits as in 12 500.'],
    },
    { name: 'zero quantity', text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Bracket,0,ea\n`, expected: ['3: error: The quantity 0 is not greater than 0; remove the row or give a positive quantity.'] },
    { name: 'unknown unit', text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Sealant,2,tube\n`, expected: [
        '3: error: The unit of measure "tube" is not known; use ea (or pc, pcs, st), m, mm, cm, m2, m3, in, ft, kg, g, lb, l, ml or gal (US gallon), or map it to a QUDT unit IRI with --mapping (mapping= on the import endpoint), as in {"units": {"Stk": "http://qudt.org/vocab/unit/NUM"}}.',
      ],
    },
    {
      name: 'level that skips one',
      text: `${HEADER}0,A-1,Top,1,ea\n2,B-1,Bracket,1,ea\n`,
      expected: ['3: error: The level 2 is more than one below the row above it (level 0); every row needs a parent one level up.'],
    },
    { name: 'level that is no number', text: `${HEADER}0,A-1,Top,1,ea\nx,B-1,Bracket,1,ea\n`, expected: ['3: error: The level "x" is not a level; write 0 for the top assembly, 1 below it, and so on (".1", "..2" and outline numbers such as "1.2.1" work too).'] },
    {
      name: 'unclosed quote',
      text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,"Bracket,1,ea\n`,
      // The open quote takes the rest of the file into one field, whose row gives no further warnings.
      expected: ['3: error: A quoted field that starts here is never closed with a double quote, so the rest of the file is one field; close it, or export the file again if it was cut short.'],
    },
    { name: 'short row', text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Bracket\n`, expected: ['3: warning: The row has 3 fields but the header has 5; the missing fields at the end are read as blank.', '3: warning: The quantity is blank; 1 is used.'] },
    {
      name: 'file cut short in its last row',
      text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Bracket,4,ea\n1,C-1,Nut`,
      expected: [
        '4: error: The last row has 3 fields but the header has 5, and the file ends inside it without a line break, as a file does that was read while it was still being written. Import the complete file; if this row is complete, end the file with a line break, and the missing fields are read as blank.',
      ],
    },
    {
      name: 'file cut short in a part number',
      text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Bracket,4,ea\n1,C-`,
      expected: [
        '4: error: The last row has 2 fields but the header has 5, and the file ends inside it without a line break, as a file does that was read while it was still being written. Import the complete file; if this row is complete, end the file with a line break, and the missing fields are read as blank.',
      ],
    },
    { name: 'complete last row without a line break', text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Bracket,4,ea`, expected: [] },
    {
      name: 'short last row with a line break',
      text: `${HEADER}0,A-1,Top,1,ea\n1,B-1,Bracket\r\n`,
      expected: ['3: warning: The row has 3 fields but the header has 5; the missing fields at the end are read as blank.', '3: warning: The quantity is blank; 1 is used.'],
    },
    {
      name: 'unclosed quote in a skipped row',
      text: `${HEADER}0,A-1,Top,1,ea\n1,,"Bracket plate for the left-hand actuator, machined from 7075 bar,1,ea\n1,C-1,Pin,1,ea\n1,C-2,Washer,4,ea\n1,C-3,Nut,4,ea\n`,
      expected: ['3: error: A quoted field that starts here is never closed with a double quote, so the rest of the file is one field; close it, or export the file again if it was cut short.'],
    },
    { name: 'blank part number', text: `${HEADER}0,A-1,Top,1,ea\n1,,Bracket,1,ea\n`, expected: ['3: warning: The part number is blank, so the row "Bracket" is skipped; give it a part number to import it.'] },
  ];
  for (const { name, text, expected } of cases) {
    it(name, async () => {
      assert.deepEqual(issues(await read(text)), expected);
    });
  }

  it('errors reject the import and name file, line and fix', async () => {
    const store = await ImportStore.open();
    try {
      const before = await store.versions();
      await assert.rejects(store.import('csv', bufferInput('bad.csv', Buffer.from(cases[0]!.text))), (error: unknown) => {
        assert.ok(error instanceof ImportRejectedError);
        assert.match(error.message, /^The import was rejected with 1 error; nothing was written:\n- bad\.csv line 3: The quantity "two" is not a number; write it as 2, 0\.5 or 1\/2\.$/);
        return true;
      });
      assert.deepEqual(await store.versions(), before);
      assert.equal(store.changes.length, 0);
    } finally {
      await store.close();
    }
  });

  it('another title or description is reported', async () => {
    const batch = await read('Part Number,Parent,Title,Description,Qty\nQ-1,,Top,,1\nC-2,Q-1,Bracket,Steel bracket,1\nC-2,Q-1,Angle,Steel bracket,1\nC-2,Q-1,Bracket,Cast bracket,1\nC-2,Q-1,Bracket,,1\n');
    assert.deepEqual(issues(batch), [
      '4: warning: C-2 is titled "Angle" here but "Bracket" at line 3; the first title is kept.',
      '5: warning: C-2 has the description "Cast bracket" here but the description "Steel bracket" at line 3; the first row\'s is kept.',
      '6: warning: C-2 has no description here but the description "Steel bracket" at line 3; the first row\'s is kept.',
    ]);
    const bracket = batch.parts.find((part) => part.partNumber === 'C-2')!;
    assert.equal(bracket.title, 'Bracket');
    assert.equal(bracket.description, 'Steel bracket');
  });

  describe('a part described in several rows', () => {
    const header = 'Part Number,Revision,Parent,Title,Qty,Find No,Mass,Material,Colour\nQ-1,A,,Top,1,,,,\n';
    const cases: { name: string; rows: string; errors: string[]; mass?: string; material?: string }[] = [
      { name: 'the same values', rows: 'C-2,A,Q-1,Bracket,2,10,1.0,Steel,\nC-2,A,Q-1,Bracket,1,20,1.0,Steel,\n', errors: [], mass: '1', material: 'Steel' },
      { name: 'numbers written differently', rows: 'C-2,A,Q-1,Bracket,2,10,1,,\nC-2,A,Q-1,Bracket,1,20,1.00,,\n', errors: [], mass: '1' },
      { name: 'a value filled in later', rows: 'C-2,A,Q-1,Bracket,2,10,,,\nC-2,A,Q-1,Bracket,1,20,0.05,Steel,\n', errors: [], mass: '0.05', material: 'Steel' },
      { name: 'an ignored attribute that differs', rows: 'C-2,A,Q-1,Bracket,2,10,,,red\nC-2,A,Q-1,Bracket,1,20,,,blue\n', errors: [] },
      {
        name: 'two masses',
        rows: 'C-2,A,Q-1,Bracket,2,10,1.0,,\nC-2,A,Q-1,Bracket,1,20,2.0,,\n',
        errors: ['parts.csv line 4: C-2 rev A has mass "2.0" here but "1.0" at line 3; one part revision has one value, so make the rows agree, or give the parts different revisions.'],
      },
      {
        name: 'two materials',
        rows: 'C-2,A,Q-1,Bracket,2,10,,Steel,\nC-2,A,Q-1,Bracket,1,20,,Aluminium,\n',
        errors: ['parts.csv line 4: C-2 rev A has material "Aluminium" here but "Steel" at line 3; one part revision has one value, so make the rows agree, or give the parts different revisions.'],
      },
    ];
    for (const { name, rows, errors, mass, material } of cases) {
      it(`with ${name}`, async () => {
        const store = await ImportStore.open();
        try {
          const input = bufferInput('parts.csv', Buffer.from(header + rows));
          if (errors.length > 0) {
            const before = await store.versions();
            await assert.rejects(store.import('csv', input), (error: unknown) => {
              assert.ok(error instanceof ImportRejectedError);
              assert.deepEqual(error.issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.location?.file} line ${issue.location?.line}: ${issue.message}`), errors);
              return true;
            });
            assert.deepEqual(await store.versions(), before);
            return;
          }
          await store.import('csv', input);
          const bracket = (await store.part('C-2', 'A'))!;
          assert.deepEqual(await store.values(bracket, 'https://w3id.org/digital-thread/ns#mass'), mass === undefined ? [] : [mass]);
          assert.deepEqual(await store.values(bracket, 'https://w3id.org/digital-thread/ns#material'), material === undefined ? [] : [material]);
        } finally {
          await store.close();
        }
      });
    }
  });

  it('a file without a part number column is rejected with the fix', async () => {
    const directory = temporaryDirectory();
    try {
      const file = join(directory.path, 'nothing.csv');
      writeFileSync(file, 'Level,Name,Qty\n0,Top,1\n');
      await assert.rejects(readCsvBom(openInput(file)), /nothing\.csv has no part number column among "Level", "Name", "Qty"; name it "Part Number" or map it with --mapping/);
    } finally {
      directory.remove();
    }
  });

  const otherFormats: [file: string, message: string][] = [
    [join('test', 'fixtures', 'import', 'plmxml', 'mlg-productview.plmxml'), 'mlg-productview.plmxml is no CSV BOM: it looks like a PLM XML document, so import it as plmxml ("import plmxml", or POST /import/plmxml).'],
    [join('test', 'fixtures', 'import', 'reqif', 'ReqIF_Studio', '01_anonimized_example', 'sample.reqif'), 'sample.reqif is no CSV BOM: it looks like a ReqIF document, so import it as reqif ("import reqif", or POST /import/reqif).'],
  ];
  for (const [file, message] of otherFormats) {
    it(`${basename(file)} is rejected as not CSV`, async () => {
      await assert.rejects(readCsvBom(openInput(file)), (error: Error) => error.message === message);
    });
  }

  it('a STEP file is rejected as not CSV', async () => {
    const directory = temporaryDirectory();
    try {
      const file = join(directory.path, 'bracket.csv');
      writeFileSync(file, "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('bracket'),'2;1');\n");
      await assert.rejects(readCsvBom(openInput(file)), (error: Error) => error.message === 'bracket.csv is no CSV BOM: it looks like a STEP file, so import it as step ("import step", or POST /import/step).');
    } finally {
      directory.remove();
    }
  });
});

describe('CSV BOM misleading rows', () => {
  const HEADER = 'Part Number;Revision;Parent;Title;Qty\n';
  const cases: { name: string; text: string; expected: string[] }[] = [
    { name: 'row of delimiters only', text: `${HEADER}TOP-1;A;;Top;1\n;;;;\n;;;;;;;\nSUB-1;A;TOP-1;Sub;1\n`, expected: [] },
    {
      name: 'rejected quantities',
      text: 'Part Number,Revision,Parent,Title,Qty\nA-1,A,,Top,1\nB-1,A,A-1,Bolt,two\nB-2,A,A-1,Nut,-1\nB-3,A,A-1,Washer,$3\n',
      // Without the rejected rows A-1 has no components, but saying so would be untrue.
      expected: [
        '3: error: The quantity "two" is not a number; write it as 2, 0.5 or 1/2.',
        '4: error: The quantity -1 is not greater than 0; remove the row or give a positive quantity.',
        '5: error: The quantity "$3" is not a number; write it as 2, 0.5 or 1/2.',
      ],
    },
    {
      name: 'repeated header lines',
      text: `${HEADER}TOP-1;A;;Top;1\n\nPart Number;Revision;Parent;Title;Qty\nSUB-1;A;TOP-1;Sub;1\n part number ; REVISION;parent;title;qty;;\nSUB-2;A;TOP-1;Sub 2;2\n`,
      expected: ['4: warning: The row repeats the header line (line 1), so it is skipped as a header, not read as a part. (also line 6)'],
    },
    {
      name: 'header without data rows',
      text: `${HEADER};;;;\n\n`,
      expected: ['1: warning: bom.csv has a header line but no data rows. If the file has rows, check that it kept its line breaks: an upload with curl -d loses them, curl --data-binary keeps them.'],
    },
    {
      name: 'rows joined into the header line',
      text: 'Part Number;Revision;Parent;Title;QtyTOP-1;A;;Top;1SUB-1;A;TOP-1;Sub;1',
      expected: ['1: warning: bom.csv has a header line but no data rows. If the file has rows, check that it kept its line breaks: an upload with curl -d loses them, curl --data-binary keeps them.'],
    },
    {
      name: 'part numbers in scientific notation',
      text: `${HEADER}2.02E+11;A;;Top;1\n1.23E+05;A;2.02E+11;Sub;1\n1.23E+05;B;2.02E+11;Sub B;1\n4.5e-03;A;2.02E+11;Shim;1\n1E5;A;2.02E+11;Plain;1\n`,
      expected: [
        '2: warning: The part numbers 2.02E+11 (lines 2, 3, 4 and 2 more), 1.23E+05 (lines 3, 4), and 4.5e-03 (line 5) are in scientific notation, as Excel shows long numbers, so Excel may have converted them and dropped digits. ' +
          'Check them in the PLM system, and export the part number and parent columns as text (in Excel, format those columns as Text before saving the CSV).',
      ],
    },
    {
      name: 'four part numbers in scientific notation',
      text: `${HEADER}1.1E+06;A;;Top;1\n1.2E+06;A;1.1E+06;Sub;1\n1.3E+06;A;1.1E+06;Sub;1\n1.4E+06;A;1.1E+06;Sub;1\n`,
      expected: [
        '2: warning: The part numbers 1.1E+06 (lines 2, 3, 4 and 1 more), 1.2E+06 (line 3), 1.3E+06 (line 4) and 1 more are in scientific notation, as Excel shows long numbers, so Excel may have converted them and dropped digits. ' +
          'Check them in the PLM system, and export the part number and parent columns as text (in Excel, format those columns as Text before saving the CSV).',
      ],
    },
  ];
  for (const { name, text, expected } of cases) {
    it(name, async () => {
      assert.deepEqual(issues(await read(text)), expected);
    });
  }

  it('reads the rows around a repeated header', async () => {
    const batch = await read(`${HEADER}TOP-1;A;;Top;1\nPart Number;Revision;Parent;Title;Qty\nSUB-1;A;TOP-1;Sub;3\n`);
    assert.deepEqual(batch.parts.map((part) => part.partNumber), ['TOP-1', 'SUB-1']);
    assert.deepEqual(batch.bomLines.map((line) => line.quantity), [3]);
  });

  it('keeps the warning without rejected rows', async () => {
    const batch = await read('Part Number,Revision,Parent,Title,Qty\nA-1,A,,Top,1\nL-1,A,,Label,1\nB-1,A,A-1,Bolt,2\n');
    assert.deepEqual(issues(batch), ['3: warning: L-1 has no parent and no components, so it is imported as a part without a BOM line; give its assembly in the parent column if it belongs to one.']);
  });
});

describe('CSV BOM decimal separators', () => {
  // Quantities of the rows under TOP, and the mass of the part P-2.
  const cases: [name: string, text: string, mapping: unknown, quantities: number[], mass: string][] = [
    ['points, comma-separated', 'Part Number,Parent,Title,Qty,Unit,Mass\nTOP,,Top,1,,\nP-1,TOP,Wire,2.500,m,\nP-2,TOP,Tube,12.345,m,0.125\n', undefined, [2.5, 12.345], '0.125'],
    ['thousands in quotes', 'Part Number,Parent,Title,Qty,Mass\nTOP,,Top,1,\nP-1,TOP,Rivet,"1,250",\nP-2,TOP,Tube,3,"1,250.5"\n', undefined, [1250, 3], '1250.5'],
    ['commas, semicolon-separated', 'Part Number;Parent;Title;Qty;Unit;Mass\nTOP;;Top;1;;\nP-1;TOP;Wire;1,250;m;\nP-2;TOP;Tube;1,25;m;0,4\n', undefined, [1.25, 1.25], '0.4'],
    ['points, semicolon-separated', 'Part Number;Parent;Title;Qty;Unit;Mass\nTOP;;Top;1;;\nP-1;TOP;Wire;2.5;m;\nP-2;TOP;Tube;3;m;0.45\n', undefined, [2.5, 3], '0.45'],
    ['the mapping decides', 'Part Number;Parent;Title;Qty;Unit;Mass\nTOP;;Top;1;;\nP-1;TOP;Wire;1.250;m;\nP-2;TOP;Tube;2;m;1.5\n', { decimalSeparator: '.' }, [1.25, 2], '1.5'],
    ['spaces between thousands', 'Part Number;Parent;Title;Qty;Unit;Mass\nTOP;;Top;1;;\nP-1;TOP;Rivet;12 500;;\nP-2;TOP;Tube;1\u00A0250,5;m;2\u202F500\n', undefined, [12500, 1250.5], '2500'],
    ['spaces and points', 'Part Number,Parent,Title,Qty,Unit,Mass\nTOP,,Top,1,,\nP-1,TOP,Rivet,1 000 000,,\nP-2,TOP,Tube,2.5,m,1 250.75\n', undefined, [1000000, 2.5], '1250.75'],
  ];
  for (const [name, text, mapping, quantities, mass] of cases) {
    it(`reads ${name}`, async () => {
      const batch = await read(text, mapping);
      assert.deepEqual(issues(batch).filter((issue) => issue.includes('error')), []);
      assert.deepEqual(
        batch.bomLines.map((line) => line.quantity),
        quantities,
      );
      const store = await ImportStore.open();
      try {
        await store.import('csv', bufferInput('numbers.csv', Buffer.from(text)), mapping === undefined ? {} : { mapping });
        assert.deepEqual(await store.values((await store.part('P-2', '-'))!, 'https://w3id.org/digital-thread/ns#mass'), [mass]);
      } finally {
        await store.close();
      }
    });
  }

  describe('guessed separator', () => {
    const FIX = 'in the mapping (--mapping, or mapping= on the import endpoint), as the CSV mapping table in README.md describes.';
    const cases: { name: string; text: string; mapping?: unknown; expected: string[] }[] = [
      {
        name: 'point in a semicolon file',
        text: 'Part Number;Parent;Title;Qty;Mass\nTOP;;Top;1;\nP-1;TOP;Wire;1.250;\nP-2;TOP;Tube;2;0.125\n',
        expected: [
          '3: warning: No number of the file shows which decimal separator it uses, so the import takes "," because the file is separated by semicolons. It reads ' +
            `"1.250" on line 3, column Qty, as 1250; "0.125" on line 4, column Mass, as 125. If "." is the decimal separator, set {"decimalSeparator": "."} ${FIX}`,
        ],
      },
      {
        name: 'comma in a comma file',
        text: 'Part Number,Parent,Title,Qty\nTOP,,Top,1\nP-1,TOP,Rivet,"1,250"\nP-2,TOP,Rivet,"2,500"\n',
        expected: [
          '3: warning: No number of the file shows which decimal separator it uses, so the import takes "." because the file is not separated by semicolons. It reads ' +
            `"1,250" on line 3, column Qty, as 1250; "2,500" on line 4, column Qty, as 2500. If "," is the decimal separator, set {"decimalSeparator": ","} ${FIX}`,
        ],
      },
      {
        name: 'more than three cells',
        text: 'Part Number;Parent;Qty\nTOP;;1\nP-1;TOP;1.001\nP-2;TOP;1.002\nP-3;TOP;1.003\nP-4;TOP;1.004\n',
        expected: [
          '3: warning: No number of the file shows which decimal separator it uses, so the import takes "," because the file is separated by semicolons. It reads ' +
            `"1.001" on line 3, column Qty, as 1001; "1.002" on line 4, column Qty, as 1002; "1.003" on line 5, column Qty, as 1003; and 1 more. If "." is the decimal separator, set {"decimalSeparator": "."} ${FIX}`,
        ],
      },
      {
        name: 'point in a comma file',
        text: 'Part Number,Parent,Qty,Unit\nTOP,,1,\nP-1,TOP,2.500,m\n',
        expected: [
          '3: warning: No number of the file shows which decimal separator it uses, so the import takes "." because the file is not separated by semicolons. It reads ' +
            `"2.500" on line 3, column Qty, as 2.5. If "," is the decimal separator, set {"decimalSeparator": ","} ${FIX}`,
        ],
      },
      { name: 'separator in the mapping', text: 'Part Number;Parent;Qty\nTOP;;1\nP-1;TOP;1.250\n', mapping: { decimalSeparator: ',' }, expected: [] },
      { name: 'comma shown elsewhere', text: 'Part Number;Parent;Qty;Unit\nTOP;;1;\nP-1;TOP;1.250;\nP-2;TOP;0,5;m\n', expected: [] },
      { name: 'two groups of thousands', text: 'Part Number;Parent;Qty\nTOP;;1\nP-1;TOP;1.250.000\n', expected: [] },
      { name: 'unread attribute', text: 'Part Number;Parent;Qty;Drawing\nTOP;;1;1.250\nP-1;TOP;2;\n', expected: [] },
    ];
    for (const { name, text, mapping, expected } of cases) {
      it(name, async () => {
        assert.deepEqual(issues(await read(text, mapping)), expected);
      });
    }
  });

  it('rejects both separators', async () => {
    const text = 'Part Number,Parent,Title,Qty,Mass\nTOP,,Top,1,\nP-1,TOP,Wire,2.5,\nP-2,TOP,Tube,3,"1,25"\n';
    await assert.rejects(read(text), {
      message:
        'bom.csv has numbers with a decimal point ("2.5" on line 3) and with a decimal comma ("1,25" on line 4); write every number with one decimal separator, or name it in the mapping, as in {"decimalSeparator": ","}.',
    });
  });

  it('rejects an invalid mapped separator', async () => {
    await assert.rejects(read('Part Number,Parent\nTOP,\n', { decimalSeparator: ';' }), { message: 'The CSV mapping: "decimalSeparator" must be "." or ",".' });
  });

  it('names the separator in quantity errors', async () => {
    const batch = await read('Part Number;Parent;Qty\nTOP;;1\nP-1;TOP;two\n');
    assert.deepEqual(
      issues(batch).filter((issue) => issue.includes('error')),
      ['3: error: The quantity "two" is not a number; write it as 2, 0,5 or 1/2.'],
    );
  });
});

describe('CSV BOM mass units', () => {
  // The mass that the header and cell give P-1, and its attribute text in kilograms.
  const cases: [header: string, mapping: unknown, cell: string, kilograms: string][] = [
    ['Mass [g]', { attributes: { mass: 'Mass [g]' } }, '1250', '1.25'],
    ['Mass [g]', undefined, '1250', '1.25'],
    ['Mass (lb)', undefined, '3', '1.36077711'],
    ['Mass [oz]', undefined, '16', '0.45359237'],
    ['Mass [t]', undefined, '0.0025', '2.5'],
    ['Weight [kg]', { attributes: { mass: 'Weight [kg]' } }, '2.5', '2.5'],
    ['Mass', undefined, '0.4', '0.4'],
    ['Mass [g]', undefined, 'heavy', 'heavy'],
  ];
  for (const [header, mapping, cell, kilograms] of cases) {
    it(`reads ${cell} under ${header}`, async () => {
      const batch = await read(`Part Number,Parent,Qty,${header}\nTOP,,1,\nP-1,TOP,2,${cell}\n`, mapping);
      assert.equal(batch.parts.find((part) => part.partNumber === 'P-1')?.attributes?.mass, kilograms);
    });
  }

  it('converts with a decimal comma', async () => {
    const batch = await read('Part Number;Parent;Qty;Mass [G]\nTOP;;1;\nP-1;TOP;2;1250,5\n');
    assert.equal(batch.parts.find((part) => part.partNumber === 'P-1')?.attributes?.mass, '1,2505');
  });

  it('rejects an unknown unit', async () => {
    const message =
      'bom.csv: the mass column "Weight [stone]" gives the unit "stone", which is not a known mass unit; write one of kg, g, mg, t, lb, lbs, oz in the header, as in "Mass [g]", or give the masses in kg under a header without a unit.';
    await assert.rejects(read('Part Number,Parent,Qty,Weight [stone]\nTOP,,1,\nP-1,TOP,2,3\n', { attributes: { mass: 'Weight [stone]' } }), { message });
    await assert.rejects(read('Part Number,Parent,Qty,Mass (stone)\nTOP,,1,\nP-1,TOP,2,3\n'), { message: message.replace('Weight [stone]', 'Mass (stone)') });
  });

  // A mass that is no number, under a header with a unit: the error names the header's unit, in which
  // the column is read, and not the kilogram of dt:mass.
  const errors: [name: string, text: string, mapping: unknown, expected: string][] = [
    [
      'grams, unit after the number',
      'Part Number,Parent,Qty,Mass [g]\nTOP,,1,\nM-2,TOP,2,3.2g\n',
      undefined,
      'massg.csv line 3: part M-2 rev -: the mass "3.2g" is not a number; give the number alone, such as 1.25; the unit is gram (g).',
    ],
    [
      'grams, digits spaced in twos',
      'Part Number,Parent,Qty,Mass [g]\nTOP,,1,\nM-2,TOP,2,12 50\n',
      undefined,
      'massg.csv line 3: part M-2 rev -: the mass "12 50" is not a number; give the number alone, such as 1.25; the unit is gram (g). A space between digits may only separate thousands, in groups of three digits as in 12 500.',
    ],
    [
      'mapped French column',
      'Référence;Parent;Qté;Masse [g]\nTOP;;1;\nM-2;TOP;2;3,2 g\n',
      { columns: { partNumber: 'Référence', quantity: 'Qté' }, attributes: { mass: 'Masse [g]' } },
      'massg.csv line 3: part M-2 rev -: the mass "3,2 g" is not a number; give the number alone, such as 1,25; the unit is gram (g).',
    ],
    [
      'pounds',
      'Part Number,Parent,Qty,Weight (lb)\nTOP,,1,\nM-2,TOP,2,heavy\n',
      { attributes: { mass: 'Weight (lb)' } },
      'massg.csv line 3: part M-2 rev -: the mass "heavy" is not a number; give the number alone, such as 1.25; the unit is pound (lb).',
    ],
    [
      'tonnes',
      'Part Number,Parent,Qty,Mass [t]\nTOP,,1,\nM-2,TOP,2,heavy\n',
      undefined,
      'massg.csv line 3: part M-2 rev -: the mass "heavy" is not a number; give the number alone, such as 1.25; the unit is tonne (t).',
    ],
    [
      'no unit in the header',
      'Part Number,Parent,Qty,Mass\nTOP,,1,\nM-2,TOP,2,3.2g\n',
      undefined,
      'massg.csv line 3: part M-2 rev -: the mass "3.2g" is not a number; give the number alone, such as 1.25; the unit is kilogram (kg).',
    ],
  ];
  for (const [name, text, mapping, expected] of errors) {
    it(`names the unit of ${name}`, async () => {
      const store = await ImportStore.open();
      try {
        const options = mapping === undefined ? {} : { mapping };
        assert.deepEqual(await rejection(store.import('csv', bufferInput('massg.csv', Buffer.from(text)), options)), [expected]);
      } finally {
        await store.close();
      }
    });
  }

  it('reads spaced thousands of grams', async () => {
    const batch = await read('Part Number,Parent,Qty,Mass [g]\nTOP,,1,\nM-2,TOP,2,12 500\nM-3,TOP,2,1\u202F250.5\n');
    assert.equal(batch.parts.find((part) => part.partNumber === 'M-2')?.attributes?.mass, '12.5');
    assert.equal(batch.parts.find((part) => part.partNumber === 'M-3')?.attributes?.mass, '1.2505');
  });

  it('stores grams as kilograms', async () => {
    const store = await ImportStore.open();
    try {
      const report = await store.import('csv', bufferInput('grams.csv', Buffer.from('Part Number,Parent,Qty,Mass [g]\nTOP,,1,\nP-1,TOP,2,1250\n')), { dryRun: true });
      const created = report.changes.find((change) => change.label.startsWith('part P-1 '));
      assert.match(created?.details ?? '', /Mass 1\.25 kg/);
      await store.import('csv', bufferInput('grams.csv', Buffer.from('Part Number,Parent,Qty,Mass [g]\nTOP,,1,\nP-1,TOP,2,1250\n')));
      assert.deepEqual(await store.values((await store.part('P-1', '-'))!, 'https://w3id.org/digital-thread/ns#mass'), ['1.25']);
    } finally {
      await store.close();
    }
  });
});

describe('CSV BOM parent references', () => {
  const cases: [name: string, text: string, expected: string[]][] = [
    [
      'two revisions, parent without revision',
      'Part Number,Revision,Parent,Title,Qty\nTR-100,A,,Top A,1\nTR-100,B,,Top B,1\nTR-110,A,TR-100,Child,2\n',
      [
        '4: warning: TR-100 has rows of revisions A and B, and line 4 names it as parent without a revision, so its BOM line goes under revision A, the first row\'s. To place it under another revision, give it in a Parent Revision column.',
      ],
    ],
    [
      'two revisions, parent revision given',
      'Part Number,Revision,Parent,Parent Revision,Title,Qty\nTR-100,A,,,Top A,1\nTR-100,B,,,Top B,1\nTR-110,A,TR-100,B,Child,2\nTR-120,A,TR-100,A,Child,2\n',
      [],
    ],
    [
      'parent differing in letter case',
      'Part Number,Revision,Parent,Title,Qty\nPC-100,A,,Top,1\nPC-110,A,pc-100,Child,2\nPC-120,A,pc-100,Child 2,2\nPC-130,A,PC-100,Child 3,1\n',
      // The import run warns, after it checks that the provider has no part pc-100 (see 'undescribed parents').
      [],
    ],
    ['parent without a row', 'Part Number,Revision,Parent,Title,Qty\nAS-110,A,AS-100,Child,2\n', []],
  ];
  for (const [name, text, expected] of cases) {
    it(`warns about ${name}`, async () => {
      const batch = await read(text);
      assert.deepEqual(
        issues(batch).filter((issue) => !issue.includes('no parent and no components')),
        expected,
      );
    });
  }

  describe('undescribed parents', () => {
    const HEADER = 'Part Number,Revision,Parent,Parent Revision,Title,Qty\n';
    const FIX = (parent: string): string => `If the parent is mistyped, correct it; if ${parent} is meant, give it a row of its own with its title.`;
    // The mini programme has FCC-300-000 rev C and FCC-310-100.
    const cases: [name: string, rows: string, warnings: string[]][] = [
      [
        'digit zero for letter O',
        'TOP-1,A,,,Top,1\nSUB-1,A,TOP-1,,Sub,1\nSUB-2,A,T0P-1,,Sub with typo parent,1\n',
        [`4: T0P-1 is the parent on line 4 but has no row of its own, and the provider has no part T0P-1, so it would be created as a new top-level assembly titled T0P-1. Did you mean TOP-1? ${FIX('T0P-1')}`],
      ],
      [
        'letter case',
        'PC-100,A,,,Top,1\nPC-110,A,pc-100,,Child,2\nPC-120,A,pc-100,,Child 2,2\n',
        [
          '2: PC-100 has no parent and no components, so it is imported as a part without a BOM line; give its assembly in the parent column if it belongs to one.',
          `3: pc-100 is the parent on lines 3, 4 but has no row of its own, and the provider has no part pc-100, so it would be created as a new top-level assembly titled pc-100. Did you mean PC-100? ${FIX('pc-100')}`,
        ],
      ],
      [
        'one edit, stored part',
        'X-1,A,FCC-300-00,C,Bracket,1\n',
        [`2: FCC-300-00 is the parent on line 2 but has no row of its own, and the provider has no part FCC-300-00, so it would be created as a new top-level assembly titled FCC-300-00. Did you mean FCC-300-000? ${FIX('FCC-300-00')}`],
      ],
      [
        'letter I for digit 1, many lines',
        'X-1,A,FCC-3I0-100,,A,1\nX-2,A,FCC-3I0-100,,B,1\nX-3,A,FCC-3I0-100,,C,1\nX-4,A,FCC-3I0-100,,D,1\n',
        [`2: FCC-3I0-100 is the parent on lines 2, 3, 4 and 1 more but has no row of its own, and the provider has no part FCC-3I0-100, so it would be created as a new top-level assembly titled FCC-3I0-100. Did you mean FCC-310-100? ${FIX('FCC-3I0-100')}`],
      ],
      [
        'nothing similar',
        'AS-110,A,AS-100,,Child,2\n',
        [`2: AS-100 is the parent on line 2 but has no row of its own, and the provider has no part AS-100, so it would be created as a new top-level assembly titled AS-100. ${FIX('AS-100')}`],
      ],
      ['stored parent', 'X-1,A,FCC-300-000,C,Bracket,1\n', []],
      [
        'short part numbers one edit apart',
        'AB-1,A,,,Top,1\nB-1,A,A-1,,Child,1\n',
        [
          '2: AB-1 has no parent and no components, so it is imported as a part without a BOM line; give its assembly in the parent column if it belongs to one.',
          `3: A-1 is the parent on line 3 but has no row of its own, and the provider has no part A-1, so it would be created as a new top-level assembly titled A-1. ${FIX('A-1')}`,
        ],
      ],
      ['sequential part numbers', 'EHA-930,A,,,Top,1\nEHA-932,A,EHA-931,,Child,1\n', [
        '2: EHA-930 has no parent and no components, so it is imported as a part without a BOM line; give its assembly in the parent column if it belongs to one.',
        `3: EHA-931 is the parent on line 3 but has no row of its own, and the provider has no part EHA-931, so it would be created as a new top-level assembly titled EHA-931. ${FIX('EHA-931')}`,
      ]],
    ];
    for (const [name, rows, warnings] of cases) {
      it(name, async () => {
        const store = await ImportStore.open();
        try {
          const report = await store.import('csv', bufferInput('parents.csv', Buffer.from(HEADER + rows)), { dryRun: true });
          assert.deepEqual(
            report.warnings.map((warning) => `${warning.location?.line}: ${warning.message}`),
            warnings,
          );
        } finally {
          await store.close();
        }
      });
    }
  });

  it('warns about similar multiplied assemblies', async () => {
    const store = await ImportStore.open();
    try {
      const text = 'Part Number,Parent,Title,Qty,Assembly Multiplier\nP-1,body,Panel,2,1\nP-2,bodyy,Panel 2,1,1\nP-3,rocker arm,Arm,1,2\n';
      const report = await store.import('csv', bufferInput('rover.csv', Buffer.from(text)), { dryRun: true, mapping: { root: { partNumber: 'ROVER-1' } } });

      // The product part uses every assembly, so only the two similar ones are worth a warning.
      assert.deepEqual(
        report.warnings.map((warning) => `${warning.location?.line}: ${warning.message}`),
        [
          '2: body is the parent on line 2 but has no row of its own, and the provider has no part body, so it would be created as a new assembly titled body. Did you mean bodyy? If the parent is mistyped, correct it; if body is meant, give it a row of its own with its title.',
          '3: bodyy is the parent on line 3 but has no row of its own, and the provider has no part bodyy, so it would be created as a new assembly titled bodyy. Did you mean body? If the parent is mistyped, correct it; if bodyy is meant, give it a row of its own with its title.',
        ],
      );
    } finally {
      await store.close();
    }
  });

  it('warns about stored letter case', async () => {
    const store = await ImportStore.open();
    try {
      // The mini programme has FCC-300-000 rev C.
      const report = await store.import('csv', bufferInput('lower.csv', Buffer.from('Part Number,Revision,Parent,Title,Qty\nfcc-300-000,C,,Lower,1\nX-1,A,fcc-300-000,Child,1\n')), { dryRun: true });
      assert.deepEqual(
        report.warnings.map((warning) => warning.message),
        [
          'Part fcc-300-000 rev C would be created as a new part, although the provider has FCC-300-000, which differs only in letter case. Part numbers are compared as written; if the source means that part, write its part number as the provider has it.',
        ],
      );
    } finally {
      await store.close();
    }
  });

  it('uses the first revision', async () => {
    const batch = await read('Part Number,Revision,Parent,Title,Qty\nTR-100,A,,Top A,1\nTR-100,B,,Top B,1\nTR-110,A,TR-100,Child,2\n');
    assert.deepEqual(
      batch.bomLines.map((line) => batch.parts.find((part) => part.sourceId === line.parent)?.revision),
      ['A'],
    );
  });
});

describe('CSV BOM blank titles', () => {
  it('titles new parts with part numbers', async () => {
    const store = await ImportStore.open();
    try {
      await store.import('csv', bufferInput('brake.csv', Buffer.from('Part Number,Parent,Title,Qty,Find No\nBK-100,,Brake,1,\nBK-110,BK-100,,2,10\n')));
      const rotor = (await store.part('BK-110', '-'))!;
      assert.deepEqual(await store.values(rotor, 'http://purl.org/dc/terms/title'), ['BK-110']);
    } finally {
      await store.close();
    }
  });

  it('keeps stored titles', async () => {
    const store = await ImportStore.open();
    try {
      await store.import('csv', bufferInput('brake.csv', Buffer.from('Part Number,Parent,Title,Qty,Find No\nBK-100,,Brake,1,\nBK-110,BK-100,Rotor,2,10\n')));
      const report = await store.import('csv', bufferInput('brake.csv', Buffer.from('Part Number,Parent,Title,Qty,Find No\nBK-100,,Brake,1,\nBK-110,BK-100,,2,10\n')));
      assert.deepEqual(report.changes, []);
      const rotor = (await store.part('BK-110', '-'))!;
      assert.deepEqual(await store.values(rotor, 'http://purl.org/dc/terms/title'), ['Rotor']);
      const titles = [];
      for (const line of await store.resources('http://open-services.net/ns/plm#PartUsage')) {
        titles.push(...(await store.values(line, 'http://purl.org/dc/terms/title')));
      }
      assert.ok(titles.includes('BK-100 item 10: Rotor'), titles.join(', '));
    } finally {
      await store.close();
    }
  });

  it('takes the title of another row', async () => {
    const batch = await read('Part Number,Parent,Title,Qty\nTOP,,Top,1\nP-1,TOP,,2\nP-1,TOP,Bolt,3\n');
    assert.deepEqual(issues(batch).filter((issue) => issue.includes('titled')), []);
    assert.equal(batch.parts.find((part) => part.partNumber === 'P-1')?.title, 'Bolt');
  });
});

describe('CSV BOM unit mapping', () => {
  it('maps units of the file', async () => {
    const text = 'Part Number,Parent,Title,Qty,ME\nTOP,,Top,1,Stk\nP-1,TOP,Sealant,2,TUBE\nP-2,TOP,Wire,3,m\n';
    const batch = await read(text, { columns: { unit: 'ME' }, units: { Stk: NUM, tube: 'http://qudt.org/vocab/unit/L' } });
    assert.deepEqual(issues(batch).filter((issue) => issue.includes('error')), []);
    assert.deepEqual(
      batch.bomLines.map((line) => line.unit),
      ['http://qudt.org/vocab/unit/L', 'http://qudt.org/vocab/unit/M'],
    );
  });

  it('reads US gallons', async () => {
    const text = 'Part Number,Parent,Title,Qty,Unit\nTOP,,Top,1,\nHF-1,TOP,Hydraulic fluid,0.5,gal\nHF-2,TOP,Hydraulic fluid,2,US gal\nHF-3,TOP,Hydraulic fluid,1,gallon\n';
    const batch = await read(text);
    assert.deepEqual(issues(batch), []);
    assert.deepEqual(
      batch.bomLines.map((line) => line.unit),
      ['http://qudt.org/vocab/unit/GAL_US', 'http://qudt.org/vocab/unit/GAL_US', 'http://qudt.org/vocab/unit/GAL_US'],
    );
    const store = await ImportStore.open();
    try {
      const report = await store.import('csv', bufferInput('fluids.csv', Buffer.from(text)), { dryRun: true });
      const line = report.changes.find((change) => change.label.startsWith('BOM line TOP rev - > HF-1 '));
      assert.equal(line?.details, 'BOM View EBOM; Quantity 0.5 US gal');
    } finally {
      await store.close();
    }
  });

  it('rejects a unit mapped to a symbol', async () => {
    await assert.rejects(read('Part Number,Parent\nTOP,\n', { units: { Stk: 'pieces' } }), {
      message: 'The CSV mapping: the unit "Stk" maps to "pieces", which is not an IRI; give a QUDT unit IRI such as http://qudt.org/vocab/unit/YD.',
    });
  });
});

describe('CSV BOM long values', () => {
  it('cut a long part number', async () => {
    const store = await ImportStore.open();
    try {
      const partNumber = 'P'.repeat(5005);
      const errors = await rejection(store.import('csv', bufferInput('long.csv', Buffer.from(`Part Number,Parent,Title,Qty\nTOP,,Top,1\n${partNumber},TOP,Long,1\n`))));
      assert.deepEqual(errors, [`long.csv line 3: part ${'P'.repeat(40)}… (5,005 characters) rev -: dt:partNumber (Part Number) value is 5005 characters long; the maximum is 64.`]);
    } finally {
      await store.close();
    }
  });
});

describe('CSV BOM reference designators', () => {
  it('warns about miscounts and repeats', async () => {
    const text = 'Part Number,Parent,Title,Qty,Find No,RefDes\nPCB-1,,Board,1,,\nRES-10K,PCB-1,Resistor,3,1,"R1, R2"\nCAP-1U,PCB-1,Capacitor,2,2,"C1 R2"\nLED-1,PCB-1,LED,1,3,D1\n';
    const store = await ImportStore.open();
    try {
      const report = await store.import('csv', bufferInput('board.csv', Buffer.from(text)), { dryRun: true });
      assert.deepEqual(
        report.warnings.map((warning) => warning.message),
        [
          '1 BOM line has another number of reference designators than pieces: RES-10K in PCB-1 find 1 (3 pieces, 2 designators). Give one designator per piece.',
          '1 reference designator is used twice in one assembly: R2 in PCB-1. Give each place its own designator.',
        ],
      );
    } finally {
      await store.close();
    }
  });
});


describe('CSV BOM cut short', () => {
  it('changes nothing in a removal run', async () => {
    const complete = 'Part Number,Parent,Title,Qty,Unit\nTOP,,Top,1,ea\nB-1,TOP,Bracket,4,ea\nNUT-1,TOP,Nut,44,ea\n';
    const store = await ImportStore.open();
    try {
      await store.import('csv', bufferInput('erp.csv', Buffer.from(complete)));
      const before = await store.versions();
      const bom = await store.bom();

      // Cut after the title and inside the part number.
      for (const [cut, fields] of [
        [complete.slice(0, -6), '4 fields'],
        [complete.slice(0, -16), '1 field'],
      ] as const) {
        const errors = await rejection(store.import('csv', bufferInput('erp.csv', Buffer.from(cut)), { removeMissing: true }));
        assert.equal(errors.length, 1);
        assert.ok(errors[0]!.startsWith(`erp.csv line 4: The last row has ${fields} but the header has 5, and the file ends inside it without a line break`), errors[0]);
      }

      assert.deepEqual(await store.changedResources(before), []);
      assert.deepEqual(await store.bom(), bom);
    } finally {
      await store.close();
    }
  });
});

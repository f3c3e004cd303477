import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { bufferInput } from '../../../src/import/ImportInput.js';
import { importReqif } from '../../../src/import/reqif/importReqif.js';
import { mapRelationType } from '../../../src/import/reqif/RelationTypes.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { ImportRejectedError } from '../../../src/import/ImportErrors.js';
import type { SyncReport } from '../../../src/import/SyncReport.js';
import { ImportStore } from '../helpers/ImportStore.js';
import { DT, headingDocument, OSLC_RM, reqifFixture } from './fixtures.js';

const directory = temporaryDirectory('dt-reqif-types-');
after(() => directory.remove());

/** A DOORS-style document with one attribute of each datatype, an enumeration default and XHTML text. */
const DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:x="http://www.w3.org/1999/xhtml">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><REQ-IF-TOOL-ID>IBM Rational DOORS</REQ-IF-TOOL-ID></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <DATATYPES>
      <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="dt-dal" LONG-NAME="DAL">
        <SPECIFIED-VALUES>
          <ENUM-VALUE IDENTIFIER="dal-a" LONG-NAME="Level A"/>
          <ENUM-VALUE IDENTIFIER="dal-b" LONG-NAME="Level B"/>
        </SPECIFIED-VALUES>
      </DATATYPE-DEFINITION-ENUMERATION>
    </DATATYPES>
    <SPEC-TYPES>
      <SPEC-OBJECT-TYPE IDENTIFIER="t" LONG-NAME="Requirement">
        <SPEC-ATTRIBUTES>
          <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="a-id" LONG-NAME="Object Identifier"/>
          <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="a-text" LONG-NAME="Object Text"/>
          <ATTRIBUTE-DEFINITION-INTEGER IDENTIFIER="a-int" LONG-NAME="Absolute Number"/>
          <ATTRIBUTE-DEFINITION-REAL IDENTIFIER="a-real" LONG-NAME="Max Latency (ms)"/>
          <ATTRIBUTE-DEFINITION-DATE IDENTIFIER="a-date" LONG-NAME="Last Reviewed"/>
          <ATTRIBUTE-DEFINITION-BOOLEAN IDENTIFIER="a-bool" LONG-NAME="Safety Related"/>
          <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="a-dal" LONG-NAME="Assurance Level">
            <DEFAULT-VALUE>
              <ATTRIBUTE-VALUE-ENUMERATION>
                <DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>a-dal</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION>
                <VALUES><ENUM-VALUE-REF>dal-b</ENUM-VALUE-REF></VALUES>
              </ATTRIBUTE-VALUE-ENUMERATION>
            </DEFAULT-VALUE>
          </ATTRIBUTE-DEFINITION-ENUMERATION>
        </SPEC-ATTRIBUTES>
      </SPEC-OBJECT-TYPE>
    </SPEC-TYPES>
    <SPEC-OBJECTS>
      <SPEC-OBJECT IDENTIFIER="o1">
        <TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE>
        <VALUES>
          <ATTRIBUTE-VALUE-STRING THE-VALUE="FCS-SRS-42"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
          <ATTRIBUTE-VALUE-XHTML>
            <DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>a-text</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION>
            <THE-ORIGINAL-VALUE><x:div>stale <x:b>copy</x:b></x:div></THE-ORIGINAL-VALUE>
            <THE-VALUE>
              <x:div><x:p>The flight control computer <x:b>shall</x:b> reject a pitch command &amp; log it</x:p><x:p>within 20 ms.<x:br/></x:p></x:div>
            </THE-VALUE>
          </ATTRIBUTE-VALUE-XHTML>
          <ATTRIBUTE-VALUE-INTEGER THE-VALUE="42"><DEFINITION><ATTRIBUTE-DEFINITION-INTEGER-REF>a-int</ATTRIBUTE-DEFINITION-INTEGER-REF></DEFINITION></ATTRIBUTE-VALUE-INTEGER>
          <ATTRIBUTE-VALUE-REAL THE-VALUE="2.5E1"><DEFINITION><ATTRIBUTE-DEFINITION-REAL-REF>a-real</ATTRIBUTE-DEFINITION-REAL-REF></DEFINITION></ATTRIBUTE-VALUE-REAL>
          <ATTRIBUTE-VALUE-DATE THE-VALUE="2026-01-15T09:30:00+01:00"><DEFINITION><ATTRIBUTE-DEFINITION-DATE-REF>a-date</ATTRIBUTE-DEFINITION-DATE-REF></DEFINITION></ATTRIBUTE-VALUE-DATE>
          <ATTRIBUTE-VALUE-BOOLEAN THE-VALUE="1"><DEFINITION><ATTRIBUTE-DEFINITION-BOOLEAN-REF>a-bool</ATTRIBUTE-DEFINITION-BOOLEAN-REF></DEFINITION></ATTRIBUTE-VALUE-BOOLEAN>
        </VALUES>
      </SPEC-OBJECT>
    </SPEC-OBJECTS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
`;

describe('ReqIF datatypes', () => {
  it('values mapped by datatype', async () => {
    const file = join(directory.path, 'types.reqif');
    writeFileSync(file, DOCUMENT);
    const batch = await importReqif(file);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(batch.requirements, [
      {
        sourceId: 'o1',
        identifier: 'FCS-SRS-42',
        title: 'The flight control computer shall reject a pitch command & log it',
        description: 'The flight control computer shall reject a pitch command & log it\nwithin 20 ms.',
        descriptionXhtml: '<div xmlns="http://www.w3.org/1999/xhtml"><p>The flight control computer <b>shall</b> reject a pitch command &amp; log it</p><p>within 20 ms.<br/></p></div>',
        attributes: {
          'Absolute Number': '42',
          'Max Latency (ms)': '2.5E1',
          'Last Reviewed': '2026-01-15T09:30:00+01:00',
          'Safety Related': 'true',
          'Assurance Level': 'Level B',
        },
        typedAttributes: [
          { name: 'Absolute Number', datatype: 'integer', values: ['42'] },
          { name: 'Max Latency (ms)', datatype: 'real', values: ['2.5E1'] },
          { name: 'Last Reviewed', datatype: 'date', values: ['2026-01-15T09:30:00+01:00'] },
          { name: 'Safety Related', datatype: 'boolean', values: ['true'] },
          { name: 'Assurance Level', datatype: 'enumeration', values: ['Level B'] },
        ],
        location: { file, line: 34, entity: 'o1' },
      },
    ]);
  });
});

describe('ReqIF text under another name', () => {
  const TEXT = 'The flight control computer shall reject a pitch command & log it\nwithin 20 ms.';
  // [name, document, expected description, expected attribute names]
  const cases: [name: string, document: string, description: string | undefined, attributes: string[]][] = [
    ['the only XHTML attribute', DOCUMENT.replace('LONG-NAME="Object Text"', 'LONG-NAME="Body"'), TEXT, ['Absolute Number', 'Assurance Level', 'Last Reviewed', 'Max Latency (ms)', 'Safety Related']],
    [
      'one of two XHTML attributes',
      DOCUMENT.replace('LONG-NAME="Object Text"', 'LONG-NAME="Body"').replace(
        '<ATTRIBUTE-VALUE-INTEGER THE-VALUE="42">',
        '<ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>a-note</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION><THE-VALUE><x:div>Note</x:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML><ATTRIBUTE-VALUE-INTEGER THE-VALUE="42">',
      ).replace('<ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="a-text" LONG-NAME="Body"/>', '<ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="a-text" LONG-NAME="Body"/><ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="a-note" LONG-NAME="Note"/>'),
      undefined,
      ['Absolute Number', 'Assurance Level', 'Body', 'Last Reviewed', 'Max Latency (ms)', 'Note', 'Safety Related'],
    ],
  ];
  for (const [name, document, description, attributes] of cases) {
    it(`takes ${name}`, async () => {
      const file = join(directory.path, 'body.reqif');
      writeFileSync(file, document);
      const [requirement] = (await importReqif(file)).requirements;
      assert.equal(requirement!.description, description);
      assert.deepEqual(Object.keys(requirement!.attributes ?? {}).sort(), attributes);
    });
  }
});

describe('ReqIF embedded objects', () => {
  const ORIGINAL = '<x:div><x:p>The flight control computer <x:b>shall</x:b> reject a pitch command &amp; log it</x:p><x:p>within 20 ms.<x:br/></x:p></x:div>';
  const FIX = 'The import keeps the text and the elements but stores no files, so this server cannot show them; open them in the requirements tool.';
  const cases: [name: string, value: string, warnings: string[]][] = [
    ['no object', ORIGINAL, []],
    [
      'a picture',
      '<x:div><x:p>Roll envelope:</x:p><x:object data="files/roll_envelope.png" type="image/png">roll envelope</x:object></x:div>',
      [`The rich text of requirement FCS-SRS-42 embeds files in XHTML object elements, such as files/roll_envelope.png. ${FIX}`],
    ],
    [
      'an OLE object with a preview',
      '<x:div><x:object data="files/ole_1.ole" type="application/oleobject"><x:object data="files/ole_1.png" type="image/png">preview</x:object></x:object></x:div>',
      [`The rich text of requirement FCS-SRS-42 embeds files in XHTML object elements, such as files/ole_1.ole. ${FIX}`],
    ],
  ];
  for (const [name, value, warnings] of cases) {
    it(`warns about ${name}`, async () => {
      const file = join(directory.path, 'objects.reqif');
      writeFileSync(file, DOCUMENT.replace(ORIGINAL, value));
      const batch = await importReqif(file);
      assert.deepEqual(
        batch.issues.map((issue) => issue.message),
        warnings,
      );
    });
  }
});

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XML_LITERAL = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral';

/** Rows of [requirement, attribute name, value, datatype] of provider fcc, sorted. */
async function sourceAttributeRows(store: ImportStore): Promise<string[][]> {
  const result = await store.store.query(`PREFIX dt: <${DT}>
    SELECT ?identifier ?name ?value WHERE { GRAPH ?r { ?r dt:externalIdentifier ?identifier ; dt:sourceAttribute ?a . ?a a dt:SourceAttribute ; dt:attributeName ?name ; dt:attributeValue ?value } }`);
  assert.equal(result.type, 'bindings');
  return result.rows
    .map((row) => {
      const value = row.get('value')!;
      return [row.get('identifier')!.value, row.get('name')!.value, value.value, value.termType === 'Literal' ? value.datatype.value : ''];
    })
    .sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
}

describe('ReqIF source attributes', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  const sourceAttributes = (): Promise<string[][]> => sourceAttributeRows(store);

  it('stores each datatype typed', async () => {
    const report = await store.import('reqif', bufferInput('types.reqif', Buffer.from(DOCUMENT)));
    assert.deepEqual(report.counts.requirements, { created: 1, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(await sourceAttributes(), [
      ['FCS-SRS-42', 'Absolute Number', '42', `${XSD}integer`],
      ['FCS-SRS-42', 'Last Reviewed', '2026-01-15T09:30:00+01:00', `${XSD}dateTime`],
      ['FCS-SRS-42', 'Max Latency (ms)', '25', `${XSD}decimal`],
      ['FCS-SRS-42', 'Safety Related', 'true', `${XSD}boolean`],
    ]);
    // "Assurance Level" is a Requirement property, so it is stored as that property and not repeated.
    const iri = report.changes[0]!.iri;
    assert.deepEqual(await store.values(iri, `${DT}assuranceLevel`), [`${DT}LevelB`]);
  });

  it('replaces changed values on re-import', async () => {
    await store.import('reqif', bufferInput('types.reqif', Buffer.from(DOCUMENT)));
    const same = await store.import('reqif', bufferInput('types.reqif', Buffer.from(DOCUMENT)));
    assert.deepEqual(same.counts.requirements, { created: 0, updated: 0, unchanged: 1, removed: 0 });
    const changed = await store.import('reqif', bufferInput('types.reqif', Buffer.from(DOCUMENT.replace('THE-VALUE="2.5E1"', 'THE-VALUE="30.5"').replace('THE-VALUE="1"', 'THE-VALUE="false"'))));
    assert.deepEqual(changed.counts.requirements, { created: 0, updated: 1, unchanged: 0, removed: 0 });
    const rows = await sourceAttributes();
    assert.deepEqual(rows.find((row) => row[1] === 'Max Latency (ms)'), ['FCS-SRS-42', 'Max Latency (ms)', '30.5', `${XSD}decimal`]);
    assert.deepEqual(rows.find((row) => row[1] === 'Safety Related'), ['FCS-SRS-42', 'Safety Related', 'false', `${XSD}boolean`]);
    assert.equal(rows.length, 4);
  });

  it('compares dates in their canonical form', async () => {
    const withMilliseconds = DOCUMENT.replace('THE-VALUE="2026-01-15T09:30:00+01:00"', 'THE-VALUE="2026-01-15T09:30:00.000+01:00"');
    await store.import('reqif', bufferInput('types.reqif', Buffer.from(withMilliseconds)));
    assert.deepEqual((await sourceAttributes()).find((row) => row[1] === 'Last Reviewed'), ['FCS-SRS-42', 'Last Reviewed', '2026-01-15T09:30:00+01:00', `${XSD}dateTime`]);

    // Another value changes, so the requirement is compared in full; the date is not a change.
    const changed = await store.import('reqif', bufferInput('types.reqif', Buffer.from(withMilliseconds.replace('THE-VALUE="2.5E1"', 'THE-VALUE="30.5"'))));
    assert.deepEqual(changed.counts.requirements, { created: 0, updated: 1, unchanged: 0, removed: 0 });
    assert.equal(changed.changes.length, 1);
    assert.equal(changed.changes[0]!.details, 'Source Attribute Max Latency (ms) 25 → 30.5');
  });

  const corpus: { file: string; counts: Record<string, number>; sample: string[] }[] = [
    {
      file: reqifFixture('Doors', '02_example_from_a_user', 'sample.reqif'),
      counts: { [`${XSD}dateTime`]: 6, [`${XSD}string`]: 3, [XML_LITERAL]: 6 },
      sample: ['ReqIF.ForeignModifiedBy', '<div xmlns="http://www.w3.org/1999/xhtml">susan</div>', XML_LITERAL],
    },
    {
      file: reqifFixture('examples-04_convert_reqif_to_json', 'sample_polarion_reqifz.reqifz'),
      counts: { [`${XSD}dateTime`]: 1, [`${XSD}string`]: 2 },
      sample: ['Status', 'Draft', `${XSD}string`],
    },
  ];
  for (const { file, counts, sample } of corpus) {
    it(`stores attributes of ${file.split('/').slice(-3, -1).join('/')}`, async () => {
      await store.import('reqif', file);
      const rows = await sourceAttributes();
      const byDatatype: Record<string, number> = {};
      for (const row of rows) {
        byDatatype[row[3]!] = (byDatatype[row[3]!] ?? 0) + 1;
      }
      assert.deepEqual(byDatatype, counts);
      assert.ok(rows.some((row) => row[1] === sample[0] && row[2] === sample[1] && row[3] === sample[2]), JSON.stringify(rows));
    });
  }
});

describe('ReqIF assurance level under other names', () => {
  const DOORS_NEXT = 'IBM Engineering Requirements Management DOORS Next 7.0.3';
  const LEVELS = 'Level A, Level B, Level C, Level D, Level E';
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  /** Imports one requirement SRS-1 with the attributes given and returns the report. */
  function importAttributes(attributes: Record<string, string>, file = 'levels.reqif'): Promise<SyncReport> {
    const document = headingDocument(DOORS_NEXT, [{ identifier: 'o1', type: 'Requirement', values: { 'ReqIF.ForeignID': 'SRS-1', 'ReqIF.Text': 'The unit shall start.', ...attributes } }]);
    return store.import('reqif', bufferInput(file, Buffer.from(document)));
  }

  /** Messages of the report's warnings about attributes under another name. */
  function otherNameWarnings(report: SyncReport): string[] {
    return report.warnings.filter((warning) => warning.message.includes('another name of')).map((warning) => warning.message);
  }

  // [case, attributes, stored dt:assuranceLevel, attributes kept as dt:SourceAttribute as [name, value], warnings]
  const cases: [string, Record<string, string>, string[], string[][], string[]][] = [
    ['Software Level (DOORS Next)', { 'Software Level': 'Level A' }, [`${DT}LevelA`], [], []],
    ['DAL (Polarion)', { DAL: 'B' }, [`${DT}LevelB`], [], []],
    ['Development Assurance Level', { 'Development Assurance Level': 'DAL C' }, [`${DT}LevelC`], [], []],
    ['Design Assurance Level in other spelling', { design_assurance_level: 'Software Level D' }, [`${DT}LevelD`], [], []],
    ['IDAL', { IDAL: 'IDAL E' }, [`${DT}LevelE`], [], []],
    ['own name and DAL, own name wins', { DAL: 'A', 'Assurance Level': 'Level D' }, [`${DT}LevelD`], [['DAL', 'A']], []],
    ['blank own name and DAL', { 'Assurance Level': ' ', DAL: 'A' }, [`${DT}LevelA`], [], []],
    [
      'DAL that does not convert',
      { DAL: 'DAL-A (catastrophic)', Status: 'Approved' },
      [],
      [['DAL', 'DAL-A (catastrophic)'], ['Status', 'Approved']],
      [
        `requirement SRS-1: the attribute "DAL", another name of the Requirement property assuranceLevel, does not set it, because the assuranceLevel "DAL-A (catastrophic)" is not one of ${LEVELS}; ` +
          'use one of those values in the source (case and spaces do not matter). The requirement keeps it as a source attribute.',
      ],
    ],
    ['Status alone', { Status: 'Approved' }, [], [['Status', 'Approved']], []],
  ];
  for (const [name, attributes, levels, kept, warnings] of cases) {
    it(`imports ${name}`, async () => {
      const report = await importAttributes(attributes);
      assert.deepEqual(report.counts.requirements, { created: 1, updated: 0, unchanged: 0, removed: 0 });
      assert.deepEqual(await store.values(report.changes[0]!.iri, `${DT}assuranceLevel`), levels);
      assert.deepEqual(
        (await sourceAttributeRows(store)).map((row) => [row[1], row[2]]),
        kept,
      );
      assert.deepEqual(otherNameWarnings(report), warnings);
    });
  }

  it('rejects own name value that does not convert', async () => {
    await assert.rejects(importAttributes({ 'Assurance Level': 'DAL-A (catastrophic)', DAL: 'A' }), (error: Error) => {
      assert.ok(error instanceof ImportRejectedError);
      assert.deepEqual(
        error.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message),
        [`requirement SRS-1: the assuranceLevel "DAL-A (catastrophic)" is not one of ${LEVELS}; use one of those values in the source (case and spaces do not matter).`],
      );
      return true;
    });
  });

  it('warns once per attribute and run', async () => {
    const document = headingDocument(DOORS_NEXT, [
      { identifier: 'o1', type: 'Requirement', values: { 'ReqIF.ForeignID': 'SRS-1', 'ReqIF.Text': 'The unit shall start.', DAL: 'DAL-A (catastrophic)' } },
      { identifier: 'o2', type: 'Requirement', values: { 'ReqIF.ForeignID': 'SRS-2', 'ReqIF.Text': 'The unit shall stop.', DAL: 'tbd' } },
      { identifier: 'o3', type: 'Requirement', values: { 'ReqIF.ForeignID': 'SRS-3', 'ReqIF.Text': 'The unit shall log.', DAL: 'C' } },
    ]);
    const expected = [
      `requirement SRS-1: the attribute "DAL", another name of the Requirement property assuranceLevel, does not set it, because the assuranceLevel "DAL-A (catastrophic)" is not one of ${LEVELS}; ` +
        'use one of those values in the source (case and spaces do not matter). The requirement keeps it as a source attribute. The values of "DAL" on 1 other requirement do not convert either.',
    ];
    const first = await store.import('reqif', bufferInput('levels.reqif', Buffer.from(document)));
    assert.deepEqual(first.counts.requirements, { created: 3, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(otherNameWarnings(first), expected);

    const again = await store.import('reqif', bufferInput('levels.reqif', Buffer.from(document)));
    assert.deepEqual(again.counts.requirements, { created: 0, updated: 0, unchanged: 3, removed: 0 });
    assert.deepEqual(otherNameWarnings(again), expected);
  });

  it('re-import of same file is unchanged', async () => {
    const attributes = { 'Software Level': 'Level A', Status: 'Approved' };
    const created = await importAttributes(attributes);
    const before = await store.versions();
    const again = await importAttributes(attributes);
    assert.deepEqual(again.counts.requirements, { created: 0, updated: 0, unchanged: 1, removed: 0 });
    assert.deepEqual(again.changes, []);
    assert.deepEqual(await store.changedResources(before), []);
    assert.deepEqual(await store.values(created.changes[0]!.iri, `${DT}assuranceLevel`), [`${DT}LevelA`]);
  });

  it('keeps stored level when DAL stops converting', async () => {
    const created = await importAttributes({ DAL: 'C' });
    const changed = await importAttributes({ DAL: 'DAL-C (major)' });
    assert.deepEqual(changed.counts.requirements, { created: 0, updated: 1, unchanged: 0, removed: 0 });
    assert.deepEqual(await store.values(created.changes[0]!.iri, `${DT}assuranceLevel`), [`${DT}LevelC`]);
    assert.deepEqual((await sourceAttributeRows(store)).map((row) => [row[1], row[2]]), [['DAL', 'DAL-C (major)']]);
    assert.equal(otherNameWarnings(changed).length, 1);
  });
});

describe('ReqIF relation types', () => {
  const cases: Array<[string | undefined, string, boolean]> = [
    ['Satisfies', `${OSLC_RM}satisfiedBy`, true],
    ['Satisfied By', `${OSLC_RM}satisfiedBy`, false],
    ['Derived From', `${OSLC_RM}decomposes`, false],
    ['Refine Relationship', `${OSLC_RM}decomposes`, false],
    ['Parent Of', `${OSLC_RM}decomposes`, true],
    ['has_parent', `${OSLC_RM}decomposes`, false],
    ['Validated By', `${OSLC_RM}validatedBy`, false],
    ['verifies', `${OSLC_RM}validatedBy`, true],
    ['Elaborated By', `${OSLC_RM}elaboratedBy`, false],
    ['Constrained By', `${OSLC_RM}constrainedBy`, false],
    ['relates_to', `${DT}tracesTo`, false],
    ['Traces to', `${DT}tracesTo`, false],
    ['Traced By', `${DT}tracesTo`, true],
    [undefined, `${DT}tracesTo`, false],
  ];
  for (const [name, property, reverse] of cases) {
    it(`maps ${name ?? 'no type'}`, () => {
      assert.deepEqual(mapRelationType(name), { property, reverse });
    });
  }
});

/** Values with problems: invalid DATEs, an invalid INTEGER default, missing ENUM-VALUEs and a missing definition. */
const PROBLEM_VALUES = `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><REQ-IF-TOOL-ID>Test writer</REQ-IF-TOOL-ID></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <DATATYPES>
      <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="dt-dal" LONG-NAME="DAL">
        <SPECIFIED-VALUES><ENUM-VALUE IDENTIFIER="dal-a" LONG-NAME="Level A"/></SPECIFIED-VALUES>
      </DATATYPE-DEFINITION-ENUMERATION>
    </DATATYPES>
    <SPEC-TYPES>
      <SPEC-OBJECT-TYPE IDENTIFIER="t" LONG-NAME="Requirement">
        <SPEC-ATTRIBUTES>
          <ATTRIBUTE-DEFINITION-DATE IDENTIFIER="a-date" LONG-NAME="Last Reviewed"/>
          <ATTRIBUTE-DEFINITION-INTEGER IDENTIFIER="a-int" LONG-NAME="Priority">
            <DEFAULT-VALUE>
              <ATTRIBUTE-VALUE-INTEGER THE-VALUE="high"><DEFINITION><ATTRIBUTE-DEFINITION-INTEGER-REF>a-int</ATTRIBUTE-DEFINITION-INTEGER-REF></DEFINITION></ATTRIBUTE-VALUE-INTEGER>
            </DEFAULT-VALUE>
          </ATTRIBUTE-DEFINITION-INTEGER>
          <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="a-dal" LONG-NAME="Assurance Level"/>
        </SPEC-ATTRIBUTES>
      </SPEC-OBJECT-TYPE>
    </SPEC-TYPES>
    <SPEC-OBJECTS>
      <SPEC-OBJECT IDENTIFIER="o1">
        <TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE>
        <VALUES>
          <ATTRIBUTE-VALUE-DATE THE-VALUE="yesterday"><DEFINITION><ATTRIBUTE-DEFINITION-DATE-REF>a-date</ATTRIBUTE-DEFINITION-DATE-REF></DEFINITION></ATTRIBUTE-VALUE-DATE>
          <ATTRIBUTE-VALUE-ENUMERATION>
            <DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>a-dal</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION>
            <VALUES><ENUM-VALUE-REF>dal-x</ENUM-VALUE-REF><ENUM-VALUE-REF>dal-a</ENUM-VALUE-REF><ENUM-VALUE-REF>dal-y</ENUM-VALUE-REF></VALUES>
          </ATTRIBUTE-VALUE-ENUMERATION>
        </VALUES>
      </SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="o2">
        <TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE>
        <VALUES>
          <ATTRIBUTE-VALUE-DATE THE-VALUE="soon"><DEFINITION><ATTRIBUTE-DEFINITION-DATE-REF>a-date</ATTRIBUTE-DEFINITION-DATE-REF></DEFINITION></ATTRIBUTE-VALUE-DATE>
          <ATTRIBUTE-VALUE-STRING THE-VALUE="x"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-gone</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
        </VALUES>
      </SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="o3">
        <TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE>
        <VALUES>
          <ATTRIBUTE-VALUE-DATE THE-VALUE="2026-01-15T09:30:00Z"><DEFINITION><ATTRIBUTE-DEFINITION-DATE-REF>a-date</ATTRIBUTE-DEFINITION-DATE-REF></DEFINITION></ATTRIBUTE-VALUE-DATE>
          <ATTRIBUTE-VALUE-INTEGER THE-VALUE="3"><DEFINITION><ATTRIBUTE-DEFINITION-INTEGER-REF>a-int</ATTRIBUTE-DEFINITION-INTEGER-REF></DEFINITION></ATTRIBUTE-VALUE-INTEGER>
        </VALUES>
      </SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="o4">
        <TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE>
        <VALUES>
          <ATTRIBUTE-VALUE-DATE THE-VALUE="never"><DEFINITION><ATTRIBUTE-DEFINITION-DATE-REF>a-date</ATTRIBUTE-DEFINITION-DATE-REF></DEFINITION></ATTRIBUTE-VALUE-DATE>
        </VALUES>
      </SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="o5">
        <TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE>
        <VALUES>
          <ATTRIBUTE-VALUE-DATE THE-VALUE="later"><DEFINITION><ATTRIBUTE-DEFINITION-DATE-REF>a-date</ATTRIBUTE-DEFINITION-DATE-REF></DEFINITION></ATTRIBUTE-VALUE-DATE>
          <ATTRIBUTE-VALUE-STRING THE-VALUE="y"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-gone</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
        </VALUES>
      </SPEC-OBJECT>
    </SPEC-OBJECTS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
`;

/** Returns the 1-based number of the first line of PROBLEM_VALUES that contains `text`. */
function lineWith(text: string): number {
  return PROBLEM_VALUES.split('\n').findIndex((line) => line.includes(text)) + 1;
}

describe('ReqIF value problems', () => {
  async function issues(): Promise<{ severity: string; message: string; line?: number; entity?: string }[]> {
    const file = join(directory.path, 'problems.reqif');
    writeFileSync(file, PROBLEM_VALUES);
    const batch = await importReqif(file);
    return batch.issues.map((issue) => ({ severity: issue.severity, message: issue.message, line: issue.location?.line, entity: issue.location?.entity }));
  }

  /** Returns the one issue whose message starts with `start`. */
  async function issueStarting(start: string): Promise<{ severity: string; message: string; line?: number; entity?: string } | undefined> {
    const matching = (await issues()).filter((issue) => issue.message.startsWith(start));
    assert.equal(matching.length, 1, `issues starting with ${start}`);
    return matching[0];
  }

  it('one issue per definition and problem', async () => {
    const found = await issues();
    assert.equal(found.length, 4, found.map((issue) => issue.message).join('\n'));
  });

  it('differing invalid DATEs aggregated', async () => {
    const issue = await issueStarting('values of attribute "Last Reviewed" of');
    assert.equal(issue?.severity, 'warning');
    assert.equal(issue?.line, lineWith('THE-VALUE="yesterday"'));
    assert.equal(issue?.entity, 'o1');
    assert.equal(
      issue?.message,
      `values of attribute "Last Reviewed" of SPEC-OBJECT-TYPE "Requirement" are not valid DATEs in 4 SPEC-OBJECTs (o1 at line ${lineWith('"yesterday"')}, o2 at line ${lineWith('"soon"')}, o4 at line ${lineWith('"never"')} and 1 more), for example "yesterday"; the values are kept as written, as strings. To keep the datatype, export valid DATE values such as "2026-05-01T00:00:00Z", or else change the attribute's datatype to STRING in the exporting tool`,
    );
  });

  it('invalid default listed by objects', async () => {
    // o3 gives its own valid Priority, so the default applies to the other four.
    const issue = await issueStarting('value "high" of attribute "Priority"');
    assert.equal(issue?.line, lineWith('THE-VALUE="high"'));
    assert.equal(issue?.entity, 'o1');
    assert.equal(
      issue?.message,
      `value "high" of attribute "Priority" of SPEC-OBJECT-TYPE "Requirement" is not a valid INTEGER in 4 SPEC-OBJECTs (o1 at line ${lineWith('"o1"')}, o2 at line ${lineWith('"o2"')}, o4 at line ${lineWith('"o4"')} and 1 more); the values are kept as written, as strings. To keep the datatype, export valid INTEGER values such as 42, or else change the attribute's datatype to STRING in the exporting tool`,
    );
  });

  it('missing ENUM-VALUEs counted per object', async () => {
    const issue = await issueStarting('ENUM-VALUE-REFs dal-x, dal-y of attribute "Assurance');
    assert.equal(issue?.severity, 'error');
    assert.equal(issue?.line, lineWith('<ATTRIBUTE-VALUE-ENUMERATION>'));
    // dal-y is a second missing reference of the same value, so it adds no object.
    assert.equal(
      issue?.message,
      'ENUM-VALUE-REFs dal-x, dal-y of attribute "Assurance Level" of SPEC-OBJECT-TYPE "Requirement" in SPEC-OBJECT o1 name no ENUM-VALUE of the document, so the value cannot be read. Export the enumeration datatype with its values',
    );
  });

  it('undefined definition aggregated', async () => {
    const issue = await issueStarting('ATTRIBUTE-DEFINITION a-gone of values in');
    assert.equal(issue?.severity, 'warning');
    assert.equal(issue?.entity, 'o2');
    assert.equal(
      issue?.message,
      `ATTRIBUTE-DEFINITION a-gone of values in 2 SPEC-OBJECTs (o2 at line ${lineWith('THE-VALUE="x"')}, o5 at line ${lineWith('THE-VALUE="y"')}) is not defined; the values are left out. Export the document with the SPEC-OBJECT-TYPEs that define its attributes`,
    );
  });
});

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkBatch } from '../../../src/import/BatchChecks.js';
import { ImportRejectedError } from '../../../src/import/ImportErrors.js';
import { ReqifDocumentMissingError } from '../../../src/import/reqif/ReqifArchive.js';
import { importReqif } from '../../../src/import/reqif/importReqif.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { reqifFixture } from './fixtures.js';
import { writeZip, writeZipWithRenamedEntry, zipBytes } from '../helpers/zip.js';

const directory = temporaryDirectory('dt-reqif-');
after(() => directory.remove());

/** A small valid ReqIF document with two SPEC-OBJECTs and a relation whose target is `target`. */
function document(target: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><REQ-IF-TOOL-ID>Test writer</REQ-IF-TOOL-ID></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <SPEC-TYPES>
      <SPEC-RELATION-TYPE IDENTIFIER="rt" LONG-NAME="Satisfies"/>
    </SPEC-TYPES>
    <SPEC-OBJECTS>
      <SPEC-OBJECT IDENTIFIER="SYS-1" LONG-NAME="Braking"/>
      <SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake command"/>
    </SPEC-OBJECTS>
    <SPEC-RELATIONS>
      <SPEC-RELATION IDENTIFIER="rel-1">
        <SOURCE><SPEC-OBJECT-REF>SW-7</SPEC-OBJECT-REF></SOURCE>
        <TARGET><SPEC-OBJECT-REF>${target}</SPEC-OBJECT-REF></TARGET>
        <TYPE><SPEC-RELATION-TYPE-REF>rt</SPEC-RELATION-TYPE-REF></TYPE>
      </SPEC-RELATION>
    </SPEC-RELATIONS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
`;
}

describe('ReqIF duplicates and dangling ends', () => {
  const cases: { name: string; edit: (text: string) => string; errors: string[] }[] = [
    {
      name: 'identical duplicate object',
      edit: (text) => text.replace('<SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake command"/>', '<SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake command"/><SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake command"/>'),
      errors: [],
    },
    {
      name: 'conflicting duplicate object',
      edit: (text) => text.replace('<SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake command"/>', '<SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake command"/>\n<SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake release"/>'),
      errors: ['line 11: SPEC-OBJECT SW-7 is defined twice with different title (first at line 10); remove one definition or give it another IDENTIFIER'],
    },
    {
      name: 'relation without target',
      edit: (text) => text.replace(/<TARGET>.*<\/TARGET>/, ''),
      errors: ['line 13: SPEC-RELATION rel-1 (Satisfies) has no TARGET; give it both ends or remove it from the export'],
    },
    {
      name: 'relation with empty source reference',
      edit: (text) => text.replace('<SPEC-OBJECT-REF>SW-7</SPEC-OBJECT-REF>', '<SPEC-OBJECT-REF></SPEC-OBJECT-REF>'),
      errors: ['line 13: SPEC-RELATION rel-1 (Satisfies) has an empty SOURCE; give it both ends or remove it from the export'],
    },
    {
      name: 'relation with blank source reference',
      edit: (text) => text.replace('<SPEC-OBJECT-REF>SW-7</SPEC-OBJECT-REF>', '<SPEC-OBJECT-REF>\n  </SPEC-OBJECT-REF>'),
      errors: ['line 13: SPEC-RELATION rel-1 (Satisfies) has an empty SOURCE; give it both ends or remove it from the export'],
    },
    {
      name: 'relation with empty source element',
      edit: (text) => text.replace(/<SOURCE>.*<\/SOURCE>/, '<SOURCE/>'),
      errors: ['line 13: SPEC-RELATION rel-1 (Satisfies) has an empty SOURCE; give it both ends or remove it from the export'],
    },
    {
      name: 'relation with empty source and no target',
      edit: (text) => text.replace(/<SOURCE>.*<\/SOURCE>/, '<SOURCE></SOURCE>').replace(/<TARGET>.*<\/TARGET>/, ''),
      errors: ['line 13: SPEC-RELATION rel-1 (Satisfies) has an empty SOURCE and no TARGET; give it both ends or remove it from the export'],
    },
    {
      name: 'relation of undefined type without source',
      edit: (text) => text.replace(/<SOURCE>.*<\/SOURCE>/, '').replace('<SPEC-RELATION-TYPE-REF>rt<', '<SPEC-RELATION-TYPE-REF>rt-404<'),
      errors: ['line 13: SPEC-RELATION rel-1 has no SOURCE; give it both ends or remove it from the export'],
    },
  ];
  for (const { name, edit, errors } of cases) {
    it(name, async () => {
      const file = join(directory.path, 'ends.reqif');
      writeFileSync(file, edit(document('SYS-1')));
      const batch = await importReqif(file);
      const found = batch.issues.filter((issue) => issue.severity === 'error').map((issue) => `line ${issue.location?.line}: ${issue.message}`);
      assert.deepEqual(found, errors);
      if (name.startsWith('relation')) {
        // The relation is left out, with no warning about its ends as references.
        assert.deepEqual(batch.links, []);
        assert.deepEqual(batch.issues.filter((issue) => issue.message.includes('SPEC-OBJECT-REF')), []);
      }
    });
  }
});

describe('ReqIF malformed input', () => {
  it('broken XML reports its line', async () => {
    const file = join(directory.path, 'broken.reqif');
    writeFileSync(file, document('SYS-1').replace('<SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake command"/>', '<SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake command">'));
    const batch = await importReqif(file);
    const problems = batch.issues.filter((issue) => issue.severity === 'error');
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.message, 'malformed XML: unexpected close tag (column 19); correct the XML at this place, or export the file again');
    assert.deepEqual(problems[0]!.location, { file, line: 11 });
  });

  it('dangling SPEC-OBJECT-REF kept as a link', async () => {
    // The synchronizer looks the end up among stored requirements, and warns there when it finds none.
    const file = join(directory.path, 'dangling.reqif');
    writeFileSync(file, document('SYS-404'));
    const batch = await importReqif(file);
    assert.deepEqual(batch.issues, []);
    // "Satisfies" points from the satisfying object to the satisfied one, so OSLC's satisfiedBy runs backwards.
    assert.deepEqual(batch.links, [
      { from: 'SYS-404', to: 'SW-7', property: 'http://open-services.net/ns/rm#satisfiedBy', linkType: 'Satisfies', location: { file, line: 13, entity: 'rel-1' } },
    ]);
  });

  it('archive entry with path traversal', async () => {
    const file = join(directory.path, 'traversal.reqifz');
    await writeZipWithRenamedEntry(file, 'xx/spec.reqif', '../spec.reqif', document('SYS-1'));
    const batch = await importReqif(file);
    assert.deepEqual(batch.requirements, []);
    assert.deepEqual(batch.issues, [{ severity: 'error', message: 'invalid entry: invalid relative path: ../spec.reqif', location: { file } }]);
  });

  it('archive with macOS metadata', async () => {
    const file = join(directory.path, 'mac.reqifz');
    const appleDouble = Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]);
    await writeZip(file, { 'spec.reqif': document('SYS-1'), '._spec.reqif': appleDouble, '.DS_Store': appleDouble, '__MACOSX/._spec.reqif': appleDouble });
    const batch = await importReqif(file);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(batch.requirements.map((requirement) => requirement.sourceId).sort(), ['SW-7', 'SYS-1']);
  });

  it('archive of macOS metadata only', async () => {
    const file = join(directory.path, 'mac-only.reqifz');
    await writeZip(file, { '._spec.reqif': Buffer.from([0x00, 0x05, 0x16, 0x07]), 'notes.txt': 'draft\n' });
    await assert.rejects(importReqif(file), {
      message: `${file} contains no .reqif file (it contains notes.txt); export the archive again from the requirements tool.`,
    });
  });

  it('archive over the entry limit', async () => {
    const file = join(directory.path, 'many.reqifz');
    await writeZip(file, { 'a.reqif': document('SYS-1'), 'b.reqif': document('SYS-1'), 'c.reqif': document('SYS-1') });
    const batch = await importReqif(file, { archiveLimits: { maxEntries: 2 } });
    assert.deepEqual(batch.issues, [{ severity: 'error', message: 'archive has 3 entries, more than the limit of 2', location: { file } }]);
  });

  it('archive entry over the size limit', async () => {
    const file = join(directory.path, 'large.reqifz');
    await writeZip(file, { 'spec.reqif': document('SYS-1') + ' '.repeat(100_000) });
    const batch = await importReqif(file, { archiveLimits: { maxEntryBytes: 50_000 } });
    assert.equal(batch.issues.length, 1);
    assert.match(batch.issues[0]!.message, /^entry spec\.reqif has 10\d{4} bytes uncompressed, more than the limit of 50000$/);
  });

  it('conflicting duplicate names the text', async () => {
    // No LONG-NAME and no heading attribute: the title is the text, and the message names the text.
    const object = (text: string): string =>
      `<SPEC-OBJECT IDENTIFIER="SW-9"><TYPE><SPEC-OBJECT-TYPE-REF>ot</SPEC-OBJECT-TYPE-REF></TYPE><VALUES><ATTRIBUTE-VALUE-STRING THE-VALUE="${text}"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>text</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING></VALUES></SPEC-OBJECT>`;
    const text = document('SYS-1')
      .replace('<SPEC-RELATION-TYPE IDENTIFIER="rt" LONG-NAME="Satisfies"/>', '<SPEC-RELATION-TYPE IDENTIFIER="rt" LONG-NAME="Satisfies"/>\n      <SPEC-OBJECT-TYPE IDENTIFIER="ot"><SPEC-ATTRIBUTES><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="text" LONG-NAME="ReqIF.Text"><TYPE><DATATYPE-DEFINITION-STRING-REF>s</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING></SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>')
      .replace('<SPEC-TYPES>', '<DATATYPES><DATATYPE-DEFINITION-STRING IDENTIFIER="s" MAX-LENGTH="200"/></DATATYPES>\n    <SPEC-TYPES>')
      .replace('</SPEC-OBJECTS>', `  ${object('The brake shall apply within 50 ms.')}\n      ${object('The brake shall apply within 80 ms.')}\n    </SPEC-OBJECTS>`);
    const file = join(directory.path, 'text-duplicate.reqif');
    writeFileSync(file, text);
    const batch = await importReqif(file);
    assert.deepEqual(
      batch.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message),
      ['SPEC-OBJECT SW-9 is defined twice with different text (first at line 13); remove one definition or give it another IDENTIFIER'],
    );
  });

  it('conflicting duplicate across archive members', async () => {
    const file = join(directory.path, 'modules.reqifz');
    const renamed = document('SYS-1').replace('LONG-NAME="Brake command"', 'LONG-NAME="Brake release"');
    await writeZip(file, { 'system.reqif': document('SYS-1'), 'software.reqif': renamed });
    const batch = await importReqif(file);
    assert.deepEqual(
      batch.issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.location?.file} line ${issue.location?.line}: ${issue.message}`),
      [`${file}!/software.reqif line 10: SPEC-OBJECT SW-7 is defined twice with different title (first at line 10 of system.reqif); remove one definition or give it another IDENTIFIER`],
    );
  });

  it('root in another namespace', async () => {
    const file = join(directory.path, 'namespace.reqif');
    writeFileSync(file, document('SYS-1').replace('http://www.omg.org/spec/ReqIF/20110401/reqif.xsd', 'http://www.omg.org/2014/ReqIF'));
    const batch = await importReqif(file);
    assert.deepEqual(batch.requirements, []);
    assert.deepEqual(batch.issues, [
      {
        severity: 'error',
        message:
          'the root element REQ-IF is in the namespace http://www.omg.org/2014/ReqIF, not in the ReqIF namespace http://www.omg.org/spec/ReqIF/20110401/reqif.xsd, so none of its content is ReqIF; ' +
          'set xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" on it, or export the file again',
        location: { file, line: 2 },
      },
    ]);
  });

  it('document named as an archive', async () => {
    const file = join(directory.path, 'plain.reqifz');
    writeFileSync(file, document('SYS-1'));
    const batch = await importReqif(file);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(
      batch.requirements.map((requirement) => requirement.identifier),
      ['SYS-1', 'SW-7'],
    );
  });

  it('archive cut short', async () => {
    const file = join(directory.path, 'cut.reqifz');
    writeFileSync(file, (await zipBytes({ 'a.reqif': document('SYS-1') })).subarray(0, 200));
    const batch = await importReqif(file);
    assert.equal(batch.issues.length, 1);
    assert.match(batch.issues[0]!.message, /^not a readable zip archive \(.+\); if the file was cut short, copy or upload the whole file again$/);
  });

  it('archive entry that is no XML', async () => {
    const file = join(directory.path, 'table.reqifz');
    await writeZip(file, { 'spec.reqif': '\nPart Number,Title\nC-2,Bracket\n' });
    const batch = await importReqif(file);
    assert.deepEqual(
      batch.issues.map((issue) => `${issue.location?.file} line ${issue.location?.line}: ${issue.message}`),
      [`${file}!/spec.reqif line 2: this is no ReqIF document: it is no XML document but looks like a CSV table, so import it as csv ("import csv", or POST /import/csv)`],
    );
  });

  it('archive without ReqIF document rejected', async () => {
    const file = join(directory.path, 'notreqif.reqifz');
    await writeZip(file, { 'eha-bom.csv': 'Part Number,Title\nC-2,Bracket\n', 'images/brake.png': 'not really a PNG' });
    await assert.rejects(importReqif(file), (error: Error) => {
      assert.ok(error instanceof ReqifDocumentMissingError, error.name);
      assert.equal(error.message, `${file} contains no .reqif file (it contains eha-bom.csv, images/brake.png); export the archive again from the requirements tool.`);
      return true;
    });
  });

  it('archive without ReqIF document lists some entries', async () => {
    const file = join(directory.path, 'tables.reqifz');
    await writeZip(file, Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => [`${name}.csv`, 'x\n'])));
    await assert.rejects(importReqif(file), {
      message: `${file} contains no .reqif file (it contains a.csv, b.csv, c.csv, d.csv, e.csv and 2 more); export the archive again from the requirements tool.`,
    });
  });

  it('archive of folders rejected', async () => {
    const file = join(directory.path, 'folders.reqifz');
    await writeZip(file, { 'spec/': '', 'images/': '' });
    await assert.rejects(importReqif(file), { message: `${file} contains no .reqif file (it contains no files); export the archive again from the requirements tool.` });
  });

  it('archive skips non-ReqIF entries', async () => {
    const file = join(directory.path, 'images.reqifz');
    await writeZip(file, { 'spec.reqif': document('SYS-1'), 'images/brake.png': 'not really a PNG' });
    const batch = await importReqif(file);
    assert.deepEqual(batch.issues, []);
    assert.equal(batch.requirements.length, 2);
  });
});

describe('ReqIF cut short', () => {
  const UNCLOSED = 'the file ends inside the document, so it may be cut short; export or copy it again';
  const relationStart = document('SYS-1').indexOf('<TARGET>');
  const duplicate = document('SYS-1').replace('<SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake command"/>', '<SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake command"/>\n<SPEC-OBJECT IDENTIFIER="SW-7" LONG-NAME="Brake release"/>');
  const cases: { name: string; text: () => string; errors: string[] }[] = [
    {
      // The values read before the cut would give warnings about an undefined ATTRIBUTE-DEFINITION and invalid dates.
      name: 'Polarion export at 100000 bytes',
      text: () => readFileSync(reqifFixture('Polarion', '01_anonimized_example', 'sample.reqif')).subarray(0, 100_000).toString('latin1'),
      errors: [`line 1907: malformed XML: unclosed tag: ATTRIBUTE-VALUE-XHTML (column 7); ${UNCLOSED}`],
    },
    {
      name: 'DOORS export at 100 KiB',
      text: () => readFileSync(reqifFixture('Doors', '02_example_from_a_user', 'sample.reqif')).subarray(0, 102_400).toString('latin1'),
      errors: [`line 1508: malformed XML: unclosed tag: ATTRIBUTE-DEFINITION-XHTML (column 28); ${UNCLOSED}`],
    },
    {
      name: 'relation without its TARGET',
      text: () => document('SYS-1').slice(0, relationStart),
      errors: [`line 15: malformed XML: unclosed tag: SPEC-RELATION (column 8); ${UNCLOSED}`],
    },
    {
      name: 'conflicting duplicate before the cut',
      text: () => duplicate.slice(0, duplicate.indexOf('<TARGET>')),
      // The reader reports the XML error as it stops, before the checks of what it read.
      errors: [
        `line 16: malformed XML: unclosed tag: SPEC-RELATION (column 8); ${UNCLOSED}`,
        'line 11: SPEC-OBJECT SW-7 is defined twice with different title (first at line 10); remove one definition or give it another IDENTIFIER',
      ],
    },
  ];
  for (const { name, text, errors } of cases) {
    it(name, async () => {
      const file = join(directory.path, 'cut.reqif');
      writeFileSync(file, text(), 'latin1');
      const batch = await importReqif(file);
      assert.deepEqual(
        batch.issues.map((issue) => `line ${issue.location?.line}: ${issue.message}`),
        errors,
      );
      assert.deepEqual(batch.requirements, []);
      assert.deepEqual(batch.links, []);

      // The import's own checks add no warnings about the partly read requirements, such as repeated identifiers.
      assert.throws(
        () => checkBatch(batch),
        (error: unknown) => {
          assert.ok(error instanceof ImportRejectedError);
          assert.deepEqual(error.issues, batch.issues);
          return true;
        },
      );
    });
  }
});

describe('ReqIF root element', () => {
  it('rejects a PLM XML file', async () => {
    const batch = await importReqif(join('test', 'fixtures', 'import', 'plmxml', 'mlg-productview.plmxml'));
    assert.deepEqual(
      batch.issues.map((issue) => `line ${issue.location?.line}: ${issue.message}`),
      ['line 3: this is no ReqIF document: the root element is <PLMXML>, not <REQ-IF>; it is a PLM XML document, so import it as plmxml ("import plmxml", or POST /import/plmxml)'],
    );
    assert.equal(batch.requirements.length, 0);
  });

  it('accepts the ReqIF root with a prefix', async () => {
    const file = join(directory.path, 'prefixed.reqif');
    writeFileSync(file, document('SYS-1').replace(/<(\/?)([A-Z])/g, '<$1reqif:$2').replace('xmlns=', 'xmlns:reqif='));
    const batch = await importReqif(file);
    assert.deepEqual(batch.issues.filter((issue) => issue.severity === 'error'), []);
    assert.equal(batch.requirements.length, 2);
  });
});

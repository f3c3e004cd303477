import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bufferInput } from '../../src/import/ImportInput.js';
import { parseInstanceValue } from '../../src/import/step/Part21Parameters.js';
import { readPart21 } from '../../src/import/step/Part21Reader.js';
import { Part21Scanner, Part21SyntaxError, type Part21Statement } from '../../src/import/step/Part21Scanner.js';
import { decodePart21String } from '../../src/import/step/Part21String.js';

function scan(text: string, chunkSize = text.length): Part21Statement[] {
  const statements: Part21Statement[] = [];
  const scanner = new Part21Scanner((statement) => statements.push(statement));
  for (let offset = 0; offset < text.length; offset += chunkSize) {
    scanner.push(text.slice(offset, offset + chunkSize));
  }
  scanner.end();
  return statements;
}

function syntaxError(text: string): Part21SyntaxError {
  try {
    scan(text);
  } catch (error) {
    if (error instanceof Part21SyntaxError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a syntax error');
}

const FRAME = (data: string): string => `ISO-10303-21;\r\nHEADER;\r\nFILE_DESCRIPTION(('x'),'2;1');\r\nENDSEC;\r\nDATA;\r\n${data}ENDSEC;\r\nEND-ISO-10303-21;\r\n`;

describe('Part21Scanner', () => {
  it('splits statements at semicolons outside strings', () => {
    const statements = scan(FRAME("#1=PRODUCT('a;b','it''s',';',(#2));\r\n#2=PRODUCT_CONTEXT('',#3,'mechanical');\r\n"));
    const data = statements.filter((statement) => statement.section === 'data');
    assert.equal(data.length, 2);
    assert.equal(data[0]!.id, 1);
    assert.deepEqual(data[0]!.types, ['PRODUCT']);
    assert.equal(data[0]!.text, "PRODUCT('a;b','it''s',';',(#2))");
  });

  it('reports the start line of each statement', () => {
    const statements = scan(FRAME("#1=PRODUCT('a','b',\r\n  '',(#2));\r\n\r\n/* comment */ #2=PRODUCT_CONTEXT('',#3,'m');\r\n"));
    const data = statements.filter((statement) => statement.section === 'data');
    assert.equal(data[0]!.line, 6);
    assert.equal(data[1]!.line, 9);
  });

  it('removes comments but keeps comment text in strings', () => {
    const statements = scan(FRAME("#1=PRODUCT('/* kept */',/* dropped; */'b','',());\r\n"));
    assert.equal(statements.find((statement) => statement.id === 1)!.text, "PRODUCT('/* kept */', 'b','',())");
  });

  it('gives the same statements for any chunk size', () => {
    const text = FRAME("#10=PRODUCT('x''y;z','n','d',(#2));\n#11=(NAMED_UNIT(*)SI_UNIT(.MILLI.,.METRE.)LENGTH_UNIT());\n/* a */\n#12=PRODUCT('a','b','c',());\n");
    const whole = scan(text);
    for (const size of [1, 2, 3, 7, 64]) {
      assert.deepEqual(scan(text, size), whole, `chunk size ${size}`);
    }
  });

  it('lists partial types of complex instances', () => {
    const statements = scan(FRAME("#5=( LENGTH_UNIT() NAMED_UNIT(*) SI_UNIT(.MILLI.,.METRE.) );\r\n"));
    assert.deepEqual(statements.find((statement) => statement.id === 5)!.types, ['LENGTH_UNIT', 'NAMED_UNIT', 'SI_UNIT']);
  });

  it('reports an unclosed last string at its line', () => {
    const error = syntaxError(FRAME("#1=PRODUCT('a','b','',());\r\n#2=PRODUCT('c','d,'',());\r\n"));
    assert.equal(error.line, 7);
    assert.match(error.message, /^A string that starts here is not closed with an apostrophe before the file ends\. The file may be cut short/);
  });

  it('reports a string running into the next instance', () => {
    const text = FRAME("#1=PRODUCT('a','b,'',());\r\n#2=PRODUCT('c','d','',());\r\n#3=PRODUCT('e','f','',());\r\n");
    for (const size of [1, 2, 3, 7, text.length]) {
      let error: unknown;
      try {
        scan(text, size);
      } catch (caught) {
        error = caught;
      }
      assert.ok(error instanceof Part21SyntaxError, `chunk size ${size}`);
      assert.equal(error.line, 6, `chunk size ${size}`);
      assert.equal(
        error.message,
        'A string that starts here is probably not closed, because it runs on into line 7, which looks like the start of entity instance #2. Close the string with an apostrophe, and write an apostrophe inside a string as two.',
      );
    }
  });

  it('reports a string running into an instance with spaces', () => {
    const error = syntaxError(FRAME("#1=PRODUCT('a','b,'',());\n#22 \t= PRODUCT('c','d','',());\n"));
    assert.equal(error.line, 6);
    assert.match(error.message, /runs on into line 7, which looks like the start of entity instance #22\./);
  });

  const lineBreaksInStrings: [name: string, value: string][] = [
    ['plain text', "'first line\r\nsecond line'"],
    ['a doubled apostrophe', "'it''s\r\n''quoted'''"],
    ['a reference without equals sign', "'see\r\n#2 above'"],
    ['an indented instance', "'see\r\n  #2=PRODUCT'"],
    ['an equals sign later on the line', "'see\r\n#2 is = #3'"],
  ];
  for (const [name, value] of lineBreaksInStrings) {
    it(`accepts string line break before ${name}`, () => {
      const text = FRAME(`#1=PRODUCT('a',${value},'',());\r\n#2=PRODUCT('c','d','',());\r\n`);
      for (const size of [1, 3, text.length]) {
        const ids = scan(text, size)
          .filter((statement) => statement.section === 'data')
          .map((statement) => statement.id);
        assert.deepEqual(ids, [1, 2], `chunk size ${size}`);
      }
    });
  }

  it('reports a missing semicolon', () => {
    const error = syntaxError("ISO-10303-21;\nHEADER;\nENDSEC;\nDATA;\n#1=PRODUCT('a','b','',())\n#2=PRODUCT('c','d','',());\nENDSEC;\nEND-ISO-10303-21;\n");
    assert.equal(error.line, 5);
    assert.match(error.message, /runs into the next one; end it with ";"/);
  });

  it('reports an instance without id', () => {
    const error = syntaxError(FRAME("#1=PRODUCT('a','b','',());\r\nPRODUCT('c','d','',());\r\n"));
    assert.equal(error.line, 7);
    assert.match(error.message, /Expected an entity instance/);
  });

  it('reports a truncated file', () => {
    const error = syntaxError("ISO-10303-21;\nHEADER;\nENDSEC;\nDATA;\n#1=PRODUCT('a','b','',());\n");
    assert.match(error.message, /without "END-ISO-10303-21;"/);
  });

  it('reports a file cut inside an entity', () => {
    const error = syntaxError("ISO-10303-21;\nHEADER;\nENDSEC;\nDATA;\n#1=PRODUCT('a','b','',());\n#2882=PRODUCT_DEFINITION('design','',\n#1,");
    assert.equal(error.line, 6);
    assert.match(error.message, /^The file ends inside the statement that starts here \(entity #2882\), so it may be cut short; export or copy it again\./);
  });

  it('scanner rejects a missing Part 21 keyword', () => {
    const error = syntaxError('solid cube;\nfacet normal 0 0 1;\n');
    assert.equal(error.line, 1);
    assert.equal(error.message, 'This is not an ISO 10303-21 file: it starts with "solid cube" instead of "ISO-10303-21;".');
  });

  const otherFormats: [name: string, text: string, message: string][] = [
    ['an STL mesh', 'solid cube\nfacet normal 0 0 1;\n', 'other.stp is no STEP file: it looks like plain text, which no import format reads; export the data again as a STEP file.'],
    ['a CSV BOM without semicolons', 'Part Number,Revision,Parent,Title,Qty\nEHA-500,A,,Actuator,1\n', 'other.stp is no STEP file: it looks like a CSV table, so import it as csv ("import csv", or POST /import/csv).'],
    [
      'PLM XML',
      '<?xml version="1.0"?>\n<!-- export -->\n<PLMXML xmlns="http://www.plmxml.org/Schemas/PLMXMLSchema">\n</PLMXML>\n',
      'other.stp is no STEP file: it looks like a PLM XML document, so import it as plmxml ("import plmxml", or POST /import/plmxml).',
    ],
    ['ReqIF', '<?xml version="1.0"?>\n<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">\n</REQ-IF>\n', 'other.stp is no STEP file: it looks like a ReqIF document, so import it as reqif ("import reqif", or POST /import/reqif).'],
  ];
  for (const [name, text, message] of otherFormats) {
    it(`rejects ${name} as not Part 21`, async () => {
      // readPart21 checks the start of the file before scanning, and names its format.
      await assert.rejects(readPart21(bufferInput('other.stp', Buffer.from(text)), () => false), { name: 'SourceFormatError', message });
    });
  }

  it('accepts a comment before the keyword', async () => {
    const text = "/* exported by a test */\nISO-10303-21;\nHEADER;\nENDSEC;\nDATA;\n#1=PRODUCT('a','b','',());\n";
    const error = syntaxError(text);
    assert.match(error.message, /without "END-ISO-10303-21;"/);
    await assert.rejects(readPart21(bufferInput('commented.stp', Buffer.from(text)), () => false), { name: 'SourceSyntaxError', message: /without "END-ISO-10303-21;"/ });
  });
});

describe('decodePart21String', () => {
  const cases: [string, string, string][] = [
    ['doubled apostrophe', "it''s", "it's"],
    ['backslash', 'C:\\\\dir', 'C:\\dir'],
    ['8-bit ISO 8859-1 with \\X\\', 'caf\\X\\E9', 'café'],
    ['\\S\\ high half', '\\S\\D', 'Ä'],
    ['\\P\\ page change', '\\PE\\\\S\\D', 'Ф'],
    ['UTF-16 with \\X2\\', '\\X2\\03B103B2\\X0\\ ok', 'αβ ok'],
    ['code points with \\X4\\', '\\X4\\0001F600\\X0\\', '😀'],
    ['UTF-8 as is', '⌀ 6 mm', '⌀ 6 mm'],
    ['stray backslash', 'a\\b', 'a\\b'],
    // An exporter that wraps long lines may break a string; the line break is no part of it.
    ['string wrapped with CR LF', 'at eighty col\r\numns', 'at eighty columns'],
    ['string wrapped with LF', 'at eighty col\numns', 'at eighty columns'],
    ['wrapped inside a directive group', 'caf\\X\\E9 \\X2\\03B1\r\n03B2\\X0\\', 'café αβ'],
    ['wrapped after a doubled apostrophe', "it''\ns", "it's"],
    ['\\N\\ and \\F\\ print control', 'first\\N\\second\\F\\third', 'firstsecondthird'],
  ];
  for (const [name, body, expected] of cases) {
    it(`decodes ${name}`, () => {
      assert.equal(decodePart21String(body), expected);
    });
  }

  it('rejects a malformed \\X2\\ directive', () => {
    assert.throws(() => decodePart21String('\\X2\\03B\\X0\\'), /malformed/);
  });
});

describe('parseInstanceValue', () => {
  it('parses every parameter kind', () => {
    const [record] = parseInstanceValue("T('s',#12,.ENUM.,-1.5E-3,2,\"0F\",(1,(2)),$,*,LENGTH_MEASURE(5.))");
    assert.equal(record!.type, 'T');
    assert.deepEqual(record!.parameters, [
      { kind: 'string', value: 's' },
      { kind: 'reference', id: 12 },
      { kind: 'enumeration', value: 'ENUM' },
      { kind: 'number', value: -0.0015 },
      { kind: 'number', value: 2 },
      { kind: 'binary', value: '0F' },
      { kind: 'list', items: [{ kind: 'number', value: 1 }, { kind: 'list', items: [{ kind: 'number', value: 2 }] }] },
      { kind: 'unset' },
      { kind: 'derived' },
      { kind: 'typed', type: 'LENGTH_MEASURE', value: { kind: 'number', value: 5 } },
    ]);
  });

  it('parses a complex instance in file order', () => {
    const records = parseInstanceValue("( NAMED_UNIT(*) SI_UNIT(.MILLI.,.METRE.) LENGTH_UNIT() )");
    assert.deepEqual(records.map((record) => record.type), ['NAMED_UNIT', 'SI_UNIT', 'LENGTH_UNIT']);
    assert.deepEqual(records[1]!.parameters, [{ kind: 'enumeration', value: 'MILLI' }, { kind: 'enumeration', value: 'METRE' }]);
  });

  it('decodes strings with directives', () => {
    const [record] = parseInstanceValue("PRODUCT('\\X2\\00D8\\X0\\ 6','it''s','',())");
    assert.equal((record!.parameters[0] as { value: string }).value, 'Ø 6');
    assert.equal((record!.parameters[1] as { value: string }).value, "it's");
  });

  it('reports a missing separator with its offset', () => {
    assert.throws(() => parseInstanceValue("PRODUCT('a' 'b')"), (error: Error & { offset?: number }) => error.offset === 12 && /expected "," or "\)"/.test(error.message));
  });
});

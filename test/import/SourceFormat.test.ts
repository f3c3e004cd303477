import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { asRejection, formatIssue, ImportError } from '../../src/import/ImportErrors.js';
import { detectSourceFormat } from '../../src/import/SourceFormat.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';
import { ImportStore } from './helpers/ImportStore.js';

const FIXTURES = join('test', 'fixtures', 'import');

describe('detectSourceFormat', () => {
  const cases: [name: string, head: string | Buffer, kind: string, command: string | undefined][] = [
    ['STEP after a byte order mark', '\uFEFFISO-10303-21;\nHEADER;', 'step', 'step'],
    ['STEP after a comment', '/* exported */\n  ISO-10303-21;\n', 'step', 'step'],
    ['PLM XML after a comment', '<?xml version="1.0"?>\n<!-- <REQ-IF> in a comment -->\n<PLMXML xmlns="http://www.plmxml.org/Schemas/PLMXMLSchema">', 'plmxml', 'plmxml'],
    ['ReqIF with a prefix', '<?xml version="1.0"?><reqif:REQ-IF xmlns:reqif="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">', 'reqif', 'reqif'],
    ['XML after a document type declaration', '<!DOCTYPE assembly [<!ENTITY a "<PLMXML>">]>\n<assembly/>', 'xml', undefined],
    ['XML with an unfinished prolog', '<?xml version="1.0"?>\n<!-- a comment longer than the head', 'xml', undefined],
    ['an HTML page', '<!DOCTYPE html>\n<html lang="en">', 'xml', undefined],
    ['JSON object', '{\n  "parts": []\n}', 'json', undefined],
    ['JSON array', '[{"partNumber": "C-2"}]', 'json', undefined],
    ['CSV with semicolons', 'Part Number;Qty\nC-2;1\n', 'table', 'csv'],
    ['plain text', 'Bracket drawings are in the vault.\n', 'text', undefined],
    ['whitespace only', ' \r\n\t', 'empty', undefined],
    ['a zip of STEP files', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(22), Buffer.from([8, 0, 0, 0]), Buffer.from('tail.stp')]), 'zip', undefined],
    ['UTF-16 text', Buffer.from('\uFEFFPart Number,Qty\n', 'utf16le'), 'utf16', undefined],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'binary', undefined],
    ['Windows-1252 text', Buffer.from('Part Number,Title\nC-2,Caf\xe9\n', 'latin1'), 'table', 'csv'],
    ['Turtle', '@prefix dt: <https://w3id.org/digital-thread/ns#> .\n', 'rdf', undefined],
    ['Turtle with SPARQL-style prefixes', 'PREFIX dt: <https://w3id.org/digital-thread/ns#>\n', 'rdf', undefined],
    ['N-Triples', '<http://127.0.0.1:8080/p/1> <http://purl.org/dc/terms/title> "Bracket" .\n', 'rdf', undefined],
    ['RDF/XML', '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', 'rdf', undefined],
    ['JSON-LD', '{"@context": {"dt": "https://w3id.org/digital-thread/ns#"}, "@id": "p1"}', 'rdf', undefined],
    ['CSV whose first column starts with Base', 'Base Part,Qty\nC-2,1\n', 'table', 'csv'],
  ];
  for (const [name, head, kind, command] of cases) {
    it(`detects ${name}`, () => {
      const format = detectSourceFormat(typeof head === 'string' ? Buffer.from(head, 'utf8') : head);
      assert.equal(format.kind, kind);
      assert.equal(format.command, command);
    });
  }
});

describe('import of a file of another format', () => {
  let store: ImportStore;
  const directory = temporaryDirectory('dt-source-format-');
  const files: Record<string, string> = {
    CSV: join(FIXTURES, 'csv', 'parts_list.csv'),
    STEP: join(FIXTURES, 'step', 'as1-oc-214.stp'),
    'PLM XML': join(FIXTURES, 'plmxml', 'mlg-productview.plmxml'),
    ReqIF: join(FIXTURES, 'reqif', 'ReqIF_Studio', '01_anonimized_example', 'sample.reqif'),
    '.reqifz': join(FIXTURES, 'reqif', 'examples-04_convert_reqif_to_json', 'sample_polarion_reqifz.reqifz'),
    JSON: join(directory.path, 'parts.json'),
    'plain text': join(directory.path, 'notes.txt'),
    'empty file': join(directory.path, 'export.txt'),
    Turtle: join(directory.path, 'parts.ttl'),
  };
  before(async () => {
    writeFileSync(files.JSON!, '{\n  "parts": [{"partNumber": "C-2", "title": "Bracket"}]\n}\n');
    writeFileSync(files['plain text']!, 'Bracket drawings are in the vault.\nAsk the design office for access.\n');
    writeFileSync(files['empty file']!, ' \n');
    writeFileSync(files.Turtle!, '@prefix dcterms: <http://purl.org/dc/terms/> .\n<http://127.0.0.1:8080/p/1> dcterms:title "Bracket" .\n');
    store = await ImportStore.open();
  });
  after(async () => {
    await store.close();
    directory.remove();
  });

  const csv = 'parts_list.csv';
  const step = 'as1-oc-214.stp';
  const plmxml = 'mlg-productview.plmxml';
  const reqif = 'sample.reqif';
  const reqifz = 'sample_polarion_reqifz.reqifz';
  /** The error that each command reports for each kind of file; undefined where the command reads the file. */
  const expected: Record<string, Record<string, string | undefined>> = {
    CSV: {
      csv: undefined,
      step: `${csv} is no STEP file: it looks like a CSV table, so import it as csv ("import csv", or POST /import/csv).`,
      plmxml: `${csv} is no PLM XML document: it looks like a CSV table, so import it as csv ("import csv", or POST /import/csv).`,
      reqif: `${csv} is no ReqIF document: it looks like a CSV table, so import it as csv ("import csv", or POST /import/csv).`,
    },
    STEP: {
      csv: `${step} is no CSV BOM: it looks like a STEP file, so import it as step ("import step", or POST /import/step).`,
      step: undefined,
      plmxml: `${step} is no PLM XML document: it looks like a STEP file, so import it as step ("import step", or POST /import/step).`,
      reqif: `${step} is no ReqIF document: it looks like a STEP file, so import it as step ("import step", or POST /import/step).`,
    },
    'PLM XML': {
      csv: `${plmxml} is no CSV BOM: it looks like a PLM XML document, so import it as plmxml ("import plmxml", or POST /import/plmxml).`,
      step: `${plmxml} is no STEP file: it looks like a PLM XML document, so import it as plmxml ("import plmxml", or POST /import/plmxml).`,
      plmxml: undefined,
      reqif: `${plmxml} line 3: this is no ReqIF document: the root element is <PLMXML>, not <REQ-IF>; it is a PLM XML document, so import it as plmxml ("import plmxml", or POST /import/plmxml)`,
    },
    ReqIF: {
      csv: `${reqif} is no CSV BOM: it looks like a ReqIF document, so import it as reqif ("import reqif", or POST /import/reqif).`,
      step: `${reqif} is no STEP file: it looks like a ReqIF document, so import it as reqif ("import reqif", or POST /import/reqif).`,
      plmxml: `${reqif} line 2: this is no PLM XML document: the root element is <REQ-IF>, not <PLMXML>; it is a ReqIF document, so import it as reqif ("import reqif", or POST /import/reqif)`,
      reqif: undefined,
    },
    '.reqifz': {
      csv: `${reqifz} is no CSV BOM: it looks like a ReqIF archive (.reqifz), so import it as reqif ("import reqif", or POST /import/reqif).`,
      step: `${reqifz} is no STEP file: it looks like a ReqIF archive (.reqifz), so import it as reqif ("import reqif", or POST /import/reqif).`,
      plmxml: `${reqifz} is no PLM XML document: it looks like a ReqIF archive (.reqifz), so import it as reqif ("import reqif", or POST /import/reqif).`,
      reqif: undefined,
    },
    JSON: {
      csv: 'parts.json is no CSV BOM: it looks like a JSON document, which no import format reads; export the data again as a CSV BOM.',
      step: 'parts.json is no STEP file: it looks like a JSON document, which no import format reads; export the data again as a STEP file.',
      plmxml: 'parts.json is no PLM XML document: it looks like a JSON document, which no import format reads; export the data again as a PLM XML document.',
      reqif: 'parts.json is no ReqIF document: it looks like a JSON document, which no import format reads; export the data again as a ReqIF document.',
    },
    'plain text': {
      // Text without a delimiter is a CSV file of one column, so only its header shows that it is no BOM.
      csv: 'notes.txt has no part number column among "Bracket drawings are in the vault."; name it "Part Number" or map it with --mapping (mapping= on the import endpoint), as in {"columns": {"partNumber": "Item No."}}.',
      step: 'notes.txt is no STEP file: it looks like plain text, which no import format reads; export the data again as a STEP file.',
      plmxml: 'notes.txt is no PLM XML document: it looks like plain text, which no import format reads; export the data again as a PLM XML document.',
      reqif: 'notes.txt is no ReqIF document: it looks like plain text, which no import format reads; export the data again as a ReqIF document.',
    },
    Turtle: Object.fromEntries(
      (['csv', 'step', 'plmxml', 'reqif'] as const).map((command) => [
        command,
        `parts.ttl is no ${{ csv: 'CSV BOM', step: 'STEP file', plmxml: 'PLM XML document', reqif: 'ReqIF document' }[command]}: it looks like RDF (Turtle, TriG, N-Triples or N-Quads), which no import format reads; ` +
          'load RDF into the store with "digital-thread load --data DIR FILE" while the server is stopped, as the README describes.',
      ]),
    ),
    'empty file': {
      csv: 'export.txt is empty; a CSV BOM needs a header line and data rows.',
      step: 'export.txt is empty; export the data again as a STEP file.',
      plmxml: 'export.txt is empty; export the data again as a PLM XML document.',
      reqif: 'export.txt is empty; export the data again as a ReqIF document.',
    },
  };

  for (const [kind, byCommand] of Object.entries(expected)) {
    for (const [command, message] of Object.entries(byCommand)) {
      it(`${kind} given to ${command}`, async () => {
        const before = await store.versions();
        const commits = store.changes.length;
        // A dry run shows that the command reads its own format without writing it.
        const run = store.import(command, files[kind]!, { dryRun: message === undefined, provider: command === 'reqif' ? 'eha' : 'fcc' });
        if (message === undefined) {
          const report = await run;
          assert.equal(report.dryRun, true);
        } else {
          await assert.rejects(run, (error: unknown) => {
            assert.ok(error instanceof ImportError, String(error));
            const errors = asRejection(error).issues.filter((issue) => issue.severity === 'error');
            assert.deepEqual(errors.map(formatIssue), [message]);
            return true;
          });
        }
        assert.equal(store.changes.length, commits);
        assert.deepEqual(await store.versions(), before);
      });
    }
  }
});

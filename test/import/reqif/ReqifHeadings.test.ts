import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { importReqif } from '../../../src/import/reqif/importReqif.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { headingDocument, reqifFixture, type TestSpecObject } from './fixtures.js';

const directory = temporaryDirectory('dt-reqif-headings-');
after(() => directory.remove());

/**
 * Headings per corpus file, counted with a separate XML parser: SPEC-OBJECTs with a ReqIF.ChapterName
 * value and no ReqIF.Text value. Polarion's 43 are its 42 objects of SPEC-OBJECT-TYPE "Heading" and the
 * one of type "Document". The only ReqIF Studio object with a chapter name has text too, and the
 * Polarion archive's "Section 1" is of type Heading but has the text "Section text...", so neither is one.
 */
const CORPUS_HEADINGS: { file: string[]; headings: number; requirements: number }[] = [
  { file: ['ReqIF_Studio', '01_anonimized_example', 'sample.reqif'], headings: 0, requirements: 137 },
  { file: ['Polarion', '01_anonimized_example', 'sample.reqif'], headings: 43, requirements: 101 },
  { file: ['Doors', '02_example_from_a_user', 'sample.reqif'], headings: 3, requirements: 3 },
  { file: ['Doors', '06_example_from_a_user', 'sample.reqif'], headings: 0, requirements: 1 },
  { file: ['Doors', '10_example_capella_requirements_vp', 'sample.reqif'], headings: 0, requirements: 1 },
  { file: ['SparxSystems_Enterprise_Architect_8.0', '01_example', 'sample.reqif'], headings: 0, requirements: 3 },
  { file: ['ci.eclipse.org', 'TC1200_E0000_S10_Reference_20210122_1256_jenkins', 'sample.reqif'], headings: 0, requirements: 44 },
  { file: ['ci.eclipse.org', 'TC1300_E0000_S10_Reference_20210122_1256_jenkins', 'sample.reqif'], headings: 0, requirements: 2 },
  { file: ['ci.eclipse.org', 'TC1700_E0000_S10_Reference_20210122_1256_jenkins', 'sample.reqifz'], headings: 0, requirements: 2 },
  { file: ['examples-04_convert_reqif_to_json', 'sample_polarion_reqifz.reqifz'], headings: 0, requirements: 2 },
];

describe('ReqIF corpus headings', () => {
  for (const expected of CORPUS_HEADINGS) {
    it(`marks ${expected.file.slice(0, -1).join('/')}`, async () => {
      const batch = await importReqif(reqifFixture(...expected.file));
      const headings = batch.requirements.filter((requirement) => requirement.heading === true);
      assert.equal(batch.requirements.length, expected.requirements);
      assert.equal(headings.length, expected.headings);
      assert.deepEqual(headings.filter((heading) => heading.description !== undefined).map((heading) => heading.sourceId), []);
    });
  }

  it('keeps Polarion headings in the document', async () => {
    const batch = await importReqif(reqifFixture('Polarion', '01_anonimized_example', 'sample.reqif'));
    const headings = batch.requirements.filter((requirement) => requirement.heading === true);
    assert.equal(headings.filter((heading) => heading.sectionNumber !== undefined).length, 43);
    assert.deepEqual(headings.slice(0, 3).map((heading) => heading.sectionNumber), ['1', '2', '3']);
  });
});

/** One SPEC-OBJECT per case, alone in a document of the case's tool. */
const RULE_CASES: { name: string; tool: string; object: Omit<TestSpecObject, 'identifier'>; heading: boolean; title: string }[] = [
  { name: 'ChapterName without text', tool: 'ReqIF Studio', object: { type: 'Requirement Type', values: { 'ReqIF.ChapterName': 'Introduction' } }, heading: true, title: 'Introduction' },
  { name: 'ChapterName with text', tool: 'ReqIF Studio', object: { type: 'Requirement Type', values: { 'ReqIF.ChapterName': 'Braking', 'ReqIF.Text': 'The BSCU shall command braking within 50 ms.' } }, heading: false, title: 'Braking' },
  { name: 'ChapterName with blank text', tool: 'ReqIF Studio', object: { type: 'Requirement Type', values: { 'ReqIF.ChapterName': 'Functional requirements', 'ReqIF.Text': '  ' } }, heading: true, title: 'Functional requirements' },
  { name: 'blank ChapterName without text', tool: 'ReqIF Studio', object: { type: 'Requirement Type', longName: 'SRS-12', values: { 'ReqIF.ChapterName': ' ' } }, heading: false, title: 'SRS-12' },
  { name: 'DOORS Object Heading without text', tool: 'IBM Rational DOORS', object: { type: 'Module', values: { 'Object Heading': 'Functional requirements', 'Object Identifier': 'SRS-3' } }, heading: true, title: 'Functional requirements' },
  { name: 'DOORS Object Heading with text', tool: 'IBM Rational DOORS', object: { type: 'Module', values: { 'Object Heading': 'Wheel speed', 'Object Text': 'The BSCU shall read each wheel speed at 100 Hz.' } }, heading: false, title: 'Wheel speed' },
  { name: 'DOORS Object Text only', tool: 'IBM Rational DOORS', object: { type: 'Module', values: { 'Object Text': 'The BSCU shall log every fault.' } }, heading: false, title: 'The BSCU shall log every fault.' },
  { name: 'Polarion Heading type without text', tool: 'Polarion ReqIF Roundtrip', object: { type: 'Heading', values: { Title: 'Interfaces' } }, heading: true, title: 'Interfaces' },
  { name: 'Polarion Heading type with text', tool: 'Polarion ReqIF Roundtrip', object: { type: 'Heading', values: { 'ReqIF.ChapterName': 'Section 1', 'ReqIF.Text': 'Section text...' } }, heading: false, title: 'Section 1' },
  { name: 'DOORS Next ChapterName without text', tool: 'IBM Engineering Requirements Management DOORS Next', object: { type: 'System Requirement', values: { 'ReqIF.ChapterName': 'Safety requirements' } }, heading: true, title: 'Safety requirements' },
  { name: 'only a LONG-NAME', tool: 'ReqIF Studio', object: { type: 'Requirement Type', longName: 'Brake command', values: {} }, heading: false, title: 'Brake command' },
  { name: 'text in another attribute', tool: 'Enterprise Architect', object: { type: 'Functional Requirement', longName: 'Spotting fire', values: { 'FUNC-REQ-TXT': 'The system shall alert the control centre.' } }, heading: false, title: 'Spotting fire' },
];

describe('ReqIF heading rule', () => {
  for (const testCase of RULE_CASES) {
    it(testCase.name, async () => {
      const file = join(directory.path, `${testCase.name.replace(/\W+/g, '-')}.reqif`);
      writeFileSync(file, headingDocument(testCase.tool, [{ identifier: 'obj-1', ...testCase.object }]));
      const batch = await importReqif(file);
      assert.equal(batch.requirements.length, 1);
      assert.equal(batch.requirements[0]!.heading === true, testCase.heading);
      assert.equal(batch.requirements[0]!.title, testCase.title);
    });
  }

  it('takes heading attributes from the mapping', async () => {
    const file = join(directory.path, 'mapped.reqif');
    writeFileSync(file, headingDocument('Site tool', [{ identifier: 'obj-1', type: 'Object', values: { Kapitel: 'Einleitung' } }]));
    const batch = await importReqif(file, { attributes: { heading: ['Kapitel'] } });
    assert.equal(batch.requirements[0]!.heading, true);
  });

  it('titles a heading by its mapped heading attribute', async () => {
    const file = join(directory.path, 'mapped-title.reqif');
    writeFileSync(
      file,
      headingDocument('IBM Engineering Requirements Management DOORS Next', [
        { identifier: 'obj-1', type: 'Heading', values: { 'Req ID': '1600', Kapitel: 'Attitude computation' } },
        { identifier: 'obj-2', type: 'Requirement', values: { 'Req ID': '1601', 'Short Title': 'Attitude rate', 'Requirement Text': 'The AHRS shall compute attitude at 50 Hz.', Kapitel: 'unused' } },
      ]),
    );
    const batch = await importReqif(file, { attributes: { identifier: ['Req ID'], title: ['Short Title'], text: ['Requirement Text'], heading: ['Kapitel'] } });
    const [heading, requirement] = batch.requirements;
    assert.equal(heading!.heading, true);
    assert.equal(heading!.title, 'Attitude computation');
    assert.equal(heading!.attributes, undefined);
    assert.equal(requirement!.heading, undefined);
    assert.equal(requirement!.title, 'Attitude rate');
    // A requirement's heading attribute is no title, so it stays a source attribute.
    assert.deepEqual(requirement!.attributes, { Kapitel: 'unused' });
  });
});

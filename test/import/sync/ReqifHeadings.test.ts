import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { headingDocument, type TestSpecObject } from '../reqif/fixtures.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';

const HEADING = `${NS.dt}heading`;
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';

const CHAPTER: TestSpecObject = { identifier: 'SRS-H1', type: 'Requirement Type', values: { 'ReqIF.ChapterName': 'Braking' } };
const REQUIREMENT: TestSpecObject = { identifier: 'SRS-7', type: 'Requirement Type', values: { 'ReqIF.ChapterName': 'Brake command', 'ReqIF.Text': 'The BSCU shall command braking within 50 ms.' } };

const directory = temporaryDirectory('dt-reqif-headings-');
after(() => directory.remove());

describe('ReqIF heading import', () => {
  let store: ImportStore;
  let file: string;

  beforeEach(async () => {
    store = await ImportStore.open();
    file = join(directory.path, 'srs.reqif');
    writeFileSync(file, headingDocument('ReqIF Studio', [CHAPTER, REQUIREMENT]));
    await store.import('reqif', file);
  });
  afterEach(() => store.close());

  it('stores dt:heading as xsd:boolean', async () => {
    const requirements = await store.requirementsBySourceId();
    const marks = (await store.quads(requirements.get('SRS-H1')!)).filter((quad) => quad.predicate.value === HEADING);
    assert.deepEqual(marks.map((quad) => [quad.object.value, quad.object.termType === 'Literal' ? quad.object.datatype.value : '']), [['true', XSD_BOOLEAN]]);
    assert.deepEqual(await store.values(requirements.get('SRS-7')!, HEADING), []);
    assert.deepEqual(await store.values(requirements.get('SRS-H1')!, `${NS.dt}sectionNumber`), ['1']);
  });

  /** Re-exports of the document: the objects then, and the dt:heading values afterwards by IDENTIFIER. */
  const REIMPORT_CASES: { name: string; objects: TestSpecObject[]; marks: Record<string, string[]>; updated: number }[] = [
    { name: 'changes nothing when unchanged', objects: [CHAPTER, REQUIREMENT], marks: { 'SRS-H1': ['true'], 'SRS-7': [] }, updated: 0 },
    {
      name: 'drops the mark when text is added',
      objects: [{ ...CHAPTER, values: { ...CHAPTER.values, 'ReqIF.Text': 'The BSCU shall brake each wheel.' } }, REQUIREMENT],
      marks: { 'SRS-H1': [], 'SRS-7': [] },
      updated: 1,
    },
    {
      name: 'marks a requirement whose text is deleted',
      objects: [CHAPTER, { ...REQUIREMENT, values: { 'ReqIF.ChapterName': 'Brake command' } }],
      marks: { 'SRS-H1': ['true'], 'SRS-7': ['true'] },
      updated: 1,
    },
  ];
  for (const testCase of REIMPORT_CASES) {
    it(testCase.name, async () => {
      writeFileSync(file, headingDocument('ReqIF Studio', testCase.objects));
      const report = await store.import('reqif', file);

      const requirements = await store.requirementsBySourceId();
      for (const [sourceId, marks] of Object.entries(testCase.marks)) {
        assert.deepEqual(await store.values(requirements.get(sourceId)!, HEADING), marks, sourceId);
      }
      assert.equal(report.counts.requirements?.updated, testCase.updated);
    });
  }
});

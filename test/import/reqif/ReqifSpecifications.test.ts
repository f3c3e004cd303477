import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bufferInput } from '../../../src/import/ImportInput.js';
import { importReqif } from '../../../src/import/reqif/importReqif.js';
import { reqifFixture } from './fixtures.js';

/**
 * Two SPECIFICATIONs: an SRS with three levels, and an SDD that places SRS-2 again (its second
 * placement) next to its own SDD-1, and a reference to a SPEC-OBJECT that the document lacks.
 */
const NESTED = `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><REQ-IF-TOOL-ID>IBM Rational DOORS</REQ-IF-TOOL-ID></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="t" LONG-NAME="Requirement"/></SPEC-TYPES>
    <SPEC-OBJECTS>
      <SPEC-OBJECT IDENTIFIER="SRS-1" LONG-NAME="Introduction"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="SRS-2" LONG-NAME="Braking"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="SRS-2.1" LONG-NAME="Engage within 50 ms"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="SRS-2.2" LONG-NAME="Release within 80 ms"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="SRS-2.2.1" LONG-NAME="Release on power loss"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="SRS-3" LONG-NAME="Monitoring"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="SDD-1" LONG-NAME="Brake controller"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="LOOSE" LONG-NAME="Placed nowhere"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
    </SPEC-OBJECTS>
    <SPECIFICATIONS>
      <SPECIFICATION IDENTIFIER="spec-srs" LONG-NAME="Brake SRS" DESC="Software requirements of the brake controller">
        <CHILDREN>
          <SPEC-HIERARCHY IDENTIFIER="h1"><OBJECT><SPEC-OBJECT-REF>SRS-1</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
          <SPEC-HIERARCHY IDENTIFIER="h2"><OBJECT><SPEC-OBJECT-REF>SRS-2</SPEC-OBJECT-REF></OBJECT>
            <CHILDREN>
              <SPEC-HIERARCHY IDENTIFIER="h21"><OBJECT><SPEC-OBJECT-REF>SRS-2.1</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
              <SPEC-HIERARCHY IDENTIFIER="h22">
                <CHILDREN>
                  <SPEC-HIERARCHY IDENTIFIER="h221"><OBJECT><SPEC-OBJECT-REF>SRS-2.2.1</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
                </CHILDREN>
                <OBJECT><SPEC-OBJECT-REF>SRS-2.2</SPEC-OBJECT-REF></OBJECT>
              </SPEC-HIERARCHY>
            </CHILDREN>
          </SPEC-HIERARCHY>
          <SPEC-HIERARCHY IDENTIFIER="h3"><OBJECT><SPEC-OBJECT-REF>SRS-3</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
        </CHILDREN>
      </SPECIFICATION>
      <SPECIFICATION IDENTIFIER="spec-sdd">
        <CHILDREN>
          <SPEC-HIERARCHY IDENTIFIER="d1"><OBJECT><SPEC-OBJECT-REF>SDD-1</SPEC-OBJECT-REF></OBJECT>
            <CHILDREN>
              <SPEC-HIERARCHY IDENTIFIER="d11"><OBJECT><SPEC-OBJECT-REF>SRS-2</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
              <SPEC-HIERARCHY IDENTIFIER="d12"><OBJECT><SPEC-OBJECT-REF>MISSING</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
            </CHILDREN>
          </SPEC-HIERARCHY>
        </CHILDREN>
      </SPECIFICATION>
    </SPECIFICATIONS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
`;

async function nestedBatch(): ReturnType<typeof importReqif> {
  return importReqif(bufferInput('nested.reqif', Buffer.from(NESTED)));
}

describe('ReqIF section numbers', () => {
  // The OBJECT of h22 follows its CHILDREN, which the schema allows; numbers follow the nodes, not the OBJECTs.
  const CASES: [sourceId: string, sectionNumber: string | undefined, parent: string | undefined][] = [
    ['SRS-1', '1', undefined],
    ['SRS-2', '2', undefined],
    ['SRS-2.1', '2.1', 'SRS-2'],
    ['SRS-2.2', '2.2', 'SRS-2'],
    ['SRS-2.2.1', '2.2.1', 'SRS-2.2'],
    ['SRS-3', '3', undefined],
    ['SDD-1', '1', undefined],
    ['LOOSE', undefined, undefined],
  ];
  for (const [sourceId, sectionNumber, parent] of CASES) {
    it(`numbers ${sourceId}`, async () => {
      const requirement = (await nestedBatch()).requirements.find((candidate) => candidate.sourceId === sourceId)!;
      assert.equal(requirement.sectionNumber, sectionNumber);
      assert.equal(requirement.parent, parent);
    });
  }

  it('keeps the first placement', async () => {
    const batch = await nestedBatch();
    assert.deepEqual(
      batch.issues.map((issue) => [issue.severity, issue.message, issue.location?.entity]),
      [
        ['warning', 'SPEC-OBJECT SRS-2 is placed twice in the specification hierarchy, under different parents; the first placement gives its parent and section number', 'SRS-2'],
        ['warning', 'SPEC-OBJECT-REF MISSING in a SPEC-HIERARCHY names no SPEC-OBJECT of the document', 'MISSING'],
      ],
    );
  });
});

describe('ReqIF specifications', () => {
  it('become requirement collections', async () => {
    const batch = await nestedBatch();
    assert.deepEqual(
      batch.requirementCollections?.map((collection) => ({ ...collection, location: collection.location.line })),
      [
        {
          sourceId: 'spec-srs',
          title: 'Brake SRS',
          description: 'Software requirements of the brake controller',
          members: ['SRS-1', 'SRS-2', 'SRS-2.1', 'SRS-2.2', 'SRS-2.2.1', 'SRS-3'],
          location: 17,
        },
        // Without a LONG-NAME the title is the IDENTIFIER. SRS-2 is a member of both documents.
        { sourceId: 'spec-sdd', title: 'spec-sdd', members: ['SDD-1', 'SRS-2'], location: 34 },
      ],
    );
  });

  /**
   * Expected SPECIFICATIONs of the corpus, counted in the files with a separate XML parser: one per file
   * (of TC1700's two archive members, only the first has one). Members are the distinct SPEC-OBJECTs that
   * the hierarchy places and the file defines. The DOORS 06 and Enterprise Architect hierarchies refer
   * only to SPEC-OBJECTs that their files lack.
   */
  const CORPUS: [file: string, title: string, members: number][] = [
    [reqifFixture('ReqIF_Studio', '01_anonimized_example', 'sample.reqif'), '...Anonymized...', 137],
    [reqifFixture('Polarion', '01_anonimized_example', 'sample.reqif'), 'Software Requirements Specifications', 101],
    [reqifFixture('Doors', '02_example_from_a_user', 'sample.reqif'), 'AMR Standards Documents', 3],
    [reqifFixture('Doors', '06_example_from_a_user', 'sample.reqif'), 'Free text. "Comments"', 0],
    [reqifFixture('Doors', '10_example_capella_requirements_vp', 'sample.reqif'), 'MODULE-1', 1],
    [reqifFixture('SparxSystems_Enterprise_Architect_8.0', '01_example', 'sample.reqif'), 'Forest Fire Detection System', 0],
    [reqifFixture('ci.eclipse.org', 'TC1200_E0000_S10_Reference_20210122_1256_jenkins', 'sample.reqif'), 'ID_TC1200_Specification', 44],
    [reqifFixture('ci.eclipse.org', 'TC1300_E0000_S10_Reference_20210122_1256_jenkins', 'sample.reqif'), 'ID_TC1300_Specification', 2],
    [reqifFixture('ci.eclipse.org', 'TC1700_E0000_S10_Reference_20210122_1256_jenkins', 'sample.reqifz'), 'ID_TC1700_Specification', 2],
    [reqifFixture('examples-04_convert_reqif_to_json', 'sample_polarion_reqifz.reqifz'), 'Test Export', 2],
  ];
  for (const [file, title, members] of CORPUS) {
    it(`reads the specification of ${file.split('/').slice(-3, -1).join('/')}`, async () => {
      const collections = (await importReqif(file)).requirementCollections ?? [];
      assert.deepEqual(
        collections.map((collection) => [collection.title, collection.members.length]),
        [[title, members]],
      );
    });
  }

  it('numbers the Polarion sections in document order', async () => {
    const batch = await importReqif(reqifFixture('Polarion', '01_anonimized_example', 'sample.reqif'));
    const numbered = batch.requirements.filter((requirement) => requirement.sectionNumber !== undefined);
    assert.equal(numbered.length, 101);
    assert.equal(new Set(numbered.map((requirement) => requirement.sectionNumber)).size, 101);
    const members = batch.requirementCollections![0]!.members;
    const numberOf = new Map(batch.requirements.map((requirement) => [requirement.sourceId, requirement.sectionNumber!]));
    assert.deepEqual(members.map((member) => numberOf.get(member)), [...members.map((member) => numberOf.get(member))].sort(compareSections));
  });
});

/** Orders section numbers number by number, so 2.10 comes after 2.9. */
function compareSections(a: string | undefined, b: string | undefined): number {
  const first = (a ?? '').split('.').map(Number);
  const second = (b ?? '').split('.').map(Number);
  for (let index = 0; index < Math.max(first.length, second.length); index++) {
    const difference = (first[index] ?? -1) - (second[index] ?? -1);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

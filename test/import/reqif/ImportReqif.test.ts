import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImportBatch } from '../../../src/import/ImportModel.js';
import { importReqif } from '../../../src/import/reqif/importReqif.js';
import { bufferInput } from '../../../src/import/ImportInput.js';
import { zipBytes } from '../helpers/zip.js';
import { DT, headingDocument, OSLC_RM, reqifFixture } from './fixtures.js';

const STUDIO = reqifFixture('ReqIF_Studio', '01_anonimized_example', 'sample.reqif');
const POLARION = reqifFixture('Polarion', '01_anonimized_example', 'sample.reqif');
const DOORS_02 = reqifFixture('Doors', '02_example_from_a_user', 'sample.reqif');
const DOORS_06 = reqifFixture('Doors', '06_example_from_a_user', 'sample.reqif');
const DOORS_10 = reqifFixture('Doors', '10_example_capella_requirements_vp', 'sample.reqif');
const TC1200 = reqifFixture('ci.eclipse.org', 'TC1200_E0000_S10_Reference_20210122_1256_jenkins', 'sample.reqif');
const TC1300 = reqifFixture('ci.eclipse.org', 'TC1300_E0000_S10_Reference_20210122_1256_jenkins', 'sample.reqif');
const TC1700 = reqifFixture('ci.eclipse.org', 'TC1700_E0000_S10_Reference_20210122_1256_jenkins', 'sample.reqifz');
const POLARION_Z = reqifFixture('examples-04_convert_reqif_to_json', 'sample_polarion_reqifz.reqifz');
const EA = reqifFixture('SparxSystems_Enterprise_Architect_8.0', '01_example', 'sample.reqif');

function errors(batch: ImportBatch): string[] {
  return batch.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
}

describe('ReqIF corpus counts', () => {
  const cases = [
    { file: STUDIO, system: 'ReqIF Studio', requirements: 137, links: 14 },
    { file: POLARION, system: 'Polarion', requirements: 101, links: 0 },
    { file: DOORS_02, system: 'DOORS', requirements: 3, links: 0 },
    { file: DOORS_06, system: 'DOORS Next', requirements: 1, links: 0 },
    { file: DOORS_10, system: 'DOORS', requirements: 1, links: 0 },
    { file: TC1200, system: 'Eclipse RMF', requirements: 44, links: 0 },
    { file: TC1300, system: 'Eclipse RMF', requirements: 2, links: 1 },
    { file: TC1700, system: 'Eclipse RMF', requirements: 2, links: 1 },
    { file: POLARION_Z, system: 'Polarion', requirements: 2, links: 0 },
    { file: EA, system: 'ReqIF', requirements: 3, links: 1 },
  ];
  for (const expected of cases) {
    it(`reads ${expected.file.split('/').slice(-3, -1).join('/')}`, async () => {
      const batch = await importReqif(expected.file);
      assert.equal(batch.source.system, expected.system);
      assert.equal(batch.requirements.length, expected.requirements);
      assert.equal(batch.links.length, expected.links);
      assert.deepEqual(errors(batch), []);
      assert.deepEqual(batch.parts, []);
      assert.deepEqual(batch.bomLines, []);
    });
  }
});

describe('ReqIF batches', () => {
  /** The warning for a relation type whose name matches no OSLC RM link, as the Eclipse RMF test files name theirs. */
  const unnamedType = (name: string): string =>
    `The SPEC-RELATION-TYPE "${name}" matches no OSLC RM link type, so its relation is imported as dt:tracesTo, without the type name. Name the type after an OSLC RM link, such as "satisfied by" or "derived from", if it is one.`;

  it('TC1300 SpecRelation exactly', async () => {
    const batch = await importReqif(TC1300);
    assert.deepEqual(batch, {
      source: { system: 'Eclipse RMF', uri: TC1300, requirementLinkProperties: ['https://w3id.org/digital-thread/ns#tracesTo'] },
      parts: [],
      bomLines: [],
      requirements: [
        { sourceId: 'ID_TC1300_SpecObject1', identifier: 'ID_TC1300_SpecObject1', title: 'ID_TC1300_SpecObject1', attributes: { 'TC1300 String': 'Requirement 1' }, typedAttributes: [{ name: 'TC1300 String', datatype: 'string', values: ['Requirement 1'] }], sectionNumber: '1', location: { file: TC1300, line: 41, entity: 'ID_TC1300_SpecObject1' } },
        { sourceId: 'ID_TC1300_SpecObject2', identifier: 'ID_TC1300_SpecObject2', title: 'ID_TC1300_SpecObject2', attributes: { 'TC1300 String': 'Requirement 2' }, typedAttributes: [{ name: 'TC1300 String', datatype: 'string', values: ['Requirement 2'] }], sectionNumber: '2', location: { file: TC1300, line: 53, entity: 'ID_TC1300_SpecObject2' } },
      ],
      requirementCollections: [
        { sourceId: 'ID_TC1300_Specification', title: 'ID_TC1300_Specification', members: ['ID_TC1300_SpecObject1', 'ID_TC1300_SpecObject2'], location: { file: TC1300, line: 90, entity: 'ID_TC1300_Specification' } },
      ],
      links: [
        { from: 'ID_TC1300_SpecObject1', to: 'ID_TC1300_SpecObject2', property: `${DT}tracesTo`, linkType: 'TC 1300 SpecRelationType', location: { file: TC1300, line: 67, entity: 'ID_TC1300_SpecRelation' } },
      ],
      issues: [{ severity: 'warning', message: unnamedType('TC 1300 SpecRelationType'), location: { file: TC1300, line: 67, entity: 'ID_TC1300_SpecRelation' } }],
    });
  });

  it('TC1700 links across archive files', async () => {
    const batch = await importReqif(TC1700);
    const first = `${TC1700}!/TC1700_E0000_S10_Reference_20210122_1256_jenkins_0.reqif`;
    const second = `${TC1700}!/TC1700_E0000_S10_Reference_20210122_1256_jenkins_1.reqif`;
    assert.deepEqual(batch, {
      source: { system: 'Eclipse RMF', uri: TC1700, requirementLinkProperties: ['https://w3id.org/digital-thread/ns#tracesTo'] },
      parts: [],
      bomLines: [],
      requirements: [
        { sourceId: 'ID_TC1700_SpecObject1', identifier: 'ID_TC1700_SpecObject1', title: 'ID_TC1700_SpecObject1', attributes: { 'TC1000 String': 'Requirement 1' }, typedAttributes: [{ name: 'TC1000 String', datatype: 'string', values: ['Requirement 1'] }], sectionNumber: '1', location: { file: first, line: 30, entity: 'ID_TC1700_SpecObject1' } },
        { sourceId: 'ID_TC1700_SpecObject2', identifier: 'ID_TC1700_SpecObject2', title: 'ID_TC1700_SpecObject2', attributes: { 'TC1000 String': 'Requirement 2' }, typedAttributes: [{ name: 'TC1000 String', datatype: 'string', values: ['Requirement 2'] }], sectionNumber: '2', location: { file: first, line: 42, entity: 'ID_TC1700_SpecObject2' } },
      ],
      requirementCollections: [
        { sourceId: 'ID_TC1700_Specification', title: 'ID_TC1700_Specification', members: ['ID_TC1700_SpecObject1', 'ID_TC1700_SpecObject2'], location: { file: first, line: 56, entity: 'ID_TC1700_Specification' } },
      ],
      links: [
        { from: 'ID_TC1700_SpecObject1', to: 'ID_TC1700_SpecObject2', property: `${DT}tracesTo`, linkType: 'TC 1700 SpecRelationType', location: { file: second, line: 19, entity: 'ID_TC1700_SpecRelation' } },
      ],
      issues: [{ severity: 'warning', message: unnamedType('TC 1700 SpecRelationType'), location: { file: second, line: 19, entity: 'ID_TC1700_SpecRelation' } }],
    });
  });

  it('Polarion archive exactly', async () => {
    const batch = await importReqif(POLARION_Z);
    const file = `${POLARION_Z}!/sample1_polarion.reqif`;
    assert.deepEqual(batch, {
      source: { system: 'Polarion', uri: POLARION_Z, requirementLinkProperties: ['https://w3id.org/digital-thread/ns#tracesTo'] },
      parts: [],
      bomLines: [],
      requirements: [
        {
          sourceId: 'rmf-bd312f1z-fa7c-4de3-b8f3-ab105179fccc',
          identifier: 'rmf-bd312f1z-fa7c-4de3-b8f3-ab105179fccc',
          title: 'Section 1',
          description: 'Section text...',
          sectionNumber: '1',
          location: { file, line: 115, entity: 'rmf-bd312f1z-fa7c-4de3-b8f3-ab105179fccc' },
        },
        {
          sourceId: 'rmf-1d312f18-fa7c-4de3-b8f3-ab105179fddf',
          identifier: 'LOREM-818',
          title: 'SW: Lorem Ipsum',
          description: 'The Lorem Ipsum shall do something.',
          descriptionXhtml: '<div xmlns="http://www.w3.org/1999/xhtml">The Lorem Ipsum shall do something.</div>',
          attributes: { 'ReqIF.ForeignCreatedBy': 'redacted@mail.com', Status: 'Draft', 'ReqIF.ForeignCreatedOn': '2023-03-15T10:46:58.611Z' },
          typedAttributes: [
            { name: 'ReqIF.ForeignCreatedBy', datatype: 'string', values: ['redacted@mail.com'] },
            { name: 'Status', datatype: 'enumeration', values: ['Draft'] },
            { name: 'ReqIF.ForeignCreatedOn', datatype: 'date', values: ['2023-03-15T10:46:58.611Z'] },
          ],
          parent: 'rmf-bd312f1z-fa7c-4de3-b8f3-ab105179fccc',
          sectionNumber: '1.1',
          location: { file, line: 134, entity: 'rmf-1d312f18-fa7c-4de3-b8f3-ab105179fddf' },
        },
      ],
      requirementCollections: [
        {
          sourceId: '_b937ac1e-14cd-4222-8a19-b77d107d9a02',
          title: 'Test Export',
          members: ['rmf-bd312f1z-fa7c-4de3-b8f3-ab105179fccc', 'rmf-1d312f18-fa7c-4de3-b8f3-ab105179fddf'],
          location: { file, line: 179, entity: '_b937ac1e-14cd-4222-8a19-b77d107d9a02' },
        },
      ],
      links: [],
      issues: [],
    });
  });

  it('DOORS Capella export exactly', async () => {
    const batch = await importReqif(DOORS_10);
    assert.deepEqual(batch, {
      source: { system: 'DOORS', uri: DOORS_10, requirementLinkProperties: ['https://w3id.org/digital-thread/ns#tracesTo'] },
      parts: [],
      bomLines: [],
      requirements: [
        {
          sourceId: '_xen_QMkhEee8KsfWrp9EJQ',
          identifier: '_xen_QMkhEee8KsfWrp9EJQ',
          title: 'Requirement-1',
          description: 'Requirement-1',
          descriptionXhtml: '<div xmlns="http://www.w3.org/1999/xhtml">Requirement-1</div>',
          attributes: { 'IE PUID': 'PUID-1', 'IE Object Type': 'Requirement' },
          typedAttributes: [
            { name: 'IE PUID', datatype: 'xhtml', values: ['<div xmlns="http://www.w3.org/1999/xhtml">PUID-1</div>'] },
            { name: 'IE Object Type', datatype: 'enumeration', values: ['Requirement'] },
          ],
          sectionNumber: '1',
          location: { file: DOORS_10, line: 68, entity: '_xen_QMkhEee8KsfWrp9EJQ' },
        },
      ],
      requirementCollections: [
        { sourceId: '_dESzoMkiEee8KsfWrp9EJQ', title: 'MODULE-1', members: ['_xen_QMkhEee8KsfWrp9EJQ'], location: { file: DOORS_10, line: 103, entity: '_dESzoMkiEee8KsfWrp9EJQ' } },
      ],
      links: [],
      issues: [],
    });
  });

  it('Enterprise Architect dangling references', async () => {
    const batch = await importReqif(EA);
    assert.deepEqual(
      batch.requirements.map((requirement) => [requirement.identifier, requirement.title, requirement.attributes]),
      [
        ['R001', 'Observe earths surface.', { 'FUNC-REQ-TXT': 'The system shall observe the earths surface.', 'FUNC-REQ-STATUS': 'Proposed' }],
        ['R002', 'Spotting fire', { 'FUNC-REQ-TXT': 'The system shall alert the control center if it spots a fire in a forest.', 'FUNC-REQ-STATUS': 'Proposed' }],
        ['R003', 'Fast system', { 'PERF-REQ-TXT': 'The time span between detection of a fire and alerting of control center shall be less than 3 sec.', 'PERF-REQ-STATUS': 'Proposed' }],
      ],
    );
    assert.deepEqual(batch.links, [
      { from: 'FUNC-REQ-1', to: 'FUNC-REQ-2', property: `${OSLC_RM}decomposes`, linkType: 'Derive Requirement Relationship', location: { file: EA, line: 195, entity: 'ADB3C6E4-8014-4167-9D21-A8E13D98C6CA' } },
    ]);
    assert.deepEqual(batch.issues, [
      { severity: 'warning', message: 'SPEC-OBJECT-REF FUNC-REQ-1 in a SPEC-HIERARCHY names no SPEC-OBJECT of the document', location: { file: EA, line: 212, entity: 'FUNC-REQ-1' } },
      { severity: 'warning', message: 'SPEC-OBJECT-REF FUNC-REQ-2 in a SPEC-HIERARCHY names no SPEC-OBJECT of the document', location: { file: EA, line: 217, entity: 'FUNC-REQ-2' } },
    ]);
  });

  it('warns about unmatched mapped attributes', async () => {
    const batch = await importReqif(EA, { attributes: { title: ['Object Heading'], text: ['FUNC-REQ-TXT'] } });
    assert.deepEqual(
      batch.issues.filter((issue) => issue.message.startsWith('The mapping')).map((issue) => issue.message),
      [
        'The mapping gives "Object Heading" for the title, but the document defines no attribute of that name, so the title is read as without a mapping. ' +
          'The document\'s attributes are "FUNC-REQ-STATUS", "FUNC-REQ-TXT", "PERF-REQ-STATUS", "PERF-REQ-TXT", "STORY-STATUS", "STORY-TXT".',
      ],
    );
  });

  it('configured text attributes', async () => {
    const batch = await importReqif(EA, { attributes: { text: ['FUNC-REQ-TXT', 'PERF-REQ-TXT'] } });
    assert.deepEqual(
      batch.requirements.map((requirement) => [requirement.description, requirement.attributes]),
      [
        ['The system shall observe the earths surface.', { 'FUNC-REQ-STATUS': 'Proposed' }],
        ['The system shall alert the control center if it spots a fire in a forest.', { 'FUNC-REQ-STATUS': 'Proposed' }],
        ['The time span between detection of a fire and alerting of control center shall be less than 3 sec.', { 'PERF-REQ-STATUS': 'Proposed' }],
      ],
    );
  });

  it('unknown tool option rejected', async () => {
    await assert.rejects(importReqif(EA, { tool: 'Jama' }), { name: 'InvalidImportOptionError', message: /"Jama" is not a known tool; use one of "DOORS Next", "DOORS"/ });
  });

  it('ReqIF Studio hierarchy and XHTML', async () => {
    const batch = await importReqif(STUDIO);
    const byId = new Map(batch.requirements.map((requirement) => [requirement.sourceId, requirement]));
    assert.equal(batch.requirements.filter((requirement) => requirement.parent !== undefined).length, 127);
    assert.equal(byId.get('_gFhrZ2ojEeuExICsU7Acmg')?.parent, '_gFhrY2ojEeuExICsU7Acmg');
    assert.equal(byId.get('_6okS0GrsEeuTd-Zu7PczSg')?.parent, '_nTa1YGojEeuExICsU7Acmg');
    assert.equal(byId.get('_gFhrY2ojEeuExICsU7Acmg')?.parent, undefined);
    assert.equal(byId.get('_gFhrZ2ojEeuExICsU7Acmg')?.descriptionXhtml, '<div xmlns="http://www.w3.org/1999/xhtml">...Anonymized...</div>');
    assert.equal(byId.get('_gFhrZ2ojEeuExICsU7Acmg')?.description, '...Anonymized...');
    assert.deepEqual(batch.links[0], {
      from: '_QPtMsGokEeuExICsU7Acmg',
      to: '_TZi8AGxUEeuaU7fHySy8Bw',
      property: `${DT}tracesTo`,
      location: { file: STUDIO, line: 3021, entity: '_s76-sGyDEeuM1tJZu08zdg' },
    });
    // The anonymised file dropped its SPEC-RELATION-TYPE, so each relation is reported once.
    // The 14 relations use one undefined type: one warning, at the first of them.
    assert.deepEqual(
      batch.issues.filter((issue) => issue.message.startsWith('SPEC-RELATION-TYPE')).map((issue) => `${issue.location?.line}: ${issue.message}`),
      ['3021: SPEC-RELATION-TYPE _gFhrYGojEeuExICsU7Acmg of SPEC-RELATION _s76-sGyDEeuM1tJZu08zdg and 13 more SPEC-RELATIONs is not defined; they are imported as dt:tracesTo'],
    );
  });

  it('Polarion DATE values checked', async () => {
    const batch = await importReqif(POLARION);
    // Each of the three SPEC-OBJECT-TYPEs defines its own ReqIF.ForeignCreatedOn, and all 101 values are
    // "aaa", so there is one warning per definition, at its first value.
    const fix = 'To keep the datatype, export valid DATE values such as "2026-05-01T00:00:00Z", or else change the attribute\'s datatype to STRING in the exporting tool';
    assert.deepEqual(
      batch.issues.map((issue) => `${issue.severity} line ${issue.location?.line} ${issue.location?.entity}: ${issue.message}`),
      [
        `warning line 187 rmf-5ce70afc-c8b0-4db3-8428-032702653c74: value "aaa" of attribute "ReqIF.ForeignCreatedOn" of SPEC-OBJECT-TYPE "Heading" is not a valid DATE in 42 SPEC-OBJECTs (rmf-5ce70afc-c8b0-4db3-8428-032702653c74 at line 187, rmf-dd71677f-ea71-4e46-9a4b-7295b949a590 at line 214, rmf-0733fe3c-9d6f-4363-b663-8ee137f9c187 at line 241 and 39 more); the values are kept as written, as strings. ${fix}`,
        `warning line 577 rmf-58ad1ca6-6365-4c74-ac1d-b821587c0289: value "aaa" of attribute "ReqIF.ForeignCreatedOn" of SPEC-OBJECT-TYPE "Document" in SPEC-OBJECT rmf-58ad1ca6-6365-4c74-ac1d-b821587c0289 is not a valid DATE; it is kept as written, as a string. ${fix}`,
        `warning line 887 rmf-85c7695b-a2d1-45ec-bdf3-f17e4ded59ac: value "aaa" of attribute "ReqIF.ForeignCreatedOn" of SPEC-OBJECT-TYPE "Software Requirement" is not a valid DATE in 58 SPEC-OBJECTs (rmf-85c7695b-a2d1-45ec-bdf3-f17e4ded59ac at line 887, rmf-1b18ef37-ca1f-4e79-954d-747df083f861 at line 922, rmf-ad6f6f0a-f86d-4cdf-ad89-3c60f1bf6bd2 at line 1038 and 55 more); the values are kept as written, as strings. ${fix}`,
      ],
    );
    assert.equal(batch.requirements[0]!.attributes?.['ReqIF.ForeignCreatedOn'], 'aaa');
    assert.deepEqual(batch.requirements[0]!.typedAttributes?.find((attribute) => attribute.name === 'ReqIF.ForeignCreatedOn'), { name: 'ReqIF.ForeignCreatedOn', datatype: 'string', values: ['aaa'] });
  });

  it('DOORS enumerations by LONG-NAME', async () => {
    const batch = await importReqif(DOORS_02);
    assert.deepEqual(
      batch.requirements.map((requirement) => [requirement.identifier, requirement.title, requirement.attributes?.['ReqIF.ForeignCreatedThru']]),
      [
        ['1', 'Carbon Trust Standard', 'Manual Input'],
        ['2', 'CRC and CCA', 'Manual Input'],
        ['3', 'Picture or Whitepaper', 'Manual Input'],
      ],
    );
  });
});

describe('ReqIF archive of two tools', () => {
  const document = (tool: string, identifier: string): string =>
    headingDocument(tool, [{ identifier, type: 'Requirement', values: { 'ReqIF.ForeignID': identifier, 'ReqIF.Text': 'The unit shall start.' } }]).replace(/"spec"|"h"/g, (id) => `"${identifier}-${id.slice(1)}`);

  const cases: { name: string; entries: Record<string, string>; tool?: string; warning?: string }[] = [
    {
      name: 'warns about documents of two tools',
      entries: { 'SyRS.reqif': document('Polarion ALM', 'SYS-1'), 'SRS.reqif': document('IBM Engineering Requirements Management DOORS Next 7.0.3', 'SW-1') },
      warning:
        'The documents come from different tools: archive.reqifz!/SyRS.reqif from Polarion, archive.reqifz!/SRS.reqif from DOORS Next. The import reads all of them with the attribute names of Polarion ' +
        "and records Polarion as the source system of every requirement. Import each tool's documents in an archive or file of their own, each under its own source name.",
    },
    { name: 'says nothing about documents of one tool', entries: { 'a.reqif': document('Polarion ALM', 'SYS-1'), 'b.reqif': document('Polarion ALM', 'SYS-2') } },
    { name: 'says nothing when the tool is given', entries: { 'SyRS.reqif': document('Polarion ALM', 'SYS-1'), 'SRS.reqif': document('DOORS Next', 'SW-1') }, tool: 'Polarion' },
  ];
  for (const { name, entries, tool, warning } of cases) {
    it(name, async () => {
      const batch = await importReqif(bufferInput('archive.reqifz', await zipBytes(entries)), tool === undefined ? {} : { tool });
      const warnings = batch.issues.filter((issue) => issue.message.startsWith('The documents come from different tools'));
      assert.deepEqual(
        warnings.map((issue) => issue.message),
        warning === undefined ? [] : [warning],
      );
      assert.equal(batch.requirements.length, 2);
    });
  }
});

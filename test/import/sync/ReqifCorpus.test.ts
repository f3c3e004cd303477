import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';

const REQIF = join('test', 'fixtures', 'import', 'reqif');
const XML_LITERAL = `${NS.rdf}XMLLiteral`;

interface ReqifCase {
  file: string;
  system: string;
  requirements: number;
  /** Requirements placed below another one in the SPECIFICATION hierarchy. */
  decomposes: number;
  /** SPEC-RELATIONs stored as links, by link property local name. */
  links: Record<string, number>;
  /** Requirements whose description is XHTML (an rdf:XMLLiteral). */
  richText: number;
}

/**
 * Expected counts: SPEC-OBJECTs and SPEC-RELATIONs per file, and hierarchy placements counted with a
 * separate XML parser. The ReqIF Studio and TC1300/TC1700 relations have no usable SPEC-RELATION-TYPE,
 * so they become dt:tracesTo. The Enterprise Architect relation names SPEC-OBJECTs the file lacks, so
 * it is left out with a warning.
 */
const CASES: ReqifCase[] = [
  { file: 'ReqIF_Studio/01_anonimized_example/sample.reqif', system: 'ReqIF Studio', requirements: 137, decomposes: 127, links: { tracesTo: 14 }, richText: 137 },
  { file: 'Polarion/01_anonimized_example/sample.reqif', system: 'Polarion', requirements: 101, decomposes: 90, links: {}, richText: 58 },
  { file: 'Doors/02_example_from_a_user/sample.reqif', system: 'DOORS', requirements: 3, decomposes: 0, links: {}, richText: 0 },
  { file: 'Doors/06_example_from_a_user/sample.reqif', system: 'DOORS Next', requirements: 1, decomposes: 0, links: {}, richText: 0 },
  { file: 'Doors/10_example_capella_requirements_vp/sample.reqif', system: 'DOORS', requirements: 1, decomposes: 0, links: {}, richText: 1 },
  { file: 'SparxSystems_Enterprise_Architect_8.0/01_example/sample.reqif', system: 'ReqIF', requirements: 3, decomposes: 0, links: {}, richText: 0 },
  { file: 'ci.eclipse.org/TC1200_E0000_S10_Reference_20210122_1256_jenkins/sample.reqif', system: 'Eclipse RMF', requirements: 44, decomposes: 0, links: {}, richText: 44 },
  { file: 'ci.eclipse.org/TC1300_E0000_S10_Reference_20210122_1256_jenkins/sample.reqif', system: 'Eclipse RMF', requirements: 2, decomposes: 0, links: { tracesTo: 1 }, richText: 0 },
  { file: 'ci.eclipse.org/TC1700_E0000_S10_Reference_20210122_1256_jenkins/sample.reqifz', system: 'Eclipse RMF', requirements: 2, decomposes: 0, links: { tracesTo: 1 }, richText: 0 },
  { file: 'examples-04_convert_reqif_to_json/sample_polarion_reqifz.reqifz', system: 'Polarion', requirements: 2, decomposes: 1, links: {}, richText: 1 },
];

const LINK_PROPERTIES: Record<string, string> = {
  decomposes: `${NS.oslc_rm}decomposes`,
  satisfiedBy: `${NS.oslc_rm}satisfiedBy`,
  tracesTo: `${NS.dt}tracesTo`,
};

describe('ReqIF corpus import', () => {
  for (const expected of CASES) {
    describe(expected.file, () => {
      let store: ImportStore;
      let imported: string[];
      before(async () => {
        store = await ImportStore.open();
      });
      after(() => store.close());

      it('creates every requirement', async () => {
        const before = new Set(await store.resources(`${NS.oslc_rm}Requirement`));
        const report = await store.import('reqif', join(REQIF, expected.file));
        assert.equal(report.source.system, expected.system);
        assert.deepEqual(report.counts.requirements, { created: expected.requirements, updated: 0, unchanged: 0, removed: 0 });
        // Every file of the corpus has one SPECIFICATION.
        assert.deepEqual(report.counts.requirementCollections, { created: 1, updated: 0, unchanged: 0, removed: 0 });
        imported = (await store.resources(`${NS.oslc_rm}Requirement`)).filter((iri) => !before.has(iri));
        assert.equal(imported.length, expected.requirements);
      });

      it('stores hierarchy, links and rich text', async () => {
        const links: Record<string, number> = {};
        let decomposes = 0;
        let richText = 0;
        for (const iri of imported) {
          const quads = await store.quads(iri);
          for (const [name, property] of Object.entries(LINK_PROPERTIES)) {
            const count = quads.filter((quad) => quad.predicate.value === property).length;
            if (name === 'decomposes') {
              decomposes += count;
            } else if (count > 0) {
              links[name] = (links[name] ?? 0) + count;
            }
          }
          if (quads.some((quad) => quad.predicate.value === `${NS.dcterms}description` && quad.object.termType === 'Literal' && quad.object.datatype.value === XML_LITERAL)) {
            richText++;
          }
        }
        assert.equal(decomposes, expected.decomposes);
        assert.deepEqual(links, expected.links);
        assert.equal(richText, expected.richText);
      });

      it('changes nothing when imported again', async () => {
        const versions = await store.versions();
        const journal = store.journalBytes();
        const report = await store.import('reqif', join(REQIF, expected.file));
        assert.deepEqual(report.counts.requirements, { created: 0, updated: 0, unchanged: expected.requirements, removed: 0 });
        assert.deepEqual(report.counts.requirementCollections, { created: 0, updated: 0, unchanged: 1, removed: 0 });
        assert.deepEqual(await store.versions(), versions);
        assert.equal(store.journalBytes(), journal);
      });
    });
  }

  it('keeps the tool identifier and matches on the IDENTIFIER', async () => {
    const store = await ImportStore.open();
    try {
      await store.import('reqif', join(REQIF, 'Doors/02_example_from_a_user/sample.reqif'));
      const titled = [];
      for (const iri of await store.resources(`${NS.oslc_rm}Requirement`)) {
        if ((await store.values(iri, `${NS.dcterms}title`))[0] === 'Carbon Trust Standard') {
          titled.push(iri);
        }
      }
      assert.equal(titled.length, 1);
      const carbon = titled[0]!;
      assert.deepEqual(await store.values(carbon, `${NS.dt}externalIdentifier`), ['1']);
      assert.deepEqual(await store.values(carbon, `${NS.dt}sourceId`), ['_1_01ea51ea-ed54-471e-8c08-19e093f930f7']);
      assert.deepEqual(await store.values(carbon, `${NS.dt}sourceSystem`), ['DOORS']);
    } finally {
      await store.close();
    }
  });

  it('anonymised identifiers are reported once', async () => {
    const store = await ImportStore.open();
    try {
      const report = await store.import('reqif', join(REQIF, 'Polarion/01_anonimized_example/sample.reqif'));
      const repeated = report.warnings.filter((warning) => / requirements have the identifier /.test(warning.message));
      assert.equal(repeated.length, 1);
      assert.match(repeated[0]!.message, /^101 requirements have the identifier "aaa" \(source ids rmf-5ce70afc-c8b0-4db3-8428-032702653c74, /);
    } finally {
      await store.close();
    }
  });

  it('removes the last link of a type', async () => {
    const requirements: [string, string][] = [
      ['SRS-1', 'The actuator shall hold position.'],
      ['SRS-2', 'The brake shall engage within 50 ms.'],
    ];
    await withImportedDocument(requirements, async (store, file, byIdentifier) => {
      assert.deepEqual(await store.values(byIdentifier.get('SRS-2')!, `${NS.oslc_rm}satisfiedBy`), [byIdentifier.get('SRS-1')]);

      // A user links SRS-2 to a part for hardware traceability, which no ReqIF relation can state.
      const part = (await store.part('FCC-300-000', 'C'))!;
      const srs2 = byIdentifier.get('SRS-2')!;
      await store.store.update(`INSERT DATA { GRAPH <${srs2}> { <${srs2}> <${NS.oslc_rm}satisfiedBy> <${part}> } }`);

      // The export keeps the relation type after its last relation is deleted.
      writeFileSync(file, reqifDocument(requirements, [], 'satisfied by'));
      const report = await store.import('reqif', file);
      assert.deepEqual(report.counts.requirements, { created: 0, updated: 1, unchanged: 1, removed: 0 });
      assert.deepEqual(await store.values(srs2, `${NS.oslc_rm}satisfiedBy`), [part]);
    });
  });

  it('warns when a user link goes', async () => {
    const requirements: [string, string][] = [
      ['SRS-1', 'The actuator shall hold position.'],
      ['SRS-2', 'The brake shall engage within 50 ms.'],
      ['SRS-3', 'The brake shall release within 80 ms.'],
    ];
    await withImportedDocument(requirements, async (store, file, byIdentifier) => {
      // A user adds a link of the source's relation type between two of its requirements.
      const [srs2, srs3] = [byIdentifier.get('SRS-2')!, byIdentifier.get('SRS-3')!];
      await store.store.update(`INSERT DATA { GRAPH <${srs2}> { <${srs2}> <${NS.oslc_rm}satisfiedBy> <${srs3}> } }`);

      const report = await store.import('reqif', file);
      assert.deepEqual(
        report.warnings.map((warning) => warning.message).filter((message) => message.startsWith('This import sets back')),
        [
          'This import sets back values of 1 resource that were changed on this server or by another source after the last import of this source, which still gives what it gave then: requirement SRS-2 (Satisfied By). ' +
            'The source owns these values, so change them in the source system to keep them.',
        ],
      );
      assert.deepEqual(await store.values(srs2, `${NS.oslc_rm}satisfiedBy`), [byIdentifier.get('SRS-1')]);
    });
  });

  // SRS-2 relates to SRS-1 with each relation type: the property stored on each requirement, and the warnings.
  const TRACE_FIX = 'Name the type after an OSLC RM link, such as "satisfied by" or "derived from", if it is one.';
  const linkTypes: [relationType: string, on: string, property: string, warnings: string[]][] = [
    ['elaborates', 'SRS-2', 'oslc_rm:elaborates', []],
    ['Elaborated By', 'SRS-2', 'oslc_rm:elaboratedBy', []],
    ['specified by', 'SRS-2', 'oslc_rm:specifiedBy', []],
    ['specifies', 'SRS-2', 'oslc_rm:specifies', []],
    ['constrains', 'SRS-2', 'oslc_rm:constrains', []],
    ['constrained by', 'SRS-2', 'oslc_rm:constrainedBy', []],
    ['affected by', 'SRS-2', 'oslc_rm:affectedBy', []],
    ['tracked by', 'SRS-2', 'oslc_rm:trackedBy', []],
    ['validated by', 'SRS-2', 'dt:tracesTo', ['The link type "validated by" maps to oslc_rm:validatedBy, which links a Requirement only to oslc_qm:TestCase resources, so its link is imported as dt:tracesTo.']],
    ['verifies', 'SRS-1', 'dt:tracesTo', ['The link type "verifies" maps to oslc_rm:validatedBy, which links a Requirement only to oslc_qm:TestCase resources, so its link is imported as dt:tracesTo.']],
    ['mitigates', 'SRS-2', 'dt:tracesTo', [`The SPEC-RELATION-TYPE "mitigates" matches no OSLC RM link type, so its relation is imported as dt:tracesTo, without the type name. ${TRACE_FIX}`]],
    ['Traces to', 'SRS-2', 'dt:tracesTo', []],
    ['traced by', 'SRS-1', 'dt:tracesTo', []],
  ];
  for (const [relationType, on, property, warnings] of linkTypes) {
    it(`imports a "${relationType}" relation`, async () => {
      const directory = temporaryDirectory();
      const store = await ImportStore.open();
      try {
        const file = join(directory.path, 'srs.reqif');
        writeFileSync(file, reqifDocument([['SRS-1', 'The actuator shall hold position.'], ['SRS-2', 'The brake shall engage within 50 ms.']], [['SRS-2', 'SRS-1', relationType]]));
        const report = await store.import('reqif', file);

        assert.deepEqual(report.warnings.map((warning) => warning.message), warnings);
        const byIdentifier = await requirementsByIdentifier(store);
        const [from, to] = on === 'SRS-2' ? ['SRS-2', 'SRS-1'] : ['SRS-1', 'SRS-2'];
        const [prefix, local] = property.split(':') as [keyof typeof NS, string];
        assert.deepEqual(await store.values(byIdentifier.get(from)!, `${NS[prefix]}${local}`), [byIdentifier.get(to)]);
      } finally {
        await store.close();
        directory.remove();
      }
    });
  }

  it('links to a requirement of an earlier import', async () => {
    const directory = temporaryDirectory();
    const store = await ImportStore.open();
    try {
      const system = join(directory.path, 'system.reqif');
      const software = join(directory.path, 'software.reqif');
      writeFileSync(system, reqifDocument([['SYS-1', 'The actuator shall hold position under a 12 kN load.']], []));
      writeFileSync(software, reqifDocument([['SW-7', 'The controller shall command a hold within 5 ms.']], [['SW-7', 'SYS-1', 'derived from']]));

      const alone = await store.import('reqif', software, { dryRun: true });
      assert.deepEqual(
        alone.warnings.map((warning) => warning.message),
        [
          'A link (oslc_rm:decomposes) ends at "obj-SYS-1", which is neither an item of this source nor a stored requirement; the link is left out. Import the source that has it, then this one again.',
        ],
      );
      assert.equal(alone.warnings[0]!.location?.entity, 'rel-SW-7-SYS-1');

      await store.import('reqif', system);
      const report = await store.import('reqif', software);
      assert.deepEqual(
        report.warnings.map((warning) => warning.message),
        [],
      );
      const byIdentifier = await requirementsByIdentifier(store);
      assert.deepEqual(await store.values(byIdentifier.get('SW-7')!, `${NS.oslc_rm}decomposes`), [byIdentifier.get('SYS-1')]);
    } finally {
      await store.close();
      directory.remove();
    }
  });
});

/**
 * Imports a ReqIF document of the requirements, where SRS-2 is satisfied by SRS-1, into a fresh store,
 * and runs `check` with the store, the file and the stored requirements by identifier.
 */
async function withImportedDocument(
  requirements: [string, string][],
  check: (store: ImportStore, file: string, byIdentifier: Map<string, string>) => Promise<void>,
): Promise<void> {
  const directory = temporaryDirectory();
  const store = await ImportStore.open();
  try {
    const file = join(directory.path, 'srs.reqif');
    writeFileSync(file, reqifDocument(requirements, [['SRS-2', 'SRS-1', 'satisfied by']]));
    await store.import('reqif', file);
    await check(store, file, await requirementsByIdentifier(store));
  } finally {
    await store.close();
    directory.remove();
  }
}

/** Returns the stored requirements by their identifier in the source (dt:externalIdentifier). */
async function requirementsByIdentifier(store: ImportStore): Promise<Map<string, string>> {
  const byIdentifier = new Map<string, string>();
  for (const iri of await store.resources(`${NS.oslc_rm}Requirement`)) {
    byIdentifier.set((await store.values(iri, `${NS.dt}externalIdentifier`))[0] ?? iri, iri);
  }
  return byIdentifier;
}

/**
 * Writes a DOORS-style ReqIF document with requirements (identifier, text) and SPEC-RELATIONs (source,
 * target, type name). The document defines one SPEC-RELATION-TYPE, named after the first relation's type.
 */
function reqifDocument(requirements: [string, string][], relations: [string, string, string][], relationType = relations[0]?.[2] ?? 'unused'): string {
  const objects = requirements
    .map(
      ([identifier, text]) => `<SPEC-OBJECT IDENTIFIER="obj-${identifier}"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>
        <ATTRIBUTE-VALUE-STRING THE-VALUE="${identifier}"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
        <ATTRIBUTE-VALUE-STRING THE-VALUE="${text}"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-text</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
      </VALUES></SPEC-OBJECT>`,
    )
    .join('\n');
  const links = relations
    .map(
      ([source, target]) => `<SPEC-RELATION IDENTIFIER="rel-${source}-${target}"><TYPE><SPEC-RELATION-TYPE-REF>rt</SPEC-RELATION-TYPE-REF></TYPE>
        <SOURCE><SPEC-OBJECT-REF>obj-${source}</SPEC-OBJECT-REF></SOURCE><TARGET><SPEC-OBJECT-REF>obj-${target}</SPEC-OBJECT-REF></TARGET></SPEC-RELATION>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><REQ-IF-TOOL-ID>IBM Rational DOORS</REQ-IF-TOOL-ID></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <SPEC-TYPES>
      <SPEC-OBJECT-TYPE IDENTIFIER="t" LONG-NAME="Requirement"><SPEC-ATTRIBUTES>
        <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="a-id" LONG-NAME="Object Identifier"/>
        <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="a-text" LONG-NAME="Object Text"/>
      </SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>
      <SPEC-RELATION-TYPE IDENTIFIER="rt" LONG-NAME="${relationType}"/>
    </SPEC-TYPES>
    <SPEC-OBJECTS>${objects}</SPEC-OBJECTS>
    <SPEC-RELATIONS>${links}</SPEC-RELATIONS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
`;
}

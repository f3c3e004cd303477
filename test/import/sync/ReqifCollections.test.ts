import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { formatReport } from '../../../src/import/SyncReport.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';

const COLLECTION = `${NS.oslc_rm}RequirementCollection`;
const USES = `${NS.oslc_rm}uses`;
const SECTION_NUMBER = `${NS.dt}sectionNumber`;

/** A SPEC-HIERARCHY node: the SPEC-OBJECT it places and the nodes below it. */
type HierarchyNode = [identifier: string, children?: HierarchyNode[]];

interface Specification {
  identifier: string;
  title: string;
  description?: string;
  children: HierarchyNode[];
}

const SRS: Specification = {
  identifier: 'spec-srs',
  title: 'Brake SRS',
  description: 'Software requirements of the brake controller',
  children: [['SRS-1'], ['SRS-2', [['SRS-2.1'], ['SRS-2.2', [['SRS-2.2.1']]]]], ['SRS-3']],
};
const SDD: Specification = { identifier: 'spec-sdd', title: 'Brake SDD', children: [['SDD-1', [['SDD-1.1']]]] };

const directory = temporaryDirectory('dt-collections-');
after(() => directory.remove());

describe('ReqIF requirement collections', () => {
  let store: ImportStore;
  let file: string;
  /** SPARQL queries with text results since the last reset; a full comparison reads identities with them. */
  let queries: number;

  beforeEach(async () => {
    store = await ImportStore.open();
    file = join(directory.path, 'brake.reqif');
    writeFileSync(file, specificationDocument([SRS, SDD]));
    await store.import('reqif', file);
    queries = 0;
    const queryText = store.store.queryText.bind(store.store);
    store.store.queryText = (sparql, format, options) => {
      queries += 1;
      return queryText(sparql, format, options);
    };
  });
  afterEach(() => store.close());

  it('creates one per specification', async () => {
    const collections = await collectionsByTitle(store);
    assert.deepEqual([...collections.keys()], ['Brake SDD', 'Brake SRS']);
    const requirements = await store.requirementsBySourceId();
    const srs = collections.get('Brake SRS')!;
    assert.deepEqual(await store.values(srs, `${NS.rdf}type`), [COLLECTION]);
    assert.deepEqual(await store.values(srs, `${NS.dcterms}description`), ['Software requirements of the brake controller']);
    assert.deepEqual(await store.values(srs, `${NS.dt}sourceId`), ['spec-srs']);
    assert.match((await store.values(srs, `${NS.dcterms}identifier`))[0]!, /^RC-\d+$/);
    assert.deepEqual(await store.values(srs, USES), ['SRS-1', 'SRS-2', 'SRS-2.1', 'SRS-2.2', 'SRS-2.2.1', 'SRS-3'].map((id) => requirements.get(id)!).sort());
    assert.deepEqual(await store.values(collections.get('Brake SDD')!, USES), ['SDD-1', 'SDD-1.1'].map((id) => requirements.get(id)!).sort());
  });

  it('numbers sections and keeps decomposes', async () => {
    const requirements = await store.requirementsBySourceId();
    const sections: Record<string, string[]> = {};
    const parents: Record<string, string[]> = {};
    const sourceIdOf = new Map([...requirements].map(([sourceId, iri]) => [iri, sourceId]));
    for (const [sourceId, iri] of requirements) {
      sections[sourceId] = await store.values(iri, SECTION_NUMBER);
      parents[sourceId] = (await store.values(iri, `${NS.oslc_rm}decomposes`)).map((parent) => sourceIdOf.get(parent)!);
    }
    assert.deepEqual(sections, { 'SRS-1': ['1'], 'SRS-2': ['2'], 'SRS-2.1': ['2.1'], 'SRS-2.2': ['2.2'], 'SRS-2.2.1': ['2.2.1'], 'SRS-3': ['3'], 'SDD-1': ['1'], 'SDD-1.1': ['1.1'] });
    assert.deepEqual(parents, { 'SRS-1': [], 'SRS-2': [], 'SRS-2.1': ['SRS-2'], 'SRS-2.2': ['SRS-2'], 'SRS-2.2.1': ['SRS-2.2'], 'SRS-3': [], 'SDD-1': [], 'SDD-1.1': ['SDD-1'] });
  });

  it('changes nothing when imported again', async () => {
    const versions = await store.versions();
    const journal = store.journalBytes();

    const report = await store.import('reqif', file);
    assert.deepEqual(report.counts.requirementCollections, { created: 0, updated: 0, unchanged: 2, removed: 0 });
    assert.deepEqual(report.counts.requirements, { created: 0, updated: 0, unchanged: 8, removed: 0 });
    assert.deepEqual(report.changes, []);
    assert.deepEqual(await store.versions(), versions);
    assert.equal(store.journalBytes(), journal);
    // The import state maps every item, collections included, so not even the identities are queried.
    assert.equal(queries, 0);
  });

  it('updates a changed title', async () => {
    writeFileSync(file, specificationDocument([{ ...SRS, title: 'Brake SRS issue B' }, SDD]));
    const report = await store.import('reqif', file);
    assert.deepEqual(report.counts.requirementCollections, { created: 0, updated: 1, unchanged: 1, removed: 0 });
    assert.deepEqual(report.counts.requirements, { created: 0, updated: 0, unchanged: 8, removed: 0 });
    assert.deepEqual(
      report.changes.map((change) => [change.action, change.label, change.details]),
      [['update', 'requirement collection Brake SRS issue B', 'Title Brake SRS → Brake SRS issue B']],
    );
    assert.deepEqual([...(await collectionsByTitle(store)).keys()], ['Brake SDD', 'Brake SRS issue B']);
  });

  /** Changes of the SPEC-HIERARCHY: the members of each collection afterwards, and the section numbers that change. */
  const MEMBERSHIP_CASES: { name: string; srs: HierarchyNode[]; sdd: HierarchyNode[]; members: Record<string, string[]>; sections: Record<string, string[]>; changedCollections: number }[] = [
    {
      name: 'drops a member that no specification places',
      srs: [['SRS-1'], ['SRS-2', [['SRS-2.1'], ['SRS-2.2', [['SRS-2.2.1']]]]]],
      sdd: SDD.children,
      members: { 'Brake SRS': ['SRS-1', 'SRS-2', 'SRS-2.1', 'SRS-2.2', 'SRS-2.2.1'], 'Brake SDD': ['SDD-1', 'SDD-1.1'] },
      sections: { 'SRS-3': [] },
      changedCollections: 1,
    },
    {
      name: 'moves a member to another specification',
      srs: [['SRS-1'], ['SRS-2', [['SRS-2.1'], ['SRS-2.2', [['SRS-2.2.1']]]]]],
      sdd: [['SDD-1', [['SDD-1.1'], ['SRS-3']]]],
      members: { 'Brake SRS': ['SRS-1', 'SRS-2', 'SRS-2.1', 'SRS-2.2', 'SRS-2.2.1'], 'Brake SDD': ['SDD-1', 'SDD-1.1', 'SRS-3'] },
      sections: { 'SRS-3': ['1.2'] },
      changedCollections: 2,
    },
    {
      name: 'renumbers reordered siblings',
      srs: [['SRS-1'], ['SRS-2', [['SRS-2.2', [['SRS-2.2.1']]], ['SRS-2.1']]], ['SRS-3']],
      sdd: SDD.children,
      members: { 'Brake SRS': ['SRS-1', 'SRS-2', 'SRS-2.1', 'SRS-2.2', 'SRS-2.2.1', 'SRS-3'], 'Brake SDD': ['SDD-1', 'SDD-1.1'] },
      sections: { 'SRS-2.1': ['2.2'], 'SRS-2.2': ['2.1'], 'SRS-2.2.1': ['2.1.1'] },
      // Reordering changes no membership, because oslc_rm:uses has no order.
      changedCollections: 0,
    },
  ];
  for (const change of MEMBERSHIP_CASES) {
    it(change.name, async () => {
      const before = await store.versions();
      writeFileSync(file, specificationDocument([{ ...SRS, children: change.srs }, { ...SDD, children: change.sdd }]));
      await store.import('reqif', file);

      const requirements = await store.requirementsBySourceId();
      const collections = await collectionsByTitle(store);
      for (const [title, members] of Object.entries(change.members)) {
        assert.deepEqual(await store.values(collections.get(title)!, USES), members.map((id) => requirements.get(id)!).sort(), title);
      }
      for (const [sourceId, sections] of Object.entries(change.sections)) {
        assert.deepEqual(await store.values(requirements.get(sourceId)!, SECTION_NUMBER), sections, sourceId);
      }
      const changed = (await store.changedResources(before)).filter((iri) => [...collections.values()].includes(iri));
      assert.equal(changed.length, change.changedCollections);
    });
  }

  it('keeps a dropped specification unless removal is asked', async () => {
    writeFileSync(file, specificationDocument([SRS]));
    const sdd = (await collectionsByTitle(store)).get('Brake SDD')!;

    const kept = await store.import('reqif', file);
    assert.deepEqual(kept.counts.requirementCollections, { created: 0, updated: 0, unchanged: 1, removed: 0 });
    assert.deepEqual(
      kept.warnings.map((warning) => warning.message).filter((message) => message.startsWith('The source no longer has')),
      [`The source no longer has 1 requirement collection that its earlier imports wrote last (requirement collection Brake SDD <${sdd}>); it is kept. Import with --remove-missing (removeMissing=true on the import endpoint) to remove it.`],
    );
    assert.deepEqual(await store.values(sdd, `${NS.dcterms}title`), ['Brake SDD']);
    // SDD-1 and SDD-1.1 stay in the source, placed nowhere, so they lose their section numbers now.
    assert.deepEqual(kept.counts.requirements, { created: 0, updated: 2, unchanged: 6, removed: 0 });

    const removed = await store.import('reqif', file, { removeMissing: true });
    assert.deepEqual(removed.counts.requirementCollections, { created: 0, updated: 0, unchanged: 1, removed: 1 });
    assert.deepEqual(removed.counts.requirements, { created: 0, updated: 0, unchanged: 8, removed: 0 });
    assert.deepEqual(
      removed.changes.filter((change) => change.type === 'requirementCollections').map((change) => [change.action, change.label]),
      [['remove', 'requirement collection Brake SDD']],
    );
    assert.equal(await store.store.versionOf(sdd), undefined);
    assert.deepEqual([...(await collectionsByTitle(store)).keys()], ['Brake SRS']);
  });

  it('counts collections in the summary', async () => {
    writeFileSync(file, specificationDocument([{ ...SRS, title: 'Brake SRS issue B' }, SDD]));
    const report = await store.import('reqif', file, { dryRun: true });
    const text = formatReport(report);
    // The counts start in one column, after the longest type name.
    assert.match(text, /\n {2}requirements {13}0 would be created, 0 would be updated, 8 unchanged, 0 would be removed\n/);
    assert.match(text, /\n {2}requirement collections {2}0 would be created, 1 would be updated, 1 unchanged, 0 would be removed\n/);
  });
});

/** Returns the stored requirement collections of provider fcc by title. */
async function collectionsByTitle(store: ImportStore): Promise<Map<string, string>> {
  const byTitle = new Map<string, string>();
  for (const iri of await store.resources(COLLECTION)) {
    byTitle.set((await store.values(iri, `${NS.dcterms}title`))[0]!, iri);
  }
  return new Map([...byTitle].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Writes a ReqIF document of the specifications. It has a SPEC-OBJECT, titled by its IDENTIFIER, for each
 * node of SRS and SDD, also where `specifications` leave the node out. So a test can drop a requirement
 * from a hierarchy and keep it in the source.
 */
function specificationDocument(specifications: readonly Specification[]): string {
  const identifiers = (nodes: readonly HierarchyNode[]): string[] => nodes.flatMap(([identifier, children]) => [identifier, ...identifiers(children ?? [])]);
  const all = new Set([...identifiers(SRS.children), ...identifiers(SDD.children)]);
  const objects = [...all].map((identifier) => `<SPEC-OBJECT IDENTIFIER="${identifier}" LONG-NAME="${identifier}"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>`);
  const hierarchy = (nodes: readonly HierarchyNode[]): string =>
    nodes
      .map(([identifier, children]) => `<SPEC-HIERARCHY IDENTIFIER="h-${identifier}"><OBJECT><SPEC-OBJECT-REF>${identifier}</SPEC-OBJECT-REF></OBJECT>${children === undefined ? '' : `<CHILDREN>${hierarchy(children)}</CHILDREN>`}</SPEC-HIERARCHY>`)
      .join('\n');
  const documents = specifications.map(
    (specification) =>
      `<SPECIFICATION IDENTIFIER="${specification.identifier}" LONG-NAME="${specification.title}"${specification.description === undefined ? '' : ` DESC="${specification.description}"`}><CHILDREN>${hierarchy(specification.children)}</CHILDREN></SPECIFICATION>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><REQ-IF-TOOL-ID>IBM Rational DOORS</REQ-IF-TOOL-ID></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="t" LONG-NAME="Requirement"/></SPEC-TYPES>
    <SPEC-OBJECTS>${objects.join('\n')}</SPEC-OBJECTS>
    <SPECIFICATIONS>${documents.join('\n')}</SPECIFICATIONS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
`;
}

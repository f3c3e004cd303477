import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { DataFactory } from 'n3';
import { ImportError } from '../../../src/import/ImportErrors.js';
import type { SyncReport } from '../../../src/import/SyncReport.js';
import { AUTHORIZATION, FakeWindchill } from '../odata/FakeWindchill.js';
import { NLG_1000_MANUFACTURING, NLG_FASTENER_KIT, PARTS, partId, type InventedPart } from '../odata/WindchillPayloads.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';

const { literal, namedNode, quad } = DataFactory;

/** The invented nose landing gear BOM that the fake Windchill serves, as stored after a full pull. */
const NLG_BOM: [string, string, number][] = [
  ['FCC-300-000', 'FCC-310-100', 3],
  ['FCC-300-000', 'NAS1352-08-6', 12],
  ['NLG-1000', 'AN6-12A', 4],
  ['NLG-1000', 'MS21042-6', 4],
  ['NLG-1000', 'NLG-1100', 1],
  ['NLG-1000', 'NLG-1200', 1],
  ['NLG-1100', 'M5606-HF', 0.45],
  ['NLG-1100', 'MS21042-6', 6],
  ['NLG-1100', 'NLG-1110', 1],
  ['NLG-1100', 'NLG-1120', 1],
  ['NLG-1200', 'AN6-12A', 2],
  ['NLG-1200', 'NLG-1210', 1],
];

/** Asserts that a pull found `unchanged` parts and BOM lines as stored, and wrote nothing since `versions`. */
async function assertNothingChanged(store: ImportStore, report: SyncReport, versions: ReadonlyMap<string, string>, unchanged: { parts: number; bomLines: number }): Promise<void> {
  assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: unchanged.parts, removed: 0 });
  assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: unchanged.bomLines, removed: 0 });
  assert.deepEqual(report.changes, []);
  assert.deepEqual(report.warnings, []);
  assert.deepEqual(await store.versions(), versions);
}

/** Imports a CSV BOM named maintenance.csv with one row, a second source besides Windchill. */
async function importMaintenanceBom(store: ImportStore, row: string): Promise<void> {
  const directory = temporaryDirectory('dt-odata-sync-');
  try {
    const file = join(directory.path, 'maintenance.csv');
    writeFileSync(file, `Part Number,Revision,Parent,Parent Revision,Title,Qty,Find No\n${row}\n`);
    await store.import('csv', file);
  } finally {
    directory.remove();
  }
}

/**
 * Registers the hooks of a suite that pulls from `windchill`: the server runs for the suite, and each test
 * gets a new store (passed to `setStore`) and a server with the invented parts and no requests.
 */
function useWindchill(windchill: FakeWindchill, setStore: (store: ImportStore) => void): void {
  let store: ImportStore | undefined;
  before(() => windchill.start());
  after(() => windchill.stop());
  beforeEach(async () => {
    store = await ImportStore.open();
    setStore(store);
    windchill.requests.length = 0;
    windchill.parts = [...PARTS];
    windchill.scenario = { interruptions: [], pageSize: 4, expandUses: true, pagingLoop: false };
  });
  afterEach(() => store?.close());
}

describe('Windchill OData import', () => {
  const windchill = new FakeWindchill();
  let store: ImportStore;
  useWindchill(windchill, (opened) => (store = opened));

  it('full pull follows every page', async () => {
    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    assert.equal(report.source.system, 'Windchill');
    assert.equal(report.source.iri, windchill.serviceRoot);
    assert.equal(report.source.origin, `${windchill.serviceRoot}/ProdMgmt`);
    assert.deepEqual(report.counts.parts, { created: 9, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 10, updated: 0, unchanged: 0, removed: 0 });
    assert.equal(report.highWaterMark, '2026-02-11T09:14:52Z');
    assert.deepEqual(await store.bom(), NLG_BOM);

    assert.deepEqual(
      windchill.requests.map((request) => new URL(request.url, 'http://127.0.0.1').searchParams.get('$skiptoken')),
      [null, '4', '8'],
    );
    assert.ok(windchill.requests.every((request) => request.authorization === AUTHORIZATION));
  });

  it('second full pull changes nothing', async () => {
    await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    const versions = await store.versions();
    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 9, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: 10, removed: 0 });
    assert.deepEqual(await store.versions(), versions);
  });

  it('incremental pull reads only later changes', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    const piston = (await store.part('NLG-1120', 'B'))!;
    const versions = await store.versions();
    windchill.parts = windchill.parts.map((part) => (part.id === 200314 ? { ...part, name: 'Piston, chromed', lastModified: '2026-03-02T10:00:00Z' } : part));
    windchill.requests.length = 0;

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    const first = new URL(windchill.requests[0]!.url, 'http://127.0.0.1');
    assert.equal(first.searchParams.get('$filter'), 'LastModified ge 2026-02-11T09:14:52Z');
    assert.equal(windchill.requests.length, 1);
    // The parts changed at the mark itself are read again, unchanged.
    assert.deepEqual(report.counts.parts, { created: 0, updated: 1, unchanged: 4, removed: 0 });
    // The assembly at the mark brings its BOM lines, and the piston's line takes the piston's new title.
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 1, unchanged: 3, removed: 0 });
    // An incremental pull has only the changed parts, so the others are not missing from the source.
    assert.deepEqual(report.warnings.filter((issue) => issue.message.includes('no longer has')), []);
    assert.equal(report.highWaterMark, '2026-03-02T10:00:00Z');
    assert.equal(await store.part('NLG-1120', 'B'), piston);
    assert.deepEqual(await store.values(piston, `${NS.dcterms}title`), ['Piston, chromed']);

    const changed = await store.changedResources(versions);
    assert.equal(changed.length, 2);
    assert.ok(changed.includes(piston));
    const line = changed.find((iri) => iri !== piston)!;
    assert.deepEqual(await store.values(line, `${NS.oslc_plm}representsPart`), [piston]);
  });

  it('incremental pull names dropped uses', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    // Windchill removes the nut (find number 4) from the nose landing gear assembly.
    windchill.parts = windchill.parts.map((part) =>
      part.id === 200311 ? { ...part, lastModified: '2026-03-02T10:00:00Z', uses: part.uses.filter((use) => use.findNumber !== '4') } : part,
    );

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    assert.deepEqual(report.counts.bomLines.removed, 0);
    assert.deepEqual(
      report.warnings.filter((issue) => issue.message.startsWith('The pulled assemblies')).map((issue) => issue.message),
      [
        'The pulled assemblies no longer use what 1 stored BOM line describes (BOM line NLG-1000 rev C > MS21042-6 rev - find 4); an incremental pull keeps it. A full pull with --remove-missing removes it.',
      ],
    );
  });

  /** The time at which Windchill changes a part after the full pull, later than that pull's high-water mark. */
  const CHANGED = '2026-03-02T10:00:00Z';

  /** Changes the invented part `id` in Windchill at CHANGED: `uses` filters its usage links, and `name` renames it. */
  const change = (id: number, edit: { uses?: (use: InventedPart['uses'][number]) => boolean; name?: string }) => (parts: InventedPart[]): InventedPart[] =>
    parts.map((part) => (part.id === id ? { ...part, lastModified: CHANGED, uses: part.uses.filter(edit.uses ?? (() => true)), name: edit.name ?? part.name } : part));

  const DRAG_BRACE_EMPTIED =
    'The pulled assemblies no longer use what 2 stored BOM lines describe (BOM line NLG-1200 rev A > AN6-12A rev - find 2, BOM line NLG-1200 rev A > NLG-1210 rev A find 1); ' +
    'an incremental pull keeps them. A full pull with --remove-missing removes them.';

  /**
   * Windchill changes after a full pull, and the dropped-use warnings of the incremental pull that follows.
   * The drag brace NLG-1200 uses the upper drag link NLG-1210 (find 1) and the bolt AN6-12A (find 2), and
   * the nose landing gear NLG-1000 uses NLG-1200. The shock strut NLG-1100 sits at the mark, so every pull reads it.
   */
  const DROPPED_USE_CASES: Array<{ name: string; changes: Array<(parts: InventedPart[]) => InventedPart[]>; expandUses?: false; dryRun?: true; maintenanceRow?: string; expected: string[] }> = [
    { name: 'emptied BOM', changes: [change(200315, { uses: () => false })], expected: [DRAG_BRACE_EMPTIED] },
    { name: 'emptied BOM, uses read per part', changes: [change(200315, { uses: () => false })], expandUses: false, expected: [DRAG_BRACE_EMPTIED] },
    { name: 'emptied BOM, dry run', changes: [change(200315, { uses: () => false })], dryRun: true, expected: [DRAG_BRACE_EMPTIED] },
    // NLG-1200 is read as a record and as an expanded child of NLG-1000, and it is now a leaf.
    { name: 'emptied BOM of a pulled child', changes: [change(200311, { name: 'Nose Landing Gear' }), change(200315, { uses: () => false })], expected: [DRAG_BRACE_EMPTIED] },
    {
      name: 'one of two uses kept',
      changes: [change(200315, { uses: (use) => use.findNumber === '1' })],
      expected: [
        'The pulled assemblies no longer use what 1 stored BOM line describes (BOM line NLG-1200 rev A > AN6-12A rev - find 2); an incremental pull keeps it. A full pull with --remove-missing removes it.',
      ],
    },
    // The pull reads NLG-1200 only as an expanded child of NLG-1000, without its uses, so its stored lines are not compared.
    { name: 'assembly read as a child only', changes: [change(200311, { name: 'Nose Landing Gear' })], expected: [] },
    // A leaf read as a record has an empty BOM in Windchill, and the store has no lines under it.
    { name: 'changed leaf', changes: [change(200316, { name: 'Upper Drag Link, machined' })], expected: [] },
    {
      name: 'leaf with a line of another source',
      maintenanceRow: 'MS15002-1,-,NLG-1210,A,Grease fitting,1,90',
      changes: [change(200316, { name: 'Upper Drag Link, machined' })],
      expected: [
        'The pulled assemblies do not use what 1 BOM line of maintenance.csv describes (BOM line NLG-1210 rev A > MS15002-1 rev - find 90). ' +
          'The pull leaves it with that source, whose --remove-missing run removes it once its file no longer lists it.',
      ],
    },
  ];
  for (const { name, changes, expandUses, dryRun, maintenanceRow, expected } of DROPPED_USE_CASES) {
    it(`dropped uses: ${name}`, async () => {
      const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
      if (maintenanceRow !== undefined) {
        await importMaintenanceBom(store, maintenanceRow);
      }
      const linesBefore = await store.bom();
      windchill.parts = changes.reduce((parts, apply) => apply(parts), windchill.parts);
      windchill.scenario.expandUses = expandUses ?? true;

      const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark!, dryRun: dryRun ?? false });
      assert.deepEqual(
        report.warnings.filter((issue) => issue.message.startsWith('The pulled assemblies')).map((issue) => issue.message),
        expected,
      );
      assert.equal(report.counts.bomLines.removed, 0);
      assert.deepEqual(await store.bom(), linesBefore);
    });
  }

  it('incremental pull names replaced parts', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    const linesBefore = (await store.bom()).length;
    // Windchill puts a bolt in place of the nut at find number 4 of the nose landing gear assembly.
    windchill.parts = windchill.parts.map((part) =>
      part.id === 200311
        ? { ...part, lastModified: '2026-03-02T10:00:00Z', uses: part.uses.map((use) => (use.findNumber === '4' ? { ...use, link: 300105, child: 200318 } : use)) }
        : part,
    );

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    assert.equal((await store.bom()).length, linesBefore + 1);
    assert.deepEqual(
      report.warnings.filter((issue) => issue.message.startsWith('At find')).map((issue) => issue.message.replace(/<[^>]+>/g, '<IRI>')),
      [
        'At find 4 of NLG-1000 rev C, the source gives AN6-12A rev -, but this import keeps a BOM line to MS21042-6 rev - that the source no longer has (<IRI>). A BOM explosion counts both parts. Pull again in full with --remove-missing to remove the old line, or edit it.',
      ],
    );
  });

  it('incremental pull names uses of other sources', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    // A maintenance BOM in a CSV adds a grease fitting to the nose landing gear assembly, which Windchill never lists.
    await importMaintenanceBom(store, 'MS15002-1,-,NLG-1000,C,Grease fitting,1,90');
    windchill.parts = windchill.parts.map((part) => (part.id === 200311 ? { ...part, lastModified: '2026-03-02T10:00:00Z' } : part));

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    assert.deepEqual(
      report.warnings.filter((issue) => issue.message.startsWith('The pulled assemblies')).map((issue) => issue.message),
      [
        'The pulled assemblies do not use what 1 BOM line of maintenance.csv describes (BOM line NLG-1000 rev C > MS15002-1 rev - find 90). ' +
          'The pull leaves it with that source, whose --remove-missing run removes it once its file no longer lists it.',
      ],
    );
  });

  /** The new Windchill Name of the nut MS21042-6, which NLG-1000 (find 4) and NLG-1100 (find 3) use. */
  const PLATED_NUT = 'Nut, Self-Locking, 3/8-24, Cad Plated';

  /** Renames the nut in Windchill after the full pull's high-water mark, so that an incremental pull reads it. */
  function renameNut(name = PLATED_NUT): void {
    windchill.parts = windchill.parts.map((part) => (part.id === 200319 ? { ...part, name, lastModified: '2026-03-02T10:00:00Z' } : part));
  }

  it('incremental pull retitles unread lines', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    const nut = (await store.part('MS21042-6', '-'))!;
    const unread = (await lineAt(store, 'NLG-1000', '4'))!;
    const pulled = (await lineAt(store, 'NLG-1100', '3'))!;
    const [modifiedBefore] = await store.values(unread, `${NS.dcterms}modified`);
    const versions = await store.versions();
    renameNut();

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    // NLG-1100 sits at the mark, so the pull reads it and its children; NLG-1000 it does not read.
    assert.deepEqual(report.counts.parts, { created: 0, updated: 1, unchanged: 4, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 2, unchanged: 3, removed: 0 });
    assert.deepEqual(report.warnings, []);
    assert.deepEqual(await store.values(unread, `${NS.dcterms}title`), [`NLG-1000 item 4: ${PLATED_NUT}`]);
    assert.deepEqual(await store.values(pulled, `${NS.dcterms}title`), [`NLG-1100 item 3: ${PLATED_NUT}`]);
    assert.deepEqual(
      report.changes.filter((change) => change.iri === unread),
      [
        {
          action: 'update',
          type: 'bomLines',
          iri: unread,
          label: 'BOM line NLG-1000 rev C > MS21042-6 rev - find 4',
          // Change lines shorten long values to their differing ends.
          details: 'Title …Self-Locking, 3/8-24 → …Self-Locking, 3/8-24, Cad Plated',
          values: [{ property: `${NS.dcterms}title`, name: 'Title', before: ['NLG-1000 item 4: Nut, Self-Locking, 3/8-24'], after: ['NLG-1000 item 4: Nut, Self-Locking, 3/8-24, Cad Plated'] }],
        },
      ],
    );
    assert.deepEqual(await store.changedResources(versions), [nut, unread, pulled].sort());

    // The line is stamped like the part that the same commit renames.
    const [modified] = await store.values(nut, `${NS.dcterms}modified`);
    assert.notEqual(modified, modifiedBefore);
    assert.deepEqual(await store.values(unread, `${NS.dcterms}modified`), [modified]);
    assert.deepEqual(await store.values(unread, `${NS.prov}generatedAtTime`), [modified]);

    // A full pull then finds what the incremental pull left.
    const after = await store.versions();
    const again = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    await assertNothingChanged(store, again, after, { parts: 9, bomLines: 10 });
  });

  it('incremental pull keeps edited line titles', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    const edited = (await lineAt(store, 'NLG-1000', '4'))!;
    // A user titles the line on this server, as an OSLC PUT would.
    const quads = (await store.quads(edited)).filter((candidate) => candidate.predicate.value !== `${NS.dcterms}title`);
    await store.store.commit([{ graph: edited, quads: [...quads, quad(namedNode(edited), namedNode(`${NS.dcterms}title`), literal('Steering collar nut'))] }]);
    const versions = await store.versions();
    renameNut();

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 1, unchanged: 3, removed: 0 });
    assert.deepEqual(await store.values(edited, `${NS.dcterms}title`), ['Steering collar nut']);
    assert.equal((await store.versions()).get(edited), versions.get(edited));
  });

  it('incremental pull retitles lines of other sources', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    // A maintenance BOM in a CSV adds a spare nut to NLG-1200 and titles the nut as Windchill does.
    await importMaintenanceBom(store, 'MS21042-6,-,NLG-1200,A,"Nut, Self-Locking, 3/8-24",1,90');
    const spare = (await lineAt(store, 'NLG-1200', '90'))!;
    const [owner] = await store.values(spare, `${NS.prov}wasDerivedFrom`);
    const [generated] = await store.values(spare, `${NS.prov}generatedAtTime`);
    renameNut();

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 3, unchanged: 3, removed: 0 });
    assert.deepEqual(await store.values(spare, `${NS.dcterms}title`), [`NLG-1200 item 90: ${PLATED_NUT}`]);
    // The line stays with the CSV source, which the pull did not read.
    assert.deepEqual(await store.values(spare, `${NS.prov}wasDerivedFrom`), [owner]);
    assert.deepEqual(await store.values(spare, `${NS.prov}generatedAtTime`), [generated]);
  });

  it('incremental pull without renames queries no lines', async () => {
    const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    const unread = (await lineAt(store, 'NLG-1000', '4'))!;
    const versions = await store.versions();
    // The nut is released again with its Name unchanged.
    windchill.parts = windchill.parts.map((part) => (part.id === 200319 ? { ...part, state: 'UNDERREVIEW', lastModified: '2026-03-02T10:00:00Z' } : part));
    const queries: string[] = [];
    const query = store.store.query.bind(store.store);
    store.store.query = (sparql, options) => {
      queries.push(sparql);
      return query(sparql, options);
    };

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
    assert.deepEqual(report.counts.parts, { created: 0, updated: 1, unchanged: 4, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: 4, removed: 0 });
    assert.deepEqual(queries.filter((sparql) => sparql.includes('PartUsage')), []);
    assert.equal((await store.versions()).get(unread), versions.get(unread));
  });

  /**
   * Windchill revises part `id` to `revision` at CHANGED as the new version `newId`. A usage link names the
   * child's master, and the revision returned follows the config spec (latest), so every assembly that
   * used the part now returns the new revision and keeps its LastModified.
   */
  const revise = (id: number, newId: number, revision: string) => (parts: InventedPart[]): InventedPart[] => {
    const revised = { ...parts.find((part) => part.id === id)!, id: newId, revision, lastModified: CHANGED };
    return [...parts.map((part) => ({ ...part, uses: part.uses.map((use) => (use.child === id ? { ...use, child: newId } : use)) })), revised];
  };

  /**
   * New revisions of used parts after a full pull. NLG-1210 is used by NLG-1200 only, the nut MS21042-6 by
   * NLG-1000 (find 4) and NLG-1100 (find 3), and NLG-1110 by NLG-1100. NLG-1100 sits at the mark, so every pull reads it.
   */
  /** The warning that names stored lines which the assemblies read in full no longer have. */
  const droppedUses = (lines: string[]): string =>
    `The pulled assemblies no longer use what ${lines.length === 1 ? '1 stored BOM line describes' : `${lines.length} stored BOM lines describe`} (${lines.map((line) => `BOM line ${line}`).join(', ')}); ` +
    `an incremental pull keeps ${lines.length === 1 ? 'it' : 'them'}. A full pull with --remove-missing removes ${lines.length === 1 ? 'it' : 'them'}.`;

  /** The warning that the line to the earlier revision stays at the find number of the new one. */
  const keptLine = (findNumber: string, assembly: string, child: string, revision: string, earlier: string): string =>
    `At find ${findNumber} of ${assembly}, the source gives ${child} rev ${revision}, but this import keeps a BOM line to ${child} rev ${earlier} that the source no longer has (<IRI>). ` +
    'A BOM explosion counts both parts. Pull again in full with --remove-missing to remove the old line, or edit it.';

  const REVISION_CASES: Array<{ name: string; change: (parts: InventedPart[]) => InventedPart[]; readAgain: string[]; lines: RevisedLine[]; warnings: string[] }> = [
    {
      name: 'leaf of an unread assembly',
      change: revise(200316, 200416, 'B'),
      readAgain: ["Number eq 'NLG-1200' and Revision eq 'A'"],
      lines: [['NLG-1200', '1', 'NLG-1210', 'A'], ['NLG-1200', '1', 'NLG-1210', 'B']],
      warnings: [droppedUses(['NLG-1200 rev A > NLG-1210 rev A find 1']), keptLine('1', 'NLG-1200 rev A', 'NLG-1210', 'B', 'A')],
    },
    {
      name: 'nut of a read and an unread assembly',
      change: revise(200319, 200419, 'A'),
      readAgain: ["Number eq 'NLG-1000' and Revision eq 'C'"],
      lines: [['NLG-1000', '4', 'MS21042-6', '-'], ['NLG-1000', '4', 'MS21042-6', 'A'], ['NLG-1100', '3', 'MS21042-6', '-'], ['NLG-1100', '3', 'MS21042-6', 'A']],
      warnings: [
        droppedUses(['NLG-1000 rev C > MS21042-6 rev - find 4', 'NLG-1100 rev B > MS21042-6 rev - find 3']),
        keptLine('3', 'NLG-1100 rev B', 'MS21042-6', 'A', '-'),
        keptLine('4', 'NLG-1000 rev C', 'MS21042-6', 'A', '-'),
      ],
    },
    {
      name: 'child of an assembly at the mark',
      change: revise(200313, 200413, 'B'),
      readAgain: [],
      lines: [['NLG-1100', '1', 'NLG-1110', 'A'], ['NLG-1100', '1', 'NLG-1110', 'B']],
      warnings: [droppedUses(['NLG-1100 rev B > NLG-1110 rev A find 1']), keptLine('1', 'NLG-1100 rev B', 'NLG-1110', 'B', 'A')],
    },
    {
      name: 'renamed leaf, same revision',
      change: change(200316, { name: 'Upper Drag Link, machined' }),
      readAgain: [],
      lines: [['NLG-1200', '1', 'NLG-1210', 'A']],
      warnings: [],
    },
  ];
  for (const { name, change: apply, readAgain, lines, warnings } of REVISION_CASES) {
    it(`new revision: ${name}`, async () => {
      const full = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
      windchill.parts = apply(windchill.parts);
      windchill.requests.length = 0;

      const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, modifiedSince: full.highWaterMark! });
      const filters = windchill.requests.map((request) => new URL(request.url, 'http://127.0.0.1').searchParams);
      assert.deepEqual(filters.filter((query) => query.get('$filter')?.startsWith('Number eq')).map((query) => query.get('$filter')), readAgain);
      assert.ok(filters.filter((query) => query.get('$filter')?.startsWith('Number eq')).every((query) => query.get('$expand') === 'Uses($expand=Uses)'));
      const changedAssemblies = new Set(lines.map(([assembly]) => assembly));
      assert.deepEqual((await revisedLines(store)).filter(([assembly, , child]) => changedAssemblies.has(assembly) && lines.some((line) => line[2] === child)), lines);
      assert.deepEqual(report.warnings.map((issue) => issue.message.replace(/<[^>]+>/g, '<IRI>')), warnings);
    });
  }

  it('unnumbered uses in either order', async () => {
    // NLG-1200 uses the bolt twice without a find number, 2 with link 300124 and 3 with link 300123.
    const unnumbered = [
      { link: 300124, child: 200318, quantity: 2, unit: 'ea' },
      { link: 300123, child: 200318, quantity: 3, unit: 'ea' },
    ];
    const withUses = (uses: InventedPart['uses']): InventedPart[] => PARTS.map((part) => (part.id === 200315 ? { ...part, uses: [part.uses[0]!, ...uses] } : part));
    windchill.parts = withUses(unnumbered);
    await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    const positions = await unnumberedLines(store);
    assert.deepEqual(positions.map(([, quantity]) => quantity), [3, 2]);
    const versions = await store.versions();

    windchill.parts = withUses([...unnumbered].reverse());
    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    await assertNothingChanged(store, report, versions, { parts: 9, bomLines: 11 });
    assert.deepEqual(await unnumberedLines(store), positions);
  });

  it('retries 429 and 503, then imports', async () => {
    windchill.scenario.interruptions = [{ status: 429, retryAfter: '0' }, { status: 503, retryAfter: '0' }];
    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
    assert.equal(report.counts.parts.created, 9);
    assert.equal(windchill.requests.length, 5);
  });

  it('wrong credentials write nothing', async () => {
    const versions = await store.versions();
    await assert.rejects(store.import('odata', windchill.serviceRoot, { authorization: 'Basic d3Jvbmc6d3Jvbmc=' }), (error: unknown) => {
      assert.ok(error instanceof ImportError);
      assert.match(error.message, /401 Unauthorized/);
      return true;
    });
    assert.deepEqual(await store.versions(), versions);
    assert.equal(windchill.requests.length, 1);
  });
});

/** Returns the stored BOM line at a find number of an assembly (by part number), or undefined. */
async function lineAt(store: ImportStore, assemblyNumber: string, findNumber: string): Promise<string | undefined> {
  const result = await store.store.query(
    `SELECT ?l WHERE {
       GRAPH ?l { ?l <${NS.dt}assembly> ?a ; <${NS.dt}findNumber> ${JSON.stringify(findNumber)} }
       GRAPH ?a { ?a <${NS.dt}partNumber> ${JSON.stringify(assemblyNumber)} } }`,
  );
  return result.type === 'bindings' ? result.rows[0]?.get('l')?.value : undefined;
}

/** Reads the IRIs and quantities of the stored BOM lines of NLG-1200 without a find number, in the order of their dt:sourceId. */
async function unnumberedLines(store: ImportStore): Promise<Array<[line: string, quantity: number]>> {
  const result = await store.store.query(
    `SELECT ?l ?quantity ?sourceId WHERE {
       GRAPH ?l { ?l <${NS.dt}assembly> ?a ; <${NS.dt}quantity> ?quantity ; <${NS.dt}sourceId> ?sourceId FILTER NOT EXISTS { ?l <${NS.dt}findNumber> ?find } }
       GRAPH ?a { ?a <${NS.dt}partNumber> "NLG-1200" } }
     ORDER BY ?sourceId`,
  );
  const rows = result.type === 'bindings' ? result.rows : [];
  return rows.map((row) => [row.get('l')!.value, Number(row.get('quantity')!.value)]);
}

/** One stored BOM line: its assembly's part number, its find number, and its child's part number and revision. */
type RevisedLine = [assembly: string, findNumber: string, child: string, childRevision: string];

/** Reads the stored BOM lines with their find numbers and child revisions, sorted. */
async function revisedLines(store: ImportStore): Promise<RevisedLine[]> {
  const result = await store.store.query(
    `SELECT ?assembly ?find ?child ?revision WHERE {
       GRAPH ?l { ?l <${NS.dt}assembly> ?a ; <${NS.oslc_plm}representsPart> ?c ; <${NS.dt}findNumber> ?find }
       GRAPH ?a { ?a <${NS.dt}partNumber> ?assembly }
       GRAPH ?c { ?c <${NS.dt}partNumber> ?child ; <${NS.dt}revision> ?revision } }`,
  );
  const rows = result.type === 'bindings' ? result.rows : [];
  return rows
    .map((row): RevisedLine => [row.get('assembly')!.value, row.get('find')!.value, row.get('child')!.value, row.get('revision')!.value])
    .sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
}

/** One stored BOM line of an NLG assembly: its dt:bomView local name, assembly, child and quantity. */
type ViewedLine = [view: string, assembly: string, child: string, quantity: number];

/** Reads the BOM lines of the NLG assemblies with their views, sorted. */
async function viewedBom(store: ImportStore): Promise<ViewedLine[]> {
  const result = await store.store.query(
    `SELECT ?view ?assembly ?child ?quantity WHERE {
       GRAPH ?l { ?l <${NS.dt}assembly> ?a ; <${NS.oslc_plm}representsPart> ?c ; <${NS.dt}quantity> ?quantity ; <${NS.dt}bomView> ?view }
       GRAPH ?a { ?a <${NS.dt}partNumber> ?assembly FILTER(STRSTARTS(?assembly, "NLG-")) }
       GRAPH ?c { ?c <${NS.dt}partNumber> ?child } }`,
  );
  assert.equal(result.type, 'bindings');
  const rows = result.type === 'bindings' ? result.rows : [];
  return rows
    .map((row): ViewedLine => [row.get('view')!.value.slice(NS.dt.length), row.get('assembly')!.value, row.get('child')!.value, Number(row.get('quantity')!.value)])
    .sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
}

/** The stored EBOM of the invented nose landing gear, with views. */
const NLG_EBOM: ViewedLine[] = NLG_BOM.filter(([assembly]) => assembly.startsWith('NLG-')).map(([assembly, child, quantity]): ViewedLine => ['EBOM', assembly, child, quantity]);

/** The MBOM lines that the Manufacturing versions of NLG-1000 and its fastener kit add. */
const NLG_MBOM: ViewedLine[] = [
  ['MBOM', 'NLG-1000', 'NLG-1000-FK', 1],
  ['MBOM', 'NLG-1000', 'NLG-1100', 1],
  ['MBOM', 'NLG-1000', 'NLG-1200', 1],
  ['MBOM', 'NLG-1000-FK', 'AN6-12A', 4],
  ['MBOM', 'NLG-1000-FK', 'MS21042-6', 4],
];

const byLine = (a: ViewedLine, b: ViewedLine): number => a.join(' ').localeCompare(b.join(' '));

describe('Windchill views as BOM views', () => {
  const windchill = new FakeWindchill();
  let store: ImportStore;
  useWindchill(windchill, (opened) => (store = opened));

  const pull = (request: Parameters<ImportStore['import']>[2] = {}): ReturnType<ImportStore['import']> => store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, ...request });

  /** Orders in which the pull reads the two versions of NLG-1000: the Design version first, or the Manufacturing version. */
  const ORDERS: Array<{ name: string; parts: () => InventedPart[] }> = [
    { name: 'Design read first', parts: () => [...PARTS, NLG_1000_MANUFACTURING, NLG_FASTENER_KIT] },
    { name: 'Manufacturing read first', parts: () => [NLG_1000_MANUFACTURING, NLG_FASTENER_KIT, ...PARTS] },
  ];
  for (const { name, parts } of ORDERS) {
    it(`EBOM and MBOM of one part, ${name}`, async () => {
      windchill.parts = parts();
      const report = await pull();

      // NLG-1000 rev C is one part, with the Design version's values and ID.
      assert.deepEqual(report.counts.parts, { created: 10, updated: 0, unchanged: 0, removed: 0 });
      assert.deepEqual(report.counts.bomLines, { created: 15, updated: 0, unchanged: 0, removed: 0 });
      assert.deepEqual(report.warnings, []);
      const assembly = (await store.part('NLG-1000', 'C'))!;
      assert.deepEqual(await store.values(assembly, `${NS.dcterms}title`), ['Nose Landing Gear Assembly']);
      assert.deepEqual(await store.values(assembly, `${NS.dt}lifecycleState`), [`${NS.dt}Released`]);
      assert.deepEqual(await store.values(assembly, `${NS.dt}sourceId`), [partId(200311)]);
      assert.deepEqual(await viewedBom(store), [...NLG_EBOM, ...NLG_MBOM].sort(byLine));
    });
  }

  it('re-pull with views changes nothing', async () => {
    windchill.parts = [...PARTS, NLG_1000_MANUFACTURING, NLG_FASTENER_KIT];
    await pull();
    const versions = await store.versions();

    await assertNothingChanged(store, await pull(), versions, { parts: 10, bomLines: 15 });
  });

  it('incremental pull of the MBOM only', async () => {
    windchill.parts = [...PARTS, NLG_1000_MANUFACTURING, NLG_FASTENER_KIT];
    const full = await pull();
    const assembly = (await store.part('NLG-1000', 'C'))!;
    // Manufacturing engineering doubles the kit on the line, and the Design version does not change.
    windchill.parts = windchill.parts.map((part) =>
      part.id === NLG_1000_MANUFACTURING.id
        ? { ...part, lastModified: '2026-03-02T10:00:00Z', uses: part.uses.map((use) => (use.link === 300603 ? { ...use, quantity: 2 } : use)) }
        : part,
    );
    windchill.requests.length = 0;

    const report = await pull({ modifiedSince: full.highWaterMark! });
    // The pull reads the Design version without its BOM, so the part keeps the Design version's values.
    assert.deepEqual(
      windchill.requests.map((request) => new URL(request.url, 'http://127.0.0.1').searchParams.get('$filter')),
      // The kit comes as an expanded child in the Manufacturing view, so its other versions are read too.
      ['LastModified ge 2026-02-20T08:00:00Z', "Number eq 'NLG-1000' and Revision eq 'C'", "Number eq 'NLG-1000-FK' and Revision eq 'A'"],
    );
    // NLG-1000 and the three children of its MBOM come unchanged.
    assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 4, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 1, unchanged: 2, removed: 0 });
    // The EBOM lines of NLG-1000 are not in the pull, and they are not named as dropped.
    assert.deepEqual(report.warnings, []);
    assert.deepEqual(await store.values(assembly, `${NS.dt}lifecycleState`), [`${NS.dt}Released`]);
    assert.deepEqual(await store.values(assembly, `${NS.dt}sourceId`), [partId(200311)]);
    assert.deepEqual(
      (await viewedBom(store)).filter(([view, parent]) => view === 'MBOM' && parent === 'NLG-1000'),
      [
        ['MBOM', 'NLG-1000', 'NLG-1000-FK', 2],
        ['MBOM', 'NLG-1000', 'NLG-1100', 1],
        ['MBOM', 'NLG-1000', 'NLG-1200', 1],
      ],
    );
  });

  it('incremental pull names dropped MBOM uses only', async () => {
    windchill.parts = [...PARTS, NLG_1000_MANUFACTURING, NLG_FASTENER_KIT];
    const full = await pull();
    // The kit leaves the MBOM of NLG-1000; its EBOM still uses the loose bolts and nuts.
    windchill.parts = windchill.parts.map((part) =>
      part.id === NLG_1000_MANUFACTURING.id ? { ...part, lastModified: '2026-03-02T10:00:00Z', uses: part.uses.filter((use) => use.link !== 300603) } : part,
    );

    const report = await pull({ modifiedSince: full.highWaterMark! });
    assert.deepEqual(
      report.warnings.map((issue) => issue.message),
      [
        'The pulled assemblies no longer use what 1 stored BOM line describes (BOM line NLG-1000 rev C > NLG-1000-FK rev A find 10 (MBOM)); an incremental pull keeps it. A full pull with --remove-missing removes it.',
      ],
    );
  });

  it('incremental pull names emptied MBOM only', async () => {
    windchill.parts = [...PARTS, NLG_1000_MANUFACTURING, NLG_FASTENER_KIT];
    const full = await pull();
    // Manufacturing engineering deletes the whole MBOM of NLG-1000; its EBOM stays as it is.
    windchill.parts = windchill.parts.map((part) => (part.id === NLG_1000_MANUFACTURING.id ? { ...part, lastModified: '2026-03-02T10:00:00Z', uses: [] } : part));

    const report = await pull({ modifiedSince: full.highWaterMark! });
    // The pull also reads the Design version of NLG-1000, without its uses, so the EBOM lines are not compared.
    assert.deepEqual(
      report.warnings.map((issue) => issue.message),
      [
        'The pulled assemblies no longer use what 3 stored BOM lines describe (BOM line NLG-1000 rev C > NLG-1000-FK rev A find 10 (MBOM), BOM line NLG-1000 rev C > NLG-1100 rev B find 1 (MBOM), ' +
          'BOM line NLG-1000 rev C > NLG-1200 rev A find 2 (MBOM)); an incremental pull keeps them. A full pull with --remove-missing removes them.',
      ],
    );
    assert.deepEqual(await viewedBom(store), [...NLG_EBOM, ...NLG_MBOM].sort(byLine));
  });

  it('names differ between views', async () => {
    windchill.parts = [...PARTS, { ...NLG_1000_MANUFACTURING, name: 'Nose Landing Gear Assy, Mfg' }, NLG_FASTENER_KIT];
    const report = await pull();

    assert.deepEqual(
      report.warnings.map((issue) => [issue.message, issue.location?.entity]),
      [
        [
          'Part NLG-1000 rev C has the Name "Nose Landing Gear Assembly" in its Design version and "Nose Landing Gear Assy, Mfg" in its Manufacturing version OR:wt.part.WTPart:200601. ' +
            "The part keeps the Design version's Name, because one part number and revision is one part in every BOM view; make the two equal in Windchill to clear this warning.",
          partId(200601),
        ],
      ],
    );
    const assembly = (await store.part('NLG-1000', 'C'))!;
    assert.deepEqual(await store.values(assembly, `${NS.dcterms}title`), ['Nose Landing Gear Assembly']);
  });

  /** A site's service view, which is neither the EBOM nor the MBOM. */
  const NLG_1000_SERVICE: InventedPart = { ...NLG_1000_MANUFACTURING, id: 200603, view: 'Service', uses: NLG_1000_MANUFACTURING.uses.slice(0, 2).map((use) => ({ ...use, link: use.link + 10 })) };

  it('unknown view leaves its lines out', async () => {
    windchill.parts = [...PARTS, NLG_1000_SERVICE];
    const report = await pull();

    assert.deepEqual(report.counts.parts.created, 9);
    assert.deepEqual(report.counts.bomLines.created, 10);
    assert.deepEqual(
      report.warnings.map((issue) => [issue.message, issue.location?.entity]),
      [
        [
          'Windchill view "Service" is neither an EBOM nor an MBOM view (EBOM, MBOM, Design, Manufacturing), so the pull leaves out 2 BOM lines of 1 part version in that view: NLG-1000 rev C. ' +
            'To import them, map the view to a BOM view in a --mapping file, as in {"views": {"Service": "MBOM"}}.',
          'OR:wt.part.WTPartUsageLink:300611',
        ],
      ],
    );
    assert.deepEqual(await viewedBom(store), NLG_EBOM);

    // An incremental pull that reads the Service version compares none of its lines with the stored EBOM.
    windchill.parts = windchill.parts.map((part) => (part.id === NLG_1000_SERVICE.id ? { ...part, lastModified: '2026-03-02T10:00:00Z' } : part));
    const incremental = await pull({ modifiedSince: report.highWaterMark! });
    assert.deepEqual(
      incremental.warnings.map((issue) => issue.message.slice(0, issue.message.indexOf(','))),
      ['Windchill view "Service" is neither an EBOM nor an MBOM view (EBOM'],
    );
    windchill.parts = windchill.parts.map((part) => (part.id === NLG_1000_SERVICE.id ? NLG_1000_SERVICE : part));

    // With the view mapped, the same pull stores the service BOM as the MBOM.
    const mapped = await pull({ mapping: { views: { Service: 'MBOM' } } });
    assert.deepEqual(mapped.counts.bomLines, { created: 2, updated: 0, unchanged: 10, removed: 0 });
    assert.deepEqual(mapped.warnings, []);
    assert.deepEqual(
      (await viewedBom(store)).filter(([view]) => view === 'MBOM'),
      [
        ['MBOM', 'NLG-1000', 'NLG-1100', 1],
        ['MBOM', 'NLG-1000', 'NLG-1200', 1],
      ],
    );
  });

  /** Windchill View of every part, the import's bomView (--bom-view), and the dt:bomView of every line. */
  const DEFAULT_VIEW_CASES: Array<{ view: string | null; bomView?: 'EBOM' | 'MBOM'; expected: string }> = [
    { view: null, expected: 'EBOM' },
    { view: null, bomView: 'MBOM', expected: 'MBOM' },
    { view: null, bomView: 'EBOM', expected: 'EBOM' },
    // The view that Windchill gives beats the import's default.
    { view: 'Design', bomView: 'MBOM', expected: 'EBOM' },
    { view: 'Manufacturing', expected: 'MBOM' },
    { view: 'Manufacturing', bomView: 'EBOM', expected: 'MBOM' },
  ];
  for (const { view, bomView, expected } of DEFAULT_VIEW_CASES) {
    it(`View ${String(view)} with bomView ${bomView ?? 'unset'}`, async () => {
      windchill.parts = PARTS.map((part) => ({ ...part, view }));
      const report = await pull(bomView === undefined ? {} : { bomView });

      assert.deepEqual(report.counts.bomLines.created, 10);
      assert.deepEqual(report.warnings, []);
      assert.deepEqual(await viewedBom(store), NLG_EBOM.map(([, ...line]): ViewedLine => [expected, ...line]));
    });
  }
});

describe('Windchill source name', () => {
  const windchill = new FakeWindchill();
  let store: ImportStore;
  useWindchill(windchill, (opened) => (store = opened));

  /** Spellings of the fake service root that reach its ProdMgmt domain, as a user may type them. */
  const spellings = (root: string): [name: string, url: string][] => [
    ['trailing slash', `${root}/`],
    ['ProdMgmt domain', `${root}/ProdMgmt`],
    ['ProdMgmt domain with slash', `${root}/ProdMgmt/`],
    ['upper-case scheme', root.replace(/^http:/, 'HTTP:')],
    ['query string', `${root}?$format=json`],
    ['fragment', `${root}#parts`],
  ];
  const takeOvers = (report: SyncReport): string[] => report.warnings.map((issue) => issue.message).filter((message) => /take over|takes over|took over/.test(message));

  for (const [name, spelling] of spellings('ROOT')) {
    it(`${name} runs as the service root`, async () => {
      const url = spelling.replace('ROOT', windchill.serviceRoot);
      await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });

      const report = await store.import('odata', url, { authorization: AUTHORIZATION, dryRun: true });
      assert.equal(report.source.iri, windchill.serviceRoot);
      assert.equal(report.source.uri, `${windchill.serviceRoot}/ProdMgmt`);
      assert.deepEqual(takeOvers(report), []);
      assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 9, removed: 0 });
      assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: 10, removed: 0 });
    });

    it(`${name} first, service root second`, async () => {
      const url = spelling.replace('ROOT', windchill.serviceRoot);
      const first = await store.import('odata', url, { authorization: AUTHORIZATION });
      assert.equal(first.source.iri, windchill.serviceRoot);

      const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION });
      assert.equal(report.source.iri, windchill.serviceRoot);
      assert.deepEqual(takeOvers(report), []);
      assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 9, removed: 0 });
    });
  }

  it('--source keeps the name as given', async () => {
    const report = await store.import('odata', `${windchill.serviceRoot}/`, { authorization: AUTHORIZATION, source: 'windchill-prod' });
    assert.equal(report.source.iri, 'urn:digital-thread:import-source:windchill-prod');
  });

  /** Pulls as an earlier version did from `url`, whose source name was the URL as typed. */
  const legacyPull = (url: string): Promise<SyncReport> => store.import('odata', url, { authorization: AUTHORIZATION, source: url });

  it('legacy spelling keeps its resources', async () => {
    const legacy = `${windchill.serviceRoot}/`;
    await legacyPull(legacy);

    for (const url of [legacy, windchill.serviceRoot, `${windchill.serviceRoot}/ProdMgmt`]) {
      const report = await store.import('odata', url, { authorization: AUTHORIZATION, dryRun: true });
      assert.equal(report.source.iri, legacy, url);
      assert.deepEqual(takeOvers(report), [], url);
      assert.deepEqual(report.warnings, [], url);
      assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 9, removed: 0 }, url);
    }
  });

  it('legacy spelling removes missing parts', async () => {
    const legacy = `${windchill.serviceRoot}/ProdMgmt`;
    await legacyPull(legacy);
    // Windchill no longer has the upper drag link NLG-1210, which only NLG-1200 uses.
    windchill.parts = windchill.parts.filter((part) => part.id !== 200316).map((part) => ({ ...part, uses: part.uses.filter((use) => use.child !== 200316) }));

    const report = await store.import('odata', `${windchill.serviceRoot}/`, { authorization: AUTHORIZATION, removeMissing: true });
    assert.equal(report.source.iri, legacy);
    assert.equal(report.counts.parts.removed, 1);
    assert.equal(report.counts.bomLines.removed, 1);
    assert.deepEqual(takeOvers(report), []);
  });

  it('split legacy spellings warn', async () => {
    const slash = `${windchill.serviceRoot}/`;
    const domain = `${windchill.serviceRoot}/ProdMgmt`;
    await legacyPull(domain);
    // The slash spelling describes one part differently, so it takes that part over.
    windchill.parts = windchill.parts.map((part) => (part.id === 200314 ? { ...part, name: 'Piston, chromed' } : part));
    await legacyPull(slash);

    const report = await store.import('odata', windchill.serviceRoot, { authorization: AUTHORIZATION, dryRun: true });
    assert.equal(report.source.iri, domain);
    assert.deepEqual(
      report.warnings.filter((issue) => issue.message.startsWith('Earlier imports')).map((issue) => issue.message),
      [
        `Earlier imports stored this source under 2 names: ${domain} (17 resources) and ${slash} (2 resources). This import runs as ${domain}, so it takes over the resources of the other names that it describes, and --remove-missing removes only what ${domain} wrote.`,
      ],
    );
  });

  it('user info never names the source', async () => {
    const versions = await store.versions();
    const url = windchill.serviceRoot.replace('http://', 'http://wcadmin:s3cret@');
    await assert.rejects(store.import('odata', url, { authorization: AUTHORIZATION }), (error: unknown) => {
      assert.ok(error instanceof ImportError);
      assert.equal(error.message.includes('s3cret'), false);
      assert.equal(error.message.includes('wcadmin'), false);
      return true;
    });
    assert.deepEqual(await store.versions(), versions);
    assert.equal(windchill.requests.length, 0);
  });
});

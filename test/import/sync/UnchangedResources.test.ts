import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { DataFactory } from 'n3';
import { importSourceIri } from '../../../src/import/Provenance.js';
import { importStateGraph } from '../../../src/import/ImportState.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { csvBomWriter, ImportStore, NS } from '../helpers/ImportStore.js';

const { namedNode, literal, quad } = DataFactory;

const directory = temporaryDirectory('dt-unchanged-');
after(() => directory.remove());

const csvFile = csvBomWriter(directory.path);

const ACTUATOR = ['EHA-500,,Actuator,1,', 'EHA-510,EHA-500,Bracket,2,10', 'NAS1352-3,EHA-500,Screw,8,20'];

/**
 * An import of a source whose import state shows its resources unchanged skips reading them back. These
 * tests count the reads of part and BOM line graphs, and check that every write by someone else since
 * the last import still makes the import read and compare the resource.
 */
describe('import of unchanged resources', () => {
  let store: ImportStore;
  /** Part and BOM line IRIs read one by one, and bulk read-back queries, since the last reset. */
  let reads: string[];
  /** SPARQL queries with text results, such as the identity queries of a full comparison. */
  let queries: number;

  beforeEach(async () => {
    store = await ImportStore.open();
    reads = [];
    queries = 0;
    const engine = store.store;
    const readQuads = engine.readQuads.bind(engine);
    const queryText = engine.queryText.bind(engine);
    engine.readQuads = (graph) => {
      if (/\/(parts|bom-lines)\//.test(graph)) {
        reads.push(graph);
      }
      return readQuads(graph);
    };
    engine.queryText = (sparql, format, options) => {
      queries += 1;
      if (sparql.includes('?s ?p ?o')) {
        reads.push('bulk read-back');
      }
      return queryText(sparql, format, options);
    };
  });
  afterEach(() => store.close());

  it('reads nothing back when nothing changed', async () => {
    const file = csvFile('actuator.csv', ACTUATOR);
    await store.import('csv', file);
    reads.length = 0;
    queries = 0;
    const journal = store.journalBytes();

    const report = await store.import('csv', file);
    assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 3, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: 2, removed: 0 });
    assert.deepEqual(reads, []);
    // Every item maps to its resource through the import state, so not even the identities are queried.
    assert.equal(queries, 0);
    assert.equal(store.journalBytes(), journal);
  });

  it('recreates a line deleted since', async () => {
    const file = csvFile('deleted.csv', ACTUATOR);
    await store.import('csv', file);
    const actuator = (await store.part('EHA-500', '-'))!;
    const [line] = await store.values(actuator, `${NS.oslc_plm}composedOfPartUsage`);
    await store.store.commit([{ graph: line!, quads: null }]);

    const report = await store.import('csv', file);
    assert.deepEqual(report.counts.bomLines, { created: 1, updated: 0, unchanged: 1, removed: 0 });
    const created = report.changes.find((change) => change.action === 'create')!.iri;
    assert.notEqual(created, line);
    assert.ok((await store.values(actuator, `${NS.oslc_plm}composedOfPartUsage`)).includes(created));
  });

  it('compares in full when an item left', async () => {
    const file = csvFile('left.csv', ACTUATOR);
    await store.import('csv', file);
    queries = 0;

    const report = await store.import('csv', csvFile('left.csv', ACTUATOR.slice(0, 2)));
    assert.ok(queries > 0, 'the identities are queried to find what left the source');
    assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 2, removed: 0 });
    assert.ok(report.warnings.some((issue) => issue.message.startsWith('The source no longer has 1 part and 1 BOM line')));
  });

  it('restores a title an OSLC client changed', async () => {
    const file = csvFile('restored.csv', ACTUATOR);
    await store.import('csv', file);
    const bracket = (await store.part('EHA-510', '-'))!;
    const quads = (await store.quads(bracket)).filter((candidate) => candidate.predicate.value !== `${NS.dcterms}title`);
    quads.push(quad(namedNode(bracket), namedNode(`${NS.dcterms}title`), literal('Bracket (renamed in DOORS Next)')));
    await store.store.commit([{ graph: bracket, quads }]);
    reads.length = 0;

    const report = await store.import('csv', file);
    assert.deepEqual(reads, [bracket]);
    assert.deepEqual(report.counts.parts, { created: 0, updated: 1, unchanged: 2, removed: 0 });
    assert.deepEqual(await store.values(bracket, `${NS.dcterms}title`), ['Bracket']);
  });

  it('restores a title a SPARQL update changed', async () => {
    const file = csvFile('updated.csv', ACTUATOR);
    await store.import('csv', file);
    const screw = (await store.part('NAS1352-3', '-'))!;
    await store.store.update(`DELETE { GRAPH <${screw}> { <${screw}> <${NS.dcterms}title> ?old } } INSERT { GRAPH <${screw}> { <${screw}> <${NS.dcterms}title> "Screw, pan head" } } WHERE { GRAPH <${screw}> { <${screw}> <${NS.dcterms}title> ?old } }`);

    const report = await store.import('csv', file);
    assert.deepEqual(report.counts.parts, { created: 0, updated: 1, unchanged: 2, removed: 0 });
    assert.deepEqual(await store.values(screw, `${NS.dcterms}title`), ['Screw']);
  });

  it('links a new line from an unread assembly', async () => {
    await store.import('csv', csvFile('grown.csv', ACTUATOR));
    const actuator = (await store.part('EHA-500', '-'))!;
    const lines = await store.values(actuator, `${NS.oslc_plm}composedOfPartUsage`);
    assert.equal(lines.length, 2);

    const report = await store.import('csv', csvFile('grown.csv', [...ACTUATOR, 'MS21042-3,EHA-500,Nut,8,30']));
    assert.deepEqual(report.counts.parts, { created: 1, updated: 1, unchanged: 2, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 1, updated: 0, unchanged: 2, removed: 0 });
    const after = await store.values(actuator, `${NS.oslc_plm}composedOfPartUsage`);
    assert.equal(after.length, 3);
    assert.deepEqual(after.filter((line) => lines.includes(line)), lines);

    // The assembly was written in that commit, so a third import finds it unchanged again.
    reads.length = 0;
    const again = await store.import('csv', csvFile('grown.csv', [...ACTUATOR, 'MS21042-3,EHA-500,Nut,8,30']));
    assert.deepEqual(again.counts.parts, { created: 0, updated: 0, unchanged: 4, removed: 0 });
    assert.deepEqual(reads, []);
  });

  it('unlinks a removed line from an unread assembly', async () => {
    await store.import('csv', csvFile('shrunk.csv', ACTUATOR));
    const actuator = (await store.part('EHA-500', '-'))!;
    assert.equal((await store.values(actuator, `${NS.oslc_plm}composedOfPartUsage`)).length, 2);

    const report = await store.import('csv', csvFile('shrunk.csv', ACTUATOR.slice(0, 2)), { removeMissing: true });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: 1, removed: 1 });
    // The screw left the source with its line, so it goes too.
    assert.deepEqual(report.counts.parts, { created: 0, updated: 1, unchanged: 1, removed: 1 });
    assert.equal((await store.values(actuator, `${NS.oslc_plm}composedOfPartUsage`)).length, 1);
  });

  const identityEdits: [string, (part: string) => string][] = [
    ['revision changed by SPARQL', (part) => `DELETE { GRAPH <${part}> { <${part}> <${NS.dt}revision> ?old } } INSERT { GRAPH <${part}> { <${part}> <${NS.dt}revision> "B" } } WHERE { GRAPH <${part}> { <${part}> <${NS.dt}revision> ?old } }`],
    ['part number changed by SPARQL', (part) => `DELETE { GRAPH <${part}> { <${part}> <${NS.dt}partNumber> ?old } } INSERT { GRAPH <${part}> { <${part}> <${NS.dt}partNumber> "EHA-510X" } } WHERE { GRAPH <${part}> { <${part}> <${NS.dt}partNumber> ?old } }`],
    ['second revision added', (part) => `INSERT DATA { GRAPH <${part}> { <${part}> <${NS.dt}revision> "Z" } }`],
  ];
  for (const [name, edit] of identityEdits) {
    it(`restores identity: ${name}`, async () => {
      const file = csvFile(`identity-${name.replaceAll(' ', '-')}.csv`, ACTUATOR);
      await store.import('csv', file);
      const bracket = (await store.part('EHA-510', '-'))!;
      const parts = await store.resources(`${NS.oslc_plm}Part`);
      const lines = await store.resources(`${NS.oslc_plm}PartUsage`);
      await store.store.update(edit(bracket));

      const report = await store.import('csv', file);
      assert.deepEqual(report.counts.parts, { created: 0, updated: 1, unchanged: 2, removed: 0 });
      assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: 2, removed: 0 });
      assert.equal(await store.part('EHA-510', '-'), bracket);
      assert.deepEqual(await store.values(bracket, `${NS.dt}partNumber`), ['EHA-510']);
      assert.deepEqual(await store.values(bracket, `${NS.dt}revision`), ['-']);
      assert.deepEqual(await store.resources(`${NS.oslc_plm}Part`), parts);
      assert.deepEqual(await store.resources(`${NS.oslc_plm}PartUsage`), lines);
    });
  }

  const restoredIdentities: [name: string, edit: (part: string) => string, expected: string][] = [
    [identityEdits[0]![0], identityEdits[0]![1], 'has part number EHA-510 revision B in the store; the import restores EHA-510 revision -. To keep both revisions, create the other one as a new part.'],
    [identityEdits[1]![0], identityEdits[1]![1], 'has part number EHA-510X revision - in the store; the import restores EHA-510 revision -. To keep both part numbers, create the other one as a new part.'],
  ];
  for (const [name, edit, expected] of restoredIdentities) {
    it(`warns when it restores identity: ${name}`, async () => {
      const file = csvFile(`identity-warning-${name.replaceAll(' ', '-')}.csv`, ACTUATOR);
      await store.import('csv', file);
      const bracket = (await store.part('EHA-510', '-'))!;
      await store.store.update(edit(bracket));

      const report = await store.import('csv', file);
      const warning = report.warnings.find((issue) => issue.message.startsWith(bracket));
      assert.ok(warning !== undefined, report.warnings.map((issue) => issue.message).join('\n'));
      assert.ok(warning.message.endsWith(expected), warning.message);
      assert.equal(warning.location?.line, 3);
    });
  }

  it('creates a part renamed in the source', async () => {
    await store.import('csv', csvFile('renamed.csv', ACTUATOR));
    const bracket = (await store.part('EHA-510', '-'))!;

    // A change in the source itself is another item, with another source id, so it is a new part.
    const report = await store.import('csv', csvFile('renamed.csv', ACTUATOR.map((row) => row.replace('EHA-510,', 'EHA-511,'))));
    // The actuator gains a link to the new line.
    assert.deepEqual(report.counts.parts, { created: 1, updated: 1, unchanged: 1, removed: 0 });
    assert.deepEqual(await store.values(bracket, `${NS.dt}partNumber`), ['EHA-510']);
    assert.notEqual(await store.part('EHA-511', '-'), bracket);
  });

  it('reads everything when the state is missing', async () => {
    const file = csvFile('stateless.csv', ACTUATOR);
    await store.import('csv', file);
    const stateGraph = importStateGraph('fcc', importSourceIri({ uri: file, name: 'stateless.csv' }));
    assert.notEqual(await store.store.versionOf(stateGraph), undefined);
    await store.store.commit([{ graph: stateGraph, quads: null }]);
    reads.length = 0;
    const journal = store.journalBytes();

    // An import that writes nothing writes no state either, so a store from before import states reads every time.
    const report = await store.import('csv', file);
    assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 3, removed: 0 });
    assert.equal(reads.length, 5);
    assert.equal(store.journalBytes(), journal);
    assert.equal(await store.store.versionOf(stateGraph), undefined);
  });
});

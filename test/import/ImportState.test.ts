import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DataFactory } from 'n3';
import { ImportState, importStateGraph } from '../../src/import/ImportState.js';
import { EmbeddedStore } from '../../src/store/embedded/EmbeddedStore.js';
import type { GraphWrite } from '../../src/store/TripleStore.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const { namedNode, literal, quad } = DataFactory;

const SOURCE = 'urn:digital-thread:import-source:bracket.csv';
const A = 'http://127.0.0.1:8080/oslc/sp/fcc/parts/P-000001';
const B = 'http://127.0.0.1:8080/oslc/sp/fcc/parts/P-000002';
const C = 'http://127.0.0.1:8080/oslc/sp/fcc/parts/P-000003';

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

function resourceWrite(iri: string, title: string): GraphWrite {
  return { graph: iri, quads: [quad(namedNode(iri), namedNode('http://purl.org/dc/terms/title'), literal(title))] };
}

describe('ImportState', () => {
  let directory: { path: string; remove: () => void };
  let store: EmbeddedStore;
  beforeEach(async () => {
    directory = temporaryDirectory('dt-import-state-');
    store = new EmbeddedStore({ directory: directory.path });
    await store.open();
  });
  afterEach(async () => {
    await store.close();
    directory.remove();
  });

  const read = (): Promise<ImportState> => ImportState.read(store, 'fcc', SOURCE);
  const version = async (iri: string): Promise<string | undefined> => store.versionOf(iri);
  const item = (iri: string, text: string): { key: string; iri: string; digest: string } => ({ key: `parts ${iri.slice(-1)}`, iri, digest: digest(text) });

  it('starts empty', async () => {
    await store.commit([resourceWrite(A, 'Bracket')]);
    const state = await read();
    assert.equal(state.version, null);
    assert.equal(state.size, 0);
    assert.equal(state.graph, importStateGraph('fcc', SOURCE));
    assert.equal(state.resourceOf('parts 1'), undefined);
    assert.equal(state.isUnchanged('parts 1', A, await version(A), digest('a')), false);
  });

  it('matches resources of its own commit', async () => {
    await store.commit([resourceWrite(A, 'Bracket'), (await read()).write({ written: [item(A, 'a')], unchanged: [], removed: [] })]);
    const state = await read();
    assert.equal(state.version, await version(A));
    assert.equal(state.size, 1);
    assert.equal(state.resourceOf('parts 1'), A);
    assert.equal(state.isUnchanged('parts 1', A, await version(A), digest('a')), true);
    assert.equal(state.isUnchanged('parts 1', A, await version(A), digest('a, edited in the source')), false);
    assert.equal(state.isUnchanged('parts 1', B, await version(A), digest('a')), false);
    assert.equal(state.isUnchanged('parts 2', A, await version(A), digest('a')), false);
  });

  it('stops matching after another write', async () => {
    await store.commit([resourceWrite(A, 'Bracket'), (await read()).write({ written: [item(A, 'a')], unchanged: [], removed: [] })]);
    await store.commit([resourceWrite(A, 'Bracket, edited in an OSLC client')]);
    const state = await read();
    assert.equal(state.isUnchanged('parts 1', A, await version(A), digest('a')), false);
  });

  it('keeps entries a later import leaves out', async () => {
    await store.commit([resourceWrite(A, 'Bracket'), resourceWrite(C, 'Washer'), (await read()).write({ written: [item(A, 'a'), item(C, 'c')], unchanged: [], removed: [] })]);
    const versionOfA = (await version(A))!;

    // An incremental pull that writes B only and removes C: A keeps the version of the first commit.
    await store.commit([resourceWrite(B, 'Bolt'), { graph: C, quads: null }, (await read()).write({ written: [item(B, 'b')], unchanged: [], removed: [C] })]);
    const state = await read();
    assert.notEqual(state.version, versionOfA);
    assert.equal(state.size, 2);
    assert.equal(state.isUnchanged('parts 1', A, versionOfA, digest('a')), true);
    assert.equal(state.isUnchanged('parts 1', A, state.version!, digest('a')), false);
    assert.equal(state.isUnchanged('parts 2', B, await version(B), digest('b')), true);
    assert.equal(state.resourceOf('parts 3'), undefined);
  });

  it('records unchanged resources with their version', async () => {
    await store.commit([resourceWrite(A, 'Bracket')]);
    const versionOfA = (await version(A))!;
    await store.commit([resourceWrite(B, 'Bolt'), (await read()).write({ written: [item(B, 'b')], unchanged: [{ ...item(A, 'a'), version: versionOfA }], removed: [] })]);
    const state = await read();
    assert.equal(state.isUnchanged('parts 1', A, versionOfA, digest('a')), true);
    assert.equal(state.isUnchanged('parts 1', A, state.version!, digest('a')), false);
  });

  it('marks resources written elsewhere', async () => {
    await store.commit([resourceWrite(A, 'Bracket'), (await read()).write({ written: [item(A, 'a')], unchanged: [], removed: [] })]);
    const imported = (await version(A))!;
    assert.equal((await read()).isResourceChangedElsewhere(A, imported), false);

    // A user's write, then an import that finds the item unchanged and records the new version.
    await store.commit([resourceWrite(A, 'Bracket, edited')]);
    const edited = (await version(A))!;
    await store.commit([(await read()).write({ written: [], unchanged: [{ ...item(A, 'a'), version: edited }], removed: [] })]);
    const state = await read();
    assert.equal(state.isUnchanged('parts 1', A, edited, digest('a')), true);
    assert.equal(state.isResourceChangedElsewhere(A, edited), true, 'the mark stays after the version is recorded');

    // The mark also stays when a later import writes the resource.
    await store.commit([resourceWrite(A, 'Bracket'), state.write({ written: [{ ...item(A, 'b'), storedVersion: edited }], unchanged: [], removed: [] })]);
    const later = await read();
    assert.equal(later.isResourceChangedElsewhere(A, (await version(A))!), true);
  });

  it('retitled entries lose the digest', async () => {
    await store.commit([resourceWrite(A, 'Bracket'), resourceWrite(B, 'Bolt'), (await read()).write({ written: [item(A, 'a'), item(B, 'b')], unchanged: [], removed: [] })]);
    await store.commit([resourceWrite(B, 'Bolt, edited in an OSLC client')]);
    const stored = new Map([
      [A, (await version(A))!],
      [B, (await version(B))!],
    ]);

    // An import derives the titles of A and B again, without their source items.
    await store.commit([resourceWrite(A, 'Bracket, renamed'), resourceWrite(B, 'Bolt, renamed'), (await read()).write({ written: [], unchanged: [], removed: [], retitled: stored })]);
    const state = await read();
    assert.equal(state.size, 2);
    assert.equal(state.resourceOf('parts 1'), A);
    assert.equal(state.isUnchanged('parts 1', A, await version(A), digest('a')), false, 'the old digest no longer matches');
    assert.equal(state.isWrittenElsewhere('parts 1', A, (await version(A))!), false);
    assert.equal(state.isResourceChangedElsewhere(A, (await version(A))!), false);
    assert.equal(state.isResourceChangedElsewhere(B, (await version(B))!), true, 'the edit before the retitling stays marked');
  });

  it('fails a write that raced another import', async () => {
    const stale = await read();
    await store.commit([resourceWrite(A, 'Bracket'), stale.write({ written: [item(A, 'a')], unchanged: [], removed: [] })]);
    await assert.rejects(store.commit([stale.write({ written: [], unchanged: [], removed: [] })]), { name: 'PreconditionFailedError' });
  });

  it('is marked ITAR', async () => {
    await store.commit([resourceWrite(A, 'Bracket'), (await read()).write({ written: [item(A, 'a')], unchanged: [], removed: [] })]);
    const quads = (await store.readQuads(importStateGraph('fcc', SOURCE)))!;
    assert.deepEqual(
      quads.map((candidate) => candidate.predicate.value).sort(),
      ['https://w3id.org/digital-thread/ns#exportControl', 'https://w3id.org/digital-thread/ns#resourceFingerprints'],
    );
    assert.equal(quads.find((candidate) => candidate.predicate.value.endsWith('exportControl'))!.object.value, 'https://w3id.org/digital-thread/ns#ITAR');
    const text = quads.find((candidate) => candidate.predicate.value.endsWith('resourceFingerprints'))!.object.value;
    assert.equal(text.split('\n').length, 1);
    assert.equal(text.endsWith(` ${A}`), true);
  });

  it('names its graph without the source name', () => {
    const graph = importStateGraph('fcc', 'file:///home/engineer/secret-programme-bom.csv');
    assert.match(graph, /^urn:x-dt:import-state:fcc:[0-9a-f]{32}$/);
    assert.notEqual(graph, importStateGraph('fcc', SOURCE));
    assert.notEqual(graph, importStateGraph('eha', 'file:///home/engineer/secret-programme-bom.csv'));
  });
});

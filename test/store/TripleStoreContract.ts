import assert from 'node:assert/strict';
import { describe, it, beforeEach, afterEach } from 'node:test';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { ChangeEvent, TripleStore } from '../../src/store/TripleStore.js';
import { InvalidQueryError, PreconditionFailedError, StoreError } from '../../src/store/StoreError.js';

const { namedNode, literal, quad } = DataFactory;

export interface StoreFixture {
  store: TripleStore;
  /** Closes the store and opens a new instance on the same persisted state. */
  reopen(): Promise<TripleStore>;
  cleanup(): Promise<void>;
}

const EX = 'http://example.org/';
const DCTERMS_TITLE = namedNode('http://purl.org/dc/terms/title');

function triples(turtle: string): Quad[] {
  return new Parser({ baseIRI: EX }).parse(turtle) as Quad[];
}

function sortedLines(ntriples: string): string[] {
  return ntriples
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .sort();
}

/**
 * The behaviour every TripleStore backend must show. Each backend's test file calls this with a factory
 * that opens a fresh, empty store.
 */
export function describeTripleStoreContract(backend: string, createFixture: () => Promise<StoreFixture>): void {
  describe(`TripleStore contract: ${backend}`, () => {
    let fixture: StoreFixture;
    let store: TripleStore;

    beforeEach(async () => {
      fixture = await createFixture();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it('commit creates a graph with a version', async () => {
      const result = await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <http://purl.org/dc/terms/title> "Bracket" .') }]);
      const version = await store.versionOf(`${EX}r1`);
      assert.equal(typeof version, 'string');
      assert.equal(result.versions.get(`${EX}r1`), version);
      const snapshot = await store.readGraph(`${EX}r1`, 'application/n-triples');
      assert.deepEqual(sortedLines(snapshot!.body), ['<http://example.org/r1> <http://purl.org/dc/terms/title> "Bracket" .']);
      assert.equal(snapshot!.version, version);
    });

    it('missing graph has no version or content', async () => {
      assert.equal(await store.versionOf(`${EX}missing`), undefined);
      assert.equal(await store.readGraph(`${EX}missing`, 'text/turtle'), undefined);
      assert.equal(await store.readQuads(`${EX}missing`), undefined);
    });

    it('replace changes the version and the whole content', async () => {
      const first = await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" ; <q> "b" .') }]);
      const second = await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "c" .'), expectedVersion: first.versions.get(`${EX}r1`)! }]);
      assert.notEqual(second.versions.get(`${EX}r1`), first.versions.get(`${EX}r1`));
      const quads = await store.readQuads(`${EX}r1`);
      assert.equal(quads!.length, 1);
      assert.equal(quads![0]!.object.value, 'c');
    });

    it('stale expected version fails and changes nothing', async () => {
      const first = await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      const staleVersion = first.versions.get(`${EX}r1`)!;
      await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "b" .'), expectedVersion: staleVersion }]);
      await assert.rejects(
        store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "c" .'), expectedVersion: staleVersion }]),
        PreconditionFailedError,
      );
      assert.equal((await store.readQuads(`${EX}r1`))![0]!.object.value, 'b');
    });

    it('expected absence fails when the graph exists', async () => {
      await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      await assert.rejects(store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "b" .'), expectedVersion: null }]), PreconditionFailedError);
      assert.equal((await store.readQuads(`${EX}r1`))![0]!.object.value, 'a');
    });

    it('multi-graph commit is all or nothing', async () => {
      await store.commit([{ graph: `${EX}r2`, quads: triples('<r2> <p> "exists" .') }]);
      await assert.rejects(
        store.commit([
          { graph: `${EX}r1`, quads: triples('<r1> <p> "new" .'), expectedVersion: null },
          { graph: `${EX}r2`, quads: triples('<r2> <p> "changed" .'), expectedVersion: null },
        ]),
        PreconditionFailedError,
      );
      assert.equal(await store.versionOf(`${EX}r1`), undefined);
      assert.equal((await store.readQuads(`${EX}r2`))![0]!.object.value, 'exists');
    });

    it('null quads delete the graph', async () => {
      const created = await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      const deleted = await store.commit([{ graph: `${EX}r1`, quads: null, expectedVersion: created.versions.get(`${EX}r1`)! }]);
      assert.equal(deleted.versions.get(`${EX}r1`), null);
      assert.equal(await store.versionOf(`${EX}r1`), undefined);
      assert.deepEqual(await store.graphs(), []);
    });

    it('concurrent commits with one expected version: exactly one wins', async () => {
      const created = await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      const version = created.versions.get(`${EX}r1`)!;
      const outcomes = await Promise.allSettled(
        ['b', 'c', 'd', 'e'].map((value) => store.commit([{ graph: `${EX}r1`, quads: triples(`<r1> <p> "${value}" .`), expectedVersion: version }])),
      );
      assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
        assert.ok((outcome as PromiseRejectedResult).reason instanceof PreconditionFailedError);
      }
    });

    it('literals keep datatype and language; blank nodes stay linked', async () => {
      const source = triples(`
        <r1> <http://purl.org/dc/terms/title> "Hinge"@en ;
             <mass> "1.25"^^<http://www.w3.org/2001/XMLSchema#decimal> ;
             <effectivity> [ <from> "2026-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ; <to> "2027-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ] .`);
      await store.commit([{ graph: `${EX}r1`, quads: source }]);
      const quads = (await store.readQuads(`${EX}r1`))!;
      assert.equal(quads.length, 5);
      const title = quads.find((q) => q.predicate.equals(DCTERMS_TITLE))!;
      assert.equal(title.object.termType, 'Literal');
      assert.equal((title.object as { language: string }).language, 'en');
      const effectivity = quads.find((q) => q.predicate.value === `${EX}effectivity`)!.object;
      assert.equal(effectivity.termType, 'BlankNode');
      const bounds = quads.filter((q) => q.subject.equals(effectivity));
      assert.equal(bounds.length, 2);
      assert.ok(bounds.every((q) => (q.object as { datatype: { value: string } }).datatype.value === 'http://www.w3.org/2001/XMLSchema#date'));
    });

    it('change events report kind, version and order', async () => {
      const events: ChangeEvent[] = [];
      const unsubscribe = store.onChange((batch) => events.push(...batch));
      const created = await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      const modified = await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "b" .') }]);
      await store.commit([{ graph: `${EX}r1`, quads: null }]);
      unsubscribe();
      await store.commit([{ graph: `${EX}r2`, quads: triples('<r2> <p> "unheard" .') }]);

      assert.deepEqual(
        events.map((event) => event.kind),
        ['created', 'modified', 'deleted'],
      );
      assert.equal(events[0]!.version, created.versions.get(`${EX}r1`));
      assert.equal(events[1]!.version, modified.versions.get(`${EX}r1`));
      assert.equal(events[2]!.version, undefined);
      assert.ok(events[0]!.sequence < events[1]!.sequence, 'created before modified');
      assert.ok(events[1]!.sequence < events[2]!.sequence, 'modified before deleted');
    });

    it('invalid graph IRI is rejected and nothing is stored', async () => {
      await assert.rejects(store.commit([{ graph: 'http://example.org/has space', quads: triples('<r1> <p> "a" .') }]), StoreError);
      await assert.rejects(store.commit([{ graph: 'not-an-iri', quads: triples('<r1> <p> "a" .') }]), StoreError);
      assert.deepEqual(await store.graphs(), []);
    });

    it('invalid IRI inside the data is rejected and the graph keeps its content', async () => {
      await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      const bad = [quad(namedNode(`${EX}r1`), namedNode(`${EX}p`), namedNode('http://example.org/a b'))];
      await assert.rejects(store.commit([{ graph: `${EX}r1`, quads: bad }]), StoreError);
      assert.equal((await store.readQuads(`${EX}r1`))![0]!.object.value, 'a');
    });

    it('SELECT over the union of named graphs', async () => {
      await store.commit([
        { graph: `${EX}r1`, quads: triples('<r1> <http://purl.org/dc/terms/title> "Alpha" .') },
        { graph: `${EX}r2`, quads: triples('<r2> <http://purl.org/dc/terms/title> "Beta" .') },
      ]);
      const result = await store.query('SELECT ?t WHERE { ?s <http://purl.org/dc/terms/title> ?t } ORDER BY ?t', { unionDefaultGraph: true });
      assert.equal(result.type, 'bindings');
      assert.deepEqual(
        result.type === 'bindings' ? result.rows.map((row) => row.get('t')!.value) : [],
        ['Alpha', 'Beta'],
      );
    });

    it('named graph restriction hides other graphs from GRAPH ?g', async () => {
      await store.commit([
        { graph: `${EX}r1`, quads: triples('<r1> <p> "visible" .') },
        { graph: `${EX}r2`, quads: triples('<r2> <p> "hidden" .') },
      ]);
      const result = await store.query('SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } }', { namedGraphs: [`${EX}r1`] });
      assert.equal(result.type === 'bindings' ? result.rows.length : -1, 1);
      assert.equal(result.type === 'bindings' ? result.rows[0]!.get('o')!.value : '', 'visible');
    });

    it('ASK and CONSTRUCT return boolean and quads', async () => {
      await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      assert.deepEqual(await store.query('ASK { GRAPH ?g { ?s ?p "a" } }'), { type: 'boolean', value: true });
      const constructed = await store.query('CONSTRUCT { ?s <http://example.org/q> ?o } WHERE { GRAPH ?g { ?s ?p ?o } }');
      assert.equal(constructed.type, 'quads');
      assert.equal(constructed.type === 'quads' ? constructed.quads[0]!.predicate.value : '', `${EX}q`);
    });

    it('queryText returns engine-serialized results', async () => {
      await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      const text = await store.queryText('SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }', 'application/sparql-results+json');
      const json = JSON.parse(text) as { results: { bindings: { o: { value: string } }[] } };
      assert.equal(json.results.bindings[0]!.o.value, 'a');
    });

    it('malformed query is an InvalidQueryError', async () => {
      await assert.rejects(store.query('SELECT ?x WHERE { ?x '), InvalidQueryError);
    });

    it('update INSERT DATA creates a versioned graph with an event', async () => {
      const events: ChangeEvent[] = [];
      store.onChange((batch) => events.push(...batch));
      const result = await store.update(`INSERT DATA { GRAPH <${EX}r1> { <${EX}r1> <${EX}p> "a" } }`);
      assert.ok(result.versions.get(`${EX}r1`));
      assert.equal(await store.versionOf(`${EX}r1`), result.versions.get(`${EX}r1`));
      assert.deepEqual(events.map((event) => [event.graph, event.kind]), [[`${EX}r1`, 'created']]);
    });

    it('update DELETE/INSERT WHERE versions only changed graphs', async () => {
      await store.commit([
        { graph: `${EX}r1`, quads: triples('<r1> <status> "Open" .') },
        { graph: `${EX}r2`, quads: triples('<r2> <status> "Closed" .') },
      ]);
      const untouched = await store.versionOf(`${EX}r2`);
      const result = await store.update(`
        DELETE { GRAPH ?g { ?s <${EX}status> "Open" } }
        INSERT { GRAPH ?g { ?s <${EX}status> "Dispositioned" } }
        WHERE { GRAPH ?g { ?s <${EX}status> "Open" } }`);
      assert.deepEqual([...result.versions.keys()], [`${EX}r1`]);
      assert.equal(await store.versionOf(`${EX}r2`), untouched);
      assert.equal((await store.readQuads(`${EX}r1`))![0]!.object.value, 'Dispositioned');
    });

    it('update that deletes every triple deletes the graph', async () => {
      await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      await store.update(`DROP GRAPH <${EX}r1>`);
      assert.equal(await store.versionOf(`${EX}r1`), undefined);
    });

    it('update into the default graph is rejected', async () => {
      await assert.rejects(store.update(`INSERT DATA { <${EX}s> <${EX}p> "x" }`), /default graph/);
      assert.equal(await store.size(), 0);
    });

    it('update LOAD is rejected', async () => {
      await assert.rejects(store.update('LOAD <http://127.0.0.1:1/data.ttl> INTO GRAPH <http://example.org/g>'), /LOAD is not allowed/);
    });

    it('failing update leaves earlier operations undone', async () => {
      await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      const version = await store.versionOf(`${EX}r1`);
      await assert.rejects(
        store.update(`DELETE DATA { GRAPH <${EX}r1> { <${EX}r1> <${EX}p> "a" } } ; DROP GRAPH <${EX}none>`),
        InvalidQueryError,
      );
      assert.equal(await store.versionOf(`${EX}r1`), version);
      assert.equal((await store.readQuads(`${EX}r1`))![0]!.object.value, 'a');
    });

    it('syntax error in update changes nothing', async () => {
      await assert.rejects(store.update('INSERT DATA { GRAPH <http://example.org/g> { <a> '), InvalidQueryError);
      assert.equal(await store.size(), 0);
    });

    it('importGraphs loads many graphs with versions and events', async () => {
      await store.commit([{ graph: `${EX}r0`, quads: triples('<r0> <p> "old" .') }]);
      const events: ChangeEvent[] = [];
      store.onChange((batch) => events.push(...batch));
      const source = Array.from({ length: 300 }, (_, i) => ({
        graph: `${EX}r${i}`,
        quads: triples(`<r${i}> <p> "v${i}" ; <e> [ <x> ${i} ] .`),
      }));
      const progress: number[] = [];
      const result = await store.importGraphs(source, (report) => progress.push(report.graphs));
      assert.deepEqual(result, { graphs: 300, quads: 900 });
      assert.equal((await store.graphs()).length, 300);
      assert.equal((await store.readQuads(`${EX}r0`))!.find((q) => q.predicate.value === `${EX}p`)!.object.value, 'v0');
      assert.equal((await store.readQuads(`${EX}r0`))!.length, 3, 'replaced, not merged');
      assert.ok(await store.versionOf(`${EX}r299`));
      assert.equal(events.length, 300);
      assert.equal(events.filter((event) => event.kind === 'modified').length, 1);
      assert.equal(progress.at(-1), 300);

      const reopened = await fixture.reopen();
      assert.equal((await reopened.graphs()).length, 300);
      const quads = (await reopened.readQuads(`${EX}r42`))!;
      const node = quads.find((q) => q.predicate.value === `${EX}e`)!.object;
      assert.equal(quads.find((q) => q.subject.equals(node))!.object.value, '42');
    });

    it('large commit keeps non-ASCII text', async () => {
      // Enough graphs for the embedded store's bulk path, with text in three scripts and above U+FFFF.
      const text = (i: number): string => `Türflügel ${i} — 翼 — \u{1F680}`;
      const writes = Array.from({ length: 120 }, (_, i) => ({
        graph: `${EX}pièce-${i}`,
        quads: [quad(namedNode(`${EX}pièce-${i}`), DCTERMS_TITLE, literal(text(i), 'de'))],
      }));
      await store.commit(writes);
      const check = async (current: TripleStore): Promise<void> => {
        const quads = (await current.readQuads(`${EX}pièce-77`))!;
        assert.equal(quads.length, 1);
        assert.equal(quads[0]!.subject.value, `${EX}pièce-77`);
        assert.equal(quads[0]!.object.value, text(77));
        assert.equal((quads[0]!.object as { language: string }).language, 'de');
      };
      await check(store);
      await check(await fixture.reopen());
    });

    it('commit after import gets a later version', async () => {
      await store.importGraphs([{ graph: `${EX}r1`, quads: triples('<r1> <p> "a" .') }]);
      const imported = await store.versionOf(`${EX}r1`);
      const next = await store.commit([{ graph: `${EX}r1`, quads: triples('<r1> <p> "b" .'), expectedVersion: imported! }]);
      assert.notEqual(next.versions.get(`${EX}r1`), imported);
      const reopened = await fixture.reopen();
      assert.equal((await reopened.readQuads(`${EX}r1`))![0]!.object.value, 'b');
    });

    it('state, versions and blank nodes survive reopening', async () => {
      await store.commit([
        { graph: `${EX}r1`, quads: triples('<r1> <p> "a" ; <e> [ <v> "x" ] .') },
        { graph: `${EX}r2`, quads: triples('<r2> <p> "b" .') },
      ]);
      await store.commit([{ graph: `${EX}r2`, quads: null }]);
      const version = await store.versionOf(`${EX}r1`);
      const reopened = await fixture.reopen();
      assert.equal(await reopened.versionOf(`${EX}r1`), version);
      assert.equal(await reopened.versionOf(`${EX}r2`), undefined);
      const quads = (await reopened.readQuads(`${EX}r1`))!;
      assert.equal(quads.length, 3);
      const node = quads.find((q) => q.predicate.value === `${EX}e`)!.object;
      assert.ok(quads.some((q) => q.subject.equals(node) && q.object.value === 'x'));
      const next = await reopened.commit([{ graph: `${EX}r3`, quads: [quad(namedNode(`${EX}r3`), namedNode(`${EX}p`), literal('c'))] }]);
      assert.notEqual(next.versions.get(`${EX}r3`), version);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { MemberIndex } from '../../src/query/MemberIndex.js';
import { EmbeddedStore } from '../../src/store/embedded/EmbeddedStore.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const BASE = 'http://example.org/';
const PART = 'http://open-services.net/ns/plm#Part';
const NCR = 'https://w3id.org/digital-thread/ns#NonConformanceReport';
const FCC = `${BASE}fcc`;
const EHA = `${BASE}eha`;

function resource(id: string, types: string[], provider: string | undefined): { graph: string; quads: Quad[] } {
  const graph = `${BASE}r/${id}`;
  const typeList = types.map((type) => `<${type}>`).join(', ');
  const providerPart = provider === undefined ? '' : `; <http://open-services.net/ns/core#serviceProvider> <${provider}>`;
  return { graph, quads: new Parser().parse(`<${graph}> a ${typeList} ${providerPart} ; <http://purl.org/dc/terms/title> "${id}" .`) as Quad[] };
}

describe('MemberIndex', () => {
  const directory = temporaryDirectory();
  let store: EmbeddedStore;
  let index: MemberIndex;

  before(async () => {
    store = new EmbeddedStore({ directory: directory.path });
    await store.open();
    await store.commit([resource('p2', [PART], FCC), resource('p10', [PART], FCC), resource('p1', [PART], EHA), resource('n1', [NCR], FCC), resource('orphan', [PART], undefined)]);
    index = new MemberIndex(store);
  });

  after(async () => {
    await store.close();
    directory.remove();
  });

  it('lists members in IRI order', async () => {
    assert.deepEqual(await index.list(PART, FCC), [`${BASE}r/p10`, `${BASE}r/p2`]);
    assert.deepEqual(await index.list(PART, EHA), [`${BASE}r/p1`]);
    assert.deepEqual(await index.list(NCR, FCC), [`${BASE}r/n1`]);
    assert.deepEqual(await index.list(NCR, EHA), []);
  });

  const changes: { name: string; change: () => Promise<unknown>; fcc: string[]; eha: string[] }[] = [
    { name: 'a created resource', change: () => store.commit([resource('p3', [PART], FCC)]), fcc: ['p10', 'p2', 'p3'], eha: ['p1'] },
    { name: 'a resource moved to another provider', change: () => store.commit([resource('p2', [PART], EHA)]), fcc: ['p10', 'p3'], eha: ['p1', 'p2'] },
    { name: 'a resource that lost its type', change: () => store.commit([resource('p10', [NCR], FCC)]), fcc: ['p3'], eha: ['p1', 'p2'] },
    { name: 'a deleted resource', change: () => store.commit([{ graph: `${BASE}r/p3`, quads: null }]), fcc: [], eha: ['p1', 'p2'] },
    { name: 'a resource of two types', change: () => store.commit([resource('p4', [PART, NCR], FCC)]), fcc: ['p4'], eha: ['p1', 'p2'] },
    {
      name: 'a SPARQL update',
      change: () => store.update(`INSERT DATA { GRAPH <${BASE}r/p5> { <${BASE}r/p5> a <${PART}> ; <http://open-services.net/ns/core#serviceProvider> <${FCC}> } }`),
      fcc: ['p4', 'p5'],
      eha: ['p1', 'p2'],
    },
  ];
  for (const { name, change, fcc, eha } of changes) {
    it(`follows ${name}`, async () => {
      await change();
      assert.deepEqual(await index.list(PART, FCC), fcc.map((id) => `${BASE}r/${id}`));
      assert.deepEqual(await index.list(PART, EHA), eha.map((id) => `${BASE}r/${id}`));
    });
  }

  it('rebuilds after a large change', async () => {
    const many = Array.from({ length: 2_100 }, (_, number) => resource(`bulk-${String(number).padStart(4, '0')}`, [PART], EHA));
    await store.commit(many);
    const members = await index.list(PART, EHA);
    assert.equal(members.length, 2_102);
    assert.equal(members[0], `${BASE}r/bulk-0000`);
    assert.equal(members.at(-1), `${BASE}r/p2`);
    assert.deepEqual(await index.list(NCR, FCC), [`${BASE}r/n1`, `${BASE}r/p10`, `${BASE}r/p4`]);
  });

  it('matches the engine under interleaved writes', async () => {
    const writes = Array.from({ length: 20 }, (_, number) => store.commit([resource(`race-${number}`, [PART], number % 2 === 0 ? FCC : EHA)]).then(() => index.list(PART, FCC)));
    await Promise.all(writes);
    const engine = await store.query(`SELECT ?s WHERE { GRAPH ?s { ?s a <${PART}> ; <http://open-services.net/ns/core#serviceProvider> <${FCC}> } } ORDER BY ?s`);
    assert.equal(engine.type, 'bindings');
    const expected = engine.type === 'bindings' ? engine.rows.map((row) => row.get('s')!.value) : [];
    assert.deepEqual(await index.list(PART, FCC), expected);
  });
});

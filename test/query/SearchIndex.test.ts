import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { SearchIndex } from '../../src/query/SearchIndex.js';
import { EmbeddedStore } from '../../src/store/embedded/EmbeddedStore.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const BASE = 'http://example.org/';
const PART = 'http://open-services.net/ns/plm#Part';
const NCR = 'https://w3id.org/digital-thread/ns#NonConformanceReport';

function resource(id: string, type: string, provider: string, identifier: string, title: string, description?: string): { graph: string; quads: Quad[] } {
  const graph = `${BASE}${provider}/${id}`;
  const turtle = `<${graph}> a <${type}> ; <http://open-services.net/ns/core#serviceProvider> <${BASE}${provider}> ;
    <http://purl.org/dc/terms/identifier> ${JSON.stringify(identifier)} ; <http://purl.org/dc/terms/title> ${JSON.stringify(title)}
    ${description === undefined ? '' : `; <http://purl.org/dc/terms/description> ${JSON.stringify(description)}`} .`;
  return { graph, quads: new Parser().parse(turtle) as Quad[] };
}

describe('SearchIndex', () => {
  const directory = temporaryDirectory();
  let store: EmbeddedStore;
  let index: SearchIndex;

  before(async () => {
    store = new EmbeddedStore({ directory: directory.path });
    await store.open();
    await store.commit(
      [
        resource('p1', PART, 'fcc', 'P-000001', 'Bracket, mounting', 'Machined bracket for the lane module'),
        resource('p2', PART, 'fcc', 'P-000002', 'Screw, socket head'),
        resource('p3', PART, 'fcc', 'BRACKET-7', 'Spacer'),
        resource('p4', PART, 'eha', 'P-000001', 'Bracket, actuator'),
        resource('n1', NCR, 'fcc', 'NCR-000001', 'Bracket cracked'),
        resource('p5', PART, 'fcc', 'P-000005', 'Hostile "} UNION { ?s ?p ?o } .* title'),
        resource('p6', PART, 'fcc', 'P-000006', 'Tab\tand\\backslash\u00e9 title'),
      ].map((item) => ({ graph: item.graph, quads: item.quads })),
    );
    index = new SearchIndex(store);
    index.start();
    await index.ready();
  });

  after(async () => {
    await store.close();
    directory.remove();
  });

  const cases: [name: string, terms: string[], expected: [string, number][]][] = [
    // Identifier 3, title 2, description 1, summed over terms; equal scores in IRI order.
    ['scores by where the term occurs', ['bracket'], [[`${BASE}fcc/p1`, 3], [`${BASE}fcc/p3`, 3]]],
    ['is case-insensitive', ['BRACKET'], [[`${BASE}fcc/p1`, 3], [`${BASE}fcc/p3`, 3]]],
    ['matches inside words', ['rack'], [[`${BASE}fcc/p1`, 3], [`${BASE}fcc/p3`, 3]]],
    ['sums several terms', ['bracket', 'lane'], [[`${BASE}fcc/p1`, 4], [`${BASE}fcc/p3`, 3]]],
    ['matches a phrase as one term', ['socket head'], [[`${BASE}fcc/p2`, 2]]],
    ['finds nothing for an absent word', ['gearbox'], []],
    ['treats query syntax as text', ['} union {'], [[`${BASE}fcc/p5`, 2]]],
    ['treats regex syntax as text', ['.*'], [[`${BASE}fcc/p5`, 2]]],
    ['decodes escaped characters', ['tab\tand\\backslash\u00e9'], [[`${BASE}fcc/p6`, 2]]],
  ];
  for (const [name, terms, expected] of cases) {
    it(name, async () => {
      const hits = (await index.search(terms, `${BASE}fcc`, PART)).map((hit) => [hit.iri, hit.score]);
      assert.deepEqual(hits, expected);
    });
  }

  it('finds a requirement by its tool identifier', async () => {
    const requirement = 'http://open-services.net/ns/rm#Requirement';
    const graph = `${BASE}fcc/r1`;
    const turtle = `<${graph}> a <${requirement}> ; <http://open-services.net/ns/core#serviceProvider> <${BASE}fcc> ;
      <http://purl.org/dc/terms/identifier> "REQ-000248" ; <http://purl.org/dc/terms/title> "Braking on ground" ;
      <https://w3id.org/digital-thread/ns#externalIdentifier> "SRS-13" .`;
    await store.commit([{ graph, quads: new Parser().parse(turtle) as Quad[] }]);
    const hits = async (term: string): Promise<[string, number][]> => (await index.search([term], `${BASE}fcc`, requirement)).map((hit) => [hit.iri, hit.score]);
    // The index follows the store's change events a moment after the commit.
    for (let attempt = 0; attempt < 50 && (await hits('SRS-13')).length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(await hits('SRS-13'), [[graph, 3]]);
    assert.deepEqual(await hits('srs'), [[graph, 3]]);
    assert.deepEqual(await hits('REQ-000248'), [[graph, 3]]);
  });

  it('keeps other providers and types out', async () => {
    assert.deepEqual(
      (await index.search(['bracket'], `${BASE}eha`, PART)).map((hit) => hit.iri),
      [`${BASE}eha/p4`],
    );
    assert.deepEqual(
      (await index.search(['bracket'], `${BASE}fcc`, NCR)).map((hit) => hit.iri),
      [`${BASE}fcc/n1`],
    );
  });

  it('follows changes and deletions', async () => {
    const renamed = resource('p2', PART, 'fcc', 'P-000002', 'Bracket, spare');
    await store.commit([{ graph: renamed.graph, quads: renamed.quads }]);
    await store.commit([{ graph: `${BASE}fcc/p3`, quads: null }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(
      (await index.search(['bracket'], `${BASE}fcc`, PART)).map((hit) => hit.iri),
      [`${BASE}fcc/p1`, `${BASE}fcc/p2`],
    );
    assert.deepEqual(await index.search(['socket'], `${BASE}fcc`, PART), []);
  });
});

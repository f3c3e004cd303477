import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import oxigraph from 'oxigraph';
import { GraphContent, GraphReplacement, MANY_WRITES } from '../../../src/store/embedded/GraphReplacement.js';

const EX = 'http://example.org/';

/** N-Triples of a resource graph with `count` values, each `label` and its index. */
function content(id: number, label: string, count = 1): GraphContent {
  const lines = Array.from({ length: count }, (_, index) => `<${EX}r${id}> <${EX}value> "${label} ${index}" .\n`);
  return { graph: `${EX}g${id}`, ntriples: lines.join('') };
}

/** Returns every quad of the store as sorted N-Quads lines, with one label for all blank nodes, since the engine picks its own. */
function sortedQuads(store: oxigraph.Store): string[] {
  return store
    .dump({ format: 'application/n-quads' })
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/_:[A-Za-z0-9]+/g, '_:b'))
    .sort();
}

/** Returns the number of distinct blank nodes in the store. */
function blankNodes(store: oxigraph.Store): number {
  return new Set(store.dump({ format: 'application/n-quads' }).match(/_:[A-Za-z0-9]+/g)).size;
}

/** The store state that replacing graph by graph gives, which batching must match. */
function replacedOneByOne(initial: readonly GraphContent[], writes: readonly GraphContent[]): oxigraph.Store {
  const store = new oxigraph.Store();
  const replacement = new GraphReplacement(store);
  for (const write of [...initial, ...writes]) {
    replacement.replaceOne(write.graph, write.ntriples);
  }
  return store;
}

const stored = Array.from({ length: 100 }, (_, index) => content(index, 'stored', 3));

const cases: { name: string; writes: GraphContent[] }[] = [
  { name: 'new graphs', writes: Array.from({ length: 80 }, (_, index) => content(200 + index, 'new')) },
  { name: 'stored graphs with fewer values', writes: Array.from({ length: 80 }, (_, index) => content(index, 'changed', 1)) },
  {
    name: 'stored graphs dropped',
    writes: Array.from({ length: 80 }, (_, index) => ({ graph: `${EX}g${index}`, ntriples: null })),
  },
  {
    name: 'a graph written twice, the last write winning',
    writes: [content(1, 'first'), ...Array.from({ length: 70 }, (_, index) => content(300 + index, 'new')), content(1, 'last', 2)],
  },
  {
    name: 'graphs with equal blank node labels',
    writes: Array.from({ length: 70 }, (_, index) => ({
      graph: `${EX}g${index}`,
      ntriples: `<${EX}r${index}> <${EX}part> _:b0 .\n_:b0 <${EX}value> "blank ${index}" .\n`,
    })),
  },
  {
    name: 'literals that hold " ." and escaped line breaks',
    writes: Array.from({ length: 70 }, (_, index) => ({
      graph: `${EX}g${index}`,
      ntriples: `<${EX}r${index}> <${EX}value> "ends with . \\n and \\" .\\n quoted ${index}" .\n`,
    })),
  },
  { name: 'few writes, replaced one by one', writes: [content(2, 'few'), { graph: `${EX}g3`, ntriples: null }] },
];

describe('GraphReplacement', () => {
  for (const { name, writes } of cases) {
    it(`gives the same quads as one-by-one replacement: ${name}`, () => {
      const store = new oxigraph.Store();
      const graphs = new Set<string>();
      const replacement = new GraphReplacement(store, (graph) => graphs.has(graph));
      replacement.replace(stored);
      stored.forEach((write) => graphs.add(write.graph));

      replacement.replace(writes);

      const expected = replacedOneByOne(stored, writes);
      assert.deepEqual(sortedQuads(store), sortedQuads(expected));
      assert.equal(blankNodes(store), blankNodes(expected));
    });
  }

  it('replaces many graphs in batches, as the cases above assume', () => {
    assert.ok(cases.slice(0, -1).every((testCase) => testCase.writes.length >= MANY_WRITES));
  });

  it('applies a journal record with dropped graphs', () => {
    const store = new oxigraph.Store();
    const replacement = new GraphReplacement(store);
    replacement.replace(stored);

    replacement.applyRecord({
      sequence: 2,
      time: '2026-12-06T00:00:00Z',
      operations: stored.map((write, index) => (index % 2 === 0 ? { graph: write.graph, version: null } : { graph: write.graph, version: 's.2', ntriples: content(index, 'odd').ntriples! })),
    });

    assert.equal(store.size, 50);
    assert.equal(store.match(null, null, oxigraph.literal('odd 0'), null).length, 50);
  });
});

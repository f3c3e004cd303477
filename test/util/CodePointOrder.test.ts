import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import oxigraph from 'oxigraph';
import { compareCodePoints } from '../../src/util/CodePointOrder.js';

describe('compareCodePoints', () => {
  const cases: { a: string; b: string; sign: -1 | 0 | 1 }[] = [
    { a: 'http://example.org/a', b: 'http://example.org/b', sign: -1 },
    { a: 'http://example.org/a', b: 'http://example.org/a', sign: 0 },
    { a: 'http://example.org/a', b: 'http://example.org/ab', sign: -1 },
    { a: 'P-10', b: 'P-9', sign: -1 },
    { a: 'Z', b: 'a', sign: -1 },
    // U+1F680 is above U+FFFD as a code point, although its first UTF-16 unit (U+D83D) is below.
    { a: '\u{1F680}', b: '\uFFFD', sign: 1 },
    { a: '\uE000', b: '\u{10000}', sign: -1 },
    { a: '\u{1F680}', b: '\u00e9', sign: 1 },
    { a: '\u{1F680}', b: '\u{1F681}', sign: -1 },
  ];
  for (const { a, b, sign } of cases) {
    it(`orders ${JSON.stringify(a)} and ${JSON.stringify(b)} as UTF-8 bytes do`, () => {
      assert.equal(Math.sign(compareCodePoints(a, b)), sign);
      assert.equal(Math.sign(compareCodePoints(b, a)), -sign || 0);
      assert.equal(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))), sign);
    });
  }

  it('orders IRIs like SPARQL ORDER BY', () => {
    // The query part of an IRI may hold private-use characters (RFC 3987, iprivate), so the IRIs
    // cover both sides of the difference from UTF-16 order.
    const iris = ['a', 'Z', '\u00e9', '\uE000', '\uF8FF', '\uFFEF', '\u{1F680}', '\u{10000}', 'b'].map((text) => `http://example.org/q?${text}`);
    const store = new oxigraph.Store();
    store.load(iris.map((iri) => `<${iri}> <http://example.org/p> "x" .`).join('\n'), { format: 'application/n-triples' });
    const engineOrder = (store.query('SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s') as Map<string, oxigraph.Term>[]).map((row) => row.get('s')!.value);

    assert.deepEqual([...iris].sort(compareCodePoints), engineOrder);
    assert.notDeepEqual([...iris].sort(), engineOrder, 'the IRIs do not tell code point order from UTF-16 order');
  });
});

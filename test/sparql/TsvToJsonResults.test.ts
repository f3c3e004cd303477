import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import oxigraph from 'oxigraph';
import { tsvToJsonResults } from '../../src/sparql/TsvToJsonResults.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const JSON_RESULTS = 'application/sparql-results+json';
const TSV_RESULTS = 'text/tab-separated-values';

/**
 * Objects stored in one Oxigraph store, one per subject: each must come out of the TSV rewrite as the
 * same JSON term as Oxigraph's own JSON results give.
 */
const OBJECTS: { name: string; object: string }[] = [
  { name: 'an IRI', object: '<http://example.org/part/P-1>' },
  { name: 'an IRI with non-ASCII characters', object: '<http://example.org/pi\u00e8ce/\u{1F680}>' },
  { name: 'a simple literal', object: '"Bracket, mounting"' },
  { name: 'a literal with quotes, tabs, line breaks and backslashes', object: '"say \\"hi\\"\\tthen\\nstop \\\\ end\\r"' },
  { name: 'a literal with a character above U+FFFF and U+2028', object: '"\\U0001F680 \\u2028 \\u00B5m"' },
  { name: 'a literal with a language tag', object: '"T\u00fcr"@de' },
  { name: 'a literal with a region subtag', object: '"colour"@en-GB' },
  { name: 'an xsd:integer', object: '42' },
  { name: 'a negative xsd:decimal', object: '-1.50' },
  { name: 'an xsd:double', object: '1.0E3' },
  { name: 'an xsd:boolean', object: 'false' },
  { name: 'an xsd:dateTime', object: `"2026-12-05T10:00:00Z"^^<${XSD}dateTime>` },
  { name: 'an xsd:integer written with a sign', object: `"+7"^^<${XSD}integer>` },
  { name: 'an invalid xsd:integer', object: `"seven"^^<${XSD}integer>` },
  { name: 'a custom datatype', object: '"12 mm"^^<https://w3id.org/digital-thread/ns#length>' },
  { name: 'an rdf:XMLLiteral', object: '"<p xmlns=\\"http://www.w3.org/1999/xhtml\\">Rich <b>text</b></p>"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral>' },
  { name: 'a blank node', object: '_:inline' },
  { name: 'an empty literal', object: '""' },
];

function storeWith(objects: readonly string[]): oxigraph.Store {
  const store = new oxigraph.Store();
  // TriG, because N-Quads has no bare numbers and booleans.
  const lines = objects.map((object, index) => `<http://example.org/g${index}> { <http://example.org/s${index}> <http://example.org/p> ${object} . }`);
  store.load(lines.join('\n'), { format: 'application/trig' });
  return store;
}

/** Parses SPARQL JSON results with blank node labels replaced by their order of appearance, which each writer chooses freely. */
function normalized(json: string): unknown {
  const labels = new Map<string, string>();
  return JSON.parse(json, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && (value as { type?: string }).type === 'bnode') {
      const label = (value as { value: string }).value;
      if (!labels.has(label)) {
        labels.set(label, `b${labels.size}`);
      }
      return { type: 'bnode', value: labels.get(label) };
    }
    return value;
  });
}

describe('tsvToJsonResults', () => {
  const store = storeWith(OBJECTS.map((entry) => entry.object));

  for (const [index, entry] of OBJECTS.entries()) {
    it(`writes ${entry.name} like the engine`, () => {
      const query = `SELECT ?s ?o WHERE { BIND(<http://example.org/s${index}> AS ?s) ?s <http://example.org/p> ?o }`;
      const options = { use_default_graph_as_union: true };
      const expected = String(store.query(query, { ...options, results_format: JSON_RESULTS }));
      const actual = tsvToJsonResults(String(store.query(query, { ...options, results_format: TSV_RESULTS })));
      assert.notEqual(actual, undefined);
      assert.deepEqual(normalized(actual!), normalized(expected));
    });
  }

  it('writes every row, omitting unbound variables', () => {
    const query = `SELECT ?s ?o ?missing WHERE { ?s <http://example.org/p> ?o OPTIONAL { ?s <http://example.org/none> ?missing } } ORDER BY ?s`;
    const options = { use_default_graph_as_union: true };
    const expected = normalized(String(store.query(query, { ...options, results_format: JSON_RESULTS }))) as { head: { vars: string[] }; results: { bindings: object[] } };
    const actual = normalized(tsvToJsonResults(String(store.query(query, { ...options, results_format: TSV_RESULTS })))!);
    assert.equal(expected.results.bindings.length, OBJECTS.length);
    assert.deepEqual(expected.head.vars, ['s', 'o', 'missing']);
    assert.deepEqual(actual, expected);
  });

  const texts: { name: string; tsv: string; json: unknown }[] = [
    { name: 'no solutions', tsv: '?a\t?b\n', json: { head: { vars: ['a', 'b'] }, results: { bindings: [] } } },
    { name: 'no variables and one empty solution', tsv: '\n\n', json: { head: { vars: [] }, results: { bindings: [{}] } } },
    { name: 'a row of unbound variables', tsv: '?a\t?b\n\t\n', json: { head: { vars: ['a', 'b'] }, results: { bindings: [{}] } } },
    {
      name: 'a repeated value',
      tsv: '?a\n"x"\n"x"\n',
      json: { head: { vars: ['a'] }, results: { bindings: [{ a: { type: 'literal', value: 'x' } }, { a: { type: 'literal', value: 'x' } }] } },
    },
    {
      name: 'an IRI with a UCHAR escape',
      tsv: '?a\n<http://example.org/a\\u00E9b>\n',
      json: { head: { vars: ['a'] }, results: { bindings: [{ a: { type: 'uri', value: 'http://example.org/a\u00e9b' } }] } },
    },
    {
      name: 'IRIs next to a literal with a raw control character',
      tsv: '?a\t?b\n<http://example.org/x>\t"bell\u0007"\n',
      json: { head: { vars: ['a', 'b'] }, results: { bindings: [{ a: { type: 'uri', value: 'http://example.org/x' }, b: { type: 'literal', value: 'bell\u0007' } }] } },
    },
    {
      name: 'a last row without a line break',
      tsv: '?a\t?b\n1\t<http://example.org/x>',
      json: {
        head: { vars: ['a', 'b'] },
        results: { bindings: [{ a: { type: 'literal', value: '1', datatype: `${XSD}integer` }, b: { type: 'uri', value: 'http://example.org/x' } }] },
      },
    },
  ];
  for (const entry of texts) {
    it(`writes ${entry.name}`, () => {
      assert.deepEqual(JSON.parse(tsvToJsonResults(entry.tsv)!), entry.json);
    });
  }

  const unknown: { name: string; tsv: string }[] = [
    { name: 'an RDF 1.2 triple term', tsv: '?t\n<<( <http://example.org/s> <http://example.org/p> <http://example.org/o> )>>\n' },
    { name: 'a language tag with a base direction', tsv: '?l\n"text"@ar--rtl\n' },
    { name: 'a cell that is no term', tsv: '?x\nnot a term\n' },
    { name: 'more cells than variables', tsv: '?x\n1\t2\n' },
  ];
  for (const entry of unknown) {
    it(`leaves ${entry.name} to the engine`, () => {
      assert.equal(tsvToJsonResults(entry.tsv), undefined);
    });
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import oxigraph from 'oxigraph';
import sparqljs from 'sparqljs';
import type * as Sparql from 'sparqljs';
import type { SimpleTerm } from '../../src/query/QueryAst.js';
import { parseWhere, PREDEFINED_PREFIXES } from '../../src/query/QueryParsers.js';
import { QueryTranslator, type MemberQuery } from '../../src/query/QueryTranslator.js';
import { projectShapes, TEST_BASE } from '../helpers/shapes.js';

// Namespace IRIs are written out here, not imported from src/, so a wrong server constant cannot hide.
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const XML_LITERAL = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const OSLC_SERVICE_PROVIDER = 'http://open-services.net/ns/core#serviceProvider';
const OSLC_PLM_PART = 'http://open-services.net/ns/plm#Part';
const DCTERMS_TITLE = 'http://purl.org/dc/terms/title';
const DCTERMS_MODIFIED = 'http://purl.org/dc/terms/modified';
const DCTERMS_CREATOR = 'http://purl.org/dc/terms/creator';
const FOAF_NAME = 'http://xmlns.com/foaf/0.1/name';
/** A datatype without lexical rules, so any string is a valid value of it. */
const CUSTOM_DATATYPE = 'http://example.org/ns#partCode';

const shapes = projectShapes();
const PROVIDER = `${TEST_BASE}oslc/sp/fcc`;
const MEMBERS: MemberQuery = { type: OSLC_PLM_PART, provider: PROVIDER, shape: shapes.byName('Part')! };
const parser = new sparqljs.Parser();

/** Values that would change a query's structure if they were pasted into SPARQL text unescaped. */
const HOSTILE_VALUES: { name: string; value: string }[] = [
  { name: 'a double quote', value: 'Valve "B"' },
  { name: 'backslashes', value: 'C:\\temp\\part' },
  { name: 'a trailing backslash', value: 'ends with \\' },
  { name: 'a backslash before a quote', value: '\\"' },
  { name: 'a newline', value: 'line one\nline two' },
  { name: 'a carriage return and a tab', value: 'a\r\n\tb' },
  { name: 'a closing brace and UNION', value: '} UNION { ?s ?p ?o }' },
  { name: 'a closing quote, brace and UNION', value: '" } UNION { ?s ?p ?o } #' },
  { name: 'an IRI end and a triple', value: '> . ?x ?y ?z . <' },
  { name: 'triple double quotes', value: '""" . ?x ?y ?z . """' },
  { name: 'triple single quotes', value: "''' . ?x ?y ?z . '''" },
  { name: 'a \\u codepoint escape', value: '\\u0022 . ?x ?y ?z . \\u0022' },
  { name: 'a \\U codepoint escape', value: '\\U00000022 }' },
  { name: 'a comment marker', value: '# ?s ?p ?o' },
  { name: 'a language tag suffix', value: '"@en' },
  { name: 'a datatype suffix', value: '"^^<http://example.org/t>' },
  { name: 'non-ASCII text', value: 'Vérin ✈ 𝔸' },
];

/** Writes `value` as an OSLC Query string, escaping `"` and `\` as OSLC Query 3.0 requires. */
function oslcString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** An RDF term as plain data, so trees from different RDF/JS factories compare equal. */
type PlainTerm = { termType: 'NamedNode' | 'Variable'; value: string } | { termType: 'Literal'; value: string; language: string; datatype: string };

const named = (iri: string): PlainTerm => ({ termType: 'NamedNode', value: iri });
const variable = (name: string): PlainTerm => ({ termType: 'Variable', value: name });
const plainLiteral = (value: string): PlainTerm => ({ termType: 'Literal', value, language: '', datatype: XSD_STRING });
const xmlLiteral = (value: string): PlainTerm => ({ termType: 'Literal', value, language: '', datatype: XML_LITERAL });
const languageLiteral = (value: string, language: string): PlainTerm => ({ termType: 'Literal', value, language, datatype: RDF_LANG_STRING });
const typedLiteral = (value: string, datatype: string): PlainTerm => ({ termType: 'Literal', value, language: '', datatype });

/** Copies a sparqljs syntax tree with every RDF term replaced by its PlainTerm and undefined fields dropped. */
function plain(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(plain);
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.termType === 'string') {
    if (record.termType === 'Literal') {
      return { termType: 'Literal', value: record.value, language: record.language, datatype: (record.datatype as { value: string }).value };
    }
    return { termType: record.termType, value: record.value };
  }
  return Object.fromEntries(
    Object.entries(record)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, plain(value)]),
  );
}

const S = variable('s');

function bgp(...triples: [PlainTerm, PlainTerm, PlainTerm][]): unknown {
  return { type: 'bgp', triples: triples.map(([subject, predicate, object]) => ({ subject, predicate, object })) };
}

function values(name: string, terms: PlainTerm[]): unknown {
  return { type: 'values', values: terms.map((term) => ({ [`?${name}`]: term })) };
}

function filter(operator: string, args: unknown[]): unknown {
  return { type: 'filter', expression: { type: 'operation', operator, args } };
}

function notExists(patterns: unknown[]): unknown {
  return filter('notexists', [{ type: 'group', patterns }]);
}

/**
 * Returns the pattern every member query starts with: members of the type in the provider. The SPARQL
 * parser merges adjacent basic graph patterns, so triples that follow directly are passed in as `more`.
 */
function memberPattern(...more: [PlainTerm, PlainTerm, PlainTerm][]): unknown {
  return bgp([S, named(RDF_TYPE), named(OSLC_PLM_PART)], [S, named(OSLC_SERVICE_PROVIDER), named(PROVIDER)], ...more);
}

/** Parses generated SPARQL as a SELECT. A parse failure means that a value broke out of its literal. */
function parseSelect(text: string): Sparql.SelectQuery {
  const parsed = parser.parse(text);
  assert.equal(parsed.type, 'query', `generated text is not a query:\n${text}`);
  assert.equal((parsed as Sparql.Query).queryType, 'SELECT', `generated text is not a SELECT:\n${text}`);
  return parsed as Sparql.SelectQuery;
}

/** An oslc.where form with the `where` pattern it must translate to. */
interface WhereForm {
  name: string;
  where(value: string): string;
  expected(value: string): unknown[];
}

const WHERE_FORMS: WhereForm[] = [
  {
    name: '=',
    where: (value) => `dcterms:title=${oslcString(value)}`,
    expected: (value) => [memberPattern(), values('v1', [plainLiteral(value), xmlLiteral(value)]), bgp([S, named(DCTERMS_TITLE), variable('v1')])],
  },
  {
    name: '!=',
    where: (value) => `dcterms:title!=${oslcString(value)}`,
    expected: (value) => [memberPattern(), notExists([values('v1', [plainLiteral(value), xmlLiteral(value)]), bgp([S, named(DCTERMS_TITLE), variable('v1')])])],
  },
  {
    name: 'in',
    where: (value) => `dcterms:title in [${oslcString(value)},"Processor Lane Module"]`,
    expected: (value) => [
      memberPattern(),
      values('v1', [plainLiteral(value), xmlLiteral(value), plainLiteral('Processor Lane Module'), xmlLiteral('Processor Lane Module')]),
      bgp([S, named(DCTERMS_TITLE), variable('v1')]),
    ],
  },
  {
    name: 'language tag',
    where: (value) => `dcterms:title=${oslcString(value)}@en`,
    expected: (value) => [memberPattern([S, named(DCTERMS_TITLE), variable('v1')]), filter('=', [variable('v1'), languageLiteral(value, 'en')])],
  },
  {
    name: '^^ with a datatype IRI',
    where: (value) => `dcterms:title<${oslcString(value)}^^<${CUSTOM_DATATYPE}>`,
    expected: (value) => [memberPattern([S, named(DCTERMS_TITLE), variable('v1')]), filter('<', [variable('v1'), typedLiteral(value, CUSTOM_DATATYPE)])],
  },
  {
    name: '^^xsd:string',
    where: (value) => `dcterms:title>${oslcString(value)}^^xsd:string`,
    expected: (value) => [memberPattern([S, named(DCTERMS_TITLE), variable('v1')]), filter('>', [variable('v1'), plainLiteral(value)])],
  },
  {
    name: 'nested property',
    where: (value) => `dcterms:creator{foaf:name=${oslcString(value)}}`,
    expected: (value) => [
      memberPattern([S, named(DCTERMS_CREATOR), variable('v1')]),
      values('v2', [plainLiteral(value), xmlLiteral(value)]),
      bgp([variable('v1'), named(FOAF_NAME), variable('v2')]),
    ],
  },
];

describe('QueryTranslator with hostile values', () => {
  const translator = new QueryTranslator(shapes);

  for (const form of WHERE_FORMS) {
    for (const hostile of HOSTILE_VALUES) {
      it(`keeps ${hostile.name} a literal in ${form.name}`, () => {
        const where = parseWhere(form.where(hostile.value), PREDEFINED_PREFIXES);
        const parsed = parseSelect(translator.members({ ...MEMBERS, where }, 10, 0));
        assert.deepEqual(plain(parsed.variables), [S]);
        assert.deepEqual(plain(parsed.where), form.expected(hostile.value));
      });
    }
  }

  for (const hostile of HOSTILE_VALUES) {
    it(`keeps ${hostile.name} a literal in the count`, () => {
      const where = parseWhere(WHERE_FORMS[0]!.where(hostile.value), PREDEFINED_PREFIXES);
      const parsed = parseSelect(translator.count({ ...MEMBERS, where }));
      assert.deepEqual(plain(parsed.where), WHERE_FORMS[0]!.expected(hostile.value));
    });
  }

  // QueryScanner rejects such IRIs, but QueryTranslator documents on its own that no value can change
  // the query's structure. SPARQL's IRIREF has no escape for these characters, so rejecting them is the
  // only safe result.
  const hostileIris = [
    'http://example.org/a> . ?x ?y ?z . <http://example.org/b',
    'http://example.org/a> } UNION { ?s ?p ?o } #',
    'http://example.org/a b',
  ];
  const iriTerms: { name: string; term(iri: string): SimpleTerm }[] = [
    {
      name: 'value',
      term: (iri) => ({ kind: 'comparison', property: { kind: 'property', iri: DCTERMS_CREATOR, position: 0 }, operator: '=', value: { kind: 'iri', iri, position: 16 } }),
    },
    {
      name: 'property',
      term: (iri) => ({ kind: 'comparison', property: { kind: 'property', iri, position: 0 }, operator: '=', value: { kind: 'string', value: 'x', position: 1 } }),
    },
    {
      name: 'datatype',
      term: (iri) => ({ kind: 'comparison', property: { kind: 'property', iri: DCTERMS_MODIFIED, position: 0 }, operator: '>', value: { kind: 'string', value: 'x', datatype: iri, position: 17 } }),
    },
  ];
  for (const iriTerm of iriTerms) {
    for (const iri of hostileIris) {
      it(`rejects a ${iriTerm.name} IRI ${JSON.stringify(iri)}`, () => {
        let generated: string;
        try {
          generated = translator.members({ ...MEMBERS, where: { terms: [iriTerm.term(iri)] } }, 10, 0);
        } catch {
          return;
        }
        assert.fail(`the IRI went into the SPARQL text unchanged:\n${generated}`);
      });
    }
  }
});

describe('QueryTranslator on Oxigraph', () => {
  const translator = new QueryTranslator(shapes);
  const store = new oxigraph.Store();
  const partIri = (index: number): string => `${PROVIDER}/parts/P-${String(index).padStart(6, '0')}`;
  const titles = [...HOSTILE_VALUES.map((hostile) => hostile.value), 'Processor Lane Module'];
  titles.forEach((title, index) => {
    const subject = oxigraph.namedNode(partIri(index));
    store.add(oxigraph.quad(subject, oxigraph.namedNode(RDF_TYPE), oxigraph.namedNode(OSLC_PLM_PART), oxigraph.defaultGraph()));
    store.add(oxigraph.quad(subject, oxigraph.namedNode(OSLC_SERVICE_PROVIDER), oxigraph.namedNode(PROVIDER), oxigraph.defaultGraph()));
    store.add(oxigraph.quad(subject, oxigraph.namedNode(DCTERMS_TITLE), oxigraph.literal(title), oxigraph.defaultGraph()));
  });

  /** Runs the member query for `where` and returns the member IRIs. */
  function members(where: string): string[] {
    const text = translator.members({ ...MEMBERS, where: parseWhere(where, PREDEFINED_PREFIXES) }, 100, 0);
    const rows = store.query(text) as Map<string, { value: string }>[];
    return rows.map((row) => row.get('s')!.value).sort();
  }

  HOSTILE_VALUES.forEach((hostile, index) => {
    it(`= matches only the part titled with ${hostile.name}`, () => {
      assert.deepEqual(members(`dcterms:title=${oslcString(hostile.value)}`), [partIri(index)]);
    });

    it(`!= matches every part but the one titled with ${hostile.name}`, () => {
      const expected = titles.map((_title, other) => partIri(other)).filter((iri) => iri !== partIri(index)).sort();
      assert.deepEqual(members(`dcterms:title!=${oslcString(hostile.value)}`), expected);
    });
  });
});

describe('dates against dateTimes', () => {
  const XSD_DATE = 'http://www.w3.org/2001/XMLSchema#date';
  const RELEASE_DATE = 'https://w3id.org/digital-thread/ns#releaseDate';
  const part = shapes.byName('Part')!;
  // The project's shapes declare no xsd:date property, so this one adds one.
  const dated = { ...part, properties: [...part.properties, { ...part.properties[0]!, propertyDefinition: RELEASE_DATE, valueType: XSD_DATE }] };
  const translator = new QueryTranslator(shapes);

  it('date becomes the start of the day', () => {
    const sparql = translator.members({ ...MEMBERS, where: parseWhere('dcterms:modified>"2026-06-01"^^xsd:date', PREDEFINED_PREFIXES) });
    assert.match(sparql, /"2026-06-01T00:00:00Z"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#dateTime>/);
  });

  it('dateTime against a date property is rejected', () => {
    const where = parseWhere('dt:releaseDate>"2026-06-01T00:00:00Z"^^xsd:dateTime', PREDEFINED_PREFIXES);
    assert.throws(() => translator.members({ ...MEMBERS, shape: dated, where }), /dt:releaseDate is an xsd:date, and SPARQL cannot compare it with the dateTime "2026-06-01T00:00:00Z"/);
  });
});


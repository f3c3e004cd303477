import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Quad } from '@rdfjs/types';
import sparqljs from 'sparqljs';
import { ApiKeyStore } from '../../src/auth/ApiKeyStore.js';
import { toNTriples } from '../../src/rdf/NTriples.js';
import { parseResponse } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { assertOslcError, contentTypeOf, NS, objectTerms, RDF_MEDIA_TYPES, RDF_TYPE } from '../http/HttpTestSupport.js';
import { parseCsvResults, parseJsonResults, parseTsvResults, parseXmlResults, type QueryResults } from './SparqlResults.js';

const SD = 'http://www.w3.org/ns/sparql-service-description#';
const FORMATS = 'http://www.w3.org/ns/formats/';
const XSD_DECIMAL = `${NS.xsd}decimal`;

const PREFIXES = `PREFIX dcterms: <${NS.dcterms}>
PREFIX oslc_plm: <${NS.oslc_plm}>
PREFIX dt: <${NS.dt}>
`;

/** Upper bound on any one request, so a hung server fails the test instead of stalling the run. */
const REQUEST_TIMEOUT_MS = 15_000;

/** Patterns of stack trace lines, which must never reach a client. */
const STACK_TRACE = /\bat \S+ \(|\.[jt]s:\d+:\d+|node:internal/;

/** Fixture resources of test/fixtures/mini-programme.trig, relative to the base URL. */
const P1 = 'oslc/sp/fcc/parts/P-000001';
const P2 = 'oslc/sp/fcc/parts/P-000002';
const P3 = 'oslc/sp/fcc/parts/P-000003';
const BL1 = 'oslc/sp/fcc/bom-lines/BL-000001';
const BL2 = 'oslc/sp/fcc/bom-lines/BL-000002';

/** The three ways the SPARQL 1.1 Protocol sends a query. */
const METHODS = ['GET', 'POST form', 'POST direct'] as const;
type Method = (typeof METHODS)[number];

interface QueryOptions {
  accept?: string;
  /** Protocol parameters other than `query`, in the URL for GET and direct POST, in the body for form POST. */
  parameters?: [string, string][];
}

function send(server: TestServer, path: string, init: RequestInit = {}): Promise<Response> {
  return server.fetch(path, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/** Sends a query by one of the protocol's methods. */
function sendQuery(server: TestServer, method: Method, query: string, options: QueryOptions = {}): Promise<Response> {
  const headers: Record<string, string> = options.accept === undefined ? {} : { Accept: options.accept };
  const parameters = options.parameters ?? [];
  switch (method) {
    case 'GET':
      return send(server, `sparql?${new URLSearchParams([['query', query], ...parameters]).toString()}`, { headers });
    case 'POST form':
      return send(server, 'sparql', {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([['query', query], ...parameters]).toString(),
      });
    case 'POST direct': {
      const search = new URLSearchParams(parameters).toString();
      return send(server, search === '' ? 'sparql' : `sparql?${search}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/sparql-query' },
        body: query,
      });
    }
  }
}

/** A SPARQL results format: what the client asks for, the Content-Type essence it expects and a parser. */
interface ResultsFormat {
  accept: string;
  contentType: string;
  read(text: string): QueryResults;
}

const SOLUTION_FORMATS: ResultsFormat[] = [
  { accept: 'application/sparql-results+json', contentType: 'application/sparql-results+json', read: parseJsonResults },
  { accept: 'application/sparql-results+xml', contentType: 'application/sparql-results+xml', read: parseXmlResults },
  { accept: 'text/csv', contentType: 'text/csv', read: parseCsvResults },
  { accept: 'text/tab-separated-values', contentType: 'text/tab-separated-values', read: parseTsvResults },
];
const BOOLEAN_FORMATS = SOLUTION_FORMATS.slice(0, 2);

function formatFor(contentType: string): ResultsFormat {
  const format = SOLUTION_FORMATS.find((candidate) => candidate.contentType === contentType);
  assert.ok(format !== undefined, `${contentType} is not a SPARQL results format`);
  return format;
}

/** Reads a SPARQL results body with the parser its Content-Type names. */
async function readResults(response: Response): Promise<QueryResults> {
  return formatFor(contentTypeOf(response)).read(await response.text());
}

/** Returns the solutions as rows of values, in the order of `variables`. Unbound cells are undefined. */
function rows(results: QueryResults, variables: string[]): (string | undefined)[][] {
  assert.equal(results.kind, 'bindings', 'expected solutions, got a boolean');
  return results.kind === 'bindings' ? results.solutions.map((solution) => variables.map((name) => solution.get(name)?.value)) : [];
}

/** Returns the sorted values of one variable. */
function column(results: QueryResults, variable: string): string[] {
  return rows(results, [variable])
    .map(([value]) => value ?? '')
    .sort();
}

/** Returns the example queries the SPARQL page embeds as JSON. */
function exampleQueries(html: string): { title: string; query: string }[] {
  const block = /<script type="application\/json" id="examples">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(block !== null, 'the page has no example queries');
  return JSON.parse(block[1]!) as { title: string; query: string }[];
}

/** Checks status, oslc:Error body and message of an error response, and that no stack trace leaks. */
async function assertErrorResponse(server: TestServer, response: Response, status: number, message: RegExp): Promise<void> {
  assert.equal(response.status, status);
  const quads = await parseResponse(response, server.base, server.base);
  const text = assertOslcError(quads, status);
  assert.match(text, message);
  assert.doesNotMatch(text, STACK_TRACE);
}

describe('SPARQL 1.1 Protocol queries', () => {
  let server: TestServer;
  const iri = (path: string): string => `${server.base}${path}`;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  const SELECT = `${PREFIXES}SELECT ?part ?number WHERE { ?part a oslc_plm:Part ; dt:partNumber ?number } ORDER BY ?number`;
  const expectedParts = (): string[][] => [
    [iri(P1), 'FCC-300-000'],
    [iri(P2), 'FCC-310-100'],
    [iri(P3), 'NAS1352-08-6'],
  ];

  describe('SELECT in every method and format', () => {
    for (const method of METHODS) {
      for (const format of SOLUTION_FORMATS) {
        it(`${method} returns ${format.accept}`, async () => {
          const response = await sendQuery(server, method, SELECT, { accept: format.accept });
          assert.equal(response.status, 200);
          assert.equal(contentTypeOf(response), format.contentType);
          const results = format.read(await response.text());
          assert.equal(results.kind, 'bindings');
          assert.deepEqual(results.kind === 'bindings' ? results.variables : [], ['part', 'number']);
          assert.deepEqual(rows(results, ['part', 'number']), expectedParts());
        });
      }
    }

    for (const format of SOLUTION_FORMATS.filter((candidate) => candidate.contentType !== 'text/csv')) {
      it(`${format.accept} marks IRIs and literals`, async () => {
        const response = await sendQuery(server, 'GET', SELECT, { accept: format.accept });
        const results = format.read(await response.text());
        assert.equal(results.kind, 'bindings');
        const first = results.kind === 'bindings' ? results.solutions[0] : undefined;
        assert.equal(first?.get('part')?.type, 'uri');
        assert.equal(first?.get('number')?.type, 'literal');
      });
    }
  });

  describe('ASK in every method and format', () => {
    const cases = [
      { name: 'true', query: (): string => `${PREFIXES}ASK { <${iri(P2)}> dt:exportControl dt:ITAR }`, expected: true },
      { name: 'false', query: (): string => `${PREFIXES}ASK { <${iri(P1)}> dt:exportControl dt:ITAR }`, expected: false },
    ];
    for (const method of METHODS) {
      for (const format of BOOLEAN_FORMATS) {
        for (const testCase of cases) {
          it(`${method} returns ${testCase.name} as ${format.accept}`, async () => {
            const response = await sendQuery(server, method, testCase.query(), { accept: format.accept });
            assert.equal(response.status, 200);
            assert.equal(contentTypeOf(response), format.contentType);
            assert.deepEqual(format.read(await response.text()), { kind: 'boolean', value: testCase.expected });
          });
        }
      }
    }
  });

  describe('CONSTRUCT and DESCRIBE in every method and format', () => {
    const CONSTRUCT = `${PREFIXES}CONSTRUCT { ?line dt:quantity ?quantity } WHERE { ?line a oslc_plm:PartUsage ; dt:quantity ?quantity }`;

    for (const method of METHODS) {
      for (const mediaType of RDF_MEDIA_TYPES) {
        it(`${method} CONSTRUCT returns ${mediaType}`, async () => {
          const response = await sendQuery(server, method, CONSTRUCT, { accept: mediaType });
          assert.equal(response.status, 200);
          assert.equal(contentTypeOf(response), mediaType);
          const quads = await parseResponse(response, iri('sparql'), server.base);
          const quantities = quads.map((quad) => [quad.subject.value, quad.predicate.value, Number(quad.object.value)]).sort();
          assert.deepEqual(quantities, [
            [iri(BL1), `${NS.dt}quantity`, 3],
            [iri(BL2), `${NS.dt}quantity`, 12],
          ]);
          assert.ok(
            quads.every((quad) => quad.object.termType === 'Literal' && quad.object.datatype.value === XSD_DECIMAL),
            'quantities must stay xsd:decimal literals',
          );
        });

        it(`${method} DESCRIBE returns ${mediaType}`, async () => {
          const response = await sendQuery(server, method, `DESCRIBE <${iri(P3)}>`, { accept: mediaType });
          assert.equal(response.status, 200);
          assert.equal(contentTypeOf(response), mediaType);
          const quads = await parseResponse(response, iri('sparql'), server.base);
          assert.deepEqual(
            objectTerms(quads, iri(P3), `${NS.dt}partNumber`).map((term) => term.value),
            ['NAS1352-08-6'],
          );
          assert.deepEqual(
            objectTerms(quads, iri(P3), `${NS.dcterms}title`).map((term) => term.value),
            ['Hex Socket Cap Screw NAS1352-08-6'],
          );
        });
      }
    }
  });

  describe('content negotiation', () => {
    const queries: Record<'select' | 'ask' | 'construct', () => string> = {
      select: () => SELECT,
      ask: () => `ASK { <${iri(P1)}> ?p ?o }`,
      construct: () => `CONSTRUCT WHERE { <${iri(P1)}> <${NS.dt}partNumber> ?number }`,
    };
    const cases: { name: string; form: keyof typeof queries; accept: string; contentType: string }[] = [
      { name: 'SELECT takes the higher q', form: 'select', accept: 'application/sparql-results+json;q=0.5, application/sparql-results+xml;q=0.9', contentType: 'application/sparql-results+xml' },
      { name: 'SELECT takes q=1 over lower q', form: 'select', accept: 'text/csv;q=0.2, text/tab-separated-values', contentType: 'text/tab-separated-values' },
      { name: 'SELECT skips q=0', form: 'select', accept: 'application/sparql-results+json;q=0, */*;q=0.1', contentType: 'application/sparql-results+xml' },
      { name: 'SELECT with */* gets JSON', form: 'select', accept: '*/*', contentType: 'application/sparql-results+json' },
      { name: 'SELECT as application/json', form: 'select', accept: 'application/json', contentType: 'application/sparql-results+json' },
      { name: 'SELECT as application/xml', form: 'select', accept: 'application/xml', contentType: 'application/sparql-results+xml' },
      { name: 'SELECT with text/* gets CSV', form: 'select', accept: 'text/*', contentType: 'text/csv' },
      { name: 'ASK passes over CSV', form: 'ask', accept: 'text/csv, application/sparql-results+xml;q=0.1', contentType: 'application/sparql-results+xml' },
      { name: 'ASK with */* gets JSON', form: 'ask', accept: '*/*', contentType: 'application/sparql-results+json' },
      { name: 'CONSTRUCT takes the higher q', form: 'construct', accept: 'text/turtle;q=0.4, application/n-triples;q=0.5', contentType: 'application/n-triples' },
      { name: 'CONSTRUCT takes JSON-LD', form: 'construct', accept: 'application/ld+json, text/turtle;q=0.9', contentType: 'application/ld+json' },
      { name: 'CONSTRUCT with */* gets Turtle', form: 'construct', accept: '*/*', contentType: 'text/turtle' },
      { name: 'CONSTRUCT as application/xml', form: 'construct', accept: 'application/xml', contentType: 'application/rdf+xml' },
    ];
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const response = await sendQuery(server, 'GET', queries[testCase.form](), { accept: testCase.accept });
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), testCase.contentType);
        await response.arrayBuffer();
      });
    }

    const notAcceptable: { name: string; form: keyof typeof queries; accept: string }[] = [
      { name: 'ASK as CSV only', form: 'ask', accept: 'text/csv' },
      { name: 'ASK as TSV only', form: 'ask', accept: 'text/tab-separated-values' },
      { name: 'ASK as Turtle only', form: 'ask', accept: 'text/turtle' },
      { name: 'SELECT as Turtle only', form: 'select', accept: 'text/turtle' },
      { name: 'SELECT with every offer at q=0', form: 'select', accept: 'application/*;q=0, text/*;q=0' },
      { name: 'CONSTRUCT as SPARQL JSON only', form: 'construct', accept: 'application/sparql-results+json' },
      { name: 'CONSTRUCT as CSV only', form: 'construct', accept: 'text/csv' },
    ];
    for (const testCase of notAcceptable) {
      it(`406 for ${testCase.name}`, async () => {
        const response = await sendQuery(server, 'GET', queries[testCase.form](), { accept: testCase.accept });
        await assertErrorResponse(server, response, 406, /Request one of/);
      });
    }

    for (const accept of ['text/csv', 'text/tab-separated-values']) {
      it(`406 for ASK as ${accept} says why`, async () => {
        const response = await sendQuery(server, 'GET', queries.ask(), { accept });
        await assertErrorResponse(server, response, 406, /CSV and TSV results formats define results of SELECT queries only.*Request one of application\/sparql-results\+json/);
      });
    }
  });

  describe('protocol parameters', () => {
    for (const method of METHODS) {
      it(`${method} ignores unknown parameters`, async () => {
        const parameters: [string, string][] = [
          ['foo', 'bar'],
          ['format', 'text/csv'],
          ['callback', 'render'],
        ];
        const response = await sendQuery(server, method, SELECT, { accept: 'application/sparql-results+json', parameters });
        assert.equal(response.status, 200);
        assert.deepEqual(rows(await readResults(response), ['part', 'number']), expectedParts());
      });
    }

    it('form POST also reads parameters in the URL', async () => {
      const response = await send(server, `sparql?default-graph-uri=${encodeURIComponent(iri(P1))}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/sparql-results+json' },
        body: new URLSearchParams([['query', `${PREFIXES}SELECT ?id WHERE { ?s dcterms:identifier ?id }`]]).toString(),
      });
      assert.equal(response.status, 200);
      assert.deepEqual(column(await readResults(response), 'id'), ['P-000001']);
    });

    it('direct POST accepts a charset parameter', async () => {
      const response = await send(server, 'sparql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/sparql-query; charset=UTF-8', Accept: 'application/sparql-results+json' },
        body: SELECT,
      });
      assert.equal(response.status, 200);
      assert.deepEqual(rows(await readResults(response), ['part', 'number']), expectedParts());
    });

    it('HEAD returns headers only', async () => {
      const response = await send(server, `sparql?${new URLSearchParams([['query', SELECT]]).toString()}`, { method: 'HEAD', headers: { Accept: 'text/csv' } });
      assert.equal(response.status, 200);
      assert.equal(contentTypeOf(response), 'text/csv');
      assert.equal(await response.text(), '');
    });
  });

  describe('invalid requests', () => {
    const ASK_ALL = 'ASK { ?s ?p ?o }';
    const cases: { name: string; path: string; init: RequestInit; status: number; message: RegExp }[] = [
      {
        name: 'two query parameters in GET',
        path: `sparql?${new URLSearchParams([['query', ASK_ALL], ['query', ASK_ALL]]).toString()}`,
        init: {},
        status: 400,
        message: /2 `query` parameters; send exactly one/,
      },
      {
        name: 'two query parameters in a form',
        path: 'sparql',
        init: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams([['query', ASK_ALL], ['query', ASK_ALL]]).toString() },
        status: 400,
        message: /2 `query` parameters; send exactly one/,
      },
      {
        name: 'query in both the URL and a direct body',
        path: `sparql?${new URLSearchParams([['query', ASK_ALL]]).toString()}`,
        init: { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: ASK_ALL },
        status: 400,
        message: /not both/,
      },
      {
        name: 'form without a query',
        path: 'sparql',
        init: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'foo=bar' },
        status: 400,
        message: /0 `query` parameters; send exactly one/,
      },
      {
        name: 'update form sent to the query endpoint',
        path: 'sparql',
        init: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams([['update', 'CLEAR ALL']]).toString() },
        status: 400,
        message: /send SPARQL updates to \/sparql\/update/,
      },
      {
        name: 'update parameter in a GET of the query endpoint',
        path: `sparql?${new URLSearchParams([['update', 'CLEAR ALL']]).toString()}`,
        init: {},
        status: 400,
        message: /send SPARQL updates to \/sparql\/update/,
      },
      {
        name: 'text/plain body',
        path: 'sparql',
        init: { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: ASK_ALL },
        status: 415,
        message: /Content-Type text\/plain; send the body as one of application\/x-www-form-urlencoded, application\/sparql-query/,
      },
      {
        name: 'JSON body',
        path: 'sparql',
        init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: ASK_ALL }) },
        status: 415,
        message: /Content-Type application\/json/,
      },
      {
        name: 'update media type at the query endpoint',
        path: 'sparql',
        init: { method: 'POST', headers: { 'Content-Type': 'application/sparql-update' }, body: ASK_ALL },
        status: 415,
        message: /Content-Type application\/sparql-update/,
      },
      {
        name: 'body without Content-Type',
        path: 'sparql',
        init: { method: 'POST', body: new TextEncoder().encode(ASK_ALL) },
        status: 415,
        message: /no Content-Type header/,
      },
      { name: 'empty query', path: 'sparql?query=', init: {}, status: 400, message: /query is empty/ },
      { name: 'blank query', path: `sparql?query=${encodeURIComponent('  \n ')}`, init: {}, status: 400, message: /query is empty/ },
      {
        name: 'empty direct body',
        path: 'sparql',
        init: { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: '' },
        status: 400,
        message: /query is empty/,
      },
      { name: 'unclosed brace', path: `sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o ')}`, init: {}, status: 400, message: /Invalid SPARQL query: Parse error on line 1/ },
      { name: 'unknown prefix', path: `sparql?query=${encodeURIComponent('SELECT * WHERE { ?s foo:bar ?o }')}`, init: {}, status: 400, message: /Invalid SPARQL query: Unknown prefix: foo/ },
      { name: 'relative default-graph-uri', path: `sparql?query=${encodeURIComponent(ASK_ALL)}&default-graph-uri=parts`, init: {}, status: 400, message: /default-graph-uri "parts" is not an absolute IRI/ },
      { name: 'relative named-graph-uri', path: `sparql?query=${encodeURIComponent(ASK_ALL)}&named-graph-uri=parts`, init: {}, status: 400, message: /named-graph-uri "parts" is not an absolute IRI/ },
      { name: 'timeout that is not a number', path: `sparql?query=${encodeURIComponent(ASK_ALL)}&timeout=soon`, init: {}, status: 400, message: /timeout parameter "soon" is not a positive number of seconds/ },
      { name: 'negative timeout', path: `sparql?query=${encodeURIComponent(ASK_ALL)}&timeout=-1`, init: {}, status: 400, message: /timeout parameter "-1" is not a positive number of seconds/ },
      { name: 'graph that is not an IRI', path: `sparql?query=${encodeURIComponent(ASK_ALL)}&default-graph-uri=not%20an%20iri`, init: {}, status: 400, message: /default-graph-uri "not an iri" is not an absolute IRI; give the full IRI of a graph/ },
      { name: 'results without a query', path: 'sparql', init: { headers: { Accept: 'application/sparql-results+json' } }, status: 406, message: /has no query parameter, so the endpoint returns its service description, which is RDF; add query=/ },
    ];
    for (const testCase of cases) {
      it(`${testCase.status} for ${testCase.name}`, async () => {
        const response = await send(server, testCase.path, testCase.init);
        await assertErrorResponse(server, response, testCase.status, testCase.message);
      });
    }

    // Methods neither endpoint supports: 405 with an Allow header and an oslc:Error body, whatever the
    // body or query string, and never the 404 of an unknown path.
    const QUERY_ALLOW = 'GET, HEAD, OPTIONS, POST';
    const UPDATE_ALLOW = 'OPTIONS, POST';
    const unsupported: { method: string; path: string; allow: string }[] = [
      { method: 'PUT', path: 'sparql', allow: QUERY_ALLOW },
      { method: 'PUT', path: `sparql?query=${encodeURIComponent(ASK_ALL)}`, allow: QUERY_ALLOW },
      { method: 'PUT', path: 'sparql/', allow: QUERY_ALLOW },
      { method: 'DELETE', path: 'sparql', allow: QUERY_ALLOW },
      { method: 'PATCH', path: 'sparql', allow: QUERY_ALLOW },
      { method: 'PUT', path: 'sparql/update', allow: UPDATE_ALLOW },
      { method: 'DELETE', path: 'sparql/update', allow: UPDATE_ALLOW },
      { method: 'PATCH', path: 'sparql/update', allow: UPDATE_ALLOW },
    ];
    for (const testCase of unsupported) {
      it(`405 for ${testCase.method} ${testCase.path}`, async () => {
        const withBody = testCase.method === 'DELETE' ? {} : { body: ASK_ALL, headers: { 'Content-Type': 'application/sparql-query' } };
        const response = await send(server, testCase.path, { method: testCase.method, ...withBody });
        assert.equal(response.headers.get('allow'), testCase.allow);
        await assertErrorResponse(server, response, 405, new RegExp(`^Method ${testCase.method} is not allowed on this resource; use one of ${testCase.allow}\\.$`));
      });
    }

    for (const [path, allow] of [
      ['sparql', QUERY_ALLOW],
      ['sparql/update', UPDATE_ALLOW],
    ] as const) {
      it(`OPTIONS of ${path} lists its methods`, async () => {
        const response = await send(server, path, { method: 'OPTIONS' });
        assert.equal(response.status, 204);
        assert.equal(response.headers.get('allow'), allow);
      });
    }

    const updates = [
      { name: 'INSERT DATA', text: 'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> "o" } }' },
      { name: 'DELETE WHERE', text: 'DELETE WHERE { GRAPH ?g { ?s ?p ?o } }' },
      { name: 'CLEAR ALL', text: 'CLEAR ALL' },
      { name: 'LOAD', text: 'LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://example.org/g>' },
    ];
    for (const update of updates) {
      for (const method of METHODS) {
        it(`400 for ${update.name} sent by ${method}`, async () => {
          const response = await sendQuery(server, method, update.text);
          await assertErrorResponse(server, response, 400, /SPARQL update; send updates to \/sparql\/update/);
        });
      }
    }

    it('update sent as a query changes nothing', async () => {
      const response = await sendQuery(server, 'GET', `${PREFIXES}DELETE WHERE { GRAPH ?g { ?s dt:partNumber ?n } }`);
      await response.arrayBuffer();
      const check = await sendQuery(server, 'GET', SELECT, { accept: 'application/sparql-results+json' });
      assert.deepEqual(rows(await readResults(check), ['part', 'number']), expectedParts());
    });

    // Every SERVICE points at port 9 on 127.0.0.1, so nothing would leave the machine even if one ran.
    const service = 'SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }';
    const services = [
      { name: 'at the top level', query: `SELECT * WHERE { ${service} }` },
      { name: 'with SILENT', query: 'SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }' },
      { name: 'in OPTIONAL', query: `SELECT * WHERE { ?s ?p ?o OPTIONAL { ${service} } }` },
      { name: 'in UNION', query: `SELECT * WHERE { { ?s ?p ?o } UNION { ${service} } }` },
      { name: 'in MINUS', query: `SELECT * WHERE { ?s ?p ?o MINUS { ${service} } }` },
      { name: 'in GRAPH', query: `SELECT * WHERE { GRAPH ?g { ${service} } }` },
      { name: 'in a sub-query', query: `SELECT * WHERE { { SELECT * WHERE { ${service} } } }` },
      { name: 'in FILTER EXISTS', query: `SELECT * WHERE { ?s ?p ?o FILTER EXISTS { ${service} } }` },
      { name: 'in FILTER NOT EXISTS', query: `SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { ${service} } }` },
      { name: 'in BIND(EXISTS)', query: `SELECT * WHERE { ?s ?p ?o BIND(EXISTS { ${service} } AS ?remote) }` },
      { name: 'in ASK', query: `ASK { ${service} }` },
      { name: 'in CONSTRUCT', query: `CONSTRUCT { ?s ?p ?o } WHERE { ${service} }` },
    ];
    for (const testCase of services) {
      it(`400 for SERVICE ${testCase.name}`, async () => {
        const response = await sendQuery(server, 'GET', testCase.query, { accept: '*/*' });
        await assertErrorResponse(server, response, 400, /SERVICE \(federated query\) is disabled/);
      });
    }
  });

  describe('dataset', () => {
    const IDS = `${PREFIXES}SELECT ?id WHERE { ?s dcterms:identifier ?id }`;
    const GRAPHS = 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }';
    const cases: { name: string; query: () => string; parameters: () => [string, string][]; variable: string; expected: () => string[] }[] = [
      {
        name: 'default graph is the union without a dataset',
        query: () => `${PREFIXES}SELECT ?id WHERE { ?s a oslc_plm:Part ; dcterms:identifier ?id }`,
        parameters: () => [],
        variable: 'id',
        expected: () => ['P-000001', 'P-000002', 'P-000003'],
      },
      {
        name: 'default-graph-uri restricts the default graph',
        query: () => IDS,
        parameters: () => [['default-graph-uri', iri(P1)]],
        variable: 'id',
        expected: () => ['P-000001'],
      },
      {
        name: 'two default-graph-uri merge',
        query: () => IDS,
        parameters: () => [
          ['default-graph-uri', iri(P1)],
          ['default-graph-uri', iri(P2)],
        ],
        variable: 'id',
        expected: () => ['P-000001', 'P-000002'],
      },
      {
        name: 'default-graph-uri alone leaves no named graphs',
        query: () => GRAPHS,
        parameters: () => [['default-graph-uri', iri(P1)]],
        variable: 'g',
        expected: () => [],
      },
      {
        name: 'unknown default-graph-uri gives an empty default graph',
        query: () => IDS,
        parameters: () => [['default-graph-uri', 'http://example.org/no-such-graph']],
        variable: 'id',
        expected: () => [],
      },
      {
        name: 'named-graph-uri restricts GRAPH ?g',
        query: () => GRAPHS,
        parameters: () => [['named-graph-uri', iri(P1)]],
        variable: 'g',
        expected: () => [iri(P1)],
      },
      {
        name: 'two named-graph-uri',
        query: () => GRAPHS,
        parameters: () => [
          ['named-graph-uri', iri(P1)],
          ['named-graph-uri', iri(BL1)],
        ],
        variable: 'g',
        expected: () => [iri(BL1), iri(P1)].sort(),
      },
      {
        name: 'named-graph-uri alone leaves the default graph empty',
        query: () => IDS,
        parameters: () => [['named-graph-uri', iri(P1)]],
        variable: 'id',
        expected: () => [],
      },
      {
        name: 'default-graph-uri and named-graph-uri together',
        query: () => `${PREFIXES}SELECT ?id WHERE { { ?s dcterms:identifier ?id } UNION { GRAPH ?g { ?s dcterms:identifier ?id } } }`,
        parameters: () => [
          ['default-graph-uri', iri(P2)],
          ['named-graph-uri', iri(P1)],
        ],
        variable: 'id',
        expected: () => ['P-000001', 'P-000002'],
      },
      {
        name: 'protocol parameters replace FROM',
        query: () => `${PREFIXES}SELECT ?id FROM <${iri(P2)}> WHERE { ?s dcterms:identifier ?id }`,
        parameters: () => [['default-graph-uri', iri(P1)]],
        variable: 'id',
        expected: () => ['P-000001'],
      },
      {
        name: 'FROM applies without protocol parameters',
        query: () => `${PREFIXES}SELECT ?id FROM <${iri(P2)}> WHERE { ?s dcterms:identifier ?id }`,
        parameters: () => [],
        variable: 'id',
        expected: () => ['P-000002'],
      },
      {
        name: 'FROM NAMED applies without protocol parameters',
        query: () => `SELECT DISTINCT ?g FROM NAMED <${iri(P1)}> WHERE { GRAPH ?g { ?s ?p ?o } }`,
        parameters: () => [],
        variable: 'g',
        expected: () => [iri(P1)],
      },
      {
        name: 'FROM NAMED alone leaves the default graph empty',
        query: () => `${PREFIXES}SELECT ?id FROM NAMED <${iri(P1)}> WHERE { ?s dcterms:identifier ?id }`,
        parameters: () => [],
        variable: 'id',
        expected: () => [],
      },
    ];
    for (const method of METHODS) {
      for (const testCase of cases) {
        it(`${method}: ${testCase.name}`, async () => {
          const response = await sendQuery(server, method, testCase.query(), { accept: 'application/sparql-results+json', parameters: testCase.parameters() });
          assert.equal(response.status, 200);
          assert.deepEqual(column(await readResults(response), testCase.variable), testCase.expected());
        });
      }
    }
  });

  describe('service description and page', () => {
    it('describes the endpoint in Turtle', async () => {
      const response = await send(server, 'sparql', { headers: { Accept: 'text/turtle' } });
      assert.equal(response.status, 200);
      assert.equal(contentTypeOf(response), 'text/turtle');
      const quads = await parseResponse(response, iri('sparql'), server.base);
      const endpoint = iri('sparql');
      const values = (predicate: string): string[] => objectTerms(quads, endpoint, predicate).map((term) => term.value);
      assert.ok(values(RDF_TYPE).includes(`${SD}Service`), 'the endpoint is not an sd:Service');
      assert.deepEqual(values(`${SD}endpoint`), [endpoint]);
      assert.deepEqual(values(`${SD}supportedLanguage`), [`${SD}SPARQL11Query`]);
      assert.match(values(`${NS.dcterms}description`).join(' '), /CSV and TSV results serve SELECT only/);
      assert.deepEqual(
        values(`${SD}resultFormat`).sort(),
        ['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'RDF_XML', 'JSON-LD'].map((name) => FORMATS + name).sort(),
      );
      assert.deepEqual(
        objectTerms(quads, iri('sparql/update'), `${SD}supportedLanguage`).map((term) => term.value),
        [`${SD}SPARQL11Update`],
      );
    });

    for (const mediaType of RDF_MEDIA_TYPES) {
      it(`describes the endpoint as ${mediaType}`, async () => {
        const response = await send(server, 'sparql', { headers: { Accept: mediaType } });
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), mediaType);
        const quads = await parseResponse(response, iri('sparql'), server.base);
        assert.ok(
          objectTerms(quads, iri('sparql'), RDF_TYPE).some((term) => term.value === `${SD}Service`),
          'the endpoint is not an sd:Service',
        );
      });
    }

    it('serves the query page to browsers', async () => {
      const response = await send(server, 'sparql', { headers: { Accept: 'text/html' } });
      assert.equal(response.status, 200);
      assert.equal(contentTypeOf(response), 'text/html');
      const html = await response.text();
      assert.match(html, /<h1>SPARQL query<\/h1>/);
      assert.ok(html.includes(`<code>${iri('sparql')}</code>`), 'the page does not name the endpoint');

      const examples = exampleQueries(html);
      assert.ok(examples.length >= 3, `only ${examples.length} example queries`);
      for (const example of examples) {
        assert.ok(html.includes(`>${example.title}</button>`), `no button for the example "${example.title}"`);
      }
    });

    it('example queries run', async () => {
      const page = await send(server, 'sparql', { headers: { Accept: 'text/html' } });
      const examples = exampleQueries(await page.text());
      for (const example of examples) {
        assert.doesNotThrow(() => new sparqljs.Parser().parse(example.query), `example "${example.title}" does not parse`);
        const response = await sendQuery(server, 'POST direct', example.query, { accept: 'application/sparql-results+json' });
        assert.equal(response.status, 200, `example "${example.title}" returned ${response.status}`);
        assert.equal((await readResults(response)).kind, 'bindings');
      }
    });
  });
});

describe('SPARQL query timeout', () => {
  let server: TestServer;
  /** Every triple joined with itself four times over: far too slow to finish within a second. */
  const CROSS_JOIN = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
  const SMALL = `${PREFIXES}ASK { ?s dt:partNumber "FCC-300-000" }`;

  before(async () => {
    server = await startTestServer({ config: { sparqlTimeout: '1' } });
    // Start the workers first, so their load time does not count against the deadline.
    const response = await sendQuery(server, 'GET', SMALL);
    assert.equal(response.status, 200);
    await response.arrayBuffer();
  });

  after(async () => {
    await server.stop();
  });

  async function timedQuery(parameters: [string, string][]): Promise<{ response: Response; ms: number }> {
    const started = performance.now();
    const response = await sendQuery(server, 'GET', CROSS_JOIN, { accept: 'application/sparql-results+json', parameters });
    return { response, ms: performance.now() - started };
  }

  it('caps a larger timeout at the server maximum', async () => {
    const { response, ms } = await timedQuery([['timeout', '100']]);
    assert.equal(response.status, 503);
    assert.ok(ms >= 950, `the query was stopped after ${Math.round(ms)} ms, before the 1 s maximum`);
    assert.ok(ms < 3_000, `the 1 s maximum took ${Math.round(ms)} ms to answer`);
    assert.match(response.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.equal(response.headers.get('sparql-timeout'), '1');
    await assertErrorResponse(server, response, 503, /did not finish within 1000 ms and was stopped/);
  });

  it('says when the maximum capped the timeout', async () => {
    const { response } = await timedQuery([['timeout', '100']]);
    await assertErrorResponse(server, response, 503, /1 s is the server's maximum timeout \(the request asked for 100 s\)/);
  });

  it('offers no longer timeout at the maximum', async () => {
    const { response } = await timedQuery([]);
    const body = await response.text();
    assert.equal(response.status, 503);
    assert.doesNotMatch(body, /longer timeout/);
    assert.match(body, /1 s is the server's maximum timeout\./);
  });

  it('offers a longer timeout below the maximum', async () => {
    const { response } = await timedQuery([['timeout', '0.3']]);
    assert.equal(response.headers.get('sparql-timeout'), '0.3');
    await assertErrorResponse(server, response, 503, /ask for a longer timeout, up to timeout=1 seconds/);
  });

  it('reports the applied timeout in a header', async () => {
    const capped = await sendQuery(server, 'GET', SMALL, { accept: 'application/sparql-results+json', parameters: [['timeout', '100']] });
    await capped.arrayBuffer();
    const smaller = await sendQuery(server, 'GET', SMALL, { accept: 'application/sparql-results+json', parameters: [['timeout', '0.5']] });
    await smaller.arrayBuffer();
    assert.equal(capped.headers.get('sparql-timeout'), '1');
    assert.equal(smaller.headers.get('sparql-timeout'), '0.5');
  });

  it('honours a smaller timeout', async () => {
    const { response, ms } = await timedQuery([['timeout', '0.3']]);
    assert.equal(response.status, 503);
    assert.ok(ms >= 250, `the query was stopped after ${Math.round(ms)} ms, before its 0.3 s timeout`);
    assert.ok(ms < 950, `the 0.3 s timeout took ${Math.round(ms)} ms to answer`);
    await assertErrorResponse(server, response, 503, /did not finish within 300 ms/);
  });

  it('answers queries after a timeout', async () => {
    const response = await sendQuery(server, 'GET', SMALL, { accept: 'application/sparql-results+json' });
    assert.equal(response.status, 200);
    assert.deepEqual(await readResults(response), { kind: 'boolean', value: true });
  });
});

describe('SPARQL 1.1 Update endpoint', () => {
  let server: TestServer;
  let adminKey: string;
  let viewerKey: string;
  let engineerKey: string;
  let revokedKey: string;
  const iri = (path: string): string => `${server.base}${path}`;

  before(async () => {
    server = await startTestServer();
    const keys = new ApiKeyStore(server.dataDirectory);
    adminKey = keys.create('update-admin', 'admin', ['ITAR']).key;
    viewerKey = keys.create('update-viewer', 'viewer').key;
    engineerKey = keys.create('update-engineer', 'engineer').key;
    const revoked = keys.create('update-revoked', 'admin', ['ITAR']);
    revokedKey = revoked.key;
    assert.ok(keys.revoke(revoked.record.id), 'the key could not be revoked');
  });

  after(async () => {
    await server.stop();
  });

  function sendUpdate(text: string, headers: Record<string, string> = {}, contentType = 'application/sparql-update'): Promise<Response> {
    return send(server, 'sparql/update', { method: 'POST', headers: { 'Content-Type': contentType, ...headers }, body: text });
  }

  const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });

  /** Sets the screw's dt:material through SPARQL Update, replacing the old value. */
  const setMaterial = (material: string): string =>
    `${PREFIXES}DELETE { GRAPH <${iri(P3)}> { ?part dt:material ?old } } INSERT { GRAPH <${iri(P3)}> { ?part dt:material "${material}" } } WHERE { GRAPH <${iri(P3)}> { ?part dt:material ?old } }`;

  /** Returns the screw's materials from a SPARQL query. */
  async function materialsBySparql(): Promise<string[]> {
    const response = await sendQuery(server, 'GET', `${PREFIXES}SELECT ?material WHERE { <${iri(P3)}> dt:material ?material }`, { accept: 'application/sparql-results+json' });
    assert.equal(response.status, 200);
    return column(await readResults(response), 'material');
  }

  /** Returns the screw's materials and ETag from a GET of the resource. */
  async function materialsByGet(): Promise<{ materials: string[]; etag: string | null }> {
    const response = await send(server, P3, { headers: { Accept: 'text/turtle' } });
    assert.equal(response.status, 200);
    const quads = await parseResponse(response, iri(P3), server.base);
    return { materials: objectTerms(quads, iri(P3), `${NS.dt}material`).map((term) => term.value), etag: response.headers.get('etag') };
  }

  const unauthorized: { name: string; headers: () => Record<string, string>; status: number; challenge?: RegExp }[] = [
    { name: 'no key', headers: () => ({}), status: 401, challenge: /^Bearer\b/ },
    { name: 'a malformed key', headers: () => bearer('not-a-key'), status: 401, challenge: /^Bearer\b.*error="invalid_token"/ },
    { name: 'an unknown key', headers: () => bearer(`dt_00000000_${'A'.repeat(43)}`), status: 401, challenge: /error="invalid_token"/ },
    { name: 'a revoked key', headers: () => bearer(revokedKey), status: 401, challenge: /error="invalid_token"/ },
    { name: 'Basic credentials', headers: () => ({ Authorization: 'Basic YWRtaW46YWRtaW4=' }), status: 401, challenge: /^Bearer\b/ },
    { name: 'a viewer key', headers: () => bearer(viewerKey), status: 403 },
    { name: 'an engineer key', headers: () => bearer(engineerKey), status: 403 },
  ];
  for (const testCase of unauthorized) {
    it(`${testCase.status} for ${testCase.name}`, async () => {
      const response = await sendUpdate(setMaterial(`unauthorized: ${testCase.name}`), testCase.headers());
      if (testCase.challenge !== undefined) {
        assert.match(response.headers.get('www-authenticate') ?? '', testCase.challenge);
      }
      await assertErrorResponse(server, response, testCase.status, /API key|role/);
      assert.deepEqual(await materialsBySparql(), ['CRES A286']);
    });
  }

  it('admin update is visible at once', async () => {
    // Start the SPARQL workers first, so the change must reach running replicas.
    assert.deepEqual(await materialsBySparql(), ['CRES A286']);
    const before = await materialsByGet();

    const response = await sendUpdate(setMaterial('Inconel 718'), bearer(adminKey));
    assert.equal(response.status, 204);

    assert.deepEqual(await materialsBySparql(), ['Inconel 718']);
    const after = await materialsByGet();
    assert.deepEqual(after.materials, ['Inconel 718']);
    assert.notEqual(after.etag, null);
    assert.notEqual(after.etag, before.etag);
  });

  /** Returns the screw's dt:note values from a SPARQL query. */
  async function notesBySparql(): Promise<string[]> {
    const response = await sendQuery(server, 'GET', `${PREFIXES}SELECT ?note WHERE { <${iri(P3)}> dt:note ?note }`, { accept: 'application/sparql-results+json' });
    assert.equal(response.status, 200);
    return column(await readResults(response), 'note');
  }

  /** Update forms that name their target graph in different ways. Each one adds or removes one dt:note. */
  const forms: { name: string; setup?: () => string; update: () => string; note: string; present: boolean }[] = [
    { name: 'INSERT DATA', update: () => `${PREFIXES}INSERT DATA { GRAPH <${iri(P3)}> { <${iri(P3)}> dt:note "insert data" } }`, note: 'insert data', present: true },
    {
      name: 'DELETE DATA',
      setup: () => `${PREFIXES}INSERT DATA { GRAPH <${iri(P3)}> { <${iri(P3)}> dt:note "delete data" } }`,
      update: () => `${PREFIXES}DELETE DATA { GRAPH <${iri(P3)}> { <${iri(P3)}> dt:note "delete data" } }`,
      note: 'delete data',
      present: false,
    },
    { name: 'WITH', update: () => `${PREFIXES}WITH <${iri(P3)}> INSERT { ?part dt:note "with" } WHERE { ?part dt:partNumber ?number }`, note: 'with', present: true },
    {
      name: 'USING',
      update: () => `${PREFIXES}INSERT { GRAPH <${iri(P3)}> { ?part dt:note "using" } } USING <${iri(P3)}> WHERE { ?part dt:partNumber ?number }`,
      note: 'using',
      present: true,
    },
    {
      name: 'a graph variable',
      update: () => `${PREFIXES}INSERT { GRAPH ?g { ?part dt:note "graph variable" } } WHERE { GRAPH ?g { ?part dt:partNumber "NAS1352-08-6" } }`,
      note: 'graph variable',
      present: true,
    },
    {
      name: 'DELETE WHERE with a graph variable',
      setup: () => `${PREFIXES}INSERT DATA { GRAPH <${iri(P3)}> { <${iri(P3)}> dt:note "delete where" } }`,
      update: () => `${PREFIXES}DELETE WHERE { GRAPH ?g { ?part dt:note "delete where" } }`,
      note: 'delete where',
      present: false,
    },
  ];
  for (const form of forms) {
    it(`update with ${form.name} is visible at once`, async () => {
      if (form.setup !== undefined) {
        assert.equal((await sendUpdate(form.setup(), bearer(adminKey))).status, 204);
      }
      const before = await materialsByGet();

      const response = await sendUpdate(form.update(), bearer(adminKey));
      assert.equal(response.status, 204);

      assert.equal((await notesBySparql()).includes(form.note), form.present);
      const after = await send(server, P3, { headers: { Accept: 'text/turtle' } });
      const quads = await parseResponse(after, iri(P3), server.base);
      assert.equal(
        objectTerms(quads, iri(P3), `${NS.dt}note`).some((term) => term.value === form.note),
        form.present,
      );
      assert.notEqual(after.headers.get('etag'), before.etag);
    });
  }

  // Queries at /sparql read the union of all graphs as the default graph. An update whose WHERE reads
  // the default graph must match the same data or be rejected, because a 204 that changed nothing
  // looks like success to the client.
  it('WHERE over the default graph is not a silent no-op', async () => {
    const before = await materialsByGet();
    const response = await sendUpdate(`${PREFIXES}INSERT { GRAPH <${iri(P3)}> { ?part dt:note "default graph where" } } WHERE { ?part dt:partNumber "NAS1352-08-6" }`, bearer(adminKey));
    if (response.status === 204) {
      assert.ok((await notesBySparql()).includes('default graph where'), 'the update returned 204 but its WHERE matched nothing');
      assert.notEqual((await materialsByGet()).etag, before.etag);
    } else {
      await assertErrorResponse(server, response, 400, /default graph/);
    }
  });

  it('SERVICE in an update is 400', async () => {
    const response = await sendUpdate(`INSERT { GRAPH <${iri(P3)}> { ?s ?p ?o } } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }`, bearer(adminKey));
    await assertErrorResponse(server, response, 400, /service/i);
  });

  it('admin update as a form is applied', async () => {
    const response = await sendUpdate(new URLSearchParams([['update', setMaterial('Ti-6Al-4V')]]).toString(), bearer(adminKey), 'application/x-www-form-urlencoded');
    assert.equal(response.status, 204);
    assert.deepEqual(await materialsBySparql(), ['Ti-6Al-4V']);
  });

  const rejected: { name: string; text: () => string; contentType?: string; status: number; message: RegExp }[] = [
    {
      name: 'INSERT into the default graph',
      text: () => `${PREFIXES}INSERT DATA { <${iri(P3)}> dt:material "default graph" }`,
      status: 400,
      message: /writes to the default graph/,
    },
    { name: 'LOAD', text: () => `LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <${iri(P3)}>`, status: 400, message: /LOAD is not allowed/ },
    {
      name: 'a syntax error after a valid operation',
      text: () => `${PREFIXES}INSERT DATA { GRAPH <${iri(P3)}> { <${iri(P3)}> dt:material "syntax" } } ; INSERT DATA { GRAPH <${iri(P3)}> {`,
      status: 400,
      message: /Invalid SPARQL update/,
    },
    {
      name: 'a default-graph write after a valid operation',
      text: () => `${PREFIXES}INSERT DATA { GRAPH <${iri(P3)}> { <${iri(P3)}> dt:material "first" } } ; INSERT DATA { <${iri(P3)}> dt:material "second" }`,
      status: 400,
      message: /writes to the default graph/,
    },
    {
      name: 'a failing operation after a valid one',
      text: () => `${PREFIXES}INSERT DATA { GRAPH <${iri(P3)}> { <${iri(P3)}> dt:material "before failure" } } ; DROP GRAPH <http://example.org/no-such-graph>`,
      status: 400,
      message: /SPARQL update failed/,
    },
    { name: 'a query', text: () => `ASK { <${iri(P3)}> ?p ?o }`, status: 400, message: /SPARQL query, not an update/ },
    { name: 'an empty update', text: () => '', status: 400, message: /update is empty/ },
    { name: 'a query media type', text: () => setMaterial('wrong type'), contentType: 'application/sparql-query', status: 415, message: /Content-Type application\/sparql-query/ },
  ];
  for (const testCase of rejected) {
    it(`${testCase.status} for ${testCase.name} changes nothing`, async () => {
      const before = await materialsByGet();
      const response = await sendUpdate(testCase.text(), bearer(adminKey), testCase.contentType);
      await assertErrorResponse(server, response, testCase.status, testCase.message);

      assert.deepEqual(await materialsBySparql(), before.materials);
      const after = await materialsByGet();
      assert.deepEqual(after.materials, before.materials);
      assert.equal(after.etag, before.etag);
    });
  }

  it('GET of the update endpoint is 405', async () => {
    const response = await send(server, `sparql/update?${new URLSearchParams([['update', setMaterial('by GET')]]).toString()}`, { headers: bearer(adminKey) });
    await response.arrayBuffer();
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'OPTIONS, POST');
    assert.ok(!(await materialsBySparql()).includes('by GET'), 'GET applied the update');
  });
});

describe('SPARQL 1.1 Graph Store Protocol', () => {
  let server: TestServer;
  let adminKey: string;
  let viewerKey: string;
  let graphCount = 0;
  const iri = (path: string): string => `${server.base}${path}`;

  before(async () => {
    server = await startTestServer();
    const keys = new ApiKeyStore(server.dataDirectory);
    adminKey = keys.create('graph-store-admin', 'admin', ['ITAR']).key;
    viewerKey = keys.create('graph-store-viewer', 'viewer').key;
  });

  after(async () => {
    await server.stop();
  });

  const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });
  const graphPath = (graph: string): string => `sparql/graph?graph=${encodeURIComponent(graph)}`;
  /** A graph IRI no other test uses. */
  const freshGraph = (): string => iri(`graphs/graph-store-test-${++graphCount}`);

  function write(method: 'PUT' | 'POST', graph: string, turtle: string, headers: Record<string, string> = bearer(adminKey), contentType = 'text/turtle'): Promise<Response> {
    return send(server, graphPath(graph), { method, headers: { 'Content-Type': contentType, ...headers }, body: turtle });
  }

  /** Reads a graph as N-Triples and returns its triples, or undefined when it is not found. */
  async function readGraph(graph: string): Promise<Quad[] | undefined> {
    const response = await send(server, graphPath(graph), { headers: { Accept: 'application/n-triples' } });
    if (response.status === 404) {
      await response.arrayBuffer();
      return undefined;
    }
    assert.equal(response.status, 200);
    return parseResponse(response, graph, server.base);
  }

  /** Returns the values of `<http://example.org/s> <http://example.org/p> ?value` in a graph, sorted. */
  function valuesOf(quads: Quad[] | undefined): string[] {
    return (quads ?? [])
      .filter((quad) => quad.subject.value === 'http://example.org/s' && quad.predicate.value === 'http://example.org/p')
      .map((quad) => quad.object.value)
      .sort();
  }

  for (const mediaType of RDF_MEDIA_TYPES) {
    it(`GET reads a resource graph as ${mediaType}`, async () => {
      const response = await send(server, graphPath(iri(P1)), { headers: { Accept: mediaType } });
      assert.equal(response.status, 200);
      assert.equal(contentTypeOf(response), mediaType);
      assert.match(response.headers.get('etag') ?? '', /^"[^"]+"$/);
      const quads = await parseResponse(response, iri(P1), server.base);
      assert.deepEqual(
        objectTerms(quads, iri(P1), `${NS.dt}partNumber`).map((term) => term.value),
        ['FCC-300-000'],
      );
    });
  }

  it('GET of a missing graph is 404', async () => {
    const response = await send(server, graphPath(iri('graphs/no-such-graph')), { headers: { Accept: 'text/turtle' } });
    await assertErrorResponse(server, response, 404, /no graph/);
  });

  const badTargets: { name: string; path: string; message: RegExp }[] = [
    { name: '?default', path: 'sparql/graph?default', message: /default graph holds no data/ },
    { name: 'no graph parameter', path: 'sparql/graph', message: /Name exactly one graph/ },
    { name: 'a relative graph IRI', path: 'sparql/graph?graph=parts%2FP-000001', message: /Name exactly one graph/ },
    { name: 'two graph parameters', path: `sparql/graph?graph=${encodeURIComponent('http://example.org/a')}&graph=${encodeURIComponent('http://example.org/b')}`, message: /Name exactly one graph/ },
  ];
  for (const target of badTargets) {
    it(`GET with ${target.name} is 400`, async () => {
      const response = await send(server, target.path, { headers: { Accept: 'text/turtle' } });
      await assertErrorResponse(server, response, 400, target.message);
    });

    it(`PUT with ${target.name} is 400`, async () => {
      const response = await send(server, target.path, { method: 'PUT', headers: { 'Content-Type': 'text/turtle', ...bearer(adminKey) }, body: '<http://example.org/s> <http://example.org/p> "x" .' });
      await assertErrorResponse(server, response, 400, target.message);
    });
  }

  const unauthorized: { name: string; headers: () => Record<string, string>; status: number }[] = [
    { name: 'no key', headers: () => ({}), status: 401 },
    { name: 'a malformed key', headers: () => bearer('not-a-key'), status: 401 },
    { name: 'a viewer key', headers: () => bearer(viewerKey), status: 403 },
  ];
  for (const testCase of unauthorized) {
    for (const method of ['PUT', 'POST'] as const) {
      it(`${method} with ${testCase.name} is ${testCase.status}`, async () => {
        const graph = freshGraph();
        const response = await write(method, graph, '<http://example.org/s> <http://example.org/p> "unauthorized" .', testCase.headers());
        if (testCase.status === 401) {
          assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer\b/);
        }
        await assertErrorResponse(server, response, testCase.status, /API key|role/);
        assert.equal(await readGraph(graph), undefined);
      });
    }

    it(`DELETE with ${testCase.name} is ${testCase.status}`, async () => {
      const response = await send(server, graphPath(iri(P2)), { method: 'DELETE', headers: testCase.headers() });
      if (testCase.status === 401) {
        assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer\b/);
      }
      await assertErrorResponse(server, response, testCase.status, /API key|role/);
      assert.notEqual(await readGraph(iri(P2)), undefined);
    });
  }

  it('PUT creates a graph', async () => {
    const graph = freshGraph();
    const response = await write('PUT', graph, '<http://example.org/s> <http://example.org/p> "created" .');
    assert.equal(response.status, 201);
    assert.deepEqual(valuesOf(await readGraph(graph)), ['created']);
  });

  it('PUT replaces a graph', async () => {
    const graph = freshGraph();
    assert.equal((await write('PUT', graph, '<http://example.org/s> <http://example.org/p> "old" .')).status, 201);
    const response = await write('PUT', graph, '<http://example.org/s> <http://example.org/p> "new" .');
    assert.equal(response.status, 204);
    assert.deepEqual(valuesOf(await readGraph(graph)), ['new']);
  });

  it('POST merges into a graph', async () => {
    const graph = freshGraph();
    assert.equal((await write('PUT', graph, '<http://example.org/s> <http://example.org/p> "first" .')).status, 201);
    const response = await write('POST', graph, '<http://example.org/s> <http://example.org/p> "second" .');
    assert.equal(response.status, 204);
    assert.deepEqual(valuesOf(await readGraph(graph)), ['first', 'second']);
  });

  it('POST keeps blank nodes apart', async () => {
    const graph = freshGraph();
    assert.equal((await write('PUT', graph, '<http://example.org/s> <http://example.org/p> [ <http://example.org/q> 1 ] .')).status, 201);
    assert.equal((await write('POST', graph, '<http://example.org/s> <http://example.org/p> [ <http://example.org/q> 2 ] .')).status, 204);
    const quads = (await readGraph(graph)) ?? [];
    assert.equal(new Set(valuesOf(quads)).size, 2);
    assert.equal(quads.length, 4);
  });

  it('POST creates a missing graph', async () => {
    const graph = freshGraph();
    const response = await write('POST', graph, '<http://example.org/s> <http://example.org/p> "posted" .');
    assert.equal(response.status, 201);
    assert.deepEqual(valuesOf(await readGraph(graph)), ['posted']);
  });

  it('DELETE drops a graph', async () => {
    const graph = freshGraph();
    assert.equal((await write('PUT', graph, '<http://example.org/s> <http://example.org/p> "doomed" .')).status, 201);
    const response = await send(server, graphPath(graph), { method: 'DELETE', headers: bearer(adminKey) });
    assert.equal(response.status, 204);
    assert.equal(await readGraph(graph), undefined);
  });

  it('DELETE of a missing graph is 404', async () => {
    const response = await send(server, graphPath(freshGraph()), { method: 'DELETE', headers: bearer(adminKey) });
    await assertErrorResponse(server, response, 404, /no graph/);
  });

  it('PUT of a resource graph is visible at once', async () => {
    // Start the SPARQL workers first, so the change must reach running replicas.
    const query = `${PREFIXES}SELECT ?material WHERE { <${iri(P3)}> dt:material ?material }`;
    const first = await sendQuery(server, 'GET', query, { accept: 'application/sparql-results+json' });
    assert.deepEqual(column(await readResults(first), 'material'), ['CRES A286']);
    const before = await send(server, P3, { headers: { Accept: 'text/turtle' } });
    await before.arrayBuffer();

    const original = (await readGraph(iri(P3))) ?? [];
    const otherTriples = original.filter((quad) => quad.predicate.value !== `${NS.dt}material`);
    const replaced = `${toNTriples(otherTriples)}\n<${iri(P3)}> <${NS.dt}material> "Inconel 718" .\n`;
    const response = await write('PUT', iri(P3), replaced, bearer(adminKey), 'application/n-triples');
    assert.equal(response.status, 204);

    const second = await sendQuery(server, 'GET', query, { accept: 'application/sparql-results+json' });
    assert.deepEqual(column(await readResults(second), 'material'), ['Inconel 718']);
    const after = await send(server, P3, { headers: { Accept: 'text/turtle' } });
    const quads = await parseResponse(after, iri(P3), server.base);
    assert.deepEqual(
      objectTerms(quads, iri(P3), `${NS.dt}material`).map((term) => term.value),
      ['Inconel 718'],
    );
    assert.notEqual(after.headers.get('etag'), before.headers.get('etag'));
  });

  it('PUT with an unsupported Content-Type is 415', async () => {
    const graph = freshGraph();
    const response = await write('PUT', graph, 's p o', bearer(adminKey), 'text/plain');
    await assertErrorResponse(server, response, 415, /Content-Type text\/plain/);
    assert.equal(await readGraph(graph), undefined);
  });

  it('PUT with invalid Turtle is 400 and keeps the graph', async () => {
    const graph = freshGraph();
    assert.equal((await write('PUT', graph, '<http://example.org/s> <http://example.org/p> "kept" .')).status, 201);
    const response = await write('PUT', graph, '<http://example.org/s> <http://example.org/p> "broken');
    await assertErrorResponse(server, response, 400, /Invalid Turtle: .* on line 1/);
    assert.deepEqual(valuesOf(await readGraph(graph)), ['kept']);
  });
});

import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { canonical, parseResponse } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import {
  assertOslcError,
  assertOslcVersionHeader,
  BROWSER_ACCEPT,
  contentTypeOf,
  getRdf,
  getRdfWithoutAccept,
  hasTriple,
  headerTokens,
  NS,
  RDF_MEDIA_TYPES,
  RDF_TYPE,
  rawRequest,
} from './HttpTestSupport.js';

const PART = 'oslc/sp/fcc/parts/P-000001';

/** Accept header (undefined: none sent) and the Content-Type essence the response must have. */
const ACCEPT_CASES: [accept: string | undefined, expected: string][] = [
  ['text/turtle', 'text/turtle'],
  ['application/rdf+xml', 'application/rdf+xml'],
  ['application/xml', 'application/xml'],
  ['application/ld+json', 'application/ld+json'],
  ['application/json', 'application/json'],
  ['application/n-triples', 'application/n-triples'],
  ['text/html', 'text/html'],
  ['*/*', 'text/turtle'],
  [undefined, 'text/turtle'],
  ['application/rdf+xml;q=0.5, text/turtle;q=0.9', 'text/turtle'],
  ['text/turtle;q=0.5, application/rdf+xml;q=0.9', 'application/rdf+xml'],
  ['application/ld+json;q=0.8, */*;q=0.1', 'application/ld+json'],
  ['text/turtle;q=0, */*', 'application/rdf+xml'],
  ['TEXT/TURTLE', 'text/turtle'],
  ['text/*', 'text/turtle'],
  [BROWSER_ACCEPT, 'text/html'],
  ['application/n-quads', 'text/turtle'],
  ['text/n3', 'text/turtle'],
  ['application/trig', 'text/turtle'],
  ['application/n-quads, application/atom+xml', 'text/turtle'],
];

/** Accept headers that name nothing the server writes. */
const NOT_ACCEPTABLE = ['application/atom+xml', 'image/png', 'text/turtle;q=0'];

/** Server documents other than stored resources, each checked in every RDF format. */
const DOCUMENTS = [
  'oslc/catalog',
  'oslc/sp/fcc',
  'oslc/shapes',
  'oslc/shapes/Part',
  'oslc/shapes/Part/shacl',
  'oslc/sp/fcc/parts/query',
  'oslc/sp/fcc/parts/query?oslc.where=dcterms:identifier%3D%22P-000002%22&oslc.select=*',
  'rootservices',
];

describe('Content negotiation', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  describe('resource formats', () => {
    for (const [accept, expected] of ACCEPT_CASES) {
      it(`Accept ${accept ?? '(none)'} gives ${expected}`, async () => {
        const response = accept === undefined ? await rawRequest(server, PART) : await server.fetch(PART, { headers: { Accept: accept } });
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), expected);

        if (expected === 'text/html') {
          const body = await response.text();
          assert.match(body, /^<!DOCTYPE html>/i);
          return;
        }
        // The body must be in the syntax its Content-Type names.
        const quads = await parseResponse(response, new URL(PART, server.base).href, server.base);
        assert.ok(hasTriple(quads, new URL(PART, server.base).href, RDF_TYPE, `${NS.oslc_plm}Part`), 'the part is not typed oslc_plm:Part');
      });
    }

    for (const accept of NOT_ACCEPTABLE) {
      it(`Accept ${accept} is 406 oslc:Error`, async () => {
        const response = await server.fetch(PART, { headers: { Accept: accept } });
        assert.equal(response.status, 406);
        assertOslcVersionHeader(response);
        const quads = await parseResponse(response, new URL(PART, server.base).href, server.base);
        assertOslcError(quads, 406);
      });
    }

    it('all RDF formats give the same graph', async () => {
      const turtle = await getRdf(server, PART, 'text/turtle');
      const expected = await canonical(turtle.quads);
      assert.ok(turtle.quads.length > 10);
      for (const accept of [...RDF_MEDIA_TYPES, 'application/xml', 'application/json']) {
        const { response, quads } = await getRdf(server, PART, accept);
        assert.equal(response.status, 200, accept);
        assert.equal(await canonical(quads), expected, `${accept} graph differs from Turtle`);
      }
    });

    // NOTE: HTTP wants strong ETags to differ between representations, but this server derives the
    // ETag of RDF formats from the resource version alone, and this test checks that design. HTML
    // pages show other resources too, so they carry no ETag (see the HTML page tests).
    it('every RDF format has the same ETag', async () => {
      const etags = new Set<string | null>();
      for (const accept of [...RDF_MEDIA_TYPES, 'application/xml']) {
        const response = await server.fetch(PART, { headers: { Accept: accept } });
        await response.arrayBuffer();
        assert.ok(response.headers.get('etag') !== null, `${accept} response has no ETag`);
        etags.add(response.headers.get('etag'));
      }
      assert.equal(etags.size, 1, `ETags differ: ${[...etags].join(', ')}`);
    });

    it('Vary names Accept', async () => {
      for (const accept of [...RDF_MEDIA_TYPES, 'text/html']) {
        const response = await server.fetch(PART, { headers: { Accept: accept } });
        await response.arrayBuffer();
        const vary = headerTokens(response.headers.get('vary')).map((token) => token.toLowerCase());
        assert.ok(vary.includes('accept'), `${accept}: Vary is ${response.headers.get('vary')}`);
      }
    });
  });

  describe('server documents', () => {
    for (const path of DOCUMENTS) {
      it(`${path} is the same graph in every RDF format`, async () => {
        const turtle = await getRdf(server, path, 'text/turtle');
        assert.equal(turtle.response.status, 200);
        assert.equal(contentTypeOf(turtle.response), 'text/turtle');
        assert.ok(turtle.quads.length > 0);
        const expected = await canonical(turtle.quads);
        for (const accept of RDF_MEDIA_TYPES) {
          const { response, quads } = await getRdf(server, path, accept);
          assert.equal(response.status, 200, accept);
          assert.equal(contentTypeOf(response), accept);
          assert.equal(await canonical(quads), expected, `${accept} graph differs from Turtle`);
        }
      });

      it(`${path} varies on Accept`, async () => {
        const response = await server.fetch(path, { headers: { Accept: 'application/rdf+xml' } });
        await response.arrayBuffer();
        const vary = headerTokens(response.headers.get('vary')).map((token) => token.toLowerCase());
        assert.ok(vary.includes('accept'), `Vary is ${response.headers.get('vary')}`);
      });
    }

    it('catalog without Accept is Turtle', async () => {
      const { response, quads } = await getRdfWithoutAccept(server, 'oslc/catalog');
      assert.equal(response.status, 200);
      assert.equal(contentTypeOf(response), 'text/turtle');
      assert.ok(hasTriple(quads, `${server.base}oslc/catalog`, RDF_TYPE, `${NS.oslc}ServiceProviderCatalog`));
    });
  });

  describe('OSLC-Core-Version', () => {
    const versions: [request: string | undefined, response: string][] = [
      ['2.0', '2.0'],
      ['3.0', '3.0'],
      [undefined, '2.0'],
    ];
    for (const [requested, expected] of versions) {
      for (const path of [PART, 'oslc/catalog', 'oslc/sp/fcc/parts/query']) {
        it(`${path} with version ${requested ?? '(none)'} answers ${expected}`, async () => {
          const headers: Record<string, string> = requested === undefined ? {} : { 'OSLC-Core-Version': requested };
          const { response, quads } = await getRdf(server, path, 'text/turtle', headers);
          assert.equal(response.status, 200);
          assert.equal(response.headers.get('oslc-core-version'), expected);
          assert.ok(quads.length > 0);
        });
      }
    }

    for (const requested of ['1.0', '0.9', 'two']) {
      it(`version ${requested} is 400 oslc:Error`, async () => {
        const { response, quads } = await getRdf(server, PART, 'text/turtle', { 'OSLC-Core-Version': requested });
        assert.equal(response.status, 400);
        assertOslcVersionHeader(response);
        const message = assertOslcError(quads, 400);
        assert.match(message, /OSLC-Core-Version/);
      });
    }
  });
});

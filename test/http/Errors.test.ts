import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { parseResponse } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import {
  assertOslcError,
  assertOslcVersionHeader,
  BROWSER_ACCEPT,
  contentTypeOf,
  headerTokens,
  rawRequest,
} from './HttpTestSupport.js';

const PART = 'oslc/sp/fcc/parts/P-000001';
const LISTED_ORIGIN = 'https://elm.example.com';

/** A request that fails, and the status it must fail with. */
interface ErrorCase {
  name: string;
  status: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

const ERROR_CASES: ErrorCase[] = [
  { name: 'unknown path', status: 404, path: 'no/such/path' },
  { name: 'unknown resource', status: 404, path: 'oslc/sp/fcc/parts/P-999999' },
  { name: 'unsupported body type', status: 415, path: 'oslc/sp/fcc/parts', method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'a part' },
  { name: 'malformed percent-encoding', status: 400, path: 'oslc/sp/fcc/parts/%E0%A4%A' },
  { name: 'malformed oslc.where', status: 400, path: 'oslc/sp/fcc/parts/query?oslc.where=dcterms:title%3D' },
  { name: 'OSLC-Core-Version 1.0', status: 400, path: PART, headers: { 'OSLC-Core-Version': '1.0' } },
  { name: 'PATCH on a resource', status: 405, path: PART, method: 'PATCH', headers: { 'Content-Type': 'text/turtle' }, body: '' },
  { name: 'PUT with a stale If-Match', status: 412, path: PART, method: 'PUT', headers: { 'If-Match': '"stale-version"', 'Content-Type': 'text/turtle' }, body: '' },
  { name: 'PUT without If-Match', status: 428, path: PART, method: 'PUT', headers: { 'Content-Type': 'text/turtle' }, body: '' },
  { name: 'dialog of an unknown type', status: 404, path: 'oslc/sp/fcc/widgets/selector' },
  { name: 'expired prefilled dialog', status: 410, path: 'oslc/sp/fcc/ncrs/creator?prefill=0b7c1e52-0000-4000-8000-000000000000' },
];

/** Accept headers for error bodies, with the Content-Type essence expected. */
const ERROR_FORMATS: [accept: string, contentType: string][] = [
  ['text/turtle', 'text/turtle'],
  ['application/rdf+xml', 'application/rdf+xml'],
  ['application/ld+json', 'application/ld+json'],
];

function send(server: TestServer, errorCase: ErrorCase, accept: string, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = {
    method: errorCase.method ?? 'GET',
    headers: { Accept: accept, ...errorCase.headers, ...extraHeaders },
  };
  if (errorCase.body !== undefined) {
    init.body = errorCase.body;
  }
  return server.fetch(errorCase.path, init);
}

describe('Errors', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  describe('oslc:Error bodies', () => {
    for (const errorCase of ERROR_CASES) {
      for (const [accept, contentType] of ERROR_FORMATS) {
        it(`${errorCase.name} is ${errorCase.status} in ${contentType}`, async () => {
          const response = await send(server, errorCase, accept);
          assert.equal(response.status, errorCase.status);
          assert.equal(contentTypeOf(response), contentType);
          assertOslcVersionHeader(response);
          // Error bodies hold no relative IRIs, and some request paths are not valid base IRIs.
          const quads = await parseResponse(response, server.base, server.base);
          assertOslcError(quads, errorCase.status);
        });
      }
    }

    it('406 body falls back to Turtle', async () => {
      const response = await server.fetch(PART, { headers: { Accept: 'application/atom+xml' } });
      assert.equal(response.status, 406);
      assert.equal(contentTypeOf(response), 'text/turtle');
      assertOslcVersionHeader(response);
      const message = assertOslcError(await parseResponse(response, new URL(PART, server.base).href, server.base), 406);
      assert.match(message, /application\/atom\+xml/);
    });

    // Routes whose documents are JSON send errors in JSON, unless the client rates another type higher.
    const jsonDocumentErrors: [name: string, path: string, accept: string | undefined, status: number, contentType: string][] = [
      ['BOM with an unknown parameter, any type', `${PART}/bom?view=MBOM`, '*/*', 400, 'application/json'],
      ['BOM with an unknown parameter, JSON', `${PART}/bom?view=MBOM`, 'application/json', 400, 'application/json'],
      ['BOM with an unknown parameter, Turtle', `${PART}/bom?view=MBOM`, 'text/turtle', 400, 'text/turtle'],
      ['BOM with an invalid view, Turtle preferred', `${PART}/bom?bomView=SBOM`, 'text/turtle, */*;q=0.1', 400, 'text/turtle'],
      ['BOM of a missing part, any type', 'oslc/sp/fcc/parts/P-999999/bom', '*/*', 404, 'application/json'],
      ['import jobs without credentials, any type', 'import/jobs', '*/*', 401, 'application/json'],
      ['import jobs without credentials, Turtle', 'import/jobs', 'text/turtle', 401, 'text/turtle'],
      ['resource, any type', 'oslc/sp/fcc/parts/P-999999', '*/*', 404, 'text/turtle'],
    ];
    for (const [name, path, accept, status, contentType] of jsonDocumentErrors) {
      it(`${name} is ${status} in ${contentType}`, async () => {
        const response = await server.fetch(path, { headers: accept === undefined ? {} : { Accept: accept } });
        assert.equal(response.status, status);
        assert.equal(contentTypeOf(response), contentType);
        const quads = await parseResponse(response, server.base, server.base);
        assertOslcError(quads, status);
      });
    }

    it('405 lists the allowed methods', async () => {
      const response = await server.fetch(PART, { method: 'PATCH', headers: { Accept: 'text/turtle', 'Content-Type': 'text/turtle' }, body: '' });
      await response.arrayBuffer();
      assert.equal(response.status, 405);
      assert.deepEqual(headerTokens(response.headers.get('allow')).sort(), ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PUT']);
    });

    it('error message names the failed parameter', async () => {
      const response = await server.fetch('oslc/sp/fcc/parts/query?oslc.where=dcterms:title%3D', { headers: { Accept: 'text/turtle' } });
      const message = assertOslcError(await parseResponse(response, server.base, server.base), 400);
      assert.match(message, /oslc\.where/);
    });

    it('HEAD of a missing resource has no body', async () => {
      const response = await rawRequest(server, 'oslc/sp/fcc/parts/P-999999', { method: 'HEAD', headers: { Accept: 'text/turtle' } });
      const body = Buffer.from(await response.arrayBuffer());
      assert.equal(response.status, 404);
      assert.equal(body.length, 0);
      assertOslcVersionHeader(response);
    });
  });

  describe('HTML error pages', () => {
    it('browser gets an HTML 404 page', async () => {
      const response = await server.fetch('no/such/path', { headers: { Accept: BROWSER_ACCEPT } });
      assert.equal(response.status, 404);
      assert.equal(contentTypeOf(response), 'text/html');
      const html = await response.text();
      assert.match(html, /^<!DOCTYPE html>/i);
      assert.match(html, /<h1>Error 404<\/h1>/);
      assert.match(html, /no\/such\/path/);
    });

    it('browser gets an HTML 400 page', async () => {
      const response = await server.fetch('oslc/sp/fcc/parts/query?oslc.where=dcterms:title%3D', { headers: { Accept: BROWSER_ACCEPT } });
      assert.equal(response.status, 400);
      assert.equal(contentTypeOf(response), 'text/html');
      assert.match(await response.text(), /<h1>Error 400<\/h1>/);
    });

    it('HTML error page escapes the request', async () => {
      const response = await server.fetch(`oslc/sp/fcc/parts/query?oslc.where=${encodeURIComponent('<script>alert(1)</script>')}`, {
        headers: { Accept: BROWSER_ACCEPT },
      });
      assert.equal(response.status, 400);
      const html = await response.text();
      assert.ok(!/<script/i.test(html), 'the page contains a raw <script> tag');
    });
  });

  describe('X-Request-Id', () => {
    const safe = ['test-run.42:step_1', 'a', 'A'.repeat(64)];
    for (const id of safe) {
      it(`safe id ${id.slice(0, 20)} is echoed`, async () => {
        for (const path of [PART, 'no/such/path']) {
          const response = await server.fetch(path, { headers: { Accept: 'text/turtle', 'X-Request-Id': id } });
          await response.arrayBuffer();
          assert.equal(response.headers.get('x-request-id'), id, path);
        }
      });
    }

    const unsafe = ['has spaces in it', '<script>', 'A'.repeat(65), 'semi;colon', 'quote"d'];
    for (const id of unsafe) {
      it(`unsafe id ${JSON.stringify(id.slice(0, 20))} is replaced`, async () => {
        for (const path of [PART, 'no/such/path']) {
          const response = await server.fetch(path, { headers: { Accept: 'text/turtle', 'X-Request-Id': id } });
          await response.arrayBuffer();
          const echoed = response.headers.get('x-request-id');
          assert.ok(echoed !== null, `${path}: no X-Request-Id in the response`);
          assert.notEqual(echoed, id);
          assert.match(echoed, /^[A-Za-z0-9._:-]{1,64}$/);
        }
      });
    }

    it('missing id gets a fresh one', async () => {
      const first = await server.fetch(PART, { headers: { Accept: 'text/turtle' } });
      const second = await server.fetch(PART, { headers: { Accept: 'text/turtle' } });
      await first.arrayBuffer();
      await second.arrayBuffer();
      assert.ok(first.headers.get('x-request-id'));
      assert.notEqual(first.headers.get('x-request-id'), second.headers.get('x-request-id'));
    });
  });

  describe('CORS', () => {
    let corsServer: TestServer;

    before(async () => {
      corsServer = await startTestServer({ config: { corsOrigins: [LISTED_ORIGIN] } });
    });

    after(async () => {
      await corsServer.stop();
    });

    /** Paths a browser client reads: a resource, discovery documents, a query, the JSON-LD context and a missing path. */
    const PATHS = [PART, 'oslc/catalog', 'oslc/sp/fcc', 'rootservices', 'oslc/sp/fcc/parts/query', 'ns/context.jsonld', 'no/such/path'];
    const EXPOSED = ['etag', 'location', 'link', 'oslc-core-version', 'preference-applied'];

    for (const path of PATHS) {
      it(`listed origin is echoed on ${path}`, async () => {
        const response = await corsServer.fetch(path, { headers: { Accept: 'text/turtle', Origin: LISTED_ORIGIN } });
        await response.arrayBuffer();
        assert.equal(response.headers.get('access-control-allow-origin'), LISTED_ORIGIN);
        assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
        const exposed = headerTokens(response.headers.get('access-control-expose-headers')).map((name) => name.toLowerCase());
        for (const name of EXPOSED) {
          assert.ok(exposed.includes(name), `Access-Control-Expose-Headers lacks ${name}`);
        }
        const vary = headerTokens(response.headers.get('vary')).map((name) => name.toLowerCase());
        assert.ok(vary.includes('origin'), `Vary is ${response.headers.get('vary')}`);
      });
    }

    it('preflight from listed origin is 204', async () => {
      const requested = ['content-type', 'oslc-core-version', 'if-match', 'prefer'];
      const response = await rawRequest(corsServer, PART, {
        method: 'OPTIONS',
        headers: { Origin: LISTED_ORIGIN, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': requested.join(', ') },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), LISTED_ORIGIN);
      assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
      const methods = headerTokens(response.headers.get('access-control-allow-methods'));
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE']) {
        assert.ok(methods.includes(method), `Access-Control-Allow-Methods lacks ${method}`);
      }
      const allowed = headerTokens(response.headers.get('access-control-allow-headers')).map((name) => name.toLowerCase());
      for (const name of requested) {
        assert.ok(allowed.includes(name), `Access-Control-Allow-Headers lacks ${name}`);
      }
    });

    const UNLISTED = ['https://evil.example.com', 'http://elm.example.com', 'https://elm.example.com.evil.example', 'https://elm.example.com:8443', 'null'];
    for (const origin of UNLISTED) {
      it(`unlisted origin ${origin} gets no CORS headers`, async () => {
        // The JSON-LD context is public and sends `*` to every origin on purpose.
        for (const path of PATHS.filter((candidate) => candidate !== 'ns/context.jsonld')) {
          const response = await corsServer.fetch(path, { headers: { Accept: 'text/turtle', Origin: origin } });
          await response.arrayBuffer();
          assert.equal(response.headers.get('access-control-allow-origin'), null, `${path}: Access-Control-Allow-Origin is set`);
          assert.equal(response.headers.get('access-control-allow-credentials'), null, `${path}: Access-Control-Allow-Credentials is set`);
        }
      });
    }

    it('preflight from unlisted origin is not approved', async () => {
      const response = await rawRequest(corsServer, PART, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
      });
      await response.arrayBuffer();
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal(response.headers.get('access-control-allow-methods'), null);
      assert.equal(response.headers.get('access-control-allow-headers'), null);
    });

    it('server without CORS origins sends no CORS headers', async () => {
      const response = await server.fetch(PART, { headers: { Accept: 'text/turtle', Origin: LISTED_ORIGIN } });
      await response.arrayBuffer();
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });
  });
});

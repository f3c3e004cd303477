import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import {
  assertOslcError,
  assertSuccess,
  BROWSER_ACCEPT,
  getRdf,
  headerTokens,
  linkEntries,
  NS,
  objectTerms,
  rawRequest,
  RDF_TYPE,
} from './HttpTestSupport.js';

const PART = 'oslc/sp/fcc/parts/P-000001';

/** Headers that differ between any two responses, so HEAD and GET are compared without them. */
const PER_RESPONSE_HEADERS = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);

/** Every resource in the fixture, with the classes its shape requires it to be typed with. */
const FIXTURE_RESOURCES: [path: string, types: string[]][] = [
  ['oslc/sp/fcc/parts/P-000001', [`${NS.oslc_plm}Part`]],
  ['oslc/sp/fcc/parts/P-000002', [`${NS.oslc_plm}Part`]],
  ['oslc/sp/fcc/parts/P-000003', [`${NS.oslc_plm}Part`]],
  ['oslc/sp/fcc/bom-lines/BL-000001', [`${NS.oslc_plm}PartUsage`]],
  ['oslc/sp/fcc/bom-lines/BL-000002', [`${NS.oslc_plm}PartUsage`]],
  ['oslc/sp/fcc/ncrs/NCR-000001', [`${NS.dt}NonConformanceReport`, `${NS.oslc_cm}ChangeRequest`]],
  ['oslc/sp/fcc/requirements/REQ-000001', [`${NS.oslc_rm}Requirement`]],
  ['oslc/sp/fcc/test-cases/TC-000001', [`${NS.oslc_qm}TestCase`]],
  ['oslc/sp/fcc/test-results/TR-000001', [`${NS.oslc_qm}TestResult`]],
];

/** Paths that name no resource: unknown identifier, type segment or provider. */
const MISSING: [name: string, path: string][] = [
  ['unknown identifier', 'oslc/sp/fcc/parts/P-999999'],
  ['identifier of another type', 'oslc/sp/fcc/ncrs/P-000001'],
  ['identifier of another provider', 'oslc/sp/eha/parts/P-000001'],
  ['unknown type segment', 'oslc/sp/fcc/widgets/P-000001'],
  ['unknown provider', 'oslc/sp/no-such-programme/parts/P-000001'],
];

const SCRIPT = '<script>alert(1)</script>';

function headersWithout(response: Response, ignored: Set<string>): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!ignored.has(name)) {
      headers[name] = value;
    }
  });
  return headers;
}

describe('Resource', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  describe('HEAD', () => {
    for (const accept of ['text/turtle', 'application/rdf+xml', 'application/ld+json', 'text/html']) {
      it(`HEAD matches GET for ${accept}`, async () => {
        const get = await rawRequest(server, PART, { headers: { Accept: accept } });
        const body = Buffer.from(await get.arrayBuffer());
        const head = await rawRequest(server, PART, { method: 'HEAD', headers: { Accept: accept } });
        const headBody = Buffer.from(await head.arrayBuffer());

        assert.equal(head.status, get.status);
        assert.deepEqual(headersWithout(head, PER_RESPONSE_HEADERS), headersWithout(get, PER_RESPONSE_HEADERS));
        assert.equal(head.headers.get('content-length'), String(body.length));
        assert.equal(headBody.length, 0);
      });
    }
  });

  describe('ETag', () => {
    it('ETag is strong and stable', async () => {
      const etags: (string | null)[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await server.fetch(PART, { headers: { Accept: 'text/turtle' } });
        await response.arrayBuffer();
        etags.push(response.headers.get('etag'));
      }
      const etag = etags[0];
      assert.ok(typeof etag === 'string', 'no ETag');
      assert.match(etag, /^"[^"]+"$/, 'ETag must be a quoted strong entity tag');
      assert.deepEqual(etags, [etag, etag, etag]);
    });

    it('GET body has the declared Content-Length', async () => {
      const response = await rawRequest(server, PART, { headers: { Accept: 'text/turtle' } });
      const body = Buffer.from(await response.arrayBuffer());
      assert.equal(response.headers.get('content-length'), String(body.length));
    });

    async function currentEtag(): Promise<string> {
      const response = await server.fetch(PART, { headers: { Accept: 'text/turtle' } });
      await response.arrayBuffer();
      return response.headers.get('etag')!;
    }

    // If-None-Match uses weak comparison (RFC 7232, section 3.2), so W/"v" matches "v".
    const conditionalCases: [name: string, header: (etag: string) => string, status: number][] = [
      ['current ETag', (etag) => etag, 304],
      ['current ETag in a list', (etag) => `"stale-version", ${etag}`, 304],
      ['weak form of the ETag', (etag) => `W/${etag}`, 304],
      ['wildcard', () => '*', 304],
      ['other ETag', () => '"stale-version"', 200],
    ];
    for (const [name, header, status] of conditionalCases) {
      it(`If-None-Match with ${name} is ${status}`, async () => {
        const etag = await currentEtag();
        const response = await rawRequest(server, PART, { headers: { Accept: 'text/turtle', 'If-None-Match': header(etag) } });
        const body = Buffer.from(await response.arrayBuffer());
        assert.equal(response.status, status);
        if (status === 304) {
          assert.equal(body.length, 0);
          assert.equal(response.headers.get('etag'), etag);
        }
      });
    }

    // A 304 must carry the Cache-Control, ETag and Vary fields that a 200 would carry (RFC 7232, section 4.1).
    for (const header of ['Cache-Control', 'Vary']) {
      it(`304 repeats ${header}`, async () => {
        const full = await server.fetch(PART, { headers: { Accept: 'text/turtle' } });
        await full.arrayBuffer();
        const etag = full.headers.get('etag')!;
        const notModified = await rawRequest(server, PART, { headers: { Accept: 'text/turtle', 'If-None-Match': etag } });
        assert.equal(notModified.status, 304);
        assert.ok(full.headers.get(header) !== null, `the 200 response has no ${header}`);
        assert.deepEqual(headerTokens(notModified.headers.get(header)).sort(), headerTokens(full.headers.get(header)).sort());
      });
    }

    it('HEAD with the current ETag is 304', async () => {
      const etag = await currentEtag();
      const response = await rawRequest(server, PART, { method: 'HEAD', headers: { 'If-None-Match': etag } });
      assert.equal(response.status, 304);
    });
  });

  describe('LDP headers', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      it(`${method} links ldp:Resource and the shape`, async () => {
        const response = await rawRequest(server, PART, { method, headers: { Accept: 'text/turtle' } });
        await response.arrayBuffer();
        assertSuccess(response, method);
        const links = linkEntries(response.headers.get('link'));
        assert.ok(
          links.some((link) => link.rel === 'type' && link.target === `${NS.ldp}Resource`),
          `Link is ${response.headers.get('link')}`,
        );
        const constrainedBy = links.filter((link) => link.rel === `${NS.ldp}constrainedBy`);
        assert.deepEqual(
          constrainedBy.map((link) => link.target),
          [`${server.base}oslc/shapes/Part`],
        );
      });
    }

    it('OPTIONS lists exactly the supported methods', async () => {
      const response = await rawRequest(server, PART, { method: 'OPTIONS' });
      assertSuccess(response, 'OPTIONS');
      assert.deepEqual(headerTokens(response.headers.get('allow')).sort(), ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PUT']);
    });

    it('constrainedBy shape describes the type', async () => {
      const response = await server.fetch(PART, { method: 'OPTIONS' });
      const shape = linkEntries(response.headers.get('link')).find((link) => link.rel === `${NS.ldp}constrainedBy`)?.target;
      assert.ok(shape !== undefined);
      const { quads } = await getRdf(server, shape);
      assert.ok(objectTerms(quads, shape, `${NS.oslc}describes`).some((term) => term.value === `${NS.oslc_plm}Part`));
    });
  });

  describe('types', () => {
    for (const [path, types] of FIXTURE_RESOURCES) {
      it(`${path} has explicit rdf:type`, async () => {
        const iri = new URL(path, server.base).href;
        for (const accept of ['text/turtle', 'application/rdf+xml', 'application/ld+json']) {
          const { response, quads } = await getRdf(server, path, accept);
          assert.equal(response.status, 200, `${accept}`);
          const declared = objectTerms(quads, iri, RDF_TYPE).map((term) => term.value);
          for (const type of types) {
            assert.ok(declared.includes(type), `${accept}: ${path} is not typed <${type}>; types are ${declared.join(', ')}`);
          }
        }
      });
    }
  });

  describe('missing resources', () => {
    for (const [name, path] of MISSING) {
      it(`GET of ${name} is 404 oslc:Error`, async () => {
        const { response, quads } = await getRdf(server, path);
        assert.equal(response.status, 404);
        assertOslcError(quads, 404);
      });

      it(`HEAD of ${name} is 404 without body`, async () => {
        const response = await rawRequest(server, path, { method: 'HEAD', headers: { Accept: 'text/turtle' } });
        const body = Buffer.from(await response.arrayBuffer());
        assert.equal(response.status, 404);
        assert.equal(body.length, 0);
      });

      it(`OPTIONS of ${name} is 404`, async () => {
        const response = await rawRequest(server, path, { method: 'OPTIONS', headers: { Accept: 'text/turtle' } });
        await response.arrayBuffer();
        assert.equal(response.status, 404);
      });
    }
  });

  describe('HTML', () => {
    let created: string;
    let labels: Map<string, string>;

    before(async () => {
      const turtle = `
        @prefix dcterms: <http://purl.org/dc/terms/> .
        @prefix oslc_plm: <http://open-services.net/ns/plm#> .
        @prefix dt: <https://w3id.org/digital-thread/ns#> .
        <> a oslc_plm:Part ;
          dcterms:title "${SCRIPT}" ;
          dt:partNumber "XSS-0001" ;
          dt:revision "A" ;
          dt:lifecycleState dt:InWork ;
          dt:material "A286 \\"<b>bold</b>\\" & co" .
      `;
      const response = await server.fetch('oslc/sp/fcc/parts', {
        method: 'POST',
        headers: { 'Content-Type': 'text/turtle', Accept: 'text/turtle' },
        body: turtle,
      });
      const text = await response.text();
      assert.equal(response.status, 201, text);
      created = response.headers.get('location')!;
      assert.ok(created !== null);

      const { quads: vocabulary } = await getRdf(server, 'ns');
      labels = new Map();
      for (const property of ['partNumber', 'revision', 'lifecycleState', 'material']) {
        const label = objectTerms(vocabulary, `${NS.dt}${property}`, `${NS.rdfs}label`)[0];
        assert.ok(label !== undefined, `dt:${property} has no rdfs:label in /ns`);
        labels.set(property, label.value);
      }
    });

    it('part page shows its title and labels', async () => {
      const response = await server.fetch(PART, { headers: { Accept: BROWSER_ACCEPT } });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      const html = await response.text();
      assert.match(html, /<h1>FCC-300 Flight Control Computer Assembly<\/h1>/);
      for (const property of ['partNumber', 'revision', 'lifecycleState']) {
        // Pages show the shape's title ("Part Number"), which differs from the vocabulary label in case only.
        assert.ok(html.toLowerCase().includes(labels.get(property)!.toLowerCase()), `the page lacks the label "${labels.get(property)}" of dt:${property}`);
      }
      assert.ok(html.includes('FCC-300-000'), 'the page lacks the part number value');
    });

    it('title with markup is escaped', async () => {
      const response = await fetch(created, { headers: { Accept: 'text/html' } });
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.ok(html.includes(`<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>`), 'the escaped title is not the heading');
      assert.ok(!/<script/i.test(html), 'the page contains a raw <script> tag');
      assert.ok(!html.includes('<b>bold</b>'), 'the page contains raw markup from dt:material');
      assert.ok(html.includes('&lt;b&gt;bold&lt;/b&gt;'), 'the escaped material value is missing');
      assert.ok(html.toLowerCase().includes(labels.get('material')!.toLowerCase()), 'the page lacks the material label');
    });

    it('created part keeps the raw title in RDF', async () => {
      const { quads } = await getRdf(server, created);
      const titles = objectTerms(quads, created, `${NS.dcterms}title`).map((term) => term.value);
      assert.deepEqual(titles, [SCRIPT]);
    });
  });
});

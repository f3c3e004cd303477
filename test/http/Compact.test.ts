import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { Quad } from '@rdfjs/types';
import type { TestServer } from '../helpers/TestServer.js';
import {
  assertOslcError,
  contentTypeOf,
  fetchRdf,
  headerTokens,
  instancesOf,
  linkEntries,
  NS,
  objectTerms,
  rawRequest,
  RDF_TYPE,
} from './HttpTestSupport.js';
import { CSS_LENGTH, PREFER_COMPACT, startPreviewServer } from './PreviewTestSupport.js';

const COMPACT_REL = `${NS.oslc}Compact`;
const RDF_NS = NS.rdf;

/** Resources of each type with the title, short title and icon their Compact must carry. */
const COMPACTS: { path: string; title: string; shortTitle: string; icon: string }[] = [
  { path: 'oslc/sp/fcc/parts/P-000002', title: 'Processor Lane Module', shortTitle: 'P-000002', icon: 'Part' },
  { path: 'oslc/sp/fcc/bom-lines/BL-000001', title: 'FCC-300-000 uses Processor Lane Module', shortTitle: 'BL-000001', icon: 'BomLine' },
  { path: 'oslc/sp/fcc/ncrs/NCR-000001', title: 'Screw head height out of tolerance', shortTitle: 'NCR-000001', icon: 'NonConformanceReport' },
  { path: 'oslc/sp/fcc/requirements/REQ-000001', title: 'Lane failover within 50 ms', shortTitle: 'REQ-000001', icon: 'Requirement' },
  { path: 'oslc/sp/fcc/test-cases/TC-000001', title: 'Lane failover timing test', shortTitle: 'TC-000001', icon: 'TestCase' },
  { path: 'oslc/sp/fcc/test-results/TR-000001', title: 'Lane failover timing test, run 1', shortTitle: 'TR-000001', icon: 'TestResult' },
  { path: 'oslc/sp/fcc/telemetry-summaries/TS-000001', title: 'FCC00017 28 V DC input voltage, week ending 2026-11-23', shortTitle: 'TS-000001', icon: 'TelemetrySummary' },
  { path: 'oslc/sp/fcc/certification-artifacts/CA-000001', title: 'OFP Software Verification Plan (SVP)', shortTitle: 'CA-000001', icon: 'CertificationArtifact' },
];

const MARKUP_PART = 'oslc/sp/fcc/parts/P-000004';
/** The fixture title of MARKUP_PART, and the same text escaped for use inside an HTML span. */
const MARKUP_TITLE = 'Bracket <script>alert("x")</script> & <b>bold</b>';
const ESCAPED_MARKUP_TITLE = 'Bracket &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;';

const PART = COMPACTS[0]!;

/** Child elements of `element` with the given namespace and local name. */
function childElements(element: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === namespace && (node as Element).localName === localName) {
      found.push(node as Element);
    }
  }
  return found;
}

function onlyChild(element: Element, namespace: string, localName: string): Element {
  const children = childElements(element, namespace, localName);
  assert.equal(children.length, 1, `expected one ${localName} in ${element.localName}, found ${children.length}`);
  return children[0]!;
}

/** Parses compact XML and returns its oslc:Compact element after checking the document structure. */
function parseCompactXml(text: string): Element {
  const document = new DOMParser().parseFromString(text, 'application/xml');
  const root = document.documentElement!;
  assert.equal(root.namespaceURI, RDF_NS);
  assert.equal(root.localName, 'RDF');
  return onlyChild(root, NS.oslc, 'Compact');
}

/** Returns the single oslc:Compact node of a graph. */
function compactNode(quads: readonly Quad[]): Quad['subject'] {
  const compacts = instancesOf(quads, `${NS.oslc}Compact`);
  assert.equal(compacts.length, 1, `expected one oslc:Compact, found ${compacts.length}`);
  return compacts[0]!;
}

/** Asserts that an RDF Compact node has the CompactShape properties at most once each, and both previews. */
function assertCompactGraph(server: TestServer, quads: readonly Quad[], node: Quad['subject'], expected: (typeof COMPACTS)[number]): void {
  for (const property of ['title', 'shortTitle', 'icon', 'iconTitle', 'iconSrcSet', 'iconAltLabel', 'smallPreview', 'largePreview']) {
    const predicate = property === 'title' ? `${NS.dcterms}title` : `${NS.oslc}${property}`;
    assert.ok(objectTerms(quads, node, predicate).length <= 1, `${property} occurs more than once`);
  }
  assert.equal(objectTerms(quads, node, `${NS.dcterms}title`)[0]?.value, expected.title);
  assert.equal(objectTerms(quads, node, `${NS.oslc}shortTitle`)[0]?.value, expected.shortTitle);
  assert.equal(objectTerms(quads, node, `${NS.oslc}icon`)[0]?.value, `${server.base}assets/icons/${expected.icon}.svg`);
  for (const size of ['small', 'large']) {
    const preview = objectTerms(quads, node, `${NS.oslc}${size}Preview`)[0];
    assert.ok(preview !== undefined, `no ${size}Preview`);
    assert.notEqual(preview.termType, 'Literal', `${size}Preview must be a node`);
    const previewNode = preview as Quad['subject'];
    assert.equal(objectTerms(quads, previewNode, RDF_TYPE)[0]?.value, `${NS.oslc}Preview`);
    assert.equal(objectTerms(quads, previewNode, `${NS.oslc}document`)[0]?.value, `${server.base}${expected.path}/preview?size=${size}`);
    assert.match(objectTerms(quads, previewNode, `${NS.oslc}hintWidth`)[0]?.value ?? '', CSS_LENGTH);
    assert.match(objectTerms(quads, previewNode, `${NS.oslc}hintHeight`)[0]?.value ?? '', CSS_LENGTH);
  }
}

describe('Compact', () => {
  let server: TestServer;

  before(async () => {
    server = await startPreviewServer();
  });

  after(async () => {
    await server.stop();
  });

  describe('compact XML on the resource URL', () => {
    for (const expected of COMPACTS) {
      it(`compact XML of ${expected.shortTitle}`, async () => {
        const response = await server.fetch(expected.path, { headers: { Accept: 'application/x-oslc-compact+xml', 'OSLC-Core-Version': '2.0' } });
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), 'application/x-oslc-compact+xml');
        assert.ok(headerTokens(response.headers.get('vary')).includes('Accept'), 'Vary must include Accept');

        const compact = parseCompactXml(await response.text());
        assert.equal(compact.getAttributeNS(RDF_NS, 'about'), `${server.base}${expected.path}`);
        assert.equal(onlyChild(compact, NS.dcterms, 'title').textContent, expected.title);
        assert.equal(onlyChild(compact, NS.oslc, 'shortTitle').textContent, expected.shortTitle);
        assert.equal(onlyChild(compact, NS.oslc, 'icon').getAttributeNS(RDF_NS, 'resource'), `${server.base}assets/icons/${expected.icon}.svg`);
        assert.equal(onlyChild(compact, NS.oslc, 'iconTitle').textContent, onlyChild(compact, NS.oslc, 'iconAltLabel').textContent);
        for (const size of ['small', 'large']) {
          const preview = onlyChild(onlyChild(compact, NS.oslc, `${size}Preview`), NS.oslc, 'Preview');
          assert.equal(onlyChild(preview, NS.oslc, 'document').getAttributeNS(RDF_NS, 'resource'), `${server.base}${expected.path}/preview?size=${size}`);
          for (const hint of ['hintWidth', 'hintHeight', 'initialHeight']) {
            assert.match(onlyChild(preview, NS.oslc, hint).textContent ?? '', CSS_LENGTH, `${size} ${hint}`);
          }
        }
      });
    }

    it('HEAD for compact XML has no body', async () => {
      const get = await rawRequest(server, PART.path, { headers: { Accept: 'application/x-oslc-compact+xml' } });
      const body = Buffer.from(await get.arrayBuffer());
      const head = await rawRequest(server, PART.path, { method: 'HEAD', headers: { Accept: 'application/x-oslc-compact+xml' } });
      assert.equal(head.status, 200);
      assert.equal(contentTypeOf(head), 'application/x-oslc-compact+xml');
      assert.equal(head.headers.get('content-length'), String(body.length));
      assert.equal((await head.arrayBuffer()).byteLength, 0);
    });

    const notCompact: [name: string, accept: string, type: string][] = [
      ['*/*', '*/*', 'text/turtle'],
      ['a browser', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html'],
      ['RDF/XML preferred', 'application/rdf+xml, application/x-oslc-compact+xml;q=0.5', 'application/rdf+xml'],
    ];
    for (const [name, accept, type] of notCompact) {
      it(`Accept for ${name} gets the resource`, async () => {
        const response = await server.fetch(PART.path, { headers: { Accept: accept } });
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), type);
      });
    }
  });

  describe('Prefer PreferCompact', () => {
    it('JSON Compact with Preference-Applied', async () => {
      const response = await server.fetch(PART.path, { headers: { Accept: 'application/json', Prefer: PREFER_COMPACT } });
      assert.equal(response.status, 200);
      assert.equal(contentTypeOf(response), 'application/json');
      assert.equal(response.headers.get('preference-applied'), 'return=representation');
      assert.ok(headerTokens(response.headers.get('vary')).includes('Prefer'), 'Vary must include Prefer');
      assert.ok(headerTokens(response.headers.get('vary')).includes('Accept'), 'Vary must include Accept');

      const body = (await response.json()) as { compact: Record<string, unknown> };
      const compact = body.compact as { title: string; shortTitle: string; icon: string; iconTitle: string; iconAltLabel: string; smallPreview: Record<string, string>; largePreview: Record<string, string> };
      assert.equal(compact.title, PART.title);
      assert.equal(compact.shortTitle, PART.shortTitle);
      assert.equal(compact.icon, `${server.base}assets/icons/Part.svg`);
      assert.equal(compact.iconTitle, 'Part');
      assert.equal(compact.iconAltLabel, 'Part');
      for (const [size, preview] of [['small', compact.smallPreview], ['large', compact.largePreview]] as const) {
        assert.equal(preview.document, `${server.base}${PART.path}/preview?size=${size}`);
        assert.match(preview.hintWidth!, CSS_LENGTH);
        assert.match(preview.hintHeight!, CSS_LENGTH);
      }
    });

    for (const accept of ['text/turtle', 'application/rdf+xml', 'application/ld+json']) {
      it(`${accept} holds the resource and an oslc:Compact node`, async () => {
        const { response, quads } = await fetchRdf(server, PART.path, { headers: { Accept: accept, Prefer: PREFER_COMPACT } });
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), accept);
        assert.equal(response.headers.get('preference-applied'), 'return=representation');
        assert.ok(headerTokens(response.headers.get('vary')).includes('Prefer'), 'Vary must include Prefer');

        const node = compactNode(quads);
        assert.equal(node.value, `${server.base}${PART.path}/compact`);
        assertCompactGraph(server, quads, node, PART);
        assert.equal(objectTerms(quads, `${server.base}${PART.path}`, `${NS.dt}partNumber`)[0]?.value, 'FCC-310-100');
        assert.equal(objectTerms(quads, `${server.base}${PART.path}`, `${NS.oslc}compact`)[0]?.value, node.value);
      });
    }

    it('HTML page ignores PreferCompact', async () => {
      const response = await server.fetch(PART.path, { headers: { Accept: 'text/html', Prefer: PREFER_COMPACT } });
      assert.equal(response.status, 200);
      assert.equal(contentTypeOf(response), 'text/html');
      assert.equal(response.headers.get('preference-applied'), null);
    });

    it('other include values are ignored', async () => {
      const response = await server.fetch(PART.path, {
        headers: { Accept: 'application/json', Prefer: 'return=representation; include="http://www.w3.org/ns/ldp#PreferMinimalContainer"' },
      });
      const body = (await response.json()) as Record<string, unknown>;
      assert.equal(response.headers.get('preference-applied'), null);
      assert.equal(body.compact, undefined);
    });

    it('plain GET varies on Prefer', async () => {
      const response = await server.fetch(PART.path, { headers: { Accept: 'text/turtle' } });
      await response.arrayBuffer();
      assert.ok(headerTokens(response.headers.get('vary')).includes('Prefer'));
    });
  });

  describe('compact URI', () => {
    const formats: [accept: string, type: string][] = [
      ['text/turtle', 'text/turtle'],
      ['application/rdf+xml', 'application/rdf+xml'],
      ['application/ld+json', 'application/ld+json'],
      ['application/n-triples', 'application/n-triples'],
    ];
    for (const [accept, type] of formats) {
      it(`${accept} has one oslc:Compact`, async () => {
        const { response, quads } = await fetchRdf(server, `${PART.path}/compact`, { headers: { Accept: accept } });
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), type);
        const node = compactNode(quads);
        assert.equal(node.value, `${server.base}${PART.path}/compact`);
        assertCompactGraph(server, quads, node, PART);
      });
    }

    for (const accept of ['application/json', '*/*']) {
      it(`${accept} gets the JSON form`, async () => {
        const response = await server.fetch(`${PART.path}/compact`, { headers: { Accept: accept } });
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), 'application/json');
        const compact = (await response.json()) as Record<string, unknown>;
        assert.equal(compact.title, PART.title);
        assert.equal(compact.shortTitle, PART.shortTitle);
        assert.equal((compact.smallPreview as Record<string, string>).document, `${server.base}${PART.path}/preview?size=small`);
      });
    }

    it('compact XML at the compact URI', async () => {
      const response = await server.fetch(`${PART.path}/compact`, { headers: { Accept: 'application/x-oslc-compact+xml' } });
      assert.equal(response.status, 200);
      assert.equal(contentTypeOf(response), 'application/x-oslc-compact+xml');
      assert.equal(parseCompactXml(await response.text()).getAttributeNS(RDF_NS, 'about'), `${server.base}${PART.path}`);
    });

    it('unsupported Accept is 406', async () => {
      const { response, quads } = await fetchRdf(server, `${PART.path}/compact`, { headers: { Accept: 'image/png' } });
      assert.equal(response.status, 406);
      assertOslcError(quads, 406);
    });

    it('OPTIONS of a missing resource is 404', async () => {
      const response = await server.fetch('oslc/sp/fcc/parts/P-999999/compact', { method: 'OPTIONS', headers: { Accept: 'text/turtle' } });
      await response.arrayBuffer();
      assert.equal(response.status, 404);
    });

    it('POST is 405 with Allow', async () => {
      const response = await server.fetch(`${PART.path}/compact`, { method: 'POST', headers: { Accept: 'text/turtle' } });
      await response.arrayBuffer();
      assert.equal(response.status, 405);
      assert.deepEqual(headerTokens(response.headers.get('allow')), ['GET', 'HEAD', 'OPTIONS']);
    });

    it('ETag and If-None-Match', async () => {
      const first = await server.fetch(`${PART.path}/compact`, { headers: { Accept: 'application/json' } });
      await first.arrayBuffer();
      const etag = first.headers.get('etag');
      assert.match(etag ?? '', /^"[^"]+"$/);

      const resource = await server.fetch(PART.path, { headers: { Accept: 'application/json' } });
      await resource.arrayBuffer();
      assert.notEqual(resource.headers.get('etag'), etag, 'the Compact and the resource must not share an ETag');

      const again = await rawRequest(server, `${PART.path}/compact`, { headers: { Accept: 'application/json', 'If-None-Match': etag! } });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('etag'), etag);
    });

    it('each representation of the Compact has its own ETag', async () => {
      const requests: [path: string, accept: string, prefer?: string][] = [
        [`${PART.path}/compact`, 'application/json'],
        [`${PART.path}/compact`, 'text/turtle'],
        [`${PART.path}/compact`, 'application/rdf+xml'],
        [`${PART.path}/compact`, 'application/xml'],
        [`${PART.path}/compact`, 'application/x-oslc-compact+xml'],
        [PART.path, 'application/x-oslc-compact+xml'],
        [PART.path, 'text/turtle', 'return=representation; include="http://open-services.net/ns/core#PreferCompact"'],
      ];
      const tags: string[] = [];
      for (const [path, accept, prefer] of requests) {
        const response = await server.fetch(path, { headers: { Accept: accept, ...(prefer === undefined ? {} : { Prefer: prefer }) } });
        await response.arrayBuffer();
        assert.equal(response.status, 200, `${path} ${accept}`);
        tags.push(response.headers.get('etag') ?? '');
      }
      // The OSLC 2.0 compact XML is the same document at both URLs; every other form differs.
      assert.equal(tags[4], tags[5]);
      assert.equal(new Set(tags).size, requests.length - 1, tags.join(' '));
    });
  });

  describe('Link header', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      it(`${method} of a resource links its Compact`, async () => {
        const response = await rawRequest(server, PART.path, { method, headers: { Accept: 'text/turtle' } });
        assert.ok(response.status === 200 || response.status === 204, `${method} returned ${response.status}`);
        const links = linkEntries(response.headers.get('link'));
        assert.ok(links.some((link) => link.rel === COMPACT_REL && link.target === `${server.base}${PART.path}/compact`), `no Compact link in ${response.headers.get('link')}`);
        assert.ok(links.some((link) => link.rel === 'http://www.w3.org/ns/ldp#constrainedBy'), 'the existing links must stay');
      });
    }

    it('missing resource has no Compact link', async () => {
      const response = await rawRequest(server, 'oslc/sp/fcc/parts/P-999999', { headers: { Accept: 'text/turtle' } });
      assert.equal(response.status, 404);
      assert.ok(!linkEntries(response.headers.get('link')).some((link) => link.rel === COMPACT_REL));
    });
  });

  describe('escaping', () => {
    it('JSON title escapes markup', async () => {
      const response = await server.fetch(`${MARKUP_PART}/compact`, { headers: { Accept: 'application/json' } });
      const compact = (await response.json()) as { title: string };
      assert.equal(compact.title, ESCAPED_MARKUP_TITLE);
    });

    it('compact XML title escapes markup', async () => {
      const response = await server.fetch(MARKUP_PART, { headers: { Accept: 'application/x-oslc-compact+xml' } });
      const text = await response.text();
      assert.ok(!text.includes('<script'), 'a script element must not appear in the XML');
      assert.equal(onlyChild(parseCompactXml(text), NS.dcterms, 'title').textContent, ESCAPED_MARKUP_TITLE);
    });

    it('Turtle title escapes markup', async () => {
      const { quads } = await fetchRdf(server, `${MARKUP_PART}/compact`, { headers: { Accept: 'text/turtle' } });
      assert.equal(objectTerms(quads, compactNode(quads), `${NS.dcterms}title`)[0]?.value, ESCAPED_MARKUP_TITLE);
      assert.notEqual(ESCAPED_MARKUP_TITLE, MARKUP_TITLE);
    });
  });

  describe('missing resource', () => {
    const cases: [name: string, path: string, headers: Record<string, string>][] = [
      ['compact URI', 'oslc/sp/fcc/parts/P-999999/compact', { Accept: 'text/turtle' }],
      ['compact XML', 'oslc/sp/fcc/parts/P-999999', { Accept: 'application/x-oslc-compact+xml' }],
      ['PreferCompact', 'oslc/sp/fcc/parts/P-999999', { Accept: 'text/turtle', Prefer: PREFER_COMPACT }],
      ['unknown provider', 'oslc/sp/nowhere/parts/P-000001/compact', { Accept: 'text/turtle' }],
    ];
    for (const [name, path, headers] of cases) {
      it(`${name} is 404 oslc:Error`, async () => {
        const { response, quads } = await fetchRdf(server, path, { headers });
        assert.equal(response.status, 404);
        assert.match(assertOslcError(quads, 404), /No resource exists at/);
      });
    }
  });

  describe('icons', () => {
    for (const { icon } of COMPACTS) {
      it(`${icon} icon is SVG`, async () => {
        const response = await server.fetch(`assets/icons/${icon}.svg`);
        const text = await response.text();
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), 'image/svg+xml');
        assert.match(text, /viewBox="0 0 16 16"/);
      });
    }
  });
});

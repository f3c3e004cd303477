import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { byId, elements, links, parseHtml, propertyRows, text, type HtmlDocument } from '../helpers/HtmlDocument.js';
import { parseResponse } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { BROWSER_ACCEPT, contentTypeOf, NS, rawRequest } from './HttpTestSupport.js';
import { assertOslcError, BOM_LINES, bomLineProperties, createResource, partTurtle, put, readForUpdate, TURTLE_PREFIXES } from './writeRequests.js';

const ASSEMBLY = 'oslc/sp/fcc/parts/P-000001';
const LANE_MODULE = 'oslc/sp/fcc/parts/P-000002';
const SCREW = 'oslc/sp/fcc/parts/P-000003';

/** GETs a page as a browser does, asserting 200 and HTML. */
async function getPage(server: TestServer, path: string): Promise<{ response: Response; html: string; document: HtmlDocument }> {
  const response = await server.fetch(path, { headers: { Accept: BROWSER_ACCEPT } });
  const html = await response.text();
  assert.equal(response.status, 200, `GET ${path} returned ${response.status}: ${html.slice(0, 300)}`);
  assert.equal(contentTypeOf(response), 'text/html');
  return { response, html, document: parseHtml(html) };
}

/** Returns the incoming-link groups of a resource page: heading without the count, and the link texts. */
function incomingGroups(document: HtmlDocument): { heading: string; count: string; items: string[] }[] {
  return elements(document, 'div', 'incoming-group').map((group) => {
    const heading = elements(group, 'h3')[0]!;
    const count = text(elements(heading, 'span', 'count')[0]);
    return { heading: text(heading).replace(count, '').trim(), count, items: elements(group, 'li').map((item) => text(item)) };
  });
}

/** Returns a Turtle body for an NCR against `part` (a full IRI). */
function ncrAgainst(part: string, title: string): string {
  return `${TURTLE_PREFIXES}\n<> dcterms:title ${JSON.stringify(title)} ; oslc_cm:status "Open" ; dt:severity dt:Minor ; dt:defectCode "DIM-01" ; oslc_plm:affectsPart <${part}> .\n`;
}

describe('HTML pages', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  // Runs first, because later tests create resources and change the counts.
  describe('landing page', () => {
    it('links to the discovery documents and tools', async () => {
      const { document } = await getPage(server, '');
      const entries = links(elements(document, 'ul', 'entry-points')[0]!);
      assert.deepEqual(entries, [
        { href: `${server.base}oslc/catalog`, text: 'Service provider catalog' },
        { href: `${server.base}rootservices`, text: 'Root services' },
        { href: `${server.base}sparql`, text: 'SPARQL query' },
        { href: `${server.base}oslc/shapes`, text: 'Resource shapes' },
        { href: `${server.base}ns`, text: 'Vocabulary' },
      ]);
    });

    for (const provider of ['fcc', 'eha']) {
      it(`links to the dialogs and report of ${provider}`, async () => {
        const { document } = await getPage(server, '');
        const section = byId(document, `provider-${provider}`).parentNode as Parameters<typeof links>[0];
        const hrefs = links(section).map((link) => link.href);
        assert.ok(hrefs.includes(`${server.base}oslc/sp/${provider}`), 'no link to the service provider');
        assert.ok(hrefs.includes(`${server.base}oslc/sp/${provider}/selector`), 'no link to the provider selection dialog');
        assert.ok(hrefs.includes(`${server.base}oslc/sp/${provider}/traceability`), 'no link to the traceability report');
        for (const segment of ['parts', 'bom-lines', 'ncrs', 'requirements', 'test-cases', 'test-results', 'telemetry-summaries', 'certification-artifacts']) {
          assert.ok(hrefs.includes(`${server.base}oslc/sp/${provider}/${segment}/selector`), `no selection dialog for ${segment}`);
        }
      });
    }

    // Resources of each type in test/fixtures/mini-programme.trig.
    const counts: [provider: string, type: string, count: string][] = [
      ['fcc', 'Part', '3'],
      ['fcc', 'BOM Line', '2'],
      ['fcc', 'Requirement', '1'],
      ['fcc', 'Telemetry Summary', '0'],
      ['eha', 'Part', '0'],
    ];
    for (const [provider, type, count] of counts) {
      it(`counts ${type} resources of ${provider}`, async () => {
        const { document } = await getPage(server, '');
        const section = byId(document, `provider-${provider}`).parentNode as Parameters<typeof elements>[0];
        const row = elements(section, 'tr').find((candidate) => text(elements(candidate, 'th')[0]) === type);
        assert.ok(row !== undefined, `no row for ${type}`);
        assert.equal(text(elements(row, 'td')[0]), count);
      });
    }

    it('counts follow a new resource', async () => {
      const partCount = async (): Promise<number> => {
        const { document } = await getPage(server, '');
        const section = byId(document, 'provider-fcc').parentNode as Parameters<typeof elements>[0];
        const row = elements(section, 'tr').find((candidate) => text(elements(candidate, 'th')[0]) === 'Part');
        return Number(text(elements(row!, 'td')[0]));
      };
      const before = await partCount();
      await createResource(server, 'oslc/sp/fcc/parts', partTurtle('COUNT-1'));
      assert.equal(await partCount(), before + 1);
    });
  });

  describe('resource page', () => {
    // Label and displayed value of rows of the assembly's page, from test/fixtures/mini-programme.trig.
    const assemblyRows: [label: string, value: string][] = [
      ['Title', 'FCC-300 Flight Control Computer Assembly'],
      ['Identifier', 'P-000001'],
      ['Part Number', 'FCC-300-000'],
      ['Revision', 'C'],
      ['Lifecycle State', 'Released'],
      ['Mass', '6.8 kg'],
      ['BOM Lines', '2 BOM lines, listed in the BOM structure below'],
      ['Created', '2024-03-01T09:00:00Z'],
      ['Creator', 'a.harper'],
      ['Service Provider', 'fcc FCC-300 Flight Control Computer'],
      ['Instance Shape', 'Part'],
      ['Type', 'Part'],
    ];
    for (const [label, value] of assemblyRows) {
      it(`part page shows ${label}`, async () => {
        const { document } = await getPage(server, ASSEMBLY);
        const row = propertyRows(document).find((candidate) => candidate.label === label);
        assert.ok(row !== undefined, `no row labelled ${label}`);
        assert.equal(row.value, value);
      });
    }

    it('properties follow the shape order', async () => {
      const { document } = await getPage(server, ASSEMBLY);
      assert.deepEqual(
        propertyRows(document).map((row) => row.label),
        ['Title', 'Identifier', 'Part Number', 'Revision', 'Lifecycle State', 'Mass', 'BOM Lines', 'Effectivity', 'Created', 'Modified', 'Creator', 'Service Provider', 'Instance Shape', 'Type'],
      );
    });

    it('heading, identifier and type badge', async () => {
      const { document } = await getPage(server, ASSEMBLY);
      assert.equal(text(elements(document, 'h1')[0]), 'FCC-300 Flight Control Computer Assembly');
      const meta = elements(document, 'p', 'resource-meta')[0];
      assert.equal(text(elements(meta!, 'span', 'badge')[0]), 'Part');
      assert.equal(text(elements(meta!, 'span', 'identifier')[0]), 'P-000001');
    });

    // Links show the target's identifier and title; enumerated values show their labels.
    const linkCases: [path: string, label: string, href: string, linkText: string][] = [
      ['oslc/sp/fcc/ncrs/NCR-000001', 'Affected Parts', SCREW, 'P-000003 Hex Socket Cap Screw NAS1352-08-6'],
      ['oslc/sp/fcc/bom-lines/BL-000001', 'Assembly', ASSEMBLY, 'P-000001 FCC-300 Flight Control Computer Assembly'],
      ['oslc/sp/fcc/bom-lines/BL-000001', 'Child Part', LANE_MODULE, 'P-000002 Processor Lane Module'],
      ['oslc/sp/fcc/test-results/TR-000001', 'Test Case', 'oslc/sp/fcc/test-cases/TC-000001', 'TC-000001 Lane failover timing test'],
    ];
    for (const [path, label, href, linkText] of linkCases) {
      it(`${label} link on ${path.split('/').pop()} shows the title`, async () => {
        const { document } = await getPage(server, path);
        const row = propertyRows(document).find((candidate) => candidate.label === label);
        assert.ok(row !== undefined, `no row labelled ${label}`);
        assert.deepEqual(links(row.cell), [{ href: server.base + href, text: linkText }]);
      });
    }

    const enumerationCases: [path: string, label: string, value: string][] = [
      ['oslc/sp/fcc/ncrs/NCR-000001', 'Severity', 'Major'],
      ['oslc/sp/fcc/bom-lines/BL-000001', 'BOM View', 'EBOM'],
      ['oslc/sp/fcc/bom-lines/BL-000001', 'Unit', 'pcs'],
      [LANE_MODULE, 'Export Control', 'ITAR'],
    ];
    for (const [path, label, value] of enumerationCases) {
      it(`${label} on ${path.split('/').pop()} shows ${value}`, async () => {
        const { document } = await getPage(server, path);
        assert.equal(propertyRows(document).find((row) => row.label === label)?.value, value);
      });
    }

    it('types show the shape title first', async () => {
      // The shape's title names its main class; the superclass keeps its prefixed name.
      const { document } = await getPage(server, 'oslc/sp/fcc/ncrs/NCR-000001');
      const row = propertyRows(document).find((candidate) => candidate.label === 'Type');
      assert.deepEqual(elements(row!.cell, 'li').map((item) => text(item)), ['Non-Conformance Report', 'oslc_cm:ChangeRequest']);
    });

    it('several links are sorted', async () => {
      const first = await createResource(server, 'oslc/sp/fcc/parts', partTurtle('SORT-1'));
      const second = await createResource(server, 'oslc/sp/fcc/parts', partTurtle('SORT-2'));
      const turtle = `${TURTLE_PREFIXES}\n<> dcterms:title "Burr on both brackets" ; oslc_cm:status "Open" ; dt:severity dt:Minor ; dt:defectCode "BUR-01" ; oslc_plm:affectsPart <${second.location}>, <${first.location}> .\n`;
      const ncr = await createResource(server, 'oslc/sp/fcc/ncrs', turtle);

      const { document } = await getPage(server, ncr.location);
      const row = propertyRows(document).find((candidate) => candidate.label === 'Affected Parts');
      const identifiers = [first.location, second.location].map((location) => location.split('/').pop()!).sort();
      assert.deepEqual(links(row!.cell).map((link) => link.text), [`${identifiers[0]} Bracket SORT-1`, `${identifiers[1]} Bracket SORT-2`]);
    });

    it('page is not cached by resource version', async () => {
      const rdf = await server.fetch(ASSEMBLY, { headers: { Accept: 'text/turtle' } });
      await rdf.arrayBuffer();
      const etag = rdf.headers.get('etag')!;
      const response = await rawRequest(server, ASSEMBLY, { headers: { Accept: BROWSER_ACCEPT, 'If-None-Match': etag } });
      await response.arrayBuffer();
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('etag'), null);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
    });
  });

  describe('incoming links', () => {
    const cases: [name: string, path: string, groups: { heading: string; count: string; items: string[] }[]][] = [
      [
        'screw used in a BOM and affected by an NCR',
        SCREW,
        [
          { heading: 'Used in BOM lines', count: '(1)', items: ['BL-000002 FCC-300-000 uses NAS1352-08-6'] },
          { heading: 'Non-conformance reports', count: '(1)', items: ['NCR-000001 Screw head height out of tolerance'] },
        ],
      ],
      ['requirement verified by a test case', 'oslc/sp/fcc/requirements/REQ-000001', [{ heading: 'Verified by test cases', count: '(1)', items: ['TC-000001 Lane failover timing test'] }]],
      [
        'test case with a result',
        'oslc/sp/fcc/test-cases/TC-000001',
        [
          { heading: 'Test results', count: '(1)', items: ['TR-000001 Lane failover timing test, run 1'] },
          { heading: 'Requirements validated by this test case', count: '(1)', items: ['REQ-000001 Lane failover within 50 ms'] },
        ],
      ],
      // The lines of an assembly link back to it through dt:assembly, which the BOM tree already shows.
      ['assembly whose lines link back', ASSEMBLY, []],
    ];
    for (const [name, path, expected] of cases) {
      it(`groups for ${name}`, async () => {
        const { document } = await getPage(server, path);
        assert.deepEqual(incomingGroups(document), expected);
      });
    }

    it('section without links says so', async () => {
      const { document } = await getPage(server, ASSEMBLY);
      assert.equal(text(byId(document, 'incoming-heading')), 'Links to this part');
      assert.equal(text(elements(elements(document, 'section', 'incoming')[0]!, 'p')[0]), 'No other resource links to this one.');
    });

    it('new NCR shows on the part page', async () => {
      const before = await getPage(server, LANE_MODULE);
      assert.deepEqual(
        incomingGroups(before.document).map((group) => group.heading),
        ['Used in BOM lines'],
      );
      const { location } = await createResource(server, 'oslc/sp/fcc/ncrs', ncrAgainst(server.base + LANE_MODULE, 'Connector pin recession on lane module'));
      const identifier = location.split('/').pop()!;

      const afterCreate = await getPage(server, LANE_MODULE);
      const ncrs = incomingGroups(afterCreate.document).find((group) => group.heading === 'Non-conformance reports');
      assert.deepEqual(ncrs, { heading: 'Non-conformance reports', count: '(1)', items: [`${identifier} Connector pin recession on lane module`] });

      // Retitling the NCR changes the part page although the part itself did not change.
      const current = await readForUpdate(server, location);
      const retitled = current.turtle.replace('Connector pin recession on lane module', 'Connector pin recession, lane module J2');
      const updated = await put(server, location, 'text/turtle', retitled, current.etag);
      assert.equal(updated.status, 204, await updated.text());
      const afterUpdate = await getPage(server, LANE_MODULE);
      const renamed = incomingGroups(afterUpdate.document).find((group) => group.heading === 'Non-conformance reports');
      assert.deepEqual(renamed?.items, [`${identifier} Connector pin recession, lane module J2`]);
    });
  });

  describe('BOM document', () => {
    it('assembly lines have exact values', async () => {
      const response = await server.fetch(`${ASSEMBLY}/bom`);
      assert.equal(response.status, 200);
      assert.equal(contentTypeOf(response), 'application/json');
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      const child = (path: string, partNumber: string, revision: string, title: string) => ({
        part: server.base + path,
        partNumber,
        revision,
        title,
        hasLines: false,
        bom: null,
        sameView: { hasLines: false, bom: null },
      });
      assert.deepEqual(await response.json(), {
        part: server.base + ASSEMBLY,
        bom: `${server.base}${ASSEMBLY}/bom`,
        bomView: null,
        lines: [
          {
            line: `${server.base}oslc/sp/fcc/bom-lines/BL-000001`,
            identifier: 'BL-000001',
            findNumber: '10',
            quantity: 3,
            unit: 'http://qudt.org/vocab/unit/NUM',
            unitSymbol: 'pcs',
            bomView: `${NS.dt}EBOM`,
            bomViewLabel: 'EBOM',
            child: child(LANE_MODULE, 'FCC-310-100', 'B', 'Processor Lane Module'),
          },
          {
            line: `${server.base}oslc/sp/fcc/bom-lines/BL-000002`,
            identifier: 'BL-000002',
            findNumber: '20',
            quantity: 12,
            unit: 'http://qudt.org/vocab/unit/NUM',
            unitSymbol: 'pcs',
            bomView: `${NS.dt}EBOM`,
            bomViewLabel: 'EBOM',
            child: child(SCREW, 'NAS1352-08-6', 'A', 'Hex Socket Cap Screw NAS1352-08-6'),
          },
        ],
      });
    });

    it('part without lines has none', async () => {
      const response = await server.fetch(`${SCREW}/bom`);
      assert.equal(response.status, 200);
      assert.deepEqual(((await response.json()) as { lines: unknown[] }).lines, []);
    });

    const missing: [name: string, path: string][] = [
      ['NCR', 'oslc/sp/fcc/ncrs/NCR-000001/bom'],
      ['unknown part', 'oslc/sp/fcc/parts/P-999999/bom'],
      ['unknown provider', 'oslc/sp/nowhere/parts/P-000001/bom'],
    ];
    for (const [name, path] of missing) {
      it(`BOM of ${name} is 404`, async () => {
        const response = await server.fetch(path, { headers: { Accept: 'text/turtle' } });
        await assertOslcError(response, 404, [/BOM/], server.base);
      });
    }

    it('POST to a BOM is 405', async () => {
      const response = await server.fetch(`${ASSEMBLY}/bom`, { method: 'POST', headers: { Accept: 'text/turtle' } });
      await assertOslcError(response, 405, [/GET, HEAD/], server.base);
      assert.equal(response.headers.get('allow'), 'GET, HEAD');
    });

    it('part page has the first BOM level', async () => {
      const { document } = await getPage(server, ASSEMBLY);
      const table = elements(document, 'table', 'bom-tree')[0]!;
      const rows = elements(elements(table, 'tbody')[0]!, 'tr').map((row) => [...elements(row, 'th'), ...elements(row, 'td')].map((cell) => text(cell)));
      assert.deepEqual(rows, [
        ['FCC-310-100', 'B', 'Processor Lane Module', '3 pcs', '10', 'EBOM', 'BL-000001'],
        ['NAS1352-08-6', 'A', 'Hex Socket Cap Screw NAS1352-08-6', '12 pcs', '20', 'EBOM', 'BL-000002'],
      ]);
      assert.equal(table.getAttribute('data-bom'), `${server.base}${ASSEMBLY}/bom?bomView=EBOM`);
      assert.deepEqual(elements(byId(document, 'bom'), 'h3').map((heading) => text(heading)), ['Engineering BOM (EBOM)']);
    });

    it('part without lines has no BOM section', async () => {
      const { document, html } = await getPage(server, SCREW);
      assert.equal(elements(document, 'table', 'bom-tree').length, 0);
      assert.ok(!html.includes('pages.js'), 'a page without a BOM tree loads pages.js');
    });
  });

  describe('format parameter', () => {
    const formats: [value: string, contentType: string][] = [
      ['turtle', 'text/turtle'],
      ['rdfxml', 'application/rdf+xml'],
      ['jsonld', 'application/ld+json'],
      ['ntriples', 'application/n-triples'],
    ];
    for (const [value, contentType] of formats) {
      it(`format=${value} returns ${contentType}`, async () => {
        // A browser's Accept header requests HTML, and the parameter overrides it.
        const response = await server.fetch(`${ASSEMBLY}?format=${value}`, { headers: { Accept: BROWSER_ACCEPT } });
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), contentType);
        assert.match(response.headers.get('etag') ?? '', /^"[^"]+"$/);
        const quads = await parseResponse(response, server.base + ASSEMBLY, server.base);
        const partNumbers = quads.filter((quad) => quad.subject.value === server.base + ASSEMBLY && quad.predicate.value === `${NS.dt}partNumber`);
        assert.deepEqual(partNumbers.map((quad) => quad.object.value), ['FCC-300-000']);
      });

      it(`page links to format=${value}`, async () => {
        const { document } = await getPage(server, ASSEMBLY);
        const nav = elements(document, 'nav', 'formats')[0]!;
        assert.ok(links(nav).some((link) => link.href === `${server.base}${ASSEMBLY}?format=${value}`), `no link to format=${value}`);
      });
    }

    it('page links name the formats', async () => {
      const { document } = await getPage(server, ASSEMBLY);
      assert.deepEqual(
        links(elements(document, 'nav', 'formats')[0]!).map((link) => link.text),
        ['Turtle', 'RDF/XML', 'JSON-LD', 'N-Triples'],
      );
    });

    const invalid: [name: string, query: string][] = [
      ['unknown value', 'format=html'],
      ['value in capitals', 'format=TURTLE'],
      ['empty value', 'format='],
      ['repeated parameter', 'format=turtle&format=jsonld'],
    ];
    for (const [name, query] of invalid) {
      it(`${name} is 400`, async () => {
        const response = await server.fetch(`${ASSEMBLY}?${query}`, { headers: { Accept: 'text/turtle' } });
        await assertOslcError(response, 400, [/format/, /turtle, rdfxml, jsonld, ntriples/], server.base);
      });
    }
  });

  describe('hostile values', () => {
    const title = `<script>alert("title")</script> & 'quoted' "double"`;
    const material = `"><img src=x onerror=alert(1)>`;
    const ncrTitle = `</a><script>alert('ncr')</script>`;
    let part = '';

    before(async () => {
      const turtle = `${TURTLE_PREFIXES}\n<> dcterms:title ${JSON.stringify(title)} ; dt:partNumber "XSS-2" ; dt:revision "A" ; dt:lifecycleState dt:InWork ; dt:material ${JSON.stringify(material)} .\n`;
      const created = await createResource(server, 'oslc/sp/fcc/parts', turtle);
      part = created.location;
      await createResource(server, 'oslc/sp/fcc/ncrs', ncrAgainst(part, ncrTitle));
    });

    it('markup in values stays text', async () => {
      const { document } = await getPage(server, part);
      assert.equal(text(elements(document, 'h1')[0]), title);
      assert.equal(propertyRows(document).find((row) => row.label === 'Material')?.value, material);
      const ncrs = incomingGroups(document).find((group) => group.heading === 'Non-conformance reports');
      assert.ok(ncrs?.items[0]?.endsWith(ncrTitle), `the NCR title is not shown as text: ${ncrs?.items[0]}`);
    });

    it('page has no injected elements', async () => {
      const { html, document } = await getPage(server, part);
      assert.ok(!html.includes('<img src=x'), 'raw <img> from dt:material');
      assert.ok(!html.includes('<script>alert'), 'raw <script> from a title');
      assert.equal(elements(document, 'img').filter((image) => image.getAttribute('src') === 'x').length, 0);
      assert.ok(html.includes('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;double&quot;'), 'the escaped title is missing');
    });
  });

  describe('layout', () => {
    const pages = ['', 'oslc/catalog', 'oslc/sp/fcc', ASSEMBLY, 'oslc/sp/fcc/ncrs/NCR-000001', 'sparql', 'ns', 'oslc/shapes/Part'];
    for (const path of pages) {
      it(`/${path} has landmarks and local assets`, async () => {
        const { document, html } = await getPage(server, path);
        assert.equal(elements(document, 'html')[0]!.getAttribute('lang'), 'en');
        assert.equal(elements(document, 'main')[0]!.getAttribute('id'), 'main');
        assert.equal(elements(document, 'a', 'skip-link')[0]!.getAttribute('href'), '#main');
        assert.equal(elements(document, 'header').length, 1);
        assert.equal(elements(document, 'footer').length, 1);
        assert.ok(elements(document, 'nav').every((nav) => nav.hasAttribute('aria-label')), 'a nav without aria-label');
        const stylesheets = elements(document, 'link').filter((link) => link.getAttribute('rel') === 'stylesheet').map((link) => link.getAttribute('href'));
        assert.ok(stylesheets.includes(`${server.base}assets/site.css`), 'site.css is not linked');
        assert.ok(stylesheets.every((href) => href?.startsWith(`${server.base}assets/`)), `a stylesheet from elsewhere: ${stylesheets.join(', ')}`);
        assert.equal(elements(document, 'style').length, 0, 'inline <style>');
        assert.ok(!/\sstyle="/.test(html), 'inline style attribute');
        for (const script of elements(document, 'script')) {
          const isData = script.getAttribute('type') === 'application/json';
          const source = script.getAttribute('src') ?? '';
          assert.ok(isData || source.startsWith(`${server.base}assets/`), `inline or foreign script: ${source || text(script).slice(0, 60)}`);
        }
      });
    }

    it('error page uses the layout', async () => {
      const response = await server.fetch('no/such/page', { headers: { Accept: BROWSER_ACCEPT } });
      assert.equal(response.status, 404);
      const document = parseHtml(await response.text());
      assert.equal(text(elements(document, 'h1')[0]), 'Error 404');
      assert.equal(elements(document, 'main').length, 1);
    });

    const assets: [path: string, contentType: string][] = [
      ['assets/site.css', 'text/css'],
      ['assets/pages.js', 'text/javascript'],
      ['assets/sparql.js', 'text/javascript'],
      ['assets/icons/app.svg', 'image/svg+xml'],
    ];
    for (const [path, contentType] of assets) {
      it(`${path} is served`, async () => {
        const response = await server.fetch(path);
        await response.arrayBuffer();
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), contentType);
      });
    }
  });

});

describe('HTML pages, capped incoming links', () => {
  let server: TestServer;
  const created: string[] = [];

  before(async () => {
    server = await startTestServer();
    for (let index = 1; index <= 52; index++) {
      const { location } = await createResource(server, 'oslc/sp/fcc/ncrs', ncrAgainst(server.base + LANE_MODULE, `Lane module finding ${index}`));
      created.push(location);
    }
  });

  after(async () => {
    await server.stop();
  });

  it('list stops at 50', async () => {
    const { document } = await getPage(server, LANE_MODULE);
    const ncrs = incomingGroups(document).find((group) => group.heading === 'Non-conformance reports');
    assert.equal(ncrs?.count, '(52)');
    assert.equal(ncrs?.items.length, 50);
  });

  it('and-more line links to the query', async () => {
    const { document } = await getPage(server, LANE_MODULE);
    const more = elements(document, 'p', 'more');
    assert.equal(more.length, 1);
    assert.match(text(more[0]), /^and 2 more: query all 52 Non-Conformance Report resources of fcc$/);
    const href = links(more[0]!)[0]!.href;
    const url = new URL(href);
    assert.equal(url.origin + url.pathname, `${server.base}oslc/sp/fcc/ncrs/query`);
    assert.equal(url.searchParams.get('oslc.where'), `oslc_plm:affectsPart=<${server.base}${LANE_MODULE}>`);

    const response = await server.fetch(href, { headers: { Accept: 'text/turtle' } });
    assert.equal(response.status, 200);
    const quads = await parseResponse(response, href, server.base);
    const members = quads.filter((quad) => quad.predicate.value === `${NS.rdfs}member`).map((quad) => quad.object.value);
    assert.deepEqual(members.sort(), [...created].sort());
  });
});

describe('BOM document per view', () => {
  let server: TestServer;
  /** The MBOM line of ASSEMBLY that uses LANE_MODULE, which has MBOM lines only. */
  let mbomLine: string;

  /** A `bom` request and its expected document: the lines as `identifier view`, and the lane module's `hasLines` and `bom`. */
  interface ViewCase {
    query: string;
    bom: string;
    bomView: string | null;
    lines: string[];
    laneModule: { hasLines: boolean; bom: string | null };
  }

  before(async () => {
    server = await startTestServer();
    const mbomTurtle = (assembly: string, child: string): string => `${TURTLE_PREFIXES}\n<> ${bomLineProperties(server.base, assembly, child, '1', 'MBOM')} ; dt:findNumber "M010" .\n`;
    mbomLine = (await createResource(server, BOM_LINES, mbomTurtle(ASSEMBLY, LANE_MODULE))).location;
    await createResource(server, BOM_LINES, mbomTurtle(LANE_MODULE, SCREW));
  });

  after(async () => {
    await server.stop();
  });

  /** GETs a `bom` document as JSON, asserting 200. */
  async function readBom(path: string): Promise<{ bom: string; bomView: string | null; lines: { identifier: string; bomViewLabel: string; child: { part: string; hasLines: boolean; bom: string | null; sameView: { hasLines: boolean; bom: string | null } } }[] }> {
    const response = await server.fetch(path);
    const body = await response.text();
    assert.equal(response.status, 200, `GET ${path} returned ${response.status}: ${body.slice(0, 300)}`);
    return JSON.parse(body) as Awaited<ReturnType<typeof readBom>>;
  }

  it('views of the assembly list their lines', async () => {
    const identifier = mbomLine.split('/').pop()!;
    const all = `${server.base}${LANE_MODULE}/bom`;
    const mbom = `${server.base}${LANE_MODULE}/bom?bomView=MBOM`;
    const cases: ViewCase[] = [
      { query: '', bom: '', bomView: null, lines: ['BL-000001 EBOM', 'BL-000002 EBOM', `${identifier} MBOM`], laneModule: { hasLines: true, bom: all } },
      { query: '?bomView=', bom: '', bomView: null, lines: ['BL-000001 EBOM', 'BL-000002 EBOM', `${identifier} MBOM`], laneModule: { hasLines: true, bom: all } },
      { query: '?bomView=ebom', bom: '?bomView=EBOM', bomView: `${NS.dt}EBOM`, lines: ['BL-000001 EBOM', 'BL-000002 EBOM'], laneModule: { hasLines: false, bom: null } },
      { query: '?bomView=MBOM', bom: '?bomView=MBOM', bomView: `${NS.dt}MBOM`, lines: [`${identifier} MBOM`], laneModule: { hasLines: true, bom: mbom } },
      { query: '?bomView=Manufacturing', bom: '?bomView=MBOM', bomView: `${NS.dt}MBOM`, lines: [`${identifier} MBOM`], laneModule: { hasLines: true, bom: mbom } },
    ];
    for (const { query, bom, bomView, lines, laneModule } of cases) {
      const document = await readBom(`${ASSEMBLY}/bom${query}`);
      assert.equal(document.bom, `${server.base}${ASSEMBLY}/bom${bom}`, query);
      assert.equal(document.bomView, bomView, query);
      assert.deepEqual(document.lines.map((line) => `${line.identifier} ${line.bomViewLabel}`), lines, query);
      const laneModuleLines = document.lines.filter((line) => line.child.part === server.base + LANE_MODULE);
      assert.ok(laneModuleLines.length > 0, `${query}: no line uses the lane module`);
      for (const line of laneModuleLines) {
        assert.deepEqual({ hasLines: line.child.hasLines, bom: line.child.bom }, laneModule, `${query} ${line.identifier}`);
      }
    }
  });

  it('lines name the child BOM of their view', async () => {
    const document = await readBom(`${ASSEMBLY}/bom`);
    const sameViews = document.lines.map((line) => [line.identifier, line.child.sameView]);
    assert.deepEqual(sameViews, [
      ['BL-000001', { hasLines: false, bom: null }],
      ['BL-000002', { hasLines: false, bom: null }],
      [mbomLine.split('/').pop(), { hasLines: true, bom: `${server.base}${LANE_MODULE}/bom?bomView=MBOM` }],
    ]);
  });

  it('child with MBOM lines only', async () => {
    const cases: [query: string, lines: string[]][] = [
      ['', ['MBOM']],
      ['?bomView=EBOM', []],
      ['?bomView=mbom', ['MBOM']],
    ];
    for (const [query, lines] of cases) {
      const document = await readBom(`${LANE_MODULE}/bom${query}`);
      assert.deepEqual(document.lines.map((line) => line.bomViewLabel), lines, query);
    }
  });

  const invalid: [query: string, patterns: RegExp[]][] = [
    ['bomView=PBOM', [/invalid value "PBOM"/, /EBOM or MBOM/]],
    ['bomView=EBOM&bomView=MBOM', [/more than once/, /bomView=EBOM or bomView=MBOM/]],
    ['view=mbom', [/"view" is unknown/, /bomView=EBOM or bomView=MBOM/]],
    ['bom_view=MBOM', [/"bom_view" is unknown/, /bomView=EBOM or bomView=MBOM/]],
  ];
  for (const [query, patterns] of invalid) {
    it(`BOM with ${query} is 400`, async () => {
      const response = await server.fetch(`${ASSEMBLY}/bom?${query}`, { headers: { Accept: 'text/turtle' } });
      await assertOslcError(response, 400, patterns, server.base);
    });
  }

  it('part page has a tree per view', async () => {
    const { document } = await getPage(server, ASSEMBLY);
    const section = byId(document, 'bom');
    assert.deepEqual(elements(section, 'h3').map((heading) => text(heading)), ['Engineering BOM (EBOM)', 'Manufacturing BOM (MBOM)']);
    const tables = elements(section, 'table', 'bom-tree');
    assert.deepEqual(tables.map((table) => table.getAttribute('data-bom')), [`${server.base}${ASSEMBLY}/bom?bomView=EBOM`, `${server.base}${ASSEMBLY}/bom?bomView=MBOM`]);
    const rowTexts = tables.map((table) => elements(elements(table, 'tbody')[0]!, 'tr').map((row) => text(elements(elements(row, 'th')[0]!, 'a')[0])));
    assert.deepEqual(rowTexts, [['FCC-310-100', 'NAS1352-08-6'], ['FCC-310-100']]);

    // The lane module has MBOM lines only, so it expands in the MBOM tree alone.
    const toggles = tables.map((table) => elements(table, 'button', 'bom-toggle').map((button) => button.getAttribute('data-bom')));
    assert.deepEqual(toggles, [[], [`${server.base}${LANE_MODULE}/bom?bomView=MBOM`]]);
    assert.equal(propertyRows(document).find((row) => row.label === 'BOM Lines')?.value, '3 BOM lines (2 EBOM, 1 MBOM), listed in the BOM structure below');
  });
});

describe('HTML pages of the sample programme', () => {
  let server: TestServer;
  // The FCC-300 top assembly, AQ300-1000 revision B, in fixtures/sample-programme/fcc.trig.
  const TOP_ASSEMBLY = 'oslc/sp/fcc/parts/P-000002';

  before(async () => {
    server = await startTestServer({ sample: true });
  });

  after(async () => {
    await server.stop();
  });

  it('top assembly BOM lists its first level', async () => {
    const response = await server.fetch(`${TOP_ASSEMBLY}/bom`);
    const bom = (await response.json()) as { lines: { findNumber: string; quantity: number; child: { partNumber: string; hasLines: boolean } }[] };
    assert.deepEqual(
      bom.lines.map((line) => [line.findNumber, line.child.partNumber, line.quantity, line.child.hasLines]),
      [
        ['1', 'AQ300-1100', 1, true],
        ['2', 'AQ300-2000', 3, true],
        ['3', 'AQ300-3000', 2, true],
        ['4', 'AQ300-4000', 3, true],
        ['5', 'AQ300-5000', 1, true],
        ['6', 'AQ300-7000', 1, false],
        ['7', 'AQ300-7400', 1, false],
        ['8', 'D38999/24WJ35SN', 2, false],
        ['9', 'D38999/24WG35PN', 2, false],
        ['10', 'A600-S2-150P', 1, false],
        ['11', 'MS24693-C274', 12, false],
        ['12', 'AQ300-1200', 1, false],
      ],
    );
  });

  it('EBOM lines come before MBOM lines', async () => {
    // AQ300-2000, the lane processing module, has an EBOM and an MBOM.
    const response = await server.fetch('oslc/sp/fcc/parts/P-000042/bom');
    const bom = (await response.json()) as { lines: { findNumber: string; bomViewLabel: string; unitSymbol: string; quantity: number }[] };
    assert.deepEqual(
      bom.lines.map((line) => `${line.bomViewLabel} ${line.findNumber}`),
      ['EBOM 1', 'EBOM 2', 'EBOM 3', 'EBOM 4', 'EBOM 5', 'EBOM 6', 'MBOM M010', 'MBOM M020', 'MBOM M030', 'MBOM M040', 'MBOM M050', 'MBOM M060', 'MBOM M070'],
    );
    const compound = bom.lines.find((line) => line.findNumber === 'M020');
    assert.deepEqual([compound?.quantity, compound?.unitSymbol], [0.002, 'kg']);
  });

  it('MBOM view leaves out EBOM-only children', async () => {
    // AQ300-2100, the lane processor card (P-000044), has EBOM lines only, under both BOMs of AQ300-2000.
    const cardPart = `${server.base}oslc/sp/fcc/parts/P-000044`;
    const cases: [view: string, findNumber: string, hasLines: boolean, bom: string | null][] = [
      ['EBOM', '1', true, `${cardPart}/bom?bomView=EBOM`],
      ['MBOM', 'M010', false, null],
    ];
    for (const [view, findNumber, hasLines, bom] of cases) {
      const response = await server.fetch(`oslc/sp/fcc/parts/P-000042/bom?bomView=${view}`);
      const document = (await response.json()) as { lines: { findNumber: string; child: { part: string; hasLines: boolean; bom: string | null } }[] };
      const card = document.lines.filter((line) => line.child.part === cardPart);
      assert.deepEqual(card.map((line) => [line.findNumber, line.child.hasLines, line.child.bom]), [[findNumber, hasLines, bom]], view);
    }
  });

  it('top assembly page shows its title and part number', async () => {
    const { document } = await getPage(server, TOP_ASSEMBLY);
    assert.equal(text(elements(document, 'h1')[0]), 'FCC-300 Flight Control Computer');
    assert.equal(propertyRows(document).find((row) => row.label === 'Part Number')?.value, 'AQ300-1000');
    assert.equal(elements(elements(document, 'table', 'bom-tree')[0]!, 'button', 'bom-toggle').length, 5);
  });

  it('telemetry trend shows a sparkline and table', async () => {
    // FCC00017 28 V DC input voltage, week ending 2026-11-23: 28 six-hour means, 14 of them with samples.
    const { document } = await getPage(server, 'oslc/sp/fcc/telemetry-summaries/TS-000003');
    const row = propertyRows(document).find((candidate) => candidate.label === 'Trend');
    assert.ok(row !== undefined, 'no Trend row');
    assert.equal(elements(row.cell, 'svg', 'sparkline').length, 1);
    assert.equal(text(elements(row.cell, 'summary')[0]), '28 interval means, 14 with samples');
    assert.ok(!row.value.includes('27.882 27.844'), 'the raw literal is not shown');

    const intervals = elements(elements(row.cell, 'table', 'trend-table')[0]!, 'tbody')[0]!;
    const cells = elements(intervals, 'tr').map((tableRow) => elements(tableRow, 'td').map((cell) => text(cell).replace(/\u00a0/g, ' ')));
    assert.equal(cells.length, 28);
    assert.deepEqual(cells[0], ['2026-11-16 00:00–06:00', 'no samples']);
    assert.deepEqual(cells[1], ['2026-11-16 06:00–12:00', '27.882 V']);
    assert.deepEqual(cells[3], ['2026-11-16 18:00–24:00', '27.89 V']);
    assert.deepEqual(cells[27], ['2026-11-22 18:00–24:00', 'no samples']);
  });
});

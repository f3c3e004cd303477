import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import type { Quad } from '@rdfjs/types';
import { canonical, parseResponse } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { assertOslcError, contentTypeOf, getRdf, instancesOf, linkEntries, NS, objectTerms, RDF_MEDIA_TYPES } from './HttpTestSupport.js';

const PARTS_QUERY = 'oslc/sp/fcc/parts/query';
const BOM_QUERY = 'oslc/sp/fcc/bom-lines/query';
const NCR_QUERY = 'oslc/sp/fcc/ncrs/query';
const EHA_PARTS_QUERY = 'oslc/sp/eha/parts/query';

const RDFS_MEMBER = `${NS.rdfs}member`;
const OSLC_RESPONSE_INFO = `${NS.oslc}ResponseInfo`;
const OSLC_NEXT_PAGE = `${NS.oslc}nextPage`;
const OSLC_TOTAL_COUNT = `${NS.oslc}totalCount`;
const OSLC_SCORE = `${NS.oslc}score`;
const XSD_INTEGER = `${NS.xsd}integer`;
const RELEASED = `${NS.dt}Released`;

/** Maximum number of pages a paging walk follows. The fixture has at most three members per type. */
const MAX_PAGES = 20;

/** Title of the part created in the eha provider, which needs both OSLC string escapes (\" and \\). */
const EHA_TITLE = 'Valve "B" leak \\ test';

type Parameters = [name: string, value: string][];

interface QueryResult {
  response: Response;
  quads: Quad[];
  /** Absolute URL requested. */
  url: string;
}

describe('Query capability', () => {
  let server: TestServer;
  let ehaPart: string;

  const part = (id: string): string => `${server.base}oslc/sp/fcc/parts/${id}`;
  const bomLine = (id: string): string => `${server.base}oslc/sp/fcc/bom-lines/${id}`;
  const ncr = (id: string): string => `${server.base}oslc/sp/fcc/ncrs/${id}`;

  before(async () => {
    server = await startTestServer();
    // A part in the other provider, which fcc queries must never return. Its description and mass
    // would match the fcc searches and comparisons below.
    const turtle = `
      @prefix dcterms: <http://purl.org/dc/terms/> .
      @prefix oslc_plm: <http://open-services.net/ns/plm#> .
      @prefix dt: <https://w3id.org/digital-thread/ns#> .
      <> a oslc_plm:Part ;
        dcterms:title "Valve \\"B\\" leak \\\\ test" ;
        dcterms:description "Actuator valve with mounting screw set" ;
        dt:partNumber "NAS1352-08-6" ;
        dt:revision "A" ;
        dt:mass 2.5 ;
        dt:lifecycleState dt:Released .
    `;
    const response = await server.fetch('oslc/sp/eha/parts', { method: 'POST', headers: { 'Content-Type': 'text/turtle', Accept: 'text/turtle' }, body: turtle });
    const text = await response.text();
    assert.equal(response.status, 201, text);
    ehaPart = response.headers.get('location')!;
  });

  after(async () => {
    await server.stop();
  });

  async function runQuery(path: string, parameters: Parameters = [], accept = 'text/turtle'): Promise<QueryResult> {
    const search = new URLSearchParams(parameters).toString();
    const url = new URL(search === '' ? path : `${path}?${search}`, server.base).href;
    const response = await fetch(url, { headers: { Accept: accept } });
    const quads = await parseResponse(response, url, server.base);
    return { response, quads, url };
  }

  function queryBaseOf(path: string): string {
    return new URL(path, server.base).href;
  }

  function members(quads: readonly Quad[], path: string): string[] {
    return objectTerms(quads, queryBaseOf(path), RDFS_MEMBER)
      .map((term) => term.value)
      .sort();
  }

  /** Runs a query that must succeed and returns its sorted members. */
  async function memberList(path: string, parameters: Parameters): Promise<string[]> {
    const { response, quads } = await runQuery(path, parameters);
    assert.equal(response.status, 200, `query ${JSON.stringify(parameters)} failed: ${JSON.stringify(quads.map((quad) => quad.object.value))}`);
    return members(quads, path);
  }

  /** Follows oslc:nextPage from the first page and checks that each page names its oslc:ResponseInfo by its own URL. */
  async function walkPages(path: string, parameters: Parameters): Promise<{ url: string; quads: Quad[]; members: string[] }[]> {
    const first = new URLSearchParams(parameters).toString();
    let url = new URL(`${path}?${first}`, server.base).href;
    const pages: { url: string; quads: Quad[]; members: string[] }[] = [];
    const deadline = Date.now() + 30_000;
    for (let i = 0; i < MAX_PAGES && Date.now() < deadline; i++) {
      const response = await fetch(url, { headers: { Accept: 'text/turtle' } });
      const quads = await parseResponse(response, url, server.base);
      assert.equal(response.status, 200, `GET ${url}`);
      const infos = instancesOf(quads, OSLC_RESPONSE_INFO);
      assert.equal(infos.length, 1, `page ${url} has ${infos.length} oslc:ResponseInfo nodes`);
      assert.equal(infos[0]!.value, url, 'oslc:ResponseInfo is not named by the page URL');
      pages.push({ url, quads, members: objectTerms(quads, queryBaseOf(path), RDFS_MEMBER).map((term) => term.value) });

      const next = objectTerms(quads, url, OSLC_NEXT_PAGE);
      assert.ok(next.length <= 1, `page ${url} has several oslc:nextPage values`);
      if (next.length === 0) {
        return pages;
      }
      url = next[0]!.value;
    }
    assert.fail(`paging did not end within ${MAX_PAGES} pages or 30 s`);
  }

  describe('members', () => {
    it('no parameters lists every fcc part', async () => {
      const { response, quads } = await runQuery(PARTS_QUERY);
      assert.equal(response.status, 200);
      assert.deepEqual(members(quads, PARTS_QUERY), [part('P-000001'), part('P-000002'), part('P-000003')]);
    });

    it('no parameters sends the container Link', async () => {
      const { response } = await runQuery(PARTS_QUERY);
      const links = linkEntries(response.headers.get('link'));
      assert.ok(links.some((link) => link.rel === 'type' && link.target === `${NS.ldp}BasicContainer`), `Link is ${response.headers.get('link')}`);
    });

    it('eha parts query lists only the eha part', async () => {
      assert.deepEqual(await memberList(EHA_PARTS_QUERY, []), [ehaPart]);
    });

    it('result has one ResponseInfo with totalCount', async () => {
      const { quads, url } = await runQuery(PARTS_QUERY);
      const infos = instancesOf(quads, OSLC_RESPONSE_INFO);
      assert.equal(infos.length, 1);
      assert.equal(infos[0]!.value, url);
      const counts = objectTerms(quads, url, OSLC_TOTAL_COUNT);
      assert.equal(counts.length, 1);
      assert.equal(counts[0]!.value, '3');
    });

    it('query results come in every RDF format', async () => {
      for (const accept of RDF_MEDIA_TYPES) {
        const { response, quads } = await runQuery(PARTS_QUERY, [['oslc.where', 'dcterms:identifier="P-000002"']], accept);
        assert.equal(response.status, 200, accept);
        assert.equal(contentTypeOf(response), accept);
        assert.deepEqual(members(quads, PARTS_QUERY), [part('P-000002')], accept);
      }
    });
  });

  describe('format parameter', () => {
    const formats: [format: string, mediaType: string][] = [
      ['turtle', 'text/turtle'],
      ['rdfxml', 'application/rdf+xml'],
      ['jsonld', 'application/ld+json'],
      ['ntriples', 'application/n-triples'],
    ];
    for (const [format, mediaType] of formats) {
      it(`format=${format} overrides Accept`, async () => {
        const { response, quads } = await runQuery(PARTS_QUERY, [['oslc.where', 'dcterms:identifier="P-000002"'], ['format', format]], 'text/html');
        assert.equal(response.status, 200);
        assert.equal(contentTypeOf(response), mediaType);
        assert.deepEqual(members(quads, PARTS_QUERY), [part('P-000002')]);
      });
    }

    it('unknown format is a 400', async () => {
      const response = await server.fetch(`${PARTS_QUERY}?format=bogus`, { headers: { Accept: 'text/turtle' } });
      const text = assertOslcError(await parseResponse(response, server.base, server.base), 400);
      assert.match(text, /"bogus", which is not supported; use one of turtle, rdfxml, jsonld, ntriples/);
    });
  });

  describe('oslc.where', () => {
    const cases: [name: string, path: string, where: string, expected: () => string[]][] = [
      ['identifier equals', PARTS_QUERY, 'dcterms:identifier="P-000002"', () => [part('P-000002')]],
      ['identifier matches nothing', PARTS_QUERY, 'dcterms:identifier="P-999999"', () => []],
      ['identifier is case-sensitive', PARTS_QUERY, 'dcterms:identifier="p-000002"', () => []],
      ['service provider IRI', PARTS_QUERY, `oslc:serviceProvider=<${'{base}'}oslc/sp/fcc>`, () => [part('P-000001'), part('P-000002'), part('P-000003')]],
      ['other service provider IRI', PARTS_QUERY, `oslc:serviceProvider=<${'{base}'}oslc/sp/eha>`, () => []],
      ['not equal', PARTS_QUERY, 'dcterms:identifier!="P-000002"', () => [part('P-000001'), part('P-000003')]],
      ['in list', PARTS_QUERY, 'dcterms:identifier in ["P-000001","P-000003"]', () => [part('P-000001'), part('P-000003')]],
      ['in list of IRIs', PARTS_QUERY, `dt:lifecycleState in [<${RELEASED}>,<${NS.dt}Obsolete>]`, () => [part('P-000001'), part('P-000002'), part('P-000003')]],
      ['and', PARTS_QUERY, `dt:lifecycleState=<${RELEASED}> and dt:revision="B"`, () => [part('P-000002')]],
      ['and with no overlap', PARTS_QUERY, 'dcterms:identifier="P-000001" and dt:revision="B"', () => []],
      ['typed dateTime', PARTS_QUERY, 'dcterms:created>"2024-03-02T00:00:00Z"^^xsd:dateTime', () => [part('P-000002'), part('P-000003')]],
      ['untyped dateTime', PARTS_QUERY, 'dcterms:created>"2024-03-02T00:00:00Z"', () => [part('P-000002'), part('P-000003')]],
      ['dateTime at or before', PARTS_QUERY, 'dcterms:created<="2024-03-02T09:00:00Z"', () => [part('P-000001'), part('P-000002')]],
      ['dateTime with offset', PARTS_QUERY, 'dcterms:created>"2024-03-02T10:00:00+01:00"', () => [part('P-000003')]],
      ['typed date after a day starts', PARTS_QUERY, 'dcterms:created>"2024-03-02"^^xsd:date', () => [part('P-000002'), part('P-000003')]],
      ['untyped date before a day', PARTS_QUERY, 'dcterms:created<"2024-03-02"', () => [part('P-000001')]],
      ['date with a timezone', PARTS_QUERY, 'dcterms:created>="2024-03-02+10:00"', () => [part('P-000002'), part('P-000003')]],
      ['date range for one day', PARTS_QUERY, 'dcterms:created>="2024-03-02" and dcterms:created<"2024-03-03"', () => [part('P-000002')]],
      ['decimal greater', PARTS_QUERY, 'dt:mass>1', () => [part('P-000001')]],
      ['decimal less', PARTS_QUERY, 'dt:mass<1', () => [part('P-000003')]],
      ['decimal equal', PARTS_QUERY, 'dt:mass=6.8', () => [part('P-000001')]],
      ['decimal at least', PARTS_QUERY, 'dt:mass>=0.004', () => [part('P-000001'), part('P-000003')]],
      ['decimal against integer', BOM_QUERY, 'dt:quantity=3', () => [bomLine('BL-000001')]],
      ['decimal greater on BOM', BOM_QUERY, 'dt:quantity>5', () => [bomLine('BL-000002')]],
      ['integer at least', NCR_QUERY, 'dt:quantityAffected>=40', () => [ncr('NCR-000001')]],
      ['integer greater', NCR_QUERY, 'dt:quantityAffected>40', () => []],
      ['typed integer', NCR_QUERY, 'dt:quantityAffected="40"^^xsd:integer', () => [ncr('NCR-000001')]],
      ['nested property', BOM_QUERY, 'oslc_plm:representsPart{dt:partNumber="NAS1352-08-6"}', () => [bomLine('BL-000002')]],
      ['nested with and', BOM_QUERY, 'oslc_plm:representsPart{dt:revision="B" and dt:lifecycleState=<' + RELEASED + '>}', () => [bomLine('BL-000001')]],
      ['nested without match', BOM_QUERY, 'oslc_plm:representsPart{dt:partNumber="FCC-300-000"}', () => []],
      ['link to a part', NCR_QUERY, `oslc_plm:affectsPart=<${'{base}'}oslc/sp/fcc/parts/P-000003>`, () => [ncr('NCR-000001')]],
      ['link to another part', NCR_QUERY, `oslc_plm:affectsPart=<${'{base}'}oslc/sp/fcc/parts/P-000001>`, () => []],
      ['BOM lines of an assembly', BOM_QUERY, `dt:assembly=<${'{base}'}oslc/sp/fcc/parts/P-000001>`, () => [bomLine('BL-000001'), bomLine('BL-000002')]],
      ['dateTime in list', PARTS_QUERY, 'dcterms:created in ["2024-03-01T09:00:00Z","2024-03-03T09:00:00Z"]', () => [part('P-000001'), part('P-000003')]],
      ['dateTime in another lexical form', PARTS_QUERY, 'dcterms:created="2024-03-01T09:00:00.000Z"', () => [part('P-000001')]],
      ['decimal with trailing zero', PARTS_QUERY, 'dt:mass=6.80', () => [part('P-000001')]],
      ['decimal in list', PARTS_QUERY, 'dt:mass in [6.8,0.004]', () => [part('P-000001'), part('P-000003')]],
      ['not equal on a missing property', PARTS_QUERY, 'dt:mass!=6.8', () => [part('P-000002'), part('P-000003')]],
      ['string ordering', PARTS_QUERY, 'dt:partNumber<"G"', () => [part('P-000001'), part('P-000002')]],
      ['explicit xsd:string', PARTS_QUERY, 'dcterms:identifier="P-000002"^^xsd:string', () => [part('P-000002')]],
      ['XMLLiteral for a string property', PARTS_QUERY, 'dcterms:identifier="P-000002"^^rdf:XMLLiteral', () => [part('P-000002')]],
      ['wildcard property', PARTS_QUERY, '*="FCC-310-100"', () => [part('P-000002')]],
      ['nested not equal', BOM_QUERY, 'oslc_plm:representsPart{dt:partNumber!="NAS1352-08-6"}', () => [bomLine('BL-000001')]],
      ['string with escapes', EHA_PARTS_QUERY, 'dcterms:title="Valve \\"B\\" leak \\\\ test"', () => [ehaPart]],
      ['predefined prefixes need no declaration', NCR_QUERY, 'oslc_cm:status="Open"', () => [ncr('NCR-000001')]],
    ];

    for (const [name, path, where, expected] of cases) {
      it(`${name}: ${where}`, async () => {
        const resolved = where.replaceAll('{base}', server.base);
        assert.deepEqual(await memberList(path, [['oslc.where', resolved]]), [...expected()].sort());
      });
    }

    it('stored title has both escapes', async () => {
      const { quads } = await getRdf(server, ehaPart);
      assert.deepEqual(
        objectTerms(quads, ehaPart, `${NS.dcterms}title`).map((term) => term.value),
        [EHA_TITLE],
      );
    });

    it('custom prefix from oslc.prefix', async () => {
      const result = await memberList(PARTS_QUERY, [
        ['oslc.prefix', `thread=<${NS.dt}>`],
        ['oslc.where', 'thread:partNumber="FCC-310-100"'],
      ]);
      assert.deepEqual(result, [part('P-000002')]);
    });

    it('several prefixes in one oslc.prefix', async () => {
      const result = await memberList(BOM_QUERY, [
        ['oslc.prefix', `thread=<${NS.dt}>,plm=<${NS.oslc_plm}>`],
        ['oslc.where', 'plm:representsPart{thread:partNumber="FCC-310-100"}'],
      ]);
      assert.deepEqual(result, [bomLine('BL-000001')]);
    });
  });

  describe('oslc.select', () => {
    /** Returns the predicates the result uses on `subject`. */
    function predicatesOf(quads: readonly Quad[], subject: string): string[] {
      return [...new Set(quads.filter((quad) => quad.subject.value === subject).map((quad) => quad.predicate.value))].sort();
    }

    it('select * includes every stored property', async () => {
      const { quads } = await runQuery(PARTS_QUERY, [
        ['oslc.where', 'dcterms:identifier="P-000001"'],
        ['oslc.select', '*'],
      ]);
      const { quads: stored } = await getRdf(server, part('P-000001'));
      assert.deepEqual(predicatesOf(quads, part('P-000001')), predicatesOf(stored, part('P-000001')));


      // The member's own triples plus its inline effectivity, because the result has no other blank nodes.
      const memberTriples = (graph: readonly Quad[]): Quad[] => graph.filter((quad) => quad.subject.value === part('P-000001') || quad.subject.termType === 'BlankNode');
      assert.equal(await canonical(memberTriples(quads)), await canonical(memberTriples(stored)));
    });

    it('select dcterms:title includes only the title', async () => {
      const { quads } = await runQuery(PARTS_QUERY, [['oslc.select', 'dcterms:title']]);
      for (const member of members(quads, PARTS_QUERY)) {
        assert.deepEqual(predicatesOf(quads, member), [`${NS.dcterms}title`], member);
      }
      assert.deepEqual(
        objectTerms(quads, part('P-000003'), `${NS.dcterms}title`).map((term) => term.value),
        ['Hex Socket Cap Screw NAS1352-08-6'],
      );
    });

    it('select two properties includes both', async () => {
      const { quads } = await runQuery(PARTS_QUERY, [['oslc.select', 'dcterms:title,dt:partNumber']]);
      for (const member of members(quads, PARTS_QUERY)) {
        assert.deepEqual(predicatesOf(quads, member), [`${NS.dcterms}title`, `${NS.dt}partNumber`].sort(), member);
      }
    });

    it('nested select follows links', async () => {
      const { quads } = await runQuery(BOM_QUERY, [
        ['oslc.where', 'dcterms:identifier="BL-000002"'],
        ['oslc.select', 'oslc_plm:representsPart{dt:partNumber}'],
      ]);
      assert.deepEqual(predicatesOf(quads, bomLine('BL-000002')), [`${NS.oslc_plm}representsPart`]);
      assert.deepEqual(
        objectTerms(quads, part('P-000003'), `${NS.dt}partNumber`).map((term) => term.value),
        ['NAS1352-08-6'],
      );
    });

    it('nested select keeps each triple once', async () => {
      // Both BOM lines name the same assembly, whose part number used to appear once per line.
      const url = new URL(`${BOM_QUERY}?${new URLSearchParams([['oslc.select', 'dt:assembly{dt:partNumber}']]).toString()}`, server.base);
      const response = await fetch(url, { headers: { Accept: 'application/n-triples' } });
      const lines = (await response.text()).split('\n').filter((line) => line.startsWith(`<${part('P-000001')}> <${NS.dt}partNumber>`));
      assert.equal(lines.length, 1, lines.join('\n'));
    });

    it('select with oslc.prefix', async () => {
      const { quads } = await runQuery(PARTS_QUERY, [
        ['oslc.prefix', `thread=<${NS.dt}>`],
        ['oslc.select', 'thread:revision'],
      ]);
      assert.deepEqual(predicatesOf(quads, part('P-000002')), [`${NS.dt}revision`]);
    });
  });

  describe('oslc.orderBy and oslc.searchTerms', () => {
    const orders: [orderBy: string, expected: string[]][] = [
      ['-dcterms:created', ['P-000003', 'P-000002', 'P-000001']],
      ['+dcterms:created', ['P-000001', 'P-000002', 'P-000003']],
      ['+dt:partNumber', ['P-000001', 'P-000002', 'P-000003']],
      ['-dt:revision', ['P-000001', 'P-000002', 'P-000003']],
    ];
    for (const [orderBy, expected] of orders) {
      it(`orderBy ${orderBy} holds across pages`, async () => {
        const pages = await walkPages(PARTS_QUERY, [
          ['oslc.orderBy', orderBy],
          ['oslc.paging', 'true'],
          ['oslc.pageSize', '1'],
        ]);
        assert.deepEqual(
          pages.flatMap((page) => page.members),
          expected.map(part),
        );
      });
    }

    it('searchTerms "screw" finds only the fcc screw', async () => {
      const { response, quads } = await runQuery(PARTS_QUERY, [['oslc.searchTerms', '"screw"']]);
      assert.equal(response.status, 200);
      assert.deepEqual(members(quads, PARTS_QUERY), [part('P-000003')]);
      const scores = objectTerms(quads, part('P-000003'), OSLC_SCORE);
      assert.equal(scores.length, 1, 'the hit has no single oslc:score');
      const score = scores[0]!;
      assert.equal(score.termType, 'Literal');
      assert.ok(Number(score.value) >= 0, `oslc:score is ${score.value}`);
      assert.ok(Number(score.value) <= 100, `oslc:score is ${score.value}`);
    });

    const nestedOrders: [orderBy: string, expected: string[]][] = [
      ['oslc_plm:representsPart{+dt:partNumber}', ['BL-000001', 'BL-000002']],
      ['oslc_plm:representsPart{-dt:partNumber}', ['BL-000002', 'BL-000001']],
    ];
    for (const [orderBy, expected] of nestedOrders) {
      it(`orderBy ${orderBy} sorts BOM lines`, async () => {
        const pages = await walkPages(BOM_QUERY, [
          ['oslc.orderBy', orderBy],
          ['oslc.pageSize', '1'],
        ]);
        assert.deepEqual(
          pages.flatMap((page) => page.members),
          expected.map(bomLine),
        );
      });
    }

    const tieBreaks: [orderBy: string, expected: string[]][] = [
      ['+dcterms:identifier', ['P-000002', 'P-000003']],
      ['-dcterms:identifier', ['P-000003', 'P-000002']],
    ];
    for (const [orderBy, expected] of tieBreaks) {
      it(`equal scores are ordered by ${orderBy}`, async () => {
        // Both hits match one term in the title, so their scores tie and the sort key decides.
        const pages = await walkPages(PARTS_QUERY, [
          ['oslc.searchTerms', '"screw","processor"'],
          ['oslc.orderBy', orderBy],
          ['oslc.pageSize', '1'],
        ]);
        assert.deepEqual(
          pages.flatMap((page) => page.members),
          expected.map(part),
        );
      });
    }

    it('searchTerms in eha finds the eha part', async () => {
      assert.deepEqual(await memberList(EHA_PARTS_QUERY, [['oslc.searchTerms', '"screw"']]), [ehaPart]);
    });

    it('searchTerms results come by descending score', async () => {
      const pages = await walkPages(PARTS_QUERY, [
        ['oslc.searchTerms', '"processor","screw","P-000003"'],
        ['oslc.paging', 'true'],
        ['oslc.pageSize', '1'],
      ]);
      const order = pages.flatMap((page) => page.members);
      assert.deepEqual(order, [part('P-000003'), part('P-000002')]);
      const score = (index: number): number => Number(objectTerms(pages[index]!.quads, order[index]!, OSLC_SCORE)[0]?.value);
      assert.ok(score(0) > score(1), `scores ${score(0)} and ${score(1)} are not descending`);
    });

    it('searchTerms with where keeps both conditions', async () => {
      const result = await memberList(PARTS_QUERY, [
        ['oslc.searchTerms', '"screw","processor"'],
        ['oslc.where', 'dt:revision="B"'],
      ]);
      assert.deepEqual(result, [part('P-000002')]);
    });
  });

  describe('paging', () => {
    it('pageSize 1 walks every part once', async () => {
      const unpaged = await memberList(PARTS_QUERY, []);
      const pages = await walkPages(PARTS_QUERY, [
        ['oslc.paging', 'true'],
        ['oslc.pageSize', '1'],
      ]);
      assert.equal(pages.length, 3);
      const all = pages.flatMap((page) => page.members);
      assert.equal(new Set(all).size, all.length, `duplicate members: ${all.join(', ')}`);
      assert.deepEqual([...all].sort(), unpaged);
      for (const page of pages) {
        assert.ok(page.members.length <= 1, `${page.url} has ${page.members.length} members`);
      }
    });

    it('every page has an integer totalCount', async () => {
      const pages = await walkPages(PARTS_QUERY, [
        ['oslc.paging', 'true'],
        ['oslc.pageSize', '1'],
      ]);
      for (const page of pages) {
        const counts = objectTerms(page.quads, page.url, OSLC_TOTAL_COUNT);
        assert.equal(counts.length, 1, `${page.url} needs one oslc:totalCount`);
        const count = counts[0]!;
        assert.equal(count.termType, 'Literal');
        assert.equal(count.termType === 'Literal' ? count.datatype.value : '', XSD_INTEGER);
        assert.equal(count.value, '3');
      }
    });

    it('nextPage keeps oslc.where', async () => {
      const where = 'dcterms:identifier!="P-000002"';
      const pages = await walkPages(PARTS_QUERY, [
        ['oslc.where', where],
        ['oslc.paging', 'true'],
        ['oslc.pageSize', '1'],
      ]);
      assert.equal(pages.length, 2);
      for (const page of pages) {
        assert.equal(new URL(page.url).searchParams.get('oslc.where'), where, page.url);
      }
      assert.deepEqual(pages.flatMap((page) => page.members).sort(), [part('P-000001'), part('P-000003')]);
    });

    it('page larger than the result has no nextPage', async () => {
      const pages = await walkPages(PARTS_QUERY, [
        ['oslc.paging', 'true'],
        ['oslc.pageSize', '10'],
      ]);
      assert.equal(pages.length, 1);
      assert.equal(pages[0]!.members.length, 3);
    });

    it('paged result in RDF/XML keeps nextPage', async () => {
      const turtle = await runQuery(PARTS_QUERY, [['oslc.paging', 'true'], ['oslc.pageSize', '1']], 'text/turtle');
      const xml = await runQuery(PARTS_QUERY, [['oslc.paging', 'true'], ['oslc.pageSize', '1']], 'application/rdf+xml');
      assert.equal(await canonical(xml.quads), await canonical(turtle.quads));
      assert.equal(objectTerms(xml.quads, xml.url, OSLC_NEXT_PAGE).length, 1);
    });
  });

  describe('HEAD and POST', () => {
    it('HEAD of a query has headers and no body', async () => {
      const url = `${queryBaseOf(PARTS_QUERY)}?${new URLSearchParams([['oslc.where', 'dt:mass>1']]).toString()}`;
      const get = await fetch(url, { headers: { Accept: 'text/turtle' } });
      const body = Buffer.from(await get.arrayBuffer());
      const head = await fetch(url, { method: 'HEAD', headers: { Accept: 'text/turtle' } });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-type'), get.headers.get('content-type'));
      assert.equal(head.headers.get('content-length'), String(body.length));
      assert.equal((await head.arrayBuffer()).byteLength, 0);
    });

    it('POST with a charset parameter is accepted', async () => {
      const response = await fetch(queryBaseOf(PARTS_QUERY), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8', Accept: 'text/turtle' },
        body: new URLSearchParams([['oslc.where', 'dcterms:identifier="P-000002"']]).toString(),
      });
      assert.equal(response.status, 200);
      const quads = await parseResponse(response, queryBaseOf(PARTS_QUERY), server.base);
      assert.deepEqual(members(quads, PARTS_QUERY), [part('P-000002')]);
    });

    it('POST with a JSON body is 415', async () => {
      const response = await fetch(queryBaseOf(PARTS_QUERY), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/turtle' },
        body: '{"oslc.where":"dcterms:identifier=\\"P-000002\\""}',
      });
      assert.equal(response.status, 415);
      assertOslcError(await parseResponse(response, queryBaseOf(PARTS_QUERY), server.base), 415);
    });

    const forms: Parameters[] = [
      [['oslc.where', 'dcterms:identifier="P-000002"']],
      [['oslc.where', 'dt:mass>1'], ['oslc.select', 'dcterms:title']],
      [['oslc.searchTerms', '"screw"'], ['oslc.select', '*']],
    ];
    for (const form of forms) {
      it(`POST ${form.map(([name]) => name).join(', ')} equals GET`, async () => {
        const body = new URLSearchParams(form).toString();
        const get = await runQuery(PARTS_QUERY, form);
        const post = await fetch(queryBaseOf(PARTS_QUERY), {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/turtle' },
          body,
        });
        assert.equal(post.status, 200);
        const postQuads = await parseResponse(post, queryBaseOf(PARTS_QUERY), server.base);
        assert.deepEqual(members(postQuads, PARTS_QUERY), members(get.quads, PARTS_QUERY));
        assert.equal(await canonical(postQuads), await canonical(get.quads));
      });
    }
  });

  describe('errors', () => {
    /** Parameters, the parameter the message must name, and the 1-based position it must give (undefined: any). */
    const errors: [name: string, path: string, parameters: Parameters, parameter: string, position: number | undefined][] = [
      ['unknown prefix', PARTS_QUERY, [['oslc.where', 'nope:title="x"']], 'oslc.where', 1],
      ['unknown prefix after and', PARTS_QUERY, [['oslc.where', 'dcterms:identifier="x" and nope:title="x"']], 'oslc.where', 28],
      ['unclosed [', PARTS_QUERY, [['oslc.where', 'dcterms:identifier in ["P-000001"']], 'oslc.where', 23],
      ['unclosed {', BOM_QUERY, [['oslc.where', 'oslc_plm:representsPart{dt:partNumber="x"']], 'oslc.where', undefined],
      ['unclosed string', PARTS_QUERY, [['oslc.where', 'dcterms:identifier="P-0']], 'oslc.where', 20],
      ['bare word as value', PARTS_QUERY, [['oslc.where', 'dt:mass>abc']], 'oslc.where', 9],
      ['missing value', PARTS_QUERY, [['oslc.where', 'dcterms:title=']], 'oslc.where', undefined],
      ['or between terms', PARTS_QUERY, [['oslc.where', 'dcterms:identifier="a" or dcterms:identifier="b"']], 'oslc.where', undefined],
      ['order on IRIs', PARTS_QUERY, [['oslc.where', `oslc:serviceProvider><${'{base}'}oslc/sp/fcc>`]], 'oslc.where', undefined],
      ['unknown orderBy property', PARTS_QUERY, [['oslc.orderBy', '+dt:noSuchProperty']], 'oslc.orderBy', 1],
      ['orderBy without sign', PARTS_QUERY, [['oslc.orderBy', 'dcterms:created']], 'oslc.orderBy', 1],
      ['duplicate oslc.where', PARTS_QUERY, [['oslc.where', 'dcterms:identifier="P-000001"'], ['oslc.where', 'dcterms:identifier="P-000002"']], 'oslc.where', undefined],
      ['pageSize 0', PARTS_QUERY, [['oslc.pageSize', '0']], 'oslc.pageSize', undefined],
      ['pageSize not a number', PARTS_QUERY, [['oslc.pageSize', 'ten']], 'oslc.pageSize', undefined],
      ['pageSize too large', PARTS_QUERY, [['oslc.pageSize', '10001']], 'oslc.pageSize', undefined],
      ['orderBy on oslc:score', PARTS_QUERY, [['oslc.searchTerms', '"screw"'], ['oslc.orderBy', '-oslc:score']], 'oslc.orderBy', 1],
      ['pageSize negative', PARTS_QUERY, [['oslc.pageSize', '-1']], 'oslc.pageSize', undefined],
      ['paging not boolean', PARTS_QUERY, [['oslc.paging', 'yes']], 'oslc.paging', undefined],
      ['unclosed select', PARTS_QUERY, [['oslc.select', 'oslc_plm:composedOfPartUsage{dcterms:title']], 'oslc.select', undefined],
      ['select with unknown prefix', PARTS_QUERY, [['oslc.select', 'nope:title']], 'oslc.select', 1],
      ['searchTerms without quotes', PARTS_QUERY, [['oslc.searchTerms', 'screw']], 'oslc.searchTerms', 1],
      ['prefix without IRI', PARTS_QUERY, [['oslc.prefix', 'thread=dt'], ['oslc.where', 'thread:mass>1']], 'oslc.prefix', 8],
      ['date equal to a dateTime property', PARTS_QUERY, [['oslc.where', 'dcterms:created="2024-03-02"^^xsd:date']], 'oslc.where', 17],
      ['date in a dateTime list', PARTS_QUERY, [['oslc.where', 'dcterms:created in ["2024-03-02"]']], 'oslc.where', 21],
      ['misspelt oslc.orderBy', PARTS_QUERY, [['oslc.orderby', '+dcterms:created']], 'oslc.orderby', 1],
      ['misspelt oslc.where', PARTS_QUERY, [['oslc.wehre', 'dt:mass>1']], 'oslc.wehre', 1],
      ['unknown oslc parameter', PARTS_QUERY, [['oslc.limit', '10']], 'oslc.limit', 1],
      ['unknown where property', PARTS_QUERY, [['oslc.where', 'dt:nonsense="x"']], 'oslc.where', 1],
      ['unknown property after and', PARTS_QUERY, [['oslc.where', 'dt:mass>1 and dt:partNumbr="x"']], 'oslc.where', 15],
      ['unknown nested where property', BOM_QUERY, [['oslc.where', 'oslc_plm:representsPart{dt:nonsense="x"}']], 'oslc.where', 25],
      ['unknown select property', PARTS_QUERY, [['oslc.select', 'dcterms:title,dt:nonsense']], 'oslc.select', 15],
      ['unknown properties property', PARTS_QUERY, [['oslc.properties', 'dt:nonsense']], 'oslc.properties', 1],
      ['date for a number property', PARTS_QUERY, [['oslc.where', 'dt:mass="2026-01-01"^^xsd:date']], 'oslc.where', 9],
      ['number for a text property', PARTS_QUERY, [['oslc.where', 'dt:partNumber=1234']], 'oslc.where', 15],
      ['IRI for a number property', PARTS_QUERY, [['oslc.where', 'dt:mass=<https://example.org/x>']], 'oslc.where', 9],
      ['text for a link', PARTS_QUERY, [['oslc.where', 'oslc:serviceProvider="fcc"']], 'oslc.where', 22],
      ['boolean in a number list', PARTS_QUERY, [['oslc.where', 'dt:mass in [1,true]']], 'oslc.where', 15],
    ];

    const messages: [name: string, parameters: Parameters, message: RegExp][] = [
      ['misspelt oslc.orderBy', [['oslc.orderby', '+dcterms:created']], /unknown OSLC query parameter oslc\.orderby; did you mean oslc\.orderBy\?/],
      ['misspelt oslc.where', [['oslc.wehre', 'dt:mass>1']], /unknown OSLC query parameter oslc\.wehre; did you mean oslc\.where\?/],
      ['unknown oslc parameter', [['oslc.limit', '10']], /unknown OSLC query parameter oslc\.limit; the OSLC query parameters are oslc\.where, /],
      ['orderBy on oslc:score', [['oslc.searchTerms', '"screw"'], ['oslc.orderBy', '-oslc:score']], /already ordered by score first, highest first/],
      ['date equal to a dateTime property', [['oslc.where', 'dcterms:created="2024-03-02"^^xsd:date']], /dcterms:created is an xsd:dateTime, .*for the whole day write dcterms:created>="2024-03-02" and dcterms:created<"<next day>"/],
      ['unknown where property', [['oslc.where', 'dt:nonsense="x"']], /dt:nonsense is not a property of Part; use a property of its shape/],
      ['date for a number property', [['oslc.where', 'dt:mass="2026-01-01"^^xsd:date']], /dt:mass has xsd:decimal values, so it never equals the xsd:date "2026-01-01"; give a value such as 2 or 1.5/],
      ['text for a link', [['oslc.where', 'oslc:serviceProvider="fcc"']], /oslc:serviceProvider links to resources, so compare it with an IRI in angle brackets/],
    ];
    for (const [name, parameters, message] of messages) {
      it(`${name} says what to do`, async () => {
        const { response, quads } = await runQuery(PARTS_QUERY, parameters);
        assert.equal(response.status, 400);
        assert.match(assertOslcError(quads, 400), message);
      });
    }

    it('other parameters are ignored', async () => {
      const { response, quads } = await runQuery(PARTS_QUERY, [['oslc.where', 'dcterms:identifier="P-000002"'], ['_', '12345'], ['orderBy', 'x']]);
      assert.equal(response.status, 200);
      assert.deepEqual(members(quads, PARTS_QUERY), [part('P-000002')]);
    });

    for (const [name, path, parameters, parameter, position] of errors) {
      it(`${name} is 400 naming ${parameter}`, async () => {
        const resolved = parameters.map(([key, value]): [string, string] => [key, value.replaceAll('{base}', server.base)]);
        const { response, quads } = await runQuery(path, resolved);
        assert.equal(response.status, 400);
        const message = assertOslcError(quads, 400);
        assert.ok(message.includes(parameter), `message does not name ${parameter}: ${message}`);
        const stated = /at character (\d+)/.exec(message);
        assert.ok(stated !== null, `message gives no position: ${message}`);
        if (position !== undefined) {
          assert.equal(Number(stated[1]), position, message);
        }
      });
    }

    it('error body is also RDF/XML', async () => {
      const { response, quads } = await runQuery(PARTS_QUERY, [['oslc.where', 'nope:title="x"']], 'application/rdf+xml');
      assert.equal(response.status, 400);
      assert.equal(contentTypeOf(response), 'application/rdf+xml');
      assertOslcError(quads, 400);
    });

    it('unknown query capability is 404', async () => {
      for (const path of ['oslc/sp/fcc/widgets/query', 'oslc/sp/no-such-programme/parts/query']) {
        const { response, quads } = await runQuery(path);
        assert.equal(response.status, 404, path);
        assertOslcError(quads, 404);
      }
    });
  });

  describe('hostile values', () => {
    const longPattern = `(${'a+'.repeat(200)})+$${'.*'.repeat(2000)}`;
    const hostile: [name: string, parameters: Parameters][] = [
      ['quote breaking out of a string', [['oslc.where', 'dcterms:identifier="P-000002\\" || true || \\""']]],
      ['closing quote and brace', [['oslc.where', 'dcterms:identifier="\\"} UNION { ?s ?p ?o }"']]],
      ['raw UNION after a term', [['oslc.where', 'dcterms:identifier="x"} UNION { ?s ?p ?o }']]],
      ['UNION as a string value', [['oslc.where', 'dcterms:title="} UNION { ?s ?p ?o }"']]],
      ['backslash at the end', [['oslc.where', 'dcterms:identifier="\\\\"']]],
      ['lone backslash', [['oslc.where', 'dcterms:identifier="\\"']]],
      ['escaped > inside an IRI', [['oslc.where', 'oslc:serviceProvider=<http://127.0.0.1/a\\>b>']]],
      ['space inside an IRI', [['oslc.where', 'oslc:serviceProvider=<http://127.0.0.1/a b>']]],
      ['brace inside an IRI', [['oslc.where', 'oslc:serviceProvider=<http://127.0.0.1/> } UNION { ?s ?p ?o>']]],
      ['relative IRI', [['oslc.where', 'oslc:serviceProvider=<../eha>']]],
      ['newline inside a string', [['oslc.where', 'dcterms:identifier="P-000002\n} UNION { ?s ?p ?o }"']]],
      ['newline escape', [['oslc.where', 'dcterms:identifier="P-000002\\n"']]],
      ['comment marker', [['oslc.where', 'dcterms:identifier="P-000002" # } UNION { ?s ?p ?o }']]],
      ['NUL character', [['oslc.where', 'dcterms:identifier="\u0000"']]],
      ['language tag breakout', [['oslc.where', 'dcterms:title="x"@en) } UNION { ?s ?p ?o']]],
      ['datatype IRI breakout', [['oslc.where', 'dt:mass="1"^^<http://127.0.0.1/> } UNION {>']]],
      ['invalid decimal literal', [['oslc.where', 'dt:mass>"abc"^^xsd:decimal']]],
      ['invalid dateTime', [['oslc.where', 'dcterms:created>"not-a-date"']]],
      ['huge exponent', [['oslc.where', 'dt:mass>1e999999']]],
      ['long regex-like string', [['oslc.where', `dcterms:title="${longPattern}"`]]],
      ['long regex-like search', [['oslc.searchTerms', `"${longPattern}"`]]],
      ['search quote breakout', [['oslc.searchTerms', '"\\") } UNION { ?s ?p ?o } #"']]],
      ['orderBy breakout', [['oslc.orderBy', '+dcterms:title) } UNION { ?s ?p ?o']]],
      ['select breakout', [['oslc.select', 'dcterms:title} UNION { ?s ?p ?o']]],
      ['prefix breakout', [['oslc.prefix', 'x=<http://127.0.0.1/> } UNION {'], ['oslc.where', 'x:y="1"']]],
      ['prefix IRI with quote', [['oslc.prefix', 'x=<http://127.0.0.1/"a>'], ['oslc.where', 'x:y="1"']]],
      ['prefixed name breakout', [['oslc.where', 'dcterms:title>}="x"']]],
    ];

    for (const [name, parameters] of hostile) {
      it(`${name} returns nothing or 400`, async () => {
        const { response, quads } = await runQuery(PARTS_QUERY, parameters);
        assert.ok(response.status === 200 || response.status === 400, `status ${response.status}`);
        if (response.status === 200) {
          assert.deepEqual(members(quads, PARTS_QUERY), []);
          const namedSubjects = new Set(quads.filter((quad) => quad.subject.termType === 'NamedNode').map((quad) => quad.subject.value));
          for (const subject of namedSubjects) {
            assert.ok(subject.startsWith(queryBaseOf(PARTS_QUERY)), `the result describes ${subject}`);
          }
        } else {
          const message = assertOslcError(quads, 400);
          assert.doesNotMatch(message, /sparql/i);
        }
      });
    }
  });
});

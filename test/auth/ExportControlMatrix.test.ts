import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiKeyStore } from '../../src/auth/ApiKeyStore.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { TURTLE_PREFIXES } from '../http/writeRequests.js';

/**
 * The export-control matrix on the sample programme: every path that returns data, for a user without
 * clearance, one cleared for EAR and one cleared for ITAR. The sample marks eha P-000046 ("Manifold
 * body, machined", part number AQ900-3100) ITAR, USML VIII(h)(1), and fcc P-000001 EAR, ECCN 7A994.
 */
const ITAR_PART = 'oslc/sp/eha/parts/P-000046';
const ITAR_PART_NUMBER = 'AQ900-3100';
const EAR_PART = 'oslc/sp/fcc/parts/P-000001';
/** An unmarked BOM line whose represented part is ITAR_PART. */
const LINE_OF_ITAR_PART = 'oslc/sp/eha/bom-lines/BL-000037';
/** The unmarked assembly ("Manifold assembly") whose BOM contains LINE_OF_ITAR_PART. */
const ASSEMBLY_OF_ITAR_PART = 'oslc/sp/eha/parts/P-000044';
/** An unmarked part that the ITAR NCR ITAR_NCR affects. */
const PART_OF_ITAR_NCR = 'oslc/sp/eha/parts/P-000083';
const ITAR_NCR = 'oslc/sp/eha/ncrs/NCR-000004';
const ITAR_NCR_TITLE = 'External leakage at rod seal';
const PREFIXES = 'PREFIX dt: <https://w3id.org/digital-thread/ns#> PREFIX oslc_plm: <http://open-services.net/ns/plm#> PREFIX dcterms: <http://purl.org/dc/terms/> ';

type User = 'uncleared' | 'ear' | 'itar' | 'unclearedAdmin' | 'unclearedCertification' | 'itarCertification';

describe('export control on every path', () => {
  let server: TestServer;
  const keys = new Map<User, string>();
  let unmarkedNcr = '';
  let itarLine = '';

  const as = (user: User, init: RequestInit = {}): RequestInit => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${keys.get(user)!}`);
    return { ...init, headers };
  };
  const get = (user: User, path: string, accept = 'application/n-triples'): Promise<Response> => server.fetch(path, as(user, { headers: { Accept: accept } }));
  const iri = (path: string): string => new URL(path, server.base).href;

  const sparql = async (user: User, query: string, parameters: Record<string, string[]> = {}): Promise<string[][]> => {
    const url = new URL('sparql', server.base);
    url.searchParams.set('query', PREFIXES + query);
    for (const [name, values] of Object.entries(parameters)) {
      for (const value of values) {
        url.searchParams.append(name, value);
      }
    }
    const response = await server.fetch(url.href, as(user, { headers: { Accept: 'text/tab-separated-values' } }));
    const text = await response.text();
    assert.equal(response.status, 200, text);
    return text.split('\n').slice(1).filter((line) => line !== '').map((line) => line.split('\t'));
  };

  const totalCount = (body: string): number => Number(/core#totalCount> "(\d+)"/.exec(body)?.[1] ?? -1);

  before(async () => {
    server = await startTestServer({ sample: true });
    const store = new ApiKeyStore(server.dataDirectory);
    keys.set('uncleared', store.create('uncleared', 'engineer').key);
    keys.set('ear', store.create('ear', 'engineer', ['EAR']).key);
    keys.set('itar', store.create('itar', 'engineer', ['ITAR']).key);
    keys.set('unclearedAdmin', store.create('uncleared-admin', 'admin').key);
    keys.set('unclearedCertification', store.create('uncleared-certification', 'certification').key);
    keys.set('itarCertification', store.create('itar-certification', 'certification', ['ITAR']).key);

    // An unmarked NCR that links the ITAR part: it may say that it affects some part, nothing more.
    const created = await server.fetch(
      'oslc/sp/eha/ncrs',
      as('itar', {
        method: 'POST',
        headers: { 'Content-Type': 'text/turtle' },
        body: `${TURTLE_PREFIXES}\n<> dcterms:title "Porosity found at inspection" ; oslc_cm:status "Open" ; dt:severity dt:Minor ; dt:defectCode "POR-01" ; oslc_plm:affectsPart <${iri(ITAR_PART)}> .`,
      }),
    );
    assert.equal(created.status, 201, await created.text());
    unmarkedNcr = created.headers.get('location')!;

    // An ITAR BOM line of the unmarked assembly that uses the unmarked PART_OF_ITAR_NCR.
    const line = await server.fetch(
      'oslc/sp/eha/bom-lines',
      as('itar', {
        method: 'POST',
        headers: { 'Content-Type': 'text/turtle' },
        body: `${TURTLE_PREFIXES}\n<> dcterms:title "Controlled usage" ; dt:assembly <${iri(ASSEMBLY_OF_ITAR_PART)}> ; oslc_plm:representsPart <${iri(PART_OF_ITAR_NCR)}> ; dt:quantity 2.0 ; dt:unitOfMeasure <http://qudt.org/vocab/unit/NUM> ; dt:findNumber "99" ; dt:bomView dt:EBOM ; dt:exportControl dt:ITAR ; dt:usmlCategory "VIII(h)(1)" .`,
      }),
    );
    assert.equal(line.status, 201, await line.text());
    itarLine = line.headers.get('location')!;
  });

  after(async () => {
    await server.stop();
  });

  describe('resource GET and HEAD', () => {
    const cases: [User, string, number][] = [
      ['uncleared', ITAR_PART, 404],
      ['uncleared', EAR_PART, 404],
      ['ear', ITAR_PART, 404],
      ['ear', EAR_PART, 200],
      ['itar', ITAR_PART, 200],
      ['itar', EAR_PART, 200],
      ['uncleared', LINE_OF_ITAR_PART, 200],
    ];
    for (const [user, path, status] of cases) {
      it(`${user} gets ${status} for ${path}`, async () => {
        const response = await get(user, path);
        assert.equal(response.status, status);
        const head = await server.fetch(path, as(user, { method: 'HEAD' }));
        assert.equal(head.status, status);
      });
    }

    it('404 for uncleared equals missing', async () => {
      const hidden = await get('uncleared', ITAR_PART);
      const missing = await get('uncleared', 'oslc/sp/eha/parts/P-999999');
      assert.equal(hidden.status, missing.status);
      assert.equal((await hidden.text()).replace('P-000046', 'P-999999'), await missing.text());
    });

    it('OPTIONS hides controlled resources', async () => {
      const response = await server.fetch(ITAR_PART, as('uncleared', { method: 'OPTIONS' }));
      assert.equal(response.status, 404);
    });
  });

  describe('PUT and DELETE', () => {
    it('PUT on hidden resource is 404', async () => {
      const response = await server.fetch(ITAR_PART, as('uncleared', { method: 'PUT', headers: { 'If-Match': '*', 'Content-Type': 'text/turtle' }, body: `<${iri(ITAR_PART)}> <urn:x> "y" .` }));
      assert.equal(response.status, 404);
    });

    it('DELETE on hidden resource is 404', async () => {
      const response = await server.fetch(ITAR_PART, as('uncleared', { method: 'DELETE' }));
      assert.equal(response.status, 404);
      assert.equal((await get('itar', ITAR_PART)).status, 200, 'the part is still there');
    });

    it('PUT raising a marking needs clearance', async () => {
      const read = await get('ear', EAR_PART, 'text/turtle');
      const body = (await read.text()).replace(/dt:exportControl dt:EAR/, 'dt:exportControl dt:ITAR').replace(/dt:eccn "[^"]*"/, 'dt:usmlCategory "XI(a)(3)"');
      const response = await server.fetch(EAR_PART, as('ear', { method: 'PUT', headers: { 'If-Match': read.headers.get('etag')!, 'Content-Type': 'text/turtle' }, body }));
      const text = await response.text();
      assert.equal(response.status, 403, text);
      assert.match(text, /marked ITAR \(USML XI\(a\)\(3\)\)/);
    });
  });

  describe('creation', () => {
    const itarPart = `${TURTLE_PREFIXES}\n<> dcterms:title "Valve sleeve" ; dt:partNumber "AQ900-9990" ; dt:revision "A" ; dt:lifecycleState dt:InWork ; dt:exportControl dt:ITAR ; dt:usmlCategory "VIII(h)(1)" .`;

    it('uncleared POST of ITAR data is 403', async () => {
      const response = await server.fetch('oslc/sp/eha/parts', as('uncleared', { method: 'POST', headers: { 'Content-Type': 'text/turtle' }, body: itarPart }));
      const text = await response.text();
      assert.equal(response.status, 403, text);
      assert.match(text, /marked ITAR \(USML VIII\(h\)\(1\)\)/);
    });

    it('cleared POST of ITAR data is 201', async () => {
      const response = await server.fetch('oslc/sp/eha/parts', as('itar', { method: 'POST', headers: { 'Content-Type': 'text/turtle' }, body: itarPart }));
      assert.equal(response.status, 201, await response.text());
      const location = response.headers.get('location')!;
      assert.equal((await get('uncleared', location)).status, 404, 'the new part is hidden at once');
    });

    it('link to hidden resource reads as missing', async () => {
      const body = `${TURTLE_PREFIXES}\n<> dcterms:title "Scratch" ; oslc_cm:status "Open" ; dt:severity dt:Minor ; dt:defectCode "SCR-01" ; oslc_plm:affectsPart <${iri(ITAR_PART)}> .`;
      const response = await server.fetch('oslc/sp/eha/ncrs', as('uncleared', { method: 'POST', headers: { 'Content-Type': 'text/turtle' }, body }));
      const text = await response.text();
      assert.equal(response.status, 400, text);
      assert.match(text, /does not exist on this server/);
    });

    it('creation dialog submit checks clearance', async () => {
      const response = await server.fetch(
        'oslc/sp/eha/parts/creator/submit',
        as('uncleared', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ values: { title: 'Sleeve', partNumber: 'AQ900-9991', revision: 'A', lifecycleState: 'https://w3id.org/digital-thread/ns#InWork', exportControl: 'https://w3id.org/digital-thread/ns#ITAR', usmlCategory: 'VIII(h)(1)' } }),
        }),
      );
      const json = (await response.json()) as { errors: { message: string }[] };
      assert.equal(response.status, 403);
      assert.match(json.errors[0]!.message, /marked ITAR/);
    });
  });

  describe('container and OSLC query', () => {
    it('container omits hidden members', async () => {
      const uncleared = await (await get('uncleared', 'oslc/sp/eha/parts')).text();
      const cleared = await (await get('itar', 'oslc/sp/eha/parts')).text();
      assert.ok(cleared.includes(`<${iri(ITAR_PART)}>`));
      assert.ok(!uncleared.includes(`<${iri(ITAR_PART)}>`));
      assert.ok(uncleared.includes('ldp#contains'), 'unmarked members are listed');
    });

    it('totalCount counts readable members only', async () => {
      const path = 'oslc/sp/eha/parts/query?oslc.paging=true&oslc.pageSize=5';
      const uncleared = totalCount(await (await get('uncleared', path)).text());
      const ear = totalCount(await (await get('ear', path)).text());
      const cleared = totalCount(await (await get('itar', path)).text());
      assert.ok(uncleared > 0);
      assert.ok(uncleared < ear, `${uncleared} < ${ear}`);
      assert.ok(ear < cleared, `${ear} < ${cleared}`);
    });

    it('where on the marking finds nothing hidden', async () => {
      const path = `oslc/sp/eha/parts/query?oslc.where=${encodeURIComponent('dt:exportControl=dt:ITAR')}`;
      assert.equal(totalCount(await (await get('uncleared', path)).text()), 0);
      assert.equal(totalCount(await (await get('ear', path)).text()), 0);
      assert.ok(totalCount(await (await get('itar', path)).text()) > 0);
    });

    it('nested where cannot see through hidden links', async () => {
      const path = `oslc/sp/eha/bom-lines/query?oslc.where=${encodeURIComponent(`oslc_plm:representsPart{dt:partNumber="${ITAR_PART_NUMBER}"}`)}`;
      const uncleared = await (await get('uncleared', path)).text();
      const cleared = await (await get('itar', path)).text();
      assert.ok(totalCount(cleared) > 0);
      assert.equal(totalCount(uncleared), 0);
    });

    it('nested select stops at hidden links', async () => {
      const ncr = unmarkedNcr.slice(server.base.length);
      const select = encodeURIComponent('oslc_plm:affectsPart{dt:partNumber,dcterms:title}');
      const path = `oslc/sp/eha/ncrs/query?oslc.where=${encodeURIComponent('dt:defectCode="POR-01"')}&oslc.select=${select}`;
      const uncleared = await (await get('uncleared', path)).text();
      const cleared = await (await get('itar', path)).text();
      assert.ok(cleared.includes(ITAR_PART_NUMBER));
      assert.ok(uncleared.includes(`<${iri(ncr)}>`), 'the NCR is listed');
      assert.ok(uncleared.includes(`<${iri(ITAR_PART)}>`), 'its link is part of the NCR');
      assert.ok(!uncleared.includes(ITAR_PART_NUMBER), 'nothing of the part');
      assert.ok(!uncleared.includes('Manifold body'), 'nothing of the part');
    });

    it('search leaves out hidden resources', async () => {
      const path = `oslc/sp/eha/parts/query?oslc.searchTerms=${encodeURIComponent('"Manifold"')}`;
      const uncleared = await (await get('uncleared', path)).text();
      const cleared = await (await get('itar', path)).text();
      assert.ok(cleared.includes(`<${iri(ITAR_PART)}>`));
      assert.ok(!uncleared.includes(`<${iri(ITAR_PART)}>`));
      assert.ok(totalCount(uncleared) < totalCount(cleared));
    });

    it('reading the NCR shows only its link', async () => {
      const body = await (await get('uncleared', unmarkedNcr)).text();
      assert.ok(body.includes(`<${iri(ITAR_PART)}>`));
      assert.ok(!body.includes(ITAR_PART_NUMBER));
    });
  });

  describe('SPARQL', () => {
    it('marked graphs are absent', async () => {
      const query = 'SELECT ?g WHERE { GRAPH ?g { ?g dt:exportControl dt:ITAR } }';
      assert.equal((await sparql('uncleared', query)).length, 0);
      assert.equal((await sparql('ear', query)).length, 0);
      assert.ok((await sparql('itar', query)).length > 0);
      const ear = 'SELECT ?g WHERE { GRAPH ?g { ?g dt:exportControl dt:EAR } }';
      assert.equal((await sparql('uncleared', ear)).length, 0);
      assert.ok((await sparql('ear', ear)).length > 0);
    });

    it('GRAPH with the IRI finds nothing', async () => {
      const query = `SELECT ?p ?o WHERE { GRAPH <${iri(ITAR_PART)}> { ?s ?p ?o } }`;
      assert.equal((await sparql('uncleared', query)).length, 0);
      assert.ok((await sparql('itar', query)).length > 0);
    });

    it('FROM and FROM NAMED find nothing', async () => {
      const from = `SELECT ?p ?o FROM <${iri(ITAR_PART)}> WHERE { ?s ?p ?o }`;
      const named = `SELECT ?g ?p FROM NAMED <${iri(ITAR_PART)}> WHERE { GRAPH ?g { ?s ?p ?o } }`;
      assert.equal((await sparql('uncleared', from)).length, 0);
      assert.equal((await sparql('uncleared', named)).length, 0);
      assert.ok((await sparql('itar', from)).length > 0);
    });

    it('dataset parameters find nothing', async () => {
      const query = 'SELECT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }';
      const parameters = { 'default-graph-uri': [iri(ITAR_PART)], 'named-graph-uri': [iri(ITAR_PART)] };
      assert.equal((await sparql('uncleared', query, parameters)).length, 0);
      assert.ok((await sparql('itar', query, parameters)).length > 0);
    });

    it('property paths stop at hidden graphs', async () => {
      const query = `SELECT ?number WHERE { <${iri(LINE_OF_ITAR_PART)}> oslc_plm:representsPart/dt:partNumber ?number }`;
      assert.deepEqual(await sparql('uncleared', query), []);
      assert.deepEqual(await sparql('itar', query), [[`"${ITAR_PART_NUMBER}"`]]);
      const closure = `SELECT ?x WHERE { <${iri(LINE_OF_ITAR_PART)}> (<urn:none>|!<urn:none>)+ ?x . ?x dt:partNumber "${ITAR_PART_NUMBER}" }`;
      assert.deepEqual(await sparql('uncleared', closure), []);
    });

    it('text search finds nothing hidden', async () => {
      const query = `SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "VIII(h)(1)")) }`;
      assert.equal((await sparql('uncleared', query)).length, 0);
      assert.ok((await sparql('itar', query)).length > 0);
    });

    it('replicas follow new markings', async () => {
      const created = await server.fetch(
        'oslc/sp/fcc/parts',
        as('itar', {
          method: 'POST',
          headers: { 'Content-Type': 'text/turtle' },
          body: `${TURTLE_PREFIXES}\n<> dcterms:title "Replica probe" ; dt:partNumber "RP-1" ; dt:revision "A" ; dt:lifecycleState dt:InWork ; dt:exportControl dt:ITAR ; dt:usmlCategory "XI(a)(3)" .`,
        }),
      );
      assert.equal(created.status, 201);
      const query = 'SELECT ?s WHERE { ?s dt:partNumber "RP-1" }';
      assert.equal((await sparql('uncleared', query)).length, 0);
      assert.equal((await sparql('itar', query)).length, 1);
    });

    it('uncleared admin cannot update', async () => {
      const response = await server.fetch(
        'sparql/update',
        as('unclearedAdmin', { method: 'POST', headers: { 'Content-Type': 'application/sparql-update' }, body: `INSERT DATA { GRAPH <urn:x:copy> { <urn:a> <urn:b> "c" } }` }),
      );
      const text = await response.text();
      assert.equal(response.status, 403, text);
      assert.match(text, /needs ITAR clearance/);
    });
  });

  describe('Graph Store Protocol', () => {
    it('GET of a hidden graph is 404', async () => {
      const path = `sparql/graph?graph=${encodeURIComponent(iri(ITAR_PART))}`;
      assert.equal((await get('uncleared', path)).status, 404);
      assert.equal((await get('itar', path)).status, 200);
    });

    it('uncleared admin cannot overwrite hidden graph', async () => {
      const path = `sparql/graph?graph=${encodeURIComponent(iri(ITAR_PART))}`;
      const response = await server.fetch(path, as('unclearedAdmin', { method: 'PUT', headers: { 'Content-Type': 'text/turtle' }, body: '<urn:a> <urn:b> "c" .' }));
      assert.equal(response.status, 404);
      assert.equal((await get('itar', ITAR_PART)).status, 200);
    });

    it('uncleared admin cannot write ITAR data', async () => {
      const path = `sparql/graph?graph=${encodeURIComponent('urn:x:new')}`;
      const body = '<urn:x:new> <https://w3id.org/digital-thread/ns#exportControl> <https://w3id.org/digital-thread/ns#ITAR> .';
      const response = await server.fetch(path, as('unclearedAdmin', { method: 'PUT', headers: { 'Content-Type': 'text/turtle' }, body }));
      assert.equal(response.status, 403);
    });
  });

  describe('pages, previews, Compact and BOM', () => {
    const status = async (user: User, path: string, accept: string): Promise<number> => {
      const response = await get(user, path, accept);
      await response.arrayBuffer();
      return response.status;
    };
    const cases: [string, string][] = [
      ['', 'text/html'],
      ['/compact', 'application/x-oslc-compact+xml'],
      ['/compact', 'application/json'],
      ['/preview?size=small', 'text/html'],
      ['/preview?size=large', 'text/html'],
      ['/bom', 'application/json'],
    ];
    for (const [suffix, accept] of cases) {
      it(`${suffix === '' ? 'HTML page' : suffix} of hidden part is 404`, async () => {
        assert.equal(await status('uncleared', `${ITAR_PART}${suffix}`, accept), 404);
        assert.equal(await status('ear', `${ITAR_PART}${suffix}`, accept), 404);
        assert.equal(await status('itar', `${ITAR_PART}${suffix}`, accept), 200);
      });
    }

    it('inline Compact of hidden part is 404', async () => {
      const prefer = { Accept: 'application/json', Prefer: 'return=representation; include="http://open-services.net/ns/core#PreferCompact"' };
      const uncleared = await server.fetch(ITAR_PART, as('uncleared', { headers: prefer }));
      const cleared = await server.fetch(ITAR_PART, as('itar', { headers: prefer }));
      assert.equal(uncleared.status, 404);
      assert.equal(cleared.status, 200);
    });

    it('BOM hides the hidden child part', async () => {
      type Bom = { lines: { line: string; child: { part: string; partNumber: string | null; title: string | null } }[] };
      const uncleared = (await (await get('uncleared', `${ASSEMBLY_OF_ITAR_PART}/bom`, 'application/json')).json()) as Bom;
      const cleared = (await (await get('itar', `${ASSEMBLY_OF_ITAR_PART}/bom`, 'application/json')).json()) as Bom;
      const unclearedLine = uncleared.lines.find((line) => line.line === iri(LINE_OF_ITAR_PART));
      const clearedLine = cleared.lines.find((line) => line.line === iri(LINE_OF_ITAR_PART));
      assert.equal(clearedLine?.child.partNumber, ITAR_PART_NUMBER);
      assert.equal(unclearedLine?.child.part, iri(ITAR_PART), 'the unmarked line still names its part');
      assert.equal(unclearedLine?.child.partNumber, null);
      assert.equal(unclearedLine?.child.title, null);
      assert.ok(!JSON.stringify(uncleared).includes(ITAR_PART_NUMBER));
    });

    it('BOM drops hidden lines', async () => {
      type Bom = { lines: { line: string }[] };
      const cleared = (await (await get('itar', `${ASSEMBLY_OF_ITAR_PART}/bom`, 'application/json')).json()) as Bom;
      const uncleared = (await (await get('uncleared', `${ASSEMBLY_OF_ITAR_PART}/bom`, 'application/json')).json()) as Bom;
      assert.ok(cleared.lines.some((line) => line.line === itarLine));
      assert.ok(!uncleared.lines.some((line) => line.line === itarLine));
      assert.equal(uncleared.lines.length, cleared.lines.length - 1);
    });

    it('assembly page hides the hidden child', async () => {
      const uncleared = await (await get('uncleared', ASSEMBLY_OF_ITAR_PART, 'text/html')).text();
      const cleared = await (await get('itar', ASSEMBLY_OF_ITAR_PART, 'text/html')).text();
      assert.ok(cleared.includes(ITAR_PART_NUMBER));
      assert.ok(!uncleared.includes(ITAR_PART_NUMBER));
    });

    it('incoming links leave out hidden sources', async () => {
      const uncleared = await (await get('uncleared', PART_OF_ITAR_NCR, 'text/html')).text();
      const cleared = await (await get('itar', PART_OF_ITAR_NCR, 'text/html')).text();
      assert.ok(cleared.includes(iri(ITAR_NCR)));
      assert.ok(cleared.includes(ITAR_NCR_TITLE));
      assert.ok(!uncleared.includes(iri(ITAR_NCR)));
      assert.ok(!uncleared.includes(ITAR_NCR_TITLE));
      assert.ok(!uncleared.includes('NCR-000004'));
    });

    it('linked titles of hidden resources are absent', async () => {
      const ncr = unmarkedNcr.slice(server.base.length);
      const page = await (await get('uncleared', ncr, 'text/html')).text();
      const preview = await (await get('uncleared', `${ncr}/preview?size=large`, 'text/html')).text();
      const clearedPage = await (await get('itar', ncr, 'text/html')).text();
      assert.ok(clearedPage.includes('Manifold body'));
      assert.ok(!page.includes('Manifold body'));
      assert.ok(!preview.includes('Manifold body'));
    });

    it('where-used counts readable lines only', async () => {
      const whereUsed = (html: string): number => Number(/Where Used<\/dt><dd>(\d+) BOM line/.exec(html)?.[1] ?? -1);
      const path = `${PART_OF_ITAR_NCR}/preview?size=large`;
      const uncleared = whereUsed(await (await get('uncleared', path, 'text/html')).text());
      const cleared = whereUsed(await (await get('itar', path, 'text/html')).text());
      assert.ok(uncleared >= 0, 'the preview shows a where-used count');
      assert.equal(uncleared, cleared - 1);
    });

    it('landing page counts readable resources', async () => {
      const total = async (user: User): Promise<number> => {
        const html = await (await get(user, '', 'text/html')).text();
        return [...html.matchAll(/<td class="number">(\d+)<\/td>/g)].reduce((sum, match) => sum + Number(match[1]), 0);
      };
      const uncleared = await total('uncleared');
      const ear = await total('ear');
      const cleared = await total('itar');
      assert.ok(uncleared > 0);
      assert.ok(uncleared < ear, `${uncleared} < ${ear}`);
      assert.ok(ear < cleared, `${ear} < ${cleared}`);
    });
  });

  describe('traceability reports and exports', () => {
    /** ITAR requirements and test cases of the eha programme in the sample. */
    const ITAR_EVIDENCE = ['REQ-000004', 'REQ-000016', 'TC-000004'];
    const report = async (user: User, query: string, accept = 'application/json'): Promise<string> => {
      const response = await get(user, `oslc/sp/eha/traceability${query}`, accept);
      const body = await response.text();
      assert.equal(response.status, 200, body);
      return body;
    };

    /** Format, query, and whether the output lists the matrix (gap lists name only evidence with gaps). */
    const formats: [string, string, boolean][] = [
      ['JSON', '?format=json', true],
      ['HTML', '?format=html', true],
      ['CSV matrix', '?format=csv&view=matrix', true],
      ['CSV gaps', '?format=csv&view=gaps', false],
      ['CSV objectives', '?format=csv&view=objectives', false],
      ['text', '?format=text', false],
    ];
    for (const [name, query, listsMatrix] of formats) {
      it(`${name} report hides ITAR evidence`, async () => {
        const uncleared = await report('unclearedCertification', query);
        for (const identifier of ITAR_EVIDENCE) {
          assert.ok(!uncleared.includes(identifier), `${identifier} is absent for the uncleared user`);
        }
        if (listsMatrix) {
          const cleared = await report('itarCertification', query);
          assert.ok(ITAR_EVIDENCE.some((identifier) => cleared.includes(identifier)), 'the cleared user sees ITAR evidence');
        }
      });
    }

    for (const [name, format] of [['XLSX', 'xlsx'], ['PDF', 'pdf']] as const) {
      it(`${name} export differs by clearance`, async () => {
        const size = async (user: User): Promise<number> => {
          const response = await get(user, `oslc/sp/eha/traceability?format=${format}`, '*/*');
          assert.equal(response.status, 200);
          return (await response.arrayBuffer()).byteLength;
        };
        assert.notEqual(await size('unclearedCertification'), await size('itarCertification'));
      });
    }

    it('report counts readable requirements only', async () => {
      const count = (body: string): number => (JSON.parse(body) as { counts: { requirements: number } }).counts.requirements;
      const uncleared = count(await report('unclearedCertification', '?format=json'));
      const cleared = count(await report('itarCertification', '?format=json'));
      assert.ok(uncleared < cleared, `${uncleared} < ${cleared}`);
    });

    it('clearance parameter only narrows', async () => {
      const widened = await report('unclearedCertification', '?format=json&clearance=ITAR');
      for (const identifier of ITAR_EVIDENCE) {
        assert.ok(!widened.includes(identifier));
      }
      const narrowed = await report('itarCertification', '?format=json&clearance=none');
      for (const identifier of ITAR_EVIDENCE) {
        assert.ok(!narrowed.includes(identifier));
      }
    });

    it('stored report carries the marking', async () => {
      const stored = await server.fetch('oslc/sp/eha/traceability', as('itarCertification', { method: 'POST' }));
      assert.equal(stored.status, 201, await stored.text());
      const location = stored.headers.get('location')!;
      assert.equal((await get('unclearedCertification', location)).status, 404);
      assert.equal((await get('itarCertification', location)).status, 200);

      const shareable = await server.fetch('oslc/sp/eha/traceability?clearance=none', as('itarCertification', { method: 'POST' }));
      assert.equal(shareable.status, 201);
      assert.equal((await get('unclearedCertification', shareable.headers.get('location')!)).status, 200);
    });

    it('storing a report needs create permission', async () => {
      const response = await server.fetch('oslc/sp/eha/traceability', as('unclearedAdmin', { method: 'POST' }));
      assert.equal(response.status, 201);
      const engineer = await server.fetch('oslc/sp/eha/traceability', as('itar', { method: 'POST' }));
      assert.equal(engineer.status, 403);
    });
  });

  describe('selection dialog', () => {
    it('results leave out hidden resources', async () => {
      const path = `oslc/sp/eha/parts/selector/results?q=${encodeURIComponent('Manifold')}`;
      const uncleared = (await (await get('uncleared', path, 'application/json')).json()) as { items: { resource: string }[]; total: number };
      const cleared = (await (await get('itar', path, 'application/json')).json()) as { items: { resource: string }[]; total: number };
      assert.ok(cleared.items.some((item) => item.resource === iri(ITAR_PART)));
      assert.ok(!uncleared.items.some((item) => item.resource === iri(ITAR_PART)));
      assert.ok(uncleared.total < cleared.total);
    });

    it('filtered results leave out hidden resources', async () => {
      const path = `oslc/sp/eha/parts/selector/results?f.exportControl=${encodeURIComponent('https://w3id.org/digital-thread/ns#ITAR')}`;
      const uncleared = (await (await get('uncleared', path, 'application/json')).json()) as { total: number };
      assert.equal(uncleared.total, 0);
    });
  });
});

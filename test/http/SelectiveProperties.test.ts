import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Quad } from '@rdfjs/types';
import { canonical, parseResponse } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { assertOslcError, getRdf, NS, objectTerms } from './HttpTestSupport.js';

const ASSEMBLY = 'oslc/sp/fcc/parts/P-000001';

type Parameters = [name: string, value: string][];

/** Returns the predicates used on `subject`, sorted. */
function predicatesOf(quads: readonly Quad[], subject: string): string[] {
  return [...new Set(quads.filter((quad) => quad.subject.value === subject).map((quad) => quad.predicate.value))].sort();
}

describe('Selective properties on resource GET', () => {
  let server: TestServer;
  const iri = (path: string): string => `${server.base}${path}`;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  async function getSelected(path: string, parameters: Parameters, accept = 'text/turtle'): Promise<{ response: Response; quads: Quad[] }> {
    const url = new URL(`${path}?${new URLSearchParams(parameters).toString()}`, server.base).href;
    const response = await fetch(url, { headers: { Accept: accept } });
    return { response, quads: await parseResponse(response, url, server.base) };
  }

  it('returns only the chosen properties', async () => {
    const { response, quads } = await getSelected(ASSEMBLY, [['oslc.properties', 'dcterms:title,dt:partNumber']]);
    assert.equal(response.status, 200);
    assert.deepEqual(predicatesOf(quads, iri(ASSEMBLY)), [`${NS.dcterms}title`, `${NS.dt}partNumber`].sort());
    assert.deepEqual(objectTerms(quads, iri(ASSEMBLY), `${NS.dt}partNumber`).map((term) => term.value), ['FCC-300-000']);
    assert.equal(quads.length, 2);
  });

  it('nested properties follow links', async () => {
    const { quads } = await getSelected(ASSEMBLY, [['oslc.properties', 'oslc_plm:composedOfPartUsage{oslc_plm:representsPart{dt:partNumber}}']]);
    assert.deepEqual(predicatesOf(quads, iri(ASSEMBLY)), [`${NS.oslc_plm}composedOfPartUsage`]);
    assert.deepEqual(predicatesOf(quads, iri('oslc/sp/fcc/bom-lines/BL-000001')), [`${NS.oslc_plm}representsPart`]);
    assert.deepEqual(objectTerms(quads, iri('oslc/sp/fcc/parts/P-000002'), `${NS.dt}partNumber`).map((term) => term.value), ['FCC-310-100']);
    assert.deepEqual(objectTerms(quads, iri('oslc/sp/fcc/parts/P-000003'), `${NS.dt}partNumber`).map((term) => term.value), ['NAS1352-08-6']);
    assert.deepEqual(predicatesOf(quads, iri('oslc/sp/fcc/parts/P-000002')), [`${NS.dt}partNumber`]);
  });

  it('inline resources come whole', async () => {
    const { quads } = await getSelected(ASSEMBLY, [['oslc.properties', 'oslc_plm:effectivity']]);
    const effectivity = objectTerms(quads, iri(ASSEMBLY), `${NS.oslc_plm}effectivity`);
    assert.equal(effectivity.length, 1);
    assert.equal(effectivity[0]!.termType, 'BlankNode');
    assert.deepEqual(objectTerms(quads, effectivity[0]! as Quad['subject'], `${NS.oslc_plm}effectiveFrom`).map((term) => term.value), ['2025-01-01']);
  });

  it('star returns the whole resource', async () => {
    const { quads } = await getSelected(ASSEMBLY, [['oslc.properties', '*']]);
    const { quads: full } = await getRdf(server, ASSEMBLY);
    assert.equal(await canonical(quads), await canonical(full));
  });

  it('oslc.select is read the same way', async () => {
    const { quads } = await getSelected(ASSEMBLY, [['oslc.select', 'dcterms:title']]);
    assert.deepEqual(predicatesOf(quads, iri(ASSEMBLY)), [`${NS.dcterms}title`]);
  });

  it('oslc.prefix declares prefixes', async () => {
    const { quads } = await getSelected(ASSEMBLY, [
      ['oslc.prefix', `thread=<${NS.dt}>`],
      ['oslc.properties', 'thread:revision'],
    ]);
    assert.deepEqual(predicatesOf(quads, iri(ASSEMBLY)), [`${NS.dt}revision`]);
  });

  it('every representation is offered', async () => {
    for (const accept of ['application/rdf+xml', 'application/ld+json', 'application/n-triples']) {
      const { response, quads } = await getSelected(ASSEMBLY, [['oslc.properties', 'dcterms:title']], accept);
      assert.equal(response.status, 200, accept);
      assert.deepEqual(predicatesOf(quads, iri(ASSEMBLY)), [`${NS.dcterms}title`], accept);
    }
  });

  it('format parameter chooses the representation', async () => {
    const { response, quads } = await getSelected(ASSEMBLY, [['oslc.properties', 'dcterms:title'], ['format', 'ntriples']], 'text/turtle');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/n-triples');
    assert.deepEqual(predicatesOf(quads, iri(ASSEMBLY)), [`${NS.dcterms}title`]);
  });

  it('selected response has no ETag', async () => {
    const { response } = await getSelected(ASSEMBLY, [['oslc.properties', 'dcterms:title']]);
    const full = await getRdf(server, ASSEMBLY);
    assert.equal(response.headers.get('etag'), null);
    assert.match(full.response.headers.get('etag') ?? '', /^"/);
  });

  it('each triple appears once', async () => {
    // Both BOM lines link to the same assembly, and the part number is chosen twice.
    const url = new URL(`${ASSEMBLY}?${new URLSearchParams([['oslc.properties', 'dt:partNumber,*,oslc_plm:composedOfPartUsage{dt:assembly{dt:partNumber}}']]).toString()}`, server.base);
    const response = await fetch(url, { headers: { Accept: 'application/n-triples' } });
    const lines = (await response.text()).split('\n').filter((line) => line.includes(`<${NS.dt}partNumber>`));
    assert.equal(lines.length, 1, lines.join('\n'));
  });

  const invalid: [name: string, parameters: Parameters, message: RegExp][] = [
    ['unclosed brace', [['oslc.properties', 'oslc_plm:composedOfPartUsage{dcterms:title']], /^oslc\.properties: unclosed \{; add the closing \} \(at character 29\)\.$/],
    ['unknown prefix', [['oslc.properties', 'nope:title']], /^oslc\.properties: .*nope.*\(at character 1\)\.$/],
    ['empty value', [['oslc.properties', '']], /^oslc\.properties: the value is empty; name properties such as dcterms:title/],
    ['both parameters', [['oslc.properties', 'dcterms:title'], ['oslc.select', 'dcterms:title']], /both oslc\.properties and oslc\.select; give only oslc\.properties/],
    ['repeated parameter', [['oslc.properties', 'dcterms:title'], ['oslc.properties', 'dt:revision']], /oslc\.properties: the parameter is given 2 times; give it once/],
  ];
  for (const [name, parameters, message] of invalid) {
    it(`400 for ${name}`, async () => {
      const { response, quads } = await getSelected(ASSEMBLY, parameters);
      assert.equal(response.status, 400);
      assert.match(assertOslcError(quads, 400), message);
    });
  }

  it('404 for a missing resource', async () => {
    const { response } = await getSelected('oslc/sp/fcc/parts/P-999999', [['oslc.properties', 'dcterms:title']]);
    assert.equal(response.status, 404);
  });
});

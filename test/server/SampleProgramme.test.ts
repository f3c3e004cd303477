import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../src/config/ServerConfig.js';
import { exampleQueries } from '../../src/http/html/SparqlPage.js';
import { DigitalThreadServer } from '../../src/server/DigitalThreadServer.js';
import { freePort } from '../helpers/TestServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const EXPECTED_COUNTS: [provider: string, segment: string, count: number][] = [
  ['fcc', 'parts', 158],
  ['eha', 'parts', 158],
  ['fcc', 'bom-lines', 134],
  ['eha', 'bom-lines', 127],
  ['fcc', 'ncrs', 22],
  ['eha', 'ncrs', 18],
  ['fcc', 'requirements', 60],
  ['eha', 'requirements', 40],
  ['fcc', 'telemetry-summaries', 12],
  ['eha', 'telemetry-summaries', 18],
  ['fcc', 'certification-artifacts', 91],
  ['eha', 'certification-artifacts', 34],
  ['fcc', 'reviews', 91],
  ['eha', 'reviews', 34],
];

/** Sends one request on a fresh connection, because a pooled keep-alive connection would still point at the stopped server. */
function send(url: string | URL, method = 'GET', authorization?: string): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { Accept: 'application/n-triples' };
  if (authorization !== undefined) {
    headers.Authorization = authorization;
  }
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, agent: false, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function totalCount(base: string, provider: string, segment: string, where?: string, authorization?: string): Promise<number> {
  const url = new URL(`${base}oslc/sp/${provider}/${segment}/query`);
  url.searchParams.set('oslc.paging', 'true');
  url.searchParams.set('oslc.pageSize', '1');
  if (where !== undefined) {
    url.searchParams.set('oslc.where', where);
  }
  const { body } = await send(url, 'GET', authorization);
  const match = /<http:\/\/open-services\.net\/ns\/core#totalCount> "(\d+)"/.exec(body);
  assert.ok(match, `no oslc:totalCount in the answer to ${url.href}`);
  return Number(match[1]);
}

describe('sample programme on first start', () => {
  it('loads once, serves both programmes and is not reloaded on restart', async () => {
    const directory = temporaryDirectory('dt-sample-');
    const port = await freePort();
    const config = resolveConfig({ host: '127.0.0.1', port: String(port), dataDirectory: directory.path, logLevel: 'error' }, {});
    try {
      let printed = '';
      let server = await DigitalThreadServer.start(config, { printSecret: (text) => (printed += text) });
      const base = config.baseUrl;
      // Local development mode prints an admin key, cleared for every marking, on the first start.
      const admin = /Authorization: (Bearer dt_\S+)/.exec(printed)?.[1];
      assert.ok(admin !== undefined, `no admin key in the output: ${printed}`);

      const catalog = (await send(`${base}oslc/catalog`)).body;
      assert.ok(catalog.includes(`<${base}oslc/catalog> <http://open-services.net/ns/core#serviceProvider> <${base}oslc/sp/fcc>`));
      assert.ok(catalog.includes(`<${base}oslc/catalog> <http://open-services.net/ns/core#serviceProvider> <${base}oslc/sp/eha>`));
      assert.ok(catalog.includes('"FCC-300 Flight Control Computer"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral>'));

      for (const [provider, segment, count] of EXPECTED_COUNTS) {
        assert.equal(await totalCount(base, provider, segment, undefined, admin), count, `${provider} ${segment}`);
      }
      assert.ok((await totalCount(base, 'eha', 'parts', 'dt:exportControl=dt:ITAR', admin)) > 0, 'the sample has ITAR parts');
      // The local developer has no clearance by default, so controlled parts are left out.
      assert.equal(await totalCount(base, 'eha', 'parts', 'dt:exportControl=dt:ITAR'), 0);
      assert.ok((await totalCount(base, 'eha', 'parts')) < 158, 'controlled parts are hidden without clearance');
      assert.ok((await totalCount(base, 'fcc', 'test-results', 'oslc_qm:status="failed"')) > 0, 'the sample has failed test results');

      // The SPARQL page's examples show rows to the local developer, who reads no controlled data.
      for (const example of exampleQueries()) {
        const response = await fetch(`${base}sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'text/tab-separated-values' }, body: example.query });
        assert.equal(response.status, 200, example.title);
        const rows = (await response.text()).split('\n').filter((line) => line !== '').length - 1;
        assert.ok(rows > 0, `the example "${example.title}" returns no rows`);
      }

      // A deleted sample resource stays deleted: the sample loads into an empty store only.
      const deleted = await send(`${base}oslc/sp/fcc/telemetry-summaries/TS-000001`, 'DELETE');
      assert.equal(deleted.status, 204);
      await server.stop();

      printed = '';
      server = await DigitalThreadServer.start(config, { printSecret: (text) => (printed += text) });
      assert.equal(printed, '', 'the admin key is printed on the first start only');
      assert.equal(await totalCount(base, 'fcc', 'parts', undefined, admin), 158);
      assert.equal(await totalCount(base, 'fcc', 'telemetry-summaries', undefined, admin), 11);
      assert.equal((await send(`${base}oslc/sp/fcc/telemetry-summaries/TS-000001`)).status, 404);
      await server.stop();
    } finally {
      directory.remove();
    }
  });
});

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ODataClient } from '../../../src/import/odata/ODataClient.js';
import { importWindchill } from '../../../src/import/odata/importWindchill.js';
import { freePort } from '../../helpers/TestServer.js';

/** Three attempts with waits of at most a few milliseconds, so that the test takes no backoff time. */
const RETRY = { maxAttempts: 3, baseDelayMs: 2, maxDelayMs: 5, timeoutMs: 5000 };

describe('OData pull from a closed port', () => {
  let root = '';
  before(async () => {
    // freePort closes the server it bound, so nothing listens on the port.
    root = `http://127.0.0.1:${await freePort()}/Windchill/servlet/odata`;
  });

  it('getJson names the cause', async () => {
    const url = `${root}/ProdMgmt/Parts`;
    await assert.rejects(new ODataClient(root, { retry: RETRY }).getJson(url), {
      name: 'ODataHttpError',
      status: 0,
      message: `GET ${url} failed: connection refused (ECONNREFUSED) after 3 attempts; check the URL and that Windchill is reachable.`,
    });
  });

  it('one attempt in the singular', async () => {
    const url = `${root}/ProdMgmt/Parts`;
    await assert.rejects(new ODataClient(root, { retry: { ...RETRY, maxAttempts: 1 } }).getJson(url), {
      message: `GET ${url} failed: connection refused (ECONNREFUSED) after 1 attempt; check the URL and that Windchill is reachable.`,
    });
  });

  it('importWindchill names the parts URL', async () => {
    await assert.rejects(importWindchill(root, { retry: RETRY }), {
      name: 'ODataHttpError',
      message: `GET ${root}/ProdMgmt/Parts?$expand=Uses($expand=Uses) failed: connection refused (ECONNREFUSED) after 3 attempts; check the URL and that Windchill is reachable.`,
    });
  });

  it('rejects a service root that is no URL', async () => {
    await assert.rejects(importWindchill('not-a-url'), {
      name: 'InputError',
      message: 'The odata format reads from the Windchill REST Services root URL, but not-a-url is no http(s) URL; give one such as https://plm.example.com/Windchill/servlet/odata.',
    });
  });
});

describe('OData error pages', () => {
  let server: Server;
  let root = '';
  before(async () => {
    // An application server's HTML error page, as a wrong service root gets it.
    const words = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');
    server = createServer((_request, response) => {
      response.writeHead(404, { 'Content-Type': 'text/html' }).end(`<html><body><h1>Not Found</h1>\n<p>${words}</p></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/Windchill/servlet/odata`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('quotes the page cut short', async () => {
    const url = `${root}/ProdMgmt/Parts`;
    await assert.rejects(new ODataClient(root, { retry: RETRY }).getJson(url), (error: Error) => {
      const quoted = /returned 404 Not Found: (.*)\. Check the service root URL/.exec(error.message)?.[1] ?? '';
      assert.match(quoted, /^Not Found word0 word1 .* word\d+…$/);
      assert.ok(quoted.length <= 201, `${quoted.length} characters`);
      return true;
    });
  });
});


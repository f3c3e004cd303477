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

/**
 * Bodies of 200 responses that are not JSON, and the message that each gives after `response of URL `. The
 * JSON parser's own message differs between Node versions, so the plain-text case matches its start only.
 */
const NOT_JSON_CASES: Array<{ name: string; body: string; expected: string | RegExp }> = [
  {
    name: 'login page',
    body: '<!DOCTYPE html><html><head><title>Sign In</title></head><body><form action="/login"></form></body></html>',
    expected: 'is HTML, not JSON. A login page, a proxy or a wrong service root URL usually returns HTML; check the URL and DT_ODATA_AUTHORIZATION.',
  },
  {
    name: 'proxy page after blank lines',
    body: '\r\n  \n<html><body>Proxy Error</body></html>',
    expected: 'is HTML, not JSON. A login page, a proxy or a wrong service root URL usually returns HTML; check the URL and DT_ODATA_AUTHORIZATION.',
  },
  { name: 'plain text', body: 'Service Unavailable', expected: /^is not valid JSON: Unexpected token/ },
];

describe('OData error pages', () => {
  let server: Server;
  let root = '';
  before(async () => {
    // An application server's HTML error page, as a wrong service root gets it, and 200 responses that are not JSON under /answers/.
    const words = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');
    server = createServer((request, response) => {
      const notJson = NOT_JSON_CASES.find((notJsonCase) => request.url === `/answers/${encodeURIComponent(notJsonCase.name)}`);
      if (notJson !== undefined) {
        response.writeHead(200, { 'Content-Type': 'text/html' }).end(notJson.body);
        return;
      }
      response.writeHead(404, { 'Content-Type': 'text/html' }).end(`<html><body><h1>Not Found</h1>\n<p>${words}</p></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/Windchill/servlet/odata`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  for (const { name, expected } of NOT_JSON_CASES) {
    it(`200 with ${name}`, async () => {
      const url = `${new URL(root).origin}/answers/${encodeURIComponent(name)}`;
      const authorization = 'Basic c2VjcmV0LXVzZXI6c2VjcmV0LXBhc3N3b3Jk';
      await assert.rejects(new ODataClient(root, { retry: RETRY, authorization }).getJson(url), (error: Error) => {
        assert.equal(error.name, 'ODataFormatError');
        assert.ok(error.message.startsWith(`response of ${url} `), error.message);
        const rest = error.message.slice(`response of ${url} `.length);
        if (typeof expected === 'string') {
          assert.equal(rest, expected);
        } else {
          assert.match(rest, expected);
        }
        assert.ok(!error.message.includes(authorization.slice('Basic '.length)));
        return true;
      });
    });
  }

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


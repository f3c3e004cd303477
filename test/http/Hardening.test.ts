import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect, type SecureVersion } from 'node:tls';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiKeyStore } from '../../src/auth/ApiKeyStore.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';
import { rawRequest } from './HttpTestSupport.js';

const opensslMissing = spawnSync('openssl', ['version']).status === 0 ? undefined : 'openssl is not installed, so no test certificate can be made';

/** Makes a self-signed certificate for 127.0.0.1 with a fresh key, valid for a day. */
function selfSignedCertificate(directory: string): { cert: string; key: string } {
  const cert = join(directory, 'cert.pem');
  const key = join(directory, 'key.pem');
  const result = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  return { cert, key };
}

/** Connects with TLS limited to `maxVersion` and returns the negotiated protocol, or the error code. */
function handshake(port: number, ca: Buffer, maxVersion: SecureVersion): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, ca, maxVersion, servername: undefined }, () => {
      resolve(socket.getProtocol() ?? 'unknown');
      socket.end();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(url, { ca, headers: { Accept: 'text/turtle' } }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('HTTPS', { skip: opensslMissing }, () => {
  const directory = temporaryDirectory('dt-tls-');
  let files: { cert: string; key: string };
  let server: TestServer;
  let legacy: TestServer;

  before(async () => {
    files = selfSignedCertificate(directory.path);
    server = await startTestServer({ config: { tlsCert: files.cert, tlsKey: files.key } });
    legacy = await startTestServer({ config: { tlsCert: files.cert, tlsKey: files.key, tlsMinVersion: '1.2' } });
  });

  after(async () => {
    await server.stop();
    await legacy.stop();
    directory.remove();
  });

  it('base URL is https', () => {
    assert.match(server.base, /^https:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(server.server.listeningUrl, /^https:/);
  });

  it('TLS 1.3 is negotiated', async () => {
    assert.equal(await handshake(Number(new URL(server.base).port), readFileSync(files.cert), 'TLSv1.3'), 'TLSv1.3');
  });

  it('TLS 1.2 clients are refused by default', async () => {
    const result = await handshake(Number(new URL(server.base).port), readFileSync(files.cert), 'TLSv1.2');
    assert.notEqual(result, 'TLSv1.2');
  });

  it('--tls-min-version 1.2 admits TLS 1.2', async () => {
    assert.equal(await handshake(Number(new URL(legacy.base).port), readFileSync(files.cert), 'TLSv1.2'), 'TLSv1.2');
  });

  it('HSTS over HTTPS', async () => {
    const response = await httpsGet(`${server.base}oslc/sp/fcc/parts/P-000001`, readFileSync(files.cert));
    assert.equal(response.status, 200);
    assert.equal(response.headers['strict-transport-security'], 'max-age=31536000');
  });
});

describe('security headers', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ config: { frameOrigins: ['https://elm.example.com:9443'] } });
  });

  after(async () => {
    await server.stop();
  });

  it('API responses carry helmet headers', async () => {
    const response = await server.fetch('oslc/sp/fcc/parts/P-000001', { headers: { Accept: 'text/turtle' } });
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'same-origin');
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(response.headers.get('x-powered-by'), null);
    for (const legacy of ['x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']) {
      assert.equal(response.headers.get(legacy), null, `${legacy} serves no supported browser`);
    }
    assert.equal(response.headers.get('strict-transport-security'), null, 'no HSTS over plain HTTP');
    assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(response.headers.get('content-security-policy'), "frame-ancestors 'self'");
  });

  it('dialogs keep their own framing policy', async () => {
    const response = await server.fetch('oslc/sp/fcc/parts/selector', { headers: { Accept: 'text/html' } });
    assert.equal(response.status, 200);
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /frame-ancestors 'self' https:\/\/elm\.example\.com:9443/);
    assert.match(policy, /script-src/);
    assert.equal(response.headers.get('x-frame-options'), null);
    assert.equal(response.headers.get('cross-origin-opener-policy'), null, 'window.open dialogs keep their opener');
  });
});

describe('rate limits and size limits', () => {
  let server: TestServer;
  let key = '';

  before(async () => {
    server = await startTestServer({ config: { rateLimit: 'sparql=2,read=1000,login=3', maxHeaderSize: '4kb' } });
    key = new ApiKeyStore(server.dataDirectory).create('limited', 'viewer', ['ITAR']).key;
  });

  after(async () => {
    await server.stop();
  });

  const sparql = (headers: Record<string, string> = {}): Promise<Response> =>
    server.fetch(`sparql?query=${encodeURIComponent('ASK {}')}`, { headers: { Accept: 'application/sparql-results+json', ...headers } });

  it('SPARQL is limited per client', async () => {
    assert.equal((await sparql()).status, 200);
    assert.equal((await sparql()).status, 200);
    const limited = await sparql();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(limited.headers.get('ratelimit-policy'), '2;w=60');
    assert.match(limited.headers.get('ratelimit') ?? '', /^limit=2, remaining=0, reset=\d+$/);
    assert.match(await limited.text(), /More than 2 sparql requests in a minute/);

    assert.equal((await server.fetch('oslc/sp/fcc/parts/P-000001')).status, 200, 'reads have their own limit');
    assert.equal((await sparql({ Authorization: `Bearer ${key}` })).status, 200, 'another principal has its own budget');
  });

  it('failed authentications are limited', async () => {
    const bad = { Authorization: `Bearer dt_00000000_${'A'.repeat(43)}` };
    for (let attempt = 0; attempt < 3; attempt++) {
      assert.equal((await server.fetch('oslc/sp/fcc/parts/P-000001', { headers: bad })).status, 401);
    }
    const blocked = await server.fetch('oslc/sp/fcc/parts/P-000001', { headers: bad });
    assert.equal(blocked.status, 429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    assert.ok(retryAfter >= 1, `Retry-After ${retryAfter}`);
    assert.ok(retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.match(await blocked.text(), /More than 3 failed authentications/);
  });

  it('oversized headers get 431', async () => {
    const response = await rawRequest(server, 'oslc/sp/fcc/parts/P-000001', { headers: { 'X-Padding': 'x'.repeat(8_000) } });
    assert.equal(response.status, 431);
  });
});

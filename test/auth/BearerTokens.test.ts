import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSecretKey } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { ApiKeyStore } from '../../src/auth/ApiKeyStore.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/OidcProvider.js';
import { freePort, startTestServer, type TestServer } from '../helpers/TestServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const ITAR_PART = 'oslc/sp/eha/parts/P-000046';
const EAR_PART = 'oslc/sp/fcc/parts/P-000001';
const PLAIN_PART = 'oslc/sp/fcc/parts/P-000005';

/** Claims of an engineer cleared for ITAR, as the identity provider would issue them. */
const ENGINEER = { sub: 'alice', name: 'Alice Engineer', groups: ['digital-thread-engineers'], export_clearances: ['ITAR'] };

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('bearer tokens and API keys', () => {
  const directory = temporaryDirectory('dt-bearer-');
  let provider: TestOidcProvider;
  let server: TestServer;

  const read = (path: string, token: string): Promise<Response> => server.fetch(path, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/turtle' } });

  const assertRejected = async (token: string, description: RegExp): Promise<void> => {
    const response = await read(PLAIN_PART, token);
    assert.equal(response.status, 401, await response.text());
    const challenge = response.headers.get('www-authenticate') ?? '';
    assert.match(challenge, /^Bearer realm="digital-thread", error="invalid_token"/);
    assert.match(challenge, description);
  };

  before(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/`;
    provider = await startOidcProvider({ serverBase: base, audience: base });
    const secretFile = join(directory.path, 'client-secret');
    writeFileSync(secretFile, provider.clientSecret);
    server = await startTestServer({
      sample: true,
      config: { port: String(port), oidcIssuer: provider.issuer, oidcClientId: provider.clientId, oidcClientSecretFile: secretFile, oidcScope: 'openid profile dt' },
    });
  });

  after(async () => {
    await server.stop();
    await provider.stop();
    directory.remove();
  });

  it('valid token reads with its clearance', async () => {
    const token = await provider.sign(ENGINEER);
    assert.equal((await read(ITAR_PART, token)).status, 200);
    const me = (await (await read('auth/me', token)).json()) as { id: string; roles: string[]; clearances: string[]; method: string };
    assert.equal(me.id, 'alice');
    assert.deepEqual(me.roles, ['engineer']);
    assert.deepEqual(me.clearances, ['ITAR']);
    assert.equal(me.method, 'bearer-jwt');
  });

  it('provider-issued token is accepted', async () => {
    const response = await fetch(`${provider.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: provider.serviceClient.id, client_secret: provider.serviceClient.secret, resource: provider.audience, scope: 'api' }),
    });
    const body = (await response.json()) as { access_token: string; token_type: string };
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.access_token.split('.').length, 3, 'a JWT access token');
    assert.equal((await read(EAR_PART, body.access_token)).status, 200, 'EAR clearance reads EAR data');
    assert.equal((await read(ITAR_PART, body.access_token)).status, 404, 'but not ITAR data');
  });

  it('token without groups gets 403', async () => {
    const token = await provider.sign({ sub: 'nobody' });
    const response = await read(PLAIN_PART, token);
    assert.equal(response.status, 403);
  });

  it('expired token is rejected', async () => {
    const token = await provider.sign(ENGINEER, { expiresIn: Math.floor(Date.now() / 1000) - 120 });
    await assertRejected(token, /expired/);
  });

  it('expiry within clock skew passes', async () => {
    const token = await provider.sign(ENGINEER, { expiresIn: Math.floor(Date.now() / 1000) - 10 });
    assert.equal((await read(PLAIN_PART, token)).status, 200);
  });

  it('future nbf is rejected', async () => {
    const token = await provider.sign(ENGINEER, { notBefore: Math.floor(Date.now() / 1000) + 600 });
    await assertRejected(token, /not valid yet/);
  });

  it('wrong audience is rejected', async () => {
    await assertRejected(await provider.sign(ENGINEER, { audience: 'https://other.example/' }), /another audience/);
  });

  it('wrong issuer is rejected', async () => {
    await assertRejected(await provider.sign(ENGINEER, { issuer: 'https://attacker.example' }), /another issuer/);
  });

  it('forged signature is rejected', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await assertRejected(await provider.sign(ENGINEER, { key: privateKey }), /signature is invalid/);
  });

  it('unknown key id is rejected', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await assertRejected(await provider.sign(ENGINEER, { key: privateKey, kid: 'unknown-key' }), /key the identity provider does not publish/);
  });

  it('alg none is rejected', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...ENGINEER, iss: provider.issuer, aud: provider.audience, iat: now, exp: now + 300 })}.`;
    await assertRejected(token, /algorithm/);
  });

  it('HMAC with the public key is rejected', async () => {
    const secret = createSecretKey(Buffer.from(JSON.stringify(provider.publicJwk)));
    const token = await new SignJWT(ENGINEER)
      .setProtectedHeader({ alg: 'HS256', kid: provider.publicJwk.kid! })
      .setIssuer(provider.issuer)
      .setAudience(provider.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    await assertRejected(token, /algorithm/);
  });

  it('token without sub is rejected', async () => {
    const { sub: _sub, ...withoutSubject } = ENGINEER;
    await assertRejected(await provider.sign(withoutSubject), /sub claim/);
  });

  it('garbage bearer token is rejected', async () => {
    await assertRejected('not.a.jwt', /malformed/);
    await assertRejected('plain-garbage', /neither an API key/);
  });

  it('valid API key reads with its clearance', async () => {
    const key = new ApiKeyStore(server.dataDirectory).create('pipeline', 'viewer', ['EAR']).key;
    assert.equal((await read(EAR_PART, key)).status, 200);
    assert.equal((await read(ITAR_PART, key)).status, 404);
  });

  it('revoked API key is rejected', async () => {
    const keys = new ApiKeyStore(server.dataDirectory);
    const created = keys.create('revoked', 'viewer');
    assert.equal((await read(PLAIN_PART, created.key)).status, 200);
    keys.revoke(created.record.id);
    await assertRejected(created.key, /API key is malformed, unknown or revoked/);
  });

  it('no credentials get 401 with a challenge', async () => {
    const response = await server.fetch(PLAIN_PART, { headers: { Accept: 'text/turtle' } });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="digital-thread"');
  });

  it('browsers are sent to the login', async () => {
    const response = await server.fetch(PLAIN_PART, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, redirect: 'manual' });
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), `${server.base}auth/login?returnTo=${encodeURIComponent(`/${PLAIN_PART}`)}`);
  });
});

describe('unreachable identity provider', () => {
  const directory = temporaryDirectory('dt-bearer-');
  let server: TestServer;

  before(async () => {
    const secretFile = join(directory.path, 'client-secret');
    writeFileSync(secretFile, 'unused');
    // Nothing listens on this port, so discovery fails and keeps retrying in the background.
    const issuer = `http://127.0.0.1:${await freePort()}`;
    server = await startTestServer({ config: { oidcIssuer: issuer, oidcClientId: 'x', oidcClientSecretFile: secretFile } });
  });

  after(async () => {
    await server.stop();
    directory.remove();
  });

  it('JWT gets 503, API key still works', async () => {
    const token = `${base64url({ alg: 'RS256' })}.${base64url({ sub: 'x' })}.c2ln`;
    const response = await server.fetch('oslc/sp/fcc/parts/P-000001', { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '5');
    const key = new ApiKeyStore(server.dataDirectory).create('still-works', 'viewer', ['ITAR']).key;
    assert.equal((await server.fetch('oslc/sp/fcc/parts/P-000001', { headers: { Authorization: `Bearer ${key}` } })).status, 200);
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkBinding } from '../../src/auth/AuthSetup.js';
import { BasicUsers, hashPassword, verifyPassword } from '../../src/auth/BasicUsers.js';
import { AuthenticationFailure } from '../../src/auth/Credentials.js';
import { createPrincipal } from '../../src/auth/Principal.js';
import { RequestAuthenticator } from '../../src/auth/RequestAuthenticator.js';
import { ConfigError, resolveConfig } from '../../src/config/ServerConfig.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';
import { partTurtle } from '../http/writeRequests.js';

const PASSWORD = 'correct horse battery staple';

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('HTTP Basic', () => {
  const directory = temporaryDirectory('dt-basic-');
  const usersFile = join(directory.path, 'users.json');
  let server: TestServer;

  before(async () => {
    const users = new BasicUsers(usersFile);
    users.put({ name: 'dana', password: await hashPassword(PASSWORD), roles: ['engineer'], clearances: ['EAR'] });
    server = await startTestServer({ sample: true, config: { basicAuth: usersFile } });
  });

  after(async () => {
    await server.stop();
    directory.remove();
  });

  it('valid password authenticates', async () => {
    const response = await server.fetch('auth/me', { headers: { Authorization: basic('dana', PASSWORD) } });
    const me = (await response.json()) as { id: string; method: string; clearances: string[] };
    assert.equal(me.id, 'basic:dana');
    assert.equal(me.method, 'basic');
    assert.deepEqual(me.clearances, ['EAR']);
    assert.equal((await server.fetch('oslc/sp/fcc/parts/P-000001', { headers: { Authorization: basic('dana', PASSWORD) } })).status, 200);
  });

  it('wrong password is rejected', async () => {
    const response = await server.fetch('oslc/sp/fcc/parts/P-000005', { headers: { Authorization: basic('dana', 'wrong') } });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /Basic realm="digital-thread", charset="UTF-8"/);
  });

  it('unknown user is rejected', async () => {
    const response = await server.fetch('oslc/sp/fcc/parts/P-000005', { headers: { Authorization: basic('mallory', PASSWORD) } });
    assert.equal(response.status, 401);
    assert.match(await response.text(), /user name or password is wrong/);
  });

  it('without credentials the challenge offers Basic', async () => {
    const response = await server.fetch('oslc/sp/fcc/parts/P-000005');
    assert.equal(response.status, 401, 'Basic users configured, so no local development mode');
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="digital-thread", Basic realm="digital-thread", charset="UTF-8"');
  });

  it('Basic over plain remote HTTP is rejected', async () => {
    const authenticator = new RequestAuthenticator({
      bearer: [],
      basic: { verify: async () => createPrincipal({ id: 'x', displayName: 'x', roles: [], clearances: [], method: 'basic' }) },
      anonymous: createPrincipal({ id: 'anonymous', displayName: 'anonymous', roles: [], clearances: [], method: 'anonymous' }),
    });
    const source = { authorization: basic('dana', PASSWORD), sessionPrincipal: undefined };
    await assert.rejects(authenticator.authenticate({ ...source, secure: false, loopback: false }), (error: unknown) => error instanceof AuthenticationFailure && /only over HTTPS/.test(error.message));
    assert.equal((await authenticator.authenticate({ ...source, secure: true, loopback: false })).id, 'x');
    assert.equal((await authenticator.authenticate({ ...source, secure: false, loopback: true })).id, 'x');
  });

  it('password hashes are salted scrypt', async () => {
    const first = await hashPassword(PASSWORD);
    const second = await hashPassword(PASSWORD);
    assert.match(first, /^scrypt\$32768\$8\$1\$/);
    assert.notEqual(first, second);
    assert.equal(await verifyPassword(first, PASSWORD), true);
    assert.equal(await verifyPassword(first, `${PASSWORD}!`), false);
    assert.equal(await verifyPassword('plain text', PASSWORD), false);
  });
});

describe('local development mode', () => {
  let server: TestServer;
  let printed = '';

  before(async () => {
    server = await startTestServer({ printSecret: (text) => (printed += text) });
  });

  after(async () => {
    await server.stop();
  });

  it('prints an admin key once', async () => {
    const key = /Authorization: Bearer (dt_\S+)/.exec(printed)?.[1];
    assert.ok(key !== undefined, printed);
    const me = (await (await server.fetch('auth/me', { headers: { Authorization: `Bearer ${key}` } })).json()) as { roles: string[]; clearances: string[] };
    assert.deepEqual(me.roles, ['admin']);
    assert.deepEqual(me.clearances, ['ITAR']);
  });

  it('requests without credentials act locally', async () => {
    const me = (await (await server.fetch('auth/me')).json()) as { id: string; method: string };
    assert.equal(me.id, 'local');
    assert.equal(me.method, 'local');
  });

  it('cross-site write is rejected', async () => {
    const response = await server.fetch('oslc/sp/fcc/parts', { method: 'POST', headers: { 'Content-Type': 'text/turtle', Origin: 'https://attacker.example' }, body: partTurtle('CSRF-1') });
    assert.equal(response.status, 403);
    assert.match(await response.text(), /attacker\.example/);
  });

  it('same-origin and command-line writes pass', async () => {
    const sameOrigin = await server.fetch('oslc/sp/fcc/parts', { method: 'POST', headers: { 'Content-Type': 'text/turtle', Origin: new URL(server.base).origin }, body: partTurtle('CSRF-2') });
    assert.equal(sameOrigin.status, 201);
    const noOrigin = await server.fetch('oslc/sp/fcc/parts', { method: 'POST', headers: { 'Content-Type': 'text/turtle' }, body: partTurtle('CSRF-3') });
    assert.equal(noOrigin.status, 201);
  });

  it('non-loopback address is refused', () => {
    const config = resolveConfig({ host: '0.0.0.0', port: '0' }, {});
    assert.throws(() => checkBinding(config), (error: unknown) => error instanceof ConfigError && /--allow-unauthenticated/.test(error.message));
    assert.doesNotThrow(() => checkBinding(resolveConfig({ host: '0.0.0.0', port: '0', allowUnauthenticated: true }, {})));
    assert.doesNotThrow(() => checkBinding(resolveConfig({ host: '127.0.0.1', port: '0' }, {})));
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';

const BIN = join(process.cwd(), 'bin', 'digital-thread.js');
const KEY_LINE = /^dt_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/m;

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DT_LOG_LEVEL: 'warn' }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('apikey command', () => {
  let server: TestServer;
  let key = '';
  let id = '';
  /** The secret part of the key; it may contain underscores, so it is taken from the regular expression. */
  let secret = '';

  before(async () => {
    // The shipped roles: requests without credentials act as a developer without clearance.
    server = await startTestServer({ sample: true, config: { roles: join(process.cwd(), 'config', 'roles.json') } });
  });

  after(async () => {
    await server.stop();
  });

  const readItar = (token: string): Promise<Response> =>
    server.fetch('oslc/sp/eha/parts/P-000046', { headers: { Accept: 'text/turtle', Authorization: `Bearer ${token}` } });

  it('create prints the key once', () => {
    const run = cli(['apikey', 'create', '--data', server.dataDirectory, '--name', 'ci-pipeline', '--role', 'engineer', '--clearance', 'ITAR']);
    assert.equal(run.status, 0, run.stderr);
    const match = KEY_LINE.exec(run.stdout);
    assert.ok(match !== null, run.stdout);
    key = match[0];
    id = match[1]!;
    secret = match[2]!;
    assert.match(run.stdout, new RegExp(`Created API key ${id} "ci-pipeline" with the engineer role and clearance ITAR`));
  });

  it('store contains only a hash', () => {
    const path = join(server.dataDirectory, 'api-keys.json');
    const text = readFileSync(path, 'utf8');
    assert.ok(!text.includes(secret));
    const record = (JSON.parse(text) as { id: string; secretSha256: string }[]).find((candidate) => candidate.id === id);
    assert.equal(record?.secretSha256, createHash('sha256').update(secret).digest('hex'));
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('list shows no secrets', () => {
    const run = cli(['apikey', 'list', '--data', server.dataDirectory]);
    assert.equal(run.status, 0, run.stderr);
    const line = run.stdout.split('\n').find((candidate) => candidate.startsWith(id)) ?? '';
    assert.match(line, /engineer\s+ITAR\s+\S+\s+active\s+ci-pipeline$/);
    assert.ok(!run.stdout.includes(secret));
  });

  it('key authenticates in the running server', async () => {
    const response = await readItar(key);
    assert.equal(response.status, 200, await response.text());
  });

  it('revoke takes effect at once', async () => {
    const run = cli(['apikey', 'revoke', id, '--data', server.dataDirectory]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `Revoked API key ${id}.\n`);
    const response = await readItar(key);
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    assert.match(cli(['apikey', 'list', '--data', server.dataDirectory]).stdout, new RegExp(`${id}.*revoked \\d{4}-`));
  });

  const failures: [string, string[], number, RegExp][] = [
    ['revoke of an unknown id', ['apikey', 'revoke', 'zzzzzzzz'], 1, /No active API key has the id zzzzzzzz/],
    ['create without a name', ['apikey', 'create'], 2, /apikey create needs --name/],
    ['create with an unknown role', ['apikey', 'create', '--name', 'x', '--role', 'pilot'], 2, /--role "pilot" is not a role/],
    ['create with an unknown clearance', ['apikey', 'create', '--name', 'x', '--clearance', 'SECRET'], 2, /--clearance "SECRET" is not a clearance/],
    ['an unknown action', ['apikey', 'rotate'], 2, /Unknown apikey action "rotate"/],
  ];
  for (const [name, args, status, message] of failures) {
    it(`${name} fails`, () => {
      const run = cli([...args, '--data', server.dataDirectory]);
      assert.equal(run.status, status);
      assert.match(run.stderr, message);
    });
  }
});

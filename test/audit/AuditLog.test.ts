import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiKeyStore } from '../../src/auth/ApiKeyStore.js';
import type { AuditEntry } from '../../src/audit/AuditEntry.js';
import { AUDIT_FILE, AUDIT_HEAD_FILE, AuditLog } from '../../src/audit/AuditLog.js';
import { verifyAuditLog } from '../../src/audit/AuditVerifier.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';
import { partTurtle } from '../http/writeRequests.js';

const BIN = join(process.cwd(), 'bin', 'digital-thread.js');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DT_LOG_LEVEL: 'warn' }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function entriesIn(directory: string): AuditEntry[] {
  return readFileSync(join(directory, AUDIT_FILE), 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as AuditEntry);
}

describe('audit log', () => {
  const copies = temporaryDirectory('dt-audit-');
  let server: TestServer;
  let key = '';
  let started = '';
  const longQuery = `SELECT ?s WHERE { ?s ?p ?o FILTER(STR(?o) != "${'x'.repeat(2_000)}") } LIMIT 1`;

  /** Copies the audit files of the stopped server into a fresh directory, for a test to tamper with. */
  const copy = (name: string): string => {
    const directory = join(copies.path, name);
    mkdirSync(directory);
    for (const file of [AUDIT_FILE, AUDIT_HEAD_FILE]) {
      copyFileSync(join(server.dataDirectory, file), join(directory, file));
    }
    return directory;
  };

  const rewrite = (directory: string, change: (lines: string[]) => string[]): void => {
    const path = join(directory, AUDIT_FILE);
    const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
    writeFileSync(path, `${change(lines).join('\n')}\n`);
  };

  before(async () => {
    started = new Date().toISOString();
    server = await startTestServer();
    key = new ApiKeyStore(server.dataDirectory).create('auditor', 'engineer', ['ITAR']).key;
    const withKey = { Authorization: `Bearer ${key}`, 'User-Agent': 'audit-test/1.0', 'X-Request-Id': 'audit-read-1' };
    assert.equal((await server.fetch('oslc/sp/fcc/parts/P-000001', { headers: withKey })).status, 200);
    assert.equal((await server.fetch('oslc/sp/fcc/parts', { method: 'POST', headers: { ...withKey, 'X-Request-Id': 'audit-create-1', 'Content-Type': 'text/turtle' }, body: partTurtle('AUDIT-1') })).status, 201);
    assert.equal((await server.fetch('oslc/sp/fcc/parts/P-000003', { headers: { Authorization: 'Bearer dt_00000000_forgedforgedforgedforgedforgedforgedforge', 'X-Request-Id': 'audit-failed-1' } })).status, 401);
    const sparql = await server.fetch('sparql', { method: 'POST', headers: { ...withKey, 'X-Request-Id': 'audit-sparql-1', 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: longQuery });
    assert.equal(sparql.status, 200, await sparql.text());
    assert.equal((await server.fetch(`oslc/sp/fcc/ncrs/query?oslc.where=${encodeURIComponent('oslc_cm:status="Open"')}&access_token=leaked`, { headers: { ...withKey, 'X-Request-Id': 'audit-query-1' } })).status, 200);
    await server.server.stop();
  });

  after(() => {
    copies.remove();
    // The server was stopped in before(); its temporary directory is the data directory's parent.
    rmSync(dirname(server.dataDirectory), { recursive: true, force: true });
  });

  it('records who, what, where and how much', () => {
    const entries = entriesIn(server.dataDirectory);
    const read = entries.find((entry) => entry.requestId === 'audit-read-1')!;
    assert.equal(read.user.startsWith('apikey:'), true);
    assert.equal(read.authMethod, 'api-key');
    assert.equal(read.action, 'read');
    assert.equal(read.method, 'GET');
    assert.equal(read.resource, '/oslc/sp/fcc/parts/P-000001');
    assert.equal(read.status, 200);
    assert.equal(read.ip, '127.0.0.1');
    assert.equal(read.userAgent, 'audit-test/1.0');
    assert.ok(read.bytesOut > 500, `bytesOut ${read.bytesOut}`);
    assert.ok(Date.parse(read.time) >= Date.parse(started));

    const created = entries.find((entry) => entry.requestId === 'audit-create-1')!;
    assert.equal(created.action, 'create');
    assert.equal(created.status, 201);
    assert.equal(created.bytesIn, Buffer.byteLength(partTurtle('AUDIT-1')));
  });

  it('records failed authentication', () => {
    const failed = entriesIn(server.dataDirectory).find((entry) => entry.requestId === 'audit-failed-1')!;
    assert.equal(failed.status, 401);
    assert.equal(failed.user, 'local');
    assert.match(failed.authFailure ?? '', /API key is malformed, unknown or revoked/);
  });

  it('truncates long queries with their hash', () => {
    const sparql = entriesIn(server.dataDirectory).find((entry) => entry.requestId === 'audit-sparql-1')!;
    assert.equal(sparql.action, 'sparql');
    assert.equal(sparql.query!.length, 1_001);
    assert.match(sparql.querySha256 ?? '', /^[0-9a-f]{64}$/);
    const query = entriesIn(server.dataDirectory).find((entry) => entry.requestId === 'audit-query-1')!;
    assert.equal(query.action, 'query');
    assert.match(query.query ?? '', /oslc\.where=/);
  });

  it('holds no secrets', () => {
    const text = readFileSync(join(server.dataDirectory, AUDIT_FILE), 'utf8');
    assert.ok(!text.includes(key), 'no API key');
    // The secret follows `dt_` and the 8-character id; it may itself contain underscores.
    assert.ok(!text.includes(key.slice('dt_12345678_'.length)), 'no API key secret');
    assert.ok(!text.includes('forgedforged'), 'no presented credentials');
    assert.ok(!text.includes('leaked'), 'no token parameters');
    assert.ok(text.includes('access_token=***'));
  });

  it('intact chain verifies', () => {
    const result = verifyAuditLog(server.dataDirectory);
    assert.equal(result.valid, true, JSON.stringify(result));
    const run = cli(['audit', 'verify', '--data', server.dataDirectory]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Audit log intact: \d+ entries/);
  });

  it('edited line is detected', () => {
    const directory = copy('edited');
    rewrite(directory, (lines) => lines.map((line, index) => (index === 2 ? line.replace(/"user":"[^"]*"/, '"user":"someone-else"') : line)));
    const result = verifyAuditLog(directory);
    assert.equal(result.valid, false);
    assert.equal(!result.valid && result.line, 3);
    assert.match(!result.valid ? result.reason : '', /hash does not match its content/);
    const run = cli(['audit', 'verify', '--data', directory]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /broken at line 3: its hash does not match/);
  });

  it('deleted line is detected', () => {
    const directory = copy('deleted');
    rewrite(directory, (lines) => lines.filter((_line, index) => index !== 1));
    const result = verifyAuditLog(directory);
    assert.equal(result.valid, false);
    assert.equal(!result.valid && result.line, 2);
    assert.match(!result.valid ? result.reason : '', /sequence number is 3, expected 2/);
  });

  it('inserted line is detected', () => {
    const directory = copy('inserted');
    rewrite(directory, (lines) => [...lines.slice(0, 2), lines[1]!, ...lines.slice(2)]);
    const result = verifyAuditLog(directory);
    assert.equal(result.valid, false);
    assert.equal(!result.valid && result.line, 3);
  });

  it('cut tail is detected', () => {
    const directory = copy('cut');
    rewrite(directory, (lines) => lines.slice(0, -1));
    const result = verifyAuditLog(directory);
    assert.equal(result.valid, false);
    assert.match(!result.valid ? result.reason : '', /cut from the end/);
  });

  it('replaced last line is detected', () => {
    const directory = copy('last');
    rewrite(directory, (lines) => lines.map((line, index) => (index === lines.length - 1 ? line.replace(/"status":\d+/, '"status":418') : line)));
    assert.equal(verifyAuditLog(directory).valid, false);
  });

  it('torn line is kept aside on open', async () => {
    const directory = copy('torn');
    const entries = entriesIn(directory).length;
    appendFileSync(join(directory, AUDIT_FILE), '{"seq":999,"time":"2026');
    assert.equal(verifyAuditLog(directory).valid, false);
    const log = new AuditLog(directory);
    await log.open();
    await log.close();
    const after = entriesIn(directory);
    assert.equal(after.length, entries + 1);
    assert.equal(after.at(-1)!.action, 'audit.recovered');
    assert.ok(readdirSync(directory).some((name) => name.startsWith(`${AUDIT_FILE}.torn-`)));
    assert.equal(verifyAuditLog(directory).valid, true);
  });

  it('exports a time range as CSV and JSON lines', () => {
    const until = new Date(Date.now() + 60_000).toISOString();
    const jsonl = cli(['audit', 'export', '--data', server.dataDirectory, '--from', started, '--to', until]);
    assert.equal(jsonl.status, 0, jsonl.stderr);
    const exported = jsonl.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as AuditEntry);
    assert.equal(exported.length, entriesIn(server.dataDirectory).length);

    const csv = cli(['audit', 'export', '--data', server.dataDirectory, '--from', started, '--to', until, '--format', 'csv']);
    assert.equal(csv.status, 0, csv.stderr);
    const rows = csv.stdout.split('\r\n').filter((line) => line !== '');
    assert.match(rows[0]!, /^seq,time,requestId,user,authMethod,ip,userAgent,action,method,resource,query/);
    assert.equal(rows.length, exported.length + 1);

    const none = cli(['audit', 'export', '--data', server.dataDirectory, '--from', '2000-01-01', '--to', '2000-01-02']);
    assert.equal(none.stdout, '');
    const bad = cli(['audit', 'export', '--data', server.dataDirectory, '--from', 'yesterday', '--to', until]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /"yesterday" is not one/);
  });

  it('audit file is private', () => {
    assert.ok(existsSync(join(server.dataDirectory, AUDIT_FILE)));
    const mode = spawnSync('stat', ['-c', '%a', join(server.dataDirectory, AUDIT_FILE)], { encoding: 'utf8' }).stdout.trim();
    assert.equal(mode, '600');
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveConfig } from '../../src/config/ServerConfig.js';
import { DigitalThreadServer } from '../../src/server/DigitalThreadServer.js';
import { keyIdOf } from '../../src/store/embedded/DataEncryption.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const BIN = join(process.cwd(), 'bin', 'digital-thread.js');
/** The sample's ITAR part and a phrase from its title. */
const ITAR_PART = 'oslc/sp/eha/parts/P-000046';
const ITAR_TITLE = 'Manifold body';

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DT_LOG_LEVEL: 'warn' }, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Returns the journal and snapshot files of a data directory whose bytes contain `text`. */
function storeFilesContaining(dataDirectory: string, text: string): string[] {
  return readdirSync(dataDirectory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.startsWith('journal') || name.startsWith('snapshots'))
    .map((name) => join(dataDirectory, name))
    .filter((path) => statSync(path).isFile() && readFileSync(path).includes(Buffer.from(text, 'utf8')));
}

describe('encryption at rest and key rotation', () => {
  const keys = temporaryDirectory('dt-keys-');
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);
  const fileA = join(keys.path, 'a.key');
  const fileB = join(keys.path, 'b.key');
  let first: TestServer;
  let data = '';
  let port = '';

  /** Starts the server again on the same data directory and port (the data belongs to its base URL). */
  const restart = async (keyFile?: string): Promise<DigitalThreadServer> => {
    const config = resolveConfig({ host: '127.0.0.1', port, dataDirectory: data, logLevel: 'error', noSample: true, rateLimit: 'off', ...(keyFile === undefined ? {} : { encryptionKeyFile: keyFile }) }, {});
    return DigitalThreadServer.start(config, { printSecret: () => undefined });
  };
  const readPart = async (server: DigitalThreadServer, key: string): Promise<Response> =>
    fetch(new URL(ITAR_PART, server.context.config.baseUrl), { headers: { Accept: 'text/turtle', Authorization: `Bearer ${key}` } });
  let adminKey = '';

  before(async () => {
    writeFileSync(fileA, `${keyA.toString('base64')}\n`, { mode: 0o600 });
    writeFileSync(fileB, keyB.toString('hex'), { mode: 0o600 });
    first = await startTestServer({ sample: true, config: { encryptionKeyFile: fileA }, printSecret: (text) => (adminKey = /Bearer (\S+)/.exec(text)?.[1] ?? '') });
    data = first.dataDirectory;
    port = new URL(first.base).port;
  });

  after(() => {
    // The first server is stopped in a test; its temporary directory is the data directory's parent.
    rmSync(dirname(data), { recursive: true, force: true });
    keys.remove();
  });

  it('serves encrypted data', async () => {
    assert.match(adminKey, /^dt_/);
    const response = await readPart(first.server, adminKey);
    assert.equal(response.status, 200);
    assert.match(await response.text(), new RegExp(ITAR_TITLE));

    const sparql = await first.fetch(`sparql?query=${encodeURIComponent('SELECT ?s WHERE { ?s <https://w3id.org/digital-thread/ns#partNumber> "AQ900-3100" }')}`, {
      headers: { Accept: 'text/tab-separated-values', Authorization: `Bearer ${adminKey}` },
    });
    const text = await sparql.text();
    assert.equal(sparql.status, 200);
    assert.ok(text.includes(`<${new URL(ITAR_PART, first.base).href}>`), 'the SPARQL workers decrypt their replicas');
  });

  it('store files hold no plaintext', async () => {
    await first.server.stop();
    assert.ok(readdirSync(join(data, 'snapshots')).length > 0);
    assert.deepEqual(storeFilesContaining(data, ITAR_TITLE), []);
    assert.deepEqual(storeFilesContaining(data, 'oslc/sp/eha'), []);
  });

  it('status names the key', () => {
    const matching = cli(['encryption', 'status', '--data', data, '--encryption-key-file', fileA]);
    assert.equal(matching.status, 0, matching.stderr);
    assert.equal(matching.stdout, `${data} is encrypted with AES-256-GCM, key id ${keyIdOf(keyA)}. The configured key matches.\n`);
    const other = cli(['encryption', 'status', '--data', data, '--encryption-key-file', fileB]);
    assert.equal(other.status, 1);
    assert.match(other.stdout, new RegExp(`The configured key has id ${keyIdOf(keyB)}, which does not match`));
  });

  it('serve with another key exits 1', () => {
    const run = cli(['serve', '--data', data, '--host', '127.0.0.1', '--port', port, '--no-sample', '--encryption-key-file', fileB]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`encrypted with key id ${keyIdOf(keyA)}, but the configured key has id ${keyIdOf(keyB)}`));
  });

  it('serve without a key exits 1', () => {
    const run = cli(['serve', '--data', data, '--host', '127.0.0.1', '--port', port, '--no-sample']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /give that key with --encryption-key-file or DT_ENCRYPTION_KEY/);
  });

  it('rotate moves the data to a new key', async () => {
    const run = cli(['encryption', 'rotate', '--data', data, '--encryption-key-file', fileA, '--new-key-file', fileB]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`from key id ${keyIdOf(keyA)} to AES-256-GCM with key id ${keyIdOf(keyB)}`));
    assert.deepEqual(storeFilesContaining(data, ITAR_TITLE), []);

    const server = await restart(fileB);
    try {
      assert.equal((await readPart(server, adminKey)).status, 200);
    } finally {
      await server.stop();
    }
    await assert.rejects(restart(fileA), /encrypted with key id/);
  });

  it('rotation is audited', () => {
    const verify = cli(['audit', 'verify', '--data', data]);
    assert.equal(verify.status, 0, verify.stdout);
    const entries = readFileSync(join(data, 'audit.jsonl'), 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { action: string; detail?: string });
    const rotation = entries.find((entry) => entry.action === 'encryption.rotate');
    assert.match(rotation?.detail ?? '', new RegExp(`to AES-256-GCM with key id ${keyIdOf(keyB)}`));
  });

  it('repeated rotation succeeds', () => {
    // An interrupted rotation is finished by the same command; after a finished one it rewrites again.
    const run = cli(['encryption', 'rotate', '--data', data, '--encryption-key-file', fileA, '--new-key-file', fileB]);
    assert.equal(run.status, 0, run.stderr);
  });

  it('rotate --decrypt stores plaintext', async () => {
    const run = cli(['encryption', 'rotate', '--data', data, '--encryption-key-file', fileB, '--decrypt']);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(storeFilesContaining(data, ITAR_TITLE).length > 0);
    const server = await restart();
    try {
      assert.equal((await readPart(server, adminKey)).status, 200);
    } finally {
      await server.stop();
    }
  });

  it('rotate encrypts a plaintext store', () => {
    const run = cli(['encryption', 'rotate', '--data', data, '--new-key-file', fileA]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(storeFilesContaining(data, ITAR_TITLE), []);
    const status = cli(['encryption', 'status', '--data', data, '--encryption-key-file', fileA]);
    assert.match(status.stdout, /The configured key matches/);
  });

  const usage: [string, string[], RegExp][] = [
    ['no new key', ['encryption', 'rotate'], /needs either --new-key-file .* or --decrypt/],
    ['both new key and --decrypt', ['encryption', 'rotate', '--new-key-file', fileB, '--decrypt'], /needs either --new-key-file .* or --decrypt/],
    ['invalid key file', ['encryption', 'rotate', '--new-key-file', BIN], /is not a valid key file: it must contain 32 random bytes/],
  ];
  for (const [name, args, message] of usage) {
    it(`rotate with ${name} exits 2`, () => {
      const run = cli([...args, '--data', data]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, message);
    });
  }
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { DataEncryption, decodeKeyText, keyIdOf } from '../../../src/store/embedded/DataEncryption.js';
import { EmbeddedStore } from '../../../src/store/embedded/EmbeddedStore.js';
import { loadReplica } from '../../../src/store/embedded/Replica.js';
import { CorruptStoreError, EncryptionKeyError } from '../../../src/store/StoreError.js';
import { temporaryDirectory, withTemporaryDirectory } from '../../helpers/temporaryDirectory.js';

const { namedNode, literal, quad } = DataFactory;
const EX = 'http://example.org/';
const SECRET_TEXT = 'Manifold body, machined (ITAR)';

function resource(id: number, value: string): { graph: string; quads: Quad[] } {
  const subject = namedNode(`${EX}r${id}`);
  return { graph: subject.value, quads: [quad(subject, namedNode(`${EX}value`), literal(value))] };
}

async function openStore(directory: string, key?: Buffer, compactAfterBytes?: number): Promise<EmbeddedStore> {
  const store = new EmbeddedStore({ directory, ...(key === undefined ? {} : { encryption: new DataEncryption(key) }), ...(compactAfterBytes === undefined ? {} : { compactAfterBytes }) });
  await store.open();
  return store;
}

/** Writes resources r1 ... r`count` (values "v1" ...) through a store that is then closed. */
async function writeResources(directory: string, key: Buffer | undefined, count: number): Promise<void> {
  const store = await openStore(directory, key);
  for (let id = 1; id <= count; id++) {
    await store.commit([resource(id, `v${id}`)]);
  }
  await store.close();
}

/** Writes r1 (SECRET_TEXT) into a snapshot and r2 into the journal after it, through a store that is then closed. */
async function writeSnapshotAndJournal(directory: string, key: Buffer): Promise<void> {
  const store = await openStore(directory, key, 1);
  await store.commit([resource(1, SECRET_TEXT)]);
  await store.compact();
  await store.commit([resource(2, 'after the snapshot')]);
  await store.close();
}

function firstJournalSegment(directory: string): string {
  return join(directory, 'journal', readdirSync(join(directory, 'journal')).sort()[0]!);
}

/** Returns every file under `directory`, recursively. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isFile());
}

/** Returns the journal and snapshot files that contain `text` as UTF-8. */
function filesContaining(directory: string, text: string): string[] {
  return filesUnder(directory).filter((path) => (path.includes('/journal/') || path.includes('/snapshots/')) && readFileSync(path).includes(Buffer.from(text, 'utf8')));
}

describe('DataEncryption', () => {
  const key = randomBytes(32);
  const encryption = new DataEncryption(key);

  it('sealed item opens', () => {
    const sealed = encryption.seal(Buffer.from('hello'), 'journal');
    assert.ok(!sealed.includes(Buffer.from('hello')));
    assert.equal(encryption.open(sealed, 'journal', 'item').toString(), 'hello');
  });

  it('nonces differ per item', () => {
    const first = encryption.seal(Buffer.from('same'), 'journal');
    const second = encryption.seal(Buffer.from('same'), 'journal');
    assert.notDeepEqual(first, second);
  });

  it('item in another context fails', () => {
    const sealed = encryption.seal(Buffer.from('part'), 'snapshot/000000000001/part-00001.nq');
    assert.throws(() => encryption.open(sealed, 'snapshot/000000000002/part-00001.nq', 'item'), CorruptStoreError);
  });

  it('changed byte fails', () => {
    const sealed = encryption.seal(Buffer.from('quantity 2'), 'journal');
    sealed[sealed.length - 1]! ^= 0x01;
    assert.throws(() => encryption.open(sealed, 'journal', 'item'), /fails its AES-GCM authentication/);
  });

  it('unknown key names its id', () => {
    const other = randomBytes(32);
    const sealed = new DataEncryption(other).seal(Buffer.from('x'), 'journal');
    assert.throws(() => encryption.open(sealed, 'journal', 'item'), (error: Error) => error instanceof EncryptionKeyError && error.message.includes(keyIdOf(other)));
  });

  it('previous key still opens', () => {
    const old = randomBytes(32);
    const sealed = new DataEncryption(old).seal(Buffer.from('x'), 'journal');
    const rotating = new DataEncryption(key, { previous: [old] });
    assert.equal(rotating.open(sealed, 'journal', 'item').toString(), 'x');
  });

  it('plaintext is rejected under a key', () => {
    assert.throws(() => encryption.open(Buffer.from('{"sequence":1}'), 'journal', 'item'), EncryptionKeyError);
    assert.equal(new DataEncryption(undefined).open(Buffer.from('plain'), 'journal', 'item').toString(), 'plain');
  });

  it('worker data round trip', () => {
    const old = randomBytes(32);
    const copy = DataEncryption.fromWorkerData(structuredClone(new DataEncryption(key, { previous: [old] }).toWorkerData()));
    assert.equal(copy.currentKeyId, keyIdOf(key));
    assert.ok(copy.hasKey(keyIdOf(old)));
    assert.equal(copy.acceptPlaintext, false);
  });

  const keyTexts: [string, string, boolean][] = [
    ['base64', randomBytes(32).toString('base64'), true],
    ['base64 with newline', `${randomBytes(32).toString('base64')}\n`, true],
    ['base64url', randomBytes(32).toString('base64url'), true],
    ['hex', randomBytes(32).toString('hex'), true],
    ['short base64', randomBytes(16).toString('base64'), false],
    ['long hex', randomBytes(33).toString('hex'), false],
    ['a passphrase', 'correct horse battery staple', false],
    ['empty', '', false],
  ];
  for (const [name, text, valid] of keyTexts) {
    it(`key text: ${name}`, () => {
      const decoded = decodeKeyText(text);
      assert.equal(decoded !== undefined, valid);
      if (decoded !== undefined) {
        assert.equal(decoded.length, 32);
      }
    });
  }
});

describe('EmbeddedStore encryption at rest', () => {
  it('journal holds no plaintext', async () => {
    await withTemporaryDirectory(async (directory) => {
      const key = randomBytes(32);
      const store = await openStore(directory, key);
      await store.commit([resource(1, SECRET_TEXT)]);
      await store.close();
      assert.deepEqual(filesContaining(directory, SECRET_TEXT), []);
      assert.deepEqual(filesContaining(directory, 'example.org'), [], 'graph names are encrypted too');

      const reopened = await openStore(directory, key);
      assert.equal((await reopened.readQuads(`${EX}r1`))![0]!.object.value, SECRET_TEXT);
      await reopened.close();
    });
  });

  it('snapshots hold no plaintext', async () => {
    await withTemporaryDirectory(async (directory) => {
      const key = randomBytes(32);
      await writeSnapshotAndJournal(directory, key);
      assert.ok(readdirSync(join(directory, 'snapshots')).length > 0, 'a snapshot was written');
      assert.deepEqual(filesContaining(directory, SECRET_TEXT), []);

      const reopened = await openStore(directory, key);
      assert.deepEqual((await reopened.graphs()).sort(), [`${EX}r1`, `${EX}r2`]);
      await reopened.close();

      const replica = loadReplica(directory, new DataEncryption(key));
      assert.equal(replica.store.size, 2);
    });
  });

  const rejectedOpens: [string, (key: Buffer) => Buffer | undefined, RegExp][] = [
    ['missing key', () => undefined, /is encrypted with key id [0-9a-f]{16}; give that key/],
    ['wrong key', () => randomBytes(32), /is encrypted with key id [0-9a-f]{16}, but the configured key has id/],
  ];
  for (const [name, keyFor, message] of rejectedOpens) {
    it(`${name} stops the open`, async () => {
      await withTemporaryDirectory(async (directory) => {
        const key = randomBytes(32);
        await writeResources(directory, key, 1);
        await assert.rejects(openStore(directory, keyFor(key)), (error: Error) => error instanceof EncryptionKeyError && message.test(error.message));
        assert.throws(() => loadReplica(directory, new DataEncryption(keyFor(key))), EncryptionKeyError);
      });
    });
  }

  it('key on a plaintext store is refused', async () => {
    await withTemporaryDirectory(async (directory) => {
      await writeResources(directory, undefined, 1);
      await assert.rejects(openStore(directory, randomBytes(32)), /is not encrypted, but an encryption key .* is configured.*encryption rotate/);
    });
  });

  it('changed record is corruption', async () => {
    await withTemporaryDirectory(async (directory) => {
      const key = randomBytes(32);
      await writeResources(directory, key, 2);

      // Flip one base64 character of the first record and fix its CRC, as an attacker aware of the format would.
      const segment = firstJournalSegment(directory);
      const lines = readFileSync(segment, 'latin1').split('\n');
      const payload = lines[0]!.slice(9);
      const position = payload.length - 10;
      const changed = payload.slice(0, position) + (payload[position] === 'A' ? 'B' : 'A') + payload.slice(position + 1);
      const { crc32 } = await import('../../../src/util/crc32.js');
      lines[0] = `${crc32(Buffer.from(changed, 'latin1')).toString(16).padStart(8, '0')} ${changed}`;
      writeFileSync(segment, lines.join('\n'), 'latin1');

      await assert.rejects(openStore(directory, key), (error: Error) => error instanceof CorruptStoreError && /fails its AES-GCM authentication/.test(error.message));
    });
  });

  it('torn encrypted record is discarded', async () => {
    await withTemporaryDirectory(async (directory) => {
      const key = randomBytes(32);
      await writeResources(directory, key, 2);
      const segment = firstJournalSegment(directory);
      const bytes = readFileSync(segment);
      writeFileSync(segment, bytes.subarray(0, bytes.length - 20));

      const reopened = await openStore(directory, key);
      assert.deepEqual(await reopened.graphs(), [`${EX}r1`]);
      await reopened.close();
    });
  });

  it('reencrypt moves every file to the new key', async () => {
    await withTemporaryDirectory(async (directory) => {
      const oldKey = randomBytes(32);
      const newKey = randomBytes(32);
      await writeSnapshotAndJournal(directory, oldKey);

      const rotating = new EmbeddedStore({ directory: directory, encryption: new DataEncryption(newKey, { previous: [oldKey] }) });
      await rotating.open();
      await rotating.reencrypt();
      await rotating.close();

      const stored = JSON.parse(readFileSync(join(directory, 'store.json'), 'utf8')) as { encryption?: { keyId: string } };
      assert.equal(stored.encryption?.keyId, keyIdOf(newKey));
      await assert.rejects(openStore(directory, oldKey), EncryptionKeyError);
      const reopened = await openStore(directory, newKey);
      assert.deepEqual((await reopened.graphs()).sort(), [`${EX}r1`, `${EX}r2`]);
      await reopened.close();
      // The open above read every journal segment with the new key alone; only the new snapshot is left.
      assert.equal(readdirSync(join(directory, 'snapshots')).length, 1);
    });
  });

  it('interrupted rotation finishes on rerun', async () => {
    const directory = temporaryDirectory();
    const backup = temporaryDirectory();
    try {
      const oldKey = randomBytes(32);
      const newKey = randomBytes(32);
      await writeSnapshotAndJournal(directory.path, oldKey);
      for (const folder of ['journal', 'snapshots', 'store.json']) {
        cpSync(join(directory.path, folder), join(backup.path, folder), { recursive: true });
      }

      const rotating = new EmbeddedStore({ directory: directory.path, encryption: new DataEncryption(newKey, { previous: [oldKey] }) });
      await rotating.open();
      await rotating.reencrypt();
      await rotating.close();

      // A crash before the old files were removed and store.json was rewritten leaves both keys' files.
      for (const folder of ['journal', 'snapshots']) {
        cpSync(join(backup.path, folder), join(directory.path, folder), { recursive: true, force: false });
      }
      cpSync(join(backup.path, 'store.json'), join(directory.path, 'store.json'));
      await assert.rejects(openStore(directory.path, newKey), /finish an interrupted rotation/);

      const rerun = new EmbeddedStore({ directory: directory.path, encryption: new DataEncryption(newKey, { previous: [oldKey] }) });
      await rerun.open();
      assert.deepEqual((await rerun.graphs()).sort(), [`${EX}r1`, `${EX}r2`]);
      await rerun.reencrypt();
      await rerun.close();

      const reopened = await openStore(directory.path, newKey);
      assert.deepEqual((await reopened.graphs()).sort(), [`${EX}r1`, `${EX}r2`]);
      await reopened.close();
      // The open above read every journal segment with the new key alone; only the new snapshot is left.
      assert.equal(readdirSync(join(directory.path, 'snapshots')).length, 1);
    } finally {
      directory.remove();
      backup.remove();
    }
  });
});

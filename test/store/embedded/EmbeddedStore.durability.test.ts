import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataFactory } from 'n3';
import oxigraph from 'oxigraph';
import type { Quad } from '@rdfjs/types';
import { EmbeddedStore } from '../../../src/store/embedded/EmbeddedStore.js';
import { loadReplica } from '../../../src/store/embedded/Replica.js';
import { CorruptStoreError, StoreLockedError } from '../../../src/store/StoreError.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';

const { namedNode, literal, quad } = DataFactory;
const EX = 'http://example.org/';

function resource(id: number, value: string): { graph: string; quads: Quad[] } {
  const subject = namedNode(`${EX}r${id}`);
  return { graph: subject.value, quads: [quad(subject, namedNode(`${EX}value`), literal(value))] };
}

async function openStore(directory: string, compactAfterBytes?: number): Promise<EmbeddedStore> {
  const store = new EmbeddedStore({ directory, compactAfterBytes });
  await store.open();
  return store;
}

function journalFiles(directory: string): string[] {
  return readdirSync(join(directory, 'journal')).sort();
}

describe('EmbeddedStore durability', () => {
  it('torn last journal record is discarded', async () => {
    const directory = temporaryDirectory();
    try {
      const store = await openStore(directory.path);
      await store.commit([resource(1, 'one')]);
      await store.commit([resource(2, 'two')]);
      await store.close();

      // An interrupted write leaves a prefix of a record without its newline.
      const segment = join(directory.path, 'journal', journalFiles(directory.path)[0]!);
      appendFileSync(segment, '1a2b3c4d {"sequence":3,"time":"2026-01-01T00:00:00Z","operations":[{"graph":"http://exa');

      const reopened = await openStore(directory.path);
      assert.deepEqual((await reopened.graphs()).sort(), [`${EX}r1`, `${EX}r2`]);
      assert.ok(readFileSync(segment, 'utf8').endsWith('\n'), 'the torn tail is truncated');

      // The next write gets the sequence number the torn record would have had, and survives.
      await reopened.commit([resource(3, 'three')]);
      await reopened.close();
      const again = await openStore(directory.path);
      assert.equal((await again.readQuads(`${EX}r3`))![0]!.object.value, 'three');
      await again.close();
    } finally {
      directory.remove();
    }
  });

  it('journal replays multi-byte UTF-8 values', async () => {
    const directory = temporaryDirectory();
    const values = ['Flügelholm', 'µm ± 0,5 °C', '翼桁', 'launch 🚀', 'quote " and backslash \\'];
    try {
      const store = await openStore(directory.path);
      for (const [index, value] of values.entries()) {
        await store.commit([resource(index, value)]);
      }
      await store.close();

      const reopened = await openStore(directory.path);
      for (const [index, value] of values.entries()) {
        assert.equal((await reopened.readQuads(`${EX}r${index}`))![0]!.object.value, value);
      }
      await reopened.close();
    } finally {
      directory.remove();
    }
  });

  it('damaged record before valid ones is corruption', async () => {
    const directory = temporaryDirectory();
    try {
      const store = await openStore(directory.path);
      await store.commit([resource(1, 'one')]);
      await store.commit([resource(2, 'two')]);
      await store.close();

      const segment = join(directory.path, 'journal', journalFiles(directory.path)[0]!);
      const lines = readFileSync(segment, 'utf8').split('\n');
      lines[0] = lines[0]!.replace('one', '0ne');
      writeFileSync(segment, lines.join('\n'));

      await assert.rejects(openStore(directory.path), CorruptStoreError);
    } finally {
      directory.remove();
    }
  });

  it('second process cannot open a locked directory', async () => {
    const directory = temporaryDirectory();
    try {
      const store = await openStore(directory.path);
      // A lock held by a live process (here: PID 1) blocks the directory.
      writeFileSync(join(directory.path, 'LOCK'), '1');
      await assert.rejects(openStore(directory.path), StoreLockedError);
      writeFileSync(join(directory.path, 'LOCK'), String(process.pid));
      await store.close();
    } finally {
      directory.remove();
    }
  });

  it('stale lock from a dead process is taken over', async () => {
    const directory = temporaryDirectory();
    try {
      writeFileSync(join(directory.path, 'LOCK'), '999999999');
      const store = await openStore(directory.path);
      await store.commit([resource(1, 'one')]);
      await store.close();
    } finally {
      directory.remove();
    }
  });

  it('compaction keeps writes made during the snapshot', async () => {
    const directory = temporaryDirectory();
    try {
      const store = await openStore(directory.path);
      for (let i = 0; i < 2000; i++) {
        await store.commit([resource(i, `v${i}`)]);
      }
      const compaction = store.compact();
      // These writes interleave with the snapshot's per-graph dumps.
      for (let i = 0; i < 50; i++) {
        await store.commit([resource(i, `changed${i}`)]);
        await store.commit([{ graph: `${EX}r${1000 + i}`, quads: null }]);
      }
      await compaction;
      await store.commit([resource(5000, 'after')]);
      const versions = new Map<string, string | undefined>();
      for (const graph of await store.graphs()) {
        versions.set(graph, await store.versionOf(graph));
      }
      await store.close();

      assert.equal(readdirSync(join(directory.path, 'snapshots')).filter((name) => /^\d+$/.test(name)).length, 1);
      assert.equal(journalFiles(directory.path).length, 1, 'segments covered by the snapshot are removed');

      const reopened = await openStore(directory.path);
      assert.equal((await reopened.graphs()).length, 2000 - 50 + 1);
      assert.equal((await reopened.readQuads(`${EX}r7`))![0]!.object.value, 'changed7');
      assert.equal((await reopened.readQuads(`${EX}r60`))![0]!.object.value, 'v60');
      assert.equal(await reopened.versionOf(`${EX}r1010`), undefined);
      assert.equal((await reopened.readQuads(`${EX}r5000`))![0]!.object.value, 'after');
      for (const [graph, version] of versions) {
        assert.equal(await reopened.versionOf(graph), version, graph);
      }
      await reopened.close();
    } finally {
      directory.remove();
    }
  });

  it('large commits replay in batches on reopen and in a replica', async () => {
    const directory = temporaryDirectory();
    try {
      const store = await openStore(directory.path);
      await store.commit(Array.from({ length: 300 }, (_, i) => resource(i, `v${i}`)));
      // The second commit changes a third, drops a third and adds new graphs, as a re-import with removal does.
      await store.commit([
        ...Array.from({ length: 100 }, (_, i) => resource(i, `changed${i}`)),
        ...Array.from({ length: 100 }, (_, i) => ({ graph: `${EX}r${100 + i}`, quads: null })),
        ...Array.from({ length: 100 }, (_, i) => resource(1000 + i, `new${i}`)),
      ]);
      const versions = new Map<string, string | undefined>();
      for (const graph of await store.graphs()) {
        versions.set(graph, await store.versionOf(graph));
      }
      await store.close();

      const reopened = await openStore(directory.path);
      assert.equal((await reopened.graphs()).length, 300);
      assert.equal(await reopened.size(), 300);
      assert.equal((await reopened.readQuads(`${EX}r7`))![0]!.object.value, 'changed7');
      assert.equal(await reopened.readQuads(`${EX}r150`), undefined);
      assert.equal((await reopened.readQuads(`${EX}r250`))![0]!.object.value, 'v250');
      assert.equal((await reopened.readQuads(`${EX}r1099`))![0]!.object.value, 'new99');
      for (const [graph, version] of versions) {
        assert.equal(await reopened.versionOf(graph), version, graph);
      }
      await reopened.close();

      const replica = loadReplica(directory.path);
      assert.equal(replica.store.size, 300);
      assert.equal(replica.store.match(null, null, null, oxigraph.namedNode(`${EX}r150`)).length, 0);
      assert.equal(replica.store.match(null, null, null, oxigraph.namedNode(`${EX}r7`))[0]!.object.value, 'changed7');
    } finally {
      directory.remove();
    }
  });

  it('large replayed journal is compacted on open', async () => {
    const directory = temporaryDirectory();
    try {
      // Without compaction, as after a crash before the snapshot that a large commit starts.
      const store = await openStore(directory.path, Number.MAX_SAFE_INTEGER);
      for (let i = 0; i < 300; i++) {
        await store.commit([resource(i, `value ${i} `.repeat(5))]);
      }
      await store.close();
      assert.equal(readdirSync(join(directory.path, 'snapshots')).filter((name) => /^\d+$/.test(name)).length, 0);

      const reopened = await openStore(directory.path, 20_000);
      await reopened.snapshotWritten();
      await reopened.close();
      assert.deepEqual(readdirSync(join(directory.path, 'snapshots')).filter((name) => /^\d+$/.test(name)), ['000000000300']);
      assert.deepEqual(journalFiles(directory.path), ['000000000301.log']);

      const again = await openStore(directory.path, 20_000);
      assert.equal((await again.graphs()).length, 300);
      assert.equal((await again.readQuads(`${EX}r299`))![0]!.object.value, 'value 299 '.repeat(5));
      await again.close();
    } finally {
      directory.remove();
    }
  });

  it('removes snapshot writes a crash interrupted', async () => {
    const directory = temporaryDirectory();
    try {
      const store = await openStore(directory.path);
      await store.commit([resource(1, 'one')]);
      await store.close();
      const interrupted = join(directory.path, 'snapshots', '.tmp-7-99999');
      mkdirSync(interrupted, { recursive: true });
      writeFileSync(join(interrupted, 'part-000000.nq'), '<http://example.org/r1> <http://example.org/value> "half" .\n');

      const reopened = await openStore(directory.path);
      assert.deepEqual(readdirSync(join(directory.path, 'snapshots')).filter((name) => name.startsWith('.tmp-')), []);
      assert.equal((await reopened.readQuads(`${EX}r1`))![0]!.object.value, 'one');
      await reopened.close();
    } finally {
      directory.remove();
    }
  });

  it('large journal triggers compaction on its own', async () => {
    const directory = temporaryDirectory();
    try {
      const store = await openStore(directory.path, 20_000);
      for (let i = 0; i < 300; i++) {
        await store.commit([resource(i, `value ${i} `.repeat(5))]);
      }
      await store.close();
      assert.ok(readdirSync(join(directory.path, 'snapshots')).some((name) => /^\d+$/.test(name)));
      const reopened = await openStore(directory.path);
      assert.equal((await reopened.graphs()).length, 300);
      await reopened.close();
    } finally {
      directory.remove();
    }
  });
});

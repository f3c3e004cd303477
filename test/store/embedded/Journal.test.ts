import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Journal, payloadParts, type JournalRecord } from '../../../src/store/embedded/Journal.js';
import { crc32 } from '../../../src/util/crc32.js';
import { withTemporaryDirectory } from '../../helpers/temporaryDirectory.js';

const EX = 'http://example.org/';

function record(sequence: number, operations: JournalRecord['operations']): JournalRecord {
  return { sequence, time: '2026-12-05T06:00:00.000Z', operations };
}

/** Returns the line that the journal format defines for a plaintext record. */
function expectedLine(entry: JournalRecord): Buffer {
  const json = Buffer.from(JSON.stringify(entry), 'utf8');
  return Buffer.concat([Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} `, 'latin1'), json, Buffer.from('\n', 'latin1')]);
}

function segmentPath(directory: string): string {
  const [name] = readdirSync(directory).filter((file) => file.endsWith('.log'));
  return join(directory, name!);
}

function replayed(directory: string): JournalRecord[] {
  const records: JournalRecord[] = [];
  new Journal(directory).replay(0, (entry) => records.push(entry));
  return records;
}

/** Returns N-Triples of about `characters` characters with a character above U+FFFF in every line. */
function longGraph(characters: number): string {
  const line = `<${EX}r> <${EX}p> "a\u{1F680}bcdef" .\n`;
  return line.repeat(Math.ceil(characters / line.length));
}

const RECORDS: { name: string; entry: JournalRecord }[] = [
  { name: 'one graph', entry: record(1, [{ graph: `${EX}r1`, version: 'v.1', ntriples: `<${EX}r1> <${EX}p> "a" .\n` }]) },
  { name: 'a deleted graph', entry: record(1, [{ graph: `${EX}r1`, version: null }]) },
  {
    name: 'quotes, escapes and non-ASCII text',
    entry: record(1, [{ graph: `${EX}pièce`, version: 'v.3', ntriples: `<${EX}pièce> <${EX}p> "Türflügel \\"A\\"\\n翼 \u{1F680}" .\n` }]),
  },
  {
    name: 'many graphs',
    entry: record(1, Array.from({ length: 5000 }, (_, index) => ({ graph: `${EX}r${index}`, version: 'v.4', ntriples: `<${EX}r${index}> <${EX}p> "${index}" .\n` }))),
  },
  { name: 'a graph longer than a part', entry: record(1, [{ graph: `${EX}big`, version: 'v.5', ntriples: longGraph(2_500_000) }]) },
];

const FIRST = RECORDS[0]!.entry;

/** Returns a journal open for appending in `directory` that contains the record FIRST. */
function journalWithFirstRecord(directory: string): Journal {
  const journal = new Journal(directory);
  journal.openForAppend(1);
  journal.append(FIRST);
  return journal;
}

describe('Journal', () => {
  for (const { name, entry } of RECORDS) {
    it(`writes ${name} in the line format`, async () => {
      await withTemporaryDirectory(async (directory) => {
        const journal = new Journal(directory);
        journal.openForAppend(1);
        journal.append(entry);
        journal.close();
        assert.ok(readFileSync(segmentPath(directory)).equals(expectedLine(entry)));
        assert.deepEqual(replayed(directory), [entry]);
      });
    });
  }

  it('parts join to the JSON text', () => {
    const entry = record(6, [
      { graph: `${EX}small`, version: 'v.6', ntriples: `<${EX}small> <${EX}p> "x" .\n` },
      { graph: `${EX}big`, version: 'v.6', ntriples: longGraph(2_500_000) },
    ]);
    const parts = [...payloadParts(entry)];
    assert.equal(parts.join(''), JSON.stringify(entry));
    assert.ok(parts.length >= 3);
    for (const part of parts) {
      assert.ok(part.length <= 1024 * 1024);
      const last = part.charCodeAt(part.length - 1);
      assert.ok(last < 0xd800 || last > 0xdbff, 'a part ends inside a surrogate pair');
    }
  });

  it('failed append leaves no partial line', async () => {
    await withTemporaryDirectory(async (directory) => {
      const journal = journalWithFirstRecord(directory);
      const size = statSync(segmentPath(directory)).size;

      // JSON.stringify throws on a BigInt, after the placeholder checksum is written.
      const unwritable = record(2, [{ graph: `${EX}r2`, version: 1n as unknown as string }]);
      assert.throws(() => journal.append(unwritable), TypeError);
      assert.equal(statSync(segmentPath(directory)).size, size);

      const third = record(2, [{ graph: `${EX}r2`, version: 'v.2', ntriples: `<${EX}r2> <${EX}p> "b" .\n` }]);
      journal.append(third);
      journal.close();
      assert.deepEqual(replayed(directory), [FIRST, third]);
    });
  });

  it('line with the placeholder checksum is a torn write', async () => {
    await withTemporaryDirectory(async (directory) => {
      journalWithFirstRecord(directory).close();
      appendFileSync(segmentPath(directory), `xxxxxxxx ${JSON.stringify(record(2, []))}\n`);
      assert.deepEqual(replayed(directory), [FIRST]);
    });
  });
});

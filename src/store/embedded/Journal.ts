import { closeSync, existsSync, fdatasyncSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from '../../util/crc32.js';
import { getLogger } from '../../logging/Logger.js';
import { CorruptStoreError, EncryptionKeyError } from '../StoreError.js';
import type { DataEncryption } from './DataEncryption.js';

/** One committed transaction, as written to the journal. */
export interface JournalRecord {
  sequence: number;
  /** ISO 8601 time of the commit. */
  time: string;
  operations: JournalOperation[];
}

/**
 * The new state of one graph. Operations are physical (the whole graph content, or its deletion), so
 * replaying a record twice gives the same state as replaying it once; compaction relies on that.
 */
export interface JournalOperation {
  graph: string;
  /** New version, or null when the graph is deleted. */
  version: string | null;
  /** Graph content as N-Triples; absent when the graph is deleted. */
  ntriples?: string;
}

const SEGMENT_NAME = /^(\d{12})\.log$/;

/** Starts the payload of an encrypted record, followed by the sealed JSON in base64. */
const SEALED_PREFIX = 'enc:';

/** Context string of sealed journal records, so a sealed snapshot file cannot pass as one. */
const SEALED_CONTEXT = 'journal';

/**
 * Write-ahead journal: an append-only sequence of segment files in one directory, each named after the
 * sequence number of its first record. A record is one line, `<crc32 hex> <payload>\n`, where the
 * payload is the record's JSON, or with encryption at rest `enc:` and the sealed JSON in base64 (see
 * DataEncryption). The checksum covers the payload. A record is written with a single write and
 * `fdatasync` before the commit that produced it is acknowledged.
 *
 * A crash during a write leaves at most one incomplete line at the end of the last segment. Replay
 * detects it (missing newline, bad checksum or bad JSON with nothing valid after it), logs a warning
 * and truncates it. Damage anywhere else is reported as corruption instead of being skipped, since
 * skipping a record in the middle would silently lose an acknowledged write.
 */
export class Journal {
  private readonly logger = getLogger('Journal');
  private fd: number | undefined;
  private segmentPath: string | undefined;
  private bytesSinceRotation = 0;

  /**
   * With `readOnly`, the journal is only replayed: nothing is created, truncated or written. With
   * `encryption`, records are sealed with its current key and read with any of its keys.
   */
  public constructor(
    private readonly directory: string,
    private readonly options: { readOnly?: boolean; encryption?: DataEncryption } = {},
  ) {
    if (options.readOnly !== true) {
      mkdirSync(directory, { recursive: true });
    }
  }

  /** Bytes appended since the journal was opened or last rotated; compaction is triggered from this. */
  public get size(): number {
    return this.bytesSinceRotation;
  }

  /**
   * Reads every record with a sequence number above `afterSequence`, in order, and passes it to `apply`.
   * Returns the last sequence number seen (or `afterSequence` when there is none).
   */
  public replay(afterSequence: number, apply: (record: JournalRecord) => void): { lastSequence: number; records: number } {
    const segments = this.segments();
    let lastSequence = afterSequence;
    let records = 0;

    for (const [index, segment] of segments.entries()) {
      const isLastSegment = index === segments.length - 1;
      const path = join(this.directory, segment.name);
      const bytes = readFileSync(path);
      const validLength = this.readSegment(path, bytes, isLastSegment, (record) => {
        if (record.sequence <= lastSequence) {
          // Records covered by the snapshot, or an older segment that compaction has not yet removed.
          return;
        }
        if (record.sequence !== lastSequence + 1) {
          throw new CorruptStoreError(
            `Journal ${path} jumps from sequence ${lastSequence} to ${record.sequence}; a record is missing. ` +
              'Restore the data directory from a backup.',
          );
        }
        apply(record);
        lastSequence = record.sequence;
        records++;
      });

      if (validLength < bytes.length && this.options.readOnly === true) {
        // The writing process repairs its own journal; a reader just stops at the last whole record.
        continue;
      }
      if (validLength < bytes.length) {
        this.logger.warn('Discarded a torn record at the end of the journal, left by an interrupted write', {
          file: path,
          offset: validLength,
          discardedBytes: bytes.length - validLength,
        });
        const fd = openSync(path, 'r+');
        ftruncateSync(fd, validLength);
        fsyncSync(fd);
        closeSync(fd);
      }
    }

    return { lastSequence, records };
  }

  /** Opens the newest segment for appending, or creates one that starts at `nextSequence`. */
  public openForAppend(nextSequence: number): void {
    const segments = this.segments();
    const last = segments.at(-1);
    const name = last?.name ?? segmentName(nextSequence);
    this.openSegment(join(this.directory, name));
  }

  /** Appends a record and forces it to disk; the record is durable when this returns. */
  public append(record: JournalRecord): void {
    if (this.fd === undefined) {
      throw new Error('Journal is not open for appending.');
    }
    const line = encodeRecord(record, this.options.encryption);
    let offset = 0;
    while (offset < line.length) {
      offset += writeSync(this.fd, line, offset, line.length - offset);
    }
    fdatasyncSync(this.fd);
    this.bytesSinceRotation += line.length;
  }

  /** Closes the current segment and starts a new one whose first record will be `nextSequence`. */
  public rotate(nextSequence: number): void {
    const path = join(this.directory, segmentName(nextSequence));
    if (path === this.segmentPath) {
      return;
    }
    this.closeSegment();
    this.openSegment(path);
    this.bytesSinceRotation = 0;
  }

  /** Deletes segments whose records all have sequence numbers at or below `sequence`. */
  public removeSegmentsUpTo(sequence: number): void {
    const segments = this.segments();
    for (let i = 0; i < segments.length - 1; i++) {
      const nextFirst = segments[i + 1]!.firstSequence;
      if (nextFirst <= sequence + 1) {
        rmSync(join(this.directory, segments[i]!.name));
        this.logger.debug('Removed a journal segment covered by a snapshot', { segment: segments[i]!.name, sequence });
      }
    }
    syncDirectory(this.directory);
  }

  public close(): void {
    this.closeSegment();
  }

  private segments(): { name: string; firstSequence: number }[] {
    if (!existsSync(this.directory)) {
      return [];
    }
    return readdirSync(this.directory)
      .map((name) => ({ name, match: SEGMENT_NAME.exec(name) }))
      .filter((entry) => entry.match !== null)
      .map((entry) => ({ name: entry.name, firstSequence: Number(entry.match![1]) }))
      .sort((a, b) => a.firstSequence - b.firstSequence);
  }

  /**
   * Parses records from a segment and returns the length of its valid prefix. Anything invalid that
   * is followed by a valid record is corruption; an invalid tail of the last segment is a torn write.
   */
  private readSegment(path: string, bytes: Buffer, isLastSegment: boolean, onRecord: (record: JournalRecord) => void): number {
    let offset = 0;
    while (offset < bytes.length) {
      const newline = bytes.indexOf(0x0a, offset);
      const end = newline < 0 ? bytes.length : newline;
      const record = newline < 0 ? undefined : decodeRecord(bytes.subarray(offset, end), this.options.encryption, `Journal ${path} at byte ${offset}`);

      if (record === undefined) {
        const rest = newline < 0 ? Buffer.alloc(0) : bytes.subarray(newline + 1);
        if (isLastSegment && !containsValidRecord(rest, this.options.encryption, path)) {
          return offset;
        }
        throw new CorruptStoreError(
          `Journal ${path} has a damaged record at byte ${offset} followed by valid records. ` +
            'Restore the data directory from a backup; starting without the damaged record would lose acknowledged writes.',
        );
      }

      onRecord(record);
      offset = end + 1;
    }
    return offset;
  }

  private openSegment(path: string): void {
    const isNew = !existsSync(path);
    this.fd = openSync(path, 'a');
    this.segmentPath = path;
    if (isNew) {
      // The new file's directory entry must be durable too, or a crash could lose the whole segment.
      syncDirectory(this.directory);
    }
  }

  private closeSegment(): void {
    if (this.fd !== undefined) {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
      this.segmentPath = undefined;
    }
  }
}

function segmentName(firstSequence: number): string {
  return `${String(firstSequence).padStart(12, '0')}.log`;
}

/** Bytes of `<crc32 hex> ` before a record's payload. */
const CHECKSUM_PREFIX_BYTES = 9;

/**
 * Encodes a record as one journal line. Without encryption the JSON is encoded straight into the
 * line's buffer, because an import's record can be hundreds of megabytes and each extra copy costs
 * memory and collection time. A sealed record needs its own copies for the cipher and base64.
 */
function encodeRecord(record: JournalRecord, encryption: DataEncryption | undefined): Buffer {
  const json = JSON.stringify(record);
  if (encryption?.currentKeyId !== undefined) {
    const payload = Buffer.from(`${SEALED_PREFIX}${encryption.seal(Buffer.from(json, 'utf8'), SEALED_CONTEXT).toString('base64')}`, 'latin1');
    const checksum = crc32(payload).toString(16).padStart(8, '0');
    return Buffer.concat([Buffer.from(`${checksum} `, 'latin1'), payload, Buffer.from('\n', 'latin1')]);
  }
  const jsonBytes = Buffer.byteLength(json, 'utf8');
  const line = Buffer.allocUnsafe(CHECKSUM_PREFIX_BYTES + jsonBytes + 1);
  line.write(json, CHECKSUM_PREFIX_BYTES, jsonBytes, 'utf8');
  const checksum = crc32(line.subarray(CHECKSUM_PREFIX_BYTES, CHECKSUM_PREFIX_BYTES + jsonBytes)).toString(16).padStart(8, '0');
  line.write(`${checksum} `, 0, CHECKSUM_PREFIX_BYTES, 'latin1');
  line[line.length - 1] = 0x0a;
  return line;
}

/**
 * Returns the record of a line, or undefined when the line is damaged (bad checksum or JSON), which
 * replay treats as a torn write at the end. A line whose checksum matches but which cannot be decrypted
 * raises instead, because a wrong key or a changed record is not a torn write.
 */
function decodeRecord(line: Buffer, encryption: DataEncryption | undefined, where: string): JournalRecord | undefined {
  if (line.length < 10 || line[8] !== 0x20) {
    return undefined;
  }
  const checksum = line.subarray(0, 8).toString('latin1');
  const payload = line.subarray(9);
  if (!/^[0-9a-f]{8}$/.test(checksum) || Number.parseInt(checksum, 16) !== crc32(payload)) {
    return undefined;
  }
  const json = readPayload(payload, encryption, where);
  try {
    const record = JSON.parse(json.toString('utf8')) as JournalRecord;
    return Number.isInteger(record.sequence) && Array.isArray(record.operations) ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Returns the JSON of a record's payload, decrypting a sealed one; a plaintext one goes through the same key check. */
function readPayload(payload: Buffer, encryption: DataEncryption | undefined, where: string): Buffer {
  const sealed = payload.subarray(0, SEALED_PREFIX.length).toString('latin1') === SEALED_PREFIX;
  if (encryption === undefined) {
    if (sealed) {
      throw new EncryptionKeyError(`${where} is encrypted, but no encryption key is configured; give it with --encryption-key-file or DT_ENCRYPTION_KEY.`);
    }
    return payload;
  }
  const stored = sealed ? Buffer.from(payload.subarray(SEALED_PREFIX.length).toString('latin1'), 'base64') : payload;
  return encryption.open(stored, SEALED_CONTEXT, where);
}

function containsValidRecord(bytes: Buffer, encryption: DataEncryption | undefined, path: string): boolean {
  let offset = 0;
  while (offset < bytes.length) {
    const newline = bytes.indexOf(0x0a, offset);
    if (newline < 0) {
      return false;
    }
    if (decodeRecord(bytes.subarray(offset, newline), encryption, `Journal ${path}`) !== undefined) {
      return true;
    }
    offset = newline + 1;
  }
  return false;
}

/** Forces a directory's entries (created, renamed or removed files) to disk. */
export function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

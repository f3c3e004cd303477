import { closeSync, existsSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from '../../util/crc32.js';
import { syncDirectory } from '../../util/DurableFiles.js';
import { Utf8Scratch } from '../../util/Utf8Scratch.js';
import { errorMessage, getLogger } from '../../logging/Logger.js';
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
 * DataEncryption). The checksum covers the payload. A record is written and forced to disk with
 * `fdatasync` before the commit that produced it is acknowledged. A plaintext record is written in
 * parts after a placeholder checksum, which is replaced once the whole payload is written. What a
 * failed append wrote is cut off again, so the next record never follows a partial line.
 *
 * A crash during a write leaves at most one incomplete line at the end of the last segment. Replay
 * detects it (missing newline, bad checksum or bad JSON with nothing valid after it), logs a warning
 * and truncates it. Damage anywhere else is reported as corruption instead of being skipped, since
 * skipping a record in the middle would silently lose an acknowledged write.
 */
export class Journal {
  private readonly logger = getLogger('Journal');
  private fd: number | undefined;
  /** Descriptor of the same segment without append mode, for writes at an offset (the checksum, a truncation). */
  private patchFd: number | undefined;
  private segmentPath: string | undefined;
  /** Encoder of the parts of a record (see writeRecord). */
  private readonly partText = new Utf8Scratch(MAX_PART_BYTES);
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

  /**
   * Bytes of records that no snapshot covers: those replayed at open and those appended since, until the
   * next rotation. Compaction is triggered from this.
   */
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
    let replayedBytes = 0;

    for (const [index, segment] of segments.entries()) {
      const isLastSegment = index === segments.length - 1;
      const path = join(this.directory, segment.name);
      const bytes = readFileSync(path);
      const validLength = this.readSegment(path, bytes, isLastSegment, (record, recordBytes) => {
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
        replayedBytes += recordBytes;
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

    this.bytesSinceRotation = replayedBytes;
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
    if (this.fd === undefined || this.patchFd === undefined) {
      throw new Error('Journal is not open for appending.');
    }
    const start = fstatSync(this.fd).size;
    try {
      const length = this.options.encryption?.currentKeyId !== undefined ? this.writeBytes(encodeSealedRecord(record, this.options.encryption)) : this.writeRecord(record, start);
      fdatasyncSync(this.fd);
      this.bytesSinceRotation += length;
    } catch (error) {
      this.cutOff(start, error);
      throw error;
    }
  }

  /**
   * Writes a plaintext record in parts of at most PART_CHARACTERS, each encoded into one reused buffer.
   * Building the whole line first took a string and a buffer of the record's full size: for a
   * 100,000-line import, 270 million characters and 400 MB, whose encoding and collection took seconds.
   * The checksum replaces the placeholder once the payload is written. The placeholder is not a
   * hexadecimal number, so after a crash before that point, replay treats the line as torn.
   */
  private writeRecord(record: JournalRecord, start: number): number {
    let length = this.writeBytes(PLACEHOLDER_PREFIX);
    let checksum = 0;
    for (const part of payloadParts(record)) {
      const bytes = this.partText.encode(part);
      checksum = crc32(bytes, checksum);
      length += this.writeBytes(bytes);
    }
    length += this.writeBytes(NEWLINE);

    const prefix = Buffer.from(`${checksum.toString(16).padStart(8, '0')} `, 'latin1');
    writeSync(this.patchFd!, prefix, 0, prefix.length, start);
    return length;
  }

  private writeBytes(bytes: Uint8Array): number {
    let offset = 0;
    while (offset < bytes.length) {
      offset += writeSync(this.fd!, bytes, offset, bytes.length - offset);
    }
    return bytes.length;
  }

  /** Removes what a failed append wrote after `start`, so that the next record does not follow a partial line. */
  private cutOff(start: number, cause: unknown): void {
    try {
      ftruncateSync(this.patchFd!, start);
    } catch (error) {
      // Replay then finds the partial line, which counts as a torn write only while no record follows it.
      this.logger.error('Could not remove a partial journal record after a failed append', { file: this.segmentPath, offset: start, error: errorMessage(error), cause: errorMessage(cause) });
    }
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
  private readSegment(path: string, bytes: Buffer, isLastSegment: boolean, onRecord: (record: JournalRecord, bytes: number) => void): number {
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

      onRecord(record, end + 1 - offset);
      offset = end + 1;
    }
    return offset;
  }

  private openSegment(path: string): void {
    const isNew = !existsSync(path);
    this.fd = openSync(path, 'a');
    // Positional writes on a descriptor in append mode go to the end of the file on Linux.
    this.patchFd = openSync(path, 'r+');
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
    if (this.patchFd !== undefined) {
      closeSync(this.patchFd);
      this.patchFd = undefined;
    }
  }
}

function segmentName(firstSequence: number): string {
  return `${String(firstSequence).padStart(12, '0')}.log`;
}

/** Placeholder for the checksum until the payload is written. The letter x is not a hexadecimal digit. */
const PLACEHOLDER_PREFIX = Buffer.from('xxxxxxxx ', 'latin1');

const NEWLINE = Buffer.from('\n', 'latin1');

/** UTF-16 code units of a record's JSON encoded at a time, at most 3 MiB of UTF-8. */
const PART_CHARACTERS = 1024 * 1024;

/** Room for the UTF-8 of a part, which may end with the two characters that close the record. */
const MAX_PART_BYTES = (PART_CHARACTERS + 2) * 3;

/**
 * Yields the record's JSON text in parts whose concatenation equals `JSON.stringify(record)`: the
 * head, then each operation's JSON, split where it is longer than PART_CHARACTERS (never inside a
 * surrogate pair), then the tail.
 */
export function* payloadParts(record: JournalRecord): Generator<string> {
  let pending = `{"sequence":${JSON.stringify(record.sequence)},"time":${JSON.stringify(record.time)},"operations":[`;
  for (const [index, operation] of record.operations.entries()) {
    const json = (index === 0 ? '' : ',') + JSON.stringify(operation);
    if (pending.length + json.length <= PART_CHARACTERS) {
      pending += json;
      continue;
    }
    yield pending;
    pending = '';
    let start = 0;
    while (json.length - start > PART_CHARACTERS) {
      let end = start + PART_CHARACTERS;
      const last = json.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        end--;
      }
      yield json.slice(start, end);
      start = end;
    }
    pending = json.slice(start);
  }
  yield `${pending}]}`;
}

/** Encodes a record as one line with its payload sealed under the encryption's current key. */
function encodeSealedRecord(record: JournalRecord, encryption: DataEncryption): Buffer {
  const json = JSON.stringify(record);
  const payload = Buffer.from(`${SEALED_PREFIX}${encryption.seal(Buffer.from(json, 'utf8'), SEALED_CONTEXT).toString('base64')}`, 'latin1');
  const checksum = crc32(payload).toString(16).padStart(8, '0');
  return Buffer.concat([Buffer.from(`${checksum} `, 'latin1'), payload, NEWLINE]);
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

import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, getLogger } from '../logging/Logger.js';
import { GENESIS, sealEntry, sha256, type AuditEntry, type AuditRecord } from './AuditEntry.js';

export const AUDIT_FILE = 'audit.jsonl';
/** The sequence number and hash of the last synced entry, so a verifier can tell when lines were cut from the end. */
export const AUDIT_HEAD_FILE = 'audit.head';

/** Maximum time an entry waits in memory before its batch is written and synced. */
const BATCH_MS = 50;
/** Entries that start a write at once, without waiting for BATCH_MS. */
const BATCH_ENTRIES = 256;
/** Bytes read from the end of the file to find the last entry at start. */
const TAIL_BYTES = 64 * 1024;

/** The head file's content. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * The tamper-evident audit log: an append-only JSON-lines file in the data directory (`audit.jsonl`,
 * mode 0600). Each entry carries the SHA-256 of the previous entry (`prev`) and of itself (`hash`),
 * so `digital-thread audit verify` finds edited, deleted and inserted lines.
 *
 * Durability: entries are written in batches, at the latest 50 ms after the response that produced
 * them, with one write and one fdatasync per batch. A crash loses at most the batch in flight. An
 * entry is written after its response has been sent, never before. When a write fails the log turns
 * unhealthy and the server rejects data requests with 503 until it is restarted, because unaudited
 * transfers are not allowed.
 */
export class AuditLog {
  private readonly logger = getLogger('AuditLog');
  private readonly path: string;
  private readonly headPath: string;
  private file: FileHandle | undefined;
  private seq = 0;
  private lastHash = GENESIS;
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failure: string | undefined;

  public constructor(directory: string) {
    this.path = join(directory, AUDIT_FILE);
    this.headPath = join(directory, AUDIT_HEAD_FILE);
  }

  /** Returns whether entries can be written; false after a failed write. */
  public get healthy(): boolean {
    return this.failure === undefined;
  }

  /** Opens the file, continues its chain, and repairs a line torn by a crash (keeping its bytes aside). */
  public async open(): Promise<void> {
    const torn = this.recoverTail();
    this.file = await open(this.path, 'a', 0o600);
    this.logger.info('Opened the audit log', { file: this.path, entries: this.seq });
    if (torn !== undefined) {
      this.append({
        time: new Date().toISOString(),
        requestId: '-',
        user: 'system',
        authMethod: 'none',
        ip: '',
        userAgent: '',
        action: 'audit.recovered',
        method: '',
        resource: torn.savedAs,
        status: 0,
        bytesIn: 0,
        bytesOut: 0,
        detail: `Removed a torn last line of ${torn.bytes} bytes (SHA-256 ${torn.sha256}) left by a crash; its bytes are kept in ${torn.savedAs}.`,
      });
    }
  }

  /** Adds an entry to the chain; it is written with the next batch. */
  public append(record: AuditRecord): void {
    if (this.file === undefined || this.failure !== undefined) {
      return;
    }
    const sealed = sealEntry(record, this.seq + 1, this.lastHash);
    this.seq++;
    this.lastHash = sealed.hash;
    this.pending.push(`${sealed.line}\n`);
    if (this.pending.length >= BATCH_ENTRIES) {
      this.flushSoon(0);
    } else if (this.timer === undefined) {
      this.flushSoon(BATCH_MS);
    }
  }

  /** Writes and syncs everything appended so far. */
  public flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.pending;
    if (lines.length === 0) {
      return this.writing;
    }
    this.pending = [];
    const head: AuditHead = { seq: this.seq, hash: this.lastHash };
    this.writing = this.writing.then(async () => {
      if (this.file === undefined || this.failure !== undefined) {
        return;
      }
      try {
        await this.file.appendFile(lines.join(''), 'utf8');
        await this.file.datasync();
        writeFileSync(this.headPath, JSON.stringify(head), { mode: 0o600 });
      } catch (error) {
        this.failure = errorMessage(error);
        this.logger.error('Writing the audit log failed; data requests are rejected until the server restarts', { file: this.path, lostEntries: lines.length, error: this.failure });
      }
    });
    return this.writing;
  }

  public async close(): Promise<void> {
    await this.flush();
    await this.file?.close();
    this.file = undefined;
    this.logger.info('Closed the audit log', { file: this.path, entries: this.seq, lastHash: this.lastHash });
  }

  private flushSoon(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  /**
   * Reads the last complete entry to continue the chain. A last line without newline was cut short by
   * a crash: its bytes move to `audit.jsonl.torn-<time>` and the file is truncated after the last
   * complete line, so the chain stays whole and nothing is silently dropped.
   */
  private recoverTail(): { bytes: number; sha256: string; savedAs: string } | undefined {
    if (!existsSync(this.path)) {
      return undefined;
    }
    const fd = openSync(this.path, 'r+');
    try {
      const size = fstatSync(fd).size;
      const start = Math.max(0, size - TAIL_BYTES);
      const tail = Buffer.alloc(size - start);
      readSync(fd, tail, 0, tail.length, start);

      let torn: { bytes: number; sha256: string; savedAs: string } | undefined;
      let complete = tail;
      if (tail.length > 0 && tail[tail.length - 1] !== 0x0a) {
        const lastNewline = tail.lastIndexOf(0x0a);
        const tornBytes = tail.subarray(lastNewline + 1);
        const savedAs = `${this.path}.torn-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        writeFileSync(savedAs, tornBytes, { mode: 0o600 });
        ftruncateSync(fd, start + lastNewline + 1);
        torn = { bytes: tornBytes.length, sha256: sha256(tornBytes.toString('utf8')), savedAs };
        complete = tail.subarray(0, lastNewline + 1);
        this.logger.warn('Removed a torn last line from the audit log', { file: this.path, bytes: tornBytes.length, savedAs });
      }

      const lines = complete.toString('utf8').split('\n').filter((line) => line !== '');
      const last = lines.at(-1);
      if (last !== undefined) {
        const entry = JSON.parse(last) as AuditEntry;
        this.seq = entry.seq;
        this.lastHash = entry.hash;
      }
      return torn;
    } finally {
      closeSync(fd);
    }
  }
}

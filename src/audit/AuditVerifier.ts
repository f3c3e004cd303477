import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectedHash, GENESIS, type AuditEntry } from './AuditEntry.js';
import { AUDIT_FILE, AUDIT_HEAD_FILE, type AuditHead } from './AuditLog.js';

/** The result of checking an audit log's chain. */
export type VerificationResult =
  | { valid: true; entries: number; lastHash: string; note?: string }
  | { valid: false; entries: number; line: number; reason: string };

/**
 * Checks the hash chain of `audit.jsonl` in a data directory and names the first broken line. Each
 * line must be JSON, carry the next sequence number, the hash of the line before as `prev`, and the
 * hash of its own fields as `hash`. So an edited line fails its own hash, a deleted line breaks the
 * sequence at the next one, and an inserted line breaks the chain where it sits. `audit.head`
 * records the last synced entry, so lines cut from the end are found too.
 */
export function verifyAuditLog(directory: string): VerificationResult {
  const path = join(directory, AUDIT_FILE);
  if (!existsSync(path)) {
    return { valid: false, entries: 0, line: 0, reason: `${path} does not exist` };
  }
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') {
    lines.pop();
  } else if (lines.length > 0) {
    return { valid: false, entries: lines.length - 1, line: lines.length, reason: 'the last line has no newline: it was cut short, or written by something other than the server' };
  }

  let previousHash = GENESIS;
  let previousSeq = 0;
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch {
      return { valid: false, entries: index, line: number, reason: 'the line is not valid JSON' };
    }
    if (entry.seq !== previousSeq + 1) {
      return { valid: false, entries: index, line: number, reason: `its sequence number is ${String(entry.seq)}, expected ${previousSeq + 1}: an entry before it was deleted or one was inserted` };
    }
    if (entry.prev !== previousHash) {
      return { valid: false, entries: index, line: number, reason: 'its prev does not match the hash of the entry before it: an entry was replaced, deleted or inserted there' };
    }
    if (typeof entry.hash !== 'string' || entry.hash !== expectedHash(entry)) {
      return { valid: false, entries: index, line: number, reason: 'its hash does not match its content: the entry was edited' };
    }
    previousHash = entry.hash;
    previousSeq = entry.seq;
  }

  const headPath = join(directory, AUDIT_HEAD_FILE);
  if (existsSync(headPath)) {
    const head = JSON.parse(readFileSync(headPath, 'utf8')) as AuditHead;
    if (head.seq > previousSeq) {
      return { valid: false, entries: lines.length, line: lines.length + 1, reason: `the log ends at entry ${previousSeq}, but entry ${head.seq} was written: entries were cut from the end` };
    }
    if (head.seq === previousSeq && head.hash !== previousHash) {
      return { valid: false, entries: lines.length, line: lines.length, reason: 'the last entry differs from the one the server wrote: it was replaced' };
    }
    if (head.seq < previousSeq) {
      return { valid: true, entries: lines.length, lastHash: previousHash, note: `entries after ${head.seq} were written after the last head update (a crash between a write and its head update leaves this)` };
    }
  }
  return { valid: true, entries: lines.length, lastHash: previousHash };
}

/** Returns the entries whose time lies in [from, to), in order. */
export function* auditEntriesBetween(directory: string, from: Date, to: Date): Generator<AuditEntry> {
  const text = readFileSync(join(directory, AUDIT_FILE), 'utf8');
  for (const line of text.split('\n')) {
    if (line === '') {
      continue;
    }
    const entry = JSON.parse(line) as AuditEntry;
    const time = Date.parse(entry.time);
    if (time >= from.getTime() && time < to.getTime()) {
      yield entry;
    }
  }
}

/** CSV columns of `audit export --format csv`, in order. */
export const CSV_COLUMNS = ['seq', 'time', 'requestId', 'user', 'authMethod', 'ip', 'userAgent', 'action', 'method', 'resource', 'query', 'querySha256', 'status', 'bytesIn', 'bytesOut', 'authFailure', 'detail', 'prev', 'hash'] as const;

/**
 * Returns one CSV record (RFC 4180). Cells that a spreadsheet would run as a formula (starting with
 * =, +, -, @, tab or carriage return) get a leading apostrophe, since audit data comes from requests.
 */
export function csvRecord(entry: AuditEntry): string {
  return CSV_COLUMNS.map((column) => {
    const value = entry[column];
    let text = value === undefined ? '' : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
      text = `'${text}`;
    }
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',');
}

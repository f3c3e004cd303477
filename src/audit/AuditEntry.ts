import { createHash } from 'node:crypto';

/** One audited request: who moved which data in or out, when, from where, and with what result. */
export interface AuditRecord {
  /** ISO 8601 time the response finished. */
  time: string;
  requestId: string;
  /** Principal id: a token subject, `apikey:<id>`, `basic:<user>`, `local` or `anonymous`. */
  user: string;
  /** Authentication method of the principal (Principal.method). */
  authMethod: string;
  ip: string;
  userAgent: string;
  /** read, create, update, delete, query, sparql, sparqlUpdate, import, export, login, login.failed, logout, discovery... */
  action: string;
  method: string;
  /** Path of the request, with secret query parameters masked. */
  resource: string;
  /** Query text (OSLC query parameters, SPARQL), truncated to QUERY_LIMIT characters. */
  query?: string;
  /** SHA-256 of the full query text, when it was truncated. */
  querySha256?: string;
  status: number;
  /** Request body bytes. */
  bytesIn: number;
  /** Response bytes, headers included. */
  bytesOut: number;
  /** Reason authentication failed, when it did. */
  authFailure?: string;
  /** Anything else the action records (the audit log's own recovery notes). */
  detail?: string;
}

/** An entry as stored: the record, its position and its place in the hash chain. */
export interface AuditEntry extends AuditRecord {
  seq: number;
  /** `hash` of the previous entry; GENESIS for the first. */
  prev: string;
  /** SHA-256 (hex) of this entry's JSON without the `hash` field. */
  hash: string;
}

/** `prev` of the first entry. */
export const GENESIS = '0'.repeat(64);

/** Query text kept in an entry; longer text is cut and identified by its SHA-256. */
export const QUERY_LIMIT = 1_000;

/** Returns the JSON line of an entry (without newline), with its hash computed over the other fields. */
export function sealEntry(record: AuditRecord, seq: number, prev: string): { line: string; hash: string } {
  const unsealed = { seq, ...record, prev };
  const hash = sha256(JSON.stringify(unsealed));
  return { line: JSON.stringify({ ...unsealed, hash }), hash };
}

/** Returns the hash an entry's fields give, for comparison with its `hash` field. */
export function expectedHash(entry: AuditEntry): string {
  const { hash: _hash, ...unsealed } = entry;
  return sha256(JSON.stringify(unsealed));
}

/** Truncates query text to QUERY_LIMIT characters, adding the full text's SHA-256 when it was cut. */
export function auditedQuery(text: string): { query: string; querySha256?: string } {
  if (text.length <= QUERY_LIMIT) {
    return { query: text };
  }
  return { query: `${text.slice(0, QUERY_LIMIT)}…`, querySha256: sha256(text) };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

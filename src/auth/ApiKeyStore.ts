import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Clearance } from './ExportControl.js';

/** Roles a principal can hold. */
export const ROLES = ['viewer', 'engineer', 'quality', 'certification', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A stored API key: never the key itself, only the SHA-256 of its secret part. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  /** Export-control clearances of the service account; absent in keys created before clearances existed. */
  clearances?: Clearance[];
  created: string;
  revoked?: string;
  secretSha256: string;
}

/** The principal an API key authenticates. */
export interface ApiKeyPrincipal {
  keyId: string;
  name: string;
  role: Role;
  clearances: Clearance[];
}

const KEY_FORMAT = /^dt_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

/** Verified keys remembered at most; the map starts again when full. */
const MAX_VERIFIED_KEYS = 10_000;

/**
 * API keys for service accounts, kept in `api-keys.json` in the data directory (file mode 0600).
 * A key reads `dt_<id>_<secret>`; it is shown once when created and stored only as the SHA-256 of its
 * secret, which is enough for a 256-bit random secret. The file is reread when it changes, so keys
 * created or revoked with the command line take effect in a running server. A server watches the
 * file (`startWatching`) instead of checking it on every request, and keeps the principals of keys
 * it has verified until the file changes.
 */
export class ApiKeyStore {
  private readonly path: string;
  private records: ApiKeyRecord[] = [];
  /** Identity of the file last read: its inode (every save renames a new file into place), size and mtime. */
  private loadedVersion = '';
  private watcher: FSWatcher | undefined;
  /** Set by the watcher when the file may have changed; without a watcher the file is checked on every use. */
  private changed = true;
  /** Principals of verified keys by the full key, dropped whenever the file is reread. */
  private readonly verified = new Map<string, ApiKeyPrincipal>();

  public constructor(dataDirectory: string) {
    this.path = join(dataDirectory, 'api-keys.json');
  }

  /** Creates a key and returns it in full; this is the only time the secret exists outside the client. */
  public create(name: string, role: Role, clearances: Clearance[] = []): { key: string; record: ApiKeyRecord } {
    this.reload();
    const id = randomBytes(5).toString('hex').slice(0, 8);
    const secret = randomBytes(32).toString('base64url');
    const record: ApiKeyRecord = { id, name, role, clearances, created: new Date().toISOString(), secretSha256: sha256(secret) };
    this.records.push(record);
    this.save();
    return { key: `dt_${id}_${secret}`, record };
  }

  public list(): ApiKeyRecord[] {
    this.reload();
    return [...this.records];
  }

  /** Revokes a key by id; returns false when there is no such active key. */
  public revoke(id: string): boolean {
    this.reload();
    const record = this.records.find((candidate) => candidate.id === id && candidate.revoked === undefined);
    if (record === undefined) {
      return false;
    }
    record.revoked = new Date().toISOString();
    this.save();
    return true;
  }

  /**
   * Returns the principal of a valid, unrevoked key, or undefined. The hash comparison is constant-time;
   * a key verified before is found in a map of verified keys, which holds only keys that matched.
   */
  public authenticate(key: string): ApiKeyPrincipal | undefined {
    const match = KEY_FORMAT.exec(key);
    if (match === null) {
      return undefined;
    }
    this.reload();
    const known = this.verified.get(key);
    if (known !== undefined) {
      return known;
    }
    const record = this.records.find((candidate) => candidate.id === match[1] && candidate.revoked === undefined);
    if (record === undefined) {
      return undefined;
    }
    const expected = Buffer.from(record.secretSha256, 'hex');
    const actual = Buffer.from(sha256(match[2]!), 'hex');
    if (!timingSafeEqual(expected, actual)) {
      return undefined;
    }
    const principal = { keyId: record.id, name: record.name, role: record.role, clearances: record.clearances ?? [] };
    if (this.verified.size >= MAX_VERIFIED_KEYS) {
      this.verified.clear();
    }
    this.verified.set(key, principal);
    return principal;
  }

  /**
   * Watches the data directory for changes to the keys file (the command line replaces it by a rename),
   * so requests need no file check. If watching fails, every use checks the file as before.
   */
  public startWatching(): void {
    if (this.watcher !== undefined) {
      return;
    }
    try {
      const name = basename(this.path);
      this.watcher = watch(dirname(this.path), (_event, filename) => {
        if (filename === null || filename === name) {
          this.changed = true;
        }
      });
      this.watcher.on('error', () => this.stopWatching());
      this.changed = true;
    } catch {
      this.watcher = undefined;
    }
  }

  public stopWatching(): void {
    this.watcher?.close();
    this.watcher = undefined;
    this.changed = true;
  }

  /** Returns the active key named `name`, if there is one. */
  public findActive(name: string): ApiKeyRecord | undefined {
    this.reload();
    return this.records.find((record) => record.name === name && record.revoked === undefined);
  }

  /** Whether any active key exists. */
  public hasKeys(): boolean {
    this.reload();
    return this.records.some((record) => record.revoked === undefined);
  }

  private reload(): void {
    if (this.watcher !== undefined && !this.changed) {
      return;
    }
    // Cleared before reading, so a change during the read sets it again and is read next time.
    this.changed = false;
    if (!existsSync(this.path)) {
      this.records = [];
      this.loadedVersion = '';
      this.verified.clear();
      return;
    }
    const version = fileVersion(this.path);
    if (version !== this.loadedVersion) {
      this.records = JSON.parse(readFileSync(this.path, 'utf8')) as ApiKeyRecord[];
      this.loadedVersion = version;
      this.verified.clear();
    }
  }

  private save(): void {
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.records, null, 2), { mode: 0o600 });
    renameSync(temporary, this.path);
    this.loadedVersion = fileVersion(this.path);
    this.verified.clear();
  }
}

/**
 * Identifies a file's current content cheaply. The inode changes on every rename into place, so two
 * saves within the file system's timestamp resolution still differ.
 */
export function fileVersion(path: string): string {
  const stats = statSync(path);
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

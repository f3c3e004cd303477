import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileVersion } from './ApiKeyStore.js';
import { AuthenticationFailure, type PasswordVerifier } from './Credentials.js';
import { clearancesOf } from './RolePolicy.js';
import { createPrincipal, type Principal } from './Principal.js';
import type { Clearance } from './ExportControl.js';

/** One user of the HTTP Basic users file. */
export interface BasicUser {
  name: string;
  displayName?: string;
  /** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
  password: string;
  roles: string[];
  clearances?: Clearance[];
}

/**
 * scrypt cost parameters for new hashes: N = 2^15, r = 8, p = 1 (RFC 7914). A check needs 32 MiB and
 * took 300 ms on the loaded two-core test machine, which is why verified credentials are cached.
 */
const COST = { N: 32_768, r: 8, p: 1 };
const KEY_BYTES = 32;

/** How long verified credentials are trusted without another scrypt check; the cache is dropped whenever the file changes. */
const VERIFIED_TTL_MS = 5 * 60_000;
const MAX_VERIFIED = 1_000;
const HASH_FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Hashes a password for the users file with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * Users for HTTP Basic (RFC 7617), from a JSON file `{"users": [...]}` with scrypt password hashes.
 * The file is reread when it changes. A check costs one scrypt derivation whether or not the user
 * exists, so response times do not reveal user names.
 */
export class BasicUsers implements PasswordVerifier {
  private users = new Map<string, BasicUser>();
  private loadedVersion = '';
  /** SHA-256 of recently verified `user:password` pairs, so repeated requests skip scrypt. */
  private verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  /** A hash of a random password, checked for unknown users to spend the same time as for known ones. */
  private readonly decoy: Promise<string> = hashPassword(randomBytes(16).toString('hex'));

  public constructor(private readonly path: string) {
    this.reload();
  }

  public async verify(user: string, password: string): Promise<Principal> {
    this.reload();
    const cacheKey = createHash('sha256').update(`${user}\u0000${password}`).digest('hex');
    const cached = this.verified.get(cacheKey);
    if (cached !== undefined && Date.now() < cached.expiresAtMs) {
      return cached.principal;
    }
    const record = this.users.get(user);
    const matches = await verifyPassword(record?.password ?? (await this.decoy), password);
    if (record === undefined || !matches) {
      throw new AuthenticationFailure('Basic', 'The user name or password is wrong');
    }
    const principal = createPrincipal({ id: `basic:${record.name}`, displayName: record.displayName ?? record.name, roles: record.roles, clearances: record.clearances ?? [], method: 'basic' });
    if (this.verified.size >= MAX_VERIFIED) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(cacheKey, { principal, expiresAtMs: Date.now() + VERIFIED_TTL_MS });
    return principal;
  }

  /** Adds or replaces a user and writes the file (mode 0600). */
  public put(user: BasicUser): void {
    this.reload();
    this.users.set(user.name, user);
    this.save();
  }

  /** Removes a user; returns false when there is none of that name. */
  public remove(name: string): boolean {
    this.reload();
    const removed = this.users.delete(name);
    if (removed) {
      this.save();
    }
    return removed;
  }

  public list(): BasicUser[] {
    this.reload();
    return [...this.users.values()];
  }

  private reload(): void {
    if (!existsSync(this.path)) {
      this.users = new Map();
      this.loadedVersion = '';
      return;
    }
    const version = fileVersion(this.path);
    if (version === this.loadedVersion) {
      return;
    }
    const document = JSON.parse(readFileSync(this.path, 'utf8')) as { users?: BasicUser[] };
    this.users = new Map((document.users ?? []).map((user) => [user.name, { ...user, clearances: clearancesOf(user.clearances ?? []) }]));
    this.verified = new Map();
    this.loadedVersion = version;
  }

  private save(): void {
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify({ users: [...this.users.values()] }, null, 2), { mode: 0o600 });
    renameSync(temporary, this.path);
    this.verified = new Map();
    this.loadedVersion = fileVersion(this.path);
  }
}

/** Checks a password against a stored scrypt hash in constant time; a malformed hash never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const match = HASH_FORMAT.exec(stored);
  if (match === null) {
    return false;
  }
  const expected = Buffer.from(match[5]!, 'base64url');
  const actual = await derive(password, Buffer.from(match[4]!, 'base64url'), { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 128 * cost.N * cost.r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

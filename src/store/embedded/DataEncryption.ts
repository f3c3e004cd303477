import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { CorruptStoreError, EncryptionKeyError } from '../StoreError.js';

/** Bytes that start every sealed file and journal record: "DTE1", format 1 of this layout. */
const MAGIC = Buffer.from('DTE1', 'latin1');
const KEY_ID_BYTES = 8;
/** 96-bit nonces, the size GCM uses directly, without hashing the nonce first. */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + KEY_ID_BYTES + NONCE_BYTES + TAG_BYTES;

/** Length of a data key: AES-256. */
export const KEY_BYTES = 32;

/** Name of the algorithm, as store.json records it. */
export const ALGORITHM = 'AES-256-GCM';

/** Keys in the form a worker thread receives them (structured clone turns Buffers into Uint8Arrays). */
export interface EncryptionKeysData {
  current?: Uint8Array;
  previous: Uint8Array[];
  acceptPlaintext: boolean;
}

/**
 * Encryption at rest of the journal and snapshots with AES-256-GCM. Each sealed item is
 * `DTE1 | key id (8) | nonce (12) | tag (16) | ciphertext`, with a fresh random nonce. The additional
 * authenticated data is the header plus a context string naming where the item belongs (the journal,
 * or a snapshot's file), so a sealed item moved to another place fails authentication.
 *
 * The key id is the first 8 bytes of SHA-256 over a label and the key, so a reader finds the right key
 * among several during a rotation and names a missing one without revealing it. Random 96-bit nonces
 * make a repeat unlikely only while a key seals far fewer than 2^32 items, so keys should be rotated
 * long before that many writes.
 */
export class DataEncryption {
  private readonly keys = new Map<string, Buffer>();
  /** Id of the key new items are sealed with; undefined stores plaintext. */
  public readonly currentKeyId: string | undefined;
  private readonly current: Buffer | undefined;
  /** Whether plaintext items are read: without a current key, or while a plaintext store is being encrypted. */
  public readonly acceptPlaintext: boolean;

  public constructor(current: Buffer | undefined, options: { previous?: readonly Buffer[]; acceptPlaintext?: boolean } = {}) {
    for (const key of [...(current === undefined ? [] : [current]), ...(options.previous ?? [])]) {
      if (key.length !== KEY_BYTES) {
        throw new EncryptionKeyError(`An encryption key has ${key.length} bytes; AES-256 needs ${KEY_BYTES}.`);
      }
      this.keys.set(keyIdOf(key), key);
    }
    this.current = current;
    this.currentKeyId = current === undefined ? undefined : keyIdOf(current);
    this.acceptPlaintext = options.acceptPlaintext ?? current === undefined;
  }

  /** Rebuilds the keys a worker thread received. */
  public static fromWorkerData(data: EncryptionKeysData): DataEncryption {
    return new DataEncryption(data.current === undefined ? undefined : Buffer.from(data.current), {
      previous: data.previous.map((key) => Buffer.from(key)),
      acceptPlaintext: data.acceptPlaintext,
    });
  }

  /** Returns the keys for a worker thread, which reads the same data directory. */
  public toWorkerData(): EncryptionKeysData {
    const previous = [...this.keys.entries()].filter(([id]) => id !== this.currentKeyId).map(([, key]) => new Uint8Array(key));
    return { ...(this.current === undefined ? {} : { current: new Uint8Array(this.current) }), previous, acceptPlaintext: this.acceptPlaintext };
  }

  /** Returns whether a key with this id is available for reading. */
  public hasKey(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /** Seals `plaintext` under the current key, or returns it unchanged when there is none. */
  public seal(plaintext: Buffer, context: string): Buffer {
    if (this.current === undefined || this.currentKeyId === undefined) {
      return plaintext;
    }
    const header = Buffer.alloc(MAGIC.length + KEY_ID_BYTES + NONCE_BYTES);
    MAGIC.copy(header, 0);
    Buffer.from(this.currentKeyId, 'hex').copy(header, MAGIC.length);
    const nonce = randomBytes(NONCE_BYTES);
    nonce.copy(header, MAGIC.length + KEY_ID_BYTES);

    const cipher = createCipheriv('aes-256-gcm', this.current, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.concat([header, Buffer.from(context, 'utf8')]));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, cipher.getAuthTag(), ciphertext]);
  }

  /**
   * Returns the plaintext of a stored item. Plaintext items pass through when `acceptPlaintext` is set.
   * Throws EncryptionKeyError when the item's key is not configured, and CorruptStoreError naming
   * `label` when authentication fails (the item was changed, moved or cut short).
   */
  public open(stored: Buffer, context: string, label: string): Buffer {
    if (!isSealed(stored)) {
      if (this.acceptPlaintext) {
        return stored;
      }
      throw new EncryptionKeyError(`${label} is not encrypted, but this data directory must be encrypted throughout; restore it from a backup or encrypt it with "digital-thread encryption rotate".`);
    }
    if (stored.length < HEADER_BYTES) {
      throw new CorruptStoreError(`${label} is cut short: it has ${stored.length} bytes, fewer than an encrypted item's header. Restore the data directory from a backup.`);
    }
    const keyId = stored.subarray(MAGIC.length, MAGIC.length + KEY_ID_BYTES).toString('hex');
    const key = this.keys.get(keyId);
    if (key === undefined) {
      throw new EncryptionKeyError(`${label} is encrypted with key id ${keyId}, which is not configured${this.currentKeyId === undefined ? '' : ` (the configured key has id ${this.currentKeyId})`}; give that key with --encryption-key-file or DT_ENCRYPTION_KEY.`);
    }
    const header = stored.subarray(0, MAGIC.length + KEY_ID_BYTES + NONCE_BYTES);
    const nonce = stored.subarray(MAGIC.length + KEY_ID_BYTES, header.length);
    const tag = stored.subarray(header.length, HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.concat([header, Buffer.from(context, 'utf8')]));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(stored.subarray(HEADER_BYTES)), decipher.final()]);
    } catch (error) {
      throw new CorruptStoreError(`${label} fails its AES-GCM authentication: it was changed or moved after it was written. Restore the data directory from a backup.`, { cause: error });
    }
  }
}

/** Returns whether stored bytes start like a sealed item. */
export function isSealed(stored: Buffer): boolean {
  return stored.length >= MAGIC.length && stored.subarray(0, MAGIC.length).equals(MAGIC);
}

/** Returns the id of a key: the first 8 bytes of SHA-256("digital-thread data key" NUL key), in hex. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('digital-thread data key\u0000').update(key).digest().subarray(0, KEY_ID_BYTES).toString('hex');
}

/**
 * Decodes a key written as text: 32 bytes in base64 (44 characters, `openssl rand -base64 32`) or in
 * hex (64 characters). Surrounding white space is ignored. Returns undefined for anything else.
 */
export function decodeKeyText(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    return Buffer.from(trimmed, 'hex');
  }
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === KEY_BYTES ? key : undefined;
  }
  return undefined;
}

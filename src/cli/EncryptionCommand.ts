import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordCommand } from '../audit/CommandAudit.js';
import { ENCRYPTION_KEY_ENV, loadEncryptionKey, type KeySource } from '../config/EncryptionKeySource.js';
import { ConfigError } from '../config/ServerConfig.js';
import { checkDataDirectory } from '../server/DigitalThreadServer.js';
import { ALGORITHM, DataEncryption, keyIdOf } from '../store/embedded/DataEncryption.js';
import { EmbeddedStore } from '../store/embedded/EmbeddedStore.js';
import { dataDirectoryOption, parseSubcommand } from './Subcommand.js';
import { UsageError } from './UsageError.js';

const NEW_KEY_ENV = 'DT_NEW_ENCRYPTION_KEY';

const HELP = `Usage: digital-thread encryption <status|rotate> [options]

Encryption at rest of the journal and snapshots (AES-256-GCM). A key is 32 random bytes in base64 or
hex, for example from "openssl rand -base64 32 > new.key". Stop the server before a rotation: the data
directory can be open in one process only.

  encryption status                    show whether the data directory is encrypted, and the key id
  encryption rotate --new-key-file FILE
                                       rewrite the journal and snapshots under a new key; this also
                                       encrypts a plaintext data directory. An interrupted rotation is
                                       finished by running the same command again
  encryption rotate --decrypt          rewrite them in plaintext

  --encryption-key-file FILE   the current key (env DT_ENCRYPTION_KEY_FILE, or the key in ${ENCRYPTION_KEY_ENV});
                               leave out when the data directory is not encrypted yet
  --new-key-file FILE          the new key (env DT_NEW_ENCRYPTION_KEY_FILE, or the key in ${NEW_KEY_ENV})
  --data DIR                   data directory (env DT_DATA, default ./data)`;

/** Runs `digital-thread encryption ...`. */
export async function runEncryption(args: string[]): Promise<number> {
  const parsed = parseSubcommand('encryption', args, {
        data: { type: 'string' },
        'encryption-key-file': { type: 'string' },
        'new-key-file': { type: 'string' },
        decrypt: { type: 'boolean' }
      }, HELP);
  if ('exitCode' in parsed) {
    return parsed.exitCode;
  }
  const { action, values } = parsed;

  const directory = dataDirectoryOption(values.data);
  const errors: string[] = [];
  const currentKey = loadEncryptionKey(keySource(parsed.values['encryption-key-file'], '--encryption-key-file', 'DT_ENCRYPTION_KEY_FILE', ENCRYPTION_KEY_ENV), errors);
  switch (action) {
    case 'status':
      failOn(errors);
      return status(directory, currentKey);
    case 'rotate': {
      const newKey = loadEncryptionKey(keySource(parsed.values['new-key-file'], '--new-key-file', 'DT_NEW_ENCRYPTION_KEY_FILE', NEW_KEY_ENV), errors);
      failOn(errors);
      const decrypt = values.decrypt === true;
      if ((newKey === undefined) === !decrypt) {
        throw new UsageError(`encryption rotate needs either --new-key-file (or ${NEW_KEY_ENV}) or --decrypt.\n\n${HELP}`);
      }
      return rotate(directory, currentKey, newKey);
    }
    default:
      throw new UsageError(`Unknown encryption action "${action}".\n\n${HELP}`);
  }
}

function keySource(flagValue: string | undefined, flag: string, fileEnv: string, keyEnv: string): KeySource {
  return {
    file: flagValue !== undefined ? { value: flagValue, source: flag } : { value: process.env[fileEnv], source: fileEnv },
    inline: { value: process.env[keyEnv], source: keyEnv },
  };
}

function failOn(errors: string[]): void {
  if (errors.length > 0) {
    throw new ConfigError(errors.join('\n'));
  }
}

function status(directory: string, currentKey: Buffer | undefined): number {
  const path = join(directory, 'store.json');
  if (!existsSync(path)) {
    process.stderr.write(`No store at ${directory}; give the server's data directory with --data.\n`);
    return 1;
  }
  const recorded = (JSON.parse(readFileSync(path, 'utf8')) as { encryption?: { algorithm: string; keyId: string } }).encryption;
  const configured = currentKey === undefined ? undefined : keyIdOf(currentKey);
  if (recorded === undefined) {
    process.stdout.write(`${directory} is not encrypted.${configured === undefined ? '' : ` The configured key (id ${configured}) is not in use; encrypt with "encryption rotate --new-key-file FILE".`}\n`);
    return 0;
  }
  let comparison = '';
  if (configured === recorded.keyId) {
    comparison = ' The configured key matches.';
  } else if (configured !== undefined) {
    comparison = ` The configured key has id ${configured}, which does not match.`;
  }
  process.stdout.write(`${directory} is encrypted with ${recorded.algorithm}, key id ${recorded.keyId}.${comparison}\n`);
  return configured === undefined || configured === recorded.keyId ? 0 : 1;
}

/**
 * Opens the store with every key that may be in use (the old one, and the new one after an interrupted
 * run), rewrites it under the new key and records the rotation in the audit log.
 */
async function rotate(directory: string, currentKey: Buffer | undefined, newKey: Buffer | undefined): Promise<number> {
  checkDataDirectory(directory, '--data');
  if (!existsSync(join(directory, 'store.json'))) {
    process.stderr.write(`No store at ${directory}; give the server's data directory with --data.\n`);
    return 1;
  }
  const encryption = new DataEncryption(newKey, {
    previous: currentKey === undefined ? [] : [currentKey],
    acceptPlaintext: currentKey === undefined || newKey === undefined,
  });
  const store = new EmbeddedStore({ directory, encryption });
  await store.open();
  const from = currentKey === undefined ? 'plaintext' : `key id ${keyIdOf(currentKey)}`;
  const to = newKey === undefined ? 'plaintext' : `${ALGORITHM} with key id ${keyIdOf(newKey)}`;
  try {
    const { sequence } = await store.reencrypt();
    // Recorded while the store lock is still held, so no server writes the audit log at the same time.
    await recordCommand(directory, {
      action: 'encryption.rotate',
      command: 'digital-thread encryption rotate',
      resource: directory,
      detail: `Rewrote the journal and snapshots at sequence ${sequence} from ${from} to ${to}.`,
    });
  } finally {
    await store.close();
  }

  const next = newKey === undefined ? 'Start the server without an encryption key.' : 'Start the server with the new key (--encryption-key-file or DT_ENCRYPTION_KEY).';
  process.stdout.write(`Rewrote the journal and snapshots of ${directory} from ${from} to ${to}. ${next} Keep the old key as long as backups made with it are kept.\n`);
  return 0;
}

import { readFileSync } from 'node:fs';
import { decodeKeyText } from '../store/embedded/DataEncryption.js';

/** Environment variable that contains the data key itself, for a secret store or KMS agent that injects it. */
export const ENCRYPTION_KEY_ENV = 'DT_ENCRYPTION_KEY';

/** Where a key comes from: a file named by a flag or variable, and a variable that contains the key. */
export interface KeySource {
  file: { value: string | undefined; source: string };
  inline: { value: string | undefined; source: string };
}

const KEY_FORMAT_HINT = 'it must contain 32 random bytes in base64 or hex, such as the output of "openssl rand -base64 32"';

/**
 * Reads an AES-256 data key from a file or from an environment variable, which is where an external
 * KMS or HSM hands the key over. Returns undefined when neither is set; problems go to `errors` and
 * never quote the key.
 */
export function loadEncryptionKey(source: KeySource, errors: string[]): Buffer | undefined {
  const { file, inline } = source;
  if (file.value !== undefined && inline.value !== undefined) {
    errors.push(`${file.source} and ${inline.source} are both set; give the encryption key one way only.`);
    return undefined;
  }
  if (inline.value !== undefined) {
    const key = decodeKeyText(inline.value);
    if (key === undefined) {
      errors.push(`${inline.source} is not a valid encryption key: ${KEY_FORMAT_HINT}.`);
    }
    return key;
  }
  if (file.value === undefined || file.value.trim() === '') {
    return undefined;
  }
  let text: string;
  try {
    text = readFileSync(file.value, 'utf8');
  } catch (error) {
    errors.push(`${file.source} ${file.value} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); give a readable key file.`);
    return undefined;
  }
  const key = decodeKeyText(text);
  if (key === undefined) {
    errors.push(`${file.source} ${file.value} is not a valid key file: ${KEY_FORMAT_HINT}.`);
  }
  return key;
}

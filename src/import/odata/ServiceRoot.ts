import { InputError } from '../ImportErrors.js';

/** A service root URL of Windchill REST Services, as help texts and messages show it. */
export const EXAMPLE_SERVICE_ROOT = 'https://plm.example.com/Windchill/servlet/odata';

/**
 * Throws an InputError unless `input` is an http(s) URL, because the odata format pulls from the
 * Windchill REST Services root URL and reads no local file.
 */
export function checkServiceRoot(input: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(input).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new InputError(`The odata format reads from the Windchill REST Services root URL, but ${input} is no http(s) URL; give one such as ${EXAMPLE_SERVICE_ROOT}.`);
  }
}

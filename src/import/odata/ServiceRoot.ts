import { InputError } from '../ImportErrors.js';

/** A service root URL of Windchill REST Services, as help texts and messages show it. */
export const EXAMPLE_SERVICE_ROOT = 'https://plm.example.com/Windchill/servlet/odata';

/**
 * Throws an InputError unless `input` is an http(s) URL without a user name or password, because the
 * odata format pulls from the Windchill REST Services root URL and reads no local file. Credentials in
 * the URL would end up in provenance, logs and messages, so the message names the URL without them and
 * points to DT_ODATA_AUTHORIZATION.
 */
export function checkServiceRoot(input: string): void {
  let url: URL | undefined;
  try {
    url = new URL(input);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InputError(`The odata format reads from the Windchill REST Services root URL, but ${withoutUserInfo(input)} is no http(s) URL; give one such as ${EXAMPLE_SERVICE_ROOT}.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError(
      `The Windchill REST Services URL ${withoutUserInfo(input)} is given with a user name or password; leave them out of the URL and set DT_ODATA_AUTHORIZATION to "Basic " followed by the Base64 of user:password.`,
    );
  }
}

/** Returns `input` with any user name and password removed, for messages about a URL that may contain them. */
function withoutUserInfo(input: string): string {
  return input.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
}

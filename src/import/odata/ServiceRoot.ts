import { InputError } from '../ImportErrors.js';

/** A service root URL of Windchill REST Services, as help texts and messages show it. */
export const EXAMPLE_SERVICE_ROOT = 'https://plm.example.com/Windchill/servlet/odata';

/** Path segment of the Windchill REST Services domain that the odata format pulls parts and BOMs from. */
const PROD_MGMT = '/ProdMgmt';

/** The service root and the ProdMgmt domain URL that one spelling of a Windchill REST Services URL reaches. */
export interface WindchillService {
  /** Service root URL, such as `https://plm.example.com/Windchill/servlet/odata`; the pull's default source name. */
  root: string;
  /** ProdMgmt domain URL, such as `https://plm.example.com/Windchill/servlet/odata/ProdMgmt`, which the pull requests. */
  domain: string;
}

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

/**
 * Resolves a Windchill REST Services URL as a user gives it to the service root and its ProdMgmt domain.
 * Every spelling that reaches one domain resolves alike: scheme and host in lower case, no default port,
 * no user info, query or fragment, no trailing slash, and a path that ends in `/ProdMgmt` taken as the
 * domain itself. Path segments keep their case, because servlet containers match request paths
 * case-sensitively. Throws a TypeError for an invalid URL, which checkServiceRoot rejects first.
 */
export function resolveService(input: string): WindchillService {
  const url = new URL(input);
  const path = normalizedPath(url.pathname).replace(/\/+$/, '');
  const rootPath = path.endsWith(PROD_MGMT) ? path.slice(0, -PROD_MGMT.length) : path;
  // URL.origin is the scheme, host and port in that form, and never contains user info.
  const root = `${url.origin}${rootPath}`;
  return { root, domain: `${root}${PROD_MGMT}` };
}

/**
 * Returns a URL path in the form that names its resource once. Percent-encoded unreserved characters are
 * decoded, because RFC 3986 (6.2.2.2) makes `%6Fdata` equal to `odata`. Empty segments are dropped too.
 * NOTE: dropping them assumes that the server merges repeated slashes, as common servlet containers do; no
 * real Windchill server was checked.
 */
function normalizedPath(path: string): string {
  const decoded = path.replace(/%([0-9A-Fa-f]{2})/g, (escape: string, hex: string) => {
    const character = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(character) ? character : escape.toUpperCase();
  });
  return decoded.replace(/\/{2,}/g, '/');
}

/** Returns `input` with any user name and password removed, for messages about a URL that may contain them. */
function withoutUserInfo(input: string): string {
  return input.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
}

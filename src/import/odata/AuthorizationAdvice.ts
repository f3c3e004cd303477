/** Source of the Authorization header value in the import command. */
const SETTING = 'the environment variable DT_ODATA_AUTHORIZATION';

/** Form of the header value for messages, which contains no credential. */
const EXAMPLE = '"Basic " followed by the Base64 of user:password (such as "Basic dXNlcjpwYXNz"), or "Bearer " followed by a token';

/**
 * Authentication schemes whose name a message may repeat. A value without one of them may be a bare
 * credential, such as `user:password`, so its first word is never quoted.
 */
const KNOWN_SCHEMES = ['Basic', 'Bearer', 'Digest', 'Negotiate', 'NTLM'];

/** Advice for rejected credentials, by scheme. */
const CHECKS: Readonly<Record<string, string>> = {
  Basic: 'Check the user name and password',
  Bearer: 'Check that the token is valid and has not expired',
};

/**
 * Returns the advice that follows a 401 Unauthorized: that no credentials were sent and how to give them,
 * or that the service rejected the credentials sent. `authorization` is the header
 * value sent, if any, and `challenge` the response's WWW-Authenticate header. The advice names the
 * credential's scheme but never contains the credential.
 */
export function unauthorizedAdvice(authorization: string | undefined, challenge: string | null): string {
  const requested = challengeSchemes(challenge);
  const request = requested.length === 0 ? '' : ` Windchill requests ${requested.join(' or ')} authentication.`;
  if (authorization === undefined) {
    return `No credentials were sent, because ${SETTING} is not set or empty. Set it to the Authorization header value for Windchill: ${EXAMPLE}.${request}`;
  }

  const scheme = KNOWN_SCHEMES.find((known) => authorization.trimStart().toLowerCase().startsWith(`${known.toLowerCase()} `));
  if (scheme === undefined) {
    return `Windchill rejected the credentials in ${SETTING}, whose value does not start with an authentication scheme. Write it as ${EXAMPLE}.${request}`;
  }
  const check = CHECKS[scheme] ?? 'Check the credentials';
  return `Windchill rejected the ${scheme} credentials in ${SETTING}. ${check}, and that the account may log in to Windchill.${request}`;
}

/** Returns the scheme names of a WWW-Authenticate header, such as `Basic` of `Basic realm="Windchill"`. */
function challengeSchemes(challenge: string | null): string[] {
  if (challenge === null) {
    return [];
  }
  // Challenges and their parameters are separated by commas, and only a scheme name is followed by a space or the end.
  const schemes = challenge.split(',').map((part) => /^\s*([A-Za-z][\w-]*)(?:\s|$)/.exec(part)?.[1]);
  return [...new Set(schemes.filter((scheme): scheme is string => scheme !== undefined))];
}

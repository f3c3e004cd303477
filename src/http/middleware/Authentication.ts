import type { NextFunction, Request, Response } from 'express';
import { AuthenticationFailure } from '../../auth/Credentials.js';
import { isAuthenticated, type Principal } from '../../auth/Principal.js';
import type { ReadScopes } from '../../auth/ReadScope.js';
import type { RequestAuthenticator } from '../../auth/RequestAuthenticator.js';
import type { OslcUrls } from '../../oslc/OslcUrls.js';
import { UnauthorizedHttpError } from '../HttpError.js';

const REALM = 'digital-thread';

/**
 * Finds the request's principal (bearer token, Basic, browser session or anonymous) and records it in
 * `res.locals.principal`. Invalid credentials get 401 with a challenge that gives the reason (RFC 6750,
 * section 3), never anonymous access, and are reported to `onFailure`.
 */
export function authentication(authenticator: RequestAuthenticator, scopes: ReadScopes, onFailure?: (req: Request) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const source = {
      authorization: req.headers.authorization,
      sessionPrincipal: (req as { user?: Principal }).user,
      secure: isTlsConnection(req),
      loopback: isLoopback(req.socket.remoteAddress),
    };
    // Most requests carry no credentials or a token verified before; they continue in this turn.
    const known = authenticator.knownPrincipal(source);
    if (known !== undefined) {
      res.locals.principal = known;
      res.locals.readScope = scopes.forLevel(known.readLevel);
      next();
      return;
    }
    authenticator.authenticate(source).then(
      (principal) => {
        res.locals.principal = principal;
        res.locals.readScope = scopes.forLevel(principal.readLevel);
        next();
      },
      (error: unknown) => {
        res.locals.principal = authenticator.anonymous;
        res.locals.readScope = scopes.forLevel(authenticator.anonymous.readLevel);
        if (!(error instanceof AuthenticationFailure)) {
          next(error);
          return;
        }
        res.locals.authenticationFailure = error.message;
        onFailure?.(req);
        next(
          new UnauthorizedHttpError(`${error.message}. Send "Authorization: Bearer <token>" with an access token of the identity provider or an API key from \`digital-thread apikey create\`.`, {
            headers: { 'WWW-Authenticate': challenges(authenticator.basicEnabled, error) },
          }),
        );
      },
    );
  };
}

/** Returns the principal that authentication recorded for the request. */
export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** Returns the IRI recorded as `dcterms:creator` of what the request creates, for authenticated principals. */
export function creatorOf(urls: OslcUrls, res: Response): string | undefined {
  const principal = principalOf(res);
  return isAuthenticated(principal) ? urls.user(principal.id) : undefined;
}

/**
 * Returns the `WWW-Authenticate` value: a Bearer challenge (RFC 6750, section 3), with the error when
 * a token failed, and a Basic challenge (RFC 7617) when Basic is enabled.
 */
export function challenges(basicEnabled: boolean, failure?: AuthenticationFailure): string {
  let bearer = `Bearer realm="${REALM}"`;
  if (failure?.scheme === 'Bearer') {
    bearer += `, error="invalid_token", error_description="${quotable(failure.message)}"`;
  }
  return basicEnabled ? `${bearer}, Basic realm="${REALM}", charset="UTF-8"` : bearer;
}

/** Returns whether the request came over TLS to this process (a proxy's X-Forwarded-Proto is not trusted). */
export function isTlsConnection(req: Request): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true;
}

/** Returns whether an address is on the loopback interface (127.0.0.0/8 or ::1, also IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) {
    return false;
  }
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || plain.startsWith('127.');
}

/** Makes text safe inside a quoted-string of a challenge: RFC 6750 allows no `"` or `\` there. */
function quotable(text: string): string {
  return text.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, ' ');
}

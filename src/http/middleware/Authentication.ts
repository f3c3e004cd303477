import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyPrincipal, ApiKeyStore, Role } from '../../auth/ApiKeyStore.js';
import { ForbiddenHttpError, UnauthorizedHttpError } from '../HttpError.js';

const CHALLENGE = 'Bearer realm="digital-thread"';

/**
 * Reads `Authorization: Bearer <API key>` and records the principal in `res.locals.principal`. A
 * request without the header stays anonymous; a key that is malformed, unknown or revoked gets 401,
 * so a client never mistakes a failed login for anonymous access.
 */
export function authentication(apiKeys: ApiKeyStore) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization;
    if (header === undefined) {
      next();
      return;
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match === null ? undefined : apiKeys.authenticate(match[1]!);
    if (principal === undefined) {
      next(
        new UnauthorizedHttpError('The Authorization header does not hold a valid API key; send "Authorization: Bearer <key>" with a key from `digital-thread apikey create`.', {
          headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
        }),
      );
      return;
    }
    res.locals.principal = principal;
    next();
  };
}

/** Throws 401 (no credentials) or 403 (wrong role) unless the request's principal has `role`. */
export function requireRole(res: Response, role: Role, action: string): ApiKeyPrincipal {
  const principal = res.locals.principal as ApiKeyPrincipal | undefined;
  if (principal === undefined) {
    throw new UnauthorizedHttpError(`${action} needs an API key with the ${role} role; send "Authorization: Bearer <key>" (create one with \`digital-thread apikey create --role ${role}\`).`, {
      headers: { 'WWW-Authenticate': CHALLENGE },
    });
  }
  if (principal.role !== role) {
    throw new ForbiddenHttpError(`${action} needs the ${role} role; the API key "${principal.name}" has the ${principal.role} role.`);
  }
  return principal;
}

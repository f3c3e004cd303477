import type { NextFunction, Request, Response } from 'express';
import { ForbiddenHttpError } from '../HttpError.js';
import { principalOf } from './Authentication.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Rejects cross-site writes that ride on ambient credentials. A browser sends the session cookie with
 * any site's form post, and in local development mode no credentials are needed at all. So a request
 * that changes data must come from this server's own pages or an allowed origin, which its Origin
 * header (or else its Referer) shows (Fetch standard, "Origin header"). Browsers never send bearer
 * tokens or Basic credentials on their own, so those requests pass.
 */
export function csrfGuard(allowedOrigins: () => readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const method = principalOf(res).method;
    if (SAFE_METHODS.has(req.method) || (method !== 'oidc-session' && method !== 'local')) {
      next();
      return;
    }
    const origin = originOf(req);
    if (origin === undefined && method === 'local') {
      // Command-line clients send no Origin; only a browser page can be a cross-site attacker here.
      next();
      return;
    }
    if (origin !== undefined && allowedOrigins().includes(origin)) {
      next();
      return;
    }
    next(new ForbiddenHttpError(`A ${req.method} with browser credentials must come from this server's pages or an origin listed with --frame-origin or --cors-origin; the request came from ${origin ?? 'an unknown origin'}.`));
  };
}

function originOf(req: Request): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    return origin;
  }
  const referer = req.headers.referer;
  if (referer === undefined) {
    return undefined;
  }
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

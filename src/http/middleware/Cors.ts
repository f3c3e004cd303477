import type { NextFunction, Request, Response } from 'express';

const ALLOWED_METHODS = 'GET, HEAD, OPTIONS, POST, PUT, DELETE';
const ALLOWED_HEADERS = 'Accept, Authorization, Configuration-Context, Content-Type, If-Match, If-None-Match, OSLC-Core-Version, Prefer, Slug, X-Request-Id';
const EXPOSED_HEADERS = 'ETag, Location, Link, OSLC-Core-Version, Preference-Applied, Vary, X-Request-Id, Allow, Accept-Post';

/**
 * CORS for an allow-list of origins. A listed origin is echoed with credentials allowed; any other
 * origin gets no CORS headers, so browsers block its scripts from reading responses. A preflight from a
 * listed origin gets 204 here.
 */
export function cors(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (allowed.size > 0) {
      res.vary('Origin');
    }
    if (origin === undefined || !allowed.has(origin)) {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

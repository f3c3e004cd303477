import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AccessRequirement } from '../../auth/AccessRules.js';
import { isAuthenticated } from '../../auth/Principal.js';
import { RATE_LIMIT_CLASSES, type RateLimitClass } from '../../config/SecurityConfig.js';
import { getLogger } from '../../logging/Logger.js';
import { TooManyRequestsHttpError } from '../HttpError.js';
import { principalOf } from './Authentication.js';

const WINDOW_MS = 60_000;
const logger = getLogger('RateLimits');

/** Returns the limit class of a request from the permission it needs: SPARQL is limited hardest, reads least. */
export function rateLimitClass(req: Request, access: AccessRequirement | undefined): RateLimitClass {
  if (req.path.startsWith('/auth/')) {
    return 'login';
  }
  if (access?.kind !== 'permission') {
    return 'read';
  }
  switch (access.action) {
    case 'sparql':
    case 'sparqlUpdate':
      return 'sparql';
    case 'create':
    case 'update':
    case 'delete':
    case 'import':
      return 'write';
    case 'export':
      return 'query';
    case 'read':
      return req.path.endsWith('/query') || req.path.endsWith('/results') ? 'query' : 'read';
  }
}

/**
 * Limits requests per client and class within a one-minute window (express-rate-limit, one memory
 * store per class). A client is its principal when authenticated, otherwise its IP address (IPv6 by
 * /56 network). Over the limit the response is 429 with Retry-After (RFC 6585, section 4) and the
 * RateLimit headers. Runs after authentication and access control, which it reads.
 */
export function rateLimits(limits: Record<RateLimitClass, number>): RequestHandler {
  const limiters = new Map<RateLimitClass, RequestHandler>();
  for (const limitClass of RATE_LIMIT_CLASSES) {
    limiters.set(
      limitClass,
      rateLimit({
        windowMs: WINDOW_MS,
        limit: limits[limitClass],
        standardHeaders: 'draft-7',
        legacyHeaders: false,
        keyGenerator: (req, res) => clientKey(req, res, limitClass),
        handler: (req, res, next) => {
          const retryAfter = retryAfterSeconds(req);
          logger.warn('Rate limit reached', { class: limitClass, client: clientKey(req, res, limitClass), limitPerMinute: limits[limitClass] });
          next(
            new TooManyRequestsHttpError(`More than ${limits[limitClass]} ${limitClass} requests in a minute; retry after ${retryAfter} s.`, {
              headers: { 'Retry-After': String(retryAfter) },
            }),
          );
        },
      }),
    );
  }
  return (req: Request, res: Response, next: NextFunction): void => {
    const limiter = limiters.get(rateLimitClass(req, res.locals.access as AccessRequirement | undefined))!;
    void limiter(req, res, next);
  };
}

/** Returns the seconds until the limiter's window for this request ends, at least 1. */
function retryAfterSeconds(req: Request): number {
  const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  return Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
}

function clientKey(req: Request, res: Response, limitClass: RateLimitClass): string {
  const principal = principalOf(res);
  if (limitClass !== 'login' && principal !== undefined && isAuthenticated(principal)) {
    return `principal:${principal.id}`;
  }
  return `ip:${ipKeyGenerator(req.socket.remoteAddress ?? '')}`;
}

/**
 * Limits failed authentications per IP address: requests that carry credentials and get 401 count, and
 * after `limit` of them in a minute every request from that address gets 429 until the window ends. This
 * slows down guessing of passwords and API keys. Runs before authentication.
 */
export function failedAuthenticationLimit(limit: number): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => req.headers.authorization === undefined,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    keyGenerator: (req) => `ip:${ipKeyGenerator(req.socket.remoteAddress ?? '')}`,
    handler: (req, _res, next) => {
      logger.warn('Too many failed authentications from one address', { ip: req.socket.remoteAddress, limitPerMinute: limit });
      const retryAfter = retryAfterSeconds(req);
      next(
        new TooManyRequestsHttpError(`More than ${limit} failed authentications from this address in a minute; retry after ${retryAfter} s.`, {
          headers: { 'Retry-After': String(retryAfter) },
        }),
      );
    },
  });
}

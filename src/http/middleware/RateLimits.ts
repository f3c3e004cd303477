import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { AccessRequirement } from '../../auth/AccessRules.js';
import { isAuthenticated } from '../../auth/Principal.js';
import { RATE_LIMIT_CLASSES, type RateLimitClass } from '../../config/SecurityConfig.js';
import { getLogger } from '../../logging/Logger.js';
import { TooManyRequestsHttpError } from '../HttpError.js';
import { principalOf } from './Authentication.js';
import { FixedWindowCounter, secondsUntil } from './FixedWindowCounter.js';

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
 * Limits requests per client and class within a one-minute window. A client is its principal when
 * authenticated, otherwise its IP address (IPv6 by /56 network, as express-rate-limit groups them).
 * Over the limit the response is 429 with Retry-After (RFC 6585, section 4) and the RateLimit-Policy
 * and RateLimit fields of the IETF draft "RateLimit header fields for HTTP" (version 7). Responses
 * within the limit carry no such fields, so the common path stays cheap. Runs after
 * authentication and access control, which it reads. The first rejection of a client in a window is
 * logged, the rest are not.
 */
export function rateLimits(limits: Record<RateLimitClass, number>): RequestHandler {
  const counters = new Map(RATE_LIMIT_CLASSES.map((limitClass) => [limitClass, new FixedWindowCounter(WINDOW_MS)] as const));
  return (req: Request, res: Response, next: NextFunction): void => {
    const limitClass = rateLimitClass(req, res.locals.access as AccessRequirement | undefined);
    const limit = limits[limitClass];
    const client = clientKey(req, res, limitClass);
    const window = counters.get(limitClass)!.increment(client);
    if (window.count <= limit) {
      next();
      return;
    }
    const retryAfter = secondsUntil(window.resetAt);
    if (window.count === limit + 1) {
      logger.warn('Rate limit reached; further rejections of this client in this minute are not logged', { class: limitClass, client, limitPerMinute: limit });
    }
    next(
      new TooManyRequestsHttpError(`More than ${limit} ${limitClass} requests in a minute; retry after ${retryAfter} s.`, {
        headers: { 'Retry-After': String(retryAfter), 'RateLimit-Policy': `${limit};w=${WINDOW_MS / 1000}`, RateLimit: `limit=${limit}, remaining=0, reset=${retryAfter}` },
      }),
    );
  };
}

function clientKey(req: Request, res: Response, limitClass: RateLimitClass): string {
  const principal = principalOf(res);
  if (limitClass !== 'login' && principal !== undefined && isAuthenticated(principal)) {
    return `principal:${principal.id}`;
  }
  return addressKey(req);
}

function addressKey(req: Request): string {
  const address = req.socket.remoteAddress ?? '';
  // ipKeyGenerator groups IPv6 addresses by /56 network; an IPv4 address is its own key.
  return `ip:${address.includes(':') ? ipKeyGenerator(address) : address}`;
}

/**
 * Limits failed authentications per IP address, which slows down guessing of passwords and API keys.
 * Authentication calls `record` for each request whose credentials fail. After `limit` of them in a
 * minute, `guard`, which runs before authentication, answers every request with credentials from that
 * address with 429 until the window ends. Requests without credentials never reach the counter.
 */
export class FailedAuthentications {
  private readonly failures = new FixedWindowCounter(WINDOW_MS);

  public constructor(private readonly limit: number) {}

  public guard(): RequestHandler {
    return (req: Request, _res: Response, next: NextFunction): void => {
      if (req.headers.authorization === undefined) {
        next();
        return;
      }
      const address = addressKey(req);
      const counted = this.failures.peek(address);
      if (counted === undefined || counted.count < this.limit) {
        next();
        return;
      }
      const retryAfter = secondsUntil(counted.resetAt);
      if (counted.count === this.limit) {
        // Counted once more, so this address is logged once per window.
        this.failures.increment(address);
        logger.warn('Too many failed authentications from one address; further rejections in this minute are not logged', { ip: req.socket.remoteAddress, limitPerMinute: this.limit });
      }
      next(new TooManyRequestsHttpError(`More than ${this.limit} failed authentications from this address in a minute; retry after ${retryAfter} s.`, { headers: { 'Retry-After': String(retryAfter) } }));
    };
  }

  /** Counts a request whose credentials failed authentication. */
  public record(req: Request): void {
    this.failures.increment(addressKey(req));
  }
}

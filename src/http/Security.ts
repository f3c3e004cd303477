import { Router, type Request, type RequestHandler } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { SESSION_MAX_AGE_MS } from '../auth/AuthSetup.js';
import { accessControl } from './middleware/AccessControl.js';
import { authentication } from './middleware/Authentication.js';
import { csrfGuard } from './middleware/CsrfGuard.js';
import { FailedAuthentications, rateLimits } from './middleware/RateLimits.js';
import type { ServerContext } from './ServerContext.js';


/**
 * Returns the security middleware, in order: response headers (helmet), the limit on failed
 * authentications, the browser session (when an identity provider is configured), the principal, the
 * cross-site write check, the route permissions and the rate limits.
 */
export function securityMiddleware(context: ServerContext): RequestHandler[] {
  const { auth, config, framing } = context;
  const { rateLimits: limits } = config.security;
  const handlers: RequestHandler[] = [securityHeaders(config.baseUrl.startsWith('https:'))];
  const failures = limits === undefined ? undefined : new FailedAuthentications(limits.login);
  if (failures !== undefined) {
    handlers.push(failures.guard());
  }
  if (auth.oidc !== undefined && auth.sessionStore !== undefined) {
    const base = new URL(config.baseUrl);
    const secure = base.protocol === 'https:';
    const browserSession = Router();
    browserSession.use(
      session({
        name: SESSION_COOKIE,
        secret: auth.sessionSecret,
        store: auth.sessionStore,
        resave: false,
        saveUninitialized: false,
        // Behind a TLS-terminating proxy the connection here is plain HTTP, so express-session reads X-Forwarded-Proto to see it was HTTPS.
        proxy: secure,
        cookie: { httpOnly: true, secure, sameSite: config.security.sessionSameSite, path: base.pathname, maxAge: SESSION_MAX_AGE_MS },
      }),
      ...auth.oidc.sessionMiddleware(),
    );
    handlers.push((req, res, next) => (usesBrowserSession(req) ? browserSession(req, res, next) : next()));
  }
  const ownOrigins = [...framing.allowedOrigins(), ...config.corsOrigins];
  handlers.push(authentication(auth.authenticator, auth.scopes, failures === undefined ? undefined : (req) => failures.record(req)), csrfGuard(() => ownOrigins), accessControl({ ...auth, shapes: context.shapes }));
  if (limits !== undefined) {
    handlers.push(rateLimits(limits));
  }
  return handlers;
}

const SESSION_COOKIE = 'dt.sid';
const SESSION_COOKIE_PATTERN = /(?:^|;\s*)dt\.sid=/;

/**
 * Returns whether a request needs the browser session: the login routes, and requests that carry the
 * session cookie but no Authorization header (which takes precedence). Other requests skip the
 * session and passport middleware, because express-session builds a session for every request it
 * handles, which costs API clients a noticeable share of their throughput (see docs/BENCHMARKS.md).
 */
function usesBrowserSession(req: Request): boolean {
  if (req.path.startsWith('/auth/')) {
    return true;
  }
  return req.headers.authorization === undefined && SESSION_COOKIE_PATTERN.test(req.headers.cookie ?? '');
}

/**
 * Sets helmet's security headers, except those the server sets itself or that would break OSLC
 * clients. FramePolicy owns Content-Security-Policy and X-Frame-Options, because dialogs and previews
 * list their framing origins and dialogs add their own script policy. Dialogs opened with window.open
 * must keep their opener, so there is no Cross-Origin-Opener-Policy, and other tools may load icons
 * and resources (Cross-Origin-Resource-Policy: cross-origin). HSTS is sent over HTTPS only (RFC 6797,
 * section 7.2). Headers for browsers that are no longer supported are left out, because each header
 * costs every response bytes and time: X-Download-Options (Internet Explorer 8),
 * X-Permitted-Cross-Domain-Policies (Flash and old Acrobat) and X-XSS-Protection (removed XSS filters).
 */
function securityHeaders(https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: false,
    frameguard: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
}

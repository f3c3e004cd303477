import type { RequestHandler } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { SESSION_MAX_AGE_MS } from '../auth/AuthSetup.js';
import { accessControl } from './middleware/AccessControl.js';
import { authentication } from './middleware/Authentication.js';
import { csrfGuard } from './middleware/CsrfGuard.js';
import { failedAuthenticationLimit, rateLimits } from './middleware/RateLimits.js';
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
  if (limits !== undefined) {
    handlers.push(failedAuthenticationLimit(limits.login));
  }
  if (auth.oidc !== undefined && auth.sessionStore !== undefined) {
    const base = new URL(config.baseUrl);
    const secure = base.protocol === 'https:';
    handlers.push(
      session({
        name: 'dt.sid',
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
  }
  const ownOrigins = [...framing.allowedOrigins(), ...config.corsOrigins];
  handlers.push(authentication(auth.authenticator, auth.scopes), csrfGuard(() => ownOrigins), accessControl({ ...auth, shapes: context.shapes }));
  if (limits !== undefined) {
    handlers.push(rateLimits(limits));
  }
  return handlers;
}

/**
 * Sets helmet's security headers, except those the server sets itself or that would break OSLC
 * clients. FramePolicy owns Content-Security-Policy and X-Frame-Options, because dialogs and previews
 * list their framing origins and dialogs add their own script policy. Dialogs opened with window.open
 * must keep their opener, so there is no Cross-Origin-Opener-Policy, and other tools may load icons
 * and resources (Cross-Origin-Resource-Policy: cross-origin). HSTS is sent over HTTPS only (RFC 6797,
 * section 7.2).
 */
function securityHeaders(https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: false,
    frameguard: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
}

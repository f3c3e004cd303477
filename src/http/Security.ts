import type { RequestHandler } from 'express';
import session from 'express-session';
import { SESSION_MAX_AGE_MS } from '../auth/AuthSetup.js';
import { accessControl } from './middleware/AccessControl.js';
import { authentication } from './middleware/Authentication.js';
import { csrfGuard } from './middleware/CsrfGuard.js';
import type { ServerContext } from './ServerContext.js';


/**
 * Returns the authentication and authorization middleware, in order: the browser session (when an identity
 * provider is configured), the principal, the cross-site write check and the route permissions.
 */
export function securityMiddleware(context: ServerContext): RequestHandler[] {
  const { auth, config, framing } = context;
  const handlers: RequestHandler[] = [];
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
  return handlers;
}

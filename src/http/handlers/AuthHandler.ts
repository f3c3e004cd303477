import { Router, type Request, type Response } from 'express';
import { NotFoundHttpError, UnauthorizedHttpError } from '../HttpError.js';
import { principalOf } from '../middleware/Authentication.js';
import type { ServerContext } from '../ServerContext.js';

/** Maximum length of the return path kept across a login. */
const MAX_RETURN_LENGTH = 2048;

/**
 * The browser login routes: `/auth/login` (to the identity provider), `/auth/callback` (the
 * redirect URI registered there), `/auth/logout`, and `/auth/me`, which returns who the request acts for.
 */
export function authRoutes(context: ServerContext): Router {
  const router = Router();
  const login = context.auth.oidc;

  router.get('/auth/me', (_req, res) => {
    const principal = principalOf(res);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ id: principal.id, name: principal.displayName, method: principal.method, roles: principal.roles, clearances: principal.clearances });
  });

  router.all('/auth/{*rest}', (req, _res, next) => {
    if (login === undefined) {
      throw new NotFoundHttpError(`${req.path} needs an identity provider, and none is configured; start the server with --oidc-issuer, or use API keys.`);
    }
    next();
  });

  router.get('/auth/login', (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.locals.auditAction = 'login.start';
    login!.start(req, res, next, safeReturnPath(req.query.returnTo));
  });

  router.get('/auth/callback', (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    login!.finish(req, res, next, (result) => {
      if ('failure' in result) {
        res.locals.auditAction = 'login.failed';
        res.locals.authenticationFailure = result.failure;
        next(new UnauthorizedHttpError(`Login failed: ${result.failure} Start again at ${context.urls.base}auth/login.`));
        return;
      }
      res.locals.auditAction = 'login';
      res.locals.principal = result.principal;
      res.redirect(302, new URL(result.returnTo.replace(/^\//, ''), context.urls.base).href);
    });
  });

  const logout = (req: Request, res: Response, next: (error?: unknown) => void): void => {
    res.locals.auditAction = 'logout';
    login!.logout(req, res, next, context.urls.base);
  };
  router.get('/auth/logout', logout);
  router.post('/auth/logout', logout);

  return router;
}

/**
 * Returns the path to go to after login: a path on this server only, so the login cannot be used to
 * redirect users to another site (an open redirect).
 */
function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_RETURN_LENGTH || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return '/';
  }
  return value;
}

import type { NextFunction, Request, Response } from 'express';
import { HIGHEST_LEVEL } from '../src/auth/ExportControl.js';
import { createPrincipal } from '../src/auth/Principal.js';
import { resolveConfig } from '../src/config/ServerConfig.js';
import { DigitalThreadServer } from '../src/server/DigitalThreadServer.js';

/**
 * The provider without its security middleware, for the benchmark's baseline of authentication and
 * authorization cost: no security headers, authentication, access control or rate limits. Every request
 * acts as a fully cleared administrator, so handlers take the same path as for such a user of the
 * secured server. The audit trail still runs. Usage: node UnsecuredServer.js PORT DATA_DIRECTORY
 */
const [port, dataDirectory] = process.argv.slice(2);
const config = resolveConfig({ host: '127.0.0.1', port, dataDirectory, logLevel: 'info', noSample: true, rateLimit: 'off' }, {});
const administrator = createPrincipal({ id: 'benchmark', displayName: 'the benchmark', roles: ['admin'], clearances: ['ITAR'], method: 'local' });

const server = await DigitalThreadServer.start(config, {
  printSecret: () => undefined,
  securityMiddleware: (context) => [
    (_req: Request, res: Response, next: NextFunction) => {
      res.locals.principal = administrator;
      res.locals.readScope = context.auth.scopes.forLevel(HIGHEST_LEVEL);
      next();
    },
  ],
});
process.once('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});

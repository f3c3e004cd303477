import { join } from 'node:path';
import express, { Router } from 'express';
import { PROJECT_ROOT } from '../../server/ProjectRoot.js';

/**
 * Scripts, styles and icons of the HTML pages, dialogs and previews, served from `public/` under
 * `/assets/` so that no page depends on a CDN.
 */
export function assetRoutes(): Router {
  const router = Router();
  router.use(
    '/assets',
    express.static(join(PROJECT_ROOT, 'public'), {
      index: false,
      // Short enough that an upgrade shows up within the hour without versioned file names.
      maxAge: '1h',
      setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
    }),
  );
  return router;
}

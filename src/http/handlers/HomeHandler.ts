import { Router, type Request, type Response } from 'express';
import { escapeHtml, htmlPage } from '../html/Html.js';
import type { ServerContext } from '../ServerContext.js';

/** The landing page at `/` for people, and `/health` for load balancers and container probes. */
export function homeRoutes(context: ServerContext): Router {
  const router = Router();

  const home = (req: Request, res: Response): void => {
    const providers = context.providers
      .list()
      .map((provider) => `<li><a href="${escapeHtml(provider.iri)}">${escapeHtml(provider.title)}</a>${provider.description === undefined ? '' : ` <span class="muted">${escapeHtml(provider.description)}</span>`}</li>`)
      .join('');
    const types = context.shapes
      .resourceTypes()
      .map((shape) => `<li><a href="${escapeHtml(shape.iri)}">${escapeHtml(shape.title)}</a></li>`)
      .join('');
    const body = `<h1>Digital Thread OSLC provider</h1>
<p>OSLC clients start at <a href="${escapeHtml(context.urls.rootServices)}"><code>${escapeHtml(context.urls.rootServices)}</code></a> or the catalog at <a href="${escapeHtml(context.urls.catalog)}"><code>${escapeHtml(context.urls.catalog)}</code></a>.</p>
<h2>Programmes</h2><ul class="plain">${providers === '' ? '<li class="muted">No service providers yet; load data with <code>digital-thread load</code>.</li>' : providers}</ul>
<h2>Resource types</h2><ul class="plain">${types}</ul>`;
    res.setHeader('Cache-Control', 'no-cache');
    context.responder.write(req, res, htmlPage('Home', body, { base: context.urls.base }), 'text/html; charset=utf-8');
  };
  router.get('/', home);
  router.head('/', home);

  router.get('/health', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok', providers: context.providers.list().length, quads: await context.store.size() });
  });
  return router;
}

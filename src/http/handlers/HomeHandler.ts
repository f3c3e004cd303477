import { Router, type Request, type Response } from 'express';
import { ResourceCounts } from '../../resources/ResourceCounts.js';
import { homePage, type ProviderOverview } from '../html/HomePage.js';
import type { ServerContext } from '../ServerContext.js';

/** Serves the landing page at `/` for people, and `/health` for load balancers and container probes. */
export function homeRoutes(context: ServerContext): Router {
  const router = Router();
  const counts = new ResourceCounts(context.store, context.shapes.resourceTypes());

  const home = async (req: Request, res: Response): Promise<void> => {
    const providers: ProviderOverview[] = [];
    for (const provider of context.providers.list()) {
      const types = await Promise.all(context.shapes.resourceTypes().map(async (shape) => ({ shape, count: await counts.count(provider.iri, shape) })));
      providers.push({ id: provider.id, iri: provider.iri, title: provider.title, types, ...(provider.description === undefined ? {} : { description: provider.description }) });
    }
    res.setHeader('Cache-Control', 'no-cache');
    context.responder.write(req, res, homePage(context.urls, providers), 'text/html; charset=utf-8');
  };
  router.get('/', home);
  router.head('/', home);

  router.get('/health', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok', providers: context.providers.list().length, quads: await context.store.size() });
  });
  return router;
}

import { Router, type Request, type Response } from 'express';
import { PreviewPages } from '../../previews/PreviewPage.js';
import { parsePreviewSize } from '../../previews/PreviewSize.js';
import { MethodNotAllowedHttpError } from '../HttpError.js';
import { missingResource, resolveExistingResource, resolveResourceTarget } from '../ResourceTarget.js';
import type { ServerContext } from '../ServerContext.js';

const ALLOWED = ['GET', 'HEAD', 'OPTIONS'];

/**
 * A second policy, enforced alongside the framing policy: the page loads its stylesheet, script and icons
 * from this server only and runs no inline script or style, so markup that slipped through escaping
 * could not run.
 */
const CONTENT_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

/**
 * Preview documents at `{resource}/preview?size=small|large` (OSLC Core 3.0 Resource Preview): HTML
 * pages that the origins allowed by `--frame-origin` may show in an iframe. They have no ETag, because
 * they show titles and counts read from other resources.
 */
export function previewRoutes(context: ServerContext): Router {
  const router = Router();
  const path = '/oslc/sp/:provider/:segment/:identifier/preview';
  const pages = new PreviewPages(context.store, context.vocabulary, context.urls);

  const read = async (req: Request, res: Response): Promise<void> => {
    // Framing is allowed before anything can fail, so that an error page also shows inside the host's frame.
    context.framing.allowEmbedding(res);
    res.append('Content-Security-Policy', CONTENT_POLICY);

    const target = resolveResourceTarget(context, req.params as Record<string, string>, 'preview');
    const size = parsePreviewSize(req.query.size);
    const quads = await context.store.readQuads(target.iri);
    if (quads === undefined) {
      throw missingResource(target.iri, 'preview');
    }
    const html = await pages.render({ iri: target.iri, shape: target.shape, quads }, size);
    context.responder.write(req, res, html, 'text/html; charset=utf-8', { headers: { 'Cache-Control': 'no-cache' } });
  };
  router.get(path, read);
  router.head(path, read);
  router.options(path, async (req, res) => {
    await resolveExistingResource(context, req.params as Record<string, string>, 'preview');
    res.setHeader('Allow', ALLOWED.join(', '));
    res.status(204).end();
  });
  router.all(path, (req) => {
    throw new MethodNotAllowedHttpError(req.method, ALLOWED);
  });
  return router;
}

import { Router, type Request, type Response } from 'express';
import { jsonLdContext } from '../../rdf/JsonLdContext.js';
import { MediaType } from '../../rdf/MediaType.js';
import type { ServerContext } from '../ServerContext.js';

/** Returns the routes of the `dt:` vocabulary at `/ns` and the JSON-LD context at `/ns/context.jsonld`. */
export function vocabularyRoutes(context: ServerContext): Router {
  const router = Router();

  const vocabulary = async (req: Request, res: Response): Promise<void> => {
    await context.responder.send(req, res, context.vocabulary.quads, { heading: 'Digital thread vocabulary' });
  };
  router.get('/ns', vocabulary);
  router.head('/ns', vocabulary);

  const contextDocument = (req: Request, res: Response): void => {
    // The context is public and contains no user data, so any origin may read it (JSON-LD processors in
    // browsers fetch it). A listed origin keeps the credentialed answer the CORS middleware gave it.
    if (!res.hasHeader('Access-Control-Allow-Origin')) {
      res.setHeader('Access-Control-Allow-Origin', '*');
    }
    res.setHeader('Cache-Control', 'public, max-age=3600');
    context.responder.write(req, res, JSON.stringify(jsonLdContext(), null, 2), MediaType.jsonLd);
  };
  router.get('/ns/context.jsonld', contextDocument);
  router.head('/ns/context.jsonld', contextDocument);
  return router;
}

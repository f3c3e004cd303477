import { Router } from 'express';
import { NotImplementedHttpError } from '../HttpError.js';
import type { ServerContext } from '../ServerContext.js';

/**
 * Delegated selection and creation dialogs advertised in the service providers.
 * NOTE: the dialog pages are not built yet; the URLs answer 501 so that clients see an explicit
 * oslc:Error rather than a missing page.
 */
export function dialogRoutes(_context: ServerContext): Router {
  const router = Router();
  const notYet = (): never => {
    throw new NotImplementedHttpError('Delegated dialogs are not available in this version of the server; link resources by IRI or find them with the query capability.');
  };
  router.all('/oslc/sp/:provider/selector', notYet);
  router.all('/oslc/sp/:provider/:segment/selector', notYet);
  router.all('/oslc/sp/:provider/:segment/creator', notYet);
  return router;
}

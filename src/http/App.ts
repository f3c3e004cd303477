import express, { type Express, type RequestHandler } from 'express';
import { errorHandler } from './ErrorHandler.js';
import { assetRoutes } from './handlers/AssetHandler.js';
import { authRoutes } from './handlers/AuthHandler.js';
import { BOM_PATH, bomRoutes } from './handlers/BomHandler.js';
import { compactRoutes } from './handlers/CompactHandler.js';
import { containerRoutes } from './handlers/ContainerHandler.js';
import { dialogRoutes } from './handlers/DialogHandler.js';
import { discoveryRoutes } from './handlers/DiscoveryHandler.js';
import { graphStoreRoutes } from './handlers/GraphStoreHandler.js';
import { homeRoutes } from './handlers/HomeHandler.js';
import { importRoutes } from './handlers/ImportHandler.js';
import { previewRoutes } from './handlers/PreviewHandler.js';
import { queryRoutes } from './handlers/QueryHandler.js';
import { resourceRoutes } from './handlers/ResourceHandler.js';
import { shapeRoutes } from './handlers/ShapeHandler.js';
import { sparqlRoutes } from './handlers/SparqlHandler.js';
import { traceabilityRoutes } from './handlers/TraceabilityHandler.js';
import { vocabularyRoutes } from './handlers/VocabularyHandler.js';
import { NotFoundHttpError } from './HttpError.js';
import { cors } from './middleware/Cors.js';
import { oslcVersion } from './middleware/OslcVersion.js';
import { auditTrail } from './middleware/AuditTrail.js';
import { localsOf, requestContext } from './middleware/RequestContext.js';
import { securityMiddleware } from './Security.js';
import type { ServerContext } from './ServerContext.js';

/**
 * Assembles the express application. Resource routes come first because they take most of the
 * traffic. They pass the reserved last segments of query capabilities and dialogs (`.../query`,
 * `.../selector`, `.../creator`) on to the later routers. `security` replaces the authentication and
 * authorization middleware only where their cost is measured (bench/UnsecuredServer.ts).
 */
export function createApp(context: ServerContext, security: RequestHandler[] = securityMiddleware(context)): Express {
  const app = express();
  app.disable('x-powered-by');
  // ETags come from resource versions, not from hashing bodies.
  app.set('etag', false);

  app.use(requestContext);
  // Pages may be framed by the server itself only, unless a handler marks them embeddable.
  app.use((_req, res, next) => {
    context.framing.sameOriginOnly(res);
    next();
  });
  app.use(cors(context.config.corsOrigins));
  app.use(oslcVersion);
  app.use(auditTrail(context.audit));
  // Before authentication, so that a 401 or 403 from these JSON endpoints is JSON too.
  app.use([BOM_PATH, '/import'], (_req, res, next) => {
    localsOf(res).jsonErrors = true;
    next();
  });
  app.use(security);

  app.use(authRoutes(context));

  app.use(resourceRoutes(context));
  app.use(bomRoutes(context));
  app.use(compactRoutes(context));
  app.use(previewRoutes(context));
  app.use(assetRoutes());
  app.use(sparqlRoutes(context));
  app.use(graphStoreRoutes(context));
  app.use(importRoutes(context));
  app.use(homeRoutes(context));
  app.use(discoveryRoutes(context));
  app.use(shapeRoutes(context));
  app.use(vocabularyRoutes(context));
  app.use(dialogRoutes(context));
  app.use(queryRoutes(context));
  app.use(traceabilityRoutes(context));
  app.use(containerRoutes(context));

  app.use((req) => {
    throw new NotFoundHttpError(`Nothing exists at ${req.path}; OSLC clients start at /rootservices or /oslc/catalog.`);
  });
  app.use(errorHandler(context.responder, context.urls.base));
  return app;
}

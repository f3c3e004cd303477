import { Router, type Request, type Response } from 'express';
import { MediaType } from '../../rdf/MediaType.js';
import { parseRdf } from '../../rdf/RdfParser.js';
import { buildCatalog } from '../../oslc/discovery/CatalogDocument.js';
import { rootServicesXml } from '../../oslc/discovery/RootServicesDocument.js';
import { buildServiceProvider, typesByDomain } from '../../oslc/discovery/ServiceProviderDocument.js';
import { negotiate, parseAccept } from '../Accept.js';
import { NotFoundHttpError } from '../HttpError.js';
import type { ServerContext } from '../ServerContext.js';

/**
 * Discovery (OSLC Core 3.0 Discovery and the Jazz root services convention): `/rootservices`,
 * `/.well-known/oslc/rootservices.xml`, `/.well-known/oslc/sp-catalog`, the catalog and the service
 * providers. All of them are public, because OSLC clients read them before they authenticate.
 */
export function discoveryRoutes(context: ServerContext): Router {
  const router = Router();

  const rootServices = (req: Request, res: Response): Promise<void> => sendRootServices(context, req, res);
  router.get('/rootservices', rootServices);
  router.head('/rootservices', rootServices);
  router.get('/.well-known/oslc/rootservices.xml', rootServices);
  router.head('/.well-known/oslc/rootservices.xml', rootServices);

  router.get('/.well-known/oslc/sp-catalog', (_req, res) => {
    res.redirect(302, context.urls.catalog);
  });
  // Only the paths above are defined under /.well-known/oslc/.
  router.all('/.well-known/oslc/{*rest}', (req) => {
    throw new NotFoundHttpError(`${req.path} is not a defined OSLC well-known resource; use /.well-known/oslc/rootservices.xml or /.well-known/oslc/sp-catalog.`);
  });

  const catalog = async (req: Request, res: Response): Promise<void> => {
    await context.responder.send(req, res, buildCatalog(context.providers, context.shapes, context.urls), { subject: context.urls.catalog });
  };
  router.get('/oslc/catalog', catalog);
  router.head('/oslc/catalog', catalog);

  const provider = async (req: Request, res: Response): Promise<void> => {
    const id = (req.params as { provider: string }).provider;
    const record = context.providers.get(id);
    if (record === undefined) {
      throw new NotFoundHttpError(`No service provider "${id}" exists; the catalog at ${context.urls.catalog} lists them.`);
    }
    await context.responder.send(req, res, buildServiceProvider(record, context.shapes, context.urls), {
      subject: record.iri,
      headers: { 'Cache-Control': 'no-cache' },
    });
  };
  router.get('/oslc/sp/:provider', provider);
  router.head('/oslc/sp/:provider', provider);
  return router;
}

/**
 * Root services are RDF/XML unless the client prefers another RDF syntax: Jazz clients send no Accept,
 * `application/xml` or `application/rdf+xml`, and all of those get the RDF/XML document.
 */
async function sendRootServices(context: ServerContext, req: Request, res: Response): Promise<void> {
  const xml = rootServicesXml(context.urls, [...typesByDomain(context.shapes).keys()]);
  const preferred = negotiate(parseAccept(req.headers.accept), [MediaType.rdfXml, MediaType.xml, MediaType.turtle, MediaType.jsonLd, MediaType.ntriples]);
  if (preferred === MediaType.turtle || preferred === MediaType.jsonLd || preferred === MediaType.ntriples) {
    const quads = await parseRdf(xml, MediaType.rdfXml, context.urls.rootServices, context.urls.base);
    await context.responder.send(req, res, quads, { html: false });
    return;
  }
  context.responder.write(req, res, xml, MediaType.rdfXml);
}

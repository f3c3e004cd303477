import type { Quad } from '@rdfjs/types';
import { GraphBuilder } from '../../rdf/GraphBuilder.js';
import { DCTERMS, OSLC } from '../../rdf/namespaces.js';
import type { ShapeRegistry } from '../../shapes/ShapeRegistry.js';
import type { OslcUrls } from '../OslcUrls.js';
import type { ServiceProviderRegistry } from '../ServiceProviderRegistry.js';
import { typesByDomain } from './ServiceProviderDocument.js';

export const CATALOG_TITLE = 'Digital Thread OSLC Catalog';

/**
 * Builds the service provider catalog (OSLC Core 3.0 Discovery): the domains offered and one entry per
 * programme. Each entry repeats the provider's title as an XML literal, which OSLC 2.0 clients such as
 * oslc-client match when they pick a provider by title.
 */
export function buildCatalog(providers: ServiceProviderRegistry, shapes: ShapeRegistry, urls: OslcUrls): Quad[] {
  const graph = new GraphBuilder();
  const catalog = urls.catalog;
  graph.type(catalog, OSLC('ServiceProviderCatalog'));
  graph.xmlLiteral(catalog, DCTERMS('title'), CATALOG_TITLE);
  graph.literal(catalog, DCTERMS('description'), 'Programmes of the aerospace digital thread: parts and BOMs, non-conformance reports, requirements and tests, telemetry summaries and certification evidence.');

  const publisher = graph.blank();
  graph.add(catalog, DCTERMS('publisher'), publisher);
  graph.type(publisher, OSLC('Publisher'));
  graph.literal(publisher, DCTERMS('title'), 'digital-thread-oslc');
  graph.literal(publisher, DCTERMS('identifier'), 'digital-thread-oslc');

  for (const domain of typesByDomain(shapes).keys()) {
    graph.add(catalog, OSLC('domain'), domain);
  }

  for (const provider of providers.list()) {
    graph.add(catalog, OSLC('serviceProvider'), provider.iri);
    graph.type(provider.iri, OSLC('ServiceProvider'));
    graph.xmlLiteral(provider.iri, DCTERMS('title'), provider.title);
    graph.literal(provider.iri, DCTERMS('identifier'), provider.id);
    if (provider.description !== undefined) {
      graph.literal(provider.iri, DCTERMS('description'), provider.description);
    }
    graph.add(provider.iri, OSLC('details'), provider.iri);
  }
  return graph.quads;
}

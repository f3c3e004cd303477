import type { Quad } from '@rdfjs/types';
import { GraphBuilder } from '../../rdf/GraphBuilder.js';
import { DCTERMS, OSLC, PREFIXES } from '../../rdf/namespaces.js';
import { queryResultShapeIri } from '../../shapes/QueryResultShape.js';
import { isComputed, type ResourceTypeShape } from '../../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../../shapes/ShapeRegistry.js';
import type { OslcUrls } from '../OslcUrls.js';
import type { ServiceProviderRecord } from '../ServiceProviderRegistry.js';
import { DIALOG_HINTS, DOMAIN_TITLES } from './Domains.js';

/**
 * Builds a service provider document (OSLC Core 3.0 Discovery): the provider's stored description
 * plus one `oslc:Service` per domain, each listing the creation factories, query capabilities and
 * dialogs of the resource types whose shapes name that domain. Nothing here is written per type.
 * Computed types (`dt:computedBy`) get only a query capability and a selection dialog, because
 * clients cannot create them.
 */
export function buildServiceProvider(provider: ServiceProviderRecord, shapes: ShapeRegistry, urls: OslcUrls): Quad[] {
  const graph = new GraphBuilder();
  const sp = provider.iri;

  // The stored description, with the title also given as an XML literal as OSLC 2.0 clients expect.
  for (const quad of provider.quads) {
    if (quad.subject.value === sp && quad.predicate.value === DCTERMS('title')) {
      continue;
    }
    graph.quads.push(quad);
  }
  graph.xmlLiteral(sp, DCTERMS('title'), provider.title);
  graph.add(sp, OSLC('details'), sp);

  for (const [prefix, namespace] of Object.entries(PREFIXES)) {
    const definition = graph.blank();
    graph.add(sp, OSLC('prefixDefinition'), definition);
    graph.type(definition, OSLC('PrefixDefinition'));
    graph.literal(definition, OSLC('prefix'), prefix);
    graph.add(definition, OSLC('prefixBase'), namespace);
  }

  for (const [domain, types] of typesByDomain(shapes)) {
    const service = graph.blank();
    graph.add(sp, OSLC('service'), service);
    graph.type(service, OSLC('Service'));
    graph.add(service, OSLC('domain'), domain);
    graph.literal(service, DCTERMS('title'), DOMAIN_TITLES[domain] ?? domain);

    // Jazz clients open the first selection dialog a service lists, so the type chooser comes first.
    const chooser = graph.blank();
    graph.add(service, OSLC('selectionDialog'), chooser);
    graph.type(chooser, OSLC('Dialog'));
    graph.literal(chooser, DCTERMS('title'), `Select a ${DOMAIN_TITLES[domain] ?? 'resource'} resource in ${provider.title}`);
    graph.literal(chooser, OSLC('label'), 'Any type');
    graph.add(chooser, OSLC('dialog'), `${urls.selectionDialog(provider.id)}?domain=${encodeURIComponent(domain)}`);
    graph.literal(chooser, OSLC('hintWidth'), DIALOG_HINTS.width);
    graph.literal(chooser, OSLC('hintHeight'), DIALOG_HINTS.height);
    graph.add(chooser, OSLC('usage'), OSLC('default'));
    for (const type of types) {
      for (const resourceType of type.describes) {
        graph.add(chooser, OSLC('resourceType'), resourceType);
      }
    }

    for (const type of types) {
      addResourceType(graph, service, provider, type, urls);
    }
  }
  return graph.quads;
}

function addResourceType(graph: GraphBuilder, service: Quad['subject'], provider: ServiceProviderRecord, type: ResourceTypeShape, urls: OslcUrls): void {
  const describe = (node: Quad['subject'], title: string, shape = type.iri): void => {
    graph.literal(node, DCTERMS('title'), title);
    graph.literal(node, OSLC('label'), type.title);
    for (const resourceType of type.describes) {
      graph.add(node, OSLC('resourceType'), resourceType);
    }
    graph.add(node, OSLC('resourceShape'), shape);
  };

  if (!isComputed(type)) {
    const factory = graph.blank();
    graph.add(service, OSLC('creationFactory'), factory);
    graph.type(factory, OSLC('CreationFactory'));
    describe(factory, `Create ${type.title}`);
    graph.add(factory, OSLC('creation'), urls.factory(provider.id, type.pathSegment));
  }

  const query = graph.blank();
  graph.add(service, OSLC('queryCapability'), query);
  graph.type(query, OSLC('QueryCapability'));
  describe(query, `Query ${type.title}`, queryResultShapeIri(type));
  graph.add(query, OSLC('queryBase'), urls.queryBase(provider.id, type.pathSegment));

  const dialog = (property: 'selectionDialog' | 'creationDialog', title: string, url: string): void => {
    const node = graph.blank();
    graph.add(service, OSLC(property), node);
    graph.type(node, OSLC('Dialog'));
    describe(node, title);
    graph.add(node, OSLC('dialog'), url);
    graph.literal(node, OSLC('hintWidth'), DIALOG_HINTS.width);
    graph.literal(node, OSLC('hintHeight'), DIALOG_HINTS.height);
  };
  dialog('selectionDialog', `Select ${type.title}`, urls.selectionDialog(provider.id, type.pathSegment));
  if (!isComputed(type)) {
    dialog('creationDialog', `Create ${type.title}`, urls.creationDialog(provider.id, type.pathSegment));
  }
}

/** Resource types grouped by service domain, in shape order. */
export function typesByDomain(shapes: ShapeRegistry): Map<string, ResourceTypeShape[]> {
  const domains = new Map<string, ResourceTypeShape[]>();
  for (const type of shapes.resourceTypes()) {
    for (const domain of type.serviceDomains) {
      const list = domains.get(domain) ?? [];
      list.push(type);
      domains.set(domain, list);
    }
  }
  return domains;
}


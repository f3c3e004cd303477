import type { Quad } from '@rdfjs/types';
import { OSLC_PLM } from '../rdf/namespaces.js';
import { readDirectLines } from '../resources/BomStructure.js';
import { readSummaries } from '../resources/ResourceSummaries.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { ServerContext } from './ServerContext.js';

/**
 * Reads what the page of a stored resource shows and renders it: the resource's graph, the identifiers
 * and titles of the resources it links to, the resources that link to it, and for a part its direct
 * BOM lines. Returns undefined when the resource does not exist.
 */
export async function renderResourcePage(context: ServerContext, iri: string, shape: ResourceTypeShape): Promise<string | undefined> {
  const quads = await context.store.readQuads(iri);
  const location = context.urls.parseResource(iri);
  const provider = location === undefined ? undefined : context.providers.get(location.provider);
  if (quads === undefined || provider === undefined) {
    return undefined;
  }

  const isPart = shape.describes.includes(OSLC_PLM('Part'));
  const [summaries, incoming, bom] = await Promise.all([
    readSummaries(context.store, linkedResources(quads, context)),
    context.incomingLinks.read(iri, shape),
    isPart ? readDirectLines(context.store, iri) : Promise.resolve(undefined),
  ]);
  return context.renderer.renderResource({
    iri,
    shape,
    quads,
    provider: { id: provider.id, iri: provider.iri, title: provider.title },
    summaries,
    incoming,
    ...(bom === undefined ? {} : { bom }),
  });
}

/** IRIs under this server's base URL that the graph links to: resources and service providers. */
function linkedResources(quads: readonly Quad[], context: ServerContext): string[] {
  return quads.filter((quad) => quad.object.termType === 'NamedNode' && quad.object.value.startsWith(context.urls.base)).map((quad) => quad.object.value);
}

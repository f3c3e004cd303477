import type { Literal, Quad } from '@rdfjs/types';
import type { OslcUrls } from '../../oslc/OslcUrls.js';
import { compactIri, DCTERMS, DT, OSLC_PLM } from '../../rdf/namespaces.js';
import type { BomLine } from '../../resources/BomStructure.js';
import type { IncomingLinkGroup } from '../../resources/IncomingLinks.js';
import type { ResourceTypeShape } from '../../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../../shapes/ShapeRegistry.js';
import { FORMAT_CHOICES } from '../FormatParameter.js';
import { bomLineCount, bomSection } from './BomSection.js';
import { escapeHtml, htmlPage, type AlternateLink } from './Html.js';
import { incomingLinksSection } from './IncomingLinksSection.js';
import { indexBySubject, type PropertyTable } from './PropertyTable.js';
import { listingQueryUrl } from './QueryLinks.js';
import { telemetryTrendCell } from './TelemetryTrendCell.js';
import { literalText } from './XhtmlFragment.js';
import type { SummaryLookup, TermFormatter } from './TermFormatter.js';
import type { Vocabulary } from '../../vocab/Vocabulary.js';

/** Content of the page of a stored OSLC resource. */
export interface ResourcePageData {
  iri: string;
  shape: ResourceTypeShape;
  /** The resource's graph. */
  quads: readonly Quad[];
  provider: { id: string; iri: string; title: string };
  /** Identifiers and titles of the resources it links to. */
  summaries: SummaryLookup;
  incoming: readonly IncomingLinkGroup[];
  /** First level of the BOM when the resource is an assembly. */
  bom?: readonly BomLine[];
}

/** The renderer's services a resource page uses. */
export interface ResourcePageContext {
  urls: OslcUrls;
  shapes: ShapeRegistry;
  formatter: TermFormatter;
  table: PropertyTable;
  vocabulary: Vocabulary;
}

/**
 * Renders the page of a resource: breadcrumbs, title and identifier, links to the RDF formats of the
 * same resource, the properties in shape order (a telemetry trend as a sparkline and a table), the BOM
 * tree of an assembly, and the resources that link to it.
 */
export function renderResourcePage(data: ResourcePageData, context: ResourcePageContext): string {
  const index = indexBySubject(data.quads);
  const own = index.get(data.iri) ?? [];
  const title = literalOf(own, DCTERMS('title')) ?? compactIri(data.iri);
  const identifier = literalOf(own, DCTERMS('identifier'));
  const hasBom = data.bom !== undefined && data.bom.length > 0;

  const cells = new Map<string, string>();
  if (hasBom) {
    cells.set(OSLC_PLM('composedOfPartUsage'), `<a href="#bom">${escapeHtml(bomLineCount(data.bom!))}</a>, listed in the BOM structure below`);
  }
  const trend = data.shape.describes.includes(DT('TelemetrySummary')) ? telemetryTrendCell(data.iri, data.quads, context.vocabulary) : undefined;
  if (trend !== undefined) {
    cells.set(DT('trend'), trend);
  }

  const body = [
    breadcrumbs(data, identifier ?? title, context.urls),
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="resource-meta"><span class="badge">${escapeHtml(data.shape.title)}</span>${identifier === undefined ? '' : ` <span class="identifier">${escapeHtml(identifier)}</span>`} <code class="iri">${escapeHtml(data.iri)}</code></p>`,
    formatLinks(data.iri),
    '<section class="properties" aria-labelledby="properties-heading"><h2 id="properties-heading">Properties</h2>',
    context.table.render(own, index, { caption: `Properties of ${title}`, shape: data.shape, summaries: data.summaries, cells }),
    '</section>',
    hasBom ? bomSection(data.iri, literalOf(own, DT('partNumber')) ?? identifier ?? title, data.bom!, context.formatter) : '',
    incomingLinksSection(data.iri, data.shape.title, data.incoming, { urls: context.urls, shapes: context.shapes, label: (iri) => context.formatter.propertyLabel(iri) }),
  ].join('\n');

  return htmlPage(title, body, { base: context.urls.base, alternates: alternates(data.iri), ...(hasBom ? { scripts: ['pages.js'] } : {}) });
}

function breadcrumbs(data: ResourcePageData, current: string, urls: OslcUrls): string {
  const typeList = listingQueryUrl(urls, data.provider.id, data.shape.pathSegment);
  return `<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
<li><a href="${escapeHtml(urls.base)}">Home</a></li>
<li><a href="${escapeHtml(data.provider.iri)}">${escapeHtml(data.provider.title)}</a></li>
<li><a href="${escapeHtml(typeList)}">${escapeHtml(data.shape.title)} resources</a></li>
<li><span aria-current="page">${escapeHtml(current)}</span></li>
</ol></nav>`;
}

/** Links to the resource's RDF representations through `?format=`, which browsers can follow. */
function formatLinks(iri: string): string {
  const items = FORMAT_CHOICES.map(
    (choice) => `<li><a href="${escapeHtml(`${iri}?format=${choice.value}`)}" type="${escapeHtml(choice.representation.format)}">${escapeHtml(choice.label)}</a></li>`,
  ).join('');
  return `<nav class="formats" aria-label="RDF formats"><span>This resource as</span><ul>${items}</ul></nav>`;
}

function alternates(iri: string): AlternateLink[] {
  return FORMAT_CHOICES.map((choice) => ({ href: `${iri}?format=${choice.value}`, type: choice.representation.format, title: choice.label }));
}

function literalOf(quads: readonly Quad[], predicate: string): string | undefined {
  const object = quads.find((quad) => quad.predicate.value === predicate && quad.object.termType === 'Literal')?.object;
  return object === undefined ? undefined : literalText(object as Literal);
}

import type { OslcUrls } from '../../oslc/OslcUrls.js';
import type { ResourceTypeShape } from '../../shapes/ResourceShape.js';
import { escapeHtml, htmlPage } from './Html.js';
import { listingQueryUrl } from './QueryLinks.js';

/** A service provider as the landing page lists it, with its number of resources per type. */
export interface ProviderOverview {
  id: string;
  iri: string;
  title: string;
  description?: string;
  types: { shape: ResourceTypeShape; count: number }[];
}

/** Places to start, in the order the page lists them. */
function entryPoints(urls: OslcUrls): { href: string; label: string; description: string }[] {
  return [
    { href: urls.catalog, label: 'Service provider catalog', description: 'OSLC discovery: the programmes and the services each one offers.' },
    { href: urls.rootServices, label: 'Root services', description: 'The Jazz discovery document that DOORS Next, ELM and other Jazz clients start from.' },
    { href: `${urls.base}sparql`, label: 'SPARQL query', description: 'Query editor over every resource, with example queries such as BOM explosion and where-used.' },
    { href: urls.shapesBase.slice(0, -1), label: 'Resource shapes', description: 'The properties of each resource type, with their value types and cardinalities.' },
    { href: urls.vocabulary, label: 'Vocabulary', description: 'The dt: terms this server defines where OSLC and Dublin Core have none.' },
  ];
}

/**
 * Renders the landing page at `/`: where OSLC clients and people start, then one table per programme
 * with its resource types, their counts, a query listing each type and the delegated selection dialogs.
 */
export function homePage(urls: OslcUrls, providers: readonly ProviderOverview[]): string {
  const starts = entryPoints(urls)
    .map((entry) => `<li><a href="${escapeHtml(entry.href)}">${escapeHtml(entry.label)}</a><p>${escapeHtml(entry.description)}</p></li>`)
    .join('');
  const programmes =
    providers.length === 0
      ? '<p class="muted">No service providers yet; load data with <code>digital-thread load</code>.</p>'
      : providers.map((provider) => providerSection(urls, provider)).join('\n');
  const body = `<h1>Digital Thread OSLC provider</h1>
<p class="lead">Linked data for an aerospace programme's digital thread: parts and multi-level BOMs, non-conformance reports, requirements with their tests, fleet telemetry and certification evidence.</p>
<section aria-labelledby="start-heading"><h2 id="start-heading">Start here</h2><ul class="entry-points">${starts}</ul></section>
<section aria-labelledby="programmes-heading"><h2 id="programmes-heading">Programmes</h2>
${programmes}
</section>`;
  return htmlPage('Home', body, { base: urls.base });
}

function providerSection(urls: OslcUrls, provider: ProviderOverview): string {
  const headingId = `provider-${provider.id}`;
  const rows = provider.types
    .map(({ shape, count }) => {
      const context = `<span class="visually-hidden"> ${escapeHtml(shape.title)} resources of ${escapeHtml(provider.title)}</span>`;
      return `<tr><th scope="row"><a href="${escapeHtml(shape.iri)}">${escapeHtml(shape.title)}</a></th>`
        + `<td class="number">${count}</td>`
        + `<td><a href="${escapeHtml(listingQueryUrl(urls, provider.id, shape.pathSegment))}">List${context}</a></td>`
        + `<td><a href="${escapeHtml(urls.selectionDialog(provider.id, shape.pathSegment))}">Select${context}</a></td></tr>`;
    })
    .join('');
  const description = provider.description === undefined ? '' : `<p>${escapeHtml(provider.description)}</p>`;
  return `<section class="programme" aria-labelledby="${headingId}">
<h3 id="${headingId}"><a href="${escapeHtml(provider.iri)}">${escapeHtml(provider.title)}</a></h3>
${description}
<p><a href="${escapeHtml(urls.selectionDialog(provider.id))}">Select any resource of ${escapeHtml(provider.title)}</a> <span class="muted">(delegated selection dialog)</span></p>
<p><a href="${escapeHtml(`${provider.iri}/traceability`)}">Traceability and gap report of ${escapeHtml(provider.title)}</a> <span class="muted">(DO-178C, DO-254 and ECSS evidence)</span></p>
<table class="overview"><caption class="visually-hidden">Resource types of ${escapeHtml(provider.title)}</caption>
<thead><tr><th scope="col">Resource type</th><th scope="col" class="number">Resources</th><th scope="col">Query</th><th scope="col">Selection dialog</th></tr></thead>
<tbody>${rows}</tbody></table>
</section>`;
}

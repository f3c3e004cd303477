import type { OslcUrls } from '../../oslc/OslcUrls.js';
import { compactIri, DT, OSLC_CM, OSLC_PLM, OSLC_QM, OSLC_RM } from '../../rdf/namespaces.js';
import type { IncomingLinkGroup } from '../../resources/IncomingLinks.js';
import type { ShapeRegistry } from '../../shapes/ShapeRegistry.js';
import { escapeHtml } from './Html.js';
import { linkingQueryUrl } from './QueryLinks.js';
import { resourceLabel } from './TermFormatter.js';

/**
 * Headings for resources that link here, by linking property, read from the target's side; groups
 * appear in this order. Properties not listed get a heading from their label.
 */
const HEADINGS: [property: string, heading: string][] = [
  [OSLC_PLM('representsPart'), 'Used in BOM lines'],
  [OSLC_PLM('affectsPart'), 'Non-conformance reports'],
  [OSLC_CM('affectsRequirement'), 'Non-conformance reports'],
  [OSLC_QM('validatesRequirement'), 'Verified by test cases'],
  [OSLC_PLM('validatesPart'), 'Verified by test cases'],
  [OSLC_QM('reportsOnTestCase'), 'Test results'],
  [OSLC_RM('validatedBy'), 'Requirements validated by this test case'],
  [OSLC_RM('decomposes'), 'Decomposed into'],
  [OSLC_RM('satisfiedBy'), 'Requirements satisfied'],
  [DT('covers'), 'Evidence'],
  [DT('satisfiesObjective'), 'Evidence'],
  [DT('asset'), 'Telemetry summaries'],
  [OSLC_PLM('effectiveForEndItem'), 'Effectivity ranges that name this end item'],
];

const HEADING_BY_PROPERTY = new Map(HEADINGS);
const RANK = new Map(HEADINGS.map(([property], index) => [property, index]));

export interface IncomingLinksContext {
  urls: OslcUrls;
  shapes: ShapeRegistry;
  /** Label of a property, for groups without a heading of their own. */
  label: (iri: string) => string;
}

/**
 * Renders the section "Links to this …": one list per linking property with identifier and title of
 * each linking resource, and for a capped list a line "and N more" that links to the OSLC queries
 * that find them all.
 */
export function incomingLinksSection(target: string, typeTitle: string, groups: readonly IncomingLinkGroup[], context: IncomingLinksContext): string {
  const heading = `Links to this ${typeTitle.toLowerCase()}`;
  if (groups.length === 0) {
    return `<section class="incoming" aria-labelledby="incoming-heading"><h2 id="incoming-heading">${escapeHtml(heading)}</h2><p class="muted">No other resource links to this one.</p></section>`;
  }
  const ordered = [...groups].sort((a, b) => rank(a.property) - rank(b.property) || context.label(a.property).localeCompare(context.label(b.property)));
  const lists = ordered.map((group, index) => groupHtml(target, group, `incoming-${index + 1}`, context)).join('');
  return `<section class="incoming" aria-labelledby="incoming-heading"><h2 id="incoming-heading">${escapeHtml(heading)}</h2>${lists}</section>`;
}

function rank(property: string): number {
  return RANK.get(property) ?? HEADINGS.length;
}

function groupHtml(target: string, group: IncomingLinkGroup, id: string, context: IncomingLinksContext): string {
  const title = HEADING_BY_PROPERTY.get(group.property) ?? `Linked through ${context.label(group.property)}`;
  const items = group.sources.map((source) => `<li><a href="${escapeHtml(source.iri)}">${resourceLabel(source)}</a></li>`).join('');
  const hidden = group.total - group.sources.length;
  const more = hidden > 0 ? `<p class="more">${moreLine(target, group, hidden, context)}</p>` : '';
  return `<div class="incoming-group"><h3 id="${id}">${escapeHtml(title)} <span class="count">(${group.total})</span></h3>`
    + `<p class="property-name">through ${escapeHtml(context.label(group.property))} <code>${escapeHtml(compactIri(group.property))}</code></p>`
    + `<ul class="links" aria-labelledby="${id}">${items}</ul>${more}</div>`;
}

/** "and N more", with one query link per provider and type of the linking resources. */
function moreLine(target: string, group: IncomingLinkGroup, hidden: number, context: IncomingLinksContext): string {
  const links: string[] = [];
  for (const count of group.counts) {
    const provider = count.provider === undefined ? undefined : context.urls.parseProvider(count.provider);
    const shape = count.shape === undefined ? undefined : context.shapes.byIri(count.shape);
    if (provider === undefined || shape?.pathSegment === undefined) {
      continue;
    }
    const href = linkingQueryUrl(context.urls, provider, shape.pathSegment, group.property, target);
    links.push(`<a href="${escapeHtml(href)}">all ${count.count} ${escapeHtml(shape.title)} resources of ${escapeHtml(provider)}</a>`);
  }
  const text = `and ${hidden} more`;
  return links.length === 0 ? escapeHtml(text) : `${escapeHtml(text)}: query ${links.join(', ')}`;
}

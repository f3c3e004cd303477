import type { Literal, Quad, Term } from '@rdfjs/types';
import { escapeHtml } from '../http/html/Html.js';
import { literalText } from '../http/html/XhtmlFragment.js';
import { errorMessage, getLogger } from '../logging/Logger.js';
import type { OslcUrls } from '../oslc/OslcUrls.js';
import type { QueryScope } from '../query/QueryScope.js';
import { DCTERMS, DT, OSLC_PLM } from '../rdf/namespaces.js';
import type { PropertyShape, ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { TripleStore } from '../store/TripleStore.js';
import type { Vocabulary } from '../vocab/Vocabulary.js';
import { iconUrl } from './CompactResource.js';
import { exportMarkingHtml } from './ExportMarking.js';
import { LinkedResources, type LinkedResource } from './LinkedResources.js';
import { previewFields } from './PreviewFields.js';
import type { PreviewSize } from './PreviewSize.js';
import { externalLink, formatDateTime, formatLiteral, formatValue, type ValueContext } from './PreviewValues.js';
import { readTelemetryStatistics, telemetryChartHtml } from './TelemetryChart.js';

const logger = getLogger('PreviewPage');

/** Maximum number of values listed for one property; the rest are counted ("and 4 more"). */
const MAX_VALUES: Record<PreviewSize, number> = { small: 3, large: 6 };

/** Maximum length of a large preview's description, in characters. A longer one is cut at a word and ends in "…". */
const MAX_DESCRIPTION = 600;

/** A resource to preview: its IRI, type and graph, and what the requesting user may read. */
export interface PreviewSubject {
  iri: string;
  shape: ResourceTypeShape;
  quads: readonly Quad[];
  /** Titles of linked resources and the where-used count come only from resources in this scope. */
  scope: QueryScope;
}

/** One row of a preview's field list: a label and its value as HTML. */
interface Field {
  label: string;
  html: string;
}

/**
 * Renders the preview documents of resources (OSLC Core 3.0 Resource Preview): small, self-contained
 * HTML pages meant for an iframe in another tool. The fields come from the resource's shape
 * (PreviewFields.ts), with labels from the shape and values labelled from the vocabulary. A part adds
 * its where-used count and a telemetry summary a chart (a sparkline of its trend, or else a range
 * bar). Styles and the resize script are files under `/assets/`, so the pages need no inline script or
 * style.
 */
export class PreviewPages {
  private readonly linked: LinkedResources;

  public constructor(
    store: TripleStore,
    private readonly vocabulary: Vocabulary,
    private readonly urls: OslcUrls,
  ) {
    this.linked = new LinkedResources(store);
  }

  public async render(subject: PreviewSubject, size: PreviewSize): Promise<string> {
    const { iri, shape, quads, scope } = subject;
    const bySubject = groupBySubject(quads);
    const own = bySubject.get(iri) ?? [];
    const fields = previewFields(shape, size).map((property) => ({ property, values: objectsOf(own, property.propertyDefinition) }));

    const references = fields.flatMap(({ values }) => values.slice(0, MAX_VALUES[size]).flatMap((value) => referencedResources(value, bySubject)));
    const context: ValueContext = {
      vocabulary: this.vocabulary,
      urls: this.urls,
      linked: await this.describeLinked(references.filter((reference) => scope.canRead(reference))),
      bySubject,
      ...unitOf(own),
    };

    const rows: Field[] = fields.filter(({ values }) => values.length > 0).map(({ property, values }) => ({ label: property.title, html: this.valuesHtml(values, property, context, size) }));
    if (shape.describes.includes(OSLC_PLM('Part'))) {
      const whereUsed = await this.whereUsedField(iri, scope);
      if (whereUsed !== undefined) {
        rows.push(whereUsed);
      }
    }

    const title = literalOf(own, DCTERMS('title')) ?? iri;
    const identifier = literalOf(own, DCTERMS('identifier'));
    const chart = shape.describes.includes(DT('TelemetrySummary')) ? telemetryChartHtml(readTelemetryStatistics(iri, quads, this.vocabulary), 'telemetry-chart') : '';
    const body = [
      this.headerHtml(shape, identifier, size === 'large' ? literalOf(own, DCTERMS('modified')) : undefined),
      `<h1>${externalLink(iri, escapeHtml(title))}</h1>`,
      exportMarkingHtml(iri, quads, shape, this.vocabulary),
      chart,
      rows.length === 0 ? '' : `<dl class="fields">${rows.map((row) => `<div><dt>${escapeHtml(row.label)}</dt><dd>${row.html}</dd></div>`).join('')}</dl>`,
      size === 'large' ? descriptionHtml(own.find((quad) => quad.predicate.value === DCTERMS('description') && quad.object.termType === 'Literal')?.object as Literal | undefined) : '',
    ].join('');
    return previewDocument(`${identifier === undefined ? '' : `${identifier} `}${title}`, body, { size, shape, urls: this.urls });
  }

  private headerHtml(shape: ResourceTypeShape, identifier: string | undefined, modified: string | undefined): string {
    const icon = `<img class="type-icon" src="${escapeHtml(iconUrl(shape.name, this.urls))}" alt="" width="16" height="16">`;
    const id = identifier === undefined ? '' : `<span class="identifier">${escapeHtml(identifier)}</span>`;
    const changed = modified === undefined ? '' : `<span class="modified">Modified ${escapeHtml(formatDateTime(modified))}</span>`;
    return `<header class="preview-head">${icon}<span class="type">${escapeHtml(shape.title)}</span>${id}${changed}</header>`;
  }

  private valuesHtml(values: readonly Term[], property: PropertyShape, context: ValueContext, size: PreviewSize): string {
    const listed = values.slice(0, MAX_VALUES[size]).map((value) => formatValue(value, property, context));
    const hidden = values.length - listed.length;
    if (hidden > 0) {
      listed.push(`<span class="muted">and ${hidden} more</span>`);
    }
    return listed.length === 1 ? listed[0]! : `<ul>${listed.map((html) => `<li>${html}</li>`).join('')}</ul>`;
  }

  /** Looks up titles of linked resources; a failed lookup is logged and the links show identifiers only. */
  private async describeLinked(iris: readonly string[]): Promise<Map<string, LinkedResource>> {
    const resources = iris.filter((iri) => this.urls.parseResource(iri) !== undefined);
    try {
      return await this.linked.describe(resources);
    } catch (error) {
      logger.warn('Reading the titles of linked resources failed; the preview shows their identifiers', { error: errorMessage(error), count: resources.length });
      return new Map();
    }
  }

  /** Returns the part's where-used count as a field, or undefined after logging a failed count. */
  private async whereUsedField(part: string, scope: QueryScope): Promise<Field | undefined> {
    try {
      const count = await this.linked.whereUsedCount(part, scope);
      return { label: 'Where Used', html: escapeHtml(count === 1 ? '1 BOM line' : `${count} BOM lines`) };
    } catch (error) {
      logger.warn('Counting the BOM lines that use a part failed; the preview leaves out its where-used count', { part, error: errorMessage(error) });
      return undefined;
    }
  }
}

/**
 * Wraps a preview body in its document. The stylesheet and script are files, so the page works under a
 * Content-Security-Policy without 'unsafe-inline'.
 */
function previewDocument(title: string, body: string, options: { size: PreviewSize; shape: ResourceTypeShape; urls: OslcUrls }): string {
  const shapeClass = options.shape.name.replace(/[^A-Za-z0-9]/g, '');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" type="image/svg+xml" href="${escapeHtml(iconUrl(options.shape.name, options.urls))}">
<link rel="stylesheet" href="${escapeHtml(options.urls.asset('preview.css'))}">
<script src="${escapeHtml(options.urls.asset('preview.js'))}" defer></script>
</head>
<body class="preview preview-${options.size} type-${shapeClass}">
<main class="preview-card">${body}</main>
</body>
</html>
`;
}

/**
 * Returns the description as a paragraph of text. Rich text (rdf:XMLLiteral) shows its text content with
 * a line per paragraph, because a cut-off preview cannot keep its markup balanced.
 */
function descriptionHtml(description: Literal | undefined): string {
  if (description === undefined) {
    return '';
  }
  let text = formatLiteral(description).trim();
  if (text === '') {
    return '';
  }
  if (text.length > MAX_DESCRIPTION) {
    const cut = text.lastIndexOf(' ', MAX_DESCRIPTION);
    text = `${text.slice(0, cut > MAX_DESCRIPTION / 2 ? cut : MAX_DESCRIPTION)}…`;
  }
  return `<p class="description">${escapeHtml(text)}</p>`;
}

/** Returns the IRIs a value links to: the value itself, or the IRIs inside an inline resource such as an effectivity's end item. */
function referencedResources(value: Term, bySubject: ReadonlyMap<string, Quad[]>): string[] {
  if (value.termType === 'NamedNode') {
    return [value.value];
  }
  if (value.termType === 'BlankNode') {
    return (bySubject.get(`_:${value.value}`) ?? []).filter((quad) => quad.object.termType === 'NamedNode').map((quad) => quad.object.value);
  }
  return [];
}

function unitOf(quads: readonly Quad[]): { resourceUnit?: string } {
  const unit = quads.find((quad) => quad.predicate.value === DT('unitOfMeasure') && quad.object.termType === 'NamedNode')?.object.value;
  return unit === undefined ? {} : { resourceUnit: unit };
}

/** Values of a property in a stable order, because RDF has none: A-1.2 before A-1.10, P-000002 before P-000003. */
function objectsOf(quads: readonly Quad[], predicate: string): Term[] {
  return quads
    .filter((quad) => quad.predicate.value === predicate)
    .map((quad) => quad.object)
    .sort((a, b) => a.value.localeCompare(b.value, 'en', { numeric: true }));
}

function literalOf(quads: readonly Quad[], predicate: string): string | undefined {
  const object = quads.find((quad) => quad.predicate.value === predicate && quad.object.termType === 'Literal')?.object;
  return object === undefined ? undefined : literalText(object as Literal);
}

function groupBySubject(quads: readonly Quad[]): Map<string, Quad[]> {
  const groups = new Map<string, Quad[]>();
  for (const quad of quads) {
    const key = quad.subject.termType === 'BlankNode' ? `_:${quad.subject.value}` : quad.subject.value;
    const list = groups.get(key);
    if (list === undefined) {
      groups.set(key, [quad]);
    } else {
      list.push(quad);
    }
  }
  return groups;
}

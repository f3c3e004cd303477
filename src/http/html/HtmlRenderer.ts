import type { Literal, Quad } from '@rdfjs/types';
import type { OslcUrls } from '../../oslc/OslcUrls.js';
import { compactIri, DCTERMS, OSLC, RDF_TYPE } from '../../rdf/namespaces.js';
import type { ResourceSummary } from '../../resources/ResourceSummaries.js';
import type { ResourceShape } from '../../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../../shapes/ShapeRegistry.js';
import type { Vocabulary } from '../../vocab/Vocabulary.js';
import { escapeHtml, htmlPage } from './Html.js';
import { indexBySubject, PropertyTable } from './PropertyTable.js';
import { renderResourcePage, type ResourcePageData } from './ResourcePage.js';
import { TermFormatter } from './TermFormatter.js';
import { literalText } from './XhtmlFragment.js';

/**
 * Renders RDF as HTML pages for people who follow links from DOORS Next, Windchill or a browser.
 * `render` turns any RDF document into a heading from `dcterms:title` and one property table per
 * described subject. `renderResource` builds the page of a stored OSLC resource, with its incoming
 * links and BOM. Every value is escaped.
 */
export class HtmlRenderer {
  private readonly base: string;
  private readonly formatter: TermFormatter;
  private readonly table: PropertyTable;

  public constructor(
    private readonly urls: OslcUrls,
    private readonly vocabulary: Vocabulary,
    private readonly shapes: ShapeRegistry,
  ) {
    this.base = urls.base;
    this.formatter = new TermFormatter(this.base, vocabulary, shapes);
    this.table = new PropertyTable(this.formatter, shapes);
  }

  /** Renders the description of `subject` in `quads`, followed by any other described subjects. */
  public render(subject: string | undefined, quads: readonly Quad[], options: { heading?: string; intro?: string } = {}): string {
    const bySubject = indexBySubject(quads);
    const summaries = summariesIn(bySubject);
    const referenced = new Set(quads.filter((quad) => quad.object.termType === 'BlankNode').map((quad) => `_:${quad.object.value}`));
    const linked = new Set(quads.filter((quad) => quad.object.termType === 'NamedNode' && quad.object.value !== quad.subject.value).map((quad) => quad.object.value));
    const main = subject === undefined ? undefined : bySubject.get(subject);
    const title = options.heading ?? titleOf(main) ?? (subject === undefined ? 'Resource' : compactIri(subject));

    let body = `<h1>${escapeHtml(title)}</h1>`;
    if (subject !== undefined) {
      body += `<p class="iri"><code>${escapeHtml(subject)}</code></p>`;
    }
    if (options.intro !== undefined) {
      body += `<p>${escapeHtml(options.intro)}</p>`;
    }
    if (main !== undefined) {
      body += this.table.render(main, bySubject, { caption: `Properties of ${title}`, summaries, ...this.shapeOption(main) });
    }

    for (const [key, subjectQuads] of bySubject) {
      if (key === subject || (key.startsWith('_:') && referenced.has(key)) || (subject !== undefined && key.startsWith(`${subject}#`) && linked.has(key)) || (linked.has(key) && statesOnlySummary(subjectQuads))) {
        continue;
      }
      const heading = titleOf(subjectQuads) ?? (key.startsWith('_:') ? 'Inline resource' : compactIri(key));
      body += `<section class="subject"><h2>${escapeHtml(heading)}</h2>`;
      if (!key.startsWith('_:')) {
        body += `<p class="iri"><a href="${escapeHtml(key)}"><code>${escapeHtml(key)}</code></a></p>`;
      }
      body += this.table.render(subjectQuads, bySubject, { caption: `Properties of ${heading}`, summaries, ...this.shapeOption(subjectQuads) });
      body += '</section>';
    }
    return htmlPage(title, body, { base: this.base });
  }

  /** Renders the page of a stored OSLC resource. */
  public renderResource(data: ResourcePageData): string {
    return renderResourcePage(data, { urls: this.urls, shapes: this.shapes, formatter: this.formatter, table: this.table, vocabulary: this.vocabulary });
  }

  /** Finds the resource shape a subject states (`oslc:instanceShape`) or whose class it has. */
  private shapeOption(quads: readonly Quad[]): { shape?: ResourceShape } {
    const instanceShape = quads.find((quad) => quad.predicate.value === OSLC('instanceShape'))?.object.value;
    const types = quads.filter((quad) => quad.predicate.value === RDF_TYPE).map((quad) => quad.object.value);
    const shape = (instanceShape === undefined ? undefined : this.shapes.byIri(instanceShape)) ?? this.shapes.byClass(types);
    return shape === undefined ? {} : { shape };
  }
}

/**
 * Returns whether a subject states only its identifier and title. When another subject links to it,
 * the link text already shows both (the members of a query result with `oslc.select=dcterms:title`).
 */
function statesOnlySummary(quads: readonly Quad[]): boolean {
  return quads.every((quad) => quad.predicate.value === DCTERMS('identifier') || quad.predicate.value === DCTERMS('title'));
}

function titleOf(quads: readonly Quad[] | undefined): string | undefined {
  const object = quads?.find((quad) => quad.predicate.value === DCTERMS('title') && quad.object.termType === 'Literal')?.object;
  return object === undefined ? undefined : literalText(object as Literal);
}

/** Identifiers and titles of the IRI subjects a document describes, so links to them can show both. */
function summariesIn(bySubject: ReadonlyMap<string, readonly Quad[]>): Map<string, ResourceSummary> {
  const summaries = new Map<string, ResourceSummary>();
  for (const [key, quads] of bySubject) {
    if (key.startsWith('_:')) {
      continue;
    }
    const summary: ResourceSummary = { iri: key };
    const identifier = quads.find((quad) => quad.predicate.value === DCTERMS('identifier') && quad.object.termType === 'Literal')?.object.value;
    const title = titleOf(quads);
    if (identifier !== undefined) {
      summary.identifier = identifier;
    }
    if (title !== undefined) {
      summary.title = title;
    }
    summaries.set(key, summary);
  }
  return summaries;
}

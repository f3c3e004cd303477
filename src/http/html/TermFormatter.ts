import type { Literal, Term } from '@rdfjs/types';
import { compactIri, DCTERMS, OSLC, RDF, RDFS, XSD } from '../../rdf/namespaces.js';
import type { ResourceSummary } from '../../resources/ResourceSummaries.js';
import type { PropertyShape } from '../../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../../shapes/ShapeRegistry.js';
import type { Vocabulary } from '../../vocab/Vocabulary.js';
import { escapeHtml } from './Html.js';
import { renderXhtmlFragment } from './XhtmlFragment.js';

/** Datatypes whose values read well without naming the datatype. */
const SELF_EVIDENT_DATATYPES = new Set([
  XSD('string'),
  XSD('decimal'),
  XSD('integer'),
  XSD('double'),
  XSD('float'),
  XSD('boolean'),
  XSD('date'),
  XSD('dateTime'),
  XSD('nonNegativeInteger'),
]);

/** Labels of RDF and OSLC terms that documents such as query results use and the vocabulary lacks. */
const STANDARD_LABELS = new Map([
  [RDFS('member'), 'Members'],
  [RDFS('label'), 'Label'],
  [RDFS('comment'), 'Comment'],
  [OSLC('totalCount'), 'Total count'],
  [OSLC('nextPage'), 'Next page'],
  [OSLC('details'), 'Details'],
  [OSLC('service'), 'Services'],
  [OSLC('prefixDefinition'), 'Prefix definitions'],
  [OSLC('prefix'), 'Prefix'],
  [OSLC('prefixBase'), 'Prefix base'],
  [DCTERMS('publisher'), 'Publisher'],
]);

/** Summaries of linked resources, by IRI, for link texts. */
export type SummaryLookup = ReadonlyMap<string, ResourceSummary>;

/**
 * Formats RDF terms as escaped HTML for the pages. Links to resources show the target's identifier
 * and title where known. Vocabulary terms (such as `dt:Released`) and classes show their labels, and
 * QUDT units their symbols. Literals show their language tag, or their datatype where it matters.
 */
export class TermFormatter {
  public constructor(
    private readonly base: string,
    private readonly vocabulary: Vocabulary,
    private readonly shapes: ShapeRegistry,
  ) {}

  /** Returns the display label of a property: a shape's title for it, else its vocabulary label, else its prefixed name. */
  public propertyLabel(iri: string): string {
    return this.vocabulary.label(iri) ?? STANDARD_LABELS.get(iri) ?? compactIri(iri);
  }

  /** Returns the text that orders a value among the values of one property, as people read them. */
  public sortKey(term: Term, summaries: SummaryLookup): string {
    if (term.termType !== 'NamedNode') {
      return term.value;
    }
    const summary = summaries.get(term.value);
    // Requirements of a document list in document order; numbers compare numerically, so 2.9 comes before 2.10.
    return summary?.sectionNumber ?? summary?.identifier ?? summary?.title ?? this.classTitle(term.value) ?? this.vocabulary.label(term.value) ?? compactIri(term.value);
  }

  /** Formats a named node or literal; `property` is the shape property the value belongs to, if known. */
  public format(term: Term, summaries: SummaryLookup, property?: PropertyShape): string {
    if (term.termType === 'Literal') {
      return this.literal(term, property);
    }
    if (term.termType === 'NamedNode') {
      return this.iri(term.value, summaries);
    }
    return escapeHtml(term.value);
  }

  /** Formats an IRI: a link to a resource or page, or the label of a vocabulary term. */
  public iri(iri: string, summaries: SummaryLookup): string {
    const summary = summaries.get(iri);
    if (summary !== undefined && (summary.identifier !== undefined || summary.title !== undefined)) {
      return `<a href="${escapeHtml(iri)}">${resourceLabel(summary)}</a>`;
    }
    const shape = this.shapes.byIri(iri);
    if (shape !== undefined) {
      return `<a href="${escapeHtml(iri)}">${escapeHtml(shape.title)}</a>`;
    }
    const symbol = this.vocabulary.symbol(iri);
    if (symbol !== undefined) {
      return `<a href="${escapeHtml(iri)}" title="${escapeHtml(compactIri(iri))}">${escapeHtml(symbol)}</a>`;
    }
    const label = this.classTitle(iri) ?? this.vocabulary.label(iri);
    if (label !== undefined) {
      return `<span class="term" title="${escapeHtml(compactIri(iri))}">${escapeHtml(label)}</span>`;
    }
    if (iri.startsWith(`${this.base}users/`)) {
      // NOTE: the server does not serve user profiles, so a user is shown by login name, not linked.
      return `<span class="user">${escapeHtml(decodeSafely(iri.slice(this.base.length + 'users/'.length)))}</span>`;
    }
    if (!/^https?:/.test(iri)) {
      return escapeHtml(iri);
    }
    const compact = compactIri(iri);
    const text = iri.startsWith(this.base) ? iri.slice(this.base.length) : compact.startsWith('<') ? iri : compact;
    return `<a href="${escapeHtml(iri)}">${escapeHtml(text)}</a>`;
  }

  /** Returns the title of the resource type whose shape names `iri` as its first described class. */
  private classTitle(iri: string): string | undefined {
    const shape = this.shapes.byClass([iri]);
    return shape?.describes[0] === iri ? shape.title : undefined;
  }

  /** Returns the display symbol of a unit IRI, such as "kg" for unit:KiloGM. */
  public unitSymbol(iri: string): string | undefined {
    return this.vocabulary.symbol(iri);
  }

  /** Formats a literal with its language tag, the unit of its property, or an unusual datatype. */
  public literal(term: Literal, property?: PropertyShape): string {
    if (term.datatype.value === RDF('XMLLiteral')) {
      return xmlLiteral(term.value);
    }
    const text = term.value.includes('\n') ? `<span class="multiline">${escapeHtml(term.value)}</span>` : escapeHtml(term.value);
    if (term.language !== '') {
      return `${text} <span class="muted">@${escapeHtml(term.language)}</span>`;
    }
    const datatype = term.datatype.value;
    if (datatype === XSD('dateTime') || datatype === XSD('date')) {
      return `<time datetime="${escapeHtml(term.value)}">${text}</time>`;
    }
    const unit = property?.valueUnit === undefined ? undefined : this.vocabulary.symbol(property.valueUnit);
    if (unit !== undefined) {
      return `${text} ${escapeHtml(unit)}`;
    }
    if (SELF_EVIDENT_DATATYPES.has(datatype)) {
      return text;
    }
    return `${text} <span class="muted">${escapeHtml(compactIri(datatype))}</span>`;
  }
}

/**
 * Formats an rdf:XMLLiteral, such as imported ReqIF rich text, as the safe HTML subset that
 * XhtmlFragment keeps. A value that is not well-formed XML shows its lexical form as text.
 */
function xmlLiteral(lexical: string): string {
  const rendering = renderXhtmlFragment(lexical);
  if (rendering === undefined) {
    return `<span class="multiline">${escapeHtml(lexical)}</span> <span class="muted">rdf:XMLLiteral, not well-formed XML</span>`;
  }
  if (!rendering.hasElements) {
    return rendering.html.includes('\n') ? `<span class="multiline">${rendering.html}</span>` : rendering.html;
  }
  return `<div class="rich-text">${rendering.html}</div>`;
}

/** Formats a summary as the section number and the identifier in their own spans, then the title. Any may be missing. */
export function resourceLabel(summary: ResourceSummary): string {
  const parts: string[] = [];
  if (summary.sectionNumber !== undefined) {
    parts.push(`<span class="section">${escapeHtml(summary.sectionNumber)}</span>`);
  }
  if (summary.identifier !== undefined) {
    parts.push(`<span class="identifier">${escapeHtml(summary.identifier)}</span>`);
  }
  if (summary.title !== undefined) {
    parts.push(escapeHtml(summary.title));
  }
  return parts.length === 0 ? escapeHtml(summary.iri) : parts.join(' ');
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

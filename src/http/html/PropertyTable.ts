import type { Quad, Term } from '@rdfjs/types';
import { compactIri, OSLC } from '../../rdf/namespaces.js';
import type { PropertyShape, ResourceShape } from '../../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../../shapes/ShapeRegistry.js';
import { escapeHtml } from './Html.js';
import { orderProperties } from './PropertyOrder.js';
import type { SummaryLookup, TermFormatter } from './TermFormatter.js';

/** Triples grouped by subject; blank node subjects are keyed `_:label`. */
export type SubjectIndex = ReadonlyMap<string, readonly Quad[]>;

export interface PropertyTableOptions {
  /** Accessible name of the table, shown to screen readers only. */
  caption: string;
  shape?: ResourceShape;
  summaries: SummaryLookup;
  /** HTML that replaces the value cell of a property, by property IRI. */
  cells?: ReadonlyMap<string, string>;
}

/**
 * Renders one subject's properties as a table with a row header per property: the label (the shape's
 * title for the property, else the vocabulary's label) above the prefixed name, and the values. Inline
 * resources (blank nodes) become nested tables ordered by their value shape.
 */
export class PropertyTable {
  public constructor(
    private readonly formatter: TermFormatter,
    private readonly shapes: ShapeRegistry,
  ) {}

  public render(quads: readonly Quad[], index: SubjectIndex, options: PropertyTableOptions): string {
    return this.table(quads, index, options, new Set());
  }

  private table(quads: readonly Quad[], index: SubjectIndex, options: PropertyTableOptions, visiting: ReadonlySet<string>): string {
    const values = new Map<string, Term[]>();
    for (const quad of quads) {
      const list = values.get(quad.predicate.value) ?? [];
      list.push(quad.object);
      values.set(quad.predicate.value, list);
    }
    const propertyShapes = new Map((options.shape?.properties ?? []).map((property) => [property.propertyDefinition, property]));
    const label = (iri: string): string => propertyShapes.get(iri)?.title ?? this.formatter.propertyLabel(iri);

    let rows = '';
    for (const predicate of orderProperties(values.keys(), options.shape, label)) {
      const property = propertyShapes.get(predicate);
      const cell = options.cells?.get(predicate) ?? this.cell(values.get(predicate)!, index, options, visiting, property);
      rows += `<tr><th scope="row">${escapeHtml(label(predicate))}<code>${escapeHtml(compactIri(predicate))}</code></th><td>${cell}</td></tr>`;
    }
    return `<table class="properties"><caption class="visually-hidden">${escapeHtml(options.caption)}</caption>${rows}</table>`;
  }

  private cell(terms: readonly Term[], index: SubjectIndex, options: PropertyTableOptions, visiting: ReadonlySet<string>, property?: PropertyShape): string {
    const sorted = [...terms].sort((a, b) => this.formatter.sortKey(a, options.summaries).localeCompare(this.formatter.sortKey(b, options.summaries), 'en', { numeric: true }));
    const values = sorted.map((term) => this.value(term, index, options, visiting, property));
    return values.length === 1 ? values[0]! : `<ul class="values">${values.map((value) => `<li>${value}</li>`).join('')}</ul>`;
  }

  private value(term: Term, index: SubjectIndex, options: PropertyTableOptions, visiting: ReadonlySet<string>, property?: PropertyShape): string {
    // An inline resource is a blank node, or an IRI (such as an import's #attribute-NAME) under a LocalResource property.
    const inlineIri = term.termType === 'NamedNode' && property?.valueType === OSLC('LocalResource') && index.has(term.value);
    if (term.termType !== 'BlankNode' && !inlineIri) {
      return this.formatter.format(term, options.summaries, property);
    }
    const key = inlineIri ? term.value : `_:${term.value}`;
    const nested = index.get(key);
    if (nested === undefined || visiting.has(key)) {
      return '<span class="muted">(inline resource)</span>';
    }
    const valueShape = property?.valueShape === undefined ? undefined : this.shapes.byIri(property.valueShape);
    const caption = `${property?.title ?? 'Inline resource'} details`;
    const nestedOptions: PropertyTableOptions = { caption, summaries: options.summaries, ...(valueShape === undefined ? {} : { shape: valueShape }) };
    return `<div class="nested">${this.table(nested, index, nestedOptions, new Set([...visiting, key]))}</div>`;
  }
}

/** Groups triples by subject, keeping the order subjects first appear in. */
export function indexBySubject(quads: readonly Quad[]): Map<string, Quad[]> {
  const groups = new Map<string, Quad[]>();
  for (const quad of quads) {
    const key = quad.subject.termType === 'BlankNode' ? `_:${quad.subject.value}` : quad.subject.value;
    const list = groups.get(key) ?? [];
    list.push(quad);
    groups.set(key, list);
  }
  return groups;
}

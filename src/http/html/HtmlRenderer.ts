import type { Quad, Term } from '@rdfjs/types';
import { compactIri, DCTERMS, RDF_TYPE, XSD } from '../../rdf/namespaces.js';
import type { Vocabulary } from '../../vocab/Vocabulary.js';
import { escapeHtml, htmlPage } from './Html.js';

/**
 * Renders RDF as HTML pages for people who follow links from DOORS Next, Windchill or a browser: a
 * heading from `dcterms:title`, then one table row per property with labels from the vocabulary and
 * shapes, links for resources and nested tables for inline (blank node) resources. Every value is
 * escaped.
 */
export class HtmlRenderer {
  public constructor(
    private readonly base: string,
    private readonly vocabulary: Vocabulary,
  ) {}

  /** Renders the description of `subject` in `quads`, followed by any other described subjects. */
  public render(subject: string | undefined, quads: readonly Quad[], options: { heading?: string; intro?: string } = {}): string {
    const bySubject = groupBySubject(quads);
    const referenced = new Set(quads.filter((quad) => quad.object.termType === 'BlankNode').map((quad) => `_:${quad.object.value}`));
    const main = subject === undefined ? undefined : bySubject.get(subject);
    const title =
      options.heading ?? main?.find((quad) => quad.predicate.value === DCTERMS('title'))?.object.value ?? (subject === undefined ? 'Resource' : compactIri(subject));

    let body = `<h1>${escapeHtml(title)}</h1>`;
    if (subject !== undefined) {
      body += `<p class="muted"><code>${escapeHtml(subject)}</code></p>`;
    }
    if (options.intro !== undefined) {
      body += `<p>${escapeHtml(options.intro)}</p>`;
    }
    if (main !== undefined) {
      body += this.table(main, bySubject, new Set([subject!]));
    }

    for (const [key, subjectQuads] of bySubject) {
      if (key === subject || (key.startsWith('_:') && referenced.has(key))) {
        continue;
      }
      const heading = subjectQuads.find((quad) => quad.predicate.value === DCTERMS('title'))?.object.value;
      body += `<h2>${escapeHtml(heading ?? (key.startsWith('_:') ? 'Inline resource' : compactIri(key)))}</h2>`;
      if (!key.startsWith('_:')) {
        body += `<p class="muted"><a href="${escapeHtml(key)}"><code>${escapeHtml(key)}</code></a></p>`;
      }
      body += this.table(subjectQuads, bySubject, new Set([key]));
    }
    return htmlPage(title, body, { base: this.base });
  }

  private table(quads: readonly Quad[], bySubject: Map<string, Quad[]>, visiting: Set<string>): string {
    const byPredicate = new Map<string, Term[]>();
    for (const quad of quads) {
      const values = byPredicate.get(quad.predicate.value) ?? [];
      values.push(quad.object);
      byPredicate.set(quad.predicate.value, values);
    }
    const predicates = [...byPredicate.keys()].sort((a, b) => (a === RDF_TYPE ? -1 : b === RDF_TYPE ? 1 : this.label(a).localeCompare(this.label(b))));

    let rows = '';
    for (const predicate of predicates) {
      const values = byPredicate.get(predicate)!.map((value) => this.value(value, bySubject, visiting));
      const cell = values.length === 1 ? values[0] : `<ul class="plain">${values.map((value) => `<li>${value}</li>`).join('')}</ul>`;
      rows += `<tr><th>${escapeHtml(this.label(predicate))}<br><code>${escapeHtml(compactIri(predicate))}</code></th><td>${cell}</td></tr>`;
    }
    return `<table>${rows}</table>`;
  }

  private value(term: Term, bySubject: Map<string, Quad[]>, visiting: Set<string>): string {
    if (term.termType === 'NamedNode') {
      const label = this.vocabulary.label(term.value);
      const text = label ?? (term.value.startsWith(this.base) ? term.value.slice(this.base.length) : compactIri(term.value));
      return /^https?:/.test(term.value) ? `<a href="${escapeHtml(term.value)}">${escapeHtml(text)}</a>` : escapeHtml(text);
    }
    if (term.termType === 'BlankNode') {
      const key = `_:${term.value}`;
      const nested = bySubject.get(key);
      if (nested === undefined || visiting.has(key)) {
        return '<span class="muted">(inline resource)</span>';
      }
      return `<div class="nested">${this.table(nested, bySubject, new Set([...visiting, key]))}</div>`;
    }
    if (term.termType === 'Literal') {
      const literal = term as Term & { language: string; datatype: { value: string } };
      let suffix = '';
      if (literal.language !== '') {
        suffix = ` <span class="muted">@${escapeHtml(literal.language)}</span>`;
      } else if (literal.datatype.value !== XSD('string')) {
        suffix = ` <span class="muted">${escapeHtml(compactIri(literal.datatype.value))}</span>`;
      }
      return `${escapeHtml(term.value)}${suffix}`;
    }
    return escapeHtml(term.value);
  }

  private label(iri: string): string {
    return this.vocabulary.label(iri) ?? compactIri(iri);
  }
}

function groupBySubject(quads: readonly Quad[]): Map<string, Quad[]> {
  const groups = new Map<string, Quad[]>();
  for (const quad of quads) {
    const key = quad.subject.termType === 'BlankNode' ? `_:${quad.subject.value}` : quad.subject.value;
    const list = groups.get(key) ?? [];
    list.push(quad);
    groups.set(key, list);
  }
  return groups;
}

import type { Literal, Quad, Term } from '@rdfjs/types';
import { escapeHtml } from '../http/html/Html.js';
import { literalText } from '../http/html/XhtmlFragment.js';
import type { OslcUrls } from '../oslc/OslcUrls.js';
import { compactIri, DCTERMS, DT, OSLC, OSLC_PLM, RDF, SH, XSD } from '../rdf/namespaces.js';
import type { PropertyShape } from '../shapes/ResourceShape.js';
import type { Vocabulary } from '../vocab/Vocabulary.js';
import type { LinkedResource } from './LinkedResources.js';
import { unitSymbol, withUnitSymbol } from './UnitSymbols.js';

/** Data that formatting a value needs beyond the value itself. */
export interface ValueContext {
  vocabulary: Vocabulary;
  urls: OslcUrls;
  /** Titles and identifiers of the resources the preview links to. */
  linked: ReadonlyMap<string, LinkedResource>;
  /** The resource's triples by subject, blank nodes as `_:label`, for inline values such as effectivity. */
  bySubject: ReadonlyMap<string, Quad[]>;
  /** The resource's `dt:unitOfMeasure`: the unit of its decimal and double values whose property has no `dt:valueUnit`. */
  resourceUnit?: string;
}

/** Colour of a status badge: good, needs attention, blocking, or no longer in use. */
type Tone = 'ok' | 'caution' | 'alert' | 'retired';

/** Tones of the enumerated values in the shapes, by lower-cased label. Values not listed are neutral. */
const TONES: Record<string, Tone> = {
  released: 'ok',
  passed: 'ok',
  closed: 'ok',
  'use as is': 'ok',
  'in work': 'caution',
  'under review': 'caution',
  open: 'caution',
  dispositioned: 'caution',
  inconclusive: 'caution',
  major: 'caution',
  rework: 'caution',
  repair: 'caution',
  critical: 'alert',
  failed: 'alert',
  blocked: 'alert',
  scrap: 'alert',
  'return to supplier': 'alert',
  obsolete: 'retired',
};

const NUMERIC_TYPES = new Set(['integer', 'int', 'long', 'short', 'nonNegativeInteger', 'positiveInteger', 'decimal', 'double', 'float'].map((local) => XSD(local)));
const MEASURED_TYPES = new Set([XSD('decimal'), XSD('double'), XSD('float')]);
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });

/**
 * Returns a property value as escaped HTML. Enumerated values become coloured badges with their
 * vocabulary labels, and links to this server's resources show their identifier and title. Numbers get
 * their unit, dates are shown in UTC, pattern-constrained codes (ECCN, checksum) in monospace, and an
 * effectivity as a sentence.
 */
export function formatValue(term: Term, property: PropertyShape, context: ValueContext): string {
  const enumerated = property.allowedValues.length > 0;
  if (term.termType === 'Literal') {
    if (enumerated) {
      return badge(term.value);
    }
    const unit = MEASURED_TYPES.has((term as Literal).datatype.value) ? unitSymbol(property.valueUnit ?? context.resourceUnit, context.vocabulary) : undefined;
    const text = formatLiteral(term as Literal);
    if (unit !== undefined) {
      return escapeHtml(withUnitSymbol(text, unit));
    }
    return property.shaclConstraints.some((constraint) => constraint.predicate === SH('pattern')) ? `<code>${escapeHtml(text)}</code>` : escapeHtml(text);
  }
  if (term.termType === 'NamedNode' && property.valueType === OSLC('LocalResource') && context.bySubject.has(term.value)) {
    return inlineResourceHtml(context.bySubject.get(term.value)!);
  }
  if (term.termType === 'NamedNode') {
    const label = context.vocabulary.label(term.value);
    if (label !== undefined) {
      return enumerated ? badge(label) : escapeHtml(label);
    }
    return referenceHtml(term.value, context);
  }
  if (term.termType === 'BlankNode' && property.range === OSLC_PLM('Effectivity')) {
    return effectivityHtml(`_:${term.value}`, context);
  }
  return '<span class="muted">inline resource</span>';
}

/**
 * Returns an inline resource with an IRI of its own, such as an import's `#attribute-NAME`, as its name
 * (dcterms:title or dt:attributeName) followed by its other literal values: `Allocation: FCC, IMA`.
 */
function inlineResourceHtml(quads: readonly Quad[]): string {
  const names = new Set([DCTERMS('title'), DT('attributeName')]);
  const name = quads.find((quad) => names.has(quad.predicate.value) && quad.object.termType === 'Literal')?.object.value;
  const values = quads.filter((quad) => !names.has(quad.predicate.value) && quad.object.termType === 'Literal').map((quad) => formatLiteral(quad.object as Literal));
  const text = values.length === 0 ? 'no value' : values.join(', ');
  return name === undefined ? escapeHtml(text) : `${escapeHtml(name)}: ${escapeHtml(text)}`;
}

/** Returns a link that opens in a new tab, as every link in a preview does; `html` is already escaped. */
export function externalLink(href: string, html: string, title?: string): string {
  const titleAttribute = title === undefined ? '' : ` title="${escapeHtml(title)}"`;
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener"${titleAttribute}>${html}</a>`;
}

/**
 * Returns a literal as display text: numbers grouped in thousands, date-times in UTC, rich text
 * (rdf:XMLLiteral) as its text content with a line per paragraph, anything else as written.
 */
export function formatLiteral(literal: Literal): string {
  const datatype = literal.datatype.value;
  if (datatype === RDF('XMLLiteral')) {
    return literalText(literal);
  }
  if (NUMERIC_TYPES.has(datatype)) {
    const value = Number(literal.value);
    return Number.isFinite(value) ? formatNumber(value) : literal.value;
  }
  if (datatype === XSD('dateTime')) {
    return formatDateTime(literal.value);
  }
  return literal.value;
}

/** Returns a number with thousands separators and its decimals as stored: `1,343,385`, `0.147`, `3` for 3.0. */
export function formatNumber(value: number): string {
  return NUMBER_FORMAT.format(value);
}

/** Returns `2025-03-03 16:45 UTC`, or only the date at midnight UTC; a value without a time zone stays as written. */
export function formatDateTime(lexical: string): string {
  const date = new Date(lexical);
  if (!/(Z|[+-]\d\d:\d\d)$/.test(lexical) || Number.isNaN(date.getTime())) {
    return lexical.replace('T', ' ');
  }
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time.slice(0, 5)} UTC`;
}

function badge(label: string): string {
  const tone = TONES[label.toLowerCase()] ?? 'neutral';
  return `<span class="badge tone-${tone}">${escapeHtml(label)}</span>`;
}

/**
 * Returns a link to a resource of this server with its identifier and title, or with only the identifier
 * when `identifierOnly`. Any other IRI shows its prefixed name.
 */
function referenceHtml(iri: string, context: ValueContext, identifierOnly = false): string {
  const location = context.urls.parseResource(iri);
  const login = context.urls.parseUser(iri);
  if (login !== undefined) {
    // The server does not serve user profiles, so a user is shown by login name, not linked.
    return `<span class="user">${escapeHtml(login)}</span>`;
  }
  if (location === undefined) {
    return /^https?:/.test(iri) ? externalLink(iri, escapeHtml(compactIri(iri))) : escapeHtml(iri);
  }
  const linked = context.linked.get(iri);
  const identifier = linked?.identifier ?? location.identifier;
  if (linked?.title === undefined || identifierOnly) {
    return externalLink(iri, `<span class="ref-id">${escapeHtml(identifier)}</span>`, linked?.title);
  }
  return externalLink(iri, `<span class="ref-id">${escapeHtml(identifier)}</span> ${escapeHtml(linked.title)}`, linked.title);
}

/**
 * Describes an inline `oslc_plm:Effectivity` in one line, such as "Serial Number FCC00015 onwards · end
 * item P-000002": the kind of value, the range from `effectiveFrom` to `effectiveTo` (either may be
 * open), and the end item it applies to.
 */
function effectivityHtml(key: string, context: ValueContext): string {
  const quads = context.bySubject.get(key) ?? [];
  const value = (local: string): Term | undefined => quads.find((quad) => quad.predicate.value === OSLC_PLM(local))?.object;
  const kind = value('effectiveValueType');
  const from = value('effectiveFrom');
  const to = value('effectiveTo');
  const endItem = value('effectiveForEndItem');

  const bound = (term: Term): string => (term.termType === 'Literal' ? formatLiteral(term as Literal) : term.value);
  let range = 'always';
  if (from !== undefined && to !== undefined) {
    range = `${bound(from)} to ${bound(to)}`;
  } else if (from !== undefined) {
    range = `${bound(from)} onwards`;
  } else if (to !== undefined) {
    range = `up to ${bound(to)}`;
  }
  const kindLabel = kind === undefined ? 'Effective' : (context.vocabulary.label(kind.value) ?? humanize(kind.value));
  const endItemHtml = endItem?.termType === 'NamedNode' ? ` <span class="muted">· end item ${referenceHtml(endItem.value, context, true)}</span>` : '';
  return `<span class="effectivity">${escapeHtml(kindLabel)} ${escapeHtml(range)}</span>${endItemHtml}`;
}

/** Turns the local name of an IRI such as `oslc_plm:SerialNumber` into words: "Serial Number". */
function humanize(iri: string): string {
  const local = iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
  return local.replace(/([a-z])([A-Z])/g, '$1 $2');
}

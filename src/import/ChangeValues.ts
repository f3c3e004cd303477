import type { NamedNode, Quad } from '@rdfjs/types';
import { DT, RDF_TYPE } from '../rdf/namespaces.js';
import { TIME_PROPERTIES } from './Provenance.js';

/** Values listed per property at most, and characters per value, so a report line stays readable. */
const MAX_VALUES = 6;
const MAX_VALUE_LENGTH = 40;

/** Characters of the common start that a changed long value keeps in front of the first difference. */
const CONTEXT_BEFORE_DIFFERENCE = 12;

/** Labels of vocabulary terms and symbols of units; the project's Vocabulary provides them. */
export interface TermNames {
  label(iri: string): string | undefined;
  /** Other names that sources give the term, such as "DAL A" for dt:LevelA. */
  altLabels?(iri: string): readonly string[];
  symbol(iri: string): string | undefined;
}

/**
 * Returns the distinct values of each property of `subject`, except times, sorted. An inline resource (an IRI of
 * the subject with a fragment, such as a requirement's source attribute) is one value that describes it:
 * `NAME: VALUE` for a dt:SourceAttribute, else its properties as `name=value`.
 */
/** Returns the properties of `subject` whose values are IRIs of other resources (links and vocabulary terms), not literals or inline resources. */
export function iriValuedProperties(subject: NamedNode, quads: readonly Quad[]): Set<string> {
  const inline = `${subject.value}#`;
  const properties = new Set<string>();
  for (const candidate of quads) {
    if (candidate.subject.equals(subject) && candidate.object.termType === 'NamedNode' && !candidate.object.value.startsWith(inline)) {
      properties.add(candidate.predicate.value);
    }
  }
  return properties;
}

export function valuesByProperty(subject: NamedNode, quads: readonly Quad[]): Map<string, string[]> {
  const inline = new Map<string, Quad[]>();
  const prefix = `${subject.value}#`;
  for (const candidate of quads) {
    if (candidate.subject.termType === 'NamedNode' && candidate.subject.value.startsWith(prefix)) {
      const list = inline.get(candidate.subject.value) ?? [];
      list.push(candidate);
      inline.set(candidate.subject.value, list);
    }
  }

  const values = new Map<string, string[]>();
  for (const candidate of quads) {
    if (!candidate.subject.equals(subject) || TIME_PROPERTIES.has(candidate.predicate.value)) {
      continue;
    }
    const value = candidate.object.value;
    const inlineQuads = inline.get(value);
    const list = values.get(candidate.predicate.value) ?? [];
    list.push(inlineQuads === undefined ? value : describeInline(inlineQuads));
    values.set(candidate.predicate.value, list);
  }
  // A planned resource may state a link twice. A ReqIF requirement does so when its hierarchy parent is
  // also the target of a relation, and the store keeps one triple.
  for (const [property, list] of values) {
    values.set(property, [...new Set(list)].sort());
  }
  return values;
}

function describeInline(quads: readonly Quad[]): string {
  const name = quads.find((candidate) => candidate.predicate.value === DT('attributeName'))?.object.value;
  if (name !== undefined) {
    const attributeValues = quads.filter((candidate) => candidate.predicate.value === DT('attributeValue')).map((candidate) => plainText(candidate.object.value));
    return `${name}: ${attributeValues.sort().join(', ')}`;
  }
  return quads
    .filter((candidate) => candidate.predicate.value !== RDF_TYPE)
    .map((candidate) => `${localName(candidate.predicate.value)}=${plainText(candidate.object.value)}`)
    .sort()
    .join(', ');
}

/** Display settings for the values of one property: the unit symbol to append, and the vocabulary for term labels. */
export interface ValueStyle {
  symbol?: string;
  vocabulary?: TermNames;
}

/**
 * Returns values for a report line: vocabulary terms by their label, other IRIs by their local name,
 * XHTML as its text, long values cut short, at most MAX_VALUES of them, each followed by `style.symbol`.
 */
export function showValues(values: readonly string[], style: ValueStyle): string {
  if (values.length === 0) {
    return 'none';
  }
  const texts = values.map((value) => withSymbol(shorten(displayText(value, style)), style));
  const listed = texts.slice(0, MAX_VALUES).join(', ');
  return texts.length > MAX_VALUES ? `${listed} and ${texts.length - MAX_VALUES} more` : listed;
}

/**
 * Returns `old → now` for one value that changed, the old one in `oldStyle` (such as a quantity in the
 * unit of measure it had). When both are long and start alike, as two versions of a requirement's text
 * do, both are shown from shortly before their first difference, so the line shows what changed rather
 * than the same start twice.
 */
export function showChange(old: string, now: string, style: ValueStyle, oldStyle: ValueStyle = style): string {
  let before = displayText(old, oldStyle);
  let after = displayText(now, style);
  if (before === after && (plainText(old) !== old || plainText(now) !== now)) {
    // Values that differ only in XHTML markup, such as a word made bold, read the same as text.
    return 'formatting changed';
  }
  if (before === after) {
    // Two values with one label, such as the IRIs `…/odata` and `…/odata/`, are shown in full.
    before = old;
    after = now;
  }
  let common = 0;
  while (common < before.length && common < after.length && before[common] === after[common]) {
    common++;
  }
  const start = common > CONTEXT_BEFORE_DIFFERENCE && Math.max(before.length, after.length) > MAX_VALUE_LENGTH ? wordStart(before, common - CONTEXT_BEFORE_DIFFERENCE) : 0;
  const cut = (text: string, textStyle: ValueStyle): string => withSymbol(shorten(start === 0 ? text : `…${text.slice(start)}`), textStyle);
  return `${cut(before, oldStyle)} → ${cut(after, style)}`;
}

/** Returns where the word at `position` starts, so a cut value starts with a whole word; 0 when no space comes before it. */
function wordStart(text: string, position: number): number {
  const space = text.slice(0, position + 1).search(/\s\S*$/);
  return space < 0 ? 0 : space + 1;
}

function displayText(value: string, style: ValueStyle): string {
  return style.vocabulary?.label(value) ?? localName(plainText(value));
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function withSymbol(text: string, style: ValueStyle): string {
  return style.symbol === undefined ? text : `${text} ${style.symbol}`;
}

/** Tags of XHTML inline elements, which sit inside a sentence, as in `<a href="…">study</a>.`. */
const INLINE_TAG = /<\/?(?:[\w-]+:)?(?:a|abbr|b|bdo|big|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|tt|u|var)(?:\s[^>]*)?\/?>/gi;

/**
 * Returns the text of an XHTML value (a ReqIF rich text), without its tags; other values as they are.
 * Inline tags go without a trace, and other tags become a space, so that paragraphs and cells stay apart.
 */
function plainText(value: string): string {
  if (!value.startsWith('<') || !value.endsWith('>')) {
    return value;
  }
  const text = value
    .replace(INLINE_TAG, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Returns the part of an IRI after its last `#` or `/`, the decoded name at the end of a URN (such as
 * `bom.csv` for an import source), or the text itself when it is no IRI. An IRI that ends in `/` or `#`
 * is named by its last non-empty path segment, such as `odata` for `https://plm.example.com/odata/`, and
 * one without a path segment, such as `https://plm.example.com/`, by the whole IRI.
 */
export function localName(value: string): string {
  if (/^urn:[^\s]+:[^:\s]+$/i.test(value)) {
    const name = value.slice(value.lastIndexOf(':') + 1);
    try {
      return decodeURIComponent(name);
    } catch {
      return name;
    }
  }
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(value);
  if (authority === null) {
    return value;
  }
  const trimmed = value.replace(/[/#]+$/, '');
  const start = Math.max(trimmed.lastIndexOf('#'), trimmed.lastIndexOf('/')) + 1;
  return start > authority[0].length ? trimmed.slice(start) : value;
}

import type { NamedNode, Quad } from '@rdfjs/types';
import { DCTERMS, DT } from '../rdf/namespaces.js';
import { TIME_PROPERTIES } from './Provenance.js';
import type { ImportedType } from './SyncPlan.js';

/** Properties listed per updated resource at most, and characters per value, so a report stays readable. */
const MAX_PROPERTIES = 6;
const MAX_VALUE_LENGTH = 40;

const TYPE_NAMES: Record<ImportedType, string> = { parts: 'part', bomLines: 'BOM line', requirements: 'requirement' };

/**
 * Returns the label of a stored resource that an import removes or relinks, such as `part EHA-910 rev -`.
 * It has the form of a planned resource's label: the type, then what the source called the resource
 * (part number and revision, requirement identifier, or a BOM line's dt:sourceId). Without such a name,
 * the label uses the dcterms:identifier.
 */
export function storedLabel(type: ImportedType, subject: NamedNode, quads: readonly Quad[]): string {
  const value = (property: string): string | undefined => quads.find((candidate) => candidate.subject.equals(subject) && candidate.predicate.value === property)?.object.value;
  const identifier = value(DCTERMS('identifier')) ?? subject.value;
  let name: string | undefined;
  if (type === 'parts') {
    const partNumber = value(DT('partNumber'));
    name = partNumber === undefined ? undefined : `${partNumber} rev ${value(DT('revision')) ?? '-'}`;
  } else if (type === 'requirements') {
    name = value(DT('externalIdentifier'));
  } else {
    name = value(DT('sourceId'));
  }
  return `${TYPE_NAMES[type]} ${name ?? identifier}`;
}

/**
 * Returns the properties of `subject` whose values differ between the stored and the new state, such as
 * `quantity 2 → 3`, or undefined when only times differ. Names are local names, several values are
 * joined by ", ", and "none" stands for no value. Triples of inline resources count under the property
 * that links them. A property in `shape.multiValued`, or one with several values, is shown as the values
 * added and removed, such as `BOM Lines added BL-000012`. Properties are named by their title in
 * `shape.titles`, else by their local name.
 */
export function changedProperties(
  subject: NamedNode,
  stored: readonly Quad[],
  desired: readonly Quad[],
  shape: { multiValued: ReadonlySet<string>; titles: ReadonlyMap<string, string> } = { multiValued: new Set(), titles: new Map() },
): string | undefined {
  const { multiValued, titles } = shape;
  const nameOf = (property: string): string => titles.get(property) ?? localName(property);
  const before = valuesByProperty(subject, stored);
  const after = valuesByProperty(subject, desired);
  const changes: string[] = [];
  for (const property of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(property) ?? [];
    const now = after.get(property) ?? [];
    if (old.join('\u0000') === now.join('\u0000')) {
      continue;
    }
    if (multiValued.has(property) || old.length > 1 || now.length > 1) {
      // A long list of links, such as an assembly's BOM lines, reads better as what was added and removed.
      const added = now.filter((value) => !old.includes(value));
      const removed = old.filter((value) => !now.includes(value));
      const parts = [...(added.length > 0 ? [`added ${show(added)}`] : []), ...(removed.length > 0 ? [`removed ${show(removed)}`] : [])];
      changes.push(`${nameOf(property)} ${parts.join(', ')}`);
    } else {
      changes.push(`${nameOf(property)} ${show(old)} → ${show(now)}`);
    }
  }
  if (changes.length === 0) {
    return undefined;
  }
  const listed = changes.slice(0, MAX_PROPERTIES).join('; ');
  return changes.length > MAX_PROPERTIES ? `${listed}; and ${changes.length - MAX_PROPERTIES} more` : listed;
}

function valuesByProperty(subject: NamedNode, quads: readonly Quad[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const candidate of quads) {
    if (!candidate.subject.equals(subject) || TIME_PROPERTIES.has(candidate.predicate.value)) {
      continue;
    }
    const list = values.get(candidate.predicate.value) ?? [];
    list.push(candidate.object.value);
    values.set(candidate.predicate.value, list);
  }
  // Values of inline resources (IRIs with a fragment of the subject) count under their linking property.
  for (const candidate of quads) {
    if (candidate.subject.termType === 'NamedNode' && candidate.subject.value.startsWith(`${subject.value}#`)) {
      for (const [property, list] of values) {
        if (list.includes(candidate.subject.value)) {
          list.push(`${localName(candidate.predicate.value)}=${candidate.object.value}`);
          values.set(property, list);
        }
      }
    }
  }
  for (const list of values.values()) {
    list.sort();
  }
  return values;
}

function show(values: readonly string[]): string {
  if (values.length === 0) {
    return 'none';
  }
  return values
    .filter((value) => !value.includes('#attribute-'))
    .map((value) => localName(value))
    .map((value) => (value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value))
    .join(', ');
}

/**
 * Returns the part of an IRI after its last `#` or `/`, the decoded name at the end of a URN (such as
 * `bom.csv` for an import source), or the text itself when it is no IRI.
 */
function localName(value: string): string {
  if (/^urn:[^\s]+:[^:\s]+$/i.test(value)) {
    const name = value.slice(value.lastIndexOf(':') + 1);
    try {
      return decodeURIComponent(name);
    } catch {
      return name;
    }
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return value;
  }
  return value.slice(Math.max(value.lastIndexOf('#'), value.lastIndexOf('/')) + 1);
}

import type { NamedNode, Quad } from '@rdfjs/types';
import { DCTERMS, DT, OSLC, OSLC_PLM, RDF_TYPE } from '../rdf/namespaces.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import { PROVENANCE, TIME_PROPERTIES } from './Provenance.js';
import type { ImportedType, PlannedResource } from './SyncPlan.js';

/** Properties listed per resource at most, values per property, and characters per value, so a report stays readable. */
const MAX_PROPERTIES = 6;
const MAX_VALUES = 6;
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
 * Returns what a change line shows of a planned resource: the changed properties of an update, the
 * values of a new resource, and nothing for a removal.
 */
export function changeDetails(resource: PlannedResource, vocabulary: TermNames): string | undefined {
  if (resource.desired === null) {
    return undefined;
  }
  const names = detailNames(resource.shape, vocabulary);
  if (resource.action === 'update' && resource.stored !== undefined) {
    return changedProperties(resource.subject, resource.stored.quads, resource.desired, names);
  }
  if (resource.action === 'create') {
    return createdProperties(resource.subject, resource.desired, names, LABELLED_PROPERTIES[resource.type]);
  }
  return undefined;
}

/** Names for change details: of a resource type's properties from its shape, and of values from the vocabulary. */
export interface DetailNames {
  /** Properties that take several values (oslc:occurs Zero-or-many or One-or-many). */
  multiValued: ReadonlySet<string>;
  /** Each property's shape title, such as "BOM Lines" for oslc_plm:composedOfPartUsage. */
  titles: ReadonlyMap<string, string>;
  /** Each property's fixed unit (the shape's dt:valueUnit), such as unit:KiloGM for dt:mass. */
  units?: ReadonlyMap<string, string>;
  /** Labels of vocabulary terms ("In Work" for dt:InWork) and symbols of units ("kg" for unit:KiloGM). */
  vocabulary?: TermNames;
}

/** The part of the project's Vocabulary that change details use. */
export interface TermNames {
  label(iri: string): string | undefined;
  symbol(iri: string): string | undefined;
}

const NO_NAMES: DetailNames = { multiValued: new Set(), titles: new Map() };

/**
 * Returns the properties of `subject` whose values differ between the stored and the new state, such as
 * `Quantity 2 → 3`, or undefined when only times differ. Several values are joined by ", ", and "none"
 * stands for no value. Triples of inline resources count under the property that links them. A property
 * in `names.multiValued`, or one with several values, is shown as the values added and removed, such as
 * `BOM Lines added BL-000012`. Properties are named by their shape title, else by their local name.
 */
export function changedProperties(subject: NamedNode, stored: readonly Quad[], desired: readonly Quad[], names: DetailNames = NO_NAMES): string | undefined {
  const before = valuesByProperty(subject, stored);
  const after = valuesByProperty(subject, desired);
  const changes: string[] = [];
  for (const property of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(property) ?? [];
    const now = after.get(property) ?? [];
    if (old.join('\u0000') === now.join('\u0000')) {
      continue;
    }
    const name = propertyName(property, names);
    if (names.multiValued.has(property) || old.length > 1 || now.length > 1) {
      // A long list of links, such as an assembly's BOM lines, reads better as what was added and removed.
      const added = now.filter((value) => !old.includes(value));
      const removed = old.filter((value) => !now.includes(value));
      const parts = [...(added.length > 0 ? [`added ${show(added, property, names)}`] : []), ...(removed.length > 0 ? [`removed ${show(removed, property, names)}`] : [])];
      changes.push(`${name} ${parts.join(', ')}`);
    } else {
      changes.push(`${name} ${show(old, property, names)} → ${show(now, property, names)}`);
    }
  }
  return joinChanges(changes);
}

/**
 * Returns the values a new resource gets, such as `Title Bracket; Lifecycle State In Work; Mass 0.4 kg`,
 * or undefined when it gets none beyond `hidden`. The title comes first, then the other properties by name. `hidden`
 * contains the properties that the resource's label already shows and those that every resource gets
 * (type, identifier, provenance). A dt:quantity is shown with the symbol of the resource's
 * dt:unitOfMeasure, such as `Quantity 2 pcs`.
 */
export function createdProperties(subject: NamedNode, desired: readonly Quad[], names: DetailNames, hidden: ReadonlySet<string>): string | undefined {
  const values = valuesByProperty(subject, desired);
  const unitOfMeasure = values.get(DT('unitOfMeasure'))?.[0];
  const entries: [string, string][] = [];
  for (const [property, list] of values) {
    if (hidden.has(property)) {
      continue;
    }
    let text = show(list, property, names);
    if (property === DT('quantity') && unitOfMeasure !== undefined) {
      text = `${text} ${names.vocabulary?.symbol(unitOfMeasure) ?? localName(unitOfMeasure)}`;
    }
    entries.push([propertyName(property, names), text]);
  }
  // The title comes first because it names the resource best.
  const title = propertyName(DCTERMS('title'), names);
  entries.sort(([a], [b]) => Number(b === title) - Number(a === title) || a.localeCompare(b, 'en'));
  return joinChanges(entries.map(([name, text]) => `${name} ${text}`));
}

function joinChanges(changes: readonly string[]): string | undefined {
  if (changes.length === 0) {
    return undefined;
  }
  const listed = changes.slice(0, MAX_PROPERTIES).join('; ');
  return changes.length > MAX_PROPERTIES ? `${listed}; and ${changes.length - MAX_PROPERTIES} more` : listed;
}

function propertyName(property: string, names: DetailNames): string {
  return names.titles.get(property) ?? localName(property);
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

/**
 * Returns the values of `property` for a report line: vocabulary terms by their label, other IRIs by
 * their local name, long values cut short, at most MAX_VALUES of them, and each number followed by the
 * symbol of the property's unit.
 */
function show(values: readonly string[], property: string, names: DetailNames): string {
  if (values.length === 0) {
    return 'none';
  }
  const unit = names.units?.get(property);
  const symbol = unit === undefined ? undefined : (names.vocabulary?.symbol(unit) ?? localName(unit));
  const shown = values
    .filter((value) => !value.includes('#attribute-'))
    .map((value) => names.vocabulary?.label(value) ?? localName(value))
    .map((value) => (value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value))
    .map((value) => (symbol === undefined ? value : `${value} ${symbol}`));
  const listed = shown.slice(0, MAX_VALUES).join(', ');
  return shown.length > MAX_VALUES ? `${listed} and ${shown.length - MAX_VALUES} more` : listed;
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

const namesByShape = new WeakMap<ResourceTypeShape, DetailNames>();

/**
 * Returns what change details need of a shape: the properties it allows several values of (oslc:occurs
 * Zero-or-many or One-or-many), each property's title, such as "BOM Lines" for oslc_plm:composedOfPartUsage,
 * and each property's fixed unit.
 */
function detailNames(shape: ResourceTypeShape, vocabulary: TermNames): DetailNames {
  let names = namesByShape.get(shape);
  if (names === undefined) {
    const multiValued = new Set(shape.properties.filter((property) => property.occurs === 'Zero-or-many' || property.occurs === 'One-or-many').map((property) => property.propertyDefinition));
    const titles = new Map(shape.properties.filter((property) => property.title !== '').map((property) => [property.propertyDefinition, property.title]));
    const units = new Map(shape.properties.filter((property) => property.valueUnit !== undefined).map((property) => [property.propertyDefinition, property.valueUnit!]));
    names = { multiValued, titles, units, vocabulary };
    namesByShape.set(shape, names);
  }
  return names;
}

/**
 * Properties that a new resource's change line leaves out: those every imported resource gets (type,
 * identifier, OSLC bookkeeping, times, provenance), and those its label already shows, such as a part's
 * number and revision. A BOM line's title only repeats its assembly, find number and child.
 */
const COMMON_PROPERTIES = [
  RDF_TYPE,
  DCTERMS('identifier'),
  DCTERMS('created'),
  DCTERMS('modified'),
  DCTERMS('creator'),
  OSLC('serviceProvider'),
  OSLC('instanceShape'),
  ...Object.values(PROVENANCE),
];
const LABELLED_PROPERTIES: Record<ImportedType, ReadonlySet<string>> = {
  parts: new Set([...COMMON_PROPERTIES, DT('partNumber'), DT('revision')]),
  bomLines: new Set([...COMMON_PROPERTIES, DT('assembly'), OSLC_PLM('representsPart'), DT('findNumber'), DCTERMS('title'), DT('unitOfMeasure')]),
  requirements: new Set([...COMMON_PROPERTIES, DT('externalIdentifier')]),
};

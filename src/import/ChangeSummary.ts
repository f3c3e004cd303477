import type { NamedNode, Quad } from '@rdfjs/types';
import { DCTERMS, DT, OSLC, OSLC_PLM, RDF_TYPE } from '../rdf/namespaces.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import { PROVENANCE } from './Provenance.js';
import { iriValuedProperties, localName, showChange, showValues, valuesByProperty, type TermNames, type ValueStyle } from './ChangeValues.js';
import type { ImportedType, PlannedResource } from './SyncPlan.js';

/** Properties listed per resource at most, so a report line stays readable. */
const MAX_PROPERTIES = 6;

const TYPE_NAMES: Record<ImportedType, string> = { parts: 'part', bomLines: 'BOM line', requirements: 'requirement', requirementCollections: 'requirement collection' };

/**
 * Returns the label of a stored resource that an import removes or relinks, such as `part EHA-910 rev -`.
 * It has the form of a planned resource's label: the type, then what the source called the resource
 * (part number and revision, requirement identifier, a collection's title, or a BOM line's dt:sourceId). Without such a name,
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
  } else if (type === 'requirementCollections') {
    name = value(DCTERMS('title'));
  } else {
    name = value(DT('sourceId'));
  }
  return `${TYPE_NAMES[type]} ${name ?? identifier}`;
}

/** One changed property of a resource with its whole values, as a report in JSON gives them to scripts. */
export interface ChangedValues {
  /** IRI of the property. */
  property: string;
  /** The property's shape title, else its local name. */
  name: string;
  /** Values before the change (none for a new resource): IRIs, and literals in their lexical form. */
  before: string[];
  after: string[];
  /** True when the values are IRIs, such as links, which the RDF form of a report gives as IRIs. */
  iris?: true;
}

/** The report entry of one planned change: its change line text, and the changed values in full. */
export interface ChangeDescription {
  /** The changed properties of an update, or the values of a new or removed resource, shortened for a change line. */
  details?: string;
  /** The properties that the change sets, with all their values, apart from the time of the write. */
  values?: ChangedValues[];
}

/**
 * Describes a planned change for its report, reading the stored and the new values once for both forms.
 * A removal lists the values that the resource had, as a creation lists its new ones, so the report
 * keeps what was deleted.
 */
export function describeChange(resource: PlannedResource, vocabulary: TermNames): ChangeDescription {
  const names = detailNames(resource.shape, vocabulary);
  const hidden = LABELLED_PROPERTIES[resource.type];
  const storedIris = resource.stored === undefined ? new Set<string>() : iriValuedProperties(resource.subject, resource.stored.quads);
  if (resource.action === 'remove' && resource.stored !== undefined) {
    const before = valuesByProperty(resource.subject, resource.stored.quads);
    return withDetails(createdText(before, names, hidden), changedValueList(before, new Map(), { names, hidden, iris: storedIris }));
  }
  if (resource.desired === null || (resource.action !== 'update' && resource.action !== 'create')) {
    return {};
  }
  const after = valuesByProperty(resource.subject, resource.desired);
  const iris = new Set([...storedIris, ...iriValuedProperties(resource.subject, resource.desired)]);

  if (resource.action === 'create') {
    // A new resource lists the properties its change line lists: the label and the IRI give the rest.
    return withDetails(createdText(after, names, hidden), changedValueList(new Map(), after, { names, hidden, iris }));
  }
  if (resource.stored === undefined) {
    return { values: changedValueList(new Map(), after, { names, hidden: new Set(), iris }) };
  }
  const before = valuesByProperty(resource.subject, resource.stored.quads);
  return withDetails(changedText(before, after, names), changedValueList(before, after, { names, hidden: new Set(), iris }));
}

function withDetails(details: string | undefined, values: ChangedValues[]): ChangeDescription {
  return details === undefined ? { values } : { details, values };
}

/** Returns the properties whose values differ between `before` and `after`, apart from `hidden`; `iris` are the properties with IRI values. */
function changedValueList(
  before: ReadonlyMap<string, string[]>,
  after: ReadonlyMap<string, string[]>,
  { names, hidden, iris }: { names: DetailNames; hidden: ReadonlySet<string>; iris: ReadonlySet<string> },
): ChangedValues[] {
  const changes: ChangedValues[] = [];
  for (const property of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(property) ?? [];
    const now = after.get(property) ?? [];
    if (!hidden.has(property) && old.join('\u0000') !== now.join('\u0000')) {
      changes.push({ property, name: propertyName(property, names), before: old, after: now, ...(iris.has(property) ? { iris: true as const } : {}) });
    }
  }
  return changes;
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

const NO_NAMES: DetailNames = { multiValued: new Set(), titles: new Map() };

/**
 * Provenance properties that an update line shows only when nothing else changed: a new file path or
 * exporting tool changes them on every resource, and would crowd out the values that changed.
 */
const SOURCE_DETAILS = new Set([PROVENANCE.sourceSystem, PROVENANCE.sourceId, PROVENANCE.importOrigin]);

/**
 * Returns the properties of `subject` whose values differ between the stored and the new state, such as
 * `Quantity 2 pcs → 3 pcs`, or undefined when only times differ. "none" stands for no value. A property
 * in `names.multiValued`, or one with several values, is shown as the values added and removed, such as
 * `BOM Lines added BL-000012`, and a source attribute whose value changed as `NAME old → new`.
 * Properties are named by their shape title, else by their local name, the title first.
 */
export function changedProperties(subject: NamedNode, stored: readonly Quad[], desired: readonly Quad[], names: DetailNames = NO_NAMES): string | undefined {
  return changedText(valuesByProperty(subject, stored), valuesByProperty(subject, desired), names);
}

function changedText(before: ReadonlyMap<string, string[]>, after: ReadonlyMap<string, string[]>, names: DetailNames): string | undefined {
  const changes: [property: string, text: string][] = [];
  for (const property of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(property) ?? [];
    const now = after.get(property) ?? [];
    if (old.join('\u0000') === now.join('\u0000')) {
      continue;
    }
    if (names.multiValued.has(property) || old.length > 1 || now.length > 1) {
      changes.push([property, listChange(property, old, now, valueStyle(property, before, names))]);
    } else if (old.length === 0 || now.length === 0) {
      changes.push([property, `${showValues(old, valueStyle(property, before, names))} → ${showValues(now, valueStyle(property, after, names))}`]);
    } else {
      changes.push([property, showChange(old[0]!, now[0]!, valueStyle(property, after, names), valueStyle(property, before, names))]);
    }
  }
  const content = changes.filter(([property]) => !SOURCE_DETAILS.has(property));
  return joinChanges(content.length > 0 ? content : changes, names);
}

/**
 * Returns what was added to and removed from a list of values, such as `added BL-000012, removed
 * BL-000007`. A list of links, such as an assembly's BOM lines, reads better so than as two lists.
 */
function listChange(property: string, old: readonly string[], now: readonly string[], style: ValueStyle): string {
  let added = now.filter((value) => !old.includes(value));
  let removed = old.filter((value) => !now.includes(value));
  const changed: string[] = [];

  // A source attribute is shown as `NAME: VALUE`; one whose value changed reads as `NAME old → new`.
  if (property === DT('sourceAttribute')) {
    const nameOf = (value: string): string => value.slice(0, value.indexOf(': '));
    for (const value of [...added]) {
      const previous = removed.find((candidate) => nameOf(candidate) === nameOf(value));
      if (previous !== undefined && nameOf(value) !== '') {
        changed.push(`${nameOf(value)} ${showChange(previous.slice(nameOf(value).length + 2), value.slice(nameOf(value).length + 2), style)}`);
        added = added.filter((candidate) => candidate !== value);
        removed = removed.filter((candidate) => candidate !== previous);
      }
    }
  }
  return [...changed, ...(added.length > 0 ? [`added ${showValues(added, style)}`] : []), ...(removed.length > 0 ? [`removed ${showValues(removed, style)}`] : [])].join(', ');
}

/**
 * Returns the values a new resource gets, such as `Title Bracket; Lifecycle State In Work; Mass 0.4 kg`,
 * or undefined when it gets none beyond `hidden`. The title comes first, then the other properties by
 * name. `hidden` contains the properties that the resource's label already shows and those that every
 * resource gets (type, identifier, provenance).
 */
export function createdProperties(subject: NamedNode, desired: readonly Quad[], names: DetailNames, hidden: ReadonlySet<string>): string | undefined {
  return createdText(valuesByProperty(subject, desired), names, hidden);
}

function createdText(values: ReadonlyMap<string, string[]>, names: DetailNames, hidden: ReadonlySet<string>): string | undefined {
  const entries: [property: string, text: string][] = [];
  for (const [property, list] of values) {
    if (!hidden.has(property)) {
      entries.push([property, showValues(list, valueStyle(property, values, names))]);
    }
  }
  return joinChanges(entries, names);
}

/**
 * Returns how the values of `property` are shown: with the symbol of its fixed unit, or for a
 * dt:quantity with the symbol of the resource's dt:unitOfMeasure (`Quantity 2 pcs`).
 */
function valueStyle(property: string, values: ReadonlyMap<string, string[]>, names: DetailNames): ValueStyle {
  const unit = property === DT('quantity') ? values.get(DT('unitOfMeasure'))?.[0] : names.units?.get(property);
  const style: ValueStyle = names.vocabulary === undefined ? {} : { vocabulary: names.vocabulary };
  if (unit !== undefined) {
    style.symbol = names.vocabulary?.symbol(unit) ?? localName(unit);
  }
  return style;
}

/** Joins `NAME text` entries, the title first and then by name, and at most MAX_PROPERTIES of them. */
function joinChanges(entries: readonly [property: string, text: string][], names: DetailNames): string | undefined {
  if (entries.length === 0) {
    return undefined;
  }

  // The title comes first because it names the resource best.
  const named = entries.map(([property, text]) => [property === DCTERMS('title'), propertyName(property, names), text] as const);
  named.sort(([aTitle, a], [bTitle, b]) => Number(bTitle) - Number(aTitle) || a.localeCompare(b, 'en'));
  const changes = named.map(([, name, text]) => `${name} ${text}`);

  const listed = changes.slice(0, MAX_PROPERTIES).join('; ');
  return changes.length > MAX_PROPERTIES ? `${listed}; and ${changes.length - MAX_PROPERTIES} more` : listed;
}

function propertyName(property: string, names: DetailNames): string {
  return names.titles.get(property) ?? localName(property);
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
  requirementCollections: new Set([...COMMON_PROPERTIES, DCTERMS('title')]),
};

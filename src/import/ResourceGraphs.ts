import { DataFactory } from 'n3';
import { vocabularyTerm } from '../rdf/VocabularyTerms.js';
import type { NamedNode, Quad, Quad_Object, Term } from '@rdfjs/types';
import { DCTERMS, DT, OSLC, OSLC_PLM, OSLC_RM, RDF, RDF_TYPE, XSD } from '../rdf/namespaces.js';
import { doubleToDecimal } from '../resources/LiteralNormalizer.js';
import { nameKey, propertyNames } from '../shapes/PropertyNames.js';
import type { PropertyShape, ResourceShape, ResourceTypeShape } from '../shapes/ResourceShape.js';
import { keyedAttributes, matchAttribute } from './AttributeMatching.js';
import type { BatchBomLine, BatchPart, BatchRequirement, BatchRequirementCollection } from './BatchChecks.js';
import type { BomView } from './BomViews.js';
import { digitSpaceAdvice, parseNumber, type DecimalSeparator } from './DecimalNumbers.js';
import { isSourceAttributeQuad, SOURCE_ATTRIBUTE, sourceAttributeQuads } from './SourceAttributes.js';
import type { TermNames } from './ChangeValues.js';
import { PROVENANCE, provenanceQuads, TIME_PROPERTIES, type ProvenanceRecord } from './Provenance.js';
import type { UnconvertedAttribute } from './UnconvertedSourceNames.js';

const { namedNode, literal, quad } = DataFactory;

/** Properties that a source attribute may not set, because the import sets them itself. */
const IDENTITY_PROPERTIES = new Set([DT('partNumber'), DT('revision'), DT('externalIdentifier'), DCTERMS('title'), DCTERMS('description')]);

/** Properties an import writes on a resource, and their values; the import owns these, and keeps the others. */
export interface ResourceContent {
  owned: Set<string>;
  quads: Quad[];
  /**
   * Returns true for a stored value of an owned property that stays, such as a requirement's link to a
   * part, which a ReqIF source cannot state. Absent: every stored value of an owned property is replaced.
   */
  keepsStored?: (stored: Quad) => boolean;
  /** Problems with attribute values, such as a lifecycle state the shape does not allow. */
  problems: string[];
  /** Values of attributes matched through a `dt:sourceName` that do not convert. They are warnings, not problems (UnconvertedSourceNames). */
  unconverted?: UnconvertedAttribute[];
}

/** Returns the text as an xsd:decimal literal, or undefined when it is not a finite number. */
export function decimalLiteral(value: number): Quad_Object | undefined {
  const lexical = doubleToDecimal(String(value));
  return lexical === undefined ? undefined : literal(lexical, vocabularyTerm(XSD('decimal')));
}

/**
 * Builds the imported content of a part: title, description, part number, revision, provenance and
 * the attributes whose names are properties of the Part shape (for example `material`, `mass` or
 * `lifecycleState`). `attributeProperties` are the shape properties that some part of the source sets.
 * The import owns them on every part of the source, so a value removed in the source is removed here.
 */
export function partContent(
  subject: NamedNode,
  part: BatchPart,
  attributeProperties: readonly PropertyShape[],
  provenance: ProvenanceRecord,
  now: Quad_Object,
  vocabulary?: TermNames,
  source: SourceNumbers & { partDescriptions?: boolean } = {},
): ResourceContent {
  const quads: Quad[] = [
    quad(subject, vocabularyTerm(DT('partNumber')), literal(part.partNumber)),
    quad(subject, vocabularyTerm(DT('revision')), literal(part.revision)),
    ...provenanceQuads(subject, provenance, now),
  ];
  // A part without a title in the source gets its part number as title when it is new (untitledPartDefaults).
  if (part.untitled !== true) {
    quads.unshift(quad(subject, vocabularyTerm(DCTERMS('title')), literal(part.title)));
  }
  if (part.description !== undefined) {
    quads.push(quad(subject, vocabularyTerm(DCTERMS('description')), literal(part.description)));
  }

  const { problems, unconverted } = addAttributes(subject, part.attributes, attributeProperties, quads, vocabulary, source);
  const owned = new Set([...IDENTITY_PROPERTIES, ...ownedAttributeProperties(attributeProperties, quads, unconverted), ...ownedProvenance()]);
  if (part.untitled === true) {
    owned.delete(DCTERMS('title'));
  }
  // A source without descriptions gives no value for them, so a description that a user gave stays.
  if (source.partDescriptions === false) {
    owned.delete(DCTERMS('description'));
  }
  return { owned, quads, problems, unconverted };
}

/**
 * Builds the imported content of a part that the source names without describing it (SourcePart.reference).
 * The import owns its part number and revision alone, so a stored part keeps its title, attributes and
 * provenance. A new one also gets `referencedPartDefaults`.
 */
export function referencedPartContent(subject: NamedNode, part: BatchPart): ResourceContent {
  const quads = [quad(subject, vocabularyTerm(DT('partNumber')), literal(part.partNumber)), quad(subject, vocabularyTerm(DT('revision')), literal(part.revision))];
  return { owned: new Set([DT('partNumber'), DT('revision')]), quads, problems: [] };
}

/** Returns the triples that a referenced part gets when the import creates it: its part number as title, and the import's provenance. */
export function referencedPartDefaults(subject: NamedNode, part: BatchPart, provenance: ProvenanceRecord, now: Quad_Object): Quad[] {
  return [quad(subject, vocabularyTerm(DCTERMS('title')), literal(part.title)), ...provenanceQuads(subject, provenance, now)];
}

/**
 * Returns the attribute properties that a resource's import owns: each one the source sets on some
 * resource, so that a value removed in the source is removed here, except a required property that
 * this resource's item leaves blank. Removing that value would break the shape, so the stored value
 * stays (a new resource gets the import's default, such as In Work for a part's lifecycle state).
 * A property whose value under a `dt:sourceName` does not convert is not owned either, so its stored
 * value stays, as it did before the shape gave the property that name.
 */
function ownedAttributeProperties(properties: readonly PropertyShape[], quads: readonly Quad[], unconverted: readonly UnconvertedAttribute[] = []): string[] {
  const valued = new Set(quads.map((candidate) => candidate.predicate.value));
  const unconvertedProperties = new Set(unconverted.map((attribute) => attribute.property.propertyDefinition));
  return properties
    .filter((property) => !unconvertedProperties.has(property.propertyDefinition) && (valued.has(property.propertyDefinition) || !REQUIRED.has(property.occurs)))
    .map((property) => property.propertyDefinition);
}

/** oslc:occurs values that require a value. */
const REQUIRED: ReadonlySet<string> = new Set(['Exactly-one', 'One-or-many']);

/** Number format of a source's attributes, from ImportBatch `source`. */
interface SourceNumbers {
  /** Decimal separator; a point when absent. */
  decimalSeparator?: DecimalSeparator;
  /** QUDT unit IRIs of attributes that the source gives in another unit than their property's, by attribute name. */
  attributeUnits?: Readonly<Record<string, string>>;
}

/** The outcome of addAttributes for one resource. */
interface AttributeValues {
  /** A message for each value under a property's `oslc:name` that does not convert. */
  problems: string[];
  unconverted: UnconvertedAttribute[];
  /** The nameKey of each attribute that a `dt:sourceName` matched and whose value set the property. */
  setBySourceName: Set<string>;
}

/**
 * Adds the values of the attributes named like `properties`, by `oslc:name` or `dt:sourceName`, to
 * `quads`, converted to each property's value type.
 */
function addAttributes(
  subject: NamedNode,
  attributes: Readonly<Record<string, string>>,
  properties: readonly PropertyShape[],
  quads: Quad[],
  vocabulary: TermNames | undefined,
  numbers: SourceNumbers = {},
): AttributeValues {
  const byKey = keyedAttributes(attributes);
  const sourceUnits = new Map(Object.entries(numbers.attributeUnits ?? {}).map(([name, unit]) => [nameKey(name), unit]));

  const result: AttributeValues = { problems: [], unconverted: [], setBySourceName: new Set() };
  for (const property of properties) {
    const attribute = matchAttribute(byKey, property);
    if (attribute === undefined) {
      continue;
    }
    const value = attributeValue(property, attribute.text, vocabulary, numbers.decimalSeparator ?? '.', sourceUnits.get(nameKey(attribute.name)));
    if (typeof value !== 'string') {
      quads.push(quad(subject, vocabularyTerm(property.propertyDefinition), value));
      if (attribute.bySourceName) {
        result.setBySourceName.add(nameKey(attribute.name));
      }
    } else if (attribute.bySourceName) {
      result.unconverted.push({ attribute: attribute.name, property, problem: value });
    } else {
      result.problems.push(value);
    }
  }
  return result;
}

/** Returns the shape properties that attributes named like them, by `oslc:name` or `dt:sourceName`, may set, among the names used. */
export function attributeProperties(shape: ResourceShape, attributeNames: ReadonlySet<string>): PropertyShape[] {
  const keys = new Set([...attributeNames].map(nameKey));
  return shape.properties.filter(
    (property) =>
      propertyNames(property).some((name) => keys.has(nameKey(name))) &&
      !property.readOnly &&
      !IDENTITY_PROPERTIES.has(property.propertyDefinition) &&
      property.propertyDefinition !== RDF_TYPE &&
      property.valueType !== OSLC('LocalResource') &&
      (property.valueType !== OSLC('Resource') || property.allowedValues.length > 0),
  );
}

/**
 * Converts an attribute's text to the property's value type, or returns a message naming the problem.
 * `sourceUnit` is the unit that the source gives the attribute in, when the adapter converted its numbers.
 */
function attributeValue(property: PropertyShape, text: string, vocabulary: TermNames | undefined, decimalSeparator: DecimalSeparator, sourceUnit?: string): Quad_Object | string {
  if (property.allowedValues.length > 0) {
    // A term matches by its local name, its label or an alternative label, so "DAL A" finds dt:LevelA.
    const sourceKey = nameKey(text);
    const names = (candidate: Term): string[] => [localName(candidate), vocabulary?.label(candidate.value) ?? '', ...(vocabulary?.altLabels?.(candidate.value) ?? [])];
    const match = property.allowedValues.find((candidate) => names(candidate).some((name) => name !== '' && nameKey(name) === sourceKey));
    if (match === undefined) {
      return `the ${property.name} "${text}" is not one of ${property.allowedValues.map(spacedName).join(', ')}; use one of those values in the source (case and spaces do not matter).`;
    }
    return match as Quad_Object;
  }
  if (property.valueType === XSD('decimal') || property.valueType === XSD('double') || property.valueType === XSD('integer')) {
    const number = parseNumber(withoutOwnUnit(text, property, vocabulary), decimalSeparator);
    const value = number === undefined ? undefined : decimalLiteral(number);
    if (number === undefined || value === undefined || (property.valueType === XSD('integer') && !Number.isInteger(number))) {
      // A value with its unit, such as "400 g", is a common mistake, so the message names the unit that
      // the value is read in: the source's, such as grams under `Mass [g]`, else the property's.
      return `the ${property.name} "${text}" is not a number; give the number alone, such as 1${decimalSeparator}25${unitNote(sourceUnit ?? property.valueUnit, vocabulary)}.${digitSpaceAdvice(text)}`;
    }
    return property.valueType === XSD('decimal') ? value : literal(value.value, vocabularyTerm(property.valueType));
  }
  return literal(text, vocabularyTerm(property.valueType ?? XSD('string')));
}

function localName(term: Term): string {
  return term.value.slice(Math.max(term.value.lastIndexOf('#'), term.value.lastIndexOf('/')) + 1);
}

/** Returns a number's text without a trailing symbol of the property's own unit, so "2.5 kg" reads as a mass of 2.5. */
function withoutOwnUnit(text: string, property: PropertyShape, vocabulary: TermNames | undefined): string {
  const symbol = property.valueUnit === undefined ? undefined : vocabulary?.symbol(property.valueUnit);
  if (symbol === undefined || !text.toLowerCase().endsWith(symbol.toLowerCase())) {
    return text;
  }
  return text.slice(0, text.length - symbol.length).trim();
}

/** Returns `; the unit is kilogram (kg)` for a value read in a unit, such as a property's dt:valueUnit, else nothing. */
function unitNote(unitIri: string | undefined, vocabulary: TermNames | undefined): string {
  if (unitIri === undefined) {
    return '';
  }
  const unit = namedNode(unitIri);
  const label = vocabulary?.label(unit.value) ?? localName(unit);
  const symbol = vocabulary?.symbol(unit.value);
  return `; the unit is ${label}${symbol === undefined ? '' : ` (${symbol})`}`;
}

/** Returns a term's local name as words, such as "In Work" for dt:InWork, as the vocabulary labels it. */
function spacedName(term: Term): string {
  return localName(term).replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** The values that a BOM line's title is derived from. */
export interface BomLineNaming {
  view: BomView;
  assemblyNumber: string;
  findNumber?: string;
  childTitle: string;
}

/**
 * Returns a BOM line's title text, such as `EHA-500 item 10: Bracket` (`EHA-500 MBOM item 10: Bracket` in the
 * MBOM), from its assembly's part number and its child's title. DerivedLineTitles builds it again when an import
 * changes one of those values.
 */
export function bomLineTitleText(naming: BomLineNaming): string {
  const assembly = naming.view === 'MBOM' ? `${naming.assemblyNumber} MBOM` : naming.assemblyNumber;
  const label = naming.findNumber === undefined ? `${assembly} uses ${naming.childTitle}` : `${assembly} item ${naming.findNumber}: ${naming.childTitle}`;
  return truncate(label, MAX_TITLE_LENGTH);
}

/** Returns a BOM line's dcterms:title triple (bomLineTitleText). */
export function bomLineTitle(subject: NamedNode, line: BatchBomLine): Quad {
  const text = bomLineTitleText({ view: line.view, assemblyNumber: line.parent.partNumber, findNumber: line.findNumber, childTitle: line.child.title });
  return quad(subject, vocabularyTerm(DCTERMS('title')), literal(text));
}

/** Returns the default title of a new part that the source gives no title: its part number. */
export function untitledPartDefaults(subject: NamedNode, part: BatchPart): Quad[] {
  return part.untitled === true ? [quad(subject, vocabularyTerm(DCTERMS('title')), literal(part.title))] : [];
}

/** Builds the imported content of a BOM line; its title names the assembly, the find number and the child. */
export function bomLineContent(subject: NamedNode, line: BatchBomLine, assembly: string, child: string, provenance: ProvenanceRecord, now: Quad_Object): ResourceContent {
  const quads: Quad[] = [
    quad(subject, vocabularyTerm(DT('assembly')), namedNode(assembly)),
    quad(subject, vocabularyTerm(OSLC_PLM('representsPart')), namedNode(child)),
    quad(subject, vocabularyTerm(DT('unitOfMeasure')), vocabularyTerm(line.unit)),
    ...provenanceQuads(subject, provenance, now),
  ];
  const problems: string[] = [];
  const quantity = decimalLiteral(line.quantity);
  if (quantity === undefined) {
    problems.push(`the quantity ${line.quantity} is not a finite number.`);
  } else {
    quads.push(quad(subject, vocabularyTerm(DT('quantity')), quantity));
  }
  if (line.findNumber !== undefined) {
    quads.push(quad(subject, vocabularyTerm(DT('findNumber')), literal(line.findNumber)));
  }
  for (const designator of line.referenceDesignators) {
    quads.push(quad(subject, vocabularyTerm(DT('referenceDesignator')), literal(designator)));
  }
  const owned = new Set([DT('assembly'), OSLC_PLM('representsPart'), DT('quantity'), DT('unitOfMeasure'), DT('findNumber'), DT('referenceDesignator'), ...ownedProvenance()]);
  // The title names the child by its title, so a line to an untitled child keeps its stored title.
  if (line.child.untitled !== true) {
    quads.unshift(bomLineTitle(subject, line));
    owned.add(DCTERMS('title'));
  }
  return { owned, quads, problems };
}

/**
 * Builds the imported content of a requirement, without its links. Rich text (XHTML) becomes an
 * rdf:XMLLiteral description, which the shape allows; otherwise the plain text is the description.
 * Attributes named like Requirement shape properties (such as `Assurance Level`), or like one of their
 * `dt:sourceName` values (such as `DAL`), set them, as for parts.
 * The other typed attributes become inline dt:SourceAttribute resources (see SourceAttributes).
 */
export function requirementContent(subject: NamedNode, requirement: BatchRequirement, attributeProperties: readonly PropertyShape[], provenance: ProvenanceRecord, now: Quad_Object, vocabulary?: TermNames): ResourceContent {
  const quads: Quad[] = [
    quad(subject, vocabularyTerm(DCTERMS('title')), literal(truncate(requirement.title, MAX_TITLE_LENGTH))),
    quad(subject, vocabularyTerm(DT('externalIdentifier')), literal(requirement.identifier)),
    ...provenanceQuads(subject, provenance, now),
  ];
  if (requirement.descriptionXhtml !== undefined) {
    quads.push(quad(subject, vocabularyTerm(DCTERMS('description')), literal(requirement.descriptionXhtml, vocabularyTerm(RDF('XMLLiteral')))));
  } else if (requirement.description !== undefined) {
    quads.push(quad(subject, vocabularyTerm(DCTERMS('description')), literal(requirement.description)));
  }
  // The import owns the section number, so a requirement that no specification places any more loses it.
  if (requirement.source.sectionNumber !== undefined) {
    quads.push(quad(subject, vocabularyTerm(DT('sectionNumber')), literal(requirement.source.sectionNumber)));
  }
  // The import owns the heading mark too, so a heading that gains text in the source loses it.
  if (requirement.source.heading === true) {
    quads.push(quad(subject, vocabularyTerm(DT('heading')), literal('true', vocabularyTerm(XSD('boolean')))));
  }
  const { problems, unconverted, setBySourceName } = addAttributes(subject, requirement.attributes, attributeProperties, quads, vocabulary);
  // An attribute under a dt:sourceName stays a source attribute unless it set the property, as when the
  // property's own name wins or its value does not convert.
  const storedAsProperties = new Set([...attributeProperties.map((property) => nameKey(property.name)), ...setBySourceName]);
  quads.push(...sourceAttributeQuads(subject, (requirement.source.typedAttributes ?? []).filter((attribute) => !storedAsProperties.has(nameKey(attribute.name)))));
  const owned = new Set([
    DCTERMS('title'),
    DCTERMS('description'),
    DT('externalIdentifier'),
    DT('sectionNumber'),
    DT('heading'),
    SOURCE_ATTRIBUTE.property,
    ...ownedAttributeProperties(attributeProperties, quads, unconverted),
    ...ownedProvenance(),
  ]);
  return { owned, quads, problems, unconverted };
}

/**
 * Builds the imported content of a requirement collection: title, description, provenance and an
 * oslc_rm:uses link to each member (`members` are the members' IRIs). The import owns oslc_rm:uses, so a
 * requirement that the document no longer contains leaves the collection.
 */
export function requirementCollectionContent(subject: NamedNode, collection: BatchRequirementCollection, members: readonly string[], provenance: ProvenanceRecord, now: Quad_Object): ResourceContent {
  const quads: Quad[] = [quad(subject, vocabularyTerm(DCTERMS('title')), literal(truncate(collection.title, MAX_TITLE_LENGTH))), ...provenanceQuads(subject, provenance, now)];
  if (collection.description !== undefined) {
    quads.push(quad(subject, vocabularyTerm(DCTERMS('description')), literal(collection.description)));
  }
  for (const member of members) {
    quads.push(quad(subject, vocabularyTerm(OSLC_RM('uses')), namedNode(member)));
  }
  return { owned: new Set([DCTERMS('title'), DCTERMS('description'), OSLC_RM('uses'), ...ownedProvenance()]), quads, problems: [] };
}

/** Server-managed triples of a resource an import creates, as the creation factory would write them. */
export function newResourceQuads(subject: NamedNode, shape: ResourceTypeShape, identifier: string, providerIri: string, provenance: ProvenanceRecord, now: Quad_Object, defaults: Quad[]): Quad[] {
  return [
    ...shape.describes.map((type) => quad(subject, vocabularyTerm(RDF_TYPE), vocabularyTerm(type))),
    quad(subject, vocabularyTerm(DCTERMS('identifier')), literal(identifier)),
    quad(subject, vocabularyTerm(DCTERMS('created')), now),
    quad(subject, vocabularyTerm(DCTERMS('modified')), now),
    quad(subject, vocabularyTerm(OSLC('serviceProvider')), namedNode(providerIri)),
    quad(subject, vocabularyTerm(OSLC('instanceShape')), vocabularyTerm(shape.iri)),
    quad(subject, vocabularyTerm(PROVENANCE.importOrigin), namedNode(provenance.origin ?? provenance.source)),
    ...defaults,
  ];
}

/**
 * Returns the resource's new state: what it had, without the properties the import owns, plus the
 * imported content. Values of other properties, inline resources (blank nodes) and server-managed
 * properties stay as they were, but the inline source attributes are replaced by the imported ones.
 */
export function mergeContent(existing: readonly Quad[], subject: NamedNode, content: ResourceContent): Quad[] {
  const replaced = (candidate: Quad): boolean =>
    candidate.subject.equals(subject) &&
    ((content.owned.has(candidate.predicate.value) && content.keepsStored?.(candidate) !== true) || TIME_PROPERTIES.has(candidate.predicate.value));
  const kept = existing.filter((candidate) => !replaced(candidate) && !isSourceAttributeQuad(subject, candidate));
  const existingTimes = existing.filter((candidate) => candidate.subject.equals(subject) && TIME_PROPERTIES.has(candidate.predicate.value));
  // The imported content carries prov:generatedAtTime = now; the stored times stay until the content changes.
  const imported = content.quads.filter((candidate) => !(candidate.subject.equals(subject) && TIME_PROPERTIES.has(candidate.predicate.value)));
  return [...kept, ...existingTimes, ...imported];
}

function ownedProvenance(): string[] {
  return [PROVENANCE.wasDerivedFrom, PROVENANCE.sourceSystem, PROVENANCE.sourceId];
}

/** Maximum length of a title that the shapes allow (oslc:maxSize of dcterms:title). Longer requirement titles are cut, with a warning. */
export const MAX_TITLE_LENGTH = 500;

function truncate(text: string, maximum: number): string {
  return text.length <= maximum ? text : `${text.slice(0, maximum - 1)}…`;
}

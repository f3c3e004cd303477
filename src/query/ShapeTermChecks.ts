import type { Literal, NamedNode } from '@rdfjs/types';
import { compactIri, OSLC, RDF, RDF_TYPE, XSD } from '../rdf/namespaces.js';
import type { ResourceShape } from '../shapes/ResourceShape.js';
import type { PropertyReference, SelectedProperty } from './QueryAst.js';
import { QuerySyntaxError } from './QuerySyntaxError.js';

/** XSD numeric types, which SPARQL compares with one another by value. */
const NUMERIC = new Set(['integer', 'decimal', 'double', 'float', 'int', 'long', 'short', 'byte', 'nonNegativeInteger', 'positiveInteger', 'negativeInteger', 'nonPositiveInteger', 'unsignedInt', 'unsignedLong'].map((name) => XSD(name)));

/** Datatypes a text value may have: the property's string, rich text or language-tagged values. */
const TEXTUAL = new Set([XSD('string'), RDF('XMLLiteral'), RDF('langString'), RDF('HTML')]);

/** Literal datatypes that SPARQL compares as dates and times (xsd:date with xsd:dateTime is aligned by the translator). */
const TEMPORAL = new Set([XSD('date'), XSD('dateTime'), XSD('dateTimeStamp')]);

/** Value types whose values are resources (links), not literals. */
const RESOURCE_TYPES = new Set([OSLC('Resource'), OSLC('AnyResource'), OSLC('LocalResource')]);

/** Tells whether the shape defines the property. */
export function definesProperty(shape: ResourceShape, property: string): boolean {
  return shape.properties.some((candidate) => candidate.propertyDefinition === property);
}

/**
 * Rejects a property that the members' shape (the query capability's oslc:resourceShape) does not
 * define. A term on a property no member has would match nothing, and a typo such as `dt:partNumbr`
 * would pass for an empty result. `rdf:type` is always allowed, and the
 * wildcard `*` stands for any property.
 */
export function checkKnownProperty(parameter: string, shape: ResourceShape, property: PropertyReference): void {
  if (property.kind === 'wildcard' || property.iri === RDF_TYPE) {
    return;
  }
  if (!definesProperty(shape, property.iri)) {
    throw new QuerySyntaxError(parameter, property.position, `${compactIri(property.iri)} is not a property of ${shape.title}; use a property of its shape (see the query capability's oslc:resourceShape) or *`);
  }
}

/** Checks the top-level properties of `oslc.select` or `oslc.properties` against the members' shape. */
export function checkSelectedProperties(parameter: string, shape: ResourceShape, selection: readonly SelectedProperty[]): void {
  for (const selected of selection) {
    checkKnownProperty(parameter, shape, selected.property);
  }
}

/**
 * Rejects a value whose kind cannot equal or order any value of the property, given the value type
 * its shape declares: a resource for a literal property, a literal for a link, a number for a text
 * or a date. Compared anyway, it would silently match nothing.
 */
export function checkValueKind(value: NamedNode | Literal, valueType: string | undefined, propertyName: string, position: number): void {
  if (valueType === undefined) {
    return;
  }
  if (RESOURCE_TYPES.has(valueType)) {
    if (value.termType === 'Literal') {
      throw new QuerySyntaxError('oslc.where', position, `${propertyName} links to resources, so compare it with an IRI in angle brackets like <https://example.org/resource> or a prefixed name`);
    }
    return;
  }
  if (value.termType === 'NamedNode') {
    throw new QuerySyntaxError('oslc.where', position, `${propertyName} has ${compactIri(valueType)} values, not resources; give a literal such as ${example(valueType)}`);
  }
  const datatype = value.language === '' ? value.datatype.value : RDF('langString');
  if (!compatible(valueType, datatype)) {
    throw new QuerySyntaxError('oslc.where', position, `${propertyName} has ${compactIri(valueType)} values, so it never equals the ${compactIri(datatype)} ${JSON.stringify(value.value)}; give a value such as ${example(valueType)}`);
  }
}

function compatible(valueType: string, datatype: string): boolean {
  // A custom datatype may be how the data is written, so it is left to the engine.
  if (valueType === datatype || !(NUMERIC.has(datatype) || TEMPORAL.has(datatype) || TEXTUAL.has(datatype) || datatype === XSD('boolean'))) {
    return true;
  }
  if (NUMERIC.has(valueType)) {
    return NUMERIC.has(datatype);
  }
  if (TEXTUAL.has(valueType)) {
    return TEXTUAL.has(datatype);
  }
  if (TEMPORAL.has(valueType)) {
    return TEMPORAL.has(datatype);
  }
  // A property of a custom datatype may hold any of the known ones.
  return true;
}

function example(valueType: string): string {
  if (NUMERIC.has(valueType)) {
    return '2 or 1.5 (without quotes)';
  }
  if (valueType === XSD('boolean')) {
    return 'true';
  }
  if (valueType === XSD('date')) {
    return '"2026-05-01"';
  }
  if (TEMPORAL.has(valueType)) {
    return '"2026-05-01T00:00:00Z"';
  }
  return '"text" (in double quotes)';
}

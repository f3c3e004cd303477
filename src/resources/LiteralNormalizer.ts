import { DataFactory } from 'n3';
import type { Literal, Quad, Quad_Object } from '@rdfjs/types';
import { XSD } from '../rdf/namespaces.js';
import type { PropertyShape, ResourceShape } from '../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';

const { literal, namedNode, quad } = DataFactory;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Numeric datatypes each declared value type also accepts: Turtle writes `2` as xsd:integer and `1.5`
 * as xsd:decimal, and JSON-LD turns the JSON number 2.5 into "2.5E0"^^xsd:double.
 */
const WIDENING: Record<string, Record<string, RegExp>> = {
  [XSD('decimal')]: { [XSD('integer')]: INTEGER, [XSD('double')]: DOUBLE },
  [XSD('double')]: { [XSD('integer')]: INTEGER, [XSD('decimal')]: DECIMAL },
  [XSD('float')]: { [XSD('integer')]: INTEGER, [XSD('decimal')]: DECIMAL },
};

/**
 * Retypes numeric literals to the value type their shape declares when the value is exactly
 * representable, so `dt:quantity 2` is stored as `"2"^^xsd:decimal` and queries compare like with
 * like. Anything else is left for validation to report.
 */
export function normalizeLiterals(quads: readonly Quad[], subject: string, shape: ResourceShape, shapes: ShapeRegistry): Quad[] {
  const propertiesBySubject = new Map<string, Map<string, PropertyShape>>();
  propertiesBySubject.set(subject, byDefinition(shape));

  // Inline resources (blank nodes under a property with a value shape) follow their own shape.
  for (const candidate of quads) {
    const properties = propertiesBySubject.get(candidate.subject.value);
    const property = properties?.get(candidate.predicate.value);
    if (property?.valueShape !== undefined && candidate.object.termType === 'BlankNode') {
      const inline = shapes.byIri(property.valueShape);
      if (inline !== undefined) {
        propertiesBySubject.set(candidate.object.value, byDefinition(inline));
      }
    }
  }

  return quads.map((candidate) => {
    const property = propertiesBySubject.get(candidate.subject.value)?.get(candidate.predicate.value);
    if (property?.valueType === undefined || candidate.object.termType !== 'Literal') {
      return candidate;
    }
    const widened = widen(candidate.object as Literal, property.valueType);
    return widened === undefined ? candidate : quad(candidate.subject, candidate.predicate, widened, candidate.graph);
  });
}

function widen(value: Literal, valueType: string): Quad_Object | undefined {
  const accepted = WIDENING[valueType]?.[value.datatype.value];
  if (accepted === undefined || !accepted.test(value.value)) {
    return undefined;
  }
  if (valueType === XSD('decimal') && value.datatype.value === XSD('double')) {
    const decimal = doubleToDecimal(value.value);
    return decimal === undefined ? undefined : literal(decimal, namedNode(valueType));
  }
  return literal(value.value, namedNode(valueType));
}

/** Writes a finite double in decimal notation without exponent ("2.5E0" becomes "2.5"). */
export function doubleToDecimal(lexical: string): string | undefined {
  const number = Number(lexical);
  if (!Number.isFinite(number)) {
    return undefined;
  }
  const text = String(number);
  if (!/e/i.test(text)) {
    return text;
  }
  // Very small or very large magnitudes: toFixed covers 1e-20 .. 1e21 exactly enough for engineering values.
  return Math.abs(number) < 1 ? number.toFixed(20).replace(/0+$/, '') : BigInt(Math.round(number)).toString();
}

function byDefinition(shape: ResourceShape): Map<string, PropertyShape> {
  return new Map(shape.properties.map((property) => [property.propertyDefinition, property]));
}

import { DataFactory } from 'n3';
import type { NamedNode, Quad } from '@rdfjs/types';
import { DT, RDF, RDF_TYPE, XSD } from '../rdf/namespaces.js';
import { doubleToDecimal } from '../resources/LiteralNormalizer.js';
import type { SourceAttribute } from './ImportModel.js';
import { canonicalDateTime } from '../rdf/XsdCanonical.js';

const { namedNode, literal, quad } = DataFactory;

/** `dt:` terms of a source attribute that no shape property takes. */
export const SOURCE_ATTRIBUTE = {
  type: DT('SourceAttribute'),
  property: DT('sourceAttribute'),
  name: DT('attributeName'),
  value: DT('attributeValue'),
} as const;

/** Fragment that starts the IRI of each inline source attribute of a resource. */
export const ATTRIBUTE_FRAGMENT = '#attribute-';


/**
 * Returns the triples of a resource's source attributes. Each is an inline dt:SourceAttribute with its
 * dt:attributeName and one typed dt:attributeValue per value. Its IRI is a fragment of the resource IRI
 * made from the name, so a second import of the same values yields the same triples.
 */
export function sourceAttributeQuads(subject: NamedNode, attributes: readonly SourceAttribute[]): Quad[] {
  const quads: Quad[] = [];
  const fragments = new Set<string>();
  for (const attribute of attributes) {
    // An attribute without a value, such as an enumeration with nothing selected or an empty string, states nothing.
    const values = attribute.values.filter((value) => value.trim() !== '');
    if (values.length === 0) {
      continue;
    }
    const base = `${subject.value}${ATTRIBUTE_FRAGMENT}${slug(attribute.name)}`;
    let iri = base;
    for (let suffix = 2; fragments.has(iri); suffix++) {
      iri = `${base}-${suffix}`;
    }
    fragments.add(iri);

    const node = namedNode(iri);
    quads.push(quad(subject, namedNode(SOURCE_ATTRIBUTE.property), node));
    quads.push(quad(node, namedNode(RDF_TYPE), namedNode(SOURCE_ATTRIBUTE.type)));
    quads.push(quad(node, namedNode(SOURCE_ATTRIBUTE.name), literal(attribute.name)));
    for (const value of values) {
      quads.push(quad(node, namedNode(SOURCE_ATTRIBUTE.value), typedLiteral(attribute, value)));
    }
  }
  return quads;
}

/** Returns whether a triple belongs to one of the resource's inline source attributes. */
export function isSourceAttributeQuad(subject: NamedNode, candidate: Quad): boolean {
  return candidate.subject.termType === 'NamedNode' && candidate.subject.value.startsWith(subject.value + ATTRIBUTE_FRAGMENT);
}

function typedLiteral(attribute: SourceAttribute, value: string): ReturnType<typeof literal> {
  switch (attribute.datatype) {
    case 'integer':
      // Canonical forms (no leading zeros or plus sign), because the store keeps typed literals canonical
      // and a second import must produce the same triples.
      return literal(BigInt(value).toString(), namedNode(XSD('integer')));
    case 'real': {
      const decimal = doubleToDecimal(value);
      return decimal === undefined ? literal(value, namedNode(XSD('double'))) : literal(decimal, namedNode(XSD('decimal')));
    }
    case 'date':
      // ReqIF DATE values are xsd:dateTime in the ReqIF XML schema, with time and zone. Canonical for the
      // same reason as integers.
      return literal(canonicalDateTime(value), namedNode(XSD('dateTime')));
    case 'boolean':
      return literal(value, namedNode(XSD('boolean')));
    case 'xhtml':
      return literal(value, namedNode(RDF('XMLLiteral')));
    default:
      return literal(value);
  }
}

/** Lower-case letters, digits and hyphens of a name, for a readable IRI fragment. */
function slug(name: string): string {
  const text = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return text === '' ? 'unnamed' : text;
}

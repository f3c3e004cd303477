import type { Quad } from '@rdfjs/types';
import { GraphBuilder } from '../rdf/GraphBuilder.js';
import { DCTERMS, OSLC, RDFS } from '../rdf/namespaces.js';
import type { ResourceShape } from './ResourceShape.js';

/** Returns the IRI of the shape that describes query results over `shape`'s type. */
export function queryResultShapeIri(shape: ResourceShape): string {
  return `${shape.iri}/results`;
}

/**
 * Builds the shape of a query capability's results (OSLC Query 3.0, "Discovering a Query Capability"):
 * the query base's `rdfs:member` property, marked `oslc:isMemberProperty`, whose values follow the
 * member type's own shape.
 */
export function queryResultShape(shape: ResourceShape): Quad[] {
  const graph = new GraphBuilder();
  const iri = queryResultShapeIri(shape);
  const member = `${iri}#member`;
  graph.type(iri, OSLC('ResourceShape'));
  graph.literal(iri, DCTERMS('title'), `${shape.title} query results`);
  graph.literal(iri, DCTERMS('description'), `Results of a query capability over ${shape.title} resources: the query base lists them as rdfs:member.`);
  graph.add(iri, OSLC('property'), member);

  graph.type(member, OSLC('Property'));
  graph.literal(member, OSLC('name'), 'member');
  graph.literal(member, DCTERMS('title'), 'Member');
  graph.add(member, OSLC('propertyDefinition'), RDFS('member'));
  graph.add(member, OSLC('occurs'), OSLC('Zero-or-many'));
  graph.add(member, OSLC('valueType'), OSLC('Resource'));
  graph.add(member, OSLC('representation'), OSLC('Reference'));
  graph.add(member, OSLC('range'), shape.describes[0]!);
  graph.add(member, OSLC('valueShape'), shape.iri);
  graph.literal(member, OSLC('isMemberProperty'), true);
  graph.literal(member, OSLC('readOnly'), true);
  return graph.quads;
}

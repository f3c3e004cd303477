import { DataFactory } from 'n3';
import type { NamedNode, Quad } from '@rdfjs/types';
import { formatDateTime } from './Calendar.js';
import { addMarking, type ExportMarking } from './ExportControl.js';
import type { EffectivityRecord } from './PartPlanner.js';
import { RESOURCE_TYPES, serviceProviderPath, shapePath, type ResourceTypeName } from './ResourceTypes.js';
import { C, dateLiteral, dateTimeLiteral, P, resourceNode, stringLiteral, term, TripleList } from './Terms.js';
import { OSLC_PLM } from '../rdf/namespaces.js';

const { blankNode } = DataFactory;

/** A resource of the generated data set: its named graph (equal to its IRI) and its triples in the default graph. */
export interface GeneratedResource {
  graph: string;
  quads: Quad[];
}

/** Properties every generated resource has, and those the server sets. */
export interface CommonProperties {
  iri: string;
  identifier: string;
  title: string;
  description?: string;
  marking?: ExportMarking;
  created: number;
  modified: number;
  creator: string;
}

/**
 * Writes the triples of one resource: types, identifier, title and description first, then
 * whatever `writeProperties` adds, then the export marking and the server-managed properties.
 */
export function buildResource(
  provider: string,
  type: ResourceTypeName,
  common: CommonProperties,
  writeProperties: (triples: TripleList, subject: NamedNode) => void,
): GeneratedResource {
  const triples = new TripleList();
  const subject = resourceNode(common.iri);
  for (const typeIri of RESOURCE_TYPES[type].classes) {
    triples.add(subject, P.type, term(typeIri));
  }
  triples.add(subject, P.identifier, stringLiteral(common.identifier));
  triples.add(subject, P.title, stringLiteral(common.title));
  if (common.description !== undefined) {
    triples.add(subject, P.description, stringLiteral(common.description));
  }
  writeProperties(triples, subject);
  addMarking(triples, subject, common.marking);
  triples.add(subject, P.created, dateTimeLiteral(formatDateTime(common.created)));
  triples.add(subject, P.modified, dateTimeLiteral(formatDateTime(Math.max(common.created, common.modified))));
  triples.add(subject, P.creator, term(common.creator));
  triples.add(subject, P.serviceProvider, term(serviceProviderPath(provider)));
  triples.add(subject, P.instanceShape, term(shapePath(type)));
  return { graph: common.iri, quads: triples.quads };
}

/**
 * Adds inline effectivity records as blank nodes. Labels are derived from the resource's provider
 * and identifier so that they are unique across a whole generated data set.
 */
export function addEffectivity(
  triples: TripleList,
  subject: NamedNode,
  provider: string,
  identifier: string,
  records: EffectivityRecord[],
): void {
  records.forEach((record, position) => {
    const node = blankNode(`${provider}-${identifier}-effectivity-${position + 1}`);
    triples.add(subject, P.effectivity, node);
    triples.add(node, P.type, C.effectivity);
    triples.add(node, P.effectiveValueType, term(OSLC_PLM(record.valueType)));
    const bound = record.valueType === 'Date' ? dateLiteral : stringLiteral;
    if (record.from !== undefined) {
      triples.add(node, P.effectiveFrom, bound(record.from));
    }
    if (record.to !== undefined) {
      triples.add(node, P.effectiveTo, bound(record.to));
    }
    if (record.endItem !== undefined) {
      triples.add(node, P.effectiveForEndItem, resourceNode(record.endItem));
    }
  });
}

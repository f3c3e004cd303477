import { DataFactory } from 'n3';
import type { BlankNode, Literal, NamedNode, Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DCTERMS, DT, OSLC, OSLC_CM, OSLC_PLM, OSLC_QM, OSLC_RM, PREFIXES, PROV, RDF_TYPE, XSD } from '../rdf/namespaces.js';

/**
 * RDF terms of the sample programme, created once so that generating a million triples does not
 * create a million predicate objects.
 */

const { namedNode, literal, quad } = DataFactory;

const XSD_DECIMAL = namedNode(XSD('decimal'));
const XSD_INTEGER = namedNode(XSD('integer'));
const XSD_DOUBLE = namedNode(XSD('double'));
const XSD_DATE_TIME = namedNode(XSD('dateTime'));
const XSD_DATE = namedNode(XSD('date'));
const XSD_BOOLEAN = namedNode(XSD('boolean'));

export const P = {
  type: namedNode(RDF_TYPE),
  identifier: namedNode(DCTERMS('identifier')),
  title: namedNode(DCTERMS('title')),
  description: namedNode(DCTERMS('description')),
  created: namedNode(DCTERMS('created')),
  modified: namedNode(DCTERMS('modified')),
  creator: namedNode(DCTERMS('creator')),
  publisher: namedNode(DCTERMS('publisher')),
  serviceProvider: namedNode(OSLC('serviceProvider')),
  instanceShape: namedNode(OSLC('instanceShape')),
  exportControl: namedNode(DT('exportControl')),
  eccn: namedNode(DT('eccn')),
  usmlCategory: namedNode(DT('usmlCategory')),
  partNumber: namedNode(DT('partNumber')),
  revision: namedNode(DT('revision')),
  lifecycleState: namedNode(DT('lifecycleState')),
  mass: namedNode(DT('mass')),
  material: namedNode(DT('material')),
  composedOfPartUsage: namedNode(OSLC_PLM('composedOfPartUsage')),
  effectivity: namedNode(OSLC_PLM('effectivity')),
  effectiveValueType: namedNode(OSLC_PLM('effectiveValueType')),
  effectiveFrom: namedNode(OSLC_PLM('effectiveFrom')),
  effectiveTo: namedNode(OSLC_PLM('effectiveTo')),
  effectiveForEndItem: namedNode(OSLC_PLM('effectiveForEndItem')),
  assembly: namedNode(DT('assembly')),
  representsPart: namedNode(OSLC_PLM('representsPart')),
  quantity: namedNode(DT('quantity')),
  unitOfMeasure: namedNode(DT('unitOfMeasure')),
  findNumber: namedNode(DT('findNumber')),
  referenceDesignator: namedNode(DT('referenceDesignator')),
  bomView: namedNode(DT('bomView')),
  status: namedNode(OSLC_CM('status')),
  severity: namedNode(DT('severity')),
  defectCode: namedNode(DT('defectCode')),
  affectsPart: namedNode(OSLC_PLM('affectsPart')),
  serialNumber: namedNode(DT('serialNumber')),
  lotNumber: namedNode(DT('lotNumber')),
  quantityAffected: namedNode(DT('quantityAffected')),
  disposition: namedNode(DT('disposition')),
  affectsRequirement: namedNode(OSLC_CM('affectsRequirement')),
  closeDate: namedNode(OSLC_CM('closeDate')),
  decomposes: namedNode(OSLC_RM('decomposes')),
  satisfiedBy: namedNode(OSLC_RM('satisfiedBy')),
  validatedBy: namedNode(OSLC_RM('validatedBy')),
  assuranceLevel: namedNode(DT('assuranceLevel')),
  validatesRequirement: namedNode(OSLC_QM('validatesRequirement')),
  validatesPart: namedNode(OSLC_PLM('validatesPart')),
  reportsOnTestCase: namedNode(OSLC_QM('reportsOnTestCase')),
  verdict: namedNode(OSLC_QM('status')),
  endedAtTime: namedNode(PROV('endedAtTime')),
  asset: namedNode(DT('asset')),
  parameter: namedNode(DT('parameter')),
  windowStart: namedNode(DT('windowStart')),
  windowEnd: namedNode(DT('windowEnd')),
  sampleCount: namedNode(DT('sampleCount')),
  minimum: namedNode(DT('minimum')),
  maximum: namedNode(DT('maximum')),
  mean: namedNode(DT('mean')),
  standardDeviation: namedNode(DT('standardDeviation')),
  p95: namedNode(DT('p95')),
  anomalyCount: namedNode(DT('anomalyCount')),
  trend: namedNode(DT('trend')),
  anomalyTime: namedNode(DT('anomalyTime')),
  standard: namedNode(DT('standard')),
  artifactKind: namedNode(DT('artifactKind')),
  satisfiesObjective: namedNode(DT('satisfiesObjective')),
  covers: namedNode(DT('covers')),
  version: namedNode(DT('version')),
  sha256: namedNode(DT('sha256')),
  item: namedNode(DT('item')),
  reviewedBy: namedNode(DT('reviewedBy')),
  reviewOf: namedNode(DT('reviewOf')),
  reviewedVersion: namedNode(DT('reviewedVersion')),
  reviewedSha256: namedNode(DT('reviewedSha256')),
  reviewer: namedNode(DT('reviewer')),
  independent: namedNode(DT('independent')),
  reviewOutcome: namedNode(DT('reviewOutcome')),
} as const;

export const C = {
  serviceProvider: namedNode(OSLC('ServiceProvider')),
  effectivity: namedNode(OSLC_PLM('Effectivity')),
} as const;

/** Memoizes named nodes for IRIs that repeat across resources, such as vocabulary values and units. */
const termCache = new Map<string, NamedNode>();

export function term(iri: string): NamedNode {
  let node = termCache.get(iri);
  if (node === undefined) {
    node = namedNode(iri);
    termCache.set(iri, node);
  }
  return node;
}

/** Creates a named node for a resource IRI without caching it, so memory stays flat however many resources are generated. */
export function resourceNode(iri: string): NamedNode {
  return namedNode(iri);
}

export function dt(local: string): NamedNode {
  return term(DT(local));
}

export function unit(local: string): NamedNode {
  return term(PREFIXES.unit + local);
}

export function stringLiteral(value: string): Literal {
  return literal(value);
}

export function integerLiteral(value: number): Literal {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Not a safe integer for xsd:integer: ${value}`);
  }
  return literal(String(value), XSD_INTEGER);
}

/** Writes `value` as an xsd:decimal rounded to `fractionDigits`, keeping at least one fraction digit (2.0, 0.0125). */
export function decimalLiteral(value: number, fractionDigits: number): Literal {
  return literal(formatDecimal(value, fractionDigits), XSD_DECIMAL);
}

export function formatDecimal(value: number, fractionDigits: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Not a finite number for xsd:decimal: ${value}`);
  }
  const digits = Math.max(1, fractionDigits);
  // Rounding a small negative number gives "-0.00", which is valid but misleading.
  const fixed = Number(value.toFixed(digits)) === 0 ? (0).toFixed(digits) : value.toFixed(digits);
  return fixed.replace(/(\.\d*?[0-9])0+$/, '$1');
}

/** Writes `value` as an xsd:double rounded to `fractionDigits` in plain decimal notation. */
export function doubleLiteral(value: number, fractionDigits: number): Literal {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Not a finite number for xsd:double: ${value}`);
  }
  return literal(formatDecimal(value, fractionDigits), XSD_DOUBLE);
}

export function booleanLiteral(value: boolean): Literal {
  return literal(String(value), XSD_BOOLEAN);
}

export function dateTimeLiteral(text: string): Literal {
  return literal(text, XSD_DATE_TIME);
}

export function dateLiteral(text: string): Literal {
  return literal(text, XSD_DATE);
}

/** Collects the triples of one resource; all quads go to the default graph. */
export class TripleList {
  readonly quads: Quad[] = [];

  add(subject: Quad_Subject, predicate: NamedNode, object: Quad_Object): void {
    this.quads.push(quad(subject, predicate, object));
  }

  /** Adds one triple per value; values may be IRIs (strings) or terms. */
  addAll(subject: Quad_Subject, predicate: NamedNode, objects: Iterable<Quad_Object>): void {
    for (const object of objects) {
      this.add(subject, predicate, object);
    }
  }
}

export type { BlankNode, Literal, NamedNode };

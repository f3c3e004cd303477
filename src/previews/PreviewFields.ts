import { DCTERMS, DT, OSLC, RDF_TYPE } from '../rdf/namespaces.js';
import type { PropertyShape, ResourceShape } from '../shapes/ResourceShape.js';
import type { PreviewSize } from './PreviewSize.js';

/**
 * Properties that a small preview lists, by shape name and `oslc:name`, in display order: what an
 * engineer checks first when hovering over a link. A shape that is not listed shows its first four
 * properties. The large preview lists every property of the shape.
 */
const SMALL_PREVIEW_PROPERTIES: Record<string, readonly string[]> = {
  Part: ['partNumber', 'revision', 'lifecycleState', 'effectivity'],
  BomLine: ['assembly', 'representsPart', 'quantity', 'findNumber', 'bomView'],
  NonConformanceReport: ['status', 'severity', 'disposition', 'affectsPart'],
  Requirement: ['assuranceLevel', 'validatedBy', 'satisfiedBy', 'decomposes'],
  TestCase: ['validatesRequirement', 'validatesPart'],
  TestResult: ['status', 'reportsOnTestCase', 'executed'],
  TelemetrySummary: ['parameter', 'serialNumber', 'windowStart', 'windowEnd'],
  // NOTE: the CertificationArtifact shape has no property for the approved baseline, so previews show
  // the artifact's version and checksum and no baseline.
  CertificationArtifact: ['satisfiesObjective', 'assuranceLevel', 'artifactKind', 'version', 'sha256'],
};

/**
 * Properties that are never listed, because the preview shows them elsewhere or they mean nothing at a
 * glance: the type (icon), identifier and title (heading), description (paragraph), export-control
 * marking (banner), the unit of measure (printed after each quantity), a telemetry trend (drawn as the
 * chart's sparkline) and bookkeeping links.
 */
const SHOWN_ELSEWHERE = new Set([
  RDF_TYPE,
  DCTERMS('identifier'),
  DCTERMS('title'),
  DCTERMS('description'),
  DCTERMS('created'),
  DCTERMS('modified'),
  DCTERMS('creator'),
  OSLC('serviceProvider'),
  OSLC('instanceShape'),
  DT('exportControl'),
  DT('eccn'),
  DT('usmlCategory'),
  DT('unitOfMeasure'),
  DT('trend'),
]);

/** Returns the properties a preview of `size` lists as fields, in display order. */
export function previewFields(shape: ResourceShape, size: PreviewSize): PropertyShape[] {
  const fields = shape.properties.filter((property) => !SHOWN_ELSEWHERE.has(property.propertyDefinition));
  if (size === 'large') {
    return fields;
  }
  const names = SMALL_PREVIEW_PROPERTIES[shape.name];
  if (names === undefined) {
    return fields.slice(0, 4);
  }
  return names.map((name) => fields.find((property) => property.name === name)).filter((property): property is PropertyShape => property !== undefined);
}

import type { NamedNode, Quad } from '@rdfjs/types';
import { compactIri, OSLC, RDF_TYPE } from '../rdf/namespaces.js';
import type { OslcUrls } from '../oslc/OslcUrls.js';
import type { PropertyShape, ResourceShape } from '../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { ShapeViolation } from '../http/HttpError.js';

/**
 * Content rules every write of a resource obeys besides its SHACL shape, shared by the OSLC creation
 * factories (ResourceService) and imports (Synchronizer).
 */

/** Returns whether a resource IRI exists on this server. */
export type ExistenceCheck = (iri: string) => boolean | Promise<boolean>;

/**
 * Returns the message for an rdf:type that another resource type's shape describes, or undefined.
 * An NCR that also said it was a Part would appear among the parts without being one. Types that no
 * shape claims are allowed.
 */
export function foreignTypeMessage(shapes: ShapeRegistry, shape: ResourceShape, subject: NamedNode, quads: readonly Quad[]): string | undefined {
  for (const candidate of quads) {
    if (!candidate.subject.equals(subject) || candidate.predicate.value !== RDF_TYPE || shape.describes.includes(candidate.object.value)) {
      continue;
    }
    const other = shapes.byClass([candidate.object.value]);
    if (other !== undefined && other !== shape) {
      return `rdf:type ${compactIri(candidate.object.value)} is the type of ${other.title} resources, so a ${shape.title} cannot have it; remove it and link the ${other.title} instead.`;
    }
  }
  return undefined;
}

/**
 * Checks links to this server's resources: each must reach an existing resource, of the type that the
 * property's `oslc:range` names when that is one of our resource types. Links to other servers,
 * read-only (server-kept) links and inline resources are not checked.
 */
export async function localLinkViolations(
  shapes: ShapeRegistry,
  urls: OslcUrls,
  shape: ResourceShape,
  subject: NamedNode,
  quads: readonly Quad[],
  exists: ExistenceCheck,
): Promise<ShapeViolation[]> {
  const checked = checkedLinkProperties(shape);
  const found: { order: number; violation: ShapeViolation }[] = [];
  for (const candidate of quads) {
    if (candidate.object.termType !== 'NamedNode' || !candidate.subject.equals(subject)) {
      continue;
    }
    const property = checked.get(candidate.predicate.value);
    if (property === undefined) {
      continue;
    }
    const problem = await localLinkProblem(shapes, urls, property.shape, candidate.object.value, exists);
    if (problem !== undefined) {
      found.push({ order: property.order, violation: { property: property.shape.propertyDefinition, message: problem } });
    }
  }

  // Violations are listed in the shape's property order, whatever the order of the quads.
  return found.sort((a, b) => a.order - b.order).map(({ violation }) => violation);
}

const linkPropertiesByShape = new WeakMap<ResourceShape, Map<string, { shape: PropertyShape; order: number }>>();

/**
 * Returns the properties whose links are checked, by predicate IRI: all but read-only (server-kept) ones
 * and inline resources (oslc:LocalResource), which are part of the resource, so there is nothing to find.
 * One lookup per quad keeps an import's checks linear in its size.
 */
function checkedLinkProperties(shape: ResourceShape): Map<string, { shape: PropertyShape; order: number }> {
  let checked = linkPropertiesByShape.get(shape);
  if (checked === undefined) {
    checked = new Map();
    for (const [order, property] of shape.properties.entries()) {
      if (!property.readOnly && property.valueType !== OSLC('LocalResource') && !checked.has(property.propertyDefinition)) {
        checked.set(property.propertyDefinition, { shape: property, order });
      }
    }
    linkPropertiesByShape.set(shape, checked);
  }
  return checked;
}

async function localLinkProblem(shapes: ShapeRegistry, urls: OslcUrls, property: PropertyShape, target: string, exists: ExistenceCheck): Promise<string | undefined> {
  if (!target.startsWith(`${urls.base}oslc/sp/`)) {
    return undefined;
  }
  // The name goes into messages only, because compactIri is too slow to run for each of an import's links.
  const name = (): string => `${compactIri(property.propertyDefinition)} (${property.title})`;
  const location = urls.parseResource(target);
  if (location === undefined || !(await exists(target))) {
    return `${name()} links to <${target}>, which does not exist on this server; link an existing resource.`;
  }
  const targetType = shapes.bySegment(location.segment);
  const rangeType = property.range === undefined ? undefined : shapes.byClass([property.range]);
  if (rangeType !== undefined && targetType !== rangeType) {
    return `${name()} links to <${target}>, which is a ${targetType?.title ?? 'resource'}; it must link a ${rangeType.title}.`;
  }
  return undefined;
}

import type { Quad, Term } from '@rdfjs/types';

/** `oslc:occurs` values (OSLC Core 3.0 Resource Shapes). */
export type Occurs = 'Exactly-one' | 'Zero-or-one' | 'Zero-or-many' | 'One-or-many';

/** An `oslc:Property` of a resource shape, read from the shape files. */
export interface PropertyShape {
  /** IRI of the property node, for example `{base}/oslc/shapes/common#title`. */
  iri: string;
  /** `oslc:name`, unique within the shape. */
  name: string;
  title: string;
  description?: string;
  propertyDefinition: string;
  occurs: Occurs;
  minCount: number;
  /** Undefined when unbounded. */
  maxCount?: number;
  valueType?: string;
  representation?: string;
  range?: string;
  readOnly: boolean;
  hidden: boolean;
  allowedValues: Term[];
  maxSize?: number;
  valueShape?: string;
  /** `dt:inverseProperty`: the link the server keeps on the referenced resource. */
  inverseProperty?: string;
  /** `dt:valueUnit`: the QUDT unit of numeric values. */
  valueUnit?: string;
  /**
   * `dt:sourceName` values in file order: other names under which imported sources give the property,
   * such as "DAL" for assuranceLevel. An attribute under `name` wins over these.
   */
  sourceNames: string[];
  /** SHACL constraints written on the property node (`sh:pattern`, `sh:minInclusive`, ...). */
  shaclConstraints: { predicate: string; object: Term }[];
}

/** An `oslc:ResourceShape`, with the server annotations that make it a resource type. */
export interface ResourceShape {
  iri: string;
  /** File name without `.ttl`, also the last segment of the shape's URL. */
  name: string;
  title: string;
  description?: string;
  /** `oslc:describes`, in file order; created resources get all of these types. */
  describes: string[];
  properties: PropertyShape[];
  /** `dt:pathSegment`; shapes without one (such as inline Effectivity) are not resource types. */
  pathSegment?: string;
  /** `dt:identifierPrefix`. */
  identifierPrefix?: string;
  /**
   * `dt:computedBy`: the path, relative to the service provider, of the service that computes
   * resources of this type. Clients may not create, replace or delete such resources.
   */
  computedBy?: string;
  /** `dt:serviceDomain` values: the OSLC domains whose services list this type. */
  serviceDomains: string[];
  /** The shape document: its own triples and those of every property node it uses. */
  quads: Quad[];
}

/** A shape with everything a resource type needs. */
export type ResourceTypeShape = ResourceShape & { pathSegment: string; identifierPrefix: string };

export function isResourceType(shape: ResourceShape): shape is ResourceTypeShape {
  return shape.pathSegment !== undefined && shape.identifierPrefix !== undefined;
}

/** A shape whose resources only the server's own services write (`dt:computedBy`). */
export type ComputedShape = ResourceShape & { computedBy: string };

export function isComputed<T extends ResourceShape>(shape: T): shape is T & { computedBy: string } {
  return shape.computedBy !== undefined;
}

export const OCCURS_BOUNDS: Record<Occurs, { minCount: number; maxCount?: number }> = {
  'Exactly-one': { minCount: 1, maxCount: 1 },
  'Zero-or-one': { minCount: 0, maxCount: 1 },
  'Zero-or-many': { minCount: 0 },
  'One-or-many': { minCount: 1 },
};

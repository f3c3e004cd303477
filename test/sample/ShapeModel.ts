import { readdirSync, readFileSync } from 'node:fs';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from './SampleIndex.js';

/** Test helpers: the OSLC resource shapes in shapes/*.ttl, parsed into a small model. */

export const SERVER_BASE = 'http://127.0.0.1:8080/';
export const REPOSITORY_ROOT = new URL('../../../', import.meta.url);
const SHAPES_DIRECTORY = new URL('shapes/', REPOSITORY_ROOT);
const SH = 'http://www.w3.org/ns/shacl#';

export interface PropertyConstraint {
  name: string;
  definition: string;
  occurs: string;
  valueType?: string;
  allowedValues: string[];
  pattern?: string;
  maxSize?: number;
  minInclusive?: number;
  minExclusive?: number;
  maxInclusive?: number;
}

export interface ShapeModel {
  /** Shape file name without .ttl. */
  name: string;
  iri: string;
  describes: string[];
  pathSegment?: string;
  identifierPrefix?: string;
  properties: PropertyConstraint[];
}

/** Parses every shape file. common.ttl contains only shared property nodes, so it is no shape of its own. */
export function loadShapes(): Map<string, ShapeModel> {
  const shapes = new Map<string, ShapeModel>();
  const quads: Quad[] = [];
  const names = readdirSync(SHAPES_DIRECTORY).filter((file) => file.endsWith('.ttl')).map((file) => file.slice(0, -4));
  for (const name of names) {
    const text = readFileSync(new URL(`${name}.ttl`, SHAPES_DIRECTORY), 'utf8');
    quads.push(...new Parser({ baseIRI: `${SERVER_BASE}oslc/shapes/${name}` }).parse(text));
  }
  const objects = (subject: string, predicate: string): string[] =>
    quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate).map((quad) => quad.object.value);
  const firstObject = (subject: string, predicate: string): string | undefined => objects(subject, predicate)[0];
  const number = (subject: string, predicate: string): number | undefined => {
    const value = firstObject(subject, predicate);
    return value === undefined ? undefined : Number(value);
  };

  for (const name of names.filter((candidate) => candidate !== 'common')) {
    const iri = `${SERVER_BASE}oslc/shapes/${name}`;
    const properties = objects(iri, `${NS.oslc}property`).map((property): PropertyConstraint => {
      const constraint: PropertyConstraint = {
        name: firstObject(property, `${NS.oslc}name`)!,
        definition: firstObject(property, `${NS.oslc}propertyDefinition`)!,
        occurs: firstObject(property, `${NS.oslc}occurs`)!,
        allowedValues: objects(property, `${NS.oslc}allowedValue`),
      };
      const valueType = firstObject(property, `${NS.oslc}valueType`);
      if (valueType !== undefined) constraint.valueType = valueType;
      const pattern = firstObject(property, `${SH}pattern`);
      if (pattern !== undefined) constraint.pattern = pattern;
      const maxSize = number(property, `${NS.oslc}maxSize`);
      if (maxSize !== undefined) constraint.maxSize = maxSize;
      const minInclusive = number(property, `${SH}minInclusive`);
      if (minInclusive !== undefined) constraint.minInclusive = minInclusive;
      const minExclusive = number(property, `${SH}minExclusive`);
      if (minExclusive !== undefined) constraint.minExclusive = minExclusive;
      const maxInclusive = number(property, `${SH}maxInclusive`);
      if (maxInclusive !== undefined) constraint.maxInclusive = maxInclusive;
      return constraint;
    });
    const shape: ShapeModel = { name, iri, describes: objects(iri, `${NS.oslc}describes`), properties };
    const pathSegment = firstObject(iri, `${NS.dt}pathSegment`);
    if (pathSegment !== undefined) shape.pathSegment = pathSegment;
    const identifierPrefix = firstObject(iri, `${NS.dt}identifierPrefix`);
    if (identifierPrefix !== undefined) shape.identifierPrefix = identifierPrefix;
    shapes.set(name, shape);
  }
  return shapes;
}

/** Resolves a relative IRI of the generated data against the server base, as a loader would. */
export function resolveIri(iri: string): string {
  return new URL(iri, SERVER_BASE).href;
}

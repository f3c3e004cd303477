import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, Store } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { DCTERMS, DT, OSLC, PREFIXES, RDF_TYPE } from '../rdf/namespaces.js';
import { nameKey, propertyNames } from './PropertyNames.js';
import { isComputed, OCCURS_BOUNDS, type Occurs, type PropertyShape, type ResourceShape } from './ResourceShape.js';

/** A shape file that breaks the rules in shapes/README.md; the message names the file and the node. */
export class ShapeDefinitionError extends Error {}

const OCCURS_VALUES = new Set<string>(Object.keys(OCCURS_BOUNDS));

/** SHACL constraints that may be written on an oslc:Property node and are copied into compiled SHACL. */
const SHACL_CONSTRAINTS = ['pattern', 'flags', 'minInclusive', 'minExclusive', 'maxInclusive', 'maxExclusive', 'minLength', 'lessThan', 'lessThanOrEquals'].map(
  (local) => PREFIXES.sh + local,
);

/** Everything read from a shapes directory. */
export interface ShapeSet {
  shapes: ResourceShape[];
  /** Each file's own triples by file name without `.ttl`, including files such as common.ttl that hold no shape. */
  documents: Map<string, Quad[]>;
}

/**
 * Reads every `*.ttl` file of a shapes directory. Relative IRIs in a file resolve against
 * `{shapesBase}{file name without .ttl}`, so a shape's IRI is the URL the server serves it at.
 */
export function loadShapes(directory: string, shapesBase: string): ShapeSet {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.ttl'))
    .sort();

  const all = new Store();
  const documents = new Map<string, string>();
  const documentQuads = new Map<string, Quad[]>();
  for (const file of files) {
    const name = file.slice(0, -'.ttl'.length);
    const documentIri = shapesBase + name;
    let quads: Quad[];
    try {
      quads = new Parser({ baseIRI: documentIri }).parse(readFileSync(join(directory, file), 'utf8')) as Quad[];
    } catch (error) {
      throw new ShapeDefinitionError(`Shape file ${file} is not valid Turtle: ${(error as Error).message}`);
    }
    all.addQuads(quads);
    documents.set(documentIri, name);
    documentQuads.set(name, quads);
  }

  const shapes: ResourceShape[] = [];
  for (const [iri, name] of documents) {
    if (all.getQuads(iri, RDF_TYPE, OSLC('ResourceShape'), null).length > 0) {
      shapes.push(readShape(all, iri, name, documentQuads.get(name)!));
    }
  }

  checkUniqueness(shapes);
  checkComputedShapes(shapes);
  return { shapes, documents: documentQuads };
}

function readShape(all: Store, iri: string, name: string, ownQuads: readonly Quad[]): ResourceShape {
  const propertyNodes = inFileOrder(objects(all, iri, OSLC('property')), ownQuads, iri, OSLC('property'));
  const properties = propertyNodes.map((node) => readProperty(all, node, name, ownQuads));

  // The published shape carries the triples of every property node it uses, so one GET describes it fully.
  const quads = [...all.getQuads(iri, null, null, null)] as Quad[];
  for (const node of propertyNodes) {
    quads.push(...(all.getQuads(node, null, null, null) as Quad[]));
  }

  const shape: ResourceShape = {
    iri,
    name,
    title: literal(all, iri, DCTERMS('title')) ?? name,
    describes: inFileOrder(objects(all, iri, OSLC('describes')), ownQuads, iri, OSLC('describes')).map((term) => term.value),
    properties,
    serviceDomains: objects(all, iri, DT('serviceDomain')).map((term) => term.value),
    quads,
  };
  const description = literal(all, iri, DCTERMS('description'));
  const pathSegment = literal(all, iri, DT('pathSegment'));
  const identifierPrefix = literal(all, iri, DT('identifierPrefix'));
  const computedBy = literal(all, iri, DT('computedBy'));
  if (description !== undefined) shape.description = description;
  if (computedBy !== undefined) shape.computedBy = computedBy;
  if (pathSegment !== undefined) shape.pathSegment = pathSegment;
  if (identifierPrefix !== undefined) shape.identifierPrefix = identifierPrefix;

  if (shape.describes.length === 0) {
    throw new ShapeDefinitionError(`Shape ${name} has no oslc:describes; add the class it describes.`);
  }
  if ((shape.pathSegment === undefined) !== (shape.identifierPrefix === undefined)) {
    throw new ShapeDefinitionError(`Shape ${name} must have both dt:pathSegment and dt:identifierPrefix, or neither.`);
  }
  if (shape.pathSegment !== undefined && !/^[a-z][a-z0-9-]*$/.test(shape.pathSegment)) {
    throw new ShapeDefinitionError(`Shape ${name} has dt:pathSegment "${shape.pathSegment}"; use lowercase letters, digits and hyphens.`);
  }
  if (shape.identifierPrefix !== undefined && !/^[A-Z]{1,6}$/.test(shape.identifierPrefix)) {
    throw new ShapeDefinitionError(`Shape ${name} has dt:identifierPrefix "${shape.identifierPrefix}"; use 1 to 6 capital letters.`);
  }
  if (shape.computedBy !== undefined && !/^[a-z][a-z0-9-]*(\/[a-z][a-z0-9-]*)*$/.test(shape.computedBy)) {
    throw new ShapeDefinitionError(
      `Shape ${name} has dt:computedBy "${shape.computedBy}"; give the service path relative to the service provider, in lowercase letters, digits, hyphens and slashes, such as "traceability".`,
    );
  }
  return shape;
}

function readProperty(all: Store, node: Term, shapeName: string, shapeQuads: readonly Quad[]): PropertyShape {
  const where = `property ${node.value} of shape ${shapeName}`;
  const name = literal(all, node, OSLC('name'));
  const definition = objects(all, node, OSLC('propertyDefinition'))[0];
  const occursIri = objects(all, node, OSLC('occurs'))[0]?.value;
  if (name === undefined || definition === undefined || occursIri === undefined) {
    throw new ShapeDefinitionError(`The ${where} needs oslc:name, oslc:propertyDefinition and oslc:occurs (it may be undefined or misspelt).`);
  }
  const occurs = occursIri.startsWith(PREFIXES.oslc) ? occursIri.slice(PREFIXES.oslc.length) : occursIri;
  if (!OCCURS_VALUES.has(occurs)) {
    throw new ShapeDefinitionError(`The ${where} has oslc:occurs <${occursIri}>; use oslc:Exactly-one, Zero-or-one, Zero-or-many or One-or-many.`);
  }

  const property: PropertyShape = {
    iri: node.value,
    name,
    title: literal(all, node, DCTERMS('title')) ?? name,
    propertyDefinition: definition.value,
    occurs: occurs as Occurs,
    ...OCCURS_BOUNDS[occurs as Occurs],
    readOnly: literal(all, node, OSLC('readOnly')) === 'true',
    hidden: literal(all, node, OSLC('hidden')) === 'true',
    allowedValues: [...objects(all, node, OSLC('allowedValue'))],
    sourceNames: readSourceNames(all, node, where, shapeQuads),
    shaclConstraints: SHACL_CONSTRAINTS.flatMap((predicate) => objects(all, node, predicate).map((object) => ({ predicate, object }))),
  };

  const optionalIris: [keyof PropertyShape, string][] = [
    ['valueType', OSLC('valueType')],
    ['representation', OSLC('representation')],
    ['range', OSLC('range')],
    ['valueShape', OSLC('valueShape')],
    ['inverseProperty', DT('inverseProperty')],
    ['valueUnit', DT('valueUnit')],
  ];
  for (const [key, predicate] of optionalIris) {
    const value = objects(all, node, predicate)[0];
    if (value !== undefined) {
      (property as unknown as Record<string, string>)[key] = value.value;
    }
  }
  const description = literal(all, node, DCTERMS('description'));
  if (description !== undefined) property.description = description;
  const maxSize = literal(all, node, OSLC('maxSize'));
  if (maxSize !== undefined) property.maxSize = Number(maxSize);
  return property;
}

/**
 * Reads a property's `dt:sourceName` values, in file order when the shape file contains the property node.
 * Each must be a literal with a letter or digit, because imports compare names without case, spaces,
 * hyphens and underscores.
 */
function readSourceNames(all: Store, node: Term, where: string, shapeQuads: readonly Quad[]): string[] {
  const names: string[] = [];
  for (const term of inFileOrder(objects(all, node, DT('sourceName')), shapeQuads, node.value, DT('sourceName'))) {
    if (term.termType !== 'Literal' || nameKey(term.value) === '') {
      throw new ShapeDefinitionError(`The ${where} has dt:sourceName ${term.termType === 'Literal' ? `"${term.value}"` : `<${term.value}>`}; give the attribute name as a string with letters or digits, such as "Software Level".`);
    }
    names.push(term.value);
  }
  return names;
}

function checkUniqueness(shapes: ResourceShape[]): void {
  const segments = new Map<string, string>();
  const prefixes = new Map<string, string>();
  for (const shape of shapes) {
    const names = new Set<string>();
    for (const property of shape.properties) {
      if (names.has(property.name)) {
        throw new ShapeDefinitionError(`Shape ${shape.name} has two properties named "${property.name}"; oslc:name must be unique within a shape.`);
      }
      names.add(property.name);
    }
    checkSourceNames(shape);
    if (shape.pathSegment !== undefined) {
      const other = segments.get(shape.pathSegment);
      if (other !== undefined) {
        throw new ShapeDefinitionError(`Shapes ${other} and ${shape.name} share dt:pathSegment "${shape.pathSegment}".`);
      }
      segments.set(shape.pathSegment, shape.name);
    }
    if (shape.identifierPrefix !== undefined) {
      const other = prefixes.get(shape.identifierPrefix);
      if (other !== undefined) {
        throw new ShapeDefinitionError(`Shapes ${other} and ${shape.name} share dt:identifierPrefix "${shape.identifierPrefix}".`);
      }
      prefixes.set(shape.identifierPrefix, shape.name);
    }
  }
}

/**
 * Checks that each name an import matches, an `oslc:name` or a `dt:sourceName`, leads to one property of
 * the shape, so an attribute such as "DAL" cannot set two properties.
 */
function checkSourceNames(shape: ResourceShape): void {
  const owners = new Map<string, { property: string; name: string }>();
  for (const property of shape.properties) {
    for (const name of propertyNames(property)) {
      const owner = owners.get(nameKey(name));
      if (owner === undefined) {
        owners.set(nameKey(name), { property: property.name, name });
      } else if (owner.property !== property.name) {
        throw new ShapeDefinitionError(
          `Shape ${shape.name} gives the name "${name}" to property ${property.name} and "${owner.name}" to property ${owner.property}, which imports read as the same attribute (case, spaces, hyphens and underscores aside); remove the dt:sourceName from one of them.`,
        );
      }
    }
  }
}

/**
 * Checks the `dt:computedBy` rules. The computing service must not sit at the path of a creation
 * factory. Records of a computed inline shape must not reach clients' writes, so only computed types
 * may embed it through `oslc:valueShape`.
 */
function checkComputedShapes(shapes: ResourceShape[]): void {
  const computedByIri = new Map(shapes.filter(isComputed).map((shape) => [shape.iri, shape]));
  for (const shape of shapes) {
    const clash = shapes.find((other) => other.pathSegment !== undefined && other.pathSegment === shape.computedBy);
    if (clash !== undefined) {
      throw new ShapeDefinitionError(`Shape ${shape.name} has dt:computedBy "${shape.computedBy}", which is the dt:pathSegment of ${clash.name}; name the computing service's own path.`);
    }
    if (isComputed(shape)) {
      continue;
    }
    for (const property of shape.properties) {
      const embedded = property.valueShape === undefined ? undefined : computedByIri.get(property.valueShape);
      if (embedded !== undefined) {
        throw new ShapeDefinitionError(
          `Property ${property.name} of shape ${shape.name} embeds ${embedded.name}, which has dt:computedBy, but ${shape.name} has none; add dt:computedBy to ${shape.name} or use another value shape.`,
        );
      }
    }
  }
}

/**
 * Orders the objects of `subject predicate` as the shape file lists them. An n3 Store returns them in
 * its internal order, which depends on where each term first appeared in any file.
 */
function inFileOrder(terms: Term[], fileQuads: readonly Quad[], subject: string, predicate: string): Term[] {
  const position = new Map<string, number>();
  fileQuads.forEach((quad, index) => {
    if (quad.subject.value === subject && quad.predicate.value === predicate && !position.has(quad.object.value)) {
      position.set(quad.object.value, index);
    }
  });
  const rank = (term: Term): number => position.get(term.value) ?? Number.MAX_SAFE_INTEGER;
  return [...terms].sort((a, b) => rank(a) - rank(b));
}

function objects(store: Store, subject: Term | string, predicate: string): Term[] {
  return store.getObjects(subject as Term, predicate, null) as Term[];
}

function literal(store: Store, subject: Term | string, predicate: string): string | undefined {
  const values = objects(store, subject, predicate).filter((term) => term.termType === 'Literal');
  // Prefer a plain or English value when a title is given in several languages.
  const preferred = values.find((term) => {
    const language = (term as { language?: string }).language ?? '';
    return language === '' || language === 'en';
  });
  return (preferred ?? values[0])?.value;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Term } from '@rdfjs/types';
import { RESOURCE_TYPE_NAMES, RESOURCE_TYPES } from '../../src/sample/ResourceTypes.js';
import { loadShapes, resolveIri, type PropertyConstraint, type ShapeModel } from './ShapeModel.js';
import { NS, RDF_TYPE, sampleIndex, type IndexedResource } from './SampleIndex.js';

const shapes = loadShapes();
const index = sampleIndex();

/** Returns the problems of one value against its property constraint; empty when it conforms. */
function valueProblems(constraint: PropertyConstraint, value: Term): string[] {
  const problems: string[] = [];
  const valueType = constraint.valueType;

  if (valueType === `${NS.oslc}Resource` && value.termType !== 'NamedNode') {
    problems.push(`expected an IRI, got ${value.termType}`);
  }
  if (valueType === `${NS.oslc}LocalResource` && value.termType !== 'BlankNode') {
    problems.push(`expected an inline blank node, got ${value.termType}`);
  }
  if (valueType?.startsWith(NS.xsd)) {
    if (value.termType !== 'Literal') {
      problems.push(`expected a ${valueType} literal, got ${value.termType}`);
    } else if (value.datatype.value !== valueType) {
      problems.push(`expected datatype ${valueType}, got ${value.datatype.value}`);
    }
  }

  if (constraint.allowedValues.length > 0 && !constraint.allowedValues.includes(value.value)) {
    problems.push(`value ${value.value} is not among ${constraint.allowedValues.join(', ')}`);
  }
  if (constraint.pattern !== undefined && !new RegExp(constraint.pattern).test(value.value)) {
    problems.push(`value ${value.value} does not match ${constraint.pattern}`);
  }
  if (constraint.maxSize !== undefined && value.value.length > constraint.maxSize) {
    problems.push(`value of ${value.value.length} characters exceeds ${constraint.maxSize}`);
  }

  const number = Number(value.value);
  if (constraint.minInclusive !== undefined && !(number >= constraint.minInclusive)) {
    problems.push(`value ${value.value} is below ${constraint.minInclusive}`);
  }
  if (constraint.minExclusive !== undefined && !(number > constraint.minExclusive)) {
    problems.push(`value ${value.value} is not above ${constraint.minExclusive}`);
  }
  if (constraint.maxInclusive !== undefined && !(number <= constraint.maxInclusive)) {
    problems.push(`value ${value.value} is above ${constraint.maxInclusive}`);
  }
  return problems;
}

/** Returns the problems of one subject (a resource or an inline blank node) against a shape. */
function shapeProblems(resource: IndexedResource, shape: ShapeModel, subject: string): string[] {
  const problems: string[] = [];
  const declared = new Set(shape.properties.map((property) => property.definition));
  for (const predicate of resource.predicates(subject)) {
    if (!declared.has(predicate)) {
      problems.push(`${predicate} is not a property of shape ${shape.name}`);
    }
  }
  for (const constraint of shape.properties) {
    const values = resource.values(constraint.definition, subject);
    const count = values.length;
    const occurs = constraint.occurs.slice(NS.oslc.length);
    if ((occurs === 'Exactly-one' || occurs === 'One-or-many') && count === 0) {
      problems.push(`${constraint.name} is missing (${occurs})`);
    }
    if ((occurs === 'Exactly-one' || occurs === 'Zero-or-one') && count > 1) {
      problems.push(`${constraint.name} has ${count} values (${occurs})`);
    }
    for (const value of values) {
      problems.push(...valueProblems(constraint, value).map((problem) => `${constraint.name}: ${problem}`));
    }
  }
  return problems;
}

describe('generated resources against their shapes', () => {
  it('resource type table matches shapes', () => {
    for (const name of RESOURCE_TYPE_NAMES) {
      const type = RESOURCE_TYPES[name];
      const shape = shapes.get(type.shape);
      assert.ok(shape, `shape file ${type.shape}.ttl exists`);
      assert.equal(type.pathSegment, shape.pathSegment, `${name} path segment`);
      assert.equal(type.identifierPrefix, shape.identifierPrefix, `${name} identifier prefix`);
      assert.deepEqual([...type.classes].sort(), [...shape.describes].sort(), `${name} classes`);
    }
  });

  it('every resource conforms to its instance shape', () => {
    const problems: string[] = [];
    for (const resource of index.resources) {
      if (resource.type === 'ServiceProvider') {
        continue;
      }
      const shapeIri = resolveIri(resource.value(`${NS.oslc}instanceShape`) ?? '');
      const shape = [...shapes.values()].find((candidate) => candidate.iri === shapeIri);
      if (shape === undefined) {
        problems.push(`${resource.graph}: unknown instance shape ${shapeIri}`);
        continue;
      }
      problems.push(...shapeProblems(resource, shape, resource.graph).map((problem) => `${resource.graph}: ${problem}`));
    }
    assert.deepEqual(problems.slice(0, 20), []);
  });

  it('every resource has the types its shape describes', () => {
    for (const resource of index.resources) {
      if (resource.type === 'ServiceProvider') {
        continue;
      }
      const types = resource.values(RDF_TYPE).map((term) => term.value);
      for (const describedClass of shapes.get(RESOURCE_TYPES[resource.type].shape)!.describes) {
        assert.ok(types.includes(describedClass), `${resource.graph} has type ${describedClass}`);
      }
    }
  });

  it('inline effectivity conforms to its shape', () => {
    const effectivityShape = shapes.get('Effectivity')!;
    let checked = 0;
    const problems: string[] = [];
    for (const resource of index.resources) {
      for (const node of resource.values(`${NS.oslc_plm}effectivity`)) {
        checked++;
        problems.push(...shapeProblems(resource, effectivityShape, node.value).map((problem) => `${resource.graph}: ${problem}`));
        const valueType = resource.value(`${NS.oslc_plm}effectiveValueType`, node.value);
        for (const bound of [`${NS.oslc_plm}effectiveFrom`, `${NS.oslc_plm}effectiveTo`]) {
          const term = resource.values(bound, node.value)[0];
          if (term?.termType === 'Literal') {
            const expected = valueType === `${NS.oslc_plm}Date` ? `${NS.xsd}date` : `${NS.xsd}string`;
            assert.equal(term.datatype.value, expected, `${resource.graph} effectivity bound datatype`);
          }
        }
      }
    }
    assert.ok(checked >= 8, `found ${checked} effectivity records`);
    assert.deepEqual(problems, []);
  });

  it('service providers carry only the five provider properties', () => {
    for (const provider of index.resources.filter((resource) => resource.type === 'ServiceProvider')) {
      assert.deepEqual(provider.predicates().sort(), [
        `${NS.dcterms}description`,
        `${NS.dcterms}identifier`,
        `${NS.dcterms}publisher`,
        `${NS.dcterms}title`,
        RDF_TYPE,
      ]);
      assert.equal(provider.value(RDF_TYPE), `${NS.oslc}ServiceProvider`);
      assert.equal(provider.value(`${NS.dcterms}identifier`), provider.provider);
      assert.equal(provider.quads.length, 5);
    }
  });
});

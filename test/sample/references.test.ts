import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Parser } from 'n3';
import { RESOURCE_TYPE_NAMES, RESOURCE_TYPES } from '../../src/sample/ResourceTypes.js';
import { REPOSITORY_ROOT } from './ShapeModel.js';
import { NS, PROVIDERS, sampleIndex, type IndexedResource } from './SampleIndex.js';

/** Objective IRIs of each catalogue in vocab/, by the dt: local name of its standard. */
const OBJECTIVES = new Map(
  [
    ['DO178C', 'do-178c-objectives.ttl'],
    ['DO254', 'do-254-objectives.ttl'],
  ].map(([standard, file]) => [
    `${NS.dt}${standard}`,
    new Set(
      new Parser()
        .parse(readFileSync(new URL(`vocab/${file}`, REPOSITORY_ROOT), 'utf8'))
        .filter((quad) => quad.predicate.value === `${NS.rdf}type` && quad.object.value === `${NS.dt}Objective`)
        .map((quad) => quad.subject.value),
    ),
  ]),
);
const SHAPE_FILES = new Set(RESOURCE_TYPE_NAMES.map((name) => `oslc/shapes/${RESOURCE_TYPES[name].shape}`));

function isRelative(iri: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(iri);
}

for (const scale of [1, 3]) {
  describe(`references at scale ${scale}`, () => {
    const index = sampleIndex(undefined, scale);

    it('every relative IRI names a generated resource, a shape or a user', () => {
      const dangling: string[] = [];
      for (const resource of index.resources) {
        for (const quad of resource.quads) {
          const object = quad.object;
          if (object.termType !== 'NamedNode' || !isRelative(object.value)) {
            continue;
          }
          const known =
            index.byGraph.has(object.value) || SHAPE_FILES.has(object.value) || /^users\/[a-z]\.[a-z]+$/.test(object.value);
          if (!known) {
            dangling.push(`${resource.graph} -> ${object.value}`);
          }
        }
      }
      assert.deepEqual(dangling, []);
    });

    it('references stay within their service provider', () => {
      for (const resource of index.resources) {
        for (const quad of resource.quads) {
          if (quad.object.termType === 'NamedNode' && quad.object.value.startsWith('oslc/sp/')) {
            assert.ok(quad.object.value.startsWith(`oslc/sp/${resource.provider}`), `${resource.graph} -> ${quad.object.value}`);
          }
        }
      }
    });

    it('identifiers are numbered from 1 per provider and type', () => {
      for (const provider of PROVIDERS) {
        for (const type of RESOURCE_TYPE_NAMES) {
          const { identifierPrefix, pathSegment } = RESOURCE_TYPES[type];
          const resources = index.ofType(type, provider);
          resources.forEach((resource, position) => {
            const expected = `${identifierPrefix}-${String(position + 1).padStart(6, '0')}`;
            assert.equal(resource.identifier, expected);
            assert.equal(resource.graph, `oslc/sp/${provider}/${pathSegment}/${expected}`);
            assert.equal(resource.value(`${NS.oslc}serviceProvider`), `oslc/sp/${provider}`);
          });
        }
      }
    });

    it('subjects are the graph or blank nodes', () => {
      for (const resource of index.resources) {
        for (const quad of resource.quads) {
          assert.ok(quad.subject.value === resource.graph || quad.subject.termType === 'BlankNode', resource.graph);
          assert.equal(quad.graph.termType, 'DefaultGraph');
        }
      }
    });
  });
}

describe('links between resources', () => {
  const index = sampleIndex();

  it('validatedBy and validatesRequirement agree', () => {
    const forward = new Set<string>();
    for (const testCase of index.ofType('TestCase')) {
      for (const requirement of testCase.values(`${NS.oslc_qm}validatesRequirement`)) {
        forward.add(`${requirement.value} ${testCase.graph}`);
      }
    }
    const backward = new Set<string>();
    for (const requirement of index.ofType('Requirement')) {
      for (const testCase of requirement.values(`${NS.oslc_rm}validatedBy`)) {
        backward.add(`${requirement.graph} ${testCase.value}`);
      }
    }
    assert.deepEqual([...backward].sort(), [...forward].sort());
  });

  it('links point at resources of the right type', () => {
    const expectations: Array<[string, string, string]> = [
      ['BomLine', `${NS.dt}assembly`, 'Part'],
      ['BomLine', `${NS.oslc_plm}representsPart`, 'Part'],
      ['Requirement', `${NS.oslc_rm}decomposes`, 'Requirement'],
      ['Requirement', `${NS.oslc_rm}satisfiedBy`, 'Part'],
      ['Requirement', `${NS.oslc_rm}validatedBy`, 'TestCase'],
      ['TestCase', `${NS.oslc_qm}validatesRequirement`, 'Requirement'],
      ['TestCase', `${NS.oslc_plm}validatesPart`, 'Part'],
      ['TestResult', `${NS.oslc_qm}reportsOnTestCase`, 'TestCase'],
      ['NonConformanceReport', `${NS.oslc_plm}affectsPart`, 'Part'],
      ['NonConformanceReport', `${NS.oslc_cm}affectsRequirement`, 'Requirement'],
      ['TelemetrySummary', `${NS.dt}asset`, 'Part'],
    ];
    for (const [type, predicate, targetType] of expectations) {
      let links = 0;
      for (const resource of index.ofType(type as never)) {
        for (const target of resource.values(predicate)) {
          links++;
          assert.equal(index.get(target.value).type, targetType, `${resource.graph} ${predicate} ${target.value}`);
        }
      }
      assert.ok(links > 0, `some ${type} has ${predicate}`);
    }
  });

  it('objectives exist in the catalogue of the artifact standard', () => {
    assert.equal(OBJECTIVES.get(`${NS.dt}DO178C`)!.size, 71);
    let links = 0;
    for (const artifact of index.ofType('CertificationArtifact')) {
      const catalogue = OBJECTIVES.get(artifact.value(`${NS.dt}standard`)!)!;
      for (const objective of artifact.values(`${NS.dt}satisfiesObjective`)) {
        links++;
        assert.ok(catalogue.has(objective.value), `${artifact.graph} -> ${objective.value}`);
      }
    }
    assert.ok(links > 100, `${links} objective links`);
  });

  it('requirements decompose system into high and low level', () => {
    const depth = (requirement: IndexedResource): number => {
      const parent = requirement.value(`${NS.oslc_rm}decomposes`);
      return parent === undefined ? 0 : 1 + depth(index.get(parent));
    };
    const depths = new Map<number, number>();
    for (const requirement of index.ofType('Requirement')) {
      const level = depth(requirement);
      depths.set(level, (depths.get(level) ?? 0) + 1);
    }
    assert.deepEqual([...depths.keys()].sort(), [0, 1, 2]);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadShapes, ShapeDefinitionError } from '../../src/shapes/ShapeLoader.js';
import { OSLC, XSD, RDF } from '../../src/rdf/namespaces.js';
import { projectShapes, TEST_BASE } from '../helpers/shapes.js';

const VALUE_TYPES = new Set([
  XSD('boolean'), XSD('dateTime'), XSD('date'), XSD('decimal'), XSD('double'), XSD('float'), XSD('integer'), XSD('string'),
  RDF('XMLLiteral'), OSLC('Resource'), OSLC('LocalResource'), OSLC('AnyResource'),
]);
const REPRESENTATIONS = new Set([OSLC('Reference'), OSLC('Inline'), OSLC('Either')]);

describe('ShapeLoader', () => {
  const registry = projectShapes();

  it('loads every resource type with its URL segment', () => {
    assert.deepEqual(
      registry.resourceTypes().map((shape) => [shape.name, shape.pathSegment, shape.identifierPrefix]).sort(),
      [
        ['BomLine', 'bom-lines', 'BL'],
        ['CertificationArtifact', 'certification-artifacts', 'CA'],
        ['NonConformanceReport', 'ncrs', 'NCR'],
        ['Part', 'parts', 'P'],
        ['Requirement', 'requirements', 'REQ'],
        ['RequirementCollection', 'requirement-collections', 'RC'],
        ['Review', 'reviews', 'RV'],
        ['TelemetrySummary', 'telemetry-summaries', 'TS'],
        ['TestCase', 'test-cases', 'TC'],
        ['TestResult', 'test-results', 'TR'],
        ['TraceabilityReport', 'traceability-reports', 'TRR'],
      ],
    );
  });

  it('shape IRIs are their URLs under the base', () => {
    assert.equal(registry.byName('Part')!.iri, `${TEST_BASE}oslc/shapes/Part`);
    assert.equal(registry.byName('Part')!.properties.find((p) => p.name === 'title')!.iri, `${TEST_BASE}oslc/shapes/common#title`);
  });

  it('every property follows the OSLC shape of shapes', () => {
    for (const shape of registry.all()) {
      for (const property of shape.properties) {
        const where = `${shape.name}.${property.name}`;
        assert.ok(property.propertyDefinition.startsWith('http'), where);
        if (property.valueType !== undefined) {
          assert.ok(VALUE_TYPES.has(property.valueType), `${where} valueType ${property.valueType}`);
        }
        if (property.representation !== undefined) {
          assert.ok(REPRESENTATIONS.has(property.representation), `${where} representation`);
        }
      }
    }
  });

  it('every resource type carries the server-managed properties read-only', () => {
    for (const shape of registry.resourceTypes()) {
      for (const name of ['identifier', 'created', 'modified', 'creator', 'serviceProvider', 'instanceShape']) {
        const property = shape.properties.find((p) => p.name === name);
        assert.ok(property?.readOnly, `${shape.name}.${name}`);
      }
    }
  });

  it('NCR describes both its own class and oslc_cm:ChangeRequest', () => {
    assert.deepEqual(registry.byName('NonConformanceReport')!.describes, [
      'https://w3id.org/digital-thread/ns#NonConformanceReport',
      'http://open-services.net/ns/cm#ChangeRequest',
    ]);
  });

  it('reads source names in file order', () => {
    const requirement = registry.byName('Requirement')!;
    assert.deepEqual(requirement.properties.find((p) => p.name === 'assuranceLevel')!.sourceNames, [
      'Software Level',
      'DAL',
      'Development Assurance Level',
      'Design Assurance Level',
      'IDAL',
      'Item Development Assurance Level',
    ]);
    assert.deepEqual(requirement.properties.find((p) => p.name === 'title')!.sourceNames, []);
  });

  const brokenShapes: [string, string, RegExp][] = [
    ['missing occurs', '<> a oslc:ResourceShape ; oslc:describes <urn:C> ; oslc:property <#p> . <#p> oslc:name "p" ; oslc:propertyDefinition <urn:p> .', /needs oslc:name, oslc:propertyDefinition and oslc:occurs/],
    ['bad occurs', '<> a oslc:ResourceShape ; oslc:describes <urn:C> ; oslc:property <#p> . <#p> oslc:name "p" ; oslc:propertyDefinition <urn:p> ; oslc:occurs oslc:Many .', /oslc:occurs/],
    ['no describes', '<> a oslc:ResourceShape ; oslc:property <#p> . <#p> oslc:name "p" ; oslc:propertyDefinition <urn:p> ; oslc:occurs oslc:Zero-or-one .', /no oslc:describes/],
    ['segment without prefix', '@prefix dt: <https://w3id.org/digital-thread/ns#> . <> a oslc:ResourceShape ; oslc:describes <urn:C> ; dt:pathSegment "things" .', /both dt:pathSegment and dt:identifierPrefix/],
    ['invalid turtle', '<> a oslc:ResourceShape ;;; <', /not valid Turtle/],
    ['computedBy as a URL', '@prefix dt: <https://w3id.org/digital-thread/ns#> . <> a oslc:ResourceShape ; oslc:describes <urn:C> ; dt:computedBy "/oslc/sp/x/run" .', /dt:computedBy "\/oslc\/sp\/x\/run"; give the service path relative to the service provider/],
    ['computedBy in words', '@prefix dt: <https://w3id.org/digital-thread/ns#> . <> a oslc:ResourceShape ; oslc:describes <urn:C> ; dt:computedBy "the analysis" .', /dt:computedBy "the analysis"/],
    [
      'source name of two properties',
      '@prefix dt: <https://w3id.org/digital-thread/ns#> . <> a oslc:ResourceShape ; oslc:describes <urn:C> ; oslc:property <#a>, <#b> . ' +
        '<#a> oslc:name "level" ; oslc:propertyDefinition <urn:a> ; oslc:occurs oslc:Zero-or-one ; dt:sourceName "DAL" . ' +
        '<#b> oslc:name "rating" ; oslc:propertyDefinition <urn:b> ; oslc:occurs oslc:Zero-or-one ; dt:sourceName "dal" .',
      /Shape Thing gives the name "dal" to property rating and "DAL" to property level, which imports read as the same attribute/,
    ],
    [
      "source name that is another property's name",
      '@prefix dt: <https://w3id.org/digital-thread/ns#> . <> a oslc:ResourceShape ; oslc:describes <urn:C> ; oslc:property <#a>, <#b> . ' +
        '<#a> oslc:name "level" ; oslc:propertyDefinition <urn:a> ; oslc:occurs oslc:Zero-or-one . ' +
        '<#b> oslc:name "rating" ; oslc:propertyDefinition <urn:b> ; oslc:occurs oslc:Zero-or-one ; dt:sourceName "Level" .',
      /gives the name "Level" to property rating and "level" to property level/,
    ],
    ['source name as an IRI', '@prefix dt: <https://w3id.org/digital-thread/ns#> . <> a oslc:ResourceShape ; oslc:describes <urn:C> ; oslc:property <#a> . <#a> oslc:name "a" ; oslc:propertyDefinition <urn:a> ; oslc:occurs oslc:Zero-or-one ; dt:sourceName <urn:DAL> .', /dt:sourceName <urn:DAL>; give the attribute name as a string/],
    ['blank source name', '@prefix dt: <https://w3id.org/digital-thread/ns#> . <> a oslc:ResourceShape ; oslc:describes <urn:C> ; oslc:property <#a> . <#a> oslc:name "a" ; oslc:propertyDefinition <urn:a> ; oslc:occurs oslc:Zero-or-one ; dt:sourceName " - " .', /dt:sourceName " - "; give the attribute name as a string with letters or digits/],
    [
      'computedBy on its own container',
      '@prefix dt: <https://w3id.org/digital-thread/ns#> . <> a oslc:ResourceShape ; oslc:describes <urn:C> ; dt:pathSegment "things" ; dt:identifierPrefix "TH" ; dt:computedBy "things" .',
      /dt:computedBy "things", which is the dt:pathSegment of Thing/,
    ],
  ];
  it('computed types hold computed records only', () => {
    const computed = registry.all().filter((shape) => shape.computedBy !== undefined).map((shape) => shape.name);
    assert.deepEqual(computed.sort(), ['TraceabilityGap', 'TraceabilityReport']);
    assert.equal(registry.byName('TraceabilityReport')!.computedBy, 'traceability');
    assert.equal(registry.byName('Part')!.computedBy, undefined);
  });

  const embedding: [name: string, outerAnnotation: string, expected: RegExp | undefined][] = [
    ['writable type embedding a computed record', '', /Property detail of shape Outer embeds Inner, which has dt:computedBy, but Outer has none/],
    ['computed type embedding a computed record', 'dt:computedBy "run" ;', undefined],
  ];
  for (const [name, outerAnnotation, expected] of embedding) {
    it(`${expected === undefined ? 'accepts' : 'rejects'} ${name}`, () => {
      const directory = mkdtempSync(join(tmpdir(), 'dt-shapes-'));
      const prefixes = '@prefix oslc: <http://open-services.net/ns/core#> .\n@prefix dt: <https://w3id.org/digital-thread/ns#> .\n';
      try {
        writeFileSync(join(directory, 'Inner.ttl'), `${prefixes}<> a oslc:ResourceShape ; oslc:describes <urn:Inner> ; dt:computedBy "run" .`);
        writeFileSync(
          join(directory, 'Outer.ttl'),
          `${prefixes}<> a oslc:ResourceShape ; oslc:describes <urn:Outer> ; ${outerAnnotation} oslc:property <#detail> .
<#detail> oslc:name "detail" ; oslc:propertyDefinition <urn:detail> ; oslc:occurs oslc:Zero-or-many ; oslc:valueShape <Inner> .`,
        );
        const load = (): unknown => loadShapes(directory, `${TEST_BASE}oslc/shapes/`);
        if (expected === undefined) {
          assert.equal((load() as { shapes: unknown[] }).shapes.length, 2);
        } else {
          assert.throws(load, (error: Error) => error instanceof ShapeDefinitionError && expected.test(error.message));
        }
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  }

  for (const [name, turtle, expected] of brokenShapes) {
    it(`rejects shape file with ${name}`, () => {
      const directory = mkdtempSync(join(tmpdir(), 'dt-shapes-'));
      try {
        writeFileSync(join(directory, 'Thing.ttl'), `@prefix oslc: <http://open-services.net/ns/core#> .\n${turtle}`);
        assert.throws(() => loadShapes(directory, `${TEST_BASE}oslc/shapes/`), (error: Error) => error instanceof ShapeDefinitionError && expected.test(error.message));
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  }
});

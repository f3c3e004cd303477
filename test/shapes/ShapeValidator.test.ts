import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { ShapeValidator } from '../../src/shapes/ShapeValidator.js';
import { projectShapes, TEST_BASE } from '../helpers/shapes.js';

const PREFIXES = `
@prefix dt: <https://w3id.org/digital-thread/ns#> .
@prefix oslc: <http://open-services.net/ns/core#> .
@prefix oslc_plm: <http://open-services.net/ns/plm#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;

const SERVER_MANAGED = `
  dcterms:identifier "P-000001" ; dcterms:created "2026-01-01T00:00:00Z"^^xsd:dateTime ; dcterms:modified "2026-01-01T00:00:00Z"^^xsd:dateTime ;
  oslc:serviceProvider <oslc/sp/fcc> ; oslc:instanceShape <oslc/shapes/Part>`;

function part(properties: string): Quad[] {
  const turtle = `${PREFIXES}<p1> a oslc_plm:Part ; ${SERVER_MANAGED} ; ${properties} .`;
  return new Parser({ baseIRI: TEST_BASE }).parse(turtle) as Quad[];
}

const VALID = 'dcterms:title "Bracket" ; dt:partNumber "FCC-1001" ; dt:revision "A" ; dt:lifecycleState dt:Released';

describe('ShapeValidator', () => {
  const registry = projectShapes();
  const validator = new ShapeValidator(registry);
  const shape = registry.byName('Part')!;
  const subject = DataFactory.namedNode(`${TEST_BASE}p1`);

  it('valid part conforms', async () => {
    assert.deepEqual(await validator.validate(shape, subject, part(VALID)), []);
  });

  it('inline effectivity that conforms passes', async () => {
    const quads = part(`${VALID} ; oslc_plm:effectivity [ oslc_plm:effectiveValueType oslc_plm:Date ; oslc_plm:effectiveFrom "2026-01-01"^^xsd:date ]`);
    assert.deepEqual(await validator.validate(shape, subject, quads), []);
  });

  const cases: [string, string, RegExp][] = [
    ['missing title', 'dt:partNumber "X" ; dt:revision "A" ; dt:lifecycleState dt:Released', /^dcterms:title \(Title\) is missing: the shape requires exactly one value\. Add dcterms:title/],
    ['two titles', `${VALID} ; dcterms:title "Other"`, /^dcterms:title \(Title\) has too many values/],
    ['empty title', 'dcterms:title "" ; dt:partNumber "X" ; dt:revision "A" ; dt:lifecycleState dt:Released', /dcterms:title \(Title\) must not be empty/],
    ['number as part number', 'dcterms:title "T" ; dt:partNumber 42 ; dt:revision "A" ; dt:lifecycleState dt:Released', /dt:partNumber \(Part Number\) value "42"\^\^xsd:integer is not a valid xsd:string/],
    ['unknown lifecycle state', 'dcterms:title "T" ; dt:partNumber "X" ; dt:revision "A" ; dt:lifecycleState dt:Frozen', /dt:lifecycleState \(Lifecycle State\) value dt:Frozen is not allowed; use one of dt:InWork, dt:UnderReview, dt:Released, dt:Obsolete/],
    ['literal lifecycle state', 'dcterms:title "T" ; dt:partNumber "X" ; dt:revision "A" ; dt:lifecycleState "Released"', /must be a link to a resource/],
    ['ill-typed mass', `${VALID} ; dt:mass "heavy"^^xsd:decimal`, /dt:mass \(Mass\) value "heavy"\^\^xsd:decimal is not a valid xsd:decimal; send a decimal number/],
    ['negative mass', `${VALID} ; dt:mass -1.5`, /dt:mass \(Mass\) value "-1.5"\^\^xsd:decimal is out of range: it must be at least 0/],
    ['EAR without ECCN', `${VALID} ; dt:exportControl dt:EAR`, /dt:exportControl is dt:EAR, which needs a dt:eccn value/],
    ['ITAR without USML category', `${VALID} ; dt:exportControl dt:ITAR`, /dt:exportControl is dt:ITAR, which needs a dt:usmlCategory/],
    ['malformed ECCN', `${VALID} ; dt:exportControl dt:EAR ; dt:eccn "seven"`, /dt:eccn \(ECCN\) value "seven" has the wrong format/],
    ['effectivity without value type', `${VALID} ; oslc_plm:effectivity [ oslc_plm:effectiveFrom "2026-01-01"^^xsd:date ]`, /^In oslc_plm:effectivity \(Effectivity\): oslc_plm:effectiveValueType \(Effective Value Type\) is missing/],
  ];

  for (const [name, properties, expected] of cases) {
    it(`reports ${name}`, async () => {
      const issues = await validator.validate(shape, subject, part(properties));
      assert.equal(issues.length, 1, issues.map((issue) => issue.message).join(' | '));
      assert.match(issues[0]!.message, expected);
    });
  }

  it('ITAR part with a USML category conforms', async () => {
    assert.deepEqual(await validator.validate(shape, subject, part(`${VALID} ; dt:exportControl dt:ITAR ; dt:usmlCategory "XI(a)(3)"`)), []);
  });
});

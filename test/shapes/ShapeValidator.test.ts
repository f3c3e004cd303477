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

describe('ShapeValidator on telemetry summaries', () => {
  const registry = projectShapes();
  const validator = new ShapeValidator(registry);
  const shape = registry.byName('TelemetrySummary')!;
  const subject = DataFactory.namedNode(`${TEST_BASE}ts1`);
  const valid =
    'dcterms:title "FCC00017 28 V DC input voltage" ; dt:asset <oslc/sp/fcc/parts/P-000001> ; dt:serialNumber "FCC00017" ; ' +
    'dt:parameter "28 V DC input voltage" ; dt:windowStart "2026-11-16T00:00:00Z"^^xsd:dateTime ; dt:windowEnd "2026-11-23T00:00:00Z"^^xsd:dateTime ; ' +
    'dt:sampleCount 899455 ; dt:unitOfMeasure <http://qudt.org/vocab/unit/V>';

  function summary(properties: string): Quad[] {
    const turtle = `${PREFIXES}<ts1> a dt:TelemetrySummary ; ${SERVER_MANAGED.replace('oslc/shapes/Part', 'oslc/shapes/TelemetrySummary')} ; ${valid} ; ${properties} .`;
    return new Parser({ baseIRI: TEST_BASE }).parse(turtle) as Quad[];
  }

  it('trend and anomaly times conform', async () => {
    const quads = summary('dt:trend "- 27.882 27.844 - 28.426" ; dt:anomalyTime "2026-11-16T00:00:00Z"^^xsd:dateTime, "2026-11-22T23:59:59Z"^^xsd:dateTime');
    assert.deepEqual(await validator.validate(shape, subject, quads), []);
  });

  const cases: [string, string, RegExp][] = [
    ['letter in the trend', 'dt:trend "27.9 28.1x"', /^dt:trend \(Trend\) value "27\.9 28\.1x" has the wrong format: Mean of each of N equal intervals .* Write one decimal such as 28\.01, or "-" for an interval without samples, per interval, separated by single spaces/],
    ['trend of one interval', 'dt:trend "28.01"', /^dt:trend \(Trend\) value "28\.01" has the wrong format: /],
    ['comma-separated trend', 'dt:trend "28.01,27.9"', /^dt:trend \(Trend\) value "28\.01,27\.9" has the wrong format: /],
    ['empty trend', 'dt:trend ""', /^dt:trend \(Trend\) value "" has the wrong format: /],
    ['two trends', 'dt:trend "1 2", "3 4"', /^dt:trend \(Trend\) has too many values: the shape allows at most one value/],
    ['trend as a number', 'dt:trend 28.01', /^dt:trend \(Trend\) value "28\.01"\^\^xsd:decimal is not a valid xsd:string/],
    ['anomaly at the window end', 'dt:anomalyTime "2026-11-23T00:00:00Z"^^xsd:dateTime', /^dt:anomalyTime \(Anomaly Times\) value "2026-11-23T00:00:00Z"\^\^xsd:dateTime is not earlier than the dt:windowEnd value: each dt:anomalyTime must be earlier than every dt:windowEnd of the resource, so correct one of the two\.$/],
    ['anomaly before the window', 'dt:anomalyTime "2026-11-15T23:59:59Z"^^xsd:dateTime', /^dt:windowStart \(Window Start\) value "2026-11-16T00:00:00Z"\^\^xsd:dateTime is not at or before the dt:anomalyTime value: each dt:windowStart must be at or before every dt:anomalyTime of the resource/],
    ['anomaly time as a date', 'dt:anomalyTime "2026-11-17"^^xsd:date', /^dt:anomalyTime \(Anomaly Times\) value "2026-11-17"\^\^xsd:date is not a valid xsd:dateTime/],
  ];
  for (const [name, properties, expected] of cases) {
    it(`reports ${name}`, async () => {
      const messages = (await validator.validate(shape, subject, summary(properties))).map((issue) => issue.message);
      assert.ok(messages.length >= 1, 'no issue reported');
      assert.ok(
        messages.some((message) => expected.test(message)),
        `no message matches ${expected}: ${messages.join(' | ')}`,
      );
    });
  }
});

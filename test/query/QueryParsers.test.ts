import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PropertyReference, SelectedProperty, SimpleTerm, SortKey, Value, WhereClause } from '../../src/query/QueryAst.js';
import { parseQueryParameters } from '../../src/query/QueryParameters.js';
import { parseOrderBy, parsePrefixes, parseSearchTerms, parseSelect, parseWhere, PREDEFINED_PREFIXES } from '../../src/query/QueryParsers.js';
import { QuerySyntaxError } from '../../src/query/QuerySyntaxError.js';

// Namespace IRIs are written out here, not imported from src/, so a wrong server constant cannot hide.
const DCTERMS = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const OSLC_CM = 'http://open-services.net/ns/cm#';
const OSLC_PLM = 'http://open-services.net/ns/plm#';
const DT = 'https://w3id.org/digital-thread/ns#';
const EX = 'http://example.org/ns#';

/** Predefined prefixes plus `ex:`, as a request with `oslc.prefix=ex=<http://example.org/ns#>` has them. */
const PREFIXES: Record<string, string> = { ...PREDEFINED_PREFIXES, ex: EX };

const property = (iri: string, position: number): PropertyReference => ({ kind: 'property', iri, position });
const wildcard = (position: number): PropertyReference => ({ kind: 'wildcard', position });
const iriValue = (iri: string, position: number): Value => ({ kind: 'iri', iri, position });
const stringValue = (value: string, position: number): Value => ({ kind: 'string', value, position });
const languageString = (value: string, language: string, position: number): Value => ({ kind: 'string', value, language, position });
const typedString = (value: string, datatype: string, position: number): Value => ({ kind: 'string', value, datatype, position });
const numberValue = (lexical: string, datatype: string, position: number): Value => ({ kind: 'number', lexical, datatype, position });
const booleanValue = (value: boolean, position: number): Value => ({ kind: 'boolean', value, position });
const compare = (reference: PropertyReference, operator: '=' | '!=' | '<' | '>' | '<=' | '>=', value: Value): SimpleTerm => ({ kind: 'comparison', property: reference, operator, value });
const inList = (reference: PropertyReference, values: Value[]): SimpleTerm => ({ kind: 'in', property: reference, values });
const scoped = (reference: PropertyReference, terms: SimpleTerm[]): SimpleTerm => ({ kind: 'scoped', property: reference, where: { terms } });

/** The parts of a QuerySyntaxError a test expects. */
interface ExpectedError {
  parameter: string;
  /** 0-based character position in the parameter value. */
  position: number;
  message: RegExp;
}

/** Runs `action` and checks that it throws a QuerySyntaxError with the expected parameter, position and message. */
function assertSyntaxError(action: () => unknown, expected: ExpectedError): void {
  let caught: unknown;
  let result: unknown;
  try {
    result = action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, `expected a QuerySyntaxError, but parsing returned ${JSON.stringify(result)}`);
  assert.ok(caught instanceof QuerySyntaxError, `expected a QuerySyntaxError, got ${String(caught)}`);
  assert.equal(caught.parameter, expected.parameter, caught.message);
  assert.equal(caught.position, expected.position, caught.message);
  assert.match(caught.message, expected.message);
  assert.match(caught.message, new RegExp(`\\(at character ${expected.position + 1}\\)\\.$`));
}

interface ValidWhere {
  name: string;
  where: string;
  expected: WhereClause;
}

const VALID_WHERE: ValidWhere[] = [
  {
    name: 'plain string',
    where: 'dcterms:title="Processor Lane Module"',
    expected: { terms: [compare(property(`${DCTERMS}title`, 0), '=', stringValue('Processor Lane Module', 14))] },
  },
  {
    name: 'escaped quote and backslash in a string',
    where: 'dcterms:title="Valve \\"B\\" leak \\\\ test"',
    expected: { terms: [compare(property(`${DCTERMS}title`, 0), '=', stringValue('Valve "B" leak \\ test', 14))] },
  },
  {
    name: 'string of escapes only',
    where: 'dcterms:title="\\\\\\""',
    expected: { terms: [compare(property(`${DCTERMS}title`, 0), '=', stringValue('\\"', 14))] },
  },
  {
    name: 'empty string',
    where: 'dcterms:title=""',
    expected: { terms: [compare(property(`${DCTERMS}title`, 0), '=', stringValue('', 14))] },
  },
  {
    name: 'string with operators and brackets inside',
    where: 'dcterms:title="a and b{c}=[d] or <e>"',
    expected: { terms: [compare(property(`${DCTERMS}title`, 0), '=', stringValue('a and b{c}=[d] or <e>', 14))] },
  },
  {
    name: 'IRI value',
    where: 'dcterms:creator=<https://oslc.example.com/users/a.harper>',
    expected: { terms: [compare(property(`${DCTERMS}creator`, 0), '=', iriValue('https://oslc.example.com/users/a.harper', 16))] },
  },
  {
    name: 'prefixed name value',
    where: 'dt:lifecycleState=dt:Released',
    expected: { terms: [compare(property(`${DT}lifecycleState`, 0), '=', iriValue(`${DT}Released`, 18))] },
  },
  {
    name: 'prefixed name value with a declared prefix',
    where: 'ex:status=ex:Closed',
    expected: { terms: [compare(property(`${EX}status`, 0), '=', iriValue(`${EX}Closed`, 10))] },
  },
  {
    name: 'non-ASCII local name',
    where: 'ex:désignation="Vérin"',
    expected: { terms: [compare(property(`${EX}désignation`, 0), '=', stringValue('Vérin', 15))] },
  },
  {
    name: 'integer',
    where: 'dt:quantityAffected=40',
    expected: { terms: [compare(property(`${DT}quantityAffected`, 0), '=', numberValue('40', `${XSD}integer`, 20))] },
  },
  {
    name: 'integer with a plus sign',
    where: 'dt:quantityAffected<+42',
    expected: { terms: [compare(property(`${DT}quantityAffected`, 0), '<', numberValue('+42', `${XSD}integer`, 20))] },
  },
  {
    name: 'negative decimal',
    where: 'dt:mass>-0.5',
    expected: { terms: [compare(property(`${DT}mass`, 0), '>', numberValue('-0.5', `${XSD}decimal`, 8))] },
  },
  {
    name: 'decimal without leading digit',
    where: 'dt:mass<=.5',
    expected: { terms: [compare(property(`${DT}mass`, 0), '<=', numberValue('.5', `${XSD}decimal`, 9))] },
  },
  {
    name: 'number with an exponent',
    where: 'dt:mass>=1.5E-3',
    expected: { terms: [compare(property(`${DT}mass`, 0), '>=', numberValue('1.5E-3', `${XSD}double`, 9))] },
  },
  {
    name: 'negative number with an exponent',
    where: 'dt:mass!=-2e+10',
    expected: { terms: [compare(property(`${DT}mass`, 0), '!=', numberValue('-2e+10', `${XSD}double`, 9))] },
  },
  {
    name: 'boolean true',
    where: 'ex:flag=true',
    expected: { terms: [compare(property(`${EX}flag`, 0), '=', booleanValue(true, 8))] },
  },
  {
    name: 'boolean false',
    where: 'ex:flag!=false',
    expected: { terms: [compare(property(`${EX}flag`, 0), '!=', booleanValue(false, 9))] },
  },
  {
    name: 'language tag',
    where: 'dcterms:title="Bonjour"@fr',
    expected: { terms: [compare(property(`${DCTERMS}title`, 0), '=', languageString('Bonjour', 'fr', 14))] },
  },
  {
    name: 'language tag with a region, lower-cased',
    where: 'dcterms:title="Colour"@en-GB',
    expected: { terms: [compare(property(`${DCTERMS}title`, 0), '=', languageString('Colour', 'en-gb', 14))] },
  },
  {
    name: 'xsd:dateTime datatype',
    where: 'dcterms:modified>"2025-01-01T00:00:00Z"^^xsd:dateTime',
    expected: { terms: [compare(property(`${DCTERMS}modified`, 0), '>', typedString('2025-01-01T00:00:00Z', `${XSD}dateTime`, 17))] },
  },
  {
    name: 'datatype as a full IRI',
    where: 'dcterms:created<"2024-03-02"^^<http://www.w3.org/2001/XMLSchema#date>',
    expected: { terms: [compare(property(`${DCTERMS}created`, 0), '<', typedString('2024-03-02', `${XSD}date`, 16))] },
  },
  {
    name: 'spaces around the operator',
    where: 'dt:revision = "B"',
    expected: { terms: [compare(property(`${DT}revision`, 0), '=', stringValue('B', 14))] },
  },
  {
    name: 'wildcard property',
    where: '*="NAS1352-08-6"',
    expected: { terms: [compare(wildcard(0), '=', stringValue('NAS1352-08-6', 2))] },
  },
  {
    name: 'terms joined by and',
    where: 'dt:revision="B" and dt:lifecycleState=dt:Released and dt:mass<1',
    expected: {
      terms: [
        compare(property(`${DT}revision`, 0), '=', stringValue('B', 12)),
        compare(property(`${DT}lifecycleState`, 20), '=', iriValue(`${DT}Released`, 38)),
        compare(property(`${DT}mass`, 54), '<', numberValue('1', `${XSD}integer`, 62)),
      ],
    },
  },
  {
    name: 'in list of strings',
    where: 'oslc_cm:status in ["Open","In Review"]',
    expected: { terms: [inList(property(`${OSLC_CM}status`, 0), [stringValue('Open', 19), stringValue('In Review', 26)])] },
  },
  {
    name: 'in list of mixed values',
    where: 'dt:severity in [dt:Major, <https://w3id.org/digital-thread/ns#Minor>, 3, "Critical"@en, true]',
    expected: {
      terms: [
        inList(property(`${DT}severity`, 0), [
          iriValue(`${DT}Major`, 16),
          iriValue(`${DT}Minor`, 26),
          numberValue('3', `${XSD}integer`, 70),
          languageString('Critical', 'en', 73),
          booleanValue(true, 88),
        ]),
      ],
    },
  },
  {
    name: 'in list without a space before [',
    where: 'dt:revision in["A"]',
    expected: { terms: [inList(property(`${DT}revision`, 0), [stringValue('A', 15)])] },
  },
  {
    name: 'nested property',
    where: 'dcterms:creator{foaf:name="A. Harper"}',
    expected: { terms: [scoped(property(`${DCTERMS}creator`, 0), [compare(property(`${FOAF}name`, 16), '=', stringValue('A. Harper', 26))])] },
  },
  {
    name: 'nested property with a space before {',
    where: 'dcterms:creator {foaf:name="Deb"}',
    expected: { terms: [scoped(property(`${DCTERMS}creator`, 0), [compare(property(`${FOAF}name`, 17), '=', stringValue('Deb', 27))])] },
  },
  {
    name: 'nested terms joined by and, then an outer term',
    where: 'dcterms:creator{foaf:name="A" and foaf:mbox=<mailto:a@example.org>} and dt:revision="C"',
    expected: {
      terms: [
        scoped(property(`${DCTERMS}creator`, 0), [
          compare(property(`${FOAF}name`, 16), '=', stringValue('A', 26)),
          compare(property(`${FOAF}mbox`, 34), '=', iriValue('mailto:a@example.org', 44)),
        ]),
        compare(property(`${DT}revision`, 72), '=', stringValue('C', 84)),
      ],
    },
  },
  {
    name: 'two levels of nesting',
    where: 'oslc_plm:composedOfPartUsage{oslc_plm:representsPart{dt:partNumber="NAS1352-08-6"}}',
    expected: {
      terms: [
        scoped(property(`${OSLC_PLM}composedOfPartUsage`, 0), [
          scoped(property(`${OSLC_PLM}representsPart`, 29), [compare(property(`${DT}partNumber`, 53), '=', stringValue('NAS1352-08-6', 67))]),
        ]),
      ],
    },
  },
];

interface InvalidInput {
  name: string;
  text: string;
  position: number;
  message: RegExp;
}

const INVALID_WHERE: InvalidInput[] = [
  { name: 'unknown prefix in a property', text: 'foo:bar="x"', position: 0, message: /unknown prefix "foo:"/ },
  { name: 'unknown prefix in a value', text: 'dt:lifecycleState=foo:Released', position: 18, message: /unknown prefix "foo:"/ },
  { name: 'unknown prefix in a datatype', text: 'dt:mass="1"^^foo:kilogram', position: 13, message: /unknown prefix "foo:"/ },
  { name: 'unknown prefix inside nesting', text: 'dcterms:creator{foo:name="A"}', position: 16, message: /unknown prefix "foo:"/ },
  { name: 'unclosed [', text: 'oslc_cm:status in ["Open"', position: 18, message: /unclosed \[/ },
  { name: 'unclosed {', text: 'dcterms:creator{foaf:name="A"', position: 15, message: /unclosed \{/ },
  { name: 'unclosed inner {', text: 'dt:a{dt:b{dt:c="x"}', position: 4, message: /unclosed \{/ },
  { name: 'unclosed string', text: 'dcterms:title="Lane failover', position: 14, message: /unclosed string/ },
  { name: 'unclosed IRI', text: 'dcterms:creator=<http://example.org/a', position: 16, message: /unclosed <IRI>/ },
  { name: 'bad escape in a string', text: 'dcterms:title="a\\x"', position: 16, message: /invalid escape/ },
  { name: 'backslash at the end of a string', text: 'dcterms:title="a\\', position: 16, message: /invalid escape/ },
  { name: 'bad escape in an IRI', text: 'dcterms:creator=<http://example.org/a\\b>', position: 37, message: /only \\> and \\\\ may be escaped/ },
  { name: 'relative IRI', text: 'dcterms:creator=<users/a.harper>', position: 16, message: /not an absolute IRI/ },
  { name: 'IRI with a space', text: 'dcterms:creator=<http://example.org/a b>', position: 16, message: /not an absolute IRI/ },
  // The grammar allows escaping > and \ in an IRI, but RFC 3987 allows neither character in one.
  { name: 'IRI with an escaped >', text: 'dcterms:relation=<http://example.org/a\\>b>', position: 17, message: /IRIs cannot contain > or \\, escaped or not; percent-encode them/ },
  { name: 'IRI with an escaped backslash', text: 'dcterms:relation=<http://example.org/a\\\\b>', position: 17, message: /IRIs cannot contain > or \\, escaped or not/ },
  { name: 'missing operator', text: 'dcterms:title "x"', position: 14, message: /expected a comparison/ },
  { name: 'missing value', text: 'dcterms:title=', position: 14, message: /expected a value/ },
  { name: 'unquoted string value', text: 'dcterms:title=Lane', position: 14, message: /strings must be in double quotes/ },
  { name: 'single-quoted string value', text: "dcterms:title='Lane'", position: 14, message: /strings must be in double quotes/ },
  { name: 'or between terms', text: 'dt:revision="A" or dt:revision="B"', position: 16, message: /join terms with " and ", the only connective of OSLC Query/ },
  { name: 'or inside nesting', text: 'dcterms:creator{foaf:name="A" or foaf:name="B"}', position: 30, message: /expected " and " or "\}"/ },
  { name: 'trailing garbage', text: 'dt:revision="A" xyz', position: 16, message: /unexpected "xyz"/ },
  { name: 'number followed by letters', text: 'dt:mass=5kg', position: 9, message: /unexpected "kg"/ },
  { name: 'and with nothing after it', text: 'dt:revision="A" and ', position: 20, message: /expected a property name/ },
  { name: 'empty in list', text: 'dt:revision in []', position: 16, message: /expected a value/ },
  { name: 'in list without commas', text: 'dt:revision in ["A" "B"]', position: 20, message: /expected "," or "\]"/ },
  { name: 'in without [', text: 'dt:revision in "A"', position: 15, message: /expected "\[" after in/ },
  { name: 'wildcard before {', text: '*{dcterms:title="x"}', position: 1, message: /nested term needs a property before \{, not \*/ },
  { name: 'empty nesting', text: 'dcterms:creator{}', position: 16, message: /expected a property name/ },
  { name: '@ without a language tag', text: 'dcterms:title="a"@', position: 18, message: /expected a language tag/ },
  { name: '^^ without a datatype', text: 'dcterms:title="a"^^', position: 19, message: /expected a datatype/ },
  { name: 'doubled operator', text: 'dt:revision=="A"', position: 12, message: /expected a value/ },
];

describe('parseWhere', () => {
  for (const testCase of VALID_WHERE) {
    it(`parses ${testCase.name}`, () => {
      assert.deepEqual(parseWhere(testCase.where, PREFIXES), testCase.expected);
    });
  }

  for (const testCase of INVALID_WHERE) {
    it(`rejects ${testCase.name}`, () => {
      assertSyntaxError(() => parseWhere(testCase.text, PREFIXES), { parameter: 'oslc.where', position: testCase.position, message: testCase.message });
    });
  }

  it('uses the namespace a declaration overrides', () => {
    const prefixes = { ...PREDEFINED_PREFIXES, dcterms: 'http://example.org/terms/' };
    assert.deepEqual(parseWhere('dcterms:title="x"', prefixes), { terms: [compare(property('http://example.org/terms/title', 0), '=', stringValue('x', 14))] });
  });
});

describe('parseSelect', () => {
  const valid: { name: string; text: string; expected: SelectedProperty[] }[] = [
    { name: 'wildcard', text: '*', expected: [{ property: wildcard(0) }] },
    {
      name: 'two properties',
      text: 'dcterms:title,dcterms:identifier',
      expected: [{ property: property(`${DCTERMS}title`, 0) }, { property: property(`${DCTERMS}identifier`, 14) }],
    },
    {
      name: 'spaces after commas',
      text: 'dcterms:title, dt:partNumber',
      expected: [{ property: property(`${DCTERMS}title`, 0) }, { property: property(`${DT}partNumber`, 15) }],
    },
    {
      name: 'nested properties',
      text: 'dcterms:title,dcterms:creator{foaf:name,foaf:mbox}',
      expected: [
        { property: property(`${DCTERMS}title`, 0) },
        { property: property(`${DCTERMS}creator`, 14), nested: [{ property: property(`${FOAF}name`, 30) }, { property: property(`${FOAF}mbox`, 40) }] },
      ],
    },
    {
      name: 'nested wildcard',
      text: 'oslc_plm:composedOfPartUsage{*}',
      expected: [{ property: property(`${OSLC_PLM}composedOfPartUsage`, 0), nested: [{ property: wildcard(29) }] }],
    },
    {
      name: 'two levels of nesting',
      text: 'oslc_plm:composedOfPartUsage{oslc_plm:representsPart{dt:partNumber}}',
      expected: [
        {
          property: property(`${OSLC_PLM}composedOfPartUsage`, 0),
          nested: [{ property: property(`${OSLC_PLM}representsPart`, 29), nested: [{ property: property(`${DT}partNumber`, 53) }] }],
        },
      ],
    },
    { name: 'declared prefix', text: 'ex:status', expected: [{ property: property(`${EX}status`, 0) }] },
  ];
  for (const testCase of valid) {
    it(`parses ${testCase.name}`, () => {
      assert.deepEqual(parseSelect('oslc.select', testCase.text, PREFIXES), testCase.expected);
    });
  }

  const invalid: InvalidInput[] = [
    { name: 'unknown prefix', text: 'dcterms:title,foo:bar', position: 14, message: /unknown prefix "foo:"/ },
    { name: 'unclosed {', text: 'dcterms:creator{foaf:name', position: 15, message: /unclosed \{/ },
    { name: 'empty nesting', text: 'dcterms:creator{}', position: 16, message: /expected a property name/ },
    { name: 'missing comma', text: 'dcterms:title dcterms:identifier', position: 14, message: /separate properties with commas/ },
    { name: 'trailing comma', text: 'dcterms:title,', position: 14, message: /expected a property name/ },
    { name: 'quoted name', text: '"dcterms:title"', position: 0, message: /expected a property name/ },
  ];
  for (const testCase of invalid) {
    it(`rejects ${testCase.name}`, () => {
      assertSyntaxError(() => parseSelect('oslc.select', testCase.text, PREFIXES), { parameter: 'oslc.select', position: testCase.position, message: testCase.message });
    });
  }

  it('names oslc.properties in its errors', () => {
    assertSyntaxError(() => parseSelect('oslc.properties', 'foo:bar', PREFIXES), { parameter: 'oslc.properties', position: 0, message: /unknown prefix "foo:"/ });
  });
});

describe('parseOrderBy', () => {
  const valid: { name: string; text: string; expected: SortKey[] }[] = [
    { name: 'ascending key', text: '+dcterms:title', expected: [{ direction: 'asc', path: [`${DCTERMS}title`], position: 0 }] },
    {
      name: 'two keys',
      text: '-dcterms:modified,+dcterms:identifier',
      expected: [
        { direction: 'desc', path: [`${DCTERMS}modified`], position: 0 },
        { direction: 'asc', path: [`${DCTERMS}identifier`], position: 18 },
      ],
    },
    {
      name: 'nested key and a plain key',
      text: 'dcterms:creator{+foaf:name},-dcterms:created',
      expected: [
        { direction: 'asc', path: [`${DCTERMS}creator`, `${FOAF}name`], position: 16 },
        { direction: 'desc', path: [`${DCTERMS}created`], position: 28 },
      ],
    },
    {
      name: 'two keys inside nesting',
      text: 'oslc_plm:representsPart{-dt:mass,+dt:partNumber}',
      expected: [
        { direction: 'desc', path: [`${OSLC_PLM}representsPart`, `${DT}mass`], position: 24 },
        { direction: 'asc', path: [`${OSLC_PLM}representsPart`, `${DT}partNumber`], position: 33 },
      ],
    },
  ];
  for (const testCase of valid) {
    it(`parses ${testCase.name}`, () => {
      assert.deepEqual(parseOrderBy(testCase.text, PREFIXES), testCase.expected);
    });
  }

  const invalid: InvalidInput[] = [
    { name: 'sort key without sign', text: 'dcterms:title', position: 0, message: /needs \+ \(ascending\) or - \(descending\)/ },
    { name: 'second key without sign', text: '+dcterms:title,dcterms:modified', position: 15, message: /needs \+ \(ascending\) or - \(descending\)/ },
    { name: 'unknown prefix', text: '-foo:bar', position: 1, message: /unknown prefix "foo:"/ },
    { name: 'wildcard', text: '+*', position: 1, message: /expected a property name after \+ or -/ },
    { name: 'trailing comma', text: '+dcterms:title,', position: 15, message: /expected \+property, -property or property\{\.\.\.\}/ },
    { name: 'unclosed {', text: 'dcterms:creator{+foaf:name', position: 15, message: /unclosed \{|expected "\}"/ },
    { name: 'trailing garbage', text: '+dcterms:title desc', position: 15, message: /separate sort keys with commas/ },
  ];
  for (const testCase of invalid) {
    it(`rejects ${testCase.name}`, () => {
      assertSyntaxError(() => parseOrderBy(testCase.text, PREFIXES), { parameter: 'oslc.orderBy', position: testCase.position, message: testCase.message });
    });
  }
});

describe('parseSearchTerms', () => {
  const valid: { name: string; text: string; expected: string[] }[] = [
    { name: 'one term', text: '"failover"', expected: ['failover'] },
    { name: 'two terms', text: '"lane","failover"', expected: ['lane', 'failover'] },
    { name: 'space after the comma', text: '"lane", "timing test"', expected: ['lane', 'timing test'] },
    { name: 'escaped quote and backslash', text: '"Valve \\"B\\"","a\\\\b"', expected: ['Valve "B"', 'a\\b'] },
  ];
  for (const testCase of valid) {
    it(`parses ${testCase.name}`, () => {
      assert.deepEqual(parseSearchTerms(testCase.text), testCase.expected);
    });
  }

  const invalid: InvalidInput[] = [
    { name: 'unquoted term', text: 'failover', position: 0, message: /strings must be in double quotes/ },
    { name: 'number term', text: '"lane",42', position: 7, message: /search terms must be plain "quoted strings"/ },
    { name: 'language-tagged term', text: '"lane"@en', position: 0, message: /without @language or \^\^datatype/ },
    { name: 'missing comma', text: '"lane" "failover"', position: 7, message: /separate search terms with commas/ },
    { name: 'trailing comma', text: '"lane",', position: 7, message: /expected a value/ },
    { name: 'unclosed string', text: '"lane', position: 0, message: /unclosed string/ },
  ];
  for (const testCase of invalid) {
    it(`rejects ${testCase.name}`, () => {
      assertSyntaxError(() => parseSearchTerms(testCase.text), { parameter: 'oslc.searchTerms', position: testCase.position, message: testCase.message });
    });
  }
});

describe('parsePrefixes', () => {
  it('returns the predefined prefixes without declarations', () => {
    assert.deepEqual(parsePrefixes([]), PREDEFINED_PREFIXES);
  });

  // OSLC Core 3.0, "Selective Properties": a server SHOULD support these nine prefix definitions.
  it('predefines the OSLC Core prefixes', () => {
    const predefined: Record<string, string> = {
      dcterms: DCTERMS,
      foaf: FOAF,
      owl: 'http://www.w3.org/2002/07/owl#',
      rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
      xsd: XSD,
      rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
      ldp: 'http://www.w3.org/ns/ldp#',
      oslc: 'http://open-services.net/ns/core#',
      trs: 'http://open-services.net/ns/core/trs#',
    };
    for (const [name, namespace] of Object.entries(predefined)) {
      assert.equal(PREDEFINED_PREFIXES[name], namespace, `prefix ${name}`);
    }
  });

  const valid: { name: string; values: string[]; expected: Record<string, string> }[] = [
    { name: 'one declaration', values: ['ex=<http://example.org/ns#>'], expected: { ex: EX } },
    { name: 'two declarations in one value', values: ['ex=<http://example.org/ns#>,acme=<urn:acme:>'], expected: { ex: EX, acme: 'urn:acme:' } },
    { name: 'spaces around = and ,', values: ['ex = <http://example.org/ns#> , acme=<urn:acme:>'], expected: { ex: EX, acme: 'urn:acme:' } },
    { name: 'repeated parameter', values: ['ex=<http://example.org/ns#>', 'acme=<urn:acme:>'], expected: { ex: EX, acme: 'urn:acme:' } },
    { name: 'override of a predefined prefix', values: ['dcterms=<http://example.org/terms/>'], expected: { dcterms: 'http://example.org/terms/' } },
    { name: 'later declaration wins', values: ['ex=<http://example.org/one#>', 'ex=<http://example.org/two#>'], expected: { ex: 'http://example.org/two#' } },
  ];
  for (const testCase of valid) {
    it(`parses ${testCase.name}`, () => {
      assert.deepEqual(parsePrefixes(testCase.values), { ...PREDEFINED_PREFIXES, ...testCase.expected });
    });
  }

  const invalid: InvalidInput[] = [
    { name: 'IRI without angle brackets', text: 'ex=http://example.org/ns#', position: 3, message: /expected <namespace IRI> after ex=/ },
    { name: 'missing name', text: '=<http://example.org/ns#>', position: 0, message: /expected a prefix name/ },
    { name: 'missing =', text: 'ex<http://example.org/ns#>', position: 2, message: /expected "=" after the prefix name/ },
    { name: 'relative IRI', text: 'ex=<ns#>', position: 3, message: /not an absolute IRI/ },
    { name: 'unclosed IRI', text: 'ex=<http://example.org/ns#', position: 3, message: /unclosed <IRI>/ },
    { name: 'semicolon separator', text: 'ex=<http://example.org/ns#>;acme=<urn:acme:>', position: 27, message: /expected "," between prefix declarations/ },
  ];
  for (const testCase of invalid) {
    it(`rejects ${testCase.name}`, () => {
      assertSyntaxError(() => parsePrefixes([testCase.text]), { parameter: 'oslc.prefix', position: testCase.position, message: testCase.message });
    });
  }
});

describe('parseQueryParameters', () => {
  it('parses every parameter of a request', () => {
    const search = new URLSearchParams([
      ['oslc.prefix', 'ex=<http://example.org/ns#>'],
      ['oslc.where', 'ex:status="Open"'],
      ['oslc.select', 'dcterms:title'],
      ['oslc.properties', 'rdfs:member'],
      ['oslc.orderBy', '-dcterms:modified'],
      ['oslc.searchTerms', '"screw"'],
      ['oslc.paging', 'true'],
      ['oslc.pageSize', '25'],
      ['page', '3'],
    ]);
    assert.deepEqual(parseQueryParameters(search), {
      prefixes: { ...PREDEFINED_PREFIXES, ex: EX },
      where: { terms: [compare(property(`${EX}status`, 0), '=', stringValue('Open', 10))] },
      select: [{ property: property(`${DCTERMS}title`, 0) }],
      properties: [{ property: property('http://www.w3.org/2000/01/rdf-schema#member', 0) }],
      orderBy: [{ direction: 'desc', path: [`${DCTERMS}modified`], position: 0 }],
      searchTerms: ['screw'],
      paging: true,
      pageSize: 25,
      page: 3,
    });
  });

  it('decodes percent-encoded parameters', () => {
    const search = new URLSearchParams('oslc.where=dcterms%3Acreator%20%7Bfoaf%3Aname%3D%22Deb%22%7D&oslc.orderBy=dcterms%3Acreator%7B%2Bfoaf%3Aname%7D%2C-dcterms%3Acreated');
    const parameters = parseQueryParameters(search);
    assert.deepEqual(parameters.where, { terms: [scoped(property(`${DCTERMS}creator`, 0), [compare(property(`${FOAF}name`, 17), '=', stringValue('Deb', 27))])] });
    assert.deepEqual(parameters.orderBy, [
      { direction: 'asc', path: [`${DCTERMS}creator`, `${FOAF}name`], position: 16 },
      { direction: 'desc', path: [`${DCTERMS}created`], position: 28 },
    ]);
  });

  it('returns defaults without parameters', () => {
    assert.deepEqual(parseQueryParameters(new URLSearchParams()), { prefixes: PREDEFINED_PREFIXES, paging: false, page: 1 });
  });

  it('ignores empty and non-OSLC parameters', () => {
    const search = new URLSearchParams([
      ['oslc.where', ''],
      ['oslc.select', '  '],
      ['oslc.orderBy', ''],
      ['oslc.searchTerms', ''],
      ['foo', 'bar'],
    ]);
    assert.deepEqual(parseQueryParameters(search), { prefixes: PREDEFINED_PREFIXES, paging: false, page: 1 });
  });

  it('ignores an encoded oslc.prefix declaration', () => {
    // oslc-client 1.0.7 sends its prefixes with the "=" percent-encoded, as one parameter name.
    const search = new URLSearchParams(`${encodeURIComponent('oslc.prefix=dcterms=<http://purl.org/dc/terms/>')}&oslc.where=dcterms:identifier%3D%22P-1%22`);
    assert.equal(parseQueryParameters(search).where?.terms.length, 1);
  });

  it('rejects unknown oslc. parameters', () => {
    const cases: [name: string, message: RegExp][] = [
      ['oslc.unknown', /oslc\.unknown: unknown OSLC query parameter oslc\.unknown; the OSLC query parameters are oslc\.where, oslc\.select/],
      ['oslc.orderby', /did you mean oslc\.orderBy\?/],
      ['oslc.wehre', /did you mean oslc\.where\?/],
      ['oslc.pagesize', /did you mean oslc\.pageSize\?/],
      ['oslc.selct', /did you mean oslc\.select\?/],
    ];
    for (const [name, message] of cases) {
      assert.throws(() => parseQueryParameters(new URLSearchParams([[name, 'x']])), message, name);
    }
  });

  it('turns paging on with oslc.pageSize', () => {
    const parameters = parseQueryParameters(new URLSearchParams('oslc.pageSize=10'));
    assert.equal(parameters.paging, true);
    assert.equal(parameters.pageSize, 10);
  });

  it('accepts oslc.paging=false', () => {
    assert.equal(parseQueryParameters(new URLSearchParams('oslc.paging=false')).paging, false);
  });

  const single = ['oslc.where', 'oslc.select', 'oslc.properties', 'oslc.orderBy', 'oslc.searchTerms', 'oslc.paging', 'oslc.pageSize', 'page'];
  const sampleValues: Record<string, string> = {
    'oslc.where': 'dt:revision="A"',
    'oslc.select': 'dcterms:title',
    'oslc.properties': 'dcterms:title',
    'oslc.orderBy': '+dcterms:title',
    'oslc.searchTerms': '"lane"',
    'oslc.paging': 'true',
    'oslc.pageSize': '10',
    page: '2',
  };
  for (const name of single) {
    it(`rejects duplicate ${name}`, () => {
      const search = new URLSearchParams([
        [name, sampleValues[name]!],
        [name, sampleValues[name]!],
      ]);
      assertSyntaxError(() => parseQueryParameters(search), { parameter: name, position: 0, message: /given 2 times; give it once/ });
    });
  }

  const invalid: { name: string; query: string; parameter: string; position: number; message: RegExp }[] = [
    { name: 'oslc.pageSize of 0', query: 'oslc.pageSize=0', parameter: 'oslc.pageSize', position: 0, message: /"0" is not a page size/ },
    { name: 'negative oslc.pageSize', query: 'oslc.pageSize=-1', parameter: 'oslc.pageSize', position: 0, message: /"-1" is not a page size/ },
    { name: 'fractional oslc.pageSize', query: 'oslc.pageSize=1.5', parameter: 'oslc.pageSize', position: 0, message: /"1.5" is not a page size/ },
    { name: 'oslc.pageSize above the maximum', query: 'oslc.pageSize=10001', parameter: 'oslc.pageSize', position: 0, message: /use an integer from 1 to 10000/ },
    { name: 'empty oslc.pageSize', query: 'oslc.pageSize=', parameter: 'oslc.pageSize', position: 0, message: /"" is not a page size/ },
    { name: 'word as oslc.pageSize', query: 'oslc.pageSize=ten', parameter: 'oslc.pageSize', position: 0, message: /"ten" is not a page size/ },
    { name: 'page 0', query: 'page=0', parameter: 'page', position: 0, message: /"0" is not a page number/ },
    { name: 'negative page', query: 'page=-2', parameter: 'page', position: 0, message: /"-2" is not a page number/ },
    { name: 'page in exponent notation', query: 'page=1e3', parameter: 'page', position: 0, message: /"1e3" is not a page number/ },
    { name: 'page beyond exact integers', query: 'page=99999999999999999999', parameter: 'page', position: 0, message: /page 99999999999999999999 is past the last page any query can have/ },
    { name: 'oslc.paging=yes', query: 'oslc.paging=yes', parameter: 'oslc.paging', position: 0, message: /"yes" is not true or false/ },
    { name: 'upper-case oslc.paging', query: 'oslc.paging=TRUE', parameter: 'oslc.paging', position: 0, message: /"TRUE" is not true or false/ },
    { name: 'undeclared prefix in oslc.where', query: 'oslc.where=ex%3Astatus%3D%22Open%22', parameter: 'oslc.where', position: 0, message: /unknown prefix "ex:"/ },
    { name: 'bad oslc.prefix', query: 'oslc.prefix=ex%3Dhttp%3A%2F%2Fexample.org%2F', parameter: 'oslc.prefix', position: 3, message: /expected <namespace IRI>/ },
    { name: 'sign before a nested sort key', query: 'oslc.orderBy=-oslc_plm%3ArepresentsPart%7Bdt%3Amass%7D', parameter: 'oslc.orderBy', position: 0, message: /takes its sign inside the braces, as in oslc_plm:representsPart\{-property\}/ },
  ];
  for (const testCase of invalid) {
    it(`rejects ${testCase.name}`, () => {
      assertSyntaxError(() => parseQueryParameters(new URLSearchParams(testCase.query)), testCase);
    });
  }
});

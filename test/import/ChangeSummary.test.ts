import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { changedProperties, createdProperties, type DetailNames } from '../../src/import/ChangeSummary.js';

const { namedNode, literal, quad } = DataFactory;

const FCC = 'http://127.0.0.1:8080/oslc/sp/fcc/';
const PART = namedNode(`${FCC}parts/P-000004`);
const DT = 'https://w3id.org/digital-thread/ns#';
const USES = 'http://open-services.net/ns/plm#composedOfPartUsage';
const DERIVED_FROM = 'http://www.w3.org/ns/prov#wasDerivedFrom';
const TITLE = 'http://purl.org/dc/terms/title';
const KILOGRAM = 'http://qudt.org/vocab/unit/KiloGM';
const PIECES = 'http://qudt.org/vocab/unit/NUM';

/** Names as the Part and BomLine shapes and the project's vocabulary give them. */
const NAMES: DetailNames = {
  multiValued: new Set([USES, `${DT}referenceDesignator`]),
  titles: new Map([[TITLE, 'Title'], [`${DT}mass`, 'Mass'], [`${DT}lifecycleState`, 'Lifecycle State'], [`${DT}quantity`, 'Quantity'], [USES, 'BOM Lines'], [`${DT}referenceDesignator`, 'Reference Designators']]),
  units: new Map([[`${DT}mass`, KILOGRAM]]),
  vocabulary: {
    label: (iri) => new Map([[`${DT}InWork`, 'In Work'], [`${DT}Released`, 'Released']]).get(iri),
    symbol: (iri) => new Map([[KILOGRAM, 'kg'], [PIECES, 'pcs']]).get(iri),
  },
};

function state(values: Record<string, (string | ReturnType<typeof literal>)[]>): Quad[] {
  return Object.entries(values).flatMap(([property, objects]) =>
    objects.map((object) => quad(PART, namedNode(property), typeof object === 'string' ? namedNode(object) : object)),
  );
}

describe('changedProperties', () => {
  const cases: [string, Record<string, (string | ReturnType<typeof literal>)[]>, Record<string, (string | ReturnType<typeof literal>)[]>, string | undefined][] = [
    ['one value changed', { [`${DT}quantity`]: [literal('2')] }, { [`${DT}quantity`]: [literal('3')] }, 'quantity 2 → 3'],
    ['a value added', {}, { [`${DT}material`]: [literal('Ti-6Al-4V')] }, 'material none → Ti-6Al-4V'],
    ['a link added to a list', { [USES]: [`${FCC}bom-lines/BL-000003`, `${FCC}bom-lines/BL-000007`] }, { [USES]: [`${FCC}bom-lines/BL-000003`, `${FCC}bom-lines/BL-000007`, `${FCC}bom-lines/BL-000009`] }, 'composedOfPartUsage added BL-000009'],
    ['a link removed from a list', { [USES]: [`${FCC}bom-lines/BL-000003`, `${FCC}bom-lines/BL-000007`] }, { [USES]: [`${FCC}bom-lines/BL-000003`] }, 'composedOfPartUsage removed BL-000007'],
    ['links added and removed', { [USES]: [`${FCC}bom-lines/BL-000003`, `${FCC}bom-lines/BL-000007`] }, { [USES]: [`${FCC}bom-lines/BL-000003`, `${FCC}bom-lines/BL-000010`] }, 'composedOfPartUsage added BL-000010, removed BL-000007'],
    ['another import source', { [DERIVED_FROM]: ['urn:digital-thread:import-source:orphan-parts-list-2026.csv'] }, { [DERIVED_FROM]: ['urn:digital-thread:import-source:gearbox%20bom.csv'] }, 'wasDerivedFrom orphan-parts-list-2026.csv → gearbox bom.csv'],
    ['a source URL ending in a slash', { [DERIVED_FROM]: ['https://plm.example.com/Windchill/servlet/odata'] }, { [DERIVED_FROM]: ['https://plm.example.com/Windchill/servlet/odata/ProdMgmt/'] }, 'wasDerivedFrom odata → ProdMgmt'],
    ['a host URL ending in a slash', { [DERIVED_FROM]: ['urn:digital-thread:import-source:bom.csv'] }, { [DERIVED_FROM]: ['https://plm.example.com/'] }, 'wasDerivedFrom bom.csv → https://plm.example.com/'],
    ['two URLs with one label', { [DERIVED_FROM]: ['http://127.0.0.1/odata'] }, { [DERIVED_FROM]: ['http://127.0.0.1/odata/'] }, 'wasDerivedFrom http://127.0.0.1/odata → http://127.0.0.1/odata/'],
    ['the first link of a list', {}, { [USES]: [`${FCC}bom-lines/BL-000005`] }, 'composedOfPartUsage added BL-000005'],
    ['the last link of a list', { [USES]: [`${FCC}bom-lines/BL-000005`] }, {}, 'composedOfPartUsage removed BL-000005'],
    ['nothing changed', { [`${DT}quantity`]: [literal('2')] }, { [`${DT}quantity`]: [literal('2')] }, undefined],
  ];
  it('names properties by their shape titles', () => {
    const shape = { multiValued: new Set([USES]), titles: new Map([[USES, 'BOM Lines'], [`${DT}quantity`, 'Quantity']]) };
    const before = state({ [`${DT}quantity`]: [literal('2')] });
    const after = state({ [`${DT}quantity`]: [literal('3')], [USES]: [`${FCC}bom-lines/BL-000005`], [`${DT}material`]: [literal('Ti-6Al-4V')] });
    assert.equal(changedProperties(PART, before, after, shape), 'BOM Lines added BL-000005; material none → Ti-6Al-4V; Quantity 2 → 3');
  });

  for (const [name, before, after, expected] of cases) {
    it(`shows ${name}`, () => {
      assert.equal(changedProperties(PART, state(before), state(after), { multiValued: new Set([USES]), titles: new Map() }), expected);
    });
  }
});

describe('changedProperties with units and vocabulary', () => {
  const cases: [string, Record<string, (string | ReturnType<typeof literal>)[]>, Record<string, (string | ReturnType<typeof literal>)[]>, string][] = [
    ['a mass in kilograms', { [`${DT}mass`]: [literal('0.4')] }, { [`${DT}mass`]: [literal('0.45')] }, 'Mass 0.4 kg → 0.45 kg'],
    ['a first mass', {}, { [`${DT}mass`]: [literal('1.2')] }, 'Mass none → 1.2 kg'],
    ['a lifecycle state by its label', { [`${DT}lifecycleState`]: [`${DT}InWork`] }, { [`${DT}lifecycleState`]: [`${DT}Released`] }, 'Lifecycle State In Work → Released'],
    ['a term the vocabulary lacks', { [`${DT}bomView`]: [`${DT}EBOM`] }, { [`${DT}bomView`]: [`${DT}MBOM`] }, 'bomView EBOM → MBOM'],
  ];
  for (const [name, before, after, expected] of cases) {
    it(`shows ${name}`, () => {
      assert.equal(changedProperties(PART, state(before), state(after), NAMES), expected);
    });
  }

  it('lists at most six values of a property', () => {
    const lines = Array.from({ length: 9 }, (_, index) => `${FCC}bom-lines/BL-00001${index}`);
    assert.equal(changedProperties(PART, state({}), state({ [USES]: lines }), NAMES), 'BOM Lines added BL-000010, BL-000011, BL-000012, BL-000013, BL-000014, BL-000015 and 3 more');
  });
});

describe('createdProperties', () => {
  const hidden = new Set([`${DT}partNumber`, `${DT}revision`, DERIVED_FROM]);
  const cases: [string, Record<string, (string | ReturnType<typeof literal>)[]>, string | undefined][] = [
    [
      'a part with title first',
      { [`${DT}partNumber`]: [literal('EHA-610')], [`${DT}revision`]: [literal('A')], [`${DT}mass`]: [literal('0.4')], [`${DT}lifecycleState`]: [`${DT}InWork`], [TITLE]: [literal('Bracket')], [DERIVED_FROM]: ['urn:digital-thread:import-source:bom.csv'] },
      'Title Bracket; Lifecycle State In Work; Mass 0.4 kg',
    ],
    ['a BOM line quantity in its unit', { [`${DT}quantity`]: [literal('8')], [`${DT}unitOfMeasure`]: [PIECES] }, 'Quantity 8 pcs; unitOfMeasure NUM'],
    ['several values', { [`${DT}referenceDesignator`]: [literal('J2'), literal('J1')] }, 'Reference Designators J1, J2'],
    ['only hidden properties', { [`${DT}partNumber`]: [literal('NAS1352-4')], [`${DT}revision`]: [literal('-')] }, undefined],
  ];
  for (const [name, values, expected] of cases) {
    it(`shows ${name}`, () => {
      assert.equal(createdProperties(PART, state(values), NAMES, hidden), expected);
    });
  }

  it('lists at most six properties', () => {
    const values = Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`${DT}attribute${index}`, [literal(`value ${index}`)]]));
    assert.equal(createdProperties(PART, state(values), NAMES, hidden), 'attribute0 value 0; attribute1 value 1; attribute2 value 2; attribute3 value 3; attribute4 value 4; attribute5 value 5; and 2 more');
  });
});

describe('changedProperties of imported text', () => {
  const SOURCE_ATTRIBUTE = `${DT}sourceAttribute`;
  const DESCRIPTION = 'http://purl.org/dc/terms/description';
  const XML_LITERAL = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral');

  /** Returns the quads of a requirement with XHTML text and one source attribute. */
  function requirement(text: string, status: string): Quad[] {
    const attribute = namedNode(`${PART.value}#attribute-FUNC-REQ-STATUS`);
    return [
      quad(PART, namedNode(DESCRIPTION), literal(`<div xmlns="http://www.w3.org/1999/xhtml"><p>${text}</p></div>`, XML_LITERAL)),
      quad(PART, namedNode(SOURCE_ATTRIBUTE), attribute),
      quad(attribute, namedNode(`${DT}attributeName`), literal('FUNC-REQ-STATUS')),
      quad(attribute, namedNode(`${DT}attributeValue`), literal(status)),
    ];
  }
  const names: DetailNames = { ...NAMES, multiValued: new Set([SOURCE_ATTRIBUTE]), titles: new Map([[DESCRIPTION, 'Description'], [SOURCE_ATTRIBUTE, 'Source Attribute']]) };

  it('shows XHTML from its first difference', () => {
    const before = requirement('The system shall alert the crew within 2 s of a brake temperature above the limit.', 'Proposed');
    const after = requirement('The system shall alert the crew within 1 s of a brake temperature above the limit.', 'Proposed');
    assert.equal(changedProperties(PART, before, after, names), 'Description …crew within 2 s of a brake temperature… → …crew within 1 s of a brake temperature…');
  });

  // A value cut before its first difference starts with a whole word, or is not cut when its first word reaches the difference.
  const cuts: [before: string, after: string, expected: string][] = [
    ['MLG-1100 item 10: Outer Cylinder', 'MLG-1100 item 10: Outer Cylinder, chromed bore', 'Title …Outer Cylinder → …Outer Cylinder, chromed bore'],
    ['MLG-1100 item 20: Sliding Piston', 'MLG-1100 item 20: Piston, sliding, chromed', 'Title MLG-1100 item 20: Sliding Piston → MLG-1100 item 20: Piston, sliding, chro…'],
    ['NUT-HEX-SELF-LOCKING-3/8-24 A', 'NUT-HEX-SELF-LOCKING-3/8-24 Cad Plated, per NASM21042', 'Title NUT-HEX-SELF-LOCKING-3/8-24 A → NUT-HEX-SELF-LOCKING-3/8-24 Cad Plated,…'],
  ];
  for (const [before, after, expected] of cuts) {
    it(`cuts "${before}" at a word`, () => {
      assert.equal(changedProperties(PART, state({ [TITLE]: [literal(before)] }), state({ [TITLE]: [literal(after)] }), NAMES), expected);
    });
  }

  it('shows a markup change as formatting', () => {
    assert.equal(changedProperties(PART, requirement('Brake on', 'Proposed'), requirement('<b>Brake</b> on', 'Proposed'), names), 'Description formatting changed');
  });

  it('shows short XHTML as text', () => {
    assert.equal(changedProperties(PART, requirement('Brake on', 'Proposed'), requirement('Brake off', 'Proposed'), names), 'Description Brake on → Brake off');
  });

  it('pairs a source attribute by name', () => {
    assert.equal(changedProperties(PART, requirement('Brake on', 'Proposed'), requirement('Brake on', 'Approved'), names), 'Source Attribute FUNC-REQ-STATUS Proposed → Approved');
  });

  it('lists a new source attribute with its name', () => {
    const after = requirement('Brake on', 'Proposed').filter((candidate) => !candidate.predicate.value.endsWith('sourceAttribute') && !candidate.subject.value.includes('#'));
    assert.equal(changedProperties(PART, after, requirement('Brake on', 'Proposed'), names), 'Source Attribute added FUNC-REQ-STATUS: Proposed');
  });
});

describe('changedProperties order and provenance', () => {
  const SOURCE_ID = `${DT}sourceId`;
  const SOURCE_SYSTEM = `${DT}sourceSystem`;
  const names: DetailNames = { ...NAMES, titles: new Map([...NAMES.titles, [SOURCE_ID, 'Source Id'], [SOURCE_SYSTEM, 'Source System'], [DERIVED_FROM, 'Import Source']]) };

  it('puts the title first', () => {
    const before = state({ [TITLE]: [literal('Bracket')], [`${DT}material`]: [literal('Ti-6Al-4V')] });
    const after = state({ [TITLE]: [literal('Bracket LH')] });
    assert.equal(changedProperties(PART, before, after, names), 'Title Bracket → Bracket LH; material Ti-6Al-4V → none');
  });

  it('leaves out source ids beside other changes', () => {
    const before = state({ [`${DT}mass`]: [literal('0.4')], [SOURCE_ID]: [literal('a.stp:bolt/-')], [SOURCE_SYSTEM]: [literal('STEP AP214, Open CASCADE 6.1')], [DERIVED_FROM]: ['urn:digital-thread:import-source:a.stp'] });
    const after = state({ [`${DT}mass`]: [literal('0.5')], [SOURCE_ID]: [literal('b.stp:bolt/-')], [SOURCE_SYSTEM]: [literal('STEP AP214, UNIX')], [DERIVED_FROM]: ['urn:digital-thread:import-source:b.stp'] });
    assert.equal(changedProperties(PART, before, after, names), 'Import Source a.stp → b.stp; Mass 0.4 kg → 0.5 kg');
  });

  it('shows source ids when nothing else changed', () => {
    const before = state({ [SOURCE_ID]: [literal('a.stp:bolt/-')] });
    const after = state({ [SOURCE_ID]: [literal('b.stp:bolt/-')] });
    assert.equal(changedProperties(PART, before, after, names), 'Source Id a.stp:bolt/- → b.stp:bolt/-');
  });

  it('shows each quantity in its own unit', () => {
    const KILOGRAM_UNIT = KILOGRAM;
    const before = state({ [`${DT}quantity`]: [literal('1')], [`${DT}unitOfMeasure`]: [PIECES] });
    const after = state({ [`${DT}quantity`]: [literal('2.5')], [`${DT}unitOfMeasure`]: [KILOGRAM_UNIT] });
    assert.equal(changedProperties(PART, before, after, names), 'Quantity 1 pcs → 2.5 kg; unitOfMeasure NUM → KiloGM');
  });

  it('ignores a link stated twice', () => {
    const line = `${FCC}bom-lines/BL-000003`;
    const before = state({ [USES]: [line], [TITLE]: [literal('Bracket')] });
    const after = [...state({ [USES]: [line], [TITLE]: [literal('Bracket LH')] }), quad(PART, namedNode(USES), namedNode(line))];
    assert.equal(changedProperties(PART, before, after, names), 'Title Bracket → Bracket LH');
  });

  it('shows a quantity in its unit of measure', () => {
    const before = state({ [`${DT}quantity`]: [literal('8')], [`${DT}unitOfMeasure`]: [PIECES] });
    const after = state({ [`${DT}quantity`]: [literal('10')], [`${DT}unitOfMeasure`]: [PIECES] });
    assert.equal(changedProperties(PART, before, after, names), 'Quantity 8 pcs → 10 pcs');
  });
});

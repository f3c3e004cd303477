import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { changedProperties } from '../../src/import/ChangeSummary.js';

const { namedNode, literal, quad } = DataFactory;

const FCC = 'http://127.0.0.1:8080/oslc/sp/fcc/';
const PART = namedNode(`${FCC}parts/P-000004`);
const DT = 'https://w3id.org/digital-thread/ns#';
const USES = 'http://open-services.net/ns/plm#composedOfPartUsage';
const DERIVED_FROM = 'http://www.w3.org/ns/prov#wasDerivedFrom';

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

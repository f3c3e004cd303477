import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFactory } from 'n3';
import type { SourceAttribute } from '../../src/import/ImportModel.js';
import { SOURCE_ATTRIBUTE, sourceAttributeQuads } from '../../src/import/SourceAttributes.js';

const REQUIREMENT = DataFactory.namedNode('http://127.0.0.1:8080/oslc/sp/fcc/requirements/REQ-000361');

/** Returns each attribute node's name and values as `name=value|value`, in the order written. */
function stored(attributes: SourceAttribute[]): string[] {
  const quads = sourceAttributeQuads(REQUIREMENT, attributes);
  const nodes = quads.filter((quad) => quad.predicate.value === SOURCE_ATTRIBUTE.property).map((quad) => quad.object.value);
  return nodes.map((node) => {
    const of = (property: string): string[] => quads.filter((quad) => quad.subject.value === node && quad.predicate.value === property).map((quad) => quad.object.value);
    return `${of(SOURCE_ATTRIBUTE.name).join('')}=${of(SOURCE_ATTRIBUTE.value).join('|')}`;
  });
}

describe('sourceAttributeQuads', () => {
  const cases: [name: string, attributes: SourceAttribute[], expected: string[]][] = [
    ['a string', [{ name: 'Allocation', datatype: 'string', values: ['FCC'] }], ['Allocation=FCC']],
    ['an enumeration of two labels', [{ name: 'Allocation', datatype: 'enumeration', values: ['FCC', 'IMA'] }], ['Allocation=FCC|IMA']],
    ['an enumeration with nothing selected', [{ name: 'Allocation', datatype: 'enumeration', values: [] }], []],
    ['an empty string', [{ name: 'ReqIF.ChapterName', datatype: 'string', values: [''] }], []],
    ['a string of spaces', [{ name: 'Owner', datatype: 'string', values: ['  '] }], []],
    ['an empty one between two others', [{ name: 'A', datatype: 'string', values: ['1'] }, { name: 'B', datatype: 'enumeration', values: [] }, { name: 'C', datatype: 'string', values: ['3'] }], ['A=1', 'C=3']],
  ];
  for (const [name, attributes, expected] of cases) {
    it(`stores ${name}`, () => {
      assert.deepEqual(stored(attributes), expected);
    });
  }
});

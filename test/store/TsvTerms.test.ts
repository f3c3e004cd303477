import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TsvTermDecoder } from '../../src/store/TsvTerms.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

describe('TsvTermDecoder', () => {
  const cases: { cell: string; termType: string; value: string; datatype?: string; language?: string }[] = [
    { cell: '<http://example.org/a>', termType: 'NamedNode', value: 'http://example.org/a' },
    { cell: '<http://example.org/caf\\u00E9>', termType: 'NamedNode', value: 'http://example.org/café' },
    { cell: '_:b12', termType: 'BlankNode', value: 'b12' },
    { cell: '"plain"', termType: 'Literal', value: 'plain', datatype: `${XSD}string` },
    { cell: '"Tür"@de', termType: 'Literal', value: 'Tür', datatype: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString', language: 'de' },
    { cell: `"2.50"^^<${XSD}decimal>`, termType: 'Literal', value: '2.50', datatype: `${XSD}decimal` },
    { cell: '"say \\"hi\\"\\tthen\\nstop \\\\ end"', termType: 'Literal', value: 'say "hi"\tthen\nstop \\ end', datatype: `${XSD}string` },
    { cell: '"\\U0001F680 \\u00B5m \\b\\f\\r\\\'"', termType: 'Literal', value: '\u{1F680} µm \b\f\r\'', datatype: `${XSD}string` },
    { cell: '42', termType: 'Literal', value: '42', datatype: `${XSD}integer` },
    { cell: '-1.5', termType: 'Literal', value: '-1.5', datatype: `${XSD}decimal` },
    { cell: '1.0E3', termType: 'Literal', value: '1.0E3', datatype: `${XSD}double` },
    { cell: 'true', termType: 'Literal', value: 'true', datatype: `${XSD}boolean` },
  ];
  for (const expected of cases) {
    it(`decodes ${expected.cell}`, () => {
      const term = new TsvTermDecoder().term(expected.cell);
      assert.equal(term.termType, expected.termType);
      assert.equal(term.value, expected.value);
      if (expected.datatype !== undefined) {
        assert.equal(term.termType === 'Literal' ? term.datatype.value : undefined, expected.datatype);
      }
      if (expected.language !== undefined) {
        assert.equal(term.termType === 'Literal' ? term.language : undefined, expected.language);
      }
    });
  }

  it('reuses the term of a repeated cell', () => {
    const decoder = new TsvTermDecoder();
    assert.equal(decoder.term('<http://example.org/p>'), decoder.term('<http://example.org/p>'));
  });

  it('rejects a cell that is no term', () => {
    assert.throws(() => new TsvTermDecoder().term('not a term'), /Invalid SPARQL TSV cell not a term/);
  });
});

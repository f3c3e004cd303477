import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFactory } from 'n3';
import type { Literal, Term } from '@rdfjs/types';
import { termKey } from '../../src/rdf/TermKey.js';

const { namedNode, blankNode, literal } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** A literal that is a plain object, as another RDF/JS factory would make it. */
function plainLiteral(value: string, language: string, datatype: string): Literal {
  return { termType: 'Literal', value, language, direction: '', datatype: namedNode(datatype), equals: () => false } as unknown as Literal;
}

describe('termKey', () => {
  const cases: [string, Term, Term, string][] = [
    ['plain string', literal('wing spar'), plainLiteral('wing spar', '', `${XSD}string`), `"wing spar"@^^${XSD}string`],
    ['explicit xsd:string', literal('x', namedNode(`${XSD}string`)), plainLiteral('x', '', `${XSD}string`), `"x"@^^${XSD}string`],
    ['language tag', literal('Flügel', 'DE'), plainLiteral('Flügel', 'de', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString'), '"Flügel"@de^^http://www.w3.org/1999/02/22-rdf-syntax-ns#langString'],
    ['decimal', literal('2.5', namedNode(`${XSD}decimal`)), plainLiteral('2.5', '', `${XSD}decimal`), `"2.5"@^^${XSD}decimal`],
  ];
  for (const [name, n3Term, otherTerm, expected] of cases) {
    it(`literal key: ${name}`, () => {
      assert.equal(termKey(n3Term), expected);
      assert.equal(termKey(otherTerm), expected);
    });
  }

  it('named and blank node keys', () => {
    assert.equal(termKey(namedNode('http://example.org/a')), 'http://example.org/a');
    assert.equal(termKey(blankNode('b1')), '_:b1');
  });

  it('distinct terms get distinct keys', () => {
    // An IRI contains no quote, so no named node key equals a literal key.
    const keys = [literal('2'), literal('2', namedNode(`${XSD}decimal`)), literal('2', 'en'), literal('"2"'), literal('2"@en'), namedNode('http://example.org/2')].map(termKey);
    assert.equal(new Set(keys).size, keys.length);
  });
});

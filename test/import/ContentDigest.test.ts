import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { contentDigest } from '../../src/import/ContentDigest.js';
import type { ResourceContent } from '../../src/import/ResourceGraphs.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

const PART = namedNode('http://127.0.0.1:8080/oslc/sp/fcc/parts/P-000001');
const DCTERMS = 'http://purl.org/dc/terms/';
const DT = 'https://w3id.org/digital-thread/ns#';
const PROV = 'http://www.w3.org/ns/prov#';
const XSD_DATE_TIME = namedNode('http://www.w3.org/2001/XMLSchema#dateTime');

/** Content of a part with an inline source attribute whose blank node is labelled `label`. */
function content(options: { title?: string; label?: string; time?: string; owned?: string[]; extra?: Quad[] } = {}): ResourceContent {
  const attribute = blankNode(options.label ?? 'b0');
  return {
    owned: new Set(options.owned ?? [`${DCTERMS}title`, `${DT}partNumber`, `${DT}sourceAttribute`]),
    quads: [
      quad(PART, namedNode(`${DCTERMS}title`), literal(options.title ?? 'Bracket')),
      quad(PART, namedNode(`${DT}partNumber`), literal('EHA-510')),
      quad(PART, namedNode(`${PROV}generatedAtTime`), literal(options.time ?? '2026-12-05T08:00:00.000Z', XSD_DATE_TIME)),
      quad(PART, namedNode(`${DT}sourceAttribute`), attribute),
      quad(attribute, namedNode(`${DT}attributeName`), literal('Finish')),
      ...(options.extra ?? []),
    ],
    problems: [],
  };
}

describe('contentDigest', () => {
  it('is SHA-256 in base64', () => {
    assert.match(contentDigest(PART, content()), /^[A-Za-z0-9+/]{43}=$/);
  });

  it('ignores blank node labels', () => {
    assert.deepEqual(contentDigest(PART, content({ label: 'n3-17' })), contentDigest(PART, content({ label: 'n3-90211' })));
  });

  it('ignores the time of the write', () => {
    assert.deepEqual(contentDigest(PART, content({ time: '2026-12-06T09:30:00.000Z' })), contentDigest(PART, content()));
  });

  const changes: [string, ResourceContent][] = [
    ['another title', content({ title: 'Bracket, machined' })],
    ['a title with a trailing space', content({ title: 'Bracket ' })],
    ['a title as a language-tagged literal', { ...content(), quads: content().quads.map((candidate) => (candidate.predicate.value === `${DCTERMS}title` ? quad(PART, candidate.predicate, literal('Bracket', 'en')) : candidate)) }],
    ['one more owned property', content({ owned: [`${DCTERMS}title`, `${DT}partNumber`, `${DT}sourceAttribute`, `${DT}material`] })],
    ['one more triple', content({ extra: [quad(PART, namedNode(`${DT}material`), literal('Ti-6Al-4V'))] })],
  ];
  for (const [name, changed] of changes) {
    it(`changes with ${name}`, () => {
      assert.notDeepEqual(contentDigest(PART, changed), contentDigest(PART, content()));
    });
  }

  it('tells blank nodes apart', () => {
    const attributes = (nameOfSecond: string): ResourceContent => ({
      owned: new Set([`${DT}sourceAttribute`]),
      quads: [
        quad(PART, namedNode(`${DT}sourceAttribute`), blankNode('x')),
        quad(PART, namedNode(`${DT}sourceAttribute`), blankNode('y')),
        quad(blankNode('x'), namedNode(`${DT}attributeName`), literal('Finish')),
        quad(blankNode(nameOfSecond), namedNode(`${DT}attributeName`), literal('Coating')),
      ],
      problems: [],
    });
    assert.notDeepEqual(contentDigest(PART, attributes('x')), contentDigest(PART, attributes('y')));
  });

  it('separates literal values by length', () => {
    const split = (first: string, second: string): ResourceContent => ({
      owned: new Set([`${DCTERMS}title`]),
      quads: [quad(PART, namedNode(`${DCTERMS}title`), literal(first)), quad(PART, namedNode(`${DCTERMS}title`), literal(second))],
      problems: [],
    });
    assert.notDeepEqual(contentDigest(PART, split('a" b', 'c')), contentDigest(PART, split('a', '" b c')));
  });
});

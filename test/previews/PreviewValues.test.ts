import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataFactory } from 'n3';
import { OslcUrls } from '../../src/oslc/OslcUrls.js';
import { formatValue } from '../../src/previews/PreviewValues.js';
import type { PropertyShape } from '../../src/shapes/ResourceShape.js';
import { Vocabulary } from '../../src/vocab/Vocabulary.js';

const BASE = 'http://127.0.0.1:8080/';

describe('preview values of links', () => {
  const context = {
    vocabulary: Vocabulary.load(join(process.cwd(), 'vocab')),
    urls: new OslcUrls(BASE),
    linked: new Map([[`${BASE}oslc/sp/fcc/parts/P-000002`, { iri: `${BASE}oslc/sp/fcc/parts/P-000002`, identifier: 'P-000002', title: 'Processor Lane Module' }]]),
    bySubject: new Map(),
  };
  const property = { allowedValues: [], shaclConstraints: [] } as unknown as PropertyShape;

  const LINKS: [iri: string, html: string][] = [
    [`${BASE}users/e.varga`, '<span class="user">e.varga</span>'],
    [`${BASE}users/j%C3%B6rg`, '<span class="user">jörg</span>'],
    [
      `${BASE}oslc/sp/fcc/parts/P-000002`,
      `<a href="${BASE}oslc/sp/fcc/parts/P-000002" target="_blank" rel="noopener" title="Processor Lane Module"><span class="ref-id">P-000002</span> Processor Lane Module</a>`,
    ],
    ['https://example.org/spec#x', '<a href="https://example.org/spec#x" target="_blank" rel="noopener">&lt;https://example.org/spec#x&gt;</a>'],
  ];
  for (const [iri, html] of LINKS) {
    it(`${iri} is shown as ${html.slice(0, 40)}…`, () => {
      assert.equal(formatValue(DataFactory.namedNode(iri), property, context as never), html);
    });
  }
});

describe('preview values of inline resources', () => {
  const { namedNode, literal, quad } = DataFactory;
  const DT = 'https://w3id.org/digital-thread/ns#';
  const requirement = `${BASE}oslc/sp/fcc/requirements/REQ-000361`;
  /** Returns an attribute's IRI and triples, its values written before its name. */
  const attribute = (name: string, ...values: ReturnType<typeof literal>[]): [string, ReturnType<typeof quad>[]] => {
    const subject = namedNode(`${requirement}#attribute-${name.toLowerCase()}`);
    const valueQuads = values.map((value) => quad(subject, namedNode(`${DT}attributeValue`), value));
    return [subject.value, [...valueQuads, quad(subject, namedNode(`${DT}attributeName`), literal(name))]];
  };
  const localResource = { allowedValues: [], shaclConstraints: [], valueType: 'http://open-services.net/ns/core#LocalResource' } as unknown as PropertyShape;

  const cases: [name: string, entry: [string, ReturnType<typeof quad>[]], html: string][] = [
    ['one value', attribute('Allocation', literal('FCC')), 'Allocation: FCC'],
    ['several values', attribute('Allocation', literal('FCC'), literal('IMA')), 'Allocation: FCC, IMA'],
    ['a number', attribute('Absolute Number', literal('1250', namedNode('http://www.w3.org/2001/XMLSchema#integer'))), 'Absolute Number: 1,250'],
    ['no value', attribute('Chapter'), 'Chapter: no value'],
    ['markup in the name', attribute('<b>Owner</b>', literal('A & B')), '&lt;b&gt;Owner&lt;/b&gt;: A &amp; B'],
  ];
  for (const [name, [iri, quads], html] of cases) {
    it(`an attribute with ${name}`, () => {
      const context = { vocabulary: Vocabulary.load(join(process.cwd(), 'vocab')), urls: new OslcUrls(BASE), linked: new Map(), bySubject: new Map([[iri, quads]]) };
      assert.equal(formatValue(namedNode(iri), localResource, context as never), html);
    });
  }
});

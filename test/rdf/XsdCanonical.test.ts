import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import oxigraph from 'oxigraph';
import { XSD } from '../../src/rdf/namespaces.js';
import { canonicalDateTime } from '../../src/rdf/XsdCanonical.js';

/** Returns the form in which the embedded engine stores an xsd:dateTime literal. */
function storedForm(value: string): string {
  const store = new oxigraph.Store();
  const subject = oxigraph.namedNode('http://example.org/r');
  store.add(oxigraph.quad(subject, oxigraph.namedNode('http://example.org/at'), oxigraph.literal(value, oxigraph.namedNode(XSD('dateTime')))));
  return store.match(subject, null, null, null)[0]!.object.value;
}

const cases: [written: string, canonical: string][] = [
  ['2025-11-04T08:30:00.000+01:00', '2025-11-04T08:30:00+01:00'],
  ['2025-11-04T08:30:00.500Z', '2025-11-04T08:30:00.5Z'],
  ['2025-11-04T08:30:00.120000+05:30', '2025-11-04T08:30:00.12+05:30'],
  ['2025-11-04T08:30:05.0001Z', '2025-11-04T08:30:05.0001Z'],
  ['2025-11-04T08:30:00+00:00', '2025-11-04T08:30:00Z'],
  ['2025-11-04T08:30:00-00:00', '2025-11-04T08:30:00Z'],
  ['2025-11-04T08:30:00.000-14:00', '2025-11-04T08:30:00-14:00'],
  ['2025-11-04T08:30:00', '2025-11-04T08:30:00'],
  ['2025-11-04T24:00:00Z', '2025-11-05T00:00:00Z'],
  ['2025-12-31T24:00:00.000+02:00', '2026-01-01T00:00:00+02:00'],
  ['2024-02-28T24:00:00', '2024-02-29T00:00:00'],
  ['0025-11-04T08:30:00Z', '0025-11-04T08:30:00Z'],
];

describe('canonicalDateTime', () => {
  for (const [written, canonical] of cases) {
    it(`writes ${written} as the store does`, () => {
      assert.equal(canonicalDateTime(written), canonical);
      assert.equal(storedForm(written), canonical);
    });
  }

  it('keeps a value that is no dateTime', () => {
    assert.equal(canonicalDateTime('4 November 2025'), '4 November 2025');
  });
});

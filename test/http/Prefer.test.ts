import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrefer, prefersInclusionOf } from '../../src/http/Prefer.js';

const COMPACT = 'http://open-services.net/ns/core#PreferCompact';

describe('Prefer', () => {
  it('parses preference, value and parameters', () => {
    const [preference] = parsePrefer(`return=representation; include="${COMPACT} http://example.org/other"`);
    assert.equal(preference?.name, 'return');
    assert.equal(preference?.value, 'representation');
    assert.equal(preference?.parameters.get('include'), `${COMPACT} http://example.org/other`);
  });

  it('splits preferences and repeated headers', () => {
    const preferences = parsePrefer(['respond-async, wait=10', 'handling=lenient']);
    assert.deepEqual(
      preferences.map((preference) => [preference.name, preference.value]),
      [
        ['respond-async', ''],
        ['wait', '10'],
        ['handling', 'lenient'],
      ],
    );
  });

  it('keeps separators inside quotes', () => {
    const [preference] = parsePrefer('return=representation; include="a,b;c"');
    assert.equal(preference?.parameters.get('include'), 'a,b;c');
  });

  const inclusionCases: [name: string, header: string | undefined, expected: boolean][] = [
    ['PreferCompact', `return=representation; include="${COMPACT}"`, true],
    ['among other includes', `return=representation; include="http://example.org/a ${COMPACT}"`, true],
    ['upper-case names', `Return=representation; Include="${COMPACT}"`, true],
    ['after another preference', `respond-async, return=representation; include="${COMPACT}"`, true],
    ['return=minimal', `return=minimal; include="${COMPACT}"`, false],
    ['no include', 'return=representation', false],
    ['other include', 'return=representation; include="http://www.w3.org/ns/ldp#PreferContainment"', false],
    ['no header', undefined, false],
  ];
  for (const [name, header, expected] of inclusionCases) {
    it(`inclusion with ${name} is ${expected}`, () => {
      assert.equal(prefersInclusionOf(header, COMPACT), expected);
    });
  }
});

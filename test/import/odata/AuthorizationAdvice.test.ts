import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unauthorizedAdvice } from '../../../src/import/odata/AuthorizationAdvice.js';

/** WWW-Authenticate header of a 401, and the sentence that names the schemes it requests. */
const CHALLENGES: Array<[challenge: string | null, sentence: string]> = [
  [null, ''],
  ['Basic realm="Windchill"', ' Windchill requests Basic authentication.'],
  ['Basic realm="Windchill", charset="UTF-8"', ' Windchill requests Basic authentication.'],
  ['Negotiate, Basic realm="Windchill, PTC"', ' Windchill requests Negotiate or Basic authentication.'],
  ['Bearer realm="windchill", error="invalid_token"', ' Windchill requests Bearer authentication.'],
];

describe('unauthorizedAdvice', () => {
  for (const [challenge, sentence] of CHALLENGES) {
    it(`challenge ${challenge ?? 'absent'}`, () => {
      assert.ok(unauthorizedAdvice('Basic d3Jvbmc6d3Jvbmc=', challenge).endsWith(`may log in to Windchill.${sentence}`));
    });
  }

  it('scheme in any letter case', () => {
    assert.match(unauthorizedAdvice('basic d3Jvbmc6d3Jvbmc=', null), /^Windchill rejected the Basic credentials /);
  });

  it('bare credential never quoted', () => {
    const advice = unauthorizedAdvice('Tester:invented', null);
    assert.ok(!advice.includes('Tester'), advice);
    assert.match(advice, /does not start with an authentication scheme/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseSourceSpelling } from '../../src/import/SourceSpellings.js';

const ROOT = 'https://plm.example.com/Windchill/servlet/odata';
const SLASH = `${ROOT}/`;
const DOMAIN = `${ROOT}/ProdMgmt`;
const OTHER = 'https://plm2.example.com/Windchill/servlet/odata';
const sameSource = (iri: string): boolean => iri.startsWith(ROOT);

describe('chooseSourceSpelling', () => {
  const cases: [name: string, typed: string, stored: [string, number][], expected: string][] = [
    ['nothing stored', SLASH, [], ROOT],
    ['only another source stored', SLASH, [[OTHER, 40], ['urn:digital-thread:import-source:bom.csv', 3]], ROOT],
    ['canonical stored', DOMAIN, [[ROOT, 19]], ROOT],
    ['typed spelling stored', SLASH, [[SLASH, 19]], SLASH],
    ['another spelling stored', ROOT, [[DOMAIN, 19]], DOMAIN],
    ['typed wins over canonical', SLASH, [[ROOT, 19], [SLASH, 2]], SLASH],
    ['canonical wins over others', `${ROOT}?x=1`, [[DOMAIN, 19], [ROOT, 2]], ROOT],
    ['most resources win', `${ROOT}#parts`, [[SLASH, 2], [DOMAIN, 17]], DOMAIN],
  ];
  for (const [name, typed, stored, expected] of cases) {
    it(`chooses with ${name}`, () => {
      assert.equal(chooseSourceSpelling(ROOT, typed, new Map(stored), sameSource).name, expected);
    });
  }

  it('warns only about split spellings', () => {
    assert.equal(chooseSourceSpelling(ROOT, ROOT, new Map([[ROOT, 19], [OTHER, 5]]), sameSource).warning, undefined);
    const split = chooseSourceSpelling(ROOT, ROOT, new Map([[ROOT, 1], [SLASH, 2], [DOMAIN, 3]]), sameSource);
    assert.equal(
      split.warning?.message,
      `Earlier imports stored this source under 3 names: ${ROOT} (1 resource), ${DOMAIN} (3 resources), and ${SLASH} (2 resources). This import runs as ${ROOT}, so it takes over the resources of the other names that it describes, and --remove-missing removes only what ${ROOT} wrote.`,
    );
    assert.equal(split.warning?.severity, 'warning');
  });
});

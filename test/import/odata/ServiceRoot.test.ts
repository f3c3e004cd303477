import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveService } from '../../../src/import/odata/ServiceRoot.js';

const ROOT = 'https://plm.example.com/Windchill/servlet/odata';

describe('resolveService', () => {
  const spellings: [name: string, input: string][] = [
    ['service root', ROOT],
    ['trailing slash', `${ROOT}/`],
    ['two trailing slashes', `${ROOT}//`],
    ['ProdMgmt domain', `${ROOT}/ProdMgmt`],
    ['ProdMgmt domain with slash', `${ROOT}/ProdMgmt/`],
    ['upper-case scheme and host', 'HTTPS://PLM.Example.COM/Windchill/servlet/odata'],
    ['explicit default port', 'https://plm.example.com:443/Windchill/servlet/odata/'],
    ['query string', `${ROOT}?$format=json`],
    ['query string after ProdMgmt', `${ROOT}/ProdMgmt?sap-client=100`],
    ['fragment', `${ROOT}#parts`],
    ['dot segment', 'https://plm.example.com/Windchill/servlet/x/../odata'],
    ['user info', 'https://wcadmin:secret@plm.example.com/Windchill/servlet/odata'],
    ['repeated slashes', 'https://plm.example.com//Windchill/servlet//odata'],
    ['encoded unreserved letter', 'https://plm.example.com/Windchill/servlet/%6Fdata'],
    ['encoded letters in upper and lower case', 'https://plm.example.com/%57indchill/servlet/o%64ata/ProdMgmt'],
  ];
  for (const [name, input] of spellings) {
    it(`resolves the ${name}`, () => {
      const service = resolveService(input);
      assert.equal(service.root, ROOT);
      assert.equal(service.domain, `${ROOT}/ProdMgmt`);
    });
  }

  const others: [name: string, input: string, root: string][] = [
    ['another port', 'https://plm.example.com:8443/Windchill/servlet/odata', 'https://plm.example.com:8443/Windchill/servlet/odata'],
    ['plain http on port 80', 'http://plm.example.com:80/Windchill/servlet/odata/', 'http://plm.example.com/Windchill/servlet/odata'],
    ['lower-case domain path', `${ROOT}/prodmgmt`, `${ROOT}/prodmgmt`],
    ['versioned service root', `${ROOT}/v5/ProdMgmt`, `${ROOT}/v5`],
    // A reserved character stays encoded, with its hex digits in upper case (RFC 3986, 6.2.2.1).
    ['encoded slash', 'https://plm.example.com/Windchill/servlet/odata%2fv5', 'https://plm.example.com/Windchill/servlet/odata%2Fv5'],
  ];
  for (const [name, input, root] of others) {
    it(`keeps the ${name} apart`, () => {
      assert.equal(resolveService(input).root, root);
    });
  }
});

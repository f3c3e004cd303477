import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessRequirement } from '../../src/auth/AccessRules.js';

const TYPES: Record<string, string> = { parts: 'Part', ncrs: 'NonConformanceReport', 'certification-artifacts': 'CertificationArtifact' };
const typeOf = (segment: string): string | undefined => TYPES[segment];

/** Method, path, then the expected requirement as "public", "authenticated" or "action type". */
const CASES: [string, string, string][] = [
  ['GET', '/', 'read *'],
  ['GET', '/health', 'public'],
  ['GET', '/rootservices', 'public'],
  ['GET', '/.well-known/oslc/rootservices.xml', 'public'],
  ['GET', '/oslc/catalog', 'public'],
  ['GET', '/oslc/shapes/Part', 'public'],
  ['GET', '/ns', 'public'],
  ['GET', '/assets/dialog.js', 'public'],
  ['GET', '/auth/login', 'public'],
  ['GET', '/oslc/sp/fcc', 'read *'],
  ['GET', '/oslc/sp/fcc/selector', 'read *'],
  ['GET', '/oslc/sp/fcc/parts', 'read Part'],
  ['POST', '/oslc/sp/fcc/parts', 'create Part'],
  ['OPTIONS', '/oslc/sp/fcc/parts', 'read Part'],
  ['GET', '/oslc/sp/fcc/parts/query', 'read Part'],
  ['POST', '/oslc/sp/fcc/parts/query', 'read Part'],
  ['GET', '/oslc/sp/fcc/parts/selector', 'read Part'],
  ['GET', '/oslc/sp/fcc/parts/selector/results', 'read Part'],
  ['GET', '/oslc/sp/fcc/ncrs/creator', 'create NonConformanceReport'],
  ['POST', '/oslc/sp/fcc/ncrs/creator/submit', 'create NonConformanceReport'],
  ['GET', '/oslc/sp/fcc/parts/P-000001', 'read Part'],
  ['HEAD', '/oslc/sp/fcc/parts/P-000001', 'read Part'],
  ['PUT', '/oslc/sp/fcc/parts/P-000001', 'update Part'],
  ['DELETE', '/oslc/sp/fcc/ncrs/NCR-000001', 'delete NonConformanceReport'],
  ['GET', '/oslc/sp/fcc/parts/P-000001/compact', 'read Part'],
  ['GET', '/oslc/sp/fcc/parts/P-000001/preview', 'read Part'],
  ['GET', '/oslc/sp/fcc/parts/P-000001/bom', 'read Part'],
  ['GET', '/oslc/sp/fcc/unknown/X-1', 'read *'],
  ['GET', '/oslc/sp/fcc/traceability', 'export *'],
  ['GET', '/oslc/sp/fcc/packages/PKG-1', 'export *'],
  ['GET', '/sparql', 'sparql *'],
  ['POST', '/sparql', 'sparql *'],
  ['POST', '/sparql/update', 'sparqlUpdate *'],
  ['OPTIONS', '/sparql/update', 'authenticated'],
  ['PUT', '/sparql/update', 'authenticated'],
  ['GET', '/sparql/graph', 'sparql *'],
  ['PUT', '/sparql/graph', 'sparqlUpdate *'],
  ['DELETE', '/sparql/graph', 'sparqlUpdate *'],
  ['POST', '/import/reqif', 'import *'],
  ['GET', '/somewhere/else', 'authenticated'],
];

describe('access rules', () => {
  for (const [method, path, expected] of CASES) {
    it(`${method} ${path} needs ${expected}`, () => {
      const requirement = accessRequirement(method, path, typeOf);
      const actual = requirement.kind === 'permission' ? `${requirement.action} ${requirement.resourceType}` : requirement.kind;
      assert.equal(actual, expected);
    });
  }
});

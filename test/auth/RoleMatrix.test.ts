import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiKeyStore } from '../../src/auth/ApiKeyStore.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';
import { ncrTurtle, partTurtle, TURTLE_PREFIXES } from '../http/writeRequests.js';

type Role = 'viewer' | 'engineer' | 'quality' | 'certification' | 'admin';
const ROLES: Role[] = ['viewer', 'engineer', 'quality', 'certification', 'admin'];

/**
 * One request per action. Access control runs before the handler, so a permitted request gets the
 * handler's response (often an error about the deliberately incomplete body) and a refused one gets 403.
 */
interface ActionProbe {
  name: string;
  request: (server: TestServer) => { path: string; init: RequestInit };
  /** Roles of the shipped config/roles.json that may do this. */
  allowed: Role[];
}

const PROBES: ActionProbe[] = [
  { name: 'read a part', request: () => ({ path: 'oslc/sp/fcc/parts/P-000001', init: { headers: { Accept: 'text/turtle' } } }), allowed: ROLES },
  { name: 'query NCRs', request: () => ({ path: 'oslc/sp/fcc/ncrs/query?oslc.where=oslc_cm:status="Open"', init: {} }), allowed: ROLES },
  { name: 'create a part', request: () => ({ path: 'oslc/sp/fcc/parts', init: post(partTurtle(`M-${Math.random().toString(36).slice(2, 8)}`)) }), allowed: ['engineer', 'admin'] },
  { name: 'create an NCR', request: (server) => ({ path: 'oslc/sp/fcc/ncrs', init: post(ncrTurtle(server.base)) }), allowed: ['engineer', 'quality', 'admin'] },
  {
    name: 'create certification evidence',
    request: () => ({ path: 'oslc/sp/fcc/certification-artifacts', init: post(`${TURTLE_PREFIXES}\n<> dcterms:title "incomplete" .\n`) }),
    allowed: ['certification', 'admin'],
  },
  { name: 'update a part', request: () => ({ path: 'oslc/sp/fcc/parts/P-000001', init: { method: 'PUT', headers: { 'If-Match': '"stale"', 'Content-Type': 'text/turtle' }, body: partTurtle('X') } }), allowed: ['engineer', 'admin'] },
  { name: 'update an NCR', request: () => ({ path: 'oslc/sp/fcc/ncrs/NCR-000001', init: { method: 'PUT', headers: { 'If-Match': '"stale"', 'Content-Type': 'text/turtle' }, body: partTurtle('X') } }), allowed: ['engineer', 'quality', 'admin'] },
  { name: 'delete an NCR', request: () => ({ path: 'oslc/sp/fcc/ncrs/NCR-000001', init: { method: 'DELETE', headers: { 'If-Match': '"stale"' } } }), allowed: ['quality', 'admin'] },
  { name: 'delete a part', request: () => ({ path: 'oslc/sp/fcc/parts/P-000003', init: { method: 'DELETE', headers: { 'If-Match': '"stale"' } } }), allowed: ['engineer', 'admin'] },
  { name: 'run SPARQL', request: () => ({ path: `sparql?query=${encodeURIComponent('ASK {}')}`, init: { headers: { Accept: 'application/sparql-results+json' } } }), allowed: ROLES },
  {
    name: 'run SPARQL Update',
    request: () => ({ path: 'sparql/update', init: { method: 'POST', headers: { 'Content-Type': 'application/sparql-update' }, body: 'not an update' } }),
    allowed: ['admin'],
  },
  { name: 'write a graph', request: () => ({ path: 'sparql/graph?graph=urn:x:test', init: { method: 'PUT', headers: { 'Content-Type': 'text/turtle' }, body: '<urn:a> <urn:b> "' } }), allowed: ['admin'] },
  { name: 'import', request: () => ({ path: 'import/reqif', init: { method: 'POST' } }), allowed: ['admin'] },
  { name: 'export a report', request: () => ({ path: 'oslc/sp/fcc/traceability?format=json', init: {} }), allowed: ['quality', 'certification', 'admin'] },
  { name: 'store a report', request: () => ({ path: 'oslc/sp/fcc/traceability?level=Z', init: { method: 'POST' } }), allowed: ['certification', 'admin'] },
];

function post(body: string): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'text/turtle' }, body };
}

describe('role and action matrix', () => {
  let server: TestServer;
  const keys = new Map<Role, string>();

  before(async () => {
    server = await startTestServer();
    const store = new ApiKeyStore(server.dataDirectory);
    for (const role of ROLES) {
      keys.set(role, store.create(`matrix-${role}`, role, ['ITAR']).key);
    }
  });

  after(async () => {
    await server.stop();
  });

  for (const probe of PROBES) {
    for (const role of ROLES) {
      const permitted = probe.allowed.includes(role);
      it(`${role} ${permitted ? 'may' : 'may not'} ${probe.name}`, async () => {
        const { path, init } = probe.request(server);
        const headers = new Headers(init.headers);
        headers.set('Authorization', `Bearer ${keys.get(role)!}`);
        const response = await server.fetch(path, { ...init, headers });
        const body = await response.text();
        if (permitted) {
          assert.notEqual(response.status, 403, body);
          assert.notEqual(response.status, 401, body);
        } else {
          assert.equal(response.status, 403, body);
          assert.match(body, /needs the \w+ permission/);
          assert.match(body, new RegExp(`has the role ${role}`));
        }
      });
    }
  }
});

describe('requests without credentials', () => {
  let server: TestServer;
  const directory = temporaryDirectory('dt-roles-');

  before(async () => {
    const roles = JSON.parse(await (await import('node:fs/promises')).readFile(join(process.cwd(), 'config', 'roles.json'), 'utf8')) as Record<string, unknown>;
    roles.localDevelopment = { roles: [], clearances: [] };
    const rolesFile = join(directory.path, 'roles.json');
    writeFileSync(rolesFile, JSON.stringify(roles));
    server = await startTestServer({ config: { roles: rolesFile } });
  });

  after(async () => {
    await server.stop();
    directory.remove();
  });

  for (const path of ['rootservices', '.well-known/oslc/rootservices.xml', 'oslc/catalog', 'oslc/shapes/Part', 'ns', 'health']) {
    it(`public /${path}`, async () => {
      const response = await server.fetch(path);
      assert.equal(response.status, 200, await response.text());
    });
  }

  for (const path of ['', 'oslc/sp/fcc', 'oslc/sp/fcc/parts/P-000001', 'oslc/sp/fcc/parts', 'oslc/sp/fcc/parts/query', 'oslc/sp/fcc/parts/selector', 'sparql', 'sparql/graph?graph=urn:x']) {
    it(`401 with a challenge at /${path}`, async () => {
      const response = await server.fetch(path, { headers: { Accept: 'text/turtle' } });
      assert.equal(response.status, 401);
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer realm="digital-thread"$/);
      assert.match(await response.text(), /needs authentication/);
    });
  }

  it('401 for a malformed Authorization header', async () => {
    const response = await server.fetch('oslc/sp/fcc/parts/P-000001', { headers: { Authorization: 'Bearer' } });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  });
});

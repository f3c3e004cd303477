import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_ROLES_FILE } from '../../src/auth/AuthSetup.js';
import { claimValues, clearancesOf, RolePolicy, RolesFileError } from '../../src/auth/RolePolicy.js';
import { projectShapes } from '../helpers/shapes.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

/** The resource types of the shapes the server loads, which the roles file must name correctly. */
const TYPES = projectShapes().resourceTypes().map((shape) => shape.name);

describe('role policy', () => {
  const directory = temporaryDirectory('dt-roles-');
  after(() => directory.remove());

  const write = (name: string, document: unknown): string => {
    const path = join(directory.path, name);
    writeFileSync(path, typeof document === 'string' ? document : JSON.stringify(document));
    return path;
  };

  it('shipped roles file loads', () => {
    const policy = RolePolicy.load(DEFAULT_ROLES_FILE, TYPES);
    assert.deepEqual(policy.roleNames().sort(), ['admin', 'certification', 'engineer', 'quality', 'viewer']);
    assert.equal(policy.document.claims.groups, 'groups');
    assert.equal(policy.document.claims.clearances, 'export_clearances');
  });

  it('permits per role, action and type', () => {
    const policy = RolePolicy.load(DEFAULT_ROLES_FILE, TYPES);
    assert.equal(policy.permits(['viewer'], 'read', 'Part'), true);
    assert.equal(policy.permits(['viewer'], 'create', 'Part'), false);
    assert.equal(policy.permits(['engineer'], 'create', 'Part'), true);
    assert.equal(policy.permits(['engineer'], 'create', 'CertificationArtifact'), false);
    assert.equal(policy.permits(['certification'], 'create', 'CertificationArtifact'), true);
    assert.equal(policy.permits(['certification'], 'create', 'TraceabilityReport'), true);
    assert.equal(policy.permits(['quality'], 'create', 'TraceabilityReport'), false);
    assert.equal(policy.permits(['quality'], 'delete', 'NonConformanceReport'), true);
    assert.equal(policy.permits(['engineer'], 'delete', 'NonConformanceReport'), false);
    assert.equal(policy.permits(['admin'], 'sparqlUpdate'), true);
    assert.equal(policy.permits(['engineer', 'quality', 'certification'], 'sparqlUpdate'), false);
    assert.equal(policy.permits([], 'read'), false);
    assert.equal(policy.permits(['unknown-role'], 'read'), false);
  });

  it('maps groups to roles', () => {
    const policy = RolePolicy.load(DEFAULT_ROLES_FILE, TYPES);
    assert.deepEqual(policy.rolesOfGroups(['digital-thread-engineers', 'staff']), ['engineer']);
    assert.deepEqual(policy.rolesOfGroups(['viewer']), ['viewer'], 'a group named like a role grants it');
    assert.deepEqual(policy.rolesOfGroups(['everyone']), []);
  });

  it('rejects invalid files naming each problem', () => {
    const path = write('bad.json', {
      roles: { viewer: { read: ['Part', 'Spaceship'], fly: ['*'] } },
      groupRoles: { pilots: ['captain'] },
      localDevelopment: { roles: ['viewer'], clearances: ['SECRET'] },
    });
    assert.throws(
      () => RolePolicy.load(path, TYPES),
      (error: unknown) => {
        assert.ok(error instanceof RolesFileError);
        assert.match(error.message, /Spaceship/);
        assert.match(error.message, /"roles\.viewer\.fly" is not an action/);
        assert.match(error.message, /"groupRoles\.pilots" names the role "captain"/);
        assert.match(error.message, /clearances may hold only EAR99, EAR and ITAR/);
        return true;
      },
    );
  });

  it('rejects a file that is not JSON', () => {
    const path = write('broken.json', '{ "roles": ');
    assert.throws(() => RolePolicy.load(path, TYPES), /cannot be read as JSON/);
  });

  it('reads claims by dotted path', () => {
    const claims = { groups: ['a', 'b'], realm_access: { roles: ['admin'] }, export_clearances: 'EAR ITAR', count: 3 };
    assert.deepEqual(claimValues(claims, 'groups'), ['a', 'b']);
    assert.deepEqual(claimValues(claims, 'realm_access.roles'), ['admin']);
    assert.deepEqual(claimValues(claims, 'export_clearances'), ['EAR', 'ITAR']);
    assert.deepEqual(claimValues(claims, 'count'), []);
    assert.deepEqual(claimValues(claims, 'missing.path'), []);
    assert.deepEqual(clearancesOf(['itar', 'EAR99', 'secret']), ['ITAR', 'EAR99']);
  });
});

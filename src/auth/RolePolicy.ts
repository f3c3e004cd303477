import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/ServerConfig.js';
import { parseClearance, type Clearance } from './ExportControl.js';

/** Operations on data that the roles file grants per resource type. */
export const ACTIONS = ['read', 'create', 'update', 'delete', 'sparql', 'sparqlUpdate', 'import', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

/** Any resource type, in the roles file and in checks that concern no single type. */
export const ANY_TYPE = '*';

/** Names of the claims that carry a user's identity, groups and clearances in ID and access tokens. */
export interface ClaimNames {
  subject: string;
  name: string;
  /** A claim holding group or role names (a string or an array); a dotted path reaches nested claims. */
  groups: string;
  /** A claim holding clearances (EAR99, EAR, ITAR; a string or an array); a dotted path reaches nested claims. */
  clearances: string;
}

/** Roles and clearances given to requests without credentials. */
export interface DefaultGrant {
  roles: string[];
  clearances: Clearance[];
}

/** The roles file after validation. */
export interface RolesDocument {
  claims: ClaimNames;
  /** Identity-provider group name to role names; a group named like a role also grants that role. */
  groupRoles: Record<string, string[]>;
  /** Role name to action to resource type names (shape names, or `*`). */
  roles: Record<string, Partial<Record<Action, string[]>>>;
  /** Requests without credentials when authentication is configured. */
  anonymous: DefaultGrant;
  /** Requests without credentials in local development mode (no identity provider) or with --allow-unauthenticated. */
  localDevelopment: DefaultGrant;
}

/** The roles file is invalid; the message names the file, the entry and the fix. */
export class RolesFileError extends ConfigError {}

/**
 * Permissions per role, action and resource type, read from a roles file (`config/roles.json` by
 * default, `--roles FILE` to replace it), and the mapping from identity-provider groups to roles.
 */
export class RolePolicy {
  private readonly grants = new Map<string, Map<Action, Set<string>>>();

  public constructor(public readonly document: RolesDocument) {
    for (const [role, permissions] of Object.entries(document.roles)) {
      const byAction = new Map<Action, Set<string>>();
      for (const action of ACTIONS) {
        byAction.set(action, new Set(permissions[action] ?? []));
      }
      this.grants.set(role, byAction);
    }
  }

  /** Reads and validates a roles file; `resourceTypes` are the shape names permissions may name. */
  public static load(path: string, resourceTypes: readonly string[]): RolePolicy {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new RolesFileError(`The roles file ${path} cannot be read as JSON: ${(error as Error).message}. Fix it or start without --roles to use the shipped config/roles.json.`);
    }
    return new RolePolicy(validateRolesDocument(raw, path, resourceTypes));
  }

  /** Role names the file defines. */
  public roleNames(): string[] {
    return [...this.grants.keys()];
  }

  /**
   * Returns whether any of `roles` may perform `action` on `resourceType`. With ANY_TYPE as the type,
   * a grant on at least one type is enough, so the check only tests whether the action is open to
   * the roles at all (listing a provider's services, the SPARQL endpoint).
   */
  public permits(roles: readonly string[], action: Action, resourceType: string = ANY_TYPE): boolean {
    for (const role of roles) {
      const types = this.grants.get(role)?.get(action);
      if (types === undefined || types.size === 0) {
        continue;
      }
      if (resourceType === ANY_TYPE || types.has(ANY_TYPE) || types.has(resourceType)) {
        return true;
      }
    }
    return false;
  }

  /** Maps the group names from a token or API key to the roles they grant (unknown groups grant nothing). */
  public rolesOfGroups(groups: readonly string[]): string[] {
    const roles = new Set<string>();
    for (const group of groups) {
      for (const role of this.document.groupRoles[group] ?? []) {
        roles.add(role);
      }
      if (this.grants.has(group)) {
        roles.add(group);
      }
    }
    return [...roles];
  }
}

/** Returns the values of a claim as strings, following a dotted path (`realm_access.roles`). */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value === 'string') {
    return value.split(/[\s,]+/).filter((part) => part !== '');
  }
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Returns the clearances named by claim values, ignoring values that name none. */
export function clearancesOf(values: readonly string[]): Clearance[] {
  return values.map(parseClearance).filter((clearance): clearance is Clearance => clearance !== undefined);
}

function validateRolesDocument(raw: unknown, path: string, resourceTypes: readonly string[]): RolesDocument {
  const problems: string[] = [];
  const object = (value: unknown, where: string): Record<string, unknown> => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${where} must be a JSON object`);
      return {};
    }
    return value as Record<string, unknown>;
  };
  const strings = (value: unknown, where: string): string[] => {
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      problems.push(`${where} must be an array of strings`);
      return [];
    }
    return value as string[];
  };

  const top = object(raw, 'the document');
  const claimsObject = object(top.claims ?? {}, '"claims"');
  const claims: ClaimNames = { subject: 'sub', name: 'name', groups: 'groups', clearances: 'export_clearances' };
  for (const key of Object.keys(claims) as (keyof ClaimNames)[]) {
    const value = claimsObject[key];
    if (value !== undefined) {
      if (typeof value !== 'string' || value === '') {
        problems.push(`"claims.${key}" must be a claim name`);
      } else {
        claims[key] = value;
      }
    }
  }

  const rolesObject = object(top.roles, '"roles"');
  const roles: RolesDocument['roles'] = {};
  const knownTypes = new Set([ANY_TYPE, ...resourceTypes]);
  for (const [role, permissionsValue] of Object.entries(rolesObject)) {
    const permissions = object(permissionsValue, `"roles.${role}"`);
    roles[role] = {};
    for (const [action, typesValue] of Object.entries(permissions)) {
      if (action === 'description') {
        continue;
      }
      if (!(ACTIONS as readonly string[]).includes(action)) {
        problems.push(`"roles.${role}.${action}" is not an action; use ${ACTIONS.join(', ')}`);
        continue;
      }
      const types = strings(typesValue, `"roles.${role}.${action}"`);
      for (const type of types.filter((candidate) => !knownTypes.has(candidate))) {
        problems.push(`"roles.${role}.${action}" names "${type}", which is not a resource type; use * or one of ${resourceTypes.join(', ')}`);
      }
      roles[role]![action as Action] = types;
    }
  }
  const roleNames = new Set(Object.keys(roles));
  const checkRoles = (names: string[], where: string): string[] => {
    for (const name of names.filter((candidate) => !roleNames.has(candidate))) {
      problems.push(`${where} names the role "${name}", which "roles" does not define`);
    }
    return names;
  };

  const groupRoles: Record<string, string[]> = {};
  for (const [group, value] of Object.entries(object(top.groupRoles ?? {}, '"groupRoles"'))) {
    groupRoles[group] = checkRoles(strings(value, `"groupRoles.${group}"`), `"groupRoles.${group}"`);
  }

  const grant = (value: unknown, where: string): DefaultGrant => {
    const grantObject = object(value ?? {}, where);
    const clearanceNames = grantObject.clearances === undefined ? [] : strings(grantObject.clearances, `${where}.clearances`);
    const clearances = clearancesOf(clearanceNames);
    if (clearances.length !== clearanceNames.length) {
      problems.push(`${where}.clearances may hold only EAR99, EAR and ITAR`);
    }
    return { roles: checkRoles(grantObject.roles === undefined ? [] : strings(grantObject.roles, `${where}.roles`), `${where}.roles`), clearances };
  };
  const anonymous = grant(top.anonymous, '"anonymous"');
  const localDevelopment = grant(top.localDevelopment, '"localDevelopment"');

  if (problems.length > 0) {
    throw new RolesFileError(`The roles file ${path} is invalid:\n  - ${problems.join('\n  - ')}`);
  }
  return { claims, groupRoles, roles, anonymous, localDevelopment };
}

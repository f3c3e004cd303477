import { createPrincipal, type AuthMethod, type Principal } from '../Principal.js';
import { claimValues, clearancesOf, type RolePolicy } from '../RolePolicy.js';

/**
 * Builds the principal of verified token claims: identity from the subject and name claims, roles
 * from the groups claim through the roles file's group mapping, clearances from the clearances claim.
 * The claim names come from the roles file, so any identity provider's token layout fits.
 */
export function principalFromClaims(policy: RolePolicy, claims: Record<string, unknown>, method: AuthMethod): Principal {
  const names = policy.document.claims;
  const subject = claimValues(claims, names.subject)[0] ?? '';
  const displayName = firstString(claims, names.name) ?? firstString(claims, 'preferred_username') ?? subject;
  return createPrincipal({
    id: subject,
    displayName,
    roles: policy.rolesOfGroups(claimValues(claims, names.groups)),
    clearances: clearancesOf(claimValues(claims, names.clearances)),
    method,
  });
}

function firstString(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

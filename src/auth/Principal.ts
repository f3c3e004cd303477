import { levelOfClearances, type Clearance, type ReadLevel } from './ExportControl.js';

/** Authentication method of a request. */
export type AuthMethod =
  /** No credentials. */
  | 'anonymous'
  /** No credentials, in local development mode or with --allow-unauthenticated. */
  | 'local'
  /** A browser session opened by an OpenID Connect login. */
  | 'oidc-session'
  /** An OAuth 2.0 access token in JWT format (RFC 6750, RFC 9068). */
  | 'bearer-jwt'
  /** A service account's API key. */
  | 'api-key'
  /** HTTP Basic (RFC 7617) against the users file. */
  | 'basic';

/**
 * The user or service account a request acts for. Every request has one, because a request without
 * credentials gets the anonymous principal, whose roles come from the roles file.
 */
export interface Principal {
  /** Stable identifier: the token's `sub`, `apikey:<id>` or `basic:<user>`; `anonymous` or `local` without credentials. */
  id: string;
  displayName: string;
  roles: readonly string[];
  clearances: readonly Clearance[];
  method: AuthMethod;
  /** The strictest export-control marking the principal may read, from its clearances. */
  readLevel: ReadLevel;
}

/** Builds a principal and derives its read level from its clearances. */
export function createPrincipal(fields: Omit<Principal, 'readLevel'>): Principal {
  return { ...fields, readLevel: levelOfClearances(fields.clearances) };
}

/** Returns whether the principal presented credentials. */
export function isAuthenticated(principal: Principal): boolean {
  return principal.method !== 'anonymous' && principal.method !== 'local';
}

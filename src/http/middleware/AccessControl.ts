import type { NextFunction, Request, Response } from 'express';
import { accessRequirement, type AccessRequirement } from '../../auth/AccessRules.js';
import { isAuthenticated, type Principal } from '../../auth/Principal.js';
import type { RequestAuthenticator } from '../../auth/RequestAuthenticator.js';
import { ANY_TYPE, type Action, type RolePolicy } from '../../auth/RolePolicy.js';
import type { ShapeRegistry } from '../../shapes/ShapeRegistry.js';
import { negotiate, parseAccept } from '../Accept.js';
import { ForbiddenHttpError, UnauthorizedHttpError } from '../HttpError.js';
import { challenges, principalOf } from './Authentication.js';

export interface AccessControlOptions {
  policy: RolePolicy;
  shapes: ShapeRegistry;
  authenticator: RequestAuthenticator;
  /** URL of the OpenID Connect login, when one is configured; browsers without a session go there. */
  loginUrl?: string;
}

/**
 * Media types a request's Accept header is compared against to tell a page view from an API call.
 * HTML comes last, so a wildcard Accept (curl and most clients send one) counts as an API call.
 */
const PAGE_OR_DATA = ['text/turtle', 'application/rdf+xml', 'application/ld+json', 'application/json', 'application/sparql-results+json', 'text/html'];

/**
 * Checks every request against the permission its method and path need (AccessRules) before any
 * handler runs. Without credentials the response is 401 with a challenge, or for a browser page a
 * redirect to the login when OpenID Connect is configured; with credentials but without the
 * permission it is 403 (RFC 9110, sections 15.5.2 and 15.5.4).
 */
export function accessControl(options: AccessControlOptions) {
  const typeOfSegment = (segment: string): string | undefined => options.shapes.bySegment(segment)?.name;
  return (req: Request, res: Response, next: NextFunction): void => {
    const requirement = accessRequirement(req.method, req.path, typeOfSegment);
    res.locals.access = requirement;
    const principal = principalOf(res);
    if (allows(options.policy, principal, requirement)) {
      next();
      return;
    }
    if (!isAuthenticated(principal) && options.loginUrl !== undefined && wantsPage(req)) {
      res.redirect(302, `${options.loginUrl}?returnTo=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    next(denial(options, principal, requirement));
  };
}

/**
 * Throws 401 or 403 unless the principal may perform `action` on `resourceType`. Handlers call it for
 * checks the path alone cannot decide.
 */
export function requirePermission(policy: RolePolicy, authenticator: RequestAuthenticator, principal: Principal, action: Action, resourceType: string, description: string): void {
  const requirement: AccessRequirement = { kind: 'permission', action, resourceType, description };
  if (!allows(policy, principal, requirement)) {
    throw denial({ authenticator }, principal, requirement);
  }
}

function allows(policy: RolePolicy, principal: Principal, requirement: AccessRequirement): boolean {
  switch (requirement.kind) {
    case 'public':
      return true;
    case 'authenticated':
      return isAuthenticated(principal) || principal.roles.length > 0;
    case 'permission':
      return policy.permits(principal.roles, requirement.action, requirement.resourceType);
  }
}

function denial(options: Pick<AccessControlOptions, 'authenticator' | 'loginUrl'>, principal: Principal, requirement: AccessRequirement): Error {
  const description = requirement.kind === 'permission' ? requirement.description : 'This resource';
  if (!isAuthenticated(principal)) {
    const login = options.loginUrl === undefined ? '' : `, or log in at ${options.loginUrl}`;
    return new UnauthorizedHttpError(`${description} needs authentication; send "Authorization: Bearer <token>" with an access token or an API key${login}.`, {
      headers: { 'WWW-Authenticate': challenges(options.authenticator.basicEnabled) },
    });
  }
  const needed = requirement.kind === 'permission' ? `the ${requirement.action} permission${requirement.resourceType === ANY_TYPE ? '' : ` on ${requirement.resourceType}`}` : 'a role';
  const roles = principal.roles.length === 0 ? 'no role' : `the role${principal.roles.length === 1 ? '' : 's'} ${principal.roles.join(', ')}`;
  return new ForbiddenHttpError(`${description} needs ${needed}; ${principal.displayName} has ${roles}. Ask an administrator for a role that grants it.`);
}

/** Returns whether the request is a browser's page request, which a login redirect can serve. */
function wantsPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && negotiate(parseAccept(req.headers.accept), PAGE_OR_DATA) === 'text/html';
}

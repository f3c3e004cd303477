import { ANY_TYPE, type Action } from './RolePolicy.js';

/** The permission a request needs before its handler runs. */
export type AccessRequirement =
  /** Readable without login: discovery, shapes, vocabulary, assets, health, the login routes. */
  | { kind: 'public' }
  /** Any authenticated principal, or the anonymous one when its roles grant something: paths no rule names. */
  | { kind: 'authenticated' }
  /** A permission from the roles file; `resourceType` is a shape name or ANY_TYPE. */
  | { kind: 'permission'; action: Action; resourceType: string; description: string };

/** Paths everyone may read. Discovery must be public because OSLC clients read it before they log in. */
const PUBLIC_PATHS = new Set(['/health', '/rootservices', '/oslc/catalog', '/oslc/shapes', '/ns', '/favicon.ico']);
const PUBLIC_PREFIXES = ['/.well-known/', '/assets/', '/oslc/shapes/', '/ns/', '/auth/'];

/** Second-level segments under a service provider that are not resource types. */
const EXPORT_SEGMENTS = new Set(['traceability', 'packages', 'reports']);

/** Methods that only read. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Maps a request to the permission it needs, from its method and path alone, so that routes added
 * later are covered before their handler runs. Resource types come from the path segment of the
 * creation factory (`parts` is Part). For an unknown segment `typeOfSegment` returns undefined, so the
 * request needs the action on any type and then reaches the handler's 404.
 */
export function accessRequirement(method: string, path: string, typeOfSegment: (segment: string) => string | undefined): AccessRequirement {
  if (PUBLIC_PATHS.has(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix))) {
    return { kind: 'public' };
  }
  const reads = READ_METHODS.has(method);

  if (path === '/') {
    // The landing page counts the resources of each programme, which is data.
    return permission('read', ANY_TYPE, 'The overview of the programmes');
  }
  if (path === '/sparql' || path === '/sparql/') {
    return permission('sparql', ANY_TYPE, 'The SPARQL endpoint');
  }
  if (path === '/sparql/update') {
    // Only POST runs an update; other methods get the endpoint's Allow list or 405, which carry no data.
    return method === 'POST' ? permission('sparqlUpdate', ANY_TYPE, 'SPARQL Update') : { kind: 'authenticated' };
  }
  if (path === '/sparql/graph') {
    return reads ? permission('sparql', ANY_TYPE, 'Reading through the Graph Store Protocol') : permission('sparqlUpdate', ANY_TYPE, 'Writing through the Graph Store Protocol');
  }
  if (path === '/import' || path.startsWith('/import/')) {
    // The job list and the jobs show what was imported, so they need the import permission too.
    return permission('import', ANY_TYPE, path.startsWith('/import/jobs') && reads ? 'Reading import jobs' : 'Importing');
  }

  if (!path.startsWith('/oslc/sp/')) {
    return { kind: 'authenticated' };
  }
  const segments = path.slice('/oslc/sp/'.length).split('/').filter((segment) => segment !== '');
  const [, second, third, fourth] = segments;
  if (second === undefined || second === 'selector') {
    return permission('read', ANY_TYPE, 'Reading a service provider');
  }
  if (EXPORT_SEGMENTS.has(second)) {
    return permission('export', ANY_TYPE, 'Exporting reports and packages');
  }

  const type = typeOfSegment(second) ?? ANY_TYPE;
  const title = type === ANY_TYPE ? second : type;
  if (third === undefined) {
    return reads ? permission('read', type, `Reading ${title} resources`) : permission('create', type, `Creating ${title} resources`);
  }
  if (third === 'query' || third === 'selector') {
    return permission('read', type, `Querying ${title} resources`);
  }
  if (third === 'creator') {
    return permission('create', type, `Creating ${title} resources`);
  }
  // A resource, or a view of one (compact, preview, BOM tree) below it.
  if (reads || fourth !== undefined) {
    return permission(reads ? 'read' : 'update', type, `${reads ? 'Reading' : 'Changing'} ${title} resources`);
  }
  if (method === 'DELETE') {
    return permission('delete', type, `Deleting ${title} resources`);
  }
  return permission('update', type, `Changing ${title} resources`);
}

function permission(action: Action, resourceType: string, description: string): AccessRequirement {
  return { kind: 'permission', action, resourceType, description };
}

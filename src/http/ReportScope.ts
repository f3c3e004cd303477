import type { Request } from 'express';
import { ALLOW_ALL, type ReportScope } from '../certification/ReportScope.js';

/**
 * Returns what the requester may see in reports, analyses, exports and packages. Every such route
 * obtains its scope here and nowhere else, so authorization replaces this one function.
 * TODO: this version has no authentication, so every requester sees everything; apply the user's
 * export-control clearances and programme memberships here once they exist.
 */
export function readScopeOf(_req: Request): ReportScope {
  return ALLOW_ALL;
}

import type { Response } from 'express';
import { readScopeOf } from '../auth/ReadScope.js';
import { ALLOW_ALL, type ReportScope } from '../certification/ReportScope.js';

/**
 * Returns what the requester may see in reports, analyses, exports and packages: the resources their
 * export-control clearance lets them read. Every such route obtains its scope here.
 */
export function reportScopeOf(res: Response): ReportScope {
  const scope = readScopeOf(res);
  return scope.unrestricted ? ALLOW_ALL : { visible: (iri) => scope.canRead(iri) };
}

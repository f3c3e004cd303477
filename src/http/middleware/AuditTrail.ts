import type { NextFunction, Request, Response } from 'express';
import type { AccessRequirement } from '../../auth/AccessRules.js';
import type { Principal } from '../../auth/Principal.js';
import { auditedQuery, type AuditRecord } from '../../audit/AuditEntry.js';
import type { AuditLog } from '../../audit/AuditLog.js';
import { ServiceUnavailableHttpError } from '../HttpError.js';
import { loggablePath, localsOf } from './RequestContext.js';

/** Paths whose requests move no programme data, so they are not audited. */
const UNAUDITED_PREFIXES = ['/assets/', '/health', '/favicon.ico'];

/**
 * Records every request that can move data in or out in the audit log, when its response finishes or
 * its connection closes. An entry names the principal, the IP address and user agent, the action, path
 * and query text, the status and the bytes in each direction. Handlers may refine the entry through
 * `res.locals.auditAction` and `res.locals.auditQuery`. While the log cannot be written, data requests
 * get 503.
 */
export function auditTrail(log: AuditLog) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (UNAUDITED_PREFIXES.some((prefix) => req.path.startsWith(prefix))) {
      next();
      return;
    }
    if (!log.healthy) {
      next(new ServiceUnavailableHttpError('The audit log cannot be written, so no data is served; the administrator must fix the data directory and restart the server.'));
      return;
    }
    // Node may clear req.socket once the connection closes, so the entry reads the address from this reference.
    const socket = req.socket;
    const writtenBefore = socket.bytesWritten;
    const readBefore = socket.bytesRead;
    let recorded = false;
    const record = (): void => {
      if (recorded) {
        return;
      }
      recorded = true;
      const declaredLength = Number(req.headers['content-length']);
      log.append(auditRecord(req, res, socket.remoteAddress ?? '', {
        bytesIn: Number.isFinite(declaredLength) ? declaredLength : Math.max(0, socket.bytesRead - readBefore),
        bytesOut: Math.max(0, socket.bytesWritten - writtenBefore),
      }));
    };
    res.on('finish', record);
    res.on('close', record);
    next();
  };
}

function auditRecord(req: Request, res: Response, ip: string, bytes: { bytesIn: number; bytesOut: number }): AuditRecord {
  const locals = res.locals as { principal?: Principal; access?: AccessRequirement; auditAction?: string; auditQuery?: string; authenticationFailure?: string };
  const principal = locals.principal;
  const path = loggablePath(req.originalUrl);
  const question = path.indexOf('?');
  const queryText = locals.auditQuery ?? (question < 0 ? undefined : path.slice(question + 1));
  return {
    time: new Date().toISOString(),
    requestId: localsOf(res).requestId,
    user: principal?.id ?? 'anonymous',
    authMethod: principal?.method ?? 'anonymous',
    ip,
    userAgent: req.headers['user-agent'] ?? '',
    action: locals.auditAction ?? actionOf(req, locals.access),
    method: req.method,
    resource: question < 0 ? path : path.slice(0, question),
    ...(queryText === undefined ? {} : auditedQuery(queryText)),
    status: res.writableFinished ? res.statusCode : 499,
    ...bytes,
    ...(locals.authenticationFailure === undefined ? {} : { authFailure: locals.authenticationFailure }),
  };
}

/** Names the action from the permission the request needed; queries and dialogs' results count as queries. */
function actionOf(req: Request, access: AccessRequirement | undefined): string {
  if (access === undefined || access.kind !== 'permission') {
    return access?.kind === 'public' ? 'discovery' : 'request';
  }
  if (access.action === 'read' && (req.path.endsWith('/query') || req.path.endsWith('/selector/results'))) {
    return 'query';
  }
  return access.action;
}

import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { getLogger, requestScope } from '../../logging/Logger.js';

const logger = getLogger('HttpRequest');

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Query parameters whose values are never logged. */
const SECRET_PARAMETERS = /^(access_token|id_token|refresh_token|token|api_key|apikey|key|password|secret|code|client_secret)$/i;

/** Per-request values shared by middleware and handlers through `res.locals`. */
export interface RequestLocals {
  requestId: string;
  /** The OSLC Core version the response follows: `2.0` or `3.0`. */
  oslcVersion: string;
  /**
   * Set by routes whose documents are JSON, so that an error to a request that accepts any media type
   * (or sends no Accept header) is an `oslc:Error` in JSON too, and the client reads it as it reads the document.
   */
  jsonErrors?: boolean;
}

export function localsOf(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

/**
 * Assigns the request id (a client's `X-Request-Id` when it is a safe token, otherwise a new UUID),
 * echoes it in the response, and logs one line per request when the response finishes.
 */
export function requestContext(req: Request, res: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.locals.requestId = requestId;
  res.setHeader('X-Request-Id', requestId);

  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.http('request', {
      id: requestId,
      method: req.method,
      path: loggablePath(req.originalUrl),
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
    });
  });
  requestScope.run({ id: requestId }, next);
}

/** Returns the URL path with the values of secret-looking query parameters replaced by `***`. */
export function loggablePath(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) {
    return url;
  }
  const parameters = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return SECRET_PARAMETERS.test(decodeURIComponentSafe(name)) ? `${name}=***` : pair;
    });
  return `${url.slice(0, question)}?${parameters.join('&')}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

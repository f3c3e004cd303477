import type { NextFunction, Request, Response } from 'express';
import { BadRequestHttpError } from '../HttpError.js';

const VERSION = /^\s*(\d+)\.(\d+)\s*$/;

/**
 * Reads the `OSLC-Core-Version` request header (OSLC Core 3.0, "Versioning"). Responses follow 2.0 when
 * the client asks for 2.0 or sends no header (the most compatible choice), and 3.0 for 3.0 or later.
 * A major version below 2 names the retired OSLC 1.0 and is rejected.
 */
export function oslcVersion(req: Request, res: Response, next: NextFunction): void {
  const header = req.headers['oslc-core-version'];
  res.locals.oslcVersion = '2.0';
  if (typeof header === 'string' && header.trim() !== '') {
    const match = VERSION.exec(header);
    if (match === null) {
      next(new BadRequestHttpError(`The OSLC-Core-Version header "${header}" is not a version number; send 2.0 or 3.0.`));
      return;
    }
    const major = Number(match[1]);
    if (major < 2) {
      next(new BadRequestHttpError(`OSLC-Core-Version ${header.trim()} is not supported; this server implements OSLC Core 2.0 and 3.0.`));
      return;
    }
    res.locals.oslcVersion = major === 2 ? '2.0' : '3.0';
  }
  next();
}

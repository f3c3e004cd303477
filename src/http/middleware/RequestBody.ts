import type { Request } from 'express';
import { PayloadTooLargeHttpError, RequestAbortedHttpError, UnsupportedMediaTypeHttpError } from '../HttpError.js';
import { essence } from '../../rdf/MediaType.js';

/**
 * Reads a request body as UTF-8 text, stopping at `limitBytes` (413). A declared Content-Length over
 * the limit is rejected before any byte is read.
 */
export async function readBody(req: Request, limitBytes: number): Promise<string> {
  return (await readBodyBytes(req, limitBytes)).toString('utf8');
}

/** Reads a request body as bytes, with the same limit as readBody, for binary uploads such as .reqifz. */
export async function readBodyBytes(req: Request, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    throw new PayloadTooLargeHttpError(limitBytes);
  }

  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (total > limitBytes) {
        req.resume();
        throw new PayloadTooLargeHttpError(limitBytes);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    // Node's HTTP server ends the body of a closed connection with an "aborted" error (ECONNRESET).
    if ((error as { code?: unknown }).code === 'ECONNRESET') {
      throw new RequestAbortedHttpError(total);
    }
    throw error;
  }
  return Buffer.concat(chunks);
}

/** Returns the request's media type if it is one of `accepted`, or throws 415. */
export function requireContentType(req: Request, accepted: readonly string[]): string {
  const type = essence(req.headers['content-type']);
  if (type === undefined || !accepted.includes(type)) {
    throw new UnsupportedMediaTypeHttpError(req.headers['content-type'], accepted);
  }
  return type;
}

import { once } from 'node:events';
import type { Request, Response } from 'express';
import { getLogger } from '../../logging/Logger.js';
import { localsOf } from '../middleware/RequestContext.js';
import { reuseChunk } from '../../sparql/ChunkBuffers.js';

const logger = getLogger('SparqlResultBody');

/**
 * Sends the body of a SPARQL result whose status and headers are set, starting with the chunk already
 * read (`first`). HTTP/1.1 clients get each chunk as it arrives, with chunked transfer coding; if the
 * result fails part way, the connection is closed before the last chunk, which tells the client that
 * the body is incomplete (RFC 9112, section 7.1). An HTTP/1.0 client has no chunked coding and would
 * read a closed connection as the end of a complete body, so it gets the whole result with a
 * Content-Length once the result is complete, or the error in place of the result.
 *
 * Returns the error to answer with instead of the result (HTTP/1.0 only, before any byte is sent);
 * returns undefined once the body is sent, the connection is closed, or the client went away.
 */
export async function sendResultBody(req: Request, res: Response, first: IteratorResult<Buffer>, chunks: AsyncIterator<Buffer>, signal: AbortSignal): Promise<unknown> {
  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 0) {
    return sendWhole(res, first, chunks);
  }
  try {
    for (let next = first; next.done !== true; next = await chunks.next()) {
      await writeChunk(res, next.value, signal);
    }
    res.end();
  } catch (error) {
    if (signal.aborted) {
      logger.info('Client went away while the SPARQL result was sent', { id: localsOf(res).requestId });
      return undefined;
    }
    logger.error('SPARQL result failed after the response started; closing the connection', { id: localsOf(res).requestId, error: (error as Error).message });
    res.destroy(error as Error);
  }
  return undefined;
}

async function sendWhole(res: Response, first: IteratorResult<Buffer>, chunks: AsyncIterator<Buffer>): Promise<unknown> {
  const parts: Buffer[] = [];
  try {
    for (let next = first; next.done !== true; next = await chunks.next()) {
      parts.push(next.value);
    }
  } catch (error) {
    return error;
  }
  const body = Buffer.concat(parts);
  parts.forEach(reuseChunk);
  res.setHeader('Content-Length', body.length);
  res.end(body);
  return undefined;
}

/**
 * Writes one chunk and, when the response's buffer is past its high-water mark, waits until it
 * drains, so that a slow client reads the result from the query's chunk queue at its own pace.
 * Rejects when `signal` aborts (the client went away).
 */
async function writeChunk(res: Response, chunk: Buffer, signal: AbortSignal): Promise<void> {
  // The callback runs once the socket no longer needs the bytes, so the worker may then write into them again.
  if (!res.write(chunk, () => reuseChunk(chunk))) {
    await once(res, 'drain', { signal });
  }
}

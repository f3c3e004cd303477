import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { Request } from 'express';
import { PayloadTooLargeHttpError, RequestAbortedHttpError } from '../../../src/http/HttpError.js';
import { readBodyBytes } from '../../../src/http/middleware/RequestBody.js';

/**
 * Sends `sent` bytes of a body declared as `declared` bytes to a server on 127.0.0.1 that reads it with
 * readBodyBytes, closes the connection when `close` is set, and returns what the read gave.
 */
async function readFrom(sent: number, declared: number, close: boolean, limit = 1_000_000): Promise<Buffer | Error> {
  let settle!: (result: Buffer | Error) => void;
  const result = new Promise<Buffer | Error>((resolve) => {
    settle = resolve;
  });
  const server = createServer((req: IncomingMessage, res) => {
    readBodyBytes(req as Request, limit).then(
      (body) => {
        settle(body);
        res.end();
      },
      (error: Error) => {
        settle(error);
        res.destroy();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const client = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'Content-Length': String(declared) } });
    client.on('error', () => undefined);
    client.write(Buffer.alloc(sent, 0x41), () => {
      if (close) {
        // Gives the server time to read the bytes sent before the connection closes.
        setTimeout(() => client.destroy(), 200);
      } else {
        client.end();
      }
    });
    return await result;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('readBodyBytes', () => {
  it('reads a whole body', async () => {
    const body = await readFrom(1000, 1000, false);
    assert.ok(Buffer.isBuffer(body));
    assert.equal(body.length, 1000);
  });

  it('reports a body the client cut off', async () => {
    const error = await readFrom(1000, 100_000, true);
    assert.ok(error instanceof RequestAbortedHttpError, String(error));
    assert.equal(error.receivedBytes, 1000);
    assert.equal(error.statusCode, 400);
  });

  it('rejects a body over the limit', async () => {
    const error = await readFrom(2000, 2000, false, 1000);
    assert.ok(error instanceof PayloadTooLargeHttpError, String(error));
  });
});

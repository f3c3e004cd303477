import { CHUNK_CHARACTERS } from './ResultChunks.js';

/** Bytes of a reusable chunk buffer: room for CHUNK_CHARACTERS UTF-16 code units at 3 bytes of UTF-8 each. */
export const CHUNK_BUFFER_BYTES = CHUNK_CHARACTERS * 3;

/** Pieces shorter than this get a buffer of their own size, which is not reused. */
export const SMALL_PIECE_CHARACTERS = 16 * 1024;

/**
 * Chunk buffers that a SPARQL worker encodes results into, and that the main thread returns after it
 * has written them to the client.
 *
 * Each result chunk is an ArrayBuffer transferred to the main thread, and V8 counts such buffers as
 * external memory. With megabytes of new ones per request, V8 ran a full garbage collection of the main
 * thread's heap every few requests, which delayed a 2.8 MB result by 20 to 30 ms (seen with --trace-gc).
 * Buffers that go back and forth keep the external memory constant.
 */
export class ChunkBufferPool {
  private readonly free: ArrayBuffer[] = [];

  /** @param capacity Maximum number of buffers kept for reuse. Buffers past it are left to the garbage collector. */
  public constructor(private readonly capacity = 16) {}

  /** Returns a free buffer of CHUNK_BUFFER_BYTES, or a new one when none is free. */
  public take(): ArrayBuffer {
    return this.free.pop() ?? new ArrayBuffer(CHUNK_BUFFER_BYTES);
  }

  /** Keeps a returned buffer for reuse, unless it has another size or the pool is full. */
  public give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === CHUNK_BUFFER_BYTES && this.free.length < this.capacity) {
      this.free.push(buffer);
    }
  }

  public get size(): number {
    return this.free.length;
  }
}

/** For each reusable chunk, the function that gives its buffer back to the worker that wrote it. */
const returns = new WeakMap<Uint8Array, () => void>();

/** Registers how to return `chunk`'s memory to its worker once the chunk has been written. */
export function markReusable(chunk: Uint8Array, giveBack: () => void): void {
  returns.set(chunk, giveBack);
}

/**
 * Returns a chunk's buffer to the worker that wrote it. Call it only when nothing reads the chunk any
 * more, such as in the callback of the socket write. Chunks without a registered worker are left as
 * they are, for the garbage collector.
 */
export function reuseChunk(chunk: Uint8Array): void {
  const giveBack = returns.get(chunk);
  if (giveBack !== undefined) {
    returns.delete(chunk);
    giveBack();
  }
}

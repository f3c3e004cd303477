/**
 * A reused buffer for encoding text as UTF-8, for callers that encode many large texts in turn and are
 * done with each result before the next call. A new buffer for each call would add megabytes of external
 * memory for the garbage collector to reclaim (see ChunkBuffers).
 */
export class Utf8Scratch {
  private buffer = Buffer.alloc(0);

  /** @param maxKeptBytes Size of the largest buffer kept between calls. A longer text gets a buffer of its own. */
  public constructor(private readonly maxKeptBytes: number) {}

  /** Returns the UTF-8 bytes of `text`, which stay valid until the next call. */
  public encode(text: string): Buffer {
    // UTF-8 takes at most 3 bytes for each UTF-16 code unit.
    const needed = text.length * 3;
    if (needed > this.maxKeptBytes) {
      return Buffer.from(text, 'utf8');
    }
    if (this.buffer.length < needed) {
      this.buffer = Buffer.allocUnsafe(needed);
    }
    return this.buffer.subarray(0, this.buffer.write(text, 'utf8'));
  }
}

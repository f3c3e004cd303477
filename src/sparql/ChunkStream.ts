/**
 * An async iterable of chunks fed by a producer: `push` adds a chunk, `end` completes, `fail` makes
 * the consumer's next read throw. Chunks pushed before a failure are still delivered first.
 */
export class ChunkStream implements AsyncIterable<Buffer> {
  private readonly chunks: Buffer[] = [];
  private done = false;
  private error: Error | undefined;
  private wake: (() => void) | undefined;

  public push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.notify();
  }

  public end(): void {
    this.done = true;
    this.notify();
  }

  public fail(error: Error): void {
    if (!this.done) {
      this.error = error;
      this.done = true;
      this.notify();
    }
  }

  public async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    while (true) {
      const chunk = this.chunks.shift();
      if (chunk !== undefined) {
        yield chunk;
        continue;
      }
      if (this.done) {
        if (this.error !== undefined) {
          throw this.error;
        }
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

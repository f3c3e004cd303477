/**
 * Least-recently-used cache of serialized representations, bounded in bytes. Keys include the
 * resource's version, so a write never needs to invalidate anything: old entries just age out.
 */
export class RepresentationCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  public constructor(private readonly maxBytes: number) {}

  public get(key: string): Buffer | undefined {
    const body = this.entries.get(key);
    if (body !== undefined) {
      // Re-inserting moves the entry to the most recently used end of the Map's order.
      this.entries.delete(key);
      this.entries.set(key, body);
    }
    return body;
  }

  public set(key: string, body: Buffer): void {
    if (body.length > this.maxBytes / 4) {
      return;
    }
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.bytes -= previous.length;
      this.entries.delete(key);
    }
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) {
        break;
      }
      this.entries.delete(oldest);
      this.bytes -= value.length;
    }
  }

  /** Bytes currently held. */
  public get size(): number {
    return this.bytes;
  }
}

/** A key's count in its current window, and when that window ends (epoch milliseconds). */
export interface CountWindow {
  count: number;
  resetAt: number;
}

/**
 * Counts events per key in fixed windows: a key's window starts with its first event and lasts
 * `windowMs`, then its count starts again. Counting is synchronous and in memory, so it costs a map
 * lookup per request and applies to this process only. `increment` drops expired windows, at most once
 * per window length.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, CountWindow>();
  private lastSweep = Date.now();

  public constructor(private readonly windowMs: number) {}

  /** Adds one event for `key` and returns its window. */
  public increment(key: string, now = Date.now()): CountWindow {
    this.sweep(now);
    let window = this.windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return window;
  }

  /** Returns the window of `key` without counting, or undefined when it has none or it has ended. */
  public peek(key: string, now = Date.now()): CountWindow | undefined {
    const window = this.windows.get(key);
    return window === undefined || window.resetAt <= now ? undefined : window;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) {
      return;
    }
    this.lastSweep = now;
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) {
        this.windows.delete(key);
      }
    }
  }
}

/** Returns the whole seconds until `resetAt`, at least 1, for a Retry-After header. */
export function secondsUntil(resetAt: number, now = Date.now()): number {
  return Math.max(1, Math.ceil((resetAt - now) / 1000));
}

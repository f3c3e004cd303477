import session, { type SessionData } from 'express-session';

/**
 * Browser sessions in memory, bounded in number and pruned when they expire. express-session's own
 * MemoryStore never prunes, so it grows without limit. Sessions do not survive a restart, and users
 * then log in again.
 */
export class BoundedSessionStore extends session.Store {
  private readonly sessions = new Map<string, { data: string; expiresAtMs: number }>();
  private readonly pruner: NodeJS.Timeout;

  public constructor(
    private readonly maxSessions: number,
    private readonly maxAgeMs: number,
  ) {
    super();
    this.pruner = setInterval(() => this.prune(), 60_000);
    this.pruner.unref();
  }

  public override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    const entry = this.sessions.get(sid);
    if (entry === undefined || entry.expiresAtMs <= Date.now()) {
      this.sessions.delete(sid);
      callback(null, null);
      return;
    }
    callback(null, JSON.parse(entry.data) as SessionData);
  }

  public override set(sid: string, data: SessionData, callback?: (error?: unknown) => void): void {
    this.sessions.delete(sid);
    if (this.sessions.size >= this.maxSessions) {
      // Maps iterate in insertion order and set() re-inserts, so this drops the least recently written session.
      this.sessions.delete(this.sessions.keys().next().value!);
    }
    const expires = data.cookie?.expires;
    const expiresAtMs = expires instanceof Date ? expires.getTime() : Date.now() + this.maxAgeMs;
    this.sessions.set(sid, { data: JSON.stringify(data), expiresAtMs });
    callback?.();
  }

  public override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.sessions.delete(sid);
    callback?.();
  }

  public override touch(sid: string, data: SessionData, callback?: () => void): void {
    const entry = this.sessions.get(sid);
    const expires = data.cookie?.expires;
    if (entry !== undefined && expires instanceof Date) {
      entry.expiresAtMs = expires.getTime();
    }
    callback?.();
  }

  /** Stops the pruning timer. */
  public close(): void {
    clearInterval(this.pruner);
  }

  private prune(): void {
    const now = Date.now();
    for (const [sid, entry] of this.sessions) {
      if (entry.expiresAtMs <= now) {
        this.sessions.delete(sid);
      }
    }
  }
}

/**
 * The scheduling policy that lets cheap SPARQL queries run while runaway queries occupy the workers. A synchronous
 * engine cannot be paused, and a worker whose query is stopped must reload its replica, so the policy
 * has two rules:
 *
 * - Bounded wait: a query waits for a free worker at most the queue wait limit (see `queueWaitLimitMs`),
 *   and never past its own timeout; then it is answered with 503 and `Retry-After`. Until the first
 *   worker has loaded its replica, queries wait up to their timeout, as the first ones must.
 * - Preemption: while queries wait and no worker is free or starting, the query that has run longest is
 *   stopped once it has run for the fair share (5 s by default), and its worker restarts for the queue.
 *   A query may use its whole timeout as long as no other query is waiting.
 */
export interface FairShareOptions {
  /** Run time in ms after which a query may be stopped for waiting queries. */
  fairShareMs: number;
  /** Floor of the queue wait limit in ms. */
  minQueueWaitMs: number;
}

export const DEFAULT_FAIR_SHARE: FairShareOptions = { fairShareMs: 5_000, minQueueWaitMs: 10_000 };

/** A running query as the policy sees it. */
export interface RunningQuery {
  /** When the query started on its worker, in ms since the epoch. */
  started: number;
}

/** Next action of the pool for its waiting queries: stop a query now, review again later, or nothing. */
export type FairShareDecision<T> = { preempt: T } | { reviewInMs: number } | undefined;

/**
 * Decides whether a running query gives way to waiting ones. `running` has one entry per worker, with
 * undefined for a worker that is free or still loading its replica: such a worker takes a waiting query
 * soon, so nothing is stopped while one exists.
 */
export function reviewFairShare<T extends RunningQuery>(running: readonly (T | undefined)[], waiting: number, now: number, options: FairShareOptions): FairShareDecision<T> {
  if (waiting === 0 || running.length === 0 || running.some((query) => query === undefined)) {
    return undefined;
  }
  let longest = running[0]!;
  for (const query of running) {
    if (query!.started < longest.started) {
      longest = query!;
    }
  }
  const ranMs = now - longest.started;
  if (ranMs >= options.fairShareMs) {
    return { preempt: longest };
  }
  return { reviewInMs: options.fairShareMs - ranMs };
}

/**
 * Returns how long a query may wait for a worker: the fair share plus twice the time a worker last took
 * to load its replica (the delay of one preemption, with room for a second), and at least
 * `minQueueWaitMs`, so the limit grows with the data instead of being sized for one machine. Before
 * any worker has loaded (`lastLoadMs` undefined) there is no limit, because nobody knows yet how long
 * the load takes and the query's own timeout still applies.
 */
export function queueWaitLimitMs(lastLoadMs: number | undefined, options: FairShareOptions): number {
  if (lastLoadMs === undefined) {
    return Number.POSITIVE_INFINITY;
  }
  return Math.max(options.minQueueWaitMs, options.fairShareMs + 2 * lastLoadMs);
}

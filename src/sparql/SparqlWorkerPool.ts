import { Worker } from 'node:worker_threads';
import { getLogger, requestScope } from '../logging/Logger.js';
import type { EmbeddedStore, ReplicationEvent } from '../store/embedded/EmbeddedStore.js';
import { markReusable } from './ChunkBuffers.js';
import { ChunkStream } from './ChunkStream.js';
import { DEFAULT_FAIR_SHARE, queueWaitLimitMs, reviewFairShare, type FairShareOptions } from './FairShare.js';
import type { QueryExecutor, SparqlRequest } from './QueryExecutor.js';
import { QueryAbortedError, QueryPreemptedError, QueryTimeoutError, QueueWaitTimeoutError, ResultTooLargeError, SparqlUnavailableError } from './SparqlErrors.js';
import { InvalidQueryError } from '../store/StoreError.js';
import type { FromWorker, ToWorker, WorkerData } from './WorkerMessages.js';

export interface SparqlWorkerPoolOptions {
  /** Number of worker threads, each with its own replica of the store. */
  size: number;
  /** Largest result in bytes. */
  maxResultBytes: number;
  /** Export-control level whose readable graphs the replicas keep; undefined keeps every graph. */
  readLevel?: number;
  /** When running queries give way to waiting ones (default DEFAULT_FAIR_SHARE). */
  fairShare?: FairShareOptions;
  /** The worker thread's script; tests replace it with a scripted worker. */
  workerScript?: URL;
  /** Nice value of the worker threads on Linux (default WORKER_NICENESS); 0 keeps the main thread's. */
  workerNiceness?: number;
}

/**
 * Nice value of SPARQL worker threads on Linux. A query that keeps a core busy then yields it to the
 * main thread, which serves every other request, when both compete for the same core. Idle cores still
 * run the query at full speed.
 */
export const WORKER_NICENESS = 10;

interface Job {
  id: number;
  request: SparqlRequest;
  stream: ChunkStream;
  queued: number;
  /** Fires at the query's deadline. */
  timer: NodeJS.Timeout;
  /** Fires when the query has waited the queue wait limit; cleared when it starts. */
  waitTimer?: NodeJS.Timeout;
  slot?: WorkerSlot;
  started?: number;
  /** Whether the worker reported that it started the query. A query it never started is sent again if the worker dies. */
  acknowledged?: boolean;
}

/**
 * Life of a worker: `loading` its replica, `ready` for queries, `exiting` once it has reported a fatal
 * error and is about to exit. Only a ready worker gets queries.
 */
type WorkerState = 'loading' | 'ready' | 'exiting';

interface WorkerSlot {
  index: number;
  worker: Worker;
  state: WorkerState;
  job?: Job;
}

/** Worker start-ups that may fail in a row before the pool gives up and reports SPARQL unavailable. */
const MAX_FAILED_STARTS = 3;

/**
 * Runs SPARQL queries in worker threads, each holding a replica of the embedded store, so that a slow
 * query never blocks the main thread that serves resources. Every query has a deadline: when it
 * passes, or the client goes away, the worker running the query is terminated and a fresh one loads
 * the replica from the data directory. Workers start on the first query, so a server that never
 * receives SPARQL pays no memory for replicas.
 *
 * Queries that find every worker busy wait in a queue under the fair-share policy of FairShare.ts: a
 * bounded wait, and preemption of the longest-running query once it has run its fair share while
 * others wait, so cheap queries are answered while runaway queries run.
 *
 * Replicas stay current because the store forwards every committed journal record to every worker;
 * messages to a worker arrive in order, so a query sees every write acknowledged before it was sent.
 */
export class SparqlWorkerPool implements QueryExecutor {
  private readonly logger = getLogger('SparqlWorkerPool');
  private readonly slots: WorkerSlot[] = [];
  private readonly queue: Job[] = [];
  private readonly workerScript: URL;
  private readonly fairShare: FairShareOptions;
  private nextId = 1;
  private failedStarts = 0;
  /** Time the last worker took to load its replica, which sizes the queue wait limit; undefined until one has. */
  private lastLoadMs: number | undefined;
  private fairShareTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  public constructor(
    private readonly store: EmbeddedStore,
    private readonly options: SparqlWorkerPoolOptions,
  ) {
    this.workerScript = options.workerScript ?? new URL('./SparqlWorker.js', import.meta.url);
    this.fairShare = options.fairShare ?? DEFAULT_FAIR_SHARE;
  }

  public execute(request: SparqlRequest, signal?: AbortSignal): AsyncIterable<Buffer> {
    if (this.closed) {
      throw new SparqlUnavailableError('The SPARQL service is shutting down.');
    }
    if (this.failedStarts >= MAX_FAILED_STARTS) {
      throw new SparqlUnavailableError('The SPARQL workers cannot load the store; the server log has the details.');
    }
    this.start();

    const id = this.nextId++;
    const stream = new ChunkStream();
    const waitMs = Math.min(request.timeoutMs, queueWaitLimitMs(this.lastLoadMs, this.fairShare));
    const job: Job = {
      id,
      request,
      stream,
      queued: Date.now(),
      timer: setTimeout(() => this.expire(job), request.timeoutMs),
      waitTimer: setTimeout(() => this.expireWait(job), waitMs),
    };
    signal?.addEventListener('abort', () => this.abort(job), { once: true });
    this.queue.push(job);
    this.pump();
    return stream;
  }

  public async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.fairShareTimer);
    this.unsubscribe?.();
    for (const job of this.queue.splice(0)) {
      this.finish(job, new SparqlUnavailableError('The SPARQL service is shutting down.'));
    }
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.job !== undefined) {
          this.finish(slot.job, new SparqlUnavailableError('The SPARQL service is shutting down.'));
        }
        await slot.worker.terminate();
      }),
    );
    this.slots.length = 0;
  }

  private start(): void {
    if (this.slots.length > 0) {
      return;
    }
    this.unsubscribe = this.store.onReplication((event) => this.replicate(event));
    for (let index = 0; index < this.options.size; index++) {
      this.slots.push(this.spawn(index));
    }
  }

  private spawn(index: number): WorkerSlot {
    const data: WorkerData = {
      dataDirectory: this.store.directory,
      encryption: this.store.encryptionKeys.toWorkerData(),
      niceness: this.options.workerNiceness ?? WORKER_NICENESS,
      ...(this.options.readLevel === undefined ? {} : { readLevel: this.options.readLevel }),
    };
    // Outside any request's scope: the worker's events would otherwise carry the id of the request
    // that happened to start it in every later log line.
    const worker = requestScope.exit(() => new Worker(this.workerScript, { workerData: data }));
    const slot: WorkerSlot = { index, worker, state: 'loading' };
    worker.on('message', (message: FromWorker) => this.receive(slot, message));
    worker.on('error', (error) => {
      // An uncaught error ends the worker; its 'exit' event follows. Until then it must get no query.
      slot.state = 'exiting';
      this.logger.error('SPARQL worker failed', { worker: index, id: slot.job?.request.requestId, query: slot.job?.id, error: error.message });
    });
    worker.on('exit', (code) => this.exited(slot, code));
    return slot;
  }

  private receive(slot: WorkerSlot, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        slot.state = 'ready';
        this.failedStarts = 0;
        this.lastLoadMs = message.ms;
        this.logger.info('SPARQL worker ready', { worker: slot.index, quads: message.quads, sequence: message.sequence, ms: message.ms, niceness: message.niceness });
        if (message.priorityError !== undefined) {
          this.logger.warn('SPARQL worker could not lower its priority; long queries compete with requests for the CPU', { worker: slot.index, error: message.priorityError });
        }
        this.pump();
        return;
      case 'load-failed':
        this.failedStarts++;
        slot.state = 'exiting';
        this.logger.error('SPARQL worker could not load the store', { worker: slot.index, error: message.message, failedStarts: this.failedStarts });
        return;
      case 'started':
        if (slot.job !== undefined && slot.job.id === message.id) {
          slot.job.acknowledged = true;
        }
        return;
      case 'chunk': {
        const job = slot.job;
        if (job === undefined || job.id !== message.id) {
          return;
        }
        job.stream.push(this.chunkOf(slot, message));
        if (message.last) {
          this.logger.debug('SPARQL query finished', { id: job.request.requestId, query: job.id, ms: Date.now() - (job.started ?? Date.now()) });
          this.release(slot);
          this.finish(job);
        }
        return;
      }
      case 'query-failed': {
        const job = slot.job;
        if (job === undefined || job.id !== message.id) {
          return;
        }
        const error = queryFailure(message.kind, message.message);
        if (message.exiting) {
          // The worker exits after this message; its exit handler starts a replacement. Until then the
          // slot must not look ready, or pump() would hand the next query to a worker about to exit.
          slot.job = undefined;
          slot.state = 'exiting';
          this.logger.warn('SPARQL query left the engine unusable; its worker restarts', { id: job.request.requestId, query: job.id, worker: slot.index, kind: message.kind, error: message.message });
          this.finish(job, error);
          return;
        }
        this.release(slot);
        this.finish(job, error);
        return;
      }
    }
  }

  /**
   * Wraps a chunk's bytes without a copy. A reusable buffer goes back to the worker that wrote it once the
   * chunk is written (see ChunkBuffers), unless that worker has exited or is exiting by then.
   */
  private chunkOf(slot: WorkerSlot, message: Extract<FromWorker, { type: 'chunk' }>): Buffer {
    const chunk = Buffer.from(message.bytes, 0, message.length ?? message.bytes.byteLength);
    if (message.reusable === true) {
      const worker = slot.worker;
      markReusable(chunk, () => {
        if (slot.worker === worker && slot.state !== 'exiting') {
          const reuse: ToWorker = { type: 'reuse', buffer: message.bytes };
          worker.postMessage(reuse, [message.bytes]);
        }
      });
    }
    return chunk;
  }

  /** Sends queued jobs to idle, ready workers. */
  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) {
        return;
      }
      if (slot.state !== 'ready' || slot.job !== undefined) {
        continue;
      }
      const job = this.queue.shift()!;
      clearTimeout(job.waitTimer);
      job.slot = slot;
      job.started = Date.now();
      job.acknowledged = false;
      slot.job = job;
      const message: ToWorker = {
        type: 'query',
        id: job.id,
        query: job.request.query,
        format: job.request.format,
        dataset: job.request.dataset,
        maxBytes: this.options.maxResultBytes,
      };
      if (job.request.form !== undefined) {
        message.form = job.request.form;
      }
      slot.worker.postMessage(message);
    }
    this.enforceFairShare();
  }

  /** Stops the longest-running query when queries wait and it has run its fair share (see FairShare.ts). */
  private enforceFairShare(): void {
    clearTimeout(this.fairShareTimer);
    this.fairShareTimer = undefined;
    if (this.closed) {
      return;
    }
    const running = this.slots.map((slot) => (slot.state === 'ready' ? slot.job : undefined));
    const decision = reviewFairShare(running as (Job & { started: number })[], this.queue.length, Date.now(), this.fairShare);
    if (decision === undefined) {
      return;
    }
    if ('reviewInMs' in decision) {
      this.fairShareTimer = setTimeout(() => this.enforceFairShare(), decision.reviewInMs);
      this.fairShareTimer.unref();
      return;
    }
    const job = decision.preempt;
    const seconds = this.fairShare.fairShareMs / 1000;
    this.logger.warn('SPARQL query ran past its fair share while others waited; stopping it', { id: job.request.requestId, query: job.id, worker: job.slot!.index, waiting: this.queue.length, ranMs: Date.now() - job.started });
    // replace() leaves the slot loading, and pump() reviews again once the new worker is ready.
    this.replace(
      job.slot!,
      new QueryPreemptedError(
        `The server was busy: this query ran longer than ${seconds} s while other queries waited for a SPARQL worker, so it was stopped. ` +
          `Make it more selective (LIMIT, more specific patterns), or send it again when the server is less busy; a query that finishes within ${seconds} s is never stopped this way.`,
      ),
    );
  }

  private release(slot: WorkerSlot): void {
    slot.job = undefined;
    this.pump();
  }

  private replicate(event: ReplicationEvent): void {
    if (event.type === 'record') {
      const message: ToWorker = { type: 'record', record: event.record };
      for (const slot of this.slots) {
        slot.worker.postMessage(message);
      }
      return;
    }
    // A bulk import is not journaled record by record; replicas reload from the data directory.
    this.logger.info('Reloading SPARQL workers after a bulk import', { sequence: event.sequence });
    for (const slot of this.slots) {
      this.replace(slot, new SparqlUnavailableError('The store was reloaded while the query ran; send the query again.'));
    }
  }

  /** Fails a queued query with QueueWaitTimeoutError once it has waited the queue wait limit, or its whole timeout. */
  private expireWait(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued < 0) {
      return;
    }
    this.queue.splice(queued, 1);
    const waitedMs = Date.now() - job.queued;
    this.logger.warn('SPARQL query waited too long for a worker', { id: job.request.requestId, query: job.id, waitedMs, waiting: this.queue.length });
    this.finish(job, new QueueWaitTimeoutError(`All ${this.slots.length} SPARQL workers stayed busy while the query waited ${waitedMs} ms for one; send it again later.`));
  }

  private expire(job: Job): void {
    if (this.queue.includes(job)) {
      this.expireWait(job);
      return;
    }
    if (job.slot !== undefined && job.slot.job === job) {
      this.logger.warn('SPARQL query timed out; restarting its worker', { id: job.request.requestId, query: job.id, worker: job.slot.index, timeoutMs: job.request.timeoutMs });
      this.replace(job.slot, new QueryTimeoutError(timeoutMessage(job.request)));
    }
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, new QueryAbortedError('The client closed the connection.'));
      return;
    }
    if (job.slot !== undefined && job.slot.job === job) {
      this.logger.info('Client went away; stopping its SPARQL query', { id: job.request.requestId, query: job.id, worker: job.slot.index });
      this.replace(job.slot, new QueryAbortedError('The client closed the connection.'));
    }
  }

  /** Terminates a worker (failing its job with `reason`) and starts a fresh one in its place. */
  private replace(slot: WorkerSlot, reason: Error): void {
    const job = slot.job;
    slot.job = undefined;
    slot.state = 'exiting';
    if (job !== undefined) {
      this.finish(job, reason);
    }
    const old = slot.worker;
    // The old worker may still post messages (a late 'ready' or 'load-failed') until it has stopped;
    // they describe a worker the pool no longer uses.
    old.removeAllListeners('message');
    old.removeAllListeners('exit');
    void old.terminate();
    if (this.closed) {
      return;
    }
    const fresh = this.spawn(slot.index);
    this.slots[slot.index] = fresh;
  }

  /**
   * Starts a replacement for a worker that exited on its own. A query that the dead worker had started
   * fails, because it may be what ended the worker. A query sent to it that it never started goes back
   * to the front of the queue: the pool may send a query in the moment between a worker's death and
   * its 'exit' event.
   */
  private exited(slot: WorkerSlot, code: number): void {
    if (this.closed || this.slots[slot.index] !== slot) {
      return;
    }
    const job = slot.job;
    slot.job = undefined;
    this.logger.warn('SPARQL worker exited; starting another', { worker: slot.index, code, id: job?.request.requestId, query: job?.id, acknowledged: job?.acknowledged });
    if (slot.state === 'loading') {
      // Died while loading without reporting why (a crash or out of memory), which counts as a failed start.
      this.failedStarts++;
    }
    if (job !== undefined && job.acknowledged === true) {
      this.finish(job, new SparqlUnavailableError('The SPARQL worker stopped while running the query; send it again.'));
    } else if (job !== undefined) {
      job.slot = undefined;
      job.started = undefined;
      this.queue.unshift(job);
    }
    if (this.failedStarts >= MAX_FAILED_STARTS) {
      for (const job of this.queue.splice(0)) {
        this.finish(job, new SparqlUnavailableError('The SPARQL workers cannot load the store; the server log has the details.'));
      }
      return;
    }
    this.slots[slot.index] = this.spawn(slot.index);
    // Another ready worker may take the query sent back to the queue at once.
    this.pump();
  }

  private finish(job: Job, error?: Error): void {
    clearTimeout(job.timer);
    clearTimeout(job.waitTimer);
    if (error === undefined) {
      job.stream.end();
    } else {
      job.stream.fail(error);
    }
  }
}

/** Maps a worker's report of a failed query to the error its client receives. */
function queryFailure(kind: 'invalid' | 'too-large' | 'engine-failure', message: string): Error {
  switch (kind) {
    case 'engine-failure':
      return new ResultTooLargeError('The query built intermediate results larger than the engine can hold and was stopped.');
    case 'too-large':
      return new ResultTooLargeError(message);
    case 'invalid':
      return new InvalidQueryError(message);
  }
}

/** Builds the message for a query stopped at its deadline, which offers a longer timeout only below the server's maximum. */
export function timeoutMessage(request: SparqlRequest): string {
  const stopped = `The query did not finish within ${request.timeoutMs} ms and was stopped; make it more selective (LIMIT, more specific patterns)`;
  const maxTimeoutMs = request.maxTimeoutMs ?? request.timeoutMs;
  if (request.timeoutMs < maxTimeoutMs) {
    return `${stopped} or ask for a longer timeout, up to timeout=${maxTimeoutMs / 1000} seconds.`;
  }
  const asked = request.requestedTimeoutMs === undefined ? '' : ` (the request asked for ${request.requestedTimeoutMs / 1000} s)`;
  return `${stopped}. ${maxTimeoutMs / 1000} s is the server's maximum timeout${asked}.`;
}

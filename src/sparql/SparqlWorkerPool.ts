import { Worker } from 'node:worker_threads';
import { getLogger } from '../logging/Logger.js';
import type { EmbeddedStore, ReplicationEvent } from '../store/embedded/EmbeddedStore.js';
import { ChunkStream } from './ChunkStream.js';
import type { QueryExecutor, SparqlRequest } from './QueryExecutor.js';
import { QueryAbortedError, QueryTimeoutError, ResultTooLargeError, SparqlUnavailableError } from './SparqlErrors.js';
import { InvalidQueryError } from '../store/StoreError.js';
import type { FromWorker, ToWorker, WorkerData } from './WorkerMessages.js';

export interface SparqlWorkerPoolOptions {
  /** Number of worker threads, each with its own replica of the store. */
  size: number;
  /** Largest result in bytes. */
  maxResultBytes: number;
  /** Export-control level whose readable graphs the replicas keep; undefined keeps every graph. */
  readLevel?: number;
}

interface Job {
  id: number;
  request: SparqlRequest;
  stream: ChunkStream;
  deadline: number;
  timer: NodeJS.Timeout;
  slot?: WorkerSlot;
  started?: number;
}

interface WorkerSlot {
  index: number;
  worker: Worker;
  ready: boolean;
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
 * Replicas stay current because the store forwards every committed journal record to every worker;
 * messages to a worker arrive in order, so a query sees every write acknowledged before it was sent.
 */
export class SparqlWorkerPool implements QueryExecutor {
  private readonly logger = getLogger('SparqlWorkerPool');
  private readonly slots: WorkerSlot[] = [];
  private readonly queue: Job[] = [];
  private readonly workerScript = new URL('./SparqlWorker.js', import.meta.url);
  private nextId = 1;
  private failedStarts = 0;
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  public constructor(
    private readonly store: EmbeddedStore,
    private readonly options: SparqlWorkerPoolOptions,
  ) {}

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
    const job: Job = {
      id,
      request,
      stream,
      deadline: Date.now() + request.timeoutMs,
      timer: setTimeout(() => this.expire(job), request.timeoutMs),
    };
    signal?.addEventListener('abort', () => this.abort(job), { once: true });
    this.queue.push(job);
    this.pump();
    return stream;
  }

  public async close(): Promise<void> {
    this.closed = true;
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
    const data: WorkerData = { dataDirectory: this.store.directory, encryption: this.store.encryptionKeys.toWorkerData(), ...(this.options.readLevel === undefined ? {} : { readLevel: this.options.readLevel }) };
    const worker = new Worker(this.workerScript, { workerData: data });
    const slot: WorkerSlot = { index, worker, ready: false };
    worker.on('message', (message: FromWorker) => this.receive(slot, message));
    worker.on('error', (error) => {
      this.logger.error('SPARQL worker failed', { worker: index, error: error.message });
    });
    worker.on('exit', () => this.exited(slot));
    return slot;
  }

  private receive(slot: WorkerSlot, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        this.failedStarts = 0;
        this.logger.info('SPARQL worker ready', { worker: slot.index, quads: message.quads, sequence: message.sequence, ms: message.ms });
        this.pump();
        return;
      case 'load-failed':
        this.failedStarts++;
        this.logger.error('SPARQL worker could not load the store', { worker: slot.index, error: message.message, failedStarts: this.failedStarts });
        return;
      case 'chunk': {
        const job = slot.job;
        if (job === undefined || job.id !== message.id) {
          return;
        }
        job.stream.push(Buffer.from(message.bytes));
        if (message.last) {
          this.logger.debug('SPARQL query finished', { query: job.id, ms: Date.now() - (job.started ?? Date.now()) });
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
        if (message.kind === 'engine-failure') {
          // The worker exits after this message; its exit handler starts a replacement.
          slot.job = undefined;
          this.logger.warn('SPARQL query exhausted the engine; its worker restarts', { query: job.id, worker: slot.index, error: message.message });
          this.finish(job, new ResultTooLargeError('The query built intermediate results larger than the engine can hold and was stopped.'));
          return;
        }
        this.release(slot);
        this.finish(job, message.kind === 'too-large' ? new ResultTooLargeError(message.message) : new InvalidQueryError(message.message));
        return;
      }
    }
  }

  /** Sends queued jobs to idle, ready workers. */
  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) {
        return;
      }
      if (!slot.ready || slot.job !== undefined) {
        continue;
      }
      const job = this.queue.shift()!;
      job.slot = slot;
      job.started = Date.now();
      slot.job = job;
      const message: ToWorker = {
        type: 'query',
        id: job.id,
        query: job.request.query,
        format: job.request.format,
        dataset: job.request.dataset,
        maxBytes: this.options.maxResultBytes,
      };
      slot.worker.postMessage(message);
    }
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

  private expire(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, new QueryTimeoutError(`The query waited ${job.request.timeoutMs} ms for a free SPARQL worker; retry later or ask for a longer timeout.`));
      return;
    }
    if (job.slot !== undefined && job.slot.job === job) {
      this.logger.warn('SPARQL query timed out; restarting its worker', { query: job.id, worker: job.slot.index, timeoutMs: job.request.timeoutMs });
      this.replace(job.slot, new QueryTimeoutError(`The query did not finish within ${job.request.timeoutMs} ms and was stopped; make it more selective (LIMIT, more specific patterns) or raise the timeout.`));
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
      this.logger.info('Client went away; stopping its SPARQL query', { query: job.id, worker: job.slot.index });
      this.replace(job.slot, new QueryAbortedError('The client closed the connection.'));
    }
  }

  /** Terminates a worker (failing its job with `reason`) and starts a fresh one in its place. */
  private replace(slot: WorkerSlot, reason: Error): void {
    const job = slot.job;
    slot.job = undefined;
    slot.ready = false;
    if (job !== undefined) {
      this.finish(job, reason);
    }
    const old = slot.worker;
    old.removeAllListeners('exit');
    void old.terminate();
    if (this.closed) {
      return;
    }
    const fresh = this.spawn(slot.index);
    this.slots[slot.index] = fresh;
  }

  private exited(slot: WorkerSlot): void {
    if (this.closed || this.slots[slot.index] !== slot) {
      return;
    }
    this.logger.warn('SPARQL worker exited; starting another', { worker: slot.index });
    if (slot.job !== undefined) {
      this.finish(slot.job, new SparqlUnavailableError('The SPARQL worker stopped while running the query; send it again.'));
      slot.job = undefined;
    }
    if (this.failedStarts >= MAX_FAILED_STARTS) {
      for (const job of this.queue.splice(0)) {
        this.finish(job, new SparqlUnavailableError('The SPARQL workers cannot load the store; the server log has the details.'));
      }
      return;
    }
    this.slots[slot.index] = this.spawn(slot.index);
  }

  private finish(job: Job, error?: Error): void {
    clearTimeout(job.timer);
    if (error === undefined) {
      job.stream.end();
    } else {
      job.stream.fail(error);
    }
  }
}

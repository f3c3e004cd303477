import type { EncryptionKeysData } from '../store/embedded/DataEncryption.js';
import type { JournalRecord } from '../store/embedded/Journal.js';
import type { QueryForm } from '../store/QueryForm.js';

/** Where a worker runs a query: the dataset options of the SPARQL 1.1 Protocol. */
export interface QueryDataset {
  defaultGraphs?: string[];
  namedGraphs?: string[];
  /** Make the default graph the union of all named graphs when no default graphs are given. */
  unionDefaultGraph: boolean;
  baseIri?: string;
}

/** Messages from the pool to a SPARQL worker. */
export type ToWorker =
  | { type: 'record'; record: JournalRecord }
  | { type: 'query'; id: number; query: string; format: string; form?: QueryForm; dataset: QueryDataset; maxBytes: number }
  /** A chunk buffer that the main thread has written to the client, for the worker to reuse. */
  | { type: 'reuse'; buffer: ArrayBuffer };

/** Messages from a SPARQL worker to the pool. */
export type FromWorker =
  | {
      type: 'ready';
      sequence: number;
      quads: number;
      ms: number;
      /** The worker thread's nice value. */
      niceness: number;
      /** Error message of a failed attempt to set the nice value; absent when it succeeded. */
      priorityError?: string;
    }
  | { type: 'load-failed'; message: string }
  /** The worker took the query and is about to run it; sent before the engine starts. */
  | { type: 'started'; id: number }
  | {
      type: 'chunk';
      id: number;
      bytes: ArrayBuffer;
      /** Number of bytes at the start of `bytes` that contain the chunk, or all of them when absent. */
      length?: number;
      /** Whether the worker takes `bytes` back with a `reuse` message once the chunk is written. */
      reusable?: boolean;
      last: boolean;
    }
  | {
      type: 'query-failed';
      id: number;
      kind: 'invalid' | 'too-large' | 'engine-failure';
      message: string;
      /** The worker exits after this message, because the engine's state can no longer be trusted. */
      exiting: boolean;
    };

export interface WorkerData {
  dataDirectory: string;
  /** Keep only graphs readable at this export-control level (ReadLevel); undefined keeps every graph. */
  readLevel?: number;
  /** Keys of the data directory's encryption at rest. */
  encryption: EncryptionKeysData;
  /** Nice value the worker thread sets for itself on Linux, where nice values are per thread. */
  niceness: number;
}

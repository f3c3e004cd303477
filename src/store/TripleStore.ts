import type { Quad, Term } from '@rdfjs/types';

/**
 * The contract every triple store backend fulfils: the embedded Oxigraph store today, a remote
 * SPARQL 1.1 server (Virtuoso, Fuseki) later. Nothing here names an engine, and terms cross the
 * interface as RDF/JS objects or as serialized text, never as engine objects.
 *
 * Data model: every OSLC resource lives in its own named graph whose IRI is the resource IRI, so a
 * resource GET, PUT and DELETE read, replace and drop one graph. The default graph is not used for data.
 */
export interface TripleStore {
  /** Opens the store: recovers persisted state and makes it ready for reads and writes. */
  open(): Promise<void>;

  /** Flushes what is pending and releases files, locks and connections. */
  close(): Promise<void>;

  /** Returns the opaque version of a graph's current state, or undefined if the graph does not exist. */
  versionOf(graph: string): Promise<string | undefined>;

  /**
   * Returns a graph serialized in `format` (the graph name is dropped, so triple formats work), or
   * undefined if the graph does not exist.
   */
  readGraph(graph: string, format: GraphSerialization): Promise<GraphSnapshot | undefined>;

  /** Returns a graph's triples as RDF/JS quads in the default graph, or undefined if it does not exist. */
  readQuads(graph: string): Promise<Quad[] | undefined>;

  /**
   * Applies every write atomically: either all preconditions hold and all graphs change, or nothing
   * changes and a PreconditionFailedError names the first graph whose precondition failed.
   * The change is durable when the promise resolves.
   */
  commit(writes: readonly GraphWrite[]): Promise<CommitResult>;

  /** Runs a SPARQL 1.1 query and returns RDF/JS results. */
  query(sparql: string, options?: QueryOptions): Promise<QueryResult>;

  /**
   * Runs a SPARQL 1.1 query and returns the results serialized by the engine in `format`
   * (a SPARQL results media type for SELECT and ASK, an RDF media type for CONSTRUCT and DESCRIBE).
   */
  queryText(sparql: string, format: string, options?: QueryOptions): Promise<string>;

  /**
   * Runs a SPARQL 1.1 Update atomically and durably, and returns the graphs it changed. Writes to the
   * default graph are rejected, because data lives in named graphs.
   */
  update(sparql: string, options?: { baseIri?: string }): Promise<CommitResult>;

  /**
   * Loads many graphs, replacing any that exist, far faster than one commit each. The import is not
   * atomic as a whole: it is meant for loading files and sample data, when no one else writes. It is
   * durable when the promise resolves; other writes wait until then.
   */
  importGraphs(source: AsyncIterable<ImportedGraph> | Iterable<ImportedGraph>, onProgress?: (progress: ImportProgress) => void): Promise<ImportProgress>;

  /** Returns the IRIs of all named graphs. */
  graphs(): Promise<string[]>;

  /** Returns the number of quads in the store. */
  size(): Promise<number>;

  /** Registers a listener for committed changes and returns a function that removes it. */
  onChange(listener: ChangeListener): () => void;
}

/** Serializations a store can produce for one graph. */
export type GraphSerialization = 'application/n-triples' | 'text/turtle' | 'application/rdf+xml';

export interface GraphSnapshot {
  version: string;
  body: string;
}

/**
 * One graph's new state. `quads` replaces the graph's whole content (their graph component is ignored);
 * null deletes the graph.
 */
export interface GraphWrite {
  graph: string;
  quads: readonly Quad[] | null;
  /**
   * Precondition on the current state: undefined checks nothing, null requires that the graph does
   * not exist, and a string requires that the current version equals it.
   */
  expectedVersion?: string | null;
}

/** One graph of a bulk import: its triples (graph components are ignored). */
export interface ImportedGraph {
  graph: string;
  quads: readonly Quad[];
}

export interface ImportProgress {
  graphs: number;
  quads: number;
}

export interface CommitResult {
  /** New version of each written graph, or null for a deleted graph. */
  versions: Map<string, string | null>;
  /** Position of the change in the store's history; later changes have larger numbers. */
  sequence: number;
}

export interface QueryOptions {
  /** Graphs merged into the default graph of the query (SPARQL `FROM`). */
  defaultGraphs?: readonly string[];
  /** Graphs visible to `GRAPH` patterns (SPARQL `FROM NAMED`). */
  namedGraphs?: readonly string[];
  /** Makes the default graph the union of all named graphs when no `defaultGraphs` are given. */
  unionDefaultGraph?: boolean;
  baseIri?: string;
}

export type QueryResult =
  | { type: 'boolean'; value: boolean }
  | { type: 'bindings'; variables: string[]; rows: Map<string, Term>[] }
  | { type: 'quads'; quads: Quad[] };

export type ChangeKind = 'created' | 'modified' | 'deleted';

export interface ChangeEvent {
  graph: string;
  kind: ChangeKind;
  /** New version, absent for a deleted graph. */
  version?: string;
  sequence: number;
}

export type ChangeListener = (events: readonly ChangeEvent[]) => void;

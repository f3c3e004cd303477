import type { Quad } from '@rdfjs/types';
import { parseNTriples } from '../rdf/NTriples.js';
import type { TripleStore } from '../store/TripleStore.js';
import type { RdfResponder } from './RdfResponder.js';
import { RepresentationCache } from './RepresentationCache.js';
import type { Representation } from './Representation.js';

/** A serialized resource and the version it shows. */
export interface ResourceBody {
  version: string;
  body: Buffer;
}

/**
 * Serialized representations of stored resources, cached by graph, version and format. A cache hit
 * costs a map lookup; a miss reads the graph as N-Triples from the store once and writes the requested
 * format from it. Because the key holds the version, a cached body always matches its ETag.
 */
export class ResourceRepresentations {
  private readonly cache: RepresentationCache;

  public constructor(
    private readonly store: TripleStore,
    private readonly responder: RdfResponder,
    cacheBytes: number,
  ) {
    this.cache = new RepresentationCache(cacheBytes);
  }

  /** Returns the body for the graph's current version, or undefined when the graph does not exist. */
  public async get(graph: string, representation: Representation, knownVersion?: string): Promise<ResourceBody | undefined> {
    const version = knownVersion ?? (await this.store.versionOf(graph));
    if (version === undefined) {
      return undefined;
    }
    const cached = this.cache.get(cacheKey(graph, version, representation));
    if (cached !== undefined) {
      return { version, body: cached };
    }

    const snapshot = await this.store.readGraph(graph, 'application/n-triples');
    if (snapshot === undefined) {
      return undefined;
    }
    const body = Buffer.from(await this.serialize(graph, snapshot.body, representation), 'utf8');
    // An HTML page may show other graphs, which change without changing this graph's version.
    if (representation.format !== 'text/html') {
      this.cache.set(cacheKey(graph, snapshot.version, representation), body);
    }
    return { version: snapshot.version, body };
  }

  private async serialize(graph: string, ntriples: string, representation: Representation): Promise<string> {
    if (representation.format === 'application/n-triples') {
      return ntriples;
    }
    const quads: Quad[] = parseNTriples(ntriples);
    return this.responder.serialize(quads, representation, { subject: graph });
  }
}

function cacheKey(graph: string, version: string, representation: Representation): string {
  return `${version}\u0000${representation.contentType}\u0000${graph}`;
}

import type { Quad } from '@rdfjs/types';
import { getLogger, errorMessage } from '../logging/Logger.js';
import { DCTERMS, DT, OSLC, RDF_TYPE } from '../rdf/namespaces.js';
import type { TripleStore } from '../store/TripleStore.js';
import { selectRows } from '../store/TsvResults.js';

/**
 * Weight of a search term found in each text property; a member's `oslc:score` sums them over all terms.
 * Part and serial numbers, and the identifiers that requirements tools gave imported requirements (such
 * as SRS-042), weigh as much as identifiers, because users search by them.
 */
export const SEARCH_WEIGHTS: readonly [property: string, weight: number][] = [
  [DCTERMS('identifier'), 3],
  [DT('externalIdentifier'), 3],
  [DT('partNumber'), 3],
  [DT('serialNumber'), 3],
  [DCTERMS('title'), 2],
  [DCTERMS('description'), 1],
];

/** The indexed text of one resource, lower-cased, and what it belongs to. */
interface Entry {
  provider: string;
  types: Set<string>;
  texts: Map<string, string>;
}

/** A resource that matched, with its relevance. */
export interface SearchHit {
  iri: string;
  score: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * In-memory index for `oslc.searchTerms`: the identifier, tool identifier, part or serial number, title and description of every resource that
 * belongs to a service provider, with a word dictionary to find candidates. A term matches a resource
 * when it occurs, case-insensitively, anywhere in one of those texts, as CONTAINS(LCASE(...)) would
 * decide; the dictionary only narrows the resources that are checked. Scanning those texts in SPARQL
 * took about 400 ms at a million triples and blocked the event loop; the index answers in
 * milliseconds. It follows the store's change events, a few microseconds behind each write.
 */
export class SearchIndex {
  private readonly logger = getLogger('SearchIndex');
  private readonly entries = new Map<string, Entry>();
  private readonly words = new Map<string, Set<string>>();
  private loading: Promise<void> | undefined;

  public constructor(private readonly store: TripleStore) {}

  /**
   * Starts following changes at once and builds the index on the first search, so start-up does not
   * wait for it (about a second at a million triples).
   */
  public start(): void {
    this.store.onChange((events) => {
      if (this.loading === undefined) {
        return;
      }
      for (const event of events) {
        if (event.kind === 'deleted') {
          void this.loading.then(() => this.remove(event.graph));
        } else {
          this.loading
            .then(() => this.store.readQuads(event.graph))
            .then((quads) => this.put(event.graph, quads ?? []))
            .catch((error: unknown) => this.logger.error('Could not index a changed resource', { graph: event.graph, error: errorMessage(error) }));
        }
      }
    });
  }

  /** Builds the index if that has not happened yet. */
  public ready(): Promise<void> {
    this.loading ??= this.build();
    return this.loading;
  }

  /**
   * Reads every resource's provider, types and texts with one query each, as tab-separated values:
   * far less memory than JSON results for a few hundred thousand rows.
   */
  private async build(): Promise<void> {
    const started = performance.now();
    const provider = `<${OSLC('serviceProvider')}>`;
    for (const row of await this.rows(`SELECT ?s ?sp WHERE { ?s ${provider} ?sp }`)) {
      this.entries.set(row[0]!, { provider: row[1]!, types: new Set(), texts: new Map() });
    }
    for (const row of await this.rows(`SELECT ?s ?type WHERE { ?s ${provider} ?sp ; <${RDF_TYPE}> ?type }`)) {
      this.entries.get(row[0]!)?.types.add(row[1]!);
    }
    for (const [property] of SEARCH_WEIGHTS) {
      for (const row of await this.rows(`SELECT ?s ?text WHERE { ?s ${provider} ?sp ; <${property}> ?text }`)) {
        const entry = this.entries.get(row[0]!);
        if (entry !== undefined && !entry.texts.has(property)) {
          const text = row[1]!.toLowerCase();
          entry.texts.set(property, text);
          this.addWords(row[0]!, text);
        }
      }
    }
    this.logger.info('Built the search index', { resources: this.entries.size, words: this.words.size, ms: Math.round(performance.now() - started) });
  }

  /** Runs a SELECT over the union of all graphs and returns its rows as plain strings (IRIs and literal values). */
  private rows(sparql: string): Promise<string[][]> {
    return selectRows(this.store, sparql, { unionDefaultGraph: true });
  }

  /** Returns the resources of `type` in `provider` matching at least one term, best first, then by IRI. */
  public async search(terms: readonly string[], provider: string, type: string): Promise<SearchHit[]> {
    await this.ready();
    const lowered = terms.map((term) => term.toLowerCase()).filter((term) => term !== '');
    const candidates = this.candidates(lowered);
    const hits: SearchHit[] = [];
    for (const iri of candidates) {
      const entry = this.entries.get(iri);
      if (entry === undefined || entry.provider !== provider || !entry.types.has(type)) {
        continue;
      }
      let score = 0;
      for (const [property, weight] of SEARCH_WEIGHTS) {
        const text = entry.texts.get(property);
        if (text !== undefined) {
          for (const term of lowered) {
            if (text.includes(term)) {
              score += weight;
            }
          }
        }
      }
      if (score > 0) {
        hits.push({ iri, score });
      }
    }
    return hits.sort((a, b) => b.score - a.score || (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
  }

  /**
   * Resources that may match: those with a word containing the longest word of a term. A term without
   * letters or digits (such as "-") cannot be narrowed, so every resource is a candidate.
   */
  private candidates(terms: readonly string[]): Set<string> {
    const found = new Set<string>();
    for (const term of terms) {
      const longest = (term.match(WORD) ?? []).sort((a, b) => b.length - a.length)[0];
      if (longest === undefined) {
        return new Set(this.entries.keys());
      }
      for (const [word, iris] of this.words) {
        if (word.includes(longest)) {
          for (const iri of iris) {
            found.add(iri);
          }
        }
      }
    }
    return found;
  }

  private put(iri: string, quads: readonly Quad[]): void {
    this.remove(iri);
    const own = quads.filter((quad) => quad.subject.value === iri);
    const provider = own.find((quad) => quad.predicate.value === OSLC('serviceProvider'))?.object.value;
    if (provider === undefined) {
      return;
    }
    const entry: Entry = { provider, types: new Set(own.filter((quad) => quad.predicate.value === RDF_TYPE).map((quad) => quad.object.value)), texts: new Map() };
    for (const [property] of SEARCH_WEIGHTS) {
      const text = own.find((quad) => quad.predicate.value === property && quad.object.termType === 'Literal')?.object.value;
      if (text !== undefined) {
        entry.texts.set(property, text.toLowerCase());
        this.addWords(iri, text.toLowerCase());
      }
    }
    this.entries.set(iri, entry);
  }

  private remove(iri: string): void {
    const entry = this.entries.get(iri);
    if (entry === undefined) {
      return;
    }
    this.entries.delete(iri);
    for (const text of entry.texts.values()) {
      for (const word of text.match(WORD) ?? []) {
        const iris = this.words.get(word);
        iris?.delete(iri);
        if (iris?.size === 0) {
          this.words.delete(word);
        }
      }
    }
  }

  private addWords(iri: string, text: string): void {
    for (const word of text.match(WORD) ?? []) {
      let iris = this.words.get(word);
      if (iris === undefined) {
        iris = new Set();
        this.words.set(word, iris);
      }
      iris.add(iri);
    }
  }
}

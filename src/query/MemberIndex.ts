import { DataFactory } from 'n3';
import { errorMessage, getLogger } from '../logging/Logger.js';
import { OSLC, RDF_TYPE } from '../rdf/namespaces.js';
import { SparqlTemplate } from '../store/SparqlTemplate.js';
import { selectRows } from '../store/TsvResults.js';
import type { ChangeEvent, TripleStore } from '../store/TripleStore.js';
import { compareCodePoints } from '../util/CodePointOrder.js';

const { namedNode } = DataFactory;

/** Most changed resources read back by one query. More changes than this rebuild the whole index. */
const REFRESH_LIMIT = 2_000;

const TYPES_AND_PROVIDERS = `SELECT ?g ?type ?provider WHERE { GRAPH ?g { ?g <${RDF_TYPE}> ?type ; <${OSLC('serviceProvider')}> ?provider } }`;

/**
 * The members of each resource type in each service provider: resources in their own graph with
 * `rdf:type` and `oslc:serviceProvider`, as the query capabilities define membership. A query without
 * `oslc.where`, `oslc.orderBy` and `oslc.searchTerms` lists these members in IRI order. The index
 * serves that list from memory, where the engine would join every resource of the type with its
 * provider after each change to the store.
 *
 * The index is built by one query on first use. After that it reads back only the resources that
 * changed, which the store's change events name, before it returns a list. A change to more than
 * REFRESH_LIMIT resources (an import) rebuilds it.
 */
export class MemberIndex {
  private readonly logger = getLogger('MemberIndex');
  private readonly template = new SparqlTemplate(TYPES_AND_PROVIDERS, []);
  /** Member IRIs of each type and provider key. */
  private readonly members = new Map<string, Set<string>>();
  /** Keys each resource is a member under, to drop it from them when it changes. */
  private readonly keysOf = new Map<string, string[]>();
  /** Member lists in code point order, made on demand and dropped when their key's members change. */
  private readonly sorted = new Map<string, string[]>();
  private readonly changed = new Set<string>();
  private built = false;
  private refreshing: Promise<void> | undefined;

  public constructor(private readonly store: TripleStore) {
    store.onChange((events) => this.noteChanges(events));
  }

  /**
   * Returns the members of `type` in `provider` in code point order of their IRIs, the order of SPARQL
   * `ORDER BY` on IRIs. The array is shared, so callers must not change it.
   */
  public async list(type: string, provider: string): Promise<readonly string[]> {
    await this.refresh();
    const key = memberKey(type, provider);
    let list = this.sorted.get(key);
    if (list === undefined) {
      list = [...(this.members.get(key) ?? [])].sort(compareCodePoints);
      this.sorted.set(key, list);
    }
    return list;
  }

  private noteChanges(events: readonly ChangeEvent[]): void {
    if (!this.built) {
      return;
    }
    for (const event of events) {
      this.changed.add(event.graph);
    }
  }

  /** Brings the index up to date with every change noted so far. One refresh runs at a time. */
  private async refresh(): Promise<void> {
    while (this.refreshing !== undefined) {
      await this.refreshing;
    }
    if (this.built && this.changed.size === 0) {
      return;
    }
    this.refreshing = this.built && this.changed.size <= REFRESH_LIMIT ? this.readChanged() : this.rebuild();
    try {
      await this.refreshing;
    } finally {
      this.refreshing = undefined;
    }
  }

  private async rebuild(): Promise<void> {
    const started = performance.now();
    // Changes during the query are noted again and read back by the next refresh.
    this.changed.clear();
    this.built = true;
    let rows: string[][];
    try {
      rows = await selectRows(this.store, TYPES_AND_PROVIDERS);
    } catch (error) {
      this.built = false;
      this.logger.error('Could not build the member index', { error: errorMessage(error) });
      throw error;
    }
    this.members.clear();
    this.keysOf.clear();
    this.sorted.clear();
    this.addRows(rows);
    this.logger.info('Built the member index', { resources: this.keysOf.size, ms: Math.round(performance.now() - started) });
  }

  private async readChanged(): Promise<void> {
    const graphs = [...this.changed];
    this.changed.clear();
    let rows: string[][];
    try {
      rows = await selectRows(this.store, this.template.bind({}, { variable: 'g', terms: graphs.map((graph) => namedNode(graph)) }));
    } catch (error) {
      // Without the read-back the index cannot be trusted, so the next use rebuilds it.
      this.built = false;
      this.logger.error('Could not read changed resources into the member index', { resources: graphs.length, error: errorMessage(error) });
      throw error;
    }
    for (const graph of graphs) {
      this.remove(graph);
    }
    this.addRows(rows);
  }

  private addRows(rows: readonly string[][]): void {
    for (const [graph, type, provider] of rows) {
      if (graph === undefined || type === undefined || provider === undefined) {
        continue;
      }
      const key = memberKey(type, provider);
      let members = this.members.get(key);
      if (members === undefined) {
        members = new Set();
        this.members.set(key, members);
      }
      members.add(graph);
      this.sorted.delete(key);
      const keys = this.keysOf.get(graph);
      if (keys === undefined) {
        this.keysOf.set(graph, [key]);
      } else {
        keys.push(key);
      }
    }
  }

  private remove(graph: string): void {
    for (const key of this.keysOf.get(graph) ?? []) {
      this.members.get(key)?.delete(graph);
      this.sorted.delete(key);
    }
    this.keysOf.delete(graph);
  }
}

function memberKey(type: string, provider: string): string {
  return `${type}\u0000${provider}`;
}

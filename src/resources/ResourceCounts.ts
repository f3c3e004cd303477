import { selectReadable, type QueryScope } from '../query/QueryScope.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import { SparqlTemplate } from '../store/SparqlTemplate.js';
import type { TripleStore } from '../store/TripleStore.js';

const COUNTS = new SparqlTemplate(
  `PREFIX oslc: <http://open-services.net/ns/core#>
SELECT ?provider ?type (COUNT(DISTINCT ?resource) AS ?count) WHERE {
  ?resource a ?type ; oslc:serviceProvider ?provider .
}
GROUP BY ?provider ?type`,
  [],
);

/**
 * Number of resources per service provider and resource type, counted as the creation factories list
 * them (instances of the shape's first described class with that `oslc:serviceProvider`), among the
 * resources a read scope may read. The counts of each scope are computed on first use and again after
 * the store changes, so repeated reads cost nothing.
 */
export class ResourceCounts {
  /** Counts per scope key. */
  private readonly counts = new Map<string, Promise<Map<string, number>>>();

  public constructor(
    private readonly store: TripleStore,
    private readonly types: readonly ResourceTypeShape[],
  ) {
    store.onChange(() => {
      this.counts.clear();
    });
  }

  /** Returns the number of resources of `shape` in the provider with IRI `provider` that `scope` may read. */
  public async count(provider: string, shape: ResourceTypeShape, scope: QueryScope): Promise<number> {
    const counts = await this.current(scope);
    return counts.get(key(provider, shape.describes[0]!)) ?? 0;
  }

  private current(scope: QueryScope): Promise<Map<string, number>> {
    let counting = this.counts.get(scope.key);
    if (counting === undefined) {
      const started = this.read(scope);
      counting = started;
      this.counts.set(scope.key, started);
      // A failed count is not kept, so the next request tries again.
      started.catch(() => {
        if (this.counts.get(scope.key) === started) {
          this.counts.delete(scope.key);
        }
      });
    }
    return counting;
  }

  private async read(scope: QueryScope): Promise<Map<string, number>> {
    const counted = new Set(this.types.map((shape) => shape.describes[0]));
    const counts = new Map<string, number>();
    for (const row of await selectReadable(this.store, COUNTS.bind({}), scope)) {
      const type = row.get('type')!.value;
      if (counted.has(type)) {
        counts.set(key(row.get('provider')!.value, type), Number(row.get('count')!.value));
      }
    }
    return counts;
  }
}

function key(provider: string, type: string): string {
  return `${provider} ${type}`;
}

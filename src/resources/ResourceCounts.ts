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
 * them (instances of the shape's first described class with that `oslc:serviceProvider`). The counts
 * are computed on first use and again after the store changes, so repeated reads cost nothing.
 */
export class ResourceCounts {
  private counts: Promise<Map<string, number>> | undefined;

  public constructor(
    private readonly store: TripleStore,
    private readonly types: readonly ResourceTypeShape[],
  ) {
    store.onChange(() => {
      this.counts = undefined;
    });
  }

  /** Returns the number of resources of `shape` in the provider with IRI `provider`. */
  public async count(provider: string, shape: ResourceTypeShape): Promise<number> {
    const counts = await this.current();
    return counts.get(key(provider, shape.describes[0]!)) ?? 0;
  }

  private current(): Promise<Map<string, number>> {
    if (this.counts === undefined) {
      const counting = this.read();
      this.counts = counting;
      // A failed count is not kept, so the next request tries again.
      counting.catch(() => {
        if (this.counts === counting) {
          this.counts = undefined;
        }
      });
    }
    return this.counts;
  }

  private async read(): Promise<Map<string, number>> {
    const counted = new Set(this.types.map((shape) => shape.describes[0]));
    const counts = new Map<string, number>();
    const result = await this.store.query(COUNTS.bind({}), { unionDefaultGraph: true });
    if (result.type === 'bindings') {
      for (const row of result.rows) {
        const type = row.get('type')!.value;
        if (counted.has(type)) {
          counts.set(key(row.get('provider')!.value, type), Number(row.get('count')!.value));
        }
      }
    }
    return counts;
  }
}

function key(provider: string, type: string): string {
  return `${provider} ${type}`;
}

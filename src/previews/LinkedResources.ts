import { DCTERMS, OSLC_PLM } from '../rdf/namespaces.js';
import type { TripleStore } from '../store/TripleStore.js';

/** The title and identifier of a resource that a preview links to. */
export interface LinkedResource {
  title?: string;
  identifier?: string;
}

/** Maximum number of resources whose titles one preview looks up; further links show only their identifier. */
export const MAX_LOOKUPS = 60;

/** IRIs that can be written between angle brackets in SPARQL without escaping. */
const SAFE_IRI = /^[^\s<>"{}|\\^`]+$/;

/** Store queries that previews need beyond the resource's own graph. */
export class LinkedResources {
  public constructor(private readonly store: TripleStore) {}

  /** Returns the title and identifier of each resource, read from the resource's own graph. */
  public async describe(iris: Iterable<string>): Promise<Map<string, LinkedResource>> {
    const queried = [...new Set(iris)].filter((iri) => SAFE_IRI.test(iri)).slice(0, MAX_LOOKUPS);
    const found = new Map<string, LinkedResource>();
    if (queried.length === 0) {
      return found;
    }
    const result = await this.store.query(
      `SELECT ?resource ?title ?identifier WHERE {
        VALUES ?resource { ${queried.map((iri) => `<${iri}>`).join(' ')} }
        GRAPH ?resource {
          OPTIONAL { ?resource <${DCTERMS('title')}> ?title }
          OPTIONAL { ?resource <${DCTERMS('identifier')}> ?identifier }
        }
      }`,
    );
    if (result.type !== 'bindings') {
      return found;
    }
    for (const row of result.rows) {
      const iri = row.get('resource')!.value;
      const title = row.get('title')?.value;
      const identifier = row.get('identifier')?.value;
      found.set(iri, { ...(title === undefined ? {} : { title }), ...(identifier === undefined ? {} : { identifier }) });
    }
    return found;
  }

  /** Counts the BOM lines (`oslc_plm:representsPart`) that use a part, in every programme. */
  public async whereUsedCount(part: string): Promise<number> {
    if (!SAFE_IRI.test(part)) {
      return 0;
    }
    const result = await this.store.query(`SELECT (COUNT(DISTINCT ?line) AS ?count) WHERE { GRAPH ?line { ?line <${OSLC_PLM('representsPart')}> <${part}> } }`);
    if (result.type !== 'bindings' || result.rows.length === 0) {
      return 0;
    }
    return Number(result.rows[0]!.get('count')?.value ?? 0);
  }
}

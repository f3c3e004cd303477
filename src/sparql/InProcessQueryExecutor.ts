import type { TripleStore } from '../store/TripleStore.js';
import type { QueryExecutor, SparqlRequest } from './QueryExecutor.js';

/**
 * Runs SPARQL queries through the store itself, for backends that run queries elsewhere (a remote
 * SPARQL server), where waiting does not block this process.
 * NOTE: the timeout is not enforced here; a remote backend must apply its own query timeout.
 */
export class InProcessQueryExecutor implements QueryExecutor {
  public constructor(private readonly store: TripleStore) {}

  public async *execute(request: SparqlRequest): AsyncIterable<Buffer> {
    const options = request.dataset.defaultGraphs === undefined ? { unionDefaultGraph: request.dataset.unionDefaultGraph } : { defaultGraphs: request.dataset.defaultGraphs };
    const text = await this.store.queryText(request.query, request.format, {
      ...options,
      ...(request.dataset.namedGraphs === undefined ? {} : { namedGraphs: request.dataset.namedGraphs }),
      ...(request.dataset.baseIri === undefined ? {} : { baseIri: request.dataset.baseIri }),
    });
    yield Buffer.from(text, 'utf8');
  }

  public async close(): Promise<void> {}
}

import type { EvidenceSource } from '../certification/EvidenceSnapshot.js';
import type { QueryExecutor } from '../sparql/QueryExecutor.js';

/**
 * Runs the analysis queries on the SPARQL worker threads, whose replicas follow the store, so that
 * an analysis of a large provider does not hold up other requests. Queries see every named graph,
 * as the store's own queryText does, and stop after `timeoutMs`.
 */
export function workerEvidenceSource(executor: QueryExecutor, timeoutMs: number, signal?: AbortSignal): EvidenceSource {
  return {
    async queryText(sparql: string, format: string): Promise<string> {
      const chunks: Buffer[] = [];
      for await (const chunk of executor.execute({ query: sparql, format, dataset: { unionDefaultGraph: false }, timeoutMs }, signal)) {
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

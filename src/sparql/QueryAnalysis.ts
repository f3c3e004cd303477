import sparqljs from 'sparqljs';
import { InvalidQueryError } from '../store/StoreError.js';
import type { QueryForm } from '../store/QueryForm.js';
import { containsService } from '../store/SparqlSyntax.js';

/** Analyses kept for queries sent again, such as the queries of dashboards and of the example buttons. */
const REMEMBERED_ANALYSES = 256;

/** Longer query texts are analysed every time, so the remembered keys stay under about 4 million characters. */
const REMEMBERED_TEXT_LENGTH = 16 * 1024;

export interface QueryAnalysis {
  form: QueryForm;
  hasDataset: boolean;
}

const remembered = new Map<string, QueryAnalysis>();

/**
 * Parses a query for the SPARQL endpoint and returns its form and whether it names its own dataset
 * (FROM or FROM NAMED). Rejects updates sent as queries and
 * `SERVICE` (federated query), which this server does not run: it would make the server open
 * connections to hosts a query names.
 */
export function analyzeQuery(text: string, baseIri: string): QueryAnalysis {
  const key = `${baseIri}\n${text}`;
  const known = remembered.get(key);
  if (known !== undefined) {
    return known;
  }
  const analysis = parseAndCheck(text, baseIri);
  if (text.length > REMEMBERED_TEXT_LENGTH) {
    return analysis;
  }
  // Map keeps insertion order, so the first key is the oldest.
  if (remembered.size >= REMEMBERED_ANALYSES) {
    remembered.delete(remembered.keys().next().value!);
  }
  remembered.set(key, analysis);
  return analysis;
}

function parseAndCheck(text: string, baseIri: string): QueryAnalysis {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(text);
  } catch (error) {
    throw new InvalidQueryError(`Invalid SPARQL query: ${(error as Error).message}`);
  }
  if (parsed.type === 'update') {
    throw new InvalidQueryError('The text is a SPARQL update; send updates to /sparql/update.');
  }
  if (containsService(parsed)) {
    throw new InvalidQueryError('SERVICE (federated query) is disabled on this server; query the data stored here only.');
  }
  const from = (parsed as { from?: { default?: unknown[]; named?: unknown[] } }).from;
  const hasDataset = (from?.default?.length ?? 0) + (from?.named?.length ?? 0) > 0;
  return { form: parsed.queryType as QueryForm, hasDataset };
}

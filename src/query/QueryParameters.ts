import { QuerySyntaxError } from './QuerySyntaxError.js';
import type { SelectedProperty, SortKey, WhereClause } from './QueryAst.js';
import { closestName, OSLC_QUERY_PARAMETERS } from './ParameterNames.js';
import { parseOrderBy, parsePrefixes, parseSearchTerms, parseSelect, parseWhere } from './QueryParsers.js';

/** The parsed OSLC query parameters of one request. */
export interface QueryParameters {
  prefixes: Record<string, string>;
  where?: WhereClause;
  select?: SelectedProperty[];
  properties?: SelectedProperty[];
  orderBy?: SortKey[];
  searchTerms?: string[];
  paging: boolean;
  pageSize?: number;
  /** 1-based page number of a paged result. */
  page: number;
}

/** Parameters that may be given once only. */
const SINGLE = ['oslc.where', 'oslc.select', 'oslc.properties', 'oslc.orderBy', 'oslc.searchTerms', 'oslc.paging', 'oslc.pageSize', 'page'];

export const MAX_PAGE_SIZE = 10_000;

/** Highest page number: page times page size stays an exact integer offset. */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_PAGE_SIZE);

/**
 * Parses the OSLC Query 3.0 parameters of a query capability request. `oslc.prefix` may be repeated;
 * the others may appear once. An `oslc.` parameter outside the specification's set is an error,
 * because a misspelt one would otherwise be ignored in silence; other parameters are ignored.
 */
export function parseQueryParameters(search: URLSearchParams): QueryParameters {
  rejectUnknownParameters(search);
  for (const name of SINGLE) {
    if (search.getAll(name).length > 1) {
      throw new QuerySyntaxError(name, 0, `the parameter is given ${search.getAll(name).length} times; give it once`);
    }
  }

  const prefixes = parsePrefixes(search.getAll('oslc.prefix'));
  const parameters: QueryParameters = { prefixes, paging: false, page: 1 };

  const where = search.get('oslc.where');
  if (where !== null && where.trim() !== '') {
    parameters.where = parseWhere(where, prefixes);
  }
  const select = search.get('oslc.select');
  if (select !== null && select.trim() !== '') {
    parameters.select = parseSelect('oslc.select', select, prefixes);
  }
  const properties = search.get('oslc.properties');
  if (properties !== null && properties.trim() !== '') {
    parameters.properties = parseSelect('oslc.properties', properties, prefixes);
  }
  const orderBy = search.get('oslc.orderBy');
  if (orderBy !== null && orderBy.trim() !== '') {
    parameters.orderBy = parseOrderBy(orderBy, prefixes);
  }
  const searchTerms = search.get('oslc.searchTerms');
  if (searchTerms !== null && searchTerms.trim() !== '') {
    parameters.searchTerms = parseSearchTerms(searchTerms);
  }

  const paging = search.get('oslc.paging');
  if (paging !== null) {
    if (paging !== 'true' && paging !== 'false') {
      throw new QuerySyntaxError('oslc.paging', 0, `"${paging}" is not true or false`);
    }
    parameters.paging = paging === 'true';
  }
  const pageSize = search.get('oslc.pageSize');
  if (pageSize !== null) {
    const size = Number(pageSize);
    if (!/^\d+$/.test(pageSize) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new QuerySyntaxError('oslc.pageSize', 0, `"${pageSize}" is not a page size; use an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    parameters.pageSize = size;
    parameters.paging = true;
  }
  const page = search.get('page');
  if (page !== null) {
    const number = Number(page);
    if (!/^\d+$/.test(page) || number < 1) {
      throw new QuerySyntaxError('page', 0, `"${page}" is not a page number; use a whole number from 1, as given in oslc:nextPage`);
    }
    if (number > MAX_PAGE) {
      throw new QuerySyntaxError('page', 0, `page ${page} is past the last page any query can have (${MAX_PAGE}); follow oslc:nextPage instead`);
    }
    parameters.page = number;
  }
  return parameters;
}

/**
 * A name that can be a misspelt OSLC parameter. Other `oslc.` names are ignored: oslc-client 1.0.7
 * percent-encodes the `=` of its `oslc.prefix`, so its declarations arrive as one long parameter name.
 */
const PARAMETER_NAME = /^oslc\.[A-Za-z0-9_.-]*$/;

function rejectUnknownParameters(search: URLSearchParams): void {
  const known: readonly string[] = OSLC_QUERY_PARAMETERS;
  for (const name of new Set(search.keys())) {
    if (!PARAMETER_NAME.test(name) || known.includes(name)) {
      continue;
    }
    const suggestion = closestName(name, known);
    const hint = suggestion === undefined ? `the OSLC query parameters are ${known.join(', ')}` : `did you mean ${suggestion}?`;
    throw new QuerySyntaxError(name, 0, `unknown OSLC query parameter ${name}; ${hint}`);
  }
}

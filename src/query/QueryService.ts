import { DataFactory } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { GraphBuilder } from '../rdf/GraphBuilder.js';
import { DCTERMS, OSLC, RDFS, XSD } from '../rdf/namespaces.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { TripleStore } from '../store/TripleStore.js';
import { MemberIndex } from './MemberIndex.js';
import { PropertySelection } from './PropertySelection.js';
import { MAX_PAGE_SIZE, type QueryParameters } from './QueryParameters.js';
import { QueryTranslator, type MemberQuery } from './QueryTranslator.js';
import type { QueryScope } from './QueryScope.js';
import type { SearchIndex } from './SearchIndex.js';
import { QuerySyntaxError } from './QuerySyntaxError.js';
import { checkSelectedProperties, definesProperty } from './ShapeTermChecks.js';

const { namedNode, literal } = DataFactory;

/** Page size when the client asks for paging without a size. */
export const DEFAULT_PAGE_SIZE = 100;

/** Most members returned without paging; larger results are paged by the server with oslc:nextPage. */
export const UNPAGED_LIMIT = MAX_PAGE_SIZE;

/** Largest member list kept whole, so later pages of the same query are slices of it. */
const CACHED_LIST_LIMIT = 100_000;

/** Member IRIs kept in all cached lists together (about 100 bytes each). */
const CACHED_MEMBERS = 500_000;

/** A query's complete, ordered member IRIs, valid while the store has not changed. */
interface MemberList {
  generation: number;
  members: string[];
}

/** One page of member IRIs, in result order. */
export interface MemberPage {
  members: string[];
  hasNext: boolean;
  total: number;
}

export interface QueryRequest {
  providerIri: string;
  shape: ResourceTypeShape;
  queryBase: string;
  /** Absolute URL of this request; it names the page's oslc:ResponseInfo. */
  requestUrl: URL;
  parameters: QueryParameters;
  /** The resources the requesting user may read; undefined means all. */
  scope?: QueryScope;
}

/**
 * Runs an OSLC query capability request (OSLC Query 3.0): members as `rdfs:member` of the query base,
 * the properties `oslc.select` or `oslc.properties` ask for, and an `oslc:ResponseInfo` named by the
 * page URL with `oslc:totalCount` and, when more results exist, `oslc:nextPage`.
 */
export class QueryService {
  private readonly translator: QueryTranslator;
  private readonly memberIndex: MemberIndex;
  private readonly lists = new Map<string, MemberList>();
  private cachedMembers = 0;
  /** Increases with every change to the store; cached member lists of older generations are stale. */
  private generation = 0;

  public constructor(
    private readonly store: TripleStore,
    shapes: ShapeRegistry,
    private readonly search: SearchIndex,
  ) {
    this.translator = new QueryTranslator(shapes);
    this.memberIndex = new MemberIndex(store);
    store.onChange(() => {
      this.generation++;
    });
  }

  public async execute(request: QueryRequest): Promise<Quad[]> {
    const { parameters, shape } = request;
    const pageSize = parameters.paging ? (parameters.pageSize ?? DEFAULT_PAGE_SIZE) : UNPAGED_LIMIT;
    const selection = parameters.select ?? parameters.properties;
    if (selection !== undefined) {
      checkSelectedProperties(parameters.select !== undefined ? 'oslc.select' : 'oslc.properties', shape, selection);
    }
    const { page, hasNext, total } = await this.findPage(request.providerIri, shape, parameters, pageSize, request.scope);

    const graph = new GraphBuilder();
    for (const row of page) {
      graph.add(request.queryBase, RDFS('member'), row.get('s')!.value);
      const score = row.get('score');
      if (score !== undefined) {
        graph.add(row.get('s')!.value, OSLC('score'), literal(score.value, namedNode(XSD('integer'))));
      }
    }

    if (selection !== undefined) {
      const selected = new PropertySelection(this.store, request.scope);
      for (const row of page) {
        await selected.add(row.get('s')!.value, selection);
      }
      graph.quads.push(...selected.quads);
    }

    const responseInfo = request.requestUrl.href;
    graph.type(responseInfo, OSLC('ResponseInfo'));
    graph.literal(responseInfo, DCTERMS('title'), `${shape.title} query results`);
    graph.add(responseInfo, OSLC('totalCount'), literal(String(total), namedNode(XSD('integer'))));
    if (hasNext) {
      const next = new URL(request.requestUrl.href);
      next.searchParams.set('page', String(parameters.page + 1));
      if (!parameters.paging) {
        next.searchParams.set('oslc.paging', 'true');
        next.searchParams.set('oslc.pageSize', String(pageSize));
      }
      graph.add(responseInfo, OSLC('nextPage'), next.href);
    }
    return graph.quads;
  }

  /**
   * Returns one page of the members of `shape` in a provider that match `parameters` (where, orderBy,
   * searchTerms and page; select is ignored): their IRIs in result order, the total and whether more
   * pages follow. Delegated dialogs list their results with it.
   */
  public async findMembers(providerIri: string, shape: ResourceTypeShape, parameters: QueryParameters, pageSize: number, scope?: QueryScope): Promise<MemberPage> {
    const { page, hasNext, total } = await this.findPage(providerIri, shape, parameters, pageSize, scope);
    return { members: page.map((row) => row.get('s')!.value), hasNext, total };
  }

  private async findPage(
    providerIri: string,
    shape: ResourceTypeShape,
    parameters: QueryParameters,
    pageSize: number,
    scope: QueryScope | undefined,
  ): Promise<{ page: Map<string, Term>[]; hasNext: boolean; total: number }> {
    this.checkOrderBy(shape, parameters);
    const memberQuery: MemberQuery = { type: shape.describes[0]!, provider: providerIri, shape };
    if (parameters.where !== undefined) memberQuery.where = parameters.where;
    if (parameters.orderBy !== undefined) memberQuery.orderBy = parameters.orderBy;

    const offset = (parameters.page - 1) * pageSize;
    const restricted = scope === undefined || scope.unrestricted ? undefined : scope;
    return parameters.searchTerms === undefined
      ? this.page(memberQuery, offset, pageSize, restricted)
      : this.searchPage(memberQuery, parameters.searchTerms, offset, pageSize, restricted);
  }

  /**
   * Returns one page of a search: the index finds and scores the matches; when the query also has
   * `oslc.where` or `oslc.orderBy`, SPARQL filters and orders those matches, and the relevance order
   * is then applied on top (a stable sort, so equal scores keep the requested order).
   */
  private async searchPage(
    query: MemberQuery,
    terms: string[],
    offset: number,
    pageSize: number,
    scope: QueryScope | undefined,
  ): Promise<{ page: Map<string, Term>[]; hasNext: boolean; total: number }> {
    const found = await this.search.search(terms, query.provider, query.type);
    // The index holds each resource's own texts, so dropping unreadable hits leaves nothing of them.
    const hits = scope === undefined ? found : found.filter((hit) => scope.canRead(hit.iri));
    const scores = new Map(hits.map((hit) => [hit.iri, hit.score]));
    let rows: Map<string, Term>[];
    if (query.where === undefined && query.orderBy === undefined) {
      rows = hits.map((hit) => new Map<string, Term>([['s', namedNode(hit.iri)]]));
    } else if (hits.length === 0) {
      rows = [];
    } else {
      rows = await this.bindings(this.translator.members({ ...query, candidates: hits.map((hit) => hit.iri) }), scope);
      rows.sort((a, b) => scores.get(b.get('s')!.value)! - scores.get(a.get('s')!.value)!);
    }
    for (const row of rows) {
      row.set('score', literal(String(scores.get(row.get('s')!.value)), namedNode(XSD('integer'))));
    }
    return { page: rows.slice(offset, offset + pageSize), hasNext: rows.length > offset + pageSize, total: rows.length };
  }

  /**
   * Returns one page of members. A query without filter and sort keys pages through the MemberIndex.
   * Otherwise the whole ordered member list is fetched once and kept until the store changes, so
   * paging through a result costs one query. Lists longer than CACHED_LIST_LIMIT are paged with LIMIT
   * and OFFSET and counted with a second query instead. A restricted scope runs
   * the queries on replicas of the readable graphs, so filters on linked resources cannot match
   * through resources the user may not read, and caches its lists apart from other scopes.
   */
  private async page(query: MemberQuery, offset: number, pageSize: number, scope: QueryScope | undefined): Promise<{ page: Map<string, Term>[]; hasNext: boolean; total: number }> {
    if (query.where === undefined && query.orderBy === undefined) {
      // Every member, in IRI order: the order ORDER BY ?s gives the SPARQL path below.
      const all = await this.memberIndex.list(query.type, query.provider);
      const members = scope === undefined ? all : all.filter((iri) => scope.canRead(iri));
      const page = members.slice(offset, offset + pageSize).map((iri) => new Map<string, Term>([['s', namedNode(iri)]]));
      return { page, hasNext: members.length > offset + pageSize, total: members.length };
    }

    const key = `${scope?.key ?? ''}\u0000${this.translator.members(query)}`;
    const generation = this.generation;
    let list = this.lists.get(key);
    if (list === undefined || list.generation !== generation) {
      const rows = await this.bindings(this.translator.members(query, CACHED_LIST_LIMIT + 1, 0), scope);
      if (rows.length > CACHED_LIST_LIMIT) {
        // One extra row tells whether a next page exists.
        const pageRows = await this.bindings(this.translator.members(query, pageSize + 1, offset), scope);
        return { page: pageRows.slice(0, pageSize), hasNext: pageRows.length > pageSize, total: await this.total(query, scope) };
      }
      list = { generation, members: rows.map((row) => row.get('s')!.value) };
      this.remember(key, list);
    }
    const page = list.members.slice(offset, offset + pageSize).map((iri) => new Map<string, Term>([['s', namedNode(iri)]]));
    return { page, hasNext: list.members.length > offset + pageSize, total: list.members.length };
  }

  /** Caches a member list, dropping the least recently stored ones beyond the size budget. */
  private remember(key: string, list: MemberList): void {
    const previous = this.lists.get(key);
    if (previous !== undefined) {
      this.cachedMembers -= previous.members.length;
      this.lists.delete(key);
    }
    this.lists.set(key, list);
    this.cachedMembers += list.members.length;
    for (const [oldKey, oldList] of this.lists) {
      if (this.cachedMembers <= CACHED_MEMBERS || oldKey === key) {
        break;
      }
      this.lists.delete(oldKey);
      this.cachedMembers -= oldList.members.length;
    }
  }

  /** Sorting by a property the members' shape does not define is almost always a typo, so it is an error. */
  private checkOrderBy(shape: ResourceTypeShape, parameters: QueryParameters): void {
    for (const key of parameters.orderBy ?? []) {
      const first = key.path[0]!;
      if (first === OSLC('score')) {
        throw new QuerySyntaxError(
          'oslc.orderBy',
          key.position,
          'oslc:score is not a stored property: results of oslc.searchTerms are already ordered by score first, highest first, and oslc.orderBy only orders results of equal score; leave oslc:score out',
        );
      }
      if (!definesProperty(shape, first)) {
        throw new QuerySyntaxError('oslc.orderBy', key.position, `<${first}> is not a property of ${shape.title}; sort by one of its shape's properties`);
      }
    }
  }

  private async total(query: MemberQuery, scope: QueryScope | undefined): Promise<number> {
    const rows = await this.bindings(this.translator.count(query), scope);
    return Number(rows[0]?.get('count')?.value ?? 0);
  }

  private async bindings(sparql: string, scope: QueryScope | undefined): Promise<Map<string, Term>[]> {
    if (scope !== undefined) {
      return scope.select(sparql);
    }
    const result = await this.store.query(sparql, { unionDefaultGraph: true });
    return result.type === 'bindings' ? result.rows : [];
  }
}

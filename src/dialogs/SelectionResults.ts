import type { Quad } from '@rdfjs/types';
import { DCTERMS, DT } from '../rdf/namespaces.js';
import type { SimpleTerm, Value } from '../query/QueryAst.js';
import type { QueryParameters } from '../query/QueryParameters.js';
import type { QueryScope } from '../query/QueryScope.js';
import type { QueryService } from '../query/QueryService.js';
import type { PropertyShape, ResourceTypeShape } from '../shapes/ResourceShape.js';
import { readSummaries, type ResourceSummary } from '../resources/ResourceSummaries.js';
import type { TripleStore } from '../store/TripleStore.js';
import { BadRequestHttpError } from '../http/HttpError.js';
import type { DialogFields } from './DialogFields.js';

/** Results per page of a selection dialog. */
export const DIALOG_PAGE_SIZE = 20;

/** Maximum length of the search box text. */
const MAX_SEARCH_LENGTH = 200;

/** The search text, filters and page a user chose in a selection dialog. */
export interface SelectionCriteria {
  /** Free text matched against identifier, part or serial number, title and description; empty lists everything. */
  search: string;
  /** Filter name (`oslc:name`) to the allowed values chosen for it. */
  filters: Map<string, string[]>;
  /** 1-based page number. */
  page: number;
}

/** One candidate resource as the dialog lists it. */
export interface SelectionItem {
  resource: string;
  /** The `oslc:label` returned to the client that opened the dialog. */
  label: string;
  identifier: string;
  title: string;
  fields: { name: string; title: string; value: string }[];
}

export interface SelectionPage {
  items: SelectionItem[];
  total: number;
  page: number;
  pageSize: number;
  hasNext: boolean;
}

/**
 * Finds the candidates of a selection dialog with the query capability's own code. The search box
 * becomes `oslc.searchTerms` (case-insensitive, on the texts SearchIndex weighs), and each filter
 * an `in` term of `oslc.where`. So the dialog lists exactly what the query capability would.
 */
export class SelectionResults {
  public constructor(
    private readonly queries: QueryService,
    private readonly store: TripleStore,
    private readonly fields: DialogFields,
  ) {}

  /** Reads the criteria from the query string of a results request; bad values give a 400 naming the parameter. */
  public static criteria(query: URLSearchParams): SelectionCriteria {
    const search = (query.get('q') ?? '').trim();
    if (search.length > MAX_SEARCH_LENGTH) {
      throw new BadRequestHttpError(`Parameter q has ${search.length} characters; search with at most ${MAX_SEARCH_LENGTH}.`);
    }
    const pageText = query.get('page') ?? '1';
    const page = Number(pageText);
    if (!/^[1-9]\d{0,5}$/.test(pageText)) {
      throw new BadRequestHttpError(`Parameter page "${pageText}" is not a page number; use a whole number from 1.`);
    }
    const filters = new Map<string, string[]>();
    for (const [name, value] of query) {
      if (name.startsWith('f.') && value !== '') {
        filters.set(name.slice(2), [...(filters.get(name.slice(2)) ?? []), value]);
      }
    }
    return { search, filters, page };
  }

  /** Returns one page of candidates; `scope` limits them, and the linked identifiers they show, to what the user may read. */
  public async find(providerIri: string, shape: ResourceTypeShape, criteria: SelectionCriteria, scope?: QueryScope): Promise<SelectionPage> {
    const parameters: QueryParameters = { prefixes: {}, paging: true, pageSize: DIALOG_PAGE_SIZE, page: criteria.page };
    const terms = this.filterTerms(shape, criteria.filters);
    if (terms.length > 0) {
      parameters.where = { terms };
    }
    if (criteria.search !== '') {
      // Each word is a search term as typed (quotes and all), and results with more matches rank first.
      parameters.searchTerms = criteria.search.split(/\s+/);
    } else {
      parameters.orderBy = [{ direction: 'asc', path: [DCTERMS('identifier')], position: 0 }];
    }

    const found = await this.queries.findMembers(providerIri, shape, parameters, DIALOG_PAGE_SIZE, scope);
    const resources = await Promise.all(found.members.map(async (iri) => ({ iri, quads: (await this.store.readQuads(iri)) ?? [] })));

    // Links among the key fields (a BOM line's assembly, a result's test case) show the linked resource's identifier.
    const keyFields = this.fields.keyFields(shape);
    const linked = resources.flatMap(({ iri, quads }) =>
      keyFields.flatMap((property) => quads.filter((quad) => quad.subject.value === iri && quad.predicate.value === property.propertyDefinition && quad.object.termType === 'NamedNode').map((quad) => quad.object.value)),
    );
    const summaries = await readSummaries(this.store, scope === undefined ? linked : linked.filter((link) => scope.canRead(link)));

    const items = resources.map(({ iri, quads }) => this.item(keyFields, iri, quads, summaries));
    return { items, total: found.total, page: criteria.page, pageSize: DIALOG_PAGE_SIZE, hasNext: found.hasNext };
  }

  /** Turns the chosen filter values into `in` terms, rejecting filters and values the shape does not list. */
  private filterTerms(shape: ResourceTypeShape, chosen: Map<string, string[]>): SimpleTerm[] {
    const filters = this.fields.filters(shape);
    const terms: SimpleTerm[] = [];
    for (const [name, values] of chosen) {
      const filter = filters.find((candidate) => candidate.name === name);
      if (filter === undefined) {
        throw new BadRequestHttpError(`Parameter f.${name} is not a filter of ${shape.title}; use one of ${filters.map((candidate) => `f.${candidate.name}`).join(', ') || 'none'}.`);
      }
      const allowed = new Set(filter.options.map((option) => option.value));
      const unknown = values.find((value) => !allowed.has(value));
      if (unknown !== undefined) {
        throw new BadRequestHttpError(`Parameter f.${name} has "${unknown}", which is not an allowed ${filter.title}; use one of ${[...allowed].join(', ')}.`);
      }
      const queryValues: Value[] = values.map((value) => (filter.iriValues ? { kind: 'iri', iri: value, position: 0 } : { kind: 'string', value, position: 0 }));
      terms.push({ kind: 'in', property: { kind: 'property', iri: filter.propertyDefinition, position: 0 }, values: queryValues });
    }
    return terms;
  }

  private item(keyFields: readonly PropertyShape[], iri: string, quads: readonly Quad[], summaries: ReadonlyMap<string, ResourceSummary>): SelectionItem {
    const first = (property: string): string | undefined => quads.find((quad) => quad.subject.value === iri && quad.predicate.value === property)?.object.value;
    const identifier = first(DCTERMS('identifier')) ?? '';
    const title = first(DCTERMS('title')) ?? identifier;
    // An imported requirement also shows the identifier that its requirements tool gave it, which users know it by.
    const toolIdentifier = first(DT('externalIdentifier'));
    const displayedIdentifier = toolIdentifier === undefined ? identifier : `${identifier} (${toolIdentifier})`;
    const fields = keyFields.flatMap((property) => {
      const value = first(property.propertyDefinition);
      if (value === undefined) {
        return [];
      }
      const summary = summaries.get(value);
      const label = summary === undefined ? this.fields.valueLabel(value) : (summary.identifier ?? summary.title ?? value);
      return [{ name: property.name, title: property.title, value: label }];
    });
    return { resource: iri, label: identifier === '' ? title : `${displayedIdentifier}: ${title}`, identifier, title, fields };
  }
}

import { DataFactory } from 'n3';
import type { Term } from '@rdfjs/types';
import { OSLC, RDF_TYPE } from '../rdf/namespaces.js';
import type { ResourceShape } from '../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import { SparqlTemplate, type ParameterValue } from '../store/SparqlTemplate.js';
import type { TripleStore } from '../store/TripleStore.js';
import type { ResourceSummary } from './ResourceSummaries.js';

/** Most linking resources listed per property; the rest are counted. */
export const MAX_SOURCES_PER_PROPERTY = 50;

/** How many resources of one type in one service provider link to the target through a property. */
export interface IncomingLinkCount {
  /** IRI of the linking resources' service provider, when they state one. */
  provider?: string;
  /** IRI of the linking resources' instance shape, when they state one. */
  shape?: string;
  count: number;
}

/** The resources that link to a target through one property. */
export interface IncomingLinkGroup {
  property: string;
  /** The first linking resources by identifier, at most MAX_SOURCES_PER_PROPERTY. */
  sources: ResourceSummary[];
  /** Number of linking resources, listed or not. */
  total: number;
  counts: IncomingLinkCount[];
}

/** Object properties a resource shape may use to link to an OSLC resource. */
const REFERENCE_TYPES = new Set([OSLC('Resource'), OSLC('AnyResource')]);

/**
 * Reads the resources of this server that link to a resource, grouped by linking property, in one
 * SPARQL query. A link counts when a resource's graph contains a triple whose object is the target,
 * including triples of its inline (blank node) parts such as effectivity records. Links that the
 * server maintains as the inverse of the target's own links are left out, because the target's page
 * already shows them (a part's BOM lines link back to it through dt:assembly).
 *
 * The query has one branch per property that the shapes allow to point at the target's type, each
 * limited to MAX_SOURCES_PER_PROPERTY rows, one branch for any other property, and one that counts
 * the links per property, provider and shape.
 */
export class IncomingLinks {
  private readonly templates = new Map<string, { template: SparqlTemplate; values: Record<string, ParameterValue> }>();

  public constructor(
    private readonly store: TripleStore,
    private readonly shapes: ShapeRegistry,
    /** IRI prefix of resource graphs (`{base}oslc/sp/`); other graphs, such as reference data, are not resources. */
    private readonly resourcePrefix: string,
  ) {}

  public async read(target: string, shape: ResourceShape): Promise<IncomingLinkGroup[]> {
    const { template, values } = this.templateFor(shape);
    const sparql = template.bind({ ...values, target: DataFactory.namedNode(target) });
    const result = await this.store.query(sparql);
    return result.type === 'bindings' ? groupRows(result.rows) : [];
  }

  private templateFor(shape: ResourceShape): { template: SparqlTemplate; values: Record<string, ParameterValue> } {
    const cached = this.templates.get(shape.iri);
    if (cached !== undefined) {
      return cached;
    }
    const mirrored = mirroredProperties(this.shapes.all(), shape);
    const candidates = candidateProperties(this.shapes.all(), shape).filter((property) => !mirrored.includes(property));
    const values: Record<string, ParameterValue> = { sourcePrefix: DataFactory.literal(this.resourcePrefix) };
    candidates.forEach((property, index) => (values[`p${index}`] = DataFactory.namedNode(property)));
    mirrored.forEach((property, index) => (values[`x${index}`] = DataFactory.namedNode(property)));

    const text = incomingLinksQuery(candidates.length, mirrored.length);
    const entry = { template: new SparqlTemplate(text, ['target', ...Object.keys(values)]), values };
    this.templates.set(shape.iri, entry);
    return entry;
  }
}

/** Property definitions of every shape whose values are resources that may have the target shape's type. */
function candidateProperties(all: readonly ResourceShape[], target: ResourceShape): string[] {
  const found = new Set<string>();
  for (const shape of all) {
    for (const property of shape.properties) {
      const linksResources = property.valueType !== undefined && REFERENCE_TYPES.has(property.valueType);
      const rangeFits = property.range === undefined || target.describes.includes(property.range);
      if (linksResources && rangeFits && property.propertyDefinition !== RDF_TYPE) {
        found.add(property.propertyDefinition);
      }
    }
  }
  return [...found];
}

/** Links maintained as inverses of the target shape's own properties, in either direction. */
function mirroredProperties(all: readonly ResourceShape[], target: ResourceShape): string[] {
  const own = new Set(target.properties.map((property) => property.propertyDefinition));
  const found = new Set<string>();
  for (const property of target.properties) {
    if (property.inverseProperty !== undefined) {
      found.add(property.inverseProperty);
    }
  }
  for (const property of all.flatMap((shape) => shape.properties)) {
    if (property.inverseProperty !== undefined && own.has(property.inverseProperty)) {
      found.add(property.propertyDefinition);
    }
  }
  return [...found];
}

/**
 * Query text with parameters ?target, ?sourcePrefix, ?p0... (candidate properties) and ?x0...
 * (excluded properties). Nothing but those counts varies, so the text contains no data.
 */
function incomingLinksQuery(candidateCount: number, excludedCount: number): string {
  const candidates = Array.from({ length: candidateCount }, (_, index) => `?p${index}`);
  const excluded = Array.from({ length: excludedCount }, (_, index) => `?x${index}`);
  const isResource = 'FILTER(?source != ?target && STRSTARTS(STR(?source), ?sourcePrefix))';
  const notIn = (list: string[]): string => (list.length === 0 ? '' : `FILTER(?property NOT IN (${list.join(', ')}))`);
  const listing = (predicate: string, order: string): string => `{
    SELECT DISTINCT ?property ?source ?identifier ?title WHERE {
      GRAPH ?source {
        ?subject ${predicate} ?target .
        OPTIONAL { ?source dcterms:identifier ?identifier }
        OPTIONAL { ?source dcterms:title ?title }
      }
      ${isResource}
      ${predicate === '?property' ? notIn([...candidates, ...excluded]) : `BIND(${predicate} AS ?property)`}
    }
    ORDER BY ${order}
    LIMIT ${MAX_SOURCES_PER_PROPERTY}
  }`;

  const branches = [
    `{
    SELECT ?property ?provider ?shape (COUNT(DISTINCT ?source) AS ?count) WHERE {
      GRAPH ?source {
        ?subject ?property ?target .
        OPTIONAL { ?source oslc:serviceProvider ?provider }
        OPTIONAL { ?source oslc:instanceShape ?shape }
      }
      ${isResource}
      ${notIn(excluded)}
    }
    GROUP BY ?property ?provider ?shape
  }`,
    ...candidates.map((predicate) => listing(predicate, '?identifier ?source')),
    // NOTE: links through properties that no shape declares share one capped list. One such property
    // with many links can therefore hide another from the listing, but the counts stay exact.
    listing('?property', '?property ?identifier ?source'),
  ];
  return `PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oslc: <http://open-services.net/ns/core#>
SELECT ?property ?source ?identifier ?title ?provider ?shape ?count WHERE {
  ${branches.join('\n  UNION\n  ')}
}`;
}

/** Turns count rows and listing rows into one group per property, in the order properties first appear. */
function groupRows(rows: readonly Map<string, Term>[]): IncomingLinkGroup[] {
  const groups = new Map<string, IncomingLinkGroup>();
  const groupOf = (property: string): IncomingLinkGroup => {
    let group = groups.get(property);
    if (group === undefined) {
      group = { property, sources: [], total: 0, counts: [] };
      groups.set(property, group);
    }
    return group;
  };

  for (const row of rows) {
    const group = groupOf(row.get('property')!.value);
    const count = row.get('count');
    if (count !== undefined) {
      const entry: IncomingLinkCount = { count: Number(count.value) };
      setIfNamed(entry, 'provider', row.get('provider'));
      setIfNamed(entry, 'shape', row.get('shape'));
      group.counts.push(entry);
      group.total += entry.count;
      continue;
    }
    const source = row.get('source')!.value;
    if (!group.sources.some((known) => known.iri === source)) {
      const summary: ResourceSummary = { iri: source };
      setIfLiteral(summary, 'identifier', row.get('identifier'));
      setIfLiteral(summary, 'title', row.get('title'));
      group.sources.push(summary);
    }
  }
  for (const group of groups.values()) {
    group.sources.sort((a, b) => (a.identifier ?? a.iri).localeCompare(b.identifier ?? b.iri, 'en', { numeric: true }));
    group.sources = group.sources.slice(0, MAX_SOURCES_PER_PROPERTY);
  }
  return [...groups.values()].filter((group) => group.total > 0);
}

function setIfNamed(entry: IncomingLinkCount, key: 'provider' | 'shape', term: Term | undefined): void {
  if (term?.termType === 'NamedNode') {
    entry[key] = term.value;
  }
}

function setIfLiteral(summary: ResourceSummary, key: 'identifier' | 'title', term: Term | undefined): void {
  if (term?.termType === 'Literal') {
    summary[key] = term.value;
  }
}

import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { DCTERMS, DT, OSLC, OSLC_PLM, OSLC_RM, RDF_TYPE } from '../rdf/namespaces.js';
import type { TripleStore } from '../store/TripleStore.js';
import { tsvValue } from '../store/TsvResults.js';
import { TsvTermDecoder } from '../store/TsvTerms.js';
import { bomViewOf, type BomView } from './BomViews.js';
import { PROVENANCE } from './Provenance.js';

/** What an import needs to know about a stored resource to match it and to decide on removal. */
export interface ExistingResource {
  iri: string;
  identifier: string;
  /** The source whose import created it (dt:importOrigin). */
  importOrigin?: string;
  /** The source that last wrote it (prov:wasDerivedFrom). */
  derivedFrom?: string;
}

export interface ExistingPart extends ExistingResource {
  partNumber: string;
  revision: string;
  /** The item's id in the source that last wrote it (dt:sourceId). */
  sourceId?: string;
}

export interface ExistingBomLine extends ExistingResource {
  assembly: string;
  child: string;
  findNumber?: string;
  view: BomView;
}

export interface ExistingRequirement extends ExistingResource {
  /** The item's id in the source that the import read it from (dt:sourceId), its identity. */
  sourceId: string;
  /** The requirement tool's own identifier (dt:externalIdentifier), which report labels show. */
  externalIdentifier?: string;
}

export interface ExistingRequirementCollection extends ExistingResource {
  /** The item's id in the source that the import read it from (dt:sourceId), its identity. */
  sourceId: string;
  /** The collection's dcterms:title, which report labels show. */
  title?: string;
}

/** The parts, BOM lines, requirements and requirement collections of one service provider, read with one query per type. */
export interface ExistingState {
  parts: ExistingPart[];
  bomLines: ExistingBomLine[];
  requirements: ExistingRequirement[];
  requirementCollections: ExistingRequirementCollection[];
}

/**
 * Reads the identity properties of every part, BOM line, requirement and requirement collection of a provider in bulk, as
 * tab-separated results: one query per type instead of one per resource.
 *
 * The embedded engine runs each query in one event-loop turn: 1.2 s for the 100,000 BOM lines of one
 * provider, and 0.15 s for its 10,000 parts. The queries run one after another with a turn between
 * them, so that the server handles other requests while a large provider is read.
 * NOTE: reading the whole provider makes every import into it, however small, take seconds once the
 * provider contains about 100,000 BOM lines. Reading only the batch's part numbers and this source's
 * resources would remove that cost, but identity matching, removal and the BOM checks read this state.
 */
export async function readExistingState(store: TripleStore, providerIri: string): Promise<ExistingState> {
  const parts = await selectRows(store, providerIri, OSLC_PLM('Part'), { partNumber: DT('partNumber'), revision: DT('revision'), sourceId: PROVENANCE.sourceId });
  await nextTurn();
  const bomLines = await selectRows(store, providerIri, OSLC_PLM('PartUsage'), { assembly: DT('assembly'), child: OSLC_PLM('representsPart'), findNumber: DT('findNumber'), view: DT('bomView') });
  await nextTurn();
  const requirements = await selectRows(store, providerIri, OSLC_RM('Requirement'), { sourceId: PROVENANCE.sourceId, externalIdentifier: DT('externalIdentifier') });
  await nextTurn();
  const requirementCollections = await selectRows(store, providerIri, OSLC_RM('RequirementCollection'), { sourceId: PROVENANCE.sourceId, title: DCTERMS('title') });
  return {
    parts: parts.map((row) => ({ ...resource(row), partNumber: row.partNumber ?? '', revision: row.revision ?? '', ...(row.sourceId === undefined ? {} : { sourceId: row.sourceId }) })),
    bomLines: bomLines
      .filter((row) => row.assembly !== undefined && row.child !== undefined)
      .map((row) => ({ ...resource(row), assembly: row.assembly!, child: row.child!, view: bomViewOf(row.view), ...(row.findNumber === undefined ? {} : { findNumber: row.findNumber }) })),
    requirements: requirements
      .filter((row) => row.sourceId !== undefined)
      .map((row) => ({ ...resource(row), sourceId: row.sourceId!, ...(row.externalIdentifier === undefined ? {} : { externalIdentifier: row.externalIdentifier }) })),
    requirementCollections: requirementCollections
      .filter((row) => row.sourceId !== undefined)
      .map((row) => ({ ...resource(row), sourceId: row.sourceId!, ...(row.title === undefined ? {} : { title: row.title }) })),
  };
}

/** Resolves in the next event-loop turn, after the requests that arrived meanwhile. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Returns each stored part's name for messages, `PART-NUMBER rev REVISION`, by IRI. */
export function partNames(parts: readonly ExistingPart[]): Map<string, string> {
  return new Map(parts.map((part) => [part.iri, `${part.partNumber} rev ${part.revision}`]));
}

/**
 * Returns a function that labels a stored part, BOM line, requirement or requirement collection as import reports do, such as
 * `BOM line EHA-500 rev A > EHA-510 rev A find 10`, and returns undefined for other IRIs. It builds its
 * index on the first call, so an import that labels nothing pays nothing.
 */
export function storedLabels(existing: ExistingState): (iri: string) => string | undefined {
  let labels: Map<string, string> | undefined;
  return (iri) => {
    if (labels === undefined) {
      const names = partNames(existing.parts);
      const partName = (part: string): string => names.get(part) ?? `<${part}>`;
      labels = new Map([
        ...existing.parts.map((part) => [part.iri, `part ${part.partNumber} rev ${part.revision}`] as const),
        // An EBOM and an MBOM line can use one child at one find number, so MBOM labels name the view, as bomLineSourceId does.
        ...existing.bomLines.map((line) => [line.iri, `BOM line ${partName(line.assembly)} > ${partName(line.child)}${line.findNumber === undefined ? '' : ` find ${line.findNumber}`}${line.view === 'MBOM' ? ' (MBOM)' : ''}`] as const),
        ...existing.requirements.map((requirement) => [requirement.iri, `requirement ${requirement.externalIdentifier ?? requirement.identifier}`] as const),
        ...existing.requirementCollections.map((collection) => [collection.iri, `requirement collection ${collection.title ?? collection.identifier}`] as const),
      ]);
    }
    return labels.get(iri);
  };
}

function resource(row: Record<string, string | undefined>): ExistingResource {
  return {
    iri: row.g!,
    identifier: row.identifier ?? '',
    ...(row.importOrigin === undefined ? {} : { importOrigin: row.importOrigin }),
    ...(row.derivedFrom === undefined ? {} : { derivedFrom: row.derivedFrom }),
  };
}

/**
 * Selects the resources of one type in a provider with optional single values of `properties`. A
 * resource with several values of one property (which its shape forbids) yields several rows; the
 * first one wins.
 */
async function selectRows(store: TripleStore, providerIri: string, type: string, properties: Record<string, string>): Promise<Record<string, string | undefined>[]> {
  const columns = { identifier: DCTERMS('identifier'), importOrigin: PROVENANCE.importOrigin, derivedFrom: PROVENANCE.wasDerivedFrom, ...properties };
  const variables = Object.keys(columns);
  const optionals = Object.entries(columns)
    .map(([variable, predicate]) => `OPTIONAL { ?g <${predicate}> ?${variable} }`)
    .join(' ');
  const sparql = `SELECT ?g ${variables.map((variable) => `?${variable}`).join(' ')} WHERE { GRAPH ?g { ?g <${RDF_TYPE}> <${type}> ; <${OSLC('serviceProvider')}> <${providerIri}> . ${optionals} } }`;
  const text = await store.queryText(sparql, 'text/tab-separated-values');

  const rows = new Map<string, Record<string, string | undefined>>();
  const lines = text.split('\n');
  const header = lines[0]!.split('\t').map((name) => name.replace(/^\?/, ''));
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '') {
      continue;
    }
    const cells = line.split('\t');
    const row: Record<string, string | undefined> = {};
    header.forEach((name, column) => {
      const cell = cells[column] ?? '';
      row[name] = cell === '' ? undefined : tsvValue(cell);
    });
    if (row.g !== undefined && !rows.has(row.g)) {
      rows.set(row.g, row);
    }
  }
  return [...rows.values()];
}

/** A stored resource's triples and version, which becomes the commit's precondition. */
export interface StoredGraph {
  quads: Quad[];
  version: string;
}

/** Below this many graphs of one type, reading them one by one is cheaper than one query over the type. */
const BULK_READ_MINIMUM = 200;

/**
 * Reads the stored graphs of resources of one type in a provider. Many graphs are read with one
 * SPARQL query over the whole type, as tab-separated values decoded into terms, instead of one read
 * per graph. Versions are read first: a write after them fails the commit's precondition, so content
 * read later can never be older than its version.
 */
export async function readStoredGraphs(store: TripleStore, providerIri: string, type: string, iris: ReadonlySet<string>): Promise<Map<string, StoredGraph>> {
  const versions = new Map<string, string>();
  for (const iri of iris) {
    const version = await store.versionOf(iri);
    if (version !== undefined) {
      versions.set(iri, version);
    }
  }

  const graphs = new Map<string, StoredGraph>();
  if (versions.size < BULK_READ_MINIMUM) {
    for (const [iri, version] of versions) {
      const quads = await store.readQuads(iri);
      if (quads !== undefined) {
        graphs.set(iri, { quads, version });
      }
    }
    return graphs;
  }

  const sparql = `SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?g <${RDF_TYPE}> <${type}> ; <${OSLC('serviceProvider')}> <${providerIri}> . ?s ?p ?o } }`;
  const text = await store.queryText(sparql, 'text/tab-separated-values');
  // Terms are decoded straight from the cells, each distinct cell once, instead of through an N-Quads parser.
  const terms = new TsvTermDecoder();
  let start = text.indexOf('\n') + 1;
  while (start > 0 && start < text.length) {
    const newline = text.indexOf('\n', start);
    const line = text.slice(start, newline < 0 ? text.length : newline);
    start = newline < 0 ? text.length : newline + 1;
    const [graphCell, subject, predicate, object] = line.split('\t');
    if (graphCell === undefined || object === undefined) {
      continue;
    }
    const iri = graphCell.slice(1, -1);
    const version = versions.get(iri);
    if (version === undefined) {
      continue;
    }
    let graph = graphs.get(iri);
    if (graph === undefined) {
      graph = { quads: [], version };
      graphs.set(iri, graph);
    }
    graph.quads.push(DataFactory.quad(terms.term(subject!) as Quad['subject'], terms.term(predicate!) as Quad['predicate'], terms.term(object)));
  }
  return graphs;
}

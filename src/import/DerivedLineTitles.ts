import { DataFactory } from 'n3';
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import { vocabularyTerm } from '../rdf/VocabularyTerms.js';
import { DCTERMS, DT, OSLC_PLM } from '../rdf/namespaces.js';
import { SparqlTemplate } from '../store/SparqlTemplate.js';
import type { TripleStore } from '../store/TripleStore.js';
import { bomViewOf } from './BomViews.js';
import type { StoredGraph } from './ExistingResources.js';
import { bomLineTitleText } from './ResourceGraphs.js';
import type { PlannedResource } from './SyncPlan.js';

const { literal, namedNode, quad } = DataFactory;

/**
 * Keeps the titles of stored BOM lines that the batch lacks in step with the parts that they name. A line's
 * title is derived from its assembly's part number and its child's title (bomLineTitleText). An import that
 * changes one of them would leave a stale title on every line that it does not describe. Those are the lines
 * of assemblies that an incremental pull did not read again, lines of other sources, and lines that the
 * source no longer lists. A full import of the line's source would derive the title again, so this import
 * does it in the same commit. The revision is not part of the title and changes nothing here.
 *
 * A line whose stored title is not the form derived from the stored parts was titled by a user (or by a
 * source that gives the child another title). Its title stays, as every value does that the batch does not describe.
 */

/** Values of a part that BOM line titles contain. */
interface PartNaming {
  partNumber?: string;
  title?: string;
}

/** A part whose title or part number the import changes. */
export interface NamingChange {
  before: PartNaming;
  after: PartNaming;
}

/** A stored BOM line whose title the import derives again. */
export interface RetitledLine {
  iri: string;
  /** The title as stored, which the query read. */
  storedTitle: string;
  title: string;
}

/** Part IRIs per query, so that one VALUES block stays small even when an import renames thousands of parts. */
const PARTS_PER_QUERY = 500;

/**
 * Lines of a provider that link to one of the VALUES parts through ?link. The optional values come after
 * the lines are bound, because OPTIONALs inside the line's GRAPH block made Oxigraph 0.5 read every line of
 * the store for each query. That took seconds per 500 parts on a few thousand lines.
 */
const LINES_OF_PARTS = new SparqlTemplate(
  `PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oslc: <http://open-services.net/ns/core#>
PREFIX oslc_plm: <http://open-services.net/ns/plm#>
PREFIX dt: <https://w3id.org/digital-thread/ns#>
SELECT ?line ?title ?view ?findNumber ?assembly ?child WHERE {
  GRAPH ?line {
    ?line ?link ?part ; a oslc_plm:PartUsage ; oslc:serviceProvider ?provider ; dcterms:title ?title ; dt:assembly ?assembly ; oslc_plm:representsPart ?child .
  }
  OPTIONAL { GRAPH ?line { ?line dt:findNumber ?findNumber } }
  OPTIONAL { GRAPH ?line { ?line dt:bomView ?view } }
}`,
  ['link', 'provider'],
);

/** The part numbers and titles of the VALUES parts, which the titles of their lines come from. */
const PART_NAMING = new SparqlTemplate(
  `PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dt: <https://w3id.org/digital-thread/ns#>
SELECT ?part ?property ?value WHERE {
  GRAPH ?part { ?part ?property ?value }
  FILTER(?property = dt:partNumber || ?property = dcterms:title)
}`,
  [],
);

/**
 * Returns the stored parts whose title or part number the plan changes, by IRI. Parts that the import
 * creates have no stored lines yet, and parts that the import state shows unchanged (`unread`) change nothing.
 */
export function partNamingChanges(plan: ReadonlyMap<string, PlannedResource>): Map<string, NamingChange> {
  const changes = new Map<string, NamingChange>();
  for (const resource of plan.values()) {
    if (resource.type !== 'parts' || resource.stored === undefined || resource.desired === null || resource.unread !== undefined) {
      continue;
    }
    const before = partNaming(resource.subject, resource.stored.quads);
    const after = partNaming(resource.subject, resource.desired);
    if (before.title !== after.title || before.partNumber !== after.partNumber) {
      changes.set(resource.iri, { before, after });
    }
  }
  return changes;
}

/**
 * Queries the provider's BOM lines whose child has a changed title or whose assembly has a changed part
 * number, and returns those outside the plan whose stored title is the derived form and changes. It
 * reads only the lines of the changed parts, never every line of the provider.
 */
export async function linesToRetitle(store: TripleStore, providerIri: string, changes: ReadonlyMap<string, NamingChange>, plan: ReadonlyMap<string, PlannedResource>): Promise<RetitledLine[]> {
  const renamedChildren = [...changes].filter(([, change]) => change.before.title !== change.after.title).map(([iri]) => iri);
  const renumberedAssemblies = [...changes].filter(([, change]) => change.before.partNumber !== change.after.partNumber).map(([iri]) => iri);

  const rows: Map<string, Term>[] = [];
  for (const [link, parts] of [
    [OSLC_PLM('representsPart'), renamedChildren],
    [DT('assembly'), renumberedAssemblies],
  ] as const) {
    rows.push(...(await selectForParts(store, LINES_OF_PARTS, { link: namedNode(link), provider: namedNode(providerIri) }, parts)));
  }
  const storedNaming = await readPartNaming(store, new Set(rows.flatMap((row) => [row.get('assembly')!.value, row.get('child')!.value])));

  const retitled = new Map<string, RetitledLine>();
  for (const row of rows) {
    const iri = row.get('line')!.value;
    // A line of the batch gets its title from the source. Of a line with several rows (several values of one property), the first decides.
    if (plan.has(iri) || retitled.has(iri)) {
      continue;
    }
    const storedTitle = row.get('title')!.value;
    const naming = { view: bomViewOf(row.get('view')?.value), findNumber: row.get('findNumber')?.value };
    const assembly = row.get('assembly')!.value;
    const child = row.get('child')!.value;
    const assemblyNumber = storedNaming.get(assembly)?.partNumber;
    const childTitle = storedNaming.get(child)?.title;
    if (assemblyNumber === undefined || childTitle === undefined) {
      continue;
    }
    const derived = bomLineTitleText({ ...naming, assemblyNumber, childTitle });
    if (storedTitle !== derived) {
      continue;
    }
    const title = bomLineTitleText({
      ...naming,
      assemblyNumber: changes.get(assembly)?.after.partNumber ?? assemblyNumber,
      childTitle: changes.get(child)?.after.title ?? childTitle,
    });
    if (title !== storedTitle) {
      retitled.set(iri, { iri, storedTitle, title });
    }
  }
  return [...retitled.values()];
}

/** Runs a template for the parts in VALUES blocks of PARTS_PER_QUERY and returns the rows of all. */
async function selectForParts(store: TripleStore, template: SparqlTemplate, values: Record<string, NamedNode>, parts: readonly string[]): Promise<Map<string, Term>[]> {
  const rows: Map<string, Term>[] = [];
  for (let start = 0; start < parts.length; start += PARTS_PER_QUERY) {
    const slice = parts.slice(start, start + PARTS_PER_QUERY).map((iri) => namedNode(iri));
    const result = await store.query(template.bind(values, { variable: 'part', terms: slice }));
    if (result.type === 'bindings') {
      rows.push(...result.rows);
    }
  }
  return rows;
}

/** Reads the stored part number and title of each part; of several values of one property, the first counts. */
async function readPartNaming(store: TripleStore, parts: ReadonlySet<string>): Promise<Map<string, PartNaming>> {
  const naming = new Map<string, PartNaming>();
  for (const row of await selectForParts(store, PART_NAMING, {}, [...parts])) {
    const part = row.get('part')!.value;
    const entry = naming.get(part) ?? {};
    naming.set(part, entry);
    if (row.get('property')!.value === DT('partNumber')) {
      entry.partNumber ??= row.get('value')!.value;
    } else {
      entry.title ??= row.get('value')!.value;
    }
  }
  return naming;
}

/**
 * Returns a stored line's new state with the derived title in place of the stored one, or undefined when
 * the title changed after the query read it, which makes the user's or other writer's title stay.
 */
export function retitledState(subject: NamedNode, stored: StoredGraph, line: RetitledLine): Quad[] | undefined {
  const isTitle = (candidate: Quad): boolean => candidate.subject.equals(subject) && candidate.predicate.value === DCTERMS('title');
  const titles = stored.quads.filter(isTitle);
  if (titles.length !== 1 || titles[0]!.object.value !== line.storedTitle) {
    return undefined;
  }
  return [...stored.quads.filter((candidate) => !isTitle(candidate)), quad(subject, vocabularyTerm(DCTERMS('title')), literal(line.title))];
}

function partNaming(subject: NamedNode, quads: readonly Quad[]): PartNaming {
  const naming: PartNaming = {};
  for (const candidate of quads) {
    if (!candidate.subject.equals(subject)) {
      continue;
    }
    if (candidate.predicate.value === DCTERMS('title')) {
      naming.title ??= candidate.object.value;
    } else if (candidate.predicate.value === DT('partNumber')) {
      naming.partNumber ??= candidate.object.value;
    }
  }
  return naming;
}

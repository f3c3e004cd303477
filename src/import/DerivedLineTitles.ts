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

/** Lines of a provider that link to one of the VALUES parts through ?link, with the stored values their titles come from. */
const LINES_OF_PARTS = new SparqlTemplate(
  `PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oslc: <http://open-services.net/ns/core#>
PREFIX oslc_plm: <http://open-services.net/ns/plm#>
PREFIX dt: <https://w3id.org/digital-thread/ns#>
SELECT ?line ?title ?view ?findNumber ?assembly ?child ?assemblyNumber ?childTitle WHERE {
  GRAPH ?line {
    ?line ?link ?part ; a oslc_plm:PartUsage ; oslc:serviceProvider ?provider ; dcterms:title ?title ; dt:assembly ?assembly ; oslc_plm:representsPart ?child .
    OPTIONAL { ?line dt:findNumber ?findNumber }
    OPTIONAL { ?line dt:bomView ?view }
  }
  GRAPH ?assembly { ?assembly dt:partNumber ?assemblyNumber }
  GRAPH ?child { ?child dcterms:title ?childTitle }
}`,
  ['link', 'provider'],
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
    for (let start = 0; start < parts.length; start += PARTS_PER_QUERY) {
      const slice = parts.slice(start, start + PARTS_PER_QUERY).map((iri) => namedNode(iri));
      const sparql = LINES_OF_PARTS.bind({ link: namedNode(link), provider: namedNode(providerIri) }, { variable: 'part', terms: slice });
      const result = await store.query(sparql);
      if (result.type === 'bindings') {
        rows.push(...result.rows);
      }
    }
  }

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
    const derived = bomLineTitleText({ ...naming, assemblyNumber: row.get('assemblyNumber')!.value, childTitle: row.get('childTitle')!.value });
    if (storedTitle !== derived) {
      continue;
    }
    const title = bomLineTitleText({
      ...naming,
      assemblyNumber: changes.get(assembly)?.after.partNumber ?? row.get('assemblyNumber')!.value,
      childTitle: changes.get(child)?.after.title ?? row.get('childTitle')!.value,
    });
    if (title !== storedTitle) {
      retitled.set(iri, { iri, storedTitle, title });
    }
  }
  return [...retitled.values()];
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

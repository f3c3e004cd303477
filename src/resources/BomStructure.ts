import { DataFactory } from 'n3';
import type { Term } from '@rdfjs/types';
import { bomViewOf, type BomView } from '../import/BomViews.js';
import { selectReadable, type QueryScope } from '../query/QueryScope.js';
import { SparqlTemplate } from '../store/SparqlTemplate.js';
import type { TripleStore } from '../store/TripleStore.js';

/** The part a BOM line uses. */
export interface BomChild {
  iri: string;
  partNumber?: string;
  revision?: string;
  title?: string;
  /** Whether the child is itself an assembly with BOM lines, in any BOM view. */
  hasLines: boolean;
  /** Whether the child has BOM lines of each view, so that a BOM tree can expand it in the view of its parent. */
  hasLinesIn: Record<BomView, boolean>;
}

/** One line of an assembly's bill of materials (an OSLC PLM part usage). */
export interface BomLine {
  iri: string;
  identifier?: string;
  findNumber?: string;
  /** `dt:quantity`, in `unit`. */
  quantity?: number;
  /** QUDT unit IRI of the quantity. */
  unit?: string;
  /** `dt:EBOM` or `dt:MBOM`. */
  bomView?: string;
  child: BomChild;
}

const DIRECT_LINES = new SparqlTemplate(
  `PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oslc_plm: <http://open-services.net/ns/plm#>
PREFIX dt: <https://w3id.org/digital-thread/ns#>
SELECT ?line ?identifier ?findNumber ?quantity ?unit ?view ?child ?partNumber ?revision ?title ?childHasEbomLines ?childHasMbomLines WHERE {
  GRAPH ?line {
    ?line dt:assembly ?assembly ; oslc_plm:representsPart ?child .
    OPTIONAL { ?line dcterms:identifier ?identifier }
    OPTIONAL { ?line dt:findNumber ?findNumber }
    OPTIONAL { ?line dt:quantity ?quantity }
    OPTIONAL { ?line dt:unitOfMeasure ?unit }
    OPTIONAL { ?line dt:bomView ?view }
  }
  OPTIONAL { GRAPH ?child { ?child dt:partNumber ?partNumber } }
  OPTIONAL { GRAPH ?child { ?child dt:revision ?revision } }
  OPTIONAL { GRAPH ?child { ?child dcterms:title ?title } }
  BIND(EXISTS { GRAPH ?childLine { ?childLine dt:assembly ?child . FILTER NOT EXISTS { ?childLine dt:bomView dt:MBOM } } } AS ?childHasEbomLines)
  BIND(EXISTS { GRAPH ?childLine { ?childLine dt:assembly ?child ; dt:bomView dt:MBOM } } AS ?childHasMbomLines)
}`,
  ['assembly'],
);

/** EBOM lines before MBOM lines, as engineering defines the structure that manufacturing plans from. */
const VIEW_ORDER = ['https://w3id.org/digital-thread/ns#EBOM', 'https://w3id.org/digital-thread/ns#MBOM'];

/**
 * Reads the direct BOM lines of an assembly in one query, with what a BOM view shows of each child
 * part. A line belongs to the assembly its `dt:assembly` names, because the server derives the part's
 * `oslc_plm:composedOfPartUsage` from that property. Lines come ordered by BOM view, then by find
 * number (numbers inside compared as numbers), then by child part number. With a `scope`, lines and
 * child parts the user may not read are left out: a readable line of a hidden child shows only the
 * child's IRI, and `hasLines` counts readable lines only. A line without `dt:bomView` counts as an
 * EBOM line, as imports read it.
 */
export async function readDirectLines(store: TripleStore, assembly: string, scope?: QueryScope): Promise<BomLine[]> {
  const rows = await selectReadable(store, DIRECT_LINES.bind({ assembly: DataFactory.namedNode(assembly) }), scope);
  const lines = new Map<string, BomLine>();
  for (const row of rows) {
    const iri = row.get('line')!.value;
    // A property with several values yields several rows; the first one is kept.
    if (!lines.has(iri)) {
      lines.set(iri, toLine(iri, row));
    }
  }
  return [...lines.values()].sort(compareLines);
}

/** Returns the lines of one BOM view in their order. A line without `dt:bomView` is an EBOM line. */
export function linesInView(lines: readonly BomLine[], view: BomView): BomLine[] {
  return lines.filter((line) => bomViewOf(line.bomView) === view);
}

function toLine(iri: string, row: Map<string, Term>): BomLine {
  const hasLinesIn = { EBOM: row.get('childHasEbomLines')?.value === 'true', MBOM: row.get('childHasMbomLines')?.value === 'true' };
  const child: BomChild = { iri: row.get('child')!.value, hasLines: hasLinesIn.EBOM || hasLinesIn.MBOM, hasLinesIn };
  assignLiteral(child, 'partNumber', row.get('partNumber'));
  assignLiteral(child, 'revision', row.get('revision'));
  assignLiteral(child, 'title', row.get('title'));

  const line: BomLine = { iri, child };
  assignLiteral(line, 'identifier', row.get('identifier'));
  assignLiteral(line, 'findNumber', row.get('findNumber'));
  const quantity = row.get('quantity');
  if (quantity?.termType === 'Literal' && Number.isFinite(Number(quantity.value))) {
    line.quantity = Number(quantity.value);
  }
  for (const [key, variable] of [['unit', 'unit'], ['bomView', 'view']] as const) {
    const term = row.get(variable);
    if (term?.termType === 'NamedNode') {
      line[key] = term.value;
    }
  }
  return line;
}

function assignLiteral<K extends string>(target: Partial<Record<K, string>>, key: K, term: Term | undefined): void {
  if (term?.termType === 'Literal') {
    target[key] = term.value;
  }
}

function compareLines(a: BomLine, b: BomLine): number {
  const view = viewRank(a.bomView) - viewRank(b.bomView);
  if (view !== 0) {
    return view;
  }
  const find = compareOptional(a.findNumber, b.findNumber);
  if (find !== 0) {
    return find;
  }
  return compareOptional(a.child.partNumber ?? a.child.iri, b.child.partNumber ?? b.child.iri);
}

/** Compares with numbers inside strings compared as numbers; a missing value sorts last. */
function compareOptional(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) {
    return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  }
  return a.localeCompare(b, 'en', { numeric: true });
}

function viewRank(view: string | undefined): number {
  const index = view === undefined ? -1 : VIEW_ORDER.indexOf(view);
  return index < 0 ? VIEW_ORDER.length : index;
}

import { DT } from '../rdf/namespaces.js';
import { selectRows } from '../store/TsvResults.js';
import type { EvidenceSource } from './EvidenceSnapshot.js';
import type { ReportScope } from './ReportScope.js';

/**
 * Export-control clearances a report or package can be limited to, from the narrowest to the widest.
 * A clearance reads resources whose own `dt:exportControl` marking is at or below it, in the order
 * unmarked < EAR99 < EAR < ITAR: `none` reads unmarked resources only, `EAR` reads unmarked, EAR99
 * and EAR (every ECCN), and `ITAR` reads everything, because an ITAR-cleared person may also receive
 * EAR data.
 */
export const CLEARANCES = ['none', 'EAR99', 'EAR', 'ITAR'] as const;

export type Clearance = (typeof CLEARANCES)[number];

/** Read level of each regime IRI; a marking with any other value counts as ITAR, so unknown data is withheld. */
const LEVEL_OF_REGIME = new Map<string, number>([
  [DT('EAR99'), 1],
  [DT('EAR'), 2],
  [DT('ITAR'), 3],
]);
const HIGHEST_LEVEL = 3;

/** Returns the clearance named by `text` (none, EAR99, EAR or ITAR, in any case), or undefined. */
export function parseClearance(text: string): Clearance | undefined {
  const wanted = text.trim().toUpperCase();
  return CLEARANCES.find((clearance) => clearance.toUpperCase() === wanted);
}

/** Returns the read level of a `dt:exportControl` value: 1 EAR99, 2 EAR, 3 ITAR or any unknown value. */
export function levelOfRegime(regimeIri: string): number {
  return LEVEL_OF_REGIME.get(regimeIri) ?? HIGHEST_LEVEL;
}

/** Marking of each resource that marks itself: resource IRI → read level (1 EAR99, 2 EAR, 3 ITAR). */
export type Markings = ReadonlyMap<string, number>;

/** ECCNs and USML categories of each marked resource, by resource IRI. */
export type Classifications = ReadonlyMap<string, { eccns: string[]; usmlCategories: string[] }>;

/** Markings and classifications of the store's resources, as one query reads them. */
export interface ExportData {
  markings: Markings;
  classifications: Classifications;
}

/**
 * Reads the marking of every resource in the store that states `dt:exportControl` about itself in its
 * own graph. Resources of every provider are read, so that a link to another provider's controlled
 * resource is withheld as well. A resource with several markings gets the strictest.
 */
export async function readMarkings(source: EvidenceSource): Promise<Markings> {
  return (await readExportData(source)).markings;
}

/** Reads every resource's own `dt:exportControl`, `dt:eccn` and `dt:usmlCategory`, as readMarkings does. */
export async function readExportData(source: EvidenceSource): Promise<ExportData> {
  const properties = [DT('exportControl'), DT('eccn'), DT('usmlCategory')].map((iri) => `<${iri}>`).join(' ');
  const rows = await selectRows(source, `SELECT ?g ?p ?o WHERE { VALUES ?p { ${properties} } GRAPH ?g { ?g ?p ?o } }`);
  const markings = new Map<string, number>();
  const classifications = new Map<string, { eccns: string[]; usmlCategories: string[] }>();
  const classificationOf = (resource: string): { eccns: string[]; usmlCategories: string[] } => {
    let entry = classifications.get(resource);
    if (entry === undefined) {
      entry = { eccns: [], usmlCategories: [] };
      classifications.set(resource, entry);
    }
    return entry;
  };
  for (const [resource, property, value] of rows) {
    if (property === DT('exportControl')) {
      markings.set(resource!, Math.max(levelOfRegime(value!), markings.get(resource!) ?? 0));
    } else if (property === DT('eccn')) {
      classificationOf(resource!).eccns.push(value!);
    } else {
      classificationOf(resource!).usmlCategories.push(value!);
    }
  }
  return { markings, classifications };
}

/** The export-control marking a derived document inherits: the highest regime of its inputs and their classifications. */
export interface ExportMarking {
  regime: Exclude<Clearance, 'none'>;
  /** ECCNs of the EAR-marked inputs, sorted; EAR needs at least one. */
  eccns: string[];
  /** USML categories of the ITAR-marked inputs, sorted; ITAR needs at least one. */
  usmlCategories: string[];
}

/**
 * Returns the marking a report or package built from `iris` must carry: the highest marking among
 * them, with the ECCNs of the EAR inputs and the USML categories of the ITAR inputs. Returns
 * undefined when no input is marked. A derived document is controlled as strictly as its most
 * controlled input.
 */
export function highestMarking(data: ExportData, iris: Iterable<string>): ExportMarking | undefined {
  let level = 0;
  const eccns = new Set<string>();
  const usmlCategories = new Set<string>();
  for (const iri of iris) {
    const marking = data.markings.get(iri);
    if (marking === undefined) {
      continue;
    }
    level = Math.max(level, marking);
    const classification = data.classifications.get(iri);
    if (marking === LEVEL_OF_REGIME.get(DT('EAR'))) {
      classification?.eccns.forEach((eccn) => eccns.add(eccn));
    }
    if (marking === HIGHEST_LEVEL) {
      classification?.usmlCategories.forEach((category) => usmlCategories.add(category));
    }
  }
  if (level === 0) {
    return undefined;
  }
  return { regime: regimeName(level), eccns: [...eccns].sort(), usmlCategories: [...usmlCategories].sort() };
}

/** Returns the name of the marking at a read level: 1 EAR99, 2 EAR, 3 ITAR. */
export function regimeName(level: number): Exclude<Clearance, 'none'> {
  return CLEARANCES[Math.min(Math.max(level, 1), HIGHEST_LEVEL)] as Exclude<Clearance, 'none'>;
}

/** Returns the scope of a clearance: it hides resources marked above the clearance and shows unmarked ones. */
export function clearanceScope(markings: Markings, clearance: Clearance): ReportScope {
  const allowed = CLEARANCES.indexOf(clearance);
  return { visible: (iri) => (markings.get(iri) ?? 0) <= allowed };
}

/** Returns a scope that shows a resource only when both scopes show it. */
export function intersectScopes(first: ReportScope, second: ReportScope): ReportScope {
  return { visible: (iri) => first.visible(iri) && second.visible(iri) };
}

/** Counts the resources among `iris` that carry each marking, as { EAR99, EAR, ITAR }. */
export function countMarked(markings: Markings, iris: Iterable<string>): Record<Exclude<Clearance, 'none'>, number> {
  const counts = { EAR99: 0, EAR: 0, ITAR: 0 };
  for (const iri of iris) {
    const level = markings.get(iri);
    if (level !== undefined) {
      counts[regimeName(level)]++;
    }
  }
  return counts;
}

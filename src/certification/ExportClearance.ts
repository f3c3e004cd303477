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

/**
 * Reads the marking of every resource in the store that states `dt:exportControl` about itself in its
 * own graph. Resources of every provider are read, so that a link to another provider's controlled
 * resource is withheld as well. A resource with several markings gets the strictest.
 */
export async function readMarkings(source: EvidenceSource): Promise<Markings> {
  const rows = await selectRows(source, `SELECT ?g ?regime WHERE { GRAPH ?g { ?g <${DT('exportControl')}> ?regime } }`);
  const markings = new Map<string, number>();
  for (const [resource, regime] of rows) {
    const level = levelOfRegime(regime!);
    markings.set(resource!, Math.max(level, markings.get(resource!) ?? 0));
  }
  return markings;
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

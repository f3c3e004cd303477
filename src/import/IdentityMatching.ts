import type { BomView } from './BomViews.js';
import type { ExistingBomLine, ExistingResource } from './ExistingResources.js';

/**
 * Identity rules of an import within one service provider. A part is its part number and revision. A
 * BOM line is its view (EBOM or MBOM), assembly, child and find number, or without a find number its
 * position among the lines of the same view, assembly and child. A requirement is its id in the source:
 * for ReqIF the SPEC-OBJECT IDENTIFIER, which the ReqIF standard requires to stay the same across exports.
 */

export function partKey(partNumber: string, revision: string): string {
  return `${partNumber}\u0000${revision}`;
}

/** Returns a BOM line's identity key. EBOM keys have no view, as before MBOM imports, so import states recorded then still match. */
export function bomLineKey(view: BomView, assembly: string, child: string, findNumber: string | undefined, position: number | undefined): string {
  const key = findNumber === undefined ? `${assembly} ${child} #${position ?? 1}` : `${assembly} ${child} find ${findNumber}`;
  return view === 'MBOM' ? `MBOM ${key}` : key;
}

/**
 * Returns the dt:sourceId of a BOM line: its assembly and child as part number and revision, then its
 * find number, or else its position among the lines of the same assembly and child, and `(MBOM)` for a
 * line of the manufacturing BOM. Unlike a line number or a STEP entity number, it stays the same when rows
 * are added above it or a CAD system exports the file again.
 */
export function bomLineSourceId(line: { parent: PartIdentity; child: PartIdentity; findNumber?: string; position?: number; view: BomView }): string {
  const occurrence = line.findNumber === undefined ? `occurrence ${line.position ?? 1}` : `find ${line.findNumber}`;
  return `${partLabel(line.parent)} > ${partLabel(line.child)} ${occurrence}${line.view === 'MBOM' ? ' (MBOM)' : ''}`;
}

interface PartIdentity {
  partNumber: string;
  revision: string;
}

function partLabel(part: PartIdentity): string {
  return `${part.partNumber} rev ${part.revision}`;
}

/** Groups existing resources by identity key. */
export function groupByKey<T>(resources: readonly T[], key: (resource: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const resource of resources) {
    const list = groups.get(key(resource));
    if (list === undefined) {
      groups.set(key(resource), [resource]);
    } else {
      list.push(resource);
    }
  }
  return groups;
}

/**
 * Indexes existing BOM lines by identity key. Lines without a find number get positions among the
 * lines of the same assembly and child in identifier order, which is the order an import created them.
 */
export function indexBomLines(lines: readonly ExistingBomLine[]): Map<string, ExistingBomLine[]> {
  const withoutFindNumber = groupByKey(
    lines.filter((line) => line.findNumber === undefined),
    (line) => `${line.view} ${line.assembly} ${line.child}`,
  );
  const index = groupByKey(
    lines.filter((line) => line.findNumber !== undefined),
    (line) => bomLineKey(line.view, line.assembly, line.child, line.findNumber, undefined),
  );
  for (const group of withoutFindNumber.values()) {
    group.sort(compareIdentifiers);
    group.forEach((line, position) => index.set(bomLineKey(line.view, line.assembly, line.child, undefined, position + 1), [line]));
  }
  return index;
}

/**
 * Picks the resource an import updates among existing ones with the same identity: the one its own
 * source wrote last, else the one with the lowest identifier. `ambiguous` tells the caller to warn.
 */
export function chooseExisting<T extends ExistingResource>(candidates: readonly T[] | undefined, source: string): { match?: T; ambiguous: boolean } {
  if (candidates === undefined || candidates.length === 0) {
    return { ambiguous: false };
  }
  const own = candidates.find((candidate) => candidate.derivedFrom === source);
  const match = own ?? [...candidates].sort(compareIdentifiers)[0]!;
  return { match, ambiguous: candidates.length > 1 };
}

/** Orders identifiers such as BL-000009 and BL-000010 by their number, then as text. */
export function compareIdentifiers(a: ExistingResource, b: ExistingResource): number {
  const number = (resource: ExistingResource): number => Number(/(\d+)$/.exec(resource.identifier)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return number(a) - number(b) || a.identifier.localeCompare(b.identifier) || a.iri.localeCompare(b.iri);
}

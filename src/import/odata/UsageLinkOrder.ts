import { entityId, findNumberOf, isEntity } from './WindchillParts.js';

/** Returns the number after the last colon of a usage-link ID (`OR:wt.part.WTPartUsageLink:777001`), without leading zeros. */
function idNumber(id: string): string | undefined {
  return /:0*(\d+)$/.exec(id)?.[1];
}

/**
 * Compares two usage-link IDs by the number after the last colon, then as text. Digits are compared
 * by length and then as text, so that IDs longer than a double's 53 bits still compare exactly. An ID
 * with such a number comes before one without.
 */
export function compareUsageLinkIds(a: string, b: string): number {
  const numberA = idNumber(a);
  const numberB = idNumber(b);
  if (numberA !== undefined && numberB === undefined) {
    return -1;
  }
  if (numberA === undefined && numberB !== undefined) {
    return 1;
  }
  if (numberA !== undefined && numberB !== undefined && numberA !== numberB) {
    return numberA.length - numberB.length || (numberA < numberB ? -1 : 1);
  }
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/**
 * Orders the uses without a find number (no FindNumber or LineNumber) of one part by usage-link ID, in
 * the places that such uses take in the response, and leaves every other use where it is. Two such uses
 * of one child are distinguished by their position among the lines of their BOM, assembly and child, and a
 * service may list them in another order on the next pull. The ID order gives the same use the same
 * position on every pull. Uses without an ID keep their response order, after those with one.
 */
export function orderUsesWithoutFindNumber<T extends { entity: unknown }>(uses: readonly T[]): T[] {
  const slots: number[] = [];
  uses.forEach((use, index) => {
    if (isEntity(use.entity) && findNumberOf(use.entity) === undefined) {
      slots.push(index);
    }
  });

  // Array.prototype.sort is stable, so uses without an ID keep their order among themselves.
  const idOf = (use: T): string | undefined => entityId(use.entity as Record<string, unknown>);
  const sorted = slots.map((slot) => uses[slot]!).sort((a, b) => {
    const idA = idOf(a);
    const idB = idOf(b);
    if (idA === undefined || idB === undefined) {
      return (idA === undefined ? 1 : 0) - (idB === undefined ? 1 : 0);
    }
    return compareUsageLinkIds(idA, idB);
  });

  const ordered = [...uses];
  slots.forEach((slot, index) => {
    ordered[slot] = sorted[index]!;
  });
  return ordered;
}

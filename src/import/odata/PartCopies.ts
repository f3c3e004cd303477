import type { Entity } from './WindchillParts.js';

/** One part of a pull: its copies merged, and the page of the copy whose values come first. */
export interface MergedPart {
  entity: Entity;
  page: string;
}

interface PartCopy extends MergedPart {
  topLevel: boolean;
}

/**
 * Merges the copies of each Windchill part (same ID) that one pull reads. With `$expand=Uses($expand=Uses)`
 * a part comes as a record of the Parts collection (`value[]`) and again as the child part of every usage
 * link that uses it. A service may expand only a few properties of the child, such as ID, Number and
 * Revision. A property takes its value from any copy that has one, so a partial copy adds to a full one
 * and never hides it.
 *
 * Where two copies give different values for one property, the top-level record's value is kept: it is
 * the entity that the Parts request itself returned, while an expanded child contains what the service puts
 * into a usage link, which may be a projection or another iteration. Between two copies of the same kind,
 * the one read first is kept. Copies are matched by ID, and each view version of a part (Design,
 * Manufacturing) has its own ID, so view versions stay apart here and mergeViewVersions merges them.
 */
export class PartCopies {
  private readonly copies = new Map<string, PartCopy>();

  /** Adds one copy of the part `id`. `topLevel` is true for a record of `value[]` and false for an expanded child part. */
  public add(id: string, entity: Entity, page: string, topLevel: boolean): void {
    const known = this.copies.get(id);
    if (known === undefined) {
      this.copies.set(id, { entity, page, topLevel });
      return;
    }

    if (topLevel && !known.topLevel) {
      this.copies.set(id, { entity: mergeCopies(entity, known.entity), page, topLevel });
    } else {
      known.entity = mergeCopies(known.entity, entity);
    }
  }

  /** Returns the merged parts in the order in which each was first read. */
  public merged(): MergedPart[] {
    return [...this.copies.values()].map(({ entity, page }) => ({ entity, page }));
  }
}

/** Returns the properties of both copies, with `preferred`'s value where both have one. A null value counts as none. */
export function mergeCopies(preferred: Entity, other: Entity): Entity {
  const merged: Entity = { ...preferred };
  for (const [name, value] of Object.entries(other)) {
    if (merged[name] === undefined || merged[name] === null) {
      merged[name] = value;
    }
  }
  return merged;
}

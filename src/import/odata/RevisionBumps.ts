import type { ImportIssue } from '../ImportModel.js';
import type { StoredPartNumber } from '../StoredPartUses.js';

/**
 * Maximum number of stored assemblies that one incremental pull reads again. Each costs one request, so a
 * new revision of a part that thousands of assemblies use, such as a standard nut, is left to a full pull.
 */
export const MAX_ASSEMBLIES_READ_AGAIN = 500;

/** A part number and revision, as the store and the pull's messages name a part. */
export interface PartRevision {
  partNumber: string;
  revision: string;
}

/** The stored assemblies to read again, and a warning when the cap leaves some out. */
export interface ReadAgainPlan {
  assemblies: PartRevision[];
  warning?: ImportIssue;
}

function key(part: PartRevision): string {
  return `${part.partNumber}\u0000${part.revision}`;
}

function label(part: PartRevision): string {
  return `${part.partNumber} rev ${part.revision}`;
}

/**
 * Returns the stored assemblies whose BOM lines use another revision of a pulled part, for each pulled
 * part whose number the provider stores, but not at the pulled revision. Windchill's `Uses` links an
 * assembly to the child's master, and the revision it returns follows the config spec, so a new child
 * revision changes the assembly's BOM without changing its LastModified. An incremental pull then reads
 * the child but not the assembly. The stored revisions are the ones stored before this pull, so they are
 * earlier ones. Assemblies in `read`, the part records that the pull read with their uses, are left out.
 * The order is by part number, then revision, so the cap keeps the same assemblies on every pull.
 */
export function assembliesToReadAgain(pulled: readonly PartRevision[], read: readonly PartRevision[], stored: ReadonlyMap<string, StoredPartNumber>): ReadAgainPlan {
  const readKeys = new Set(read.map(key));
  const found = new Map<string, PartRevision>();
  for (const part of pulled) {
    const storedNumber = stored.get(part.partNumber);
    if (storedNumber === undefined || storedNumber.revisions.includes(part.revision)) {
      continue;
    }
    for (const use of storedNumber.uses) {
      const assembly = { partNumber: use.assemblyNumber, revision: use.assemblyRevision };
      if (assembly.partNumber !== part.partNumber && !readKeys.has(key(assembly))) {
        found.set(key(assembly), assembly);
      }
    }
  }

  const assemblies = [...found.values()].sort((a, b) => compareText(a.partNumber, b.partNumber) || compareText(a.revision, b.revision));
  if (assemblies.length <= MAX_ASSEMBLIES_READ_AGAIN) {
    return { assemblies };
  }
  const left = assemblies.slice(MAX_ASSEMBLIES_READ_AGAIN);
  const examples = left.slice(0, 3).map(label).join(', ');
  return {
    assemblies: assemblies.slice(0, MAX_ASSEMBLIES_READ_AGAIN),
    warning: {
      severity: 'warning',
      message:
        `${assemblies.length} stored assemblies use an earlier revision of a part that this pull read, but an incremental pull reads at most ${MAX_ASSEMBLIES_READ_AGAIN} of them again. ` +
        `The other ${left.length} (${examples}${left.length > 3 ? ', …' : ''}) keep their BOM lines to the earlier revision; run a full pull, without --since, to update their BOMs.`,
    },
  };
}

/** Compares by UTF-16 code units, so that the order does not depend on the locale. */
function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

import type { ImportIssue } from '../ImportModel.js';
import { linesText } from './CsvValues.js';

/**
 * Checks the parents that a parent-child CSV BOM names, and warns where the file may mean another
 * revision: a part number of several revisions named without a revision gets the first row's revision.
 * A parent without a row is checked at import, against the provider's parts (UndescribedAssemblies).
 */
export class ParentReferences {
  /** Revisions of each part number that has rows, in row order. */
  private readonly revisions = new Map<string, string[]>();

  /** Lines whose parent was named without a revision, by the parent's part number. */
  private readonly withoutRevision = new Map<string, number[]>();

  public constructor(rows: readonly { partNumber: string; revision: string }[]) {
    for (const row of rows) {
      const revisions = this.revisions.get(row.partNumber) ?? [];
      if (!revisions.includes(row.revision)) {
        revisions.push(row.revision);
      }
      this.revisions.set(row.partNumber, revisions);
    }
  }

  /** Notes the parent that a row names, with the parent's revision when the row gives one. */
  public named(parent: string, revision: string | undefined, line: number): void {
    const revisions = this.revisions.get(parent);
    if (revisions !== undefined && revision === undefined && revisions.length > 1) {
      add(this.withoutRevision, parent, line);
    }
  }

  /** Returns one warning for each parent that the file may mean otherwise. */
  public warnings(file: string): ImportIssue[] {
    const warnings: ImportIssue[] = [];
    for (const [parent, lines] of this.withoutRevision) {
      const revisions = this.revisions.get(parent)!;
      const single = lines.length === 1;
      warnings.push({
        severity: 'warning',
        message:
          `${parent} has rows of revisions ${new Intl.ListFormat('en', { type: 'conjunction' }).format(revisions)}, and ${linesText(lines)} ${single ? 'names' : 'name'} it as parent without a revision, ` +
          `so ${single ? 'its BOM line goes' : 'their BOM lines go'} under revision ${revisions[0]!}, the first row's. To place ${single ? 'it' : 'them'} under another revision, give it in a Parent Revision column.`,
        location: { file, line: lines[0]! },
      });
    }
    return warnings;
  }
}

function add(map: Map<string, number[]>, key: string, line: number): void {
  const lines = map.get(key) ?? [];
  lines.push(line);
  map.set(key, lines);
}

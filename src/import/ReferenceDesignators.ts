import type { BatchBomLine } from './BatchChecks.js';
import type { ImportIssue } from './ImportModel.js';
import { PIECES } from './QuantityUnits.js';
import { shortName } from './ShortNames.js';

/** Returns the designators in a text that lists several, separated by spaces, commas or semicolons, as `R1, R2 R3`. */
export function splitDesignators(text: string): string[] {
  return text.split(/[\s,;]+/).filter((designator) => designator !== '');
}

/** Number of BOM lines or designators that one warning names. It counts the rest. */
const NAMED = 3;

/**
 * Checks the reference designators of BOM lines, which place each piece on a drawing or board. A line
 * counted in pieces gives one designator per piece, and a designator names one place in an assembly.
 * A mistake is a warning, one per kind, because exports also use designators loosely.
 */
export function checkReferenceDesignators(lines: readonly BatchBomLine[]): ImportIssue[] {
  const warnings: ImportIssue[] = [];

  const miscounted = lines.filter((line) => line.unit === PIECES && line.referenceDesignators.length > 0 && line.referenceDesignators.length !== line.quantity);
  if (miscounted.length > 0) {
    const named = miscounted.slice(0, NAMED).map((line) => `${lineName(line)} (${line.quantity} pieces, ${line.referenceDesignators.length} designators)`);
    warnings.push({
      severity: 'warning',
      message: `${countText(miscounted.length, 'BOM line has', 'BOM lines have')} another number of reference designators than pieces: ${listText(named, miscounted.length)}. Give one designator per piece.`,
      location: miscounted[0]!.location,
    });
  }

  const repeated: { assembly: string; designator: string; line: BatchBomLine }[] = [];
  const seen = new Map<string, Set<string>>();
  for (const line of lines) {
    // The EBOM and the MBOM of one assembly place the same pieces, so each view has its own designators.
    const assembly = `${line.view} ${line.parent.key}`;
    const used = seen.get(assembly) ?? new Set<string>();
    seen.set(assembly, used);
    for (const designator of line.referenceDesignators) {
      if (used.has(designator)) {
        repeated.push({ assembly: line.parent.partNumber, designator, line });
      }
      used.add(designator);
    }
  }
  if (repeated.length > 0) {
    const named = repeated.slice(0, NAMED).map(({ assembly, designator }) => `${shortName(designator)} in ${shortName(assembly)}`);
    warnings.push({
      severity: 'warning',
      message: `${countText(repeated.length, 'reference designator is', 'reference designators are')} used twice in one assembly: ${listText(named, repeated.length)}. Give each place its own designator.`,
      location: repeated[0]!.line.location,
    });
  }
  return warnings;
}

function lineName(line: BatchBomLine): string {
  return `${shortName(line.child.partNumber)} in ${shortName(line.parent.partNumber)}${line.findNumber === undefined ? '' : ` find ${line.findNumber}`}`;
}

function countText(count: number, singular: string, plural: string): string {
  return count === 1 ? `1 ${singular}` : `${count.toLocaleString('en-US')} ${plural}`;
}

function listText(named: readonly string[], count: number): string {
  return count > named.length ? `${named.join(', ')} and ${count - named.length} more` : named.join(', ');
}

import { inView } from './BomViews.js';
import type { BatchBomLine, BatchPart, ErrorSink } from './BatchChecks.js';
import { findCycles } from './BomCycles.js';
import type { SourceLocation } from './ImportModel.js';

/** At most this many uses of one BOM cycle are named in its error; the rest are counted. */
const MAX_CYCLE_USES_NAMED = 10;

/** At most this many BOM lines are named for one use of a cycle. */
const MAX_LINES_PER_USE = 3;

/** One assembly's use of one child, with every BOM line between the two in source order. */
interface PartUse {
  parent: BatchPart;
  child: BatchPart;
  lines: BatchBomLine[];
  /** Position of the use's last line among all BOM lines of the batch. */
  lastIndex: number;
}

/**
 * Reports each BOM cycle with every use and BOM line on it, because a cycle has no single culprit and
 * the line that the user changed may be any of them. The lines are those of one view: an MBOM line that
 * uses a part whose EBOM contains the assembly is no cycle, because each view is a structure of its own.
 */
export function reportBomCycles(parts: readonly BatchPart[], lines: readonly BatchBomLine[], error: ErrorSink): void {
  const uses = partUses(lines);
  const children = new Map<BatchPart, BatchPart[]>();
  for (const use of uses.values()) {
    const list = children.get(use.parent) ?? [];
    list.push(use.child);
    children.set(use.parent, list);
  }

  for (const found of findCycles(parts, (part) => children.get(part) ?? [])) {
    const cycle = usesInSourceOrder(found, uses);
    const closing = cycle[cycle.length - 1]!;
    const location = closing.lines[closing.lines.length - 1]!.location;
    error(`BOM cycle${inView(closing.lines[0]!.view)}: ${describeCycle(cycle, location.file)}. An assembly cannot contain itself, directly or deeper, so ${cycleFix(cycle)}`, location);
  }
}

function partUses(lines: readonly BatchBomLine[]): Map<string, PartUse> {
  const uses = new Map<string, PartUse>();
  for (const [index, line] of lines.entries()) {
    const key = `${line.parent.key}\u0001${line.child.key}`;
    const use = uses.get(key);
    if (use === undefined) {
      uses.set(key, { parent: line.parent, child: line.child, lines: [line], lastIndex: index });
    } else {
      use.lines.push(line);
      use.lastIndex = index;
    }
  }
  return uses;
}

/**
 * Returns the uses of a cycle found as a node path, turned to end with the use whose last line comes
 * last in the source, because that line completes the cycle and the error is reported at it.
 */
function usesInSourceOrder(path: readonly BatchPart[], uses: ReadonlyMap<string, PartUse>): PartUse[] {
  const cycle = path.slice(1).map((child, position) => uses.get(`${path[position]!.key}\u0001${child.key}`)!);
  const closing = cycle.reduce((latest, use, position) => (use.lastIndex > cycle[latest]!.lastIndex ? position : latest), 0);
  return [...cycle.slice(closing + 1), ...cycle.slice(0, closing + 1)];
}

/** Writes the uses of a cycle as `A rev 1 uses B rev 1 (#1910, line 2465), B rev 1 uses A rev 1 (#1921, line 2482)`. */
function describeCycle(cycle: readonly PartUse[], file: string): string {
  const named = cycle.slice(0, MAX_CYCLE_USES_NAMED).map((use) => {
    const child = use.child === use.parent ? 'itself' : partName(use.child);
    return `${partName(use.parent)} uses ${child} (${useLines(use, file)})`;
  });
  const more = cycle.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more ${more === 1 ? 'use' : 'uses'}` : named.join(', ');
}

function partName(part: BatchPart): string {
  return `${part.partNumber} rev ${part.revision}`;
}

/** Names the BOM lines of one use, such as `#1910, line 2465` or `#1921, line 2482; #1927, line 2492`. */
function useLines(use: PartUse, file: string): string {
  const locations = useLocations(use);
  const named = locations.slice(0, MAX_LINES_PER_USE).map((location) => lineReference(location, file));
  const more = locations.length - named.length;
  return more > 0 ? `${named.join('; ')}; and ${more} more` : named.join('; ');
}

function useLocations(use: PartUse): SourceLocation[] {
  return use.lines.flatMap((line) => [line.location, ...line.mergedLocations]);
}

/**
 * Writes where one source line is in the format's own terms: its entity (a STEP instance number, a PLM
 * XML element id) and line number, with the file name only when it is not the file of the error.
 */
function lineReference(location: SourceLocation, file: string): string {
  const line = location.line === undefined ? '' : `line ${location.line}`;
  const where = location.file === file ? line : `${location.file} ${line}`.trim();
  return [location.entity, where].filter((part) => part !== undefined && part !== '').join(', ') || location.file;
}

/** Returns the fix. Removing one use breaks the cycle, and that takes every BOM line the use lists. */
function cycleFix(cycle: readonly PartUse[]): string {
  const severalLines = cycle.some((use) => useLocations(use).length > 1);
  return severalLines ? 'remove or correct one of these uses, including every BOM line it lists.' : 'remove or correct one of these BOM lines.';
}

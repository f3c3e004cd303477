import type { BatchBomLine } from './BatchChecks.js';
import { inView } from './BomViews.js';
import type { BomView } from './BomViews.js';
import type { ExistingBomLine } from './ExistingResources.js';
import { firstNamed } from './FirstNamed.js';
import type { ImportIssue, SourceLocation } from './ImportModel.js';
import { sourceNameOf } from './Provenance.js';
import { REMOVAL_RUN } from './Removals.js';

/** Number of find numbers or lines that a warning names. It counts the rest. */
const NAMED = 3;

/**
 * Warns when the source gives one assembly several BOM lines with the same find number and different
 * children. A find number identifies one item of an assembly's drawing or parts list, so a repeat is
 * usually a revision bump that left the old row, or a copied row whose part was changed.
 */
export function warnAboutSharedFindNumbers(lines: readonly BatchBomLine[]): ImportIssue[] {
  // Most find numbers have one line, so a group is made only when a second line comes.
  const firstLines = new Map<string, BatchBomLine>();
  const groups = new Map<string, BatchBomLine[]>();
  for (const line of lines) {
    if (line.findNumber === undefined) {
      continue;
    }
    const key = `${line.view}\u0001${line.parent.key}\u0001${line.findNumber}`;
    const first = firstLines.get(key);
    if (first === undefined) {
      firstLines.set(key, line);
    } else {
      groups.set(key, [...(groups.get(key) ?? [first]), line]);
    }
  }
  const shared = [...groups.values()];
  if (shared.length === 0) {
    return [];
  }

  const named = shared.map((group) => {
    const first = group[0]!;
    const children = group.map((line) => `${line.child.partNumber} rev ${line.child.revision}`).join(', ');
    return `${first.parent.partNumber} rev ${first.parent.revision} find ${first.findNumber}${first.view === 'MBOM' ? ' (MBOM)' : ''}: ${children}`;
  });
  return [
    {
      severity: 'warning',
      message:
        `${shared.length === 1 ? 'One find number is' : `${shared.length} find numbers are`} used by BOM lines of different parts in one assembly (${firstNamed(named, NAMED)}). ` +
        'Each line is imported, so a BOM explosion counts every part. A find number names one item of the assembly: if one part replaces another, remove the old row; otherwise give each line its own find number.',
      location: shared[0]![1]!.location,
    },
  ];
}

/** A BOM line that an import creates: its view, assembly, child and find number, and its name for messages. */
export interface CreatedLine {
  view: BomView;
  assembly: string;
  child: string;
  findNumber?: string;
  label: string;
}

/** Returns the key of a find number in one view's BOM of an assembly, given by the assembly's IRI. */
function positionKey(line: { view: BomView; assembly: string; findNumber?: string }): string {
  return `${line.view} ${line.assembly} ${line.findNumber}`;
}

/**
 * Warns when an import creates a BOM line at a find number where another source's stored line puts a
 * different part in the same assembly. After a revision bump in one source (LG-120 rev A to rev B at
 * find 20) the other source's line to the old revision stays, and a BOM explosion counts both. Lines of
 * the import's own source are not compared here, because warnAboutKeptFindNumbers covers those that the
 * source no longer has. `partName` names a stored part by IRI.
 */
export function warnAboutStoredFindNumbers(created: readonly CreatedLine[], existing: readonly ExistingBomLine[], source: string, dryRun: boolean, partName: (iri: string) => string): ImportIssue[] {
  const others = new Map<string, ExistingBomLine[]>();
  for (const line of existing) {
    if (line.findNumber !== undefined && line.derivedFrom !== undefined && line.derivedFrom !== source) {
      others.set(positionKey(line), [...(others.get(positionKey(line)) ?? []), line]);
    }
  }
  if (others.size === 0) {
    return [];
  }

  const clashes: string[] = [];
  const sources = new Set<string>();
  for (const line of created) {
    if (line.findNumber === undefined) {
      continue;
    }
    for (const stored of others.get(positionKey(line)) ?? []) {
      if (stored.child !== line.child) {
        clashes.push(`${line.label}, where ${sourceNameOf(stored.derivedFrom!)} has ${partName(stored.child)} (<${stored.iri}>)`);
        sources.add(sourceNameOf(stored.derivedFrom!));
      }
    }
  }
  if (clashes.length === 0) {
    return [];
  }
  return [
    {
      severity: 'warning',
      message:
        `This import ${dryRun ? 'would add' : 'adds'} ${clashes.length === 1 ? 'a BOM line' : `${clashes.length} BOM lines`} at find numbers where ${new Intl.ListFormat('en').format([...sources])} already ${sources.size === 1 ? 'gives' : 'give'} another part: ${firstNamed(clashes, NAMED)}. ` +
        `Both lines stay, so a BOM explosion counts both parts. If the new part replaces the old one, remove the other source's line: import that source again without it, with --remove-missing, or delete the line.`,
    },
  ];
}

/** A BOM line that the source gives: its view, assembly and child part IRIs, find number and location in the source. */
export interface SourceLine {
  view: BomView;
  assembly: string;
  child: string;
  findNumber?: string;
  location: SourceLocation;
}

/** The import's settings and part names that the kept-line warning uses. */
interface KeptLineContext {
  dryRun: boolean;
  /** An incremental pull, whose removal run is a full pull. */
  partial: boolean;
  /** Names a part by IRI, as `PART-NUMBER rev REVISION`. */
  partName: (iri: string) => string;
}

/** Number of find numbers that get a warning of their own. One more warning counts the rest. */
const POSITIONS_WARNED = 10;

/**
 * Warns, once per find number, when an import keeps a BOM line that the source no longer has while the
 * source gives another part at the same find number of the same assembly and view. After a revision bump
 * (LGA-1120 rev A to rev B at find 20) without --remove-missing the old line stays, so a BOM explosion
 * counts both parts. A kept line to a part that the source still gives there is no conflict, and lines
 * without a find number are not compared. `keptLines` are the source's stored lines that this import
 * keeps although the source no longer has them.
 */
export function warnAboutKeptFindNumbers(
  lines: readonly SourceLine[],
  keptLines: readonly ExistingBomLine[],
  context: KeptLineContext,
): ImportIssue[] {
  const keptByPosition = new Map<string, ExistingBomLine[]>();
  for (const line of keptLines) {
    if (line.findNumber !== undefined) {
      keptByPosition.set(positionKey(line), [...(keptByPosition.get(positionKey(line)) ?? []), line]);
    }
  }
  if (keptByPosition.size === 0) {
    return [];
  }
  const givenByPosition = new Map<string, SourceLine[]>();
  for (const line of lines) {
    if (line.findNumber !== undefined && keptByPosition.has(positionKey(line))) {
      givenByPosition.set(positionKey(line), [...(givenByPosition.get(positionKey(line)) ?? []), line]);
    }
  }

  // The source's lines come in source order, so the warnings do too.
  const warnings: ImportIssue[] = [];
  const unwarned: string[] = [];
  for (const [key, given] of givenByPosition) {
    const children = new Set(given.map((line) => line.child));
    const conflicting = keptByPosition.get(key)!.filter((line) => !children.has(line.child));
    if (conflicting.length === 0) {
      continue;
    }
    const first = given[0]!;
    const position = `find ${first.findNumber} of ${context.partName(first.assembly)}${inView(first.view)}`;
    if (warnings.length === POSITIONS_WARNED) {
      unwarned.push(position);
      continue;
    }
    warnings.push({ severity: 'warning', message: keptFindNumberMessage(position, [...children], conflicting, context), location: first.location });
  }
  if (unwarned.length > 0) {
    warnings.push({
      severity: 'warning',
      message: `At ${unwarned.length} more find numbers (${firstNamed(unwarned, NAMED)}) this import ${context.dryRun ? 'would keep' : 'keeps'} a BOM line that the source no longer has, to a part other than the one the source gives there. The same fix applies.`,
    });
  }
  return warnings;
}

/** Returns the warning about one find number: the parts of the source, those of the kept lines, and the fix. */
function keptFindNumberMessage(position: string, children: readonly string[], conflicting: readonly ExistingBomLine[], context: KeptLineContext): string {
  const list = (items: readonly string[]): string => new Intl.ListFormat('en').format(items);
  const single = conflicting.length === 1;
  const keeps = context.dryRun ? 'would keep' : 'keeps';
  const counts = context.dryRun ? 'would count' : 'counts';
  const removal = context.partial ? 'Pull again in full with --remove-missing' : `Import again with ${REMOVAL_RUN}`;
  return (
    `At ${position}, the source gives ${list(children.map(context.partName))}, but this import ${keeps} ${single ? 'a BOM line' : 'BOM lines'} to ${list(conflicting.map((kept) => context.partName(kept.child)))} that the source no longer has (${conflicting.map((kept) => `<${kept.iri}>`).join(', ')}). ` +
    `A BOM explosion ${counts} ${children.length + conflicting.length === 2 ? 'both parts' : 'all these parts'}. ${removal} to remove the old ${single ? 'line' : 'lines'}, or edit ${single ? 'it' : 'them'}.`
  );
}

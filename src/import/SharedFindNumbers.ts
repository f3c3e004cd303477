import type { BatchBomLine } from './BatchChecks.js';
import type { BomView } from './BomViews.js';
import type { ExistingBomLine } from './ExistingResources.js';
import { firstNamed } from './FirstNamed.js';
import type { ImportIssue } from './ImportModel.js';
import { sourceNameOf } from './Provenance.js';

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

/**
 * Warns when an import creates a BOM line at a find number where another source's stored line puts a
 * different part in the same assembly. After a revision bump in one source (LG-120 rev A to rev B at
 * find 20) the other source's line to the old revision stays, and a BOM explosion counts both. Lines of
 * the import's own source are not compared: the source no longer has them, so the run's removal advice
 * names them. `partName` names a stored part by IRI.
 */
export function warnAboutStoredFindNumbers(created: readonly CreatedLine[], existing: readonly ExistingBomLine[], source: string, dryRun: boolean, partName: (iri: string) => string): ImportIssue[] {
  const keyOf = (line: { view: BomView; assembly: string; findNumber?: string }): string => `${line.view} ${line.assembly} ${line.findNumber}`;
  const others = new Map<string, ExistingBomLine[]>();
  for (const line of existing) {
    if (line.findNumber !== undefined && line.derivedFrom !== undefined && line.derivedFrom !== source) {
      others.set(keyOf(line), [...(others.get(keyOf(line)) ?? []), line]);
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
    for (const stored of others.get(keyOf(line)) ?? []) {
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

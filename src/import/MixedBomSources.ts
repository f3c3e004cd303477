import type { BomView } from './BomViews.js';
import type { ExistingBomLine } from './ExistingResources.js';
import type { ImportIssue } from './ImportModel.js';
import { sourceNameOf } from './Provenance.js';
import { firstNamed } from './FirstNamed.js';

/** Number of uses that the warning names. It counts the rest. */
const USES_NAMED = 3;

/** A BOM line that an import creates: its view, its assembly and child part IRIs, and its name for messages. */
export interface CreatedUse {
  view: BomView;
  assembly: string;
  child: string;
  label: string;
}

/**
 * Warns when an import creates a BOM line for a child in an assembly where another source's BOM line
 * already uses that child. A STEP file and an ERP export that give one assembly with other find numbers
 * do that. Both lines stay, so a BOM explosion counts the child twice. An EBOM line and an MBOM line of
 * one use are no such case, because each view is a BOM of its own.
 */
export function warnAboutMixedBomSources(created: readonly CreatedUse[], existing: readonly ExistingBomLine[], source: string, dryRun: boolean): ImportIssue[] {
  if (created.length === 0) {
    return [];
  }
  const otherSources = new Map<string, Set<string>>();
  for (const line of existing) {
    if (line.importOrigin !== undefined && line.derivedFrom !== undefined && line.derivedFrom !== source) {
      const key = `${line.view} ${line.assembly} ${line.child}`;
      const sources = otherSources.get(key) ?? new Set<string>();
      sources.add(line.derivedFrom);
      otherSources.set(key, sources);
    }
  }

  const useKey = (use: CreatedUse): string => `${use.view} ${use.assembly} ${use.child}`;
  const doubled = created.filter((use) => otherSources.has(useKey(use)));
  if (doubled.length === 0) {
    return [];
  }
  const sources = [...new Set(doubled.flatMap((use) => [...otherSources.get(useKey(use))!]))].map(sourceNameOf);
  const single = doubled.length === 1;
  return [
    {
      severity: 'warning',
      message:
        `This import ${dryRun ? 'would add' : 'adds'} ${single ? 'a BOM line' : `${doubled.length} BOM lines`} for ${single ? 'a use' : 'uses'} of a part that ${new Intl.ListFormat('en').format(sources)} already ${sources.length === 1 ? 'gives' : 'give'} in the same assembly (${firstNamed(doubled.map((use) => use.label), USES_NAMED)}), ` +
        `so a BOM explosion counts ${single ? 'that part' : 'those parts'} once per source. Import an assembly's structure from one source only: a --remove-missing run of the other source, with a file that no longer lists the assembly's lines, removes them.`,
    },
  ];
}

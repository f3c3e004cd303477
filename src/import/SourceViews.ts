import type { BatchBomLine } from './BatchChecks.js';
import type { BomView } from './BomViews.js';
import type { ExistingBomLine } from './ExistingResources.js';
import { ImportRejectedError } from './ImportErrors.js';
import type { ImportIssue } from './ImportModel.js';
import { sourceNameOf } from './Provenance.js';
import { fileName } from './SameNamedFiles.js';

/** A source whose stored BOM lines are all in one view and whose import gives all its lines in the other. */
interface ViewSwitch {
  from: BomView;
  to: BomView;
  /** Number of the source's stored lines, all in `from`. */
  stored: number;
}

/**
 * Returns the view switch of a source, or undefined. An MBOM source imported once without `--bom-view
 * mbom` gives every line in the EBOM, because that is the default, and its stored lines are then
 * missing from it. A source whose lines are in both views on either side is no switch.
 */
function viewSwitch(existing: readonly ExistingBomLine[], batch: readonly BatchBomLine[], source: string): ViewSwitch | undefined {
  const stored = existing.filter((line) => line.derivedFrom === source);
  const storedViews = new Set(stored.map((line) => line.view));
  const batchViews = new Set(batch.map((line) => line.view));
  if (storedViews.size !== 1 || batchViews.size !== 1) {
    return undefined;
  }
  const [from] = storedViews as Set<BomView>;
  const [to] = batchViews as Set<BomView>;
  return from === to ? undefined : { from: from!, to: to!, stored: stored.length };
}

/**
 * Checks that an import does not move a source's whole BOM to the other view by mistake. A removal run
 * that would do so is rejected, because it would delete the stored lines, whose IRIs never come back.
 * A plain import gets a warning: it only adds lines, which a removal run of the right view removes.
 */
export function checkSourceView(existing: readonly ExistingBomLine[], batch: readonly BatchBomLine[], options: { source: string; uri: string; removeMissing: boolean; dryRun: boolean }): ImportIssue[] {
  const change = viewSwitch(existing, batch, options.source);
  if (change === undefined) {
    return [];
  }
  const name = sourceNameOf(options.source);
  const option = `--bom-view ${change.from.toLowerCase()} (bomView=${change.from} on the import endpoint)`;
  const lead = `Earlier imports of source ${name} wrote its ${change.stored.toLocaleString('en-US')} BOM ${change.stored === 1 ? 'line' : 'lines'} in the ${change.from}, and this ${options.removeMissing ? 'run' : 'import'} gives every line in the ${change.to}`;
  if (options.removeMissing) {
    throw new ImportRejectedError([
      {
        severity: 'error',
        message: `${lead}, so it would remove the source's ${change.from} lines and create them again in the ${change.to}. If the source is still an ${change.from}, import it with ${option}. If its lines now belong in the ${change.to}, import it once without --remove-missing, then run the removal.`,
        location: { file: fileName(options.uri) },
      },
    ]);
  }
  return [
    {
      severity: 'warning',
      message: `${lead}. If the source is still an ${change.from}, import it again with ${option}; a --remove-missing run of it then removes the ${change.to} lines that this import ${options.dryRun ? 'would create' : 'created'}.`,
    },
  ];
}

import type { ChangedValues } from './ChangeSummary.js';
import type { ImportIssue } from './ImportModel.js';
import { formatIssue } from './ImportErrors.js';
import { sourceNameOf } from './Provenance.js';
import type { ImportedType, PlannedAction } from './SyncPlan.js';

export interface TypeCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * Changes that get details, and that a job's JSON report lists. Reports on the command line list fewer.
 * Describing every change costs time: 0.9 s for 110,000 new resources, measured once on a 2-core Xeon.
 */
export const DETAILED_CHANGES = 1000;

/** One resource the import created, changed or removed (or would, in a dry run). */
export interface ReportedChange {
  action: Exclude<PlannedAction, 'unchanged'>;
  type: ImportedType;
  iri: string;
  label: string;
  /**
   * The properties an update changes, such as `Quantity 2 → 3`, or the values of a new resource. Only
   * the first DETAILED_CHANGES changes have it.
   */
  details?: string;
  /** The changed properties with their whole values, for the same changes as `details`. */
  values?: ChangedValues[];
}

/** What an import did, or would do in a dry run. */
export interface SyncReport {
  provider: string;
  /** `iri` identifies the source (prov:wasDerivedFrom); `origin` is the file or URL read (dt:importOrigin). */
  source: { system: string; uri: string; iri: string; origin: string };
  dryRun: boolean;
  counts: Record<ImportedType, TypeCounts>;
  changes: ReportedChange[];
  warnings: ImportIssue[];
  /** Latest modification time the source reported (odata), to pass as the next pull's modified-since time. */
  highWaterMark?: string;
  /** True when the source listed only some of its items, as an incremental pull does. */
  partial?: boolean;
  /** Store sequence number of the commit; absent when nothing was written. */
  sequence?: number;
  /** Milliseconds the import took: synchronizing, and reading the source when runImport ran the adapter. */
  durationMs: number;
}

/** Items planned or validated between yields to the event loop and progress reports, so a large import does not stall the server. */
export const YIELD_EVERY = 2_000;

/** Steps of an import, in order, as progress reports name them. */
export type SyncPhase = 'read' | 'check' | 'plan' | 'validate' | 'commit' | 'done';

export interface SyncProgress {
  phase: SyncPhase;
  /** Items done in this phase, and the total when it is known. */
  done: number;
  total?: number;
}

const TYPE_NAMES: Record<ImportedType, string> = { parts: 'parts', bomLines: 'BOM lines', requirements: 'requirements', requirementCollections: 'requirement collections' };

export function emptyCounts(): Record<ImportedType, TypeCounts> {
  const counts = (): TypeCounts => ({ created: 0, updated: 0, unchanged: 0, removed: 0 });
  return { parts: counts(), bomLines: counts(), requirements: counts(), requirementCollections: counts() };
}

/**
 * Writes a report as text: a line per type with its counts, the warnings and, with `listChanges`,
 * the changes (up to `maxChanges`).
 */
export function formatReport(report: SyncReport, options: { listChanges?: boolean; maxChanges?: number; maxWarnings?: number } = {}): string {
  const lines: string[] = [];
  const verb = report.dryRun ? 'Dry run (nothing was written)' : 'Imported';
  lines.push(`${verb}: ${report.source.uri} (${report.source.system}) as source ${sourceNameOf(report.source.iri)} into provider ${report.provider} in ${(report.durationMs / 1000).toFixed(1)} s`);
  const listed = (Object.keys(TYPE_NAMES) as ImportedType[]).filter((type) => {
    const counts = report.counts[type];
    return counts.created + counts.updated + counts.unchanged + counts.removed > 0;
  });
  // The counts start in one column, after the longest type name shown.
  const width = Math.max(13, ...listed.map((type) => TYPE_NAMES[type].length + 1));
  for (const type of listed) {
    const counts = report.counts[type];
    const would = report.dryRun ? 'would be ' : '';
    lines.push(
      `  ${TYPE_NAMES[type].padEnd(width)} ${counts.created} ${would}created, ${counts.updated} ${would}updated, ${counts.unchanged} unchanged, ${counts.removed} ${would}removed`,
    );
  }
  const total = Object.values(report.counts).reduce((sum, counts) => sum + counts.created + counts.updated + counts.unchanged + counts.removed, 0);
  if (total === 0 && report.partial !== true) {
    lines.push(`  The source lists no parts, BOM lines or requirements${report.dryRun ? '' : ', so nothing changed'}.`);
  } else if (report.changes.length === 0) {
    lines.push(report.dryRun ? '  Nothing would change.' : '  Nothing changed.');
  }

  if (options.listChanges === true && report.changes.length > 0) {
    const maximum = options.maxChanges ?? 50;
    lines.push(report.dryRun ? 'Changes it would make:' : 'Changes:');
    for (const change of report.changes.slice(0, maximum)) {
      lines.push(`  ${change.action.padEnd(6)} ${change.label} <${change.iri}>${change.details === undefined ? '' : `: ${change.details}`}`);
    }
    if (report.changes.length > maximum) {
      lines.push(`  ... and ${report.changes.length - maximum} more`);
    }
  }

  if (report.highWaterMark !== undefined) {
    lines.push(`Latest source change read: ${report.highWaterMark}; pull only later changes with --since ${report.highWaterMark}.`);
  }

  if (report.warnings.length > 0) {
    const maximum = options.maxWarnings ?? 100;
    lines.push(`Warnings (${report.warnings.length}):`);
    for (const warning of report.warnings.slice(0, maximum)) {
      lines.push(`  ${formatIssue(warning)}`);
    }
    if (report.warnings.length > maximum) {
      lines.push(`  ... and ${report.warnings.length - maximum} more`);
    }
  }
  return `${lines.join('\n')}\n`;
}

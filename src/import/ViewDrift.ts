import type { BomView } from './BomViews.js';
import type { ExistingBomLine, ExistingPart } from './ExistingResources.js';
import { firstNamed } from './FirstNamed.js';
import type { ImportIssue } from './ImportModel.js';

/** Number of uses that the warning names. It counts the rest. */
const NAMED = 3;

/** A BOM line of the batch: its view, its assembly's IRI and name, and its child's part number and revision. */
export interface ImportedUse {
  view: BomView;
  assembly: string;
  assemblyName: string;
  partNumber: string;
  revision: string;
}

/**
 * Warns when the other BOM of an assembly that this import describes uses a part at a revision that the
 * import's BOM no longer uses, while it uses another revision of that part number. After a revision bump
 * in the EBOM (LG-220 rev A to rev B), the MBOM that manufacturing planned from the old EBOM still builds
 * rev A until a planner changes it, and the same happens the other way round.
 */
export function warnAboutViewDrift(imported: readonly ImportedUse[], existing: readonly ExistingBomLine[], parts: readonly ExistingPart[]): ImportIssue[] {
  // Revisions of each part number that the import's BOM of an assembly uses.
  const revisions = new Map<string, Set<string>>();
  const names = new Map<string, string>();
  for (const use of imported) {
    const key = `${use.view} ${use.assembly} ${use.partNumber}`;
    revisions.set(key, (revisions.get(key) ?? new Set()).add(use.revision));
    names.set(use.assembly, use.assemblyName);
  }
  const partsByIri = new Map(parts.map((part) => [part.iri, part]));
  const importedViews = new Set(imported.map((use) => use.view));

  const drifts: string[] = [];
  for (const line of existing) {
    const part = partsByIri.get(line.child);
    const assemblyName = names.get(line.assembly);
    if (part === undefined || assemblyName === undefined || importedViews.has(line.view)) {
      continue;
    }
    for (const view of importedViews) {
      const used = revisions.get(`${view} ${line.assembly} ${part.partNumber}`);
      if (used !== undefined && !used.has(part.revision)) {
        drifts.push(`the ${line.view} of ${assemblyName} uses ${part.partNumber} rev ${part.revision}, its ${view} rev ${[...used].sort().join(', ')}`);
      }
    }
  }
  if (drifts.length === 0) {
    return [];
  }
  return [
    {
      severity: 'warning',
      message:
        `The EBOM and the MBOM of ${drifts.length === 1 ? 'an assembly' : 'assemblies'} use different revisions of a part: ${firstNamed(drifts, NAMED)}. ` +
        'Bring the other BOM to the new revision in its source, unless the difference is planned, as for a phased cut-in.',
    },
  ];
}

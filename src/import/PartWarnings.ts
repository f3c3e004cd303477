import type { BatchPart } from './BatchChecks.js';
import type { ExistingPart } from './ExistingResources.js';
import type { ImportIssue } from './ImportModel.js';

/** Returns how to store an attribute that matched no property: by a mapping where the adapter reads one, else that only matching names are stored. */
export function ignoredAttributeFix(shapeTitle: string, mapsAttributes: boolean): string {
  const examples = 'such as material, mass or lifecycleState';
  if (mapsAttributes) {
    return (
      `To store one, map it to a ${shapeTitle} property with --mapping (mapping= on the import endpoint), such as {"attributes": {"material": "Material spec"}}, ` +
      `or give it the name of a ${shapeTitle} property (${examples}) in the source.`
    );
  }
  return `This format reads no --mapping, so only attributes named like a ${shapeTitle} property (${examples}) are stored.`;
}

/** Returns how to keep both a stored part that a user renumbered or revised and the part that the source gives. */
export function keepBothAdvice(part: { partNumber: string; revision: string }, stored: { partNumber: string; revision: string }): string {
  if (part.partNumber === stored.partNumber) {
    return 'To keep both revisions, create the other one as a new part.';
  }
  return part.revision === stored.revision ? 'To keep both part numbers, create the other one as a new part.' : 'To keep both parts, create the other one as a new part.';
}

/** Returns the stored part numbers by their lower-case form. */
export function partNumberSpellings(stored: readonly ExistingPart[]): Map<string, Set<string>> {
  const spellings = new Map<string, Set<string>>();
  for (const { partNumber } of stored) {
    const spelt = spellings.get(partNumber.toLowerCase()) ?? new Set<string>();
    spelt.add(partNumber);
    spellings.set(partNumber.toLowerCase(), spelt);
  }
  return spellings;
}

/**
 * Warns when a new part's number differs from stored part numbers only in letter case, as `aq300-1100`
 * from `AQ300-1100`. Part numbers are compared as written, so the import creates a second part.
 */
export function warnAboutLetterCase(part: BatchPart, spellings: ReadonlyMap<string, ReadonlySet<string>>, warnings: ImportIssue[], dryRun: boolean): void {
  const others = [...(spellings.get(part.partNumber.toLowerCase()) ?? [])].filter((spelling) => spelling !== part.partNumber);
  if (others.length > 0) {
    warnings.push({
      severity: 'warning',
      message:
        `Part ${part.partNumber} rev ${part.revision} ${dryRun ? 'would be' : 'is'} created as a new part, although the provider has ${new Intl.ListFormat('en', { type: 'disjunction' }).format(others)}, which differs only in letter case. ` +
        'Part numbers are compared as written; if the source means that part, write its part number as the provider has it.',
      location: part.source.location,
    });
  }
}

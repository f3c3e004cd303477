import type { BatchRequirement } from './BatchChecks.js';
import type { ExistingRequirement } from './ExistingResources.js';
import { firstNamed } from './FirstNamed.js';
import type { ImportIssue } from './ImportModel.js';

/** Number of requirements that the warning names. It counts the rest. */
const NAMED = 3;

/**
 * Warns when an import creates requirements whose tool identifier (such as SRS-2) belongs to a stored
 * requirement that an earlier import of the same source wrote and that the source no longer has.
 * Requirements are matched by their SPEC-OBJECT IDENTIFIER, which the ReqIF standard keeps the same
 * across exports. A tool that exports a copied or re-created module gives its objects new ones, so the
 * import creates duplicates, and the links to the old requirements (test cases, designs) stay on them.
 */
export function warnAboutReplacedRequirements(created: readonly BatchRequirement[], batch: readonly BatchRequirement[], existing: readonly ExistingRequirement[], source: string, dryRun: boolean): ImportIssue[] {
  if (created.length === 0) {
    return [];
  }
  const inBatch = new Set(batch.map((requirement) => requirement.key));
  const missing = new Map<string, ExistingRequirement>();
  for (const requirement of existing) {
    if (requirement.derivedFrom === source && requirement.externalIdentifier !== undefined && !inBatch.has(requirement.sourceId)) {
      missing.set(requirement.externalIdentifier, requirement);
    }
  }

  const replaced = created.filter((requirement) => missing.has(requirement.identifier));
  if (replaced.length === 0) {
    return [];
  }
  const named = replaced.map((requirement) => `${requirement.identifier}, stored as ${missing.get(requirement.identifier)!.iri} with SPEC-OBJECT IDENTIFIER ${missing.get(requirement.identifier)!.sourceId}, now ${requirement.key}`);
  return [
    {
      severity: 'warning',
      message:
        `This import ${dryRun ? 'would create' : 'creates'} ${replaced.length === 1 ? 'a requirement' : `${replaced.length} requirements`} with the tool identifier of a requirement that this source stored before and no longer has, under another SPEC-OBJECT IDENTIFIER (${firstNamed(named, NAMED)}). ` +
        'Requirements are matched by SPEC-OBJECT IDENTIFIER, which stays the same across exports of one module, so the tool probably exported a copy or a re-created module. ' +
        'Links to the stored requirements stay on them, and a --remove-missing run would remove them with their links; export the original module instead if these are the same requirements.',
      location: replaced[0]!.source.location,
    },
  ];
}

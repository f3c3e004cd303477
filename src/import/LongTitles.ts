import type { BatchRequirement } from './BatchChecks.js';
import type { ImportIssue } from './ImportModel.js';
import { MAX_TITLE_LENGTH } from './ResourceGraphs.js';

/** Number of requirements that the warning about long titles names. It counts the rest. */
const LONG_TITLES_NAMED = 3;

/**
 * Warns once about requirement titles longer than the shapes allow, which are cut. ReqIF tools without a
 * heading attribute give the requirement's text as its title; the text itself is kept whole as the description.
 */
export function warnAboutLongTitles(requirements: readonly BatchRequirement[], warnings: ImportIssue[]): void {
  const long = requirements.filter((requirement) => requirement.title.length > MAX_TITLE_LENGTH);
  if (long.length === 0) {
    return;
  }
  const named = long.slice(0, LONG_TITLES_NAMED).map((requirement) => `${requirement.identifier} (${requirement.title.length.toLocaleString('en-US')} characters)`);
  const more = long.length > LONG_TITLES_NAMED ? ` and ${long.length - LONG_TITLES_NAMED} more` : '';
  warnings.push({
    severity: 'warning',
    message:
      `${long.length === 1 ? '1 requirement has a title' : `${long.length} requirements have titles`} longer than ${MAX_TITLE_LENGTH} characters, cut to ${MAX_TITLE_LENGTH}: ${named.join(', ')}${more}. ` +
      'Map a shorter attribute to the title with --mapping, such as {"title": "Object Heading"}.',
    location: long[0]!.source.location,
  });
}

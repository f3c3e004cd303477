import type { ImportIssue } from '../ImportModel.js';

/** Number of further lines that a grouped issue names. It counts the rest. */
const LINES_NAMED = 20;

/**
 * Returns the issues with each message that several lines share given once, at its first line, naming
 * the others: `… (also lines 4, 5, 6 and 295 more)`. A CSV export with one mistake on every row
 * would otherwise report it thousands of times.
 */
export function groupRepeatedIssues(issues: readonly ImportIssue[]): ImportIssue[] {
  const groups = new Map<string, ImportIssue[]>();
  for (const issue of issues) {
    const key = `${issue.severity}\u0000${issue.location?.file ?? ''}\u0000${issue.message}`;
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, [issue]);
    } else {
      group.push(issue);
    }
  }

  return [...groups.values()].map(([first, ...others]) => {
    const lines = others.map((issue) => issue.location?.line).filter((line): line is number => line !== undefined);
    if (lines.length === 0) {
      return first!;
    }
    const named = lines.slice(0, LINES_NAMED).join(', ');
    const more = lines.length > LINES_NAMED ? ` and ${(lines.length - LINES_NAMED).toLocaleString('en-US')} more` : '';
    return { ...first!, message: `${first!.message} (also ${lines.length === 1 ? 'line' : 'lines'} ${named}${more})` };
  });
}

/**
 * The parameters of an OSLC Query 3.0 query capability request. `page` is this server's own paging
 * parameter, written into oslc:nextPage links.
 */
export const OSLC_QUERY_PARAMETERS = ['oslc.where', 'oslc.select', 'oslc.properties', 'oslc.prefix', 'oslc.orderBy', 'oslc.searchTerms', 'oslc.paging', 'oslc.pageSize'] as const;

/** Maximum edit distance at which a misspelt parameter name still gets a suggestion. */
const MAX_SUGGESTION_DISTANCE = 2;

/**
 * Returns the known name closest to `name`: one that differs only in letter case, otherwise the
 * nearest within two edits (insertions, deletions, substitutions or swaps of neighbouring letters).
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const sameLetters = known.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (sameLetters !== undefined) {
    return sameLetters;
  }
  let best: string | undefined;
  let bestDistance = MAX_SUGGESTION_DISTANCE + 1;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance: Levenshtein distance that also counts a swap of neighbours as one edit. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = [];
  for (let i = 0; i < rows; i++) {
    table.push(Array.from({ length: columns }, (_, j) => (i === 0 ? j : 0)));
    table[i]![0] = i;
  }
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, table[i - 2]![j - 2]! + 1);
      }
      table[i]![j] = distance;
    }
  }
  return table[a.length]![b.length]!;
}

/** Number of similar part numbers that a message suggests at most. */
const MAX_SUGGESTIONS = 3;

/**
 * Length from which a part number that differs by one edit counts as similar. Below it, one edit
 * changes too much of the part number (A-1 and AB-1 are different parts).
 * NOTE: a judgement, not measured on real exports.
 */
const MIN_LENGTH_FOR_ONE_EDIT = 4;

/** Reduces a part number to the form that typing mistakes share: lower case, the letter O as 0, I and L as 1. */
function confusableForm(partNumber: string): string {
  return partNumber.toLowerCase().replace(/o/g, '0').replace(/[il]/g, '1');
}

/**
 * Returns whether two texts differ by one inserted, deleted or replaced character, or two swapped
 * neighbours. A digit replaced by another digit does not count, because part numbers are often
 * numbered in sequence (EHA-930 and EHA-931 are different parts).
 */
function withinOneEdit(first: string, second: string): boolean {
  if (Math.abs(first.length - second.length) > 1) {
    return false;
  }
  let start = 0;
  while (start < first.length && first[start] === second[start]) {
    start++;
  }
  let firstEnd = first.length;
  let secondEnd = second.length;
  while (firstEnd > start && secondEnd > start && first[firstEnd - 1] === second[secondEnd - 1]) {
    firstEnd--;
    secondEnd--;
  }

  // What is left between the shared start and end is the edit.
  const firstRest = first.slice(start, firstEnd);
  const secondRest = second.slice(start, secondEnd);
  if (firstRest.length === 1 && secondRest.length === 1) {
    return !(/\d/.test(firstRest) && /\d/.test(secondRest));
  }
  if (firstRest.length + secondRest.length === 1) {
    return true;
  }
  return firstRest.length === 2 && secondRest.length === 2 && firstRest[0] === secondRest[1] && firstRest[1] === secondRest[0];
}

/**
 * Returns the candidates that `partNumber` may be a mistyped form of: the same up to letter case and
 * O/0, I/1 or L/1 confusions first, then those one edit away. Candidates keep their order within each group.
 */
export function similarPartNumbers(partNumber: string, candidates: Iterable<string>): string[] {
  const target = confusableForm(partNumber);
  const confused: string[] = [];
  const oneEdit: string[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === partNumber) {
      continue;
    }
    const form = confusableForm(candidate);
    if (form === target) {
      confused.push(candidate);
    } else if (Math.min(form.length, target.length) >= MIN_LENGTH_FOR_ONE_EDIT && withinOneEdit(form, target)) {
      oneEdit.push(candidate);
    }
  }
  return [...confused, ...oneEdit].slice(0, MAX_SUGGESTIONS);
}

/**
 * Returns the first `max` labels of a list for a message, joined by commas, and counts the rest, as
 * `part A, part B, part C and 4 more`. Messages name a few items so that a user can look one up, and
 * count the others so that a long list does not hide the message.
 */
export function firstNamed(labels: readonly string[], max: number): string {
  const first = labels.slice(0, max).join(', ');
  return labels.length > max ? `${first} and ${labels.length - max} more` : first;
}

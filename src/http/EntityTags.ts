/**
 * Returns whether a comma-separated list of entity tags contains `etag`. The strong comparison
 * (If-Match) never matches a weak tag, and the weak comparison (If-None-Match) ignores the W/ prefix.
 */
export function matchesAny(header: string | undefined, etag: string, options: { weak?: boolean } = {}): boolean {
  if (header === undefined) {
    return false;
  }
  return header.split(',').some((candidate) => {
    let tag = candidate.trim();
    if (options.weak === true && tag.startsWith('W/')) {
      tag = tag.slice(2);
    }
    return tag === '*' || tag === etag;
  });
}

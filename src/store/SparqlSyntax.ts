/**
 * Whether a sparqljs syntax tree holds a SERVICE pattern anywhere: in groups, unions, optionals,
 * sub-queries, and EXISTS expressions inside FILTER, BIND and HAVING.
 */
export function containsService(node: unknown): boolean {
  if (Array.isArray(node)) {
    return node.some(containsService);
  }
  if (node === null || typeof node !== 'object') {
    return false;
  }
  if ((node as { type?: unknown }).type === 'service') {
    return true;
  }
  return Object.values(node).some(containsService);
}

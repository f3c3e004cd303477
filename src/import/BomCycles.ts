/**
 * Finds cycles in a directed graph given as adjacency lists, such as a product structure (an assembly
 * that contains itself, directly or deeper) or a requirement decomposition. Each cycle is returned once,
 * as the node path from its first node back to that node (first node repeated at the end).
 */
export function findCycles<Node>(nodes: Iterable<Node>, successors: (node: Node) => readonly Node[], maxCycles = 10): Node[][] {
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const colour = new Map<Node, number>();
  const cycles: Node[][] = [];

  for (const start of nodes) {
    if ((colour.get(start) ?? WHITE) !== WHITE) {
      continue;
    }
    // Iterative depth-first search, so a deep BOM cannot overflow the call stack.
    const path: Node[] = [start];
    const next: number[] = [0];
    colour.set(start, GREY);
    while (path.length > 0) {
      const node = path[path.length - 1]!;
      const children = successors(node);
      const index = next[next.length - 1]!;
      if (index >= children.length) {
        colour.set(node, BLACK);
        path.pop();
        next.pop();
        continue;
      }
      next[next.length - 1] = index + 1;
      const child = children[index]!;
      const state = colour.get(child) ?? WHITE;
      if (state === GREY) {
        cycles.push([...path.slice(path.indexOf(child)), child]);
        if (cycles.length >= maxCycles) {
          return cycles;
        }
      } else if (state === WHITE) {
        colour.set(child, GREY);
        path.push(child);
        next.push(0);
      }
    }
  }
  return cycles;
}

import type { BomView } from './BomViews.js';
import type { ExistingBomLine } from './ExistingResources.js';
import type { ImportIssue, SourceLocation } from './ImportModel.js';

/** A BOM line as an edge of the product structure: the line's IRI, its view, its assembly and its child part. */
export interface BomEdge {
  line: string;
  view: BomView;
  assembly: string;
  child: string;
}

/** A BOM line of the batch, with where the source describes it. */
export interface ImportedBomEdge extends BomEdge {
  location: SourceLocation;
}

/** Maximum number of errors reported, so that a source joined wrongly to the stored BOM does not flood the report. */
const MAX_ERRORS = 10;

/**
 * Finds the BOM lines of an import that close a cycle through BOM lines stored in the provider, such as
 * a file whose one row puts the top assembly under a part that another source's BOM places below it.
 * checkBatch finds the cycles within the batch. This check joins the batch to the stored product
 * structure as the commit would leave it. There the imported lines replace their stored state, removed
 * lines are gone, and every other stored line stays.
 *
 * Only imported lines that are new or moved count, so a cycle that the store already had (written by a
 * SPARQL update, say) does not block imports that leave it as it is. `partName` names a part by IRI.
 * Each view (EBOM, MBOM) is a product structure of its own, so a cycle runs through lines of one view.
 */
export function cyclesWithStoredBom(stored: readonly ExistingBomLine[], imported: readonly ImportedBomEdge[], removed: ReadonlySet<string>, partName: (iri: string) => string): ImportIssue[] {
  const storedByLine = new Map(stored.map((line) => [line.iri, line]));
  const importedLines = new Set(imported.map((edge) => edge.line));
  const changed = imported.filter((edge) => {
    const before = storedByLine.get(edge.line);
    return before === undefined || before.assembly !== edge.assembly || before.child !== edge.child || before.view !== edge.view;
  });
  const remaining = stored
    .filter((line) => !importedLines.has(line.iri) && !removed.has(line.iri))
    .map((line): BomEdge => ({ line: line.iri, view: line.view, assembly: line.assembly, child: line.child }));
  if (changed.length === 0 || remaining.length === 0) {
    return [];
  }

  const errors: ImportIssue[] = [];
  for (const view of new Set(changed.map((edge) => edge.view))) {
    const inView = (edge: BomEdge): boolean => edge.view === view;
    errors.push(...cyclesInView(remaining.filter(inView), imported.filter(inView), changed.filter(inView), partName, MAX_ERRORS - errors.length));
    if (errors.length >= MAX_ERRORS) {
      break;
    }
  }
  return errors;
}

/** Returns an error for each cycle, up to `maxErrors`, that a changed line closes among the lines of one view. */
function cyclesInView(remaining: readonly BomEdge[], imported: readonly ImportedBomEdge[], changed: readonly ImportedBomEdge[], partName: (iri: string) => string, maxErrors: number): ImportIssue[] {
  const importedLines = new Set(imported.map((edge) => edge.line));

  const edges = [...remaining, ...imported];
  const successors = new Map<string, BomEdge[]>();
  for (const edge of edges) {
    const list = successors.get(edge.assembly);
    if (list === undefined) {
      successors.set(edge.assembly, [edge]);
    } else {
      list.push(edge);
    }
  }
  const component = stronglyConnectedComponents(successors);

  const errors: ImportIssue[] = [];
  const reported = new Set<number>();
  for (const edge of changed) {
    const assemblyComponent = component.get(edge.assembly);
    if (assemblyComponent === undefined || assemblyComponent !== component.get(edge.child) || reported.has(assemblyComponent)) {
      continue;
    }
    // One error per cycle: the first imported line on it, with the way back from its child to its assembly.
    reported.add(assemblyComponent);
    const way = pathWithin(edge.child, edge.assembly, successors, (node) => component.get(node) === assemblyComponent);
    const chain = [partName(edge.assembly), `${partName(edge.child)} (this line)`];
    for (const step of way) {
      chain.push(`${partName(step.child)} (${importedLines.has(step.line) ? 'a BOM line of this import' : `stored BOM line <${step.line}>`})`);
    }
    errors.push({
      severity: 'error',
      message: `BOM cycle with the stored ${changed[0]!.view === 'MBOM' ? 'MBOM' : 'BOM'}: ${chain.join(' contains ')}. An assembly cannot contain itself, directly or deeper; correct this line, or remove the stored BOM line that closes the cycle.`,
      location: edge.location,
    });
    if (errors.length >= maxErrors) {
      break;
    }
  }
  return errors;
}

/**
 * Returns the strongly connected component of every node that has edges, as a number per node (Tarjan's
 * algorithm, iterative so that a deep product structure cannot overflow the call stack). Two parts are in
 * one component exactly when each contains the other, directly or deeper.
 */
function stronglyConnectedComponents(successors: ReadonlyMap<string, readonly BomEdge[]>): Map<string, number> {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let nextIndex = 0;
  let nextComponent = 0;

  const nodes = new Set<string>();
  for (const [assembly, list] of successors) {
    nodes.add(assembly);
    for (const edge of list) {
      nodes.add(edge.child);
    }
  }

  for (const root of nodes) {
    if (index.has(root)) {
      continue;
    }
    const frames: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, nextIndex);
    lowLink.set(root, nextIndex++);
    stack.push(root);
    onStack.add(root);

    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const list = successors.get(frame.node) ?? [];
      if (frame.next < list.length) {
        const child = list[frame.next++]!.child;
        if (!index.has(child)) {
          index.set(child, nextIndex);
          lowLink.set(child, nextIndex++);
          stack.push(child);
          onStack.add(child);
          frames.push({ node: child, next: 0 });
        } else if (onStack.has(child)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(child)!));
        }
        continue;
      }

      // All successors are done: a node whose low link is its own index roots a component.
      frames.pop();
      if (lowLink.get(frame.node) === index.get(frame.node)) {
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, nextComponent);
        } while (member !== frame.node);
        nextComponent++;
      }
      const parent = frames[frames.length - 1];
      if (parent !== undefined) {
        lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      }
    }
  }
  return component;
}

/** Returns the edges of a shortest path from `from` to `to` through nodes that `inside` accepts (breadth first). */
function pathWithin(from: string, to: string, successors: ReadonlyMap<string, readonly BomEdge[]>, inside: (node: string) => boolean): BomEdge[] {
  const reachedBy = new Map<string, BomEdge | undefined>([[from, undefined]]);
  const queue = [from];
  for (let head = 0; head < queue.length && !reachedBy.has(to); head++) {
    for (const edge of successors.get(queue[head]!) ?? []) {
      if (!reachedBy.has(edge.child) && inside(edge.child)) {
        reachedBy.set(edge.child, edge);
        queue.push(edge.child);
      }
    }
  }

  const path: BomEdge[] = [];
  for (let node = to; node !== from; ) {
    const edge = reachedBy.get(node);
    if (edge === undefined) {
      break;
    }
    path.unshift(edge);
    node = edge.assembly;
  }
  return path;
}

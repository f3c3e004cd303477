import { DataFactory } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { toNTriples } from '../../rdf/NTriples.js';

const { blankNode, quad } = DataFactory;

/** Describes a term for a signature, with every blank node written alike. */
function describe(term: Term): string {
  if (term.termType === 'BlankNode') {
    return '_';
  }
  if (term.termType === 'Literal') {
    return `"${term.value}"^^${term.datatype.value}@${term.language}`;
  }
  return `<${term.value}>`;
}

/**
 * Writes a resource's triples as sorted N-Triples with blank node labels that depend only on the
 * data: the store hands out new labels in every process, which would make packages differ. Each
 * blank node is labelled by the rank of its signature (the triples that point at it and leave it,
 * with other blank nodes blanked out). Blank nodes with equal signatures are interchangeable in
 * these resources (inline records of one subject), so the output is the same whichever gets which label.
 */
export function stableNTriples(quads: readonly Quad[]): string {
  const signatures = new Map<string, string[]>();
  const note = (node: Term, text: string): void => {
    if (node.termType === 'BlankNode') {
      signatures.set(node.value, [...(signatures.get(node.value) ?? []), text]);
    }
  };
  for (const triple of quads) {
    note(triple.subject, `out ${triple.predicate.value} ${describe(triple.object)}`);
    note(triple.object, `in ${describe(triple.subject)} ${triple.predicate.value}`);
  }
  const ranked = [...signatures.entries()].map(([label, lines]) => ({ label, signature: lines.sort().join('\n') }));
  ranked.sort((a, b) => {
    if (a.signature === b.signature) {
      return 0;
    }
    return a.signature < b.signature ? -1 : 1;
  });
  const labels = new Map(ranked.map((entry, position) => [entry.label, `b${position + 1}`]));
  const relabel = <T extends Term>(term: T): T | ReturnType<typeof blankNode> => (term.termType === 'BlankNode' ? blankNode(labels.get(term.value)!) : term);
  const relabelled = quads.map((triple) => quad(relabel(triple.subject) as Quad['subject'], triple.predicate, relabel(triple.object) as Quad['object']));
  const lines = toNTriples(relabelled)
    .split('\n')
    .filter((line) => line !== '')
    .sort();
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

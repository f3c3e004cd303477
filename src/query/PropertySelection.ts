import type { Quad, Term } from '@rdfjs/types';
import type { TripleStore } from '../store/TripleStore.js';
import type { SelectedProperty } from './QueryAst.js';

/**
 * Collects the triples that `oslc.select` (OSLC Query 3.0) and `oslc.properties` (OSLC Core 3.0
 * Selective Properties) request. These are each chosen property of a resource, the inline (blank
 * node) resources it points to, and for a nested selection `p{q}` the property `q` of the resources
 * that `p` links to. One instance serves one response, so every resource is read once and every
 * triple is kept once, however many members link to it or selections choose it.
 */
export class PropertySelection {
  private readonly graphs = new Map<string, Quad[]>();
  private readonly triples = new Map<string, Quad>();
  /** For each (nested) selection, the resources already expanded with it. */
  private readonly expanded = new Map<readonly SelectedProperty[], Set<string>>();

  public constructor(private readonly store: TripleStore) {}

  /** The selected triples, each once, in the order first found. */
  public get quads(): Quad[] {
    return [...this.triples.values()];
  }

  /** Adds the triples of `resource` that `selection` chooses, following nested selections into linked resources. */
  public async add(resource: string, selection: readonly SelectedProperty[]): Promise<void> {
    let done = this.expanded.get(selection);
    if (done === undefined) {
      done = new Set();
      this.expanded.set(selection, done);
    }
    if (done.has(resource)) {
      return;
    }
    done.add(resource);

    const quads = await this.read(resource);
    for (const choice of selection) {
      const matching = quads.filter(
        (candidate) => candidate.subject.termType === 'NamedNode' && candidate.subject.value === resource && (choice.property.kind === 'wildcard' || candidate.predicate.value === choice.property.iri),
      );
      for (const candidate of matching) {
        this.keep(candidate);
        if (candidate.object.termType === 'BlankNode') {
          this.keepInline(quads, candidate.object, new Set());
        } else if (candidate.object.termType === 'NamedNode' && choice.nested !== undefined) {
          await this.add(candidate.object.value, choice.nested);
        }
      }
    }
  }

  /** Reads a resource's graph once per selection, so blank node labels stay the same across visits. */
  private async read(resource: string): Promise<Quad[]> {
    let quads = this.graphs.get(resource);
    if (quads === undefined) {
      quads = (await this.store.readQuads(resource)) ?? [];
      this.graphs.set(resource, quads);
    }
    return quads;
  }

  /** Keeps the triples of an inline (blank node) resource and of blank nodes nested inside it. */
  private keepInline(quads: readonly Quad[], node: Term, visited: Set<string>): void {
    if (visited.has(node.value)) {
      return;
    }
    visited.add(node.value);
    for (const candidate of quads) {
      if (!candidate.subject.equals(node)) {
        continue;
      }
      this.keep(candidate);
      if (candidate.object.termType === 'BlankNode') {
        this.keepInline(quads, candidate.object, visited);
      }
    }
  }

  private keep(quad: Quad): void {
    this.triples.set(tripleKey(quad), quad);
  }
}

function termKey(term: Term): string {
  if (term.termType === 'Literal') {
    return `"${term.value}"@${term.language}^^${term.datatype.value}`;
  }
  return `${term.termType}:${term.value}`;
}

function tripleKey(quad: Quad): string {
  return `${termKey(quad.subject)} ${quad.predicate.value} ${termKey(quad.object)}`;
}

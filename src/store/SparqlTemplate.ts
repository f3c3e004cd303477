import sparqljs from 'sparqljs';
import type * as Sparql from 'sparqljs';
import type { Literal, NamedNode } from '@rdfjs/types';

/** Characters SPARQL's IRIREF excludes; sparqljs writes IRIs as given, so none may reach it. */
const UNSAFE_IN_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

const generator = new sparqljs.Generator();

/** A value for a template parameter. */
export type ParameterValue = NamedNode | Literal;

/**
 * A SPARQL SELECT query written as fixed text whose parameters are variables (`?target`). The text is
 * parsed once by sparqljs. `bind` puts RDF terms in place of the parameters in the syntax tree and
 * writes the query with the sparqljs generator, so a value can never change the query's structure.
 * Parameters must not be projected, because an IRI cannot stand in a SELECT clause.
 */
export class SparqlTemplate {
  private readonly tree: Sparql.SelectQuery;

  public constructor(
    text: string,
    private readonly parameters: readonly string[],
  ) {
    const parsed = new sparqljs.Parser().parse(text);
    if (parsed.type !== 'query' || parsed.queryType !== 'SELECT') {
      throw new Error('A SPARQL template must be a SELECT query.');
    }
    this.tree = parsed;
  }

  /**
   * Writes the query with every parameter replaced by its value. `rows` adds a VALUES block for one
   * variable at the start of the WHERE clause.
   */
  public bind(values: Record<string, ParameterValue>, rows?: { variable: string; terms: readonly NamedNode[] }): string {
    for (const name of this.parameters) {
      const value = values[name];
      if (value === undefined) {
        throw new Error(`The SPARQL template parameter ?${name} has no value.`);
      }
      checkTerm(value);
    }
    const tree = substitute(this.tree, values) as Sparql.SelectQuery;
    if (rows !== undefined) {
      rows.terms.forEach(checkTerm);
      const block: Sparql.ValuesPattern = { type: 'values', values: rows.terms.map((term) => ({ [`?${rows.variable}`]: term })) };
      tree.where = [block, ...(tree.where ?? [])];
    }
    return generator.stringify(tree);
  }
}

function checkTerm(term: ParameterValue): void {
  if (term.termType === 'NamedNode' && UNSAFE_IN_IRI.test(term.value)) {
    throw new Error(`<${term.value}> is not an IRI that a SPARQL query can contain.`);
  }
}

/**
 * Copies a sparqljs syntax tree, replacing parameter variables by their values. Terms are immutable
 * and shared with the original tree; arrays and plain objects are copied.
 */
function substitute(node: unknown, values: Record<string, ParameterValue>): unknown {
  if (Array.isArray(node)) {
    return node.map((item) => substitute(item, values));
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  if ('termType' in node) {
    const term = node as { termType: string; value: string };
    return term.termType === 'Variable' && values[term.value] !== undefined ? values[term.value] : node;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = substitute(value, values);
  }
  return copy;
}

import { Literal as N3Literal } from 'n3';
import type { Literal, Term } from '@rdfjs/types';

/**
 * Returns a comparable key for a term: the IRI itself for named nodes, `_:label` for blank nodes and
 * `"value"@language^^datatype` for literals (ResourceService.sameValue reads that form back). An n3
 * literal gives its datatype as a string, so comparing large graphs creates no datatype node per literal.
 */
export function termKey(term: Term): string {
  if (term.termType === 'NamedNode') {
    return term.value;
  }
  if (term.termType === 'BlankNode') {
    return `_:${term.value}`;
  }
  if (term.termType === 'Literal') {
    if (term instanceof N3Literal) {
      return `"${term.value}"@${term.language}^^${term.datatypeString}`;
    }
    const literal = term as Literal;
    return `"${literal.value}"@${literal.language}^^${literal.datatype.value}`;
  }
  return term.value;
}

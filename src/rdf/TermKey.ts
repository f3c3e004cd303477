import { Literal as N3Literal } from 'n3';
import type { Literal, Term } from '@rdfjs/types';
import { XSD_STRING } from './namespaces.js';

/**
 * Returns a comparable key for a term: the IRI itself for named nodes, `_:label` for blank nodes, and
 * for literals the form the n3 library uses as term id (`"value"`, `"value"@lang` or `"value"^^datatype`).
 * An n3 literal returns its stored id, so comparing large graphs creates no datatype node per literal.
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
      return term.id;
    }
    const literal = term as Literal;
    if (literal.language !== '') {
      return `"${literal.value}"@${literal.language.toLowerCase()}`;
    }
    return literal.datatype.value === XSD_STRING ? `"${literal.value}"` : `"${literal.value}"^^${literal.datatype.value}`;
  }
  return term.value;
}

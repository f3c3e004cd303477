import type { Term } from '@rdfjs/types';

/** Returns a comparable key for a term: the IRI itself for named nodes. */
export function termKey(term: Term): string {
  if (term.termType === 'NamedNode') {
    return term.value;
  }
  if (term.termType === 'BlankNode') {
    return `_:${term.value}`;
  }
  if (term.termType === 'Literal') {
    const value = term as Term & { language: string; datatype: { value: string } };
    return `"${term.value}"@${value.language}^^${value.datatype.value}`;
  }
  return term.value;
}

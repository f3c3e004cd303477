/**
 * Syntax trees of the OSLC Query 3.0 parameters. Values keep their kind (IRI, string, typed literal,
 * number, boolean) so that translation never has to guess, and every node keeps its position in the
 * parameter for error messages.
 */

/** A property in a term: a full IRI (after prefix expansion) or the wildcard `*`. */
export type PropertyReference = { kind: 'property'; iri: string; position: number } | { kind: 'wildcard'; position: number };

export type Value =
  | { kind: 'iri'; iri: string; position: number }
  | { kind: 'string'; value: string; language?: string; datatype?: string; position: number }
  | { kind: 'number'; lexical: string; datatype: string; position: number }
  | { kind: 'boolean'; value: boolean; position: number };

export type ComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type SimpleTerm =
  | { kind: 'comparison'; property: PropertyReference; operator: ComparisonOperator; value: Value }
  | { kind: 'in'; property: PropertyReference; values: Value[] }
  | { kind: 'scoped'; property: PropertyReference; where: WhereClause };

/** `oslc.where`: simple terms joined by `and`. */
export interface WhereClause {
  terms: SimpleTerm[];
}

/** One entry of `oslc.select` or `oslc.properties`: a property or `*`, optionally with nested selections. */
export interface SelectedProperty {
  property: PropertyReference;
  nested?: SelectedProperty[];
}

/** One key of `oslc.orderBy`: `+` ascending, `-` descending, optionally through nested properties. */
export interface SortKey {
  direction: 'asc' | 'desc';
  /** Property path from the member to the sorted value. */
  path: string[];
  position: number;
}

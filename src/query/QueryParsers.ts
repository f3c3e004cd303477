import { PREFIXES } from '../rdf/namespaces.js';
import type { ComparisonOperator, SelectedProperty, SimpleTerm, SortKey, Value, WhereClause } from './QueryAst.js';
import { QueryScanner } from './QueryScanner.js';
import { QuerySyntaxError } from './QuerySyntaxError.js';

/**
 * Prefixes every query may use without declaring them: the nine OSLC Core 3.0 predefines (dcterms,
 * foaf, owl, rdf, xsd, rdfs, ldp, oslc, trs) and this server's domain prefixes.
 */
export const PREDEFINED_PREFIXES: Record<string, string> = { ...PREFIXES };

const OPERATORS: ComparisonOperator[] = ['!=', '<=', '>=', '=', '<', '>'];

/**
 * Parses `oslc.prefix`: `name=<IRI>` pairs separated by commas. Declarations add to, and may override,
 * the predefined prefixes.
 */
export function parsePrefixes(values: readonly string[]): Record<string, string> {
  const prefixes: Record<string, string> = { ...PREDEFINED_PREFIXES };
  for (const text of values) {
    const scanner = new QueryScanner('oslc.prefix', text, prefixes);
    while (true) {
      scanner.skipSpaces();
      if (scanner.atEnd) {
        break;
      }
      const start = scanner.position;
      const name = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(text.slice(start));
      if (name === null) {
        throw scanner.error(`expected a prefix name such as dcterms but found ${scanner.describeNext()}`);
      }
      scanner.position += name[0].length;
      scanner.expect('=', '"=" after the prefix name');
      scanner.skipSpaces();
      if (scanner.peek() !== '<') {
        throw scanner.error(`expected <namespace IRI> after ${name[0]}= but found ${scanner.describeNext()}`);
      }
      prefixes[name[0]] = scanner.iriReference();
      scanner.skipSpaces();
      if (!scanner.atEnd) {
        scanner.expect(',', '"," between prefix declarations');
      }
    }
  }
  return prefixes;
}

/** Parses `oslc.where` (OSLC Query 3.0 grammar: terms joined by `and`, comparisons, `in [...]`, nested `{...}`). */
export function parseWhere(text: string, prefixes: Record<string, string>): WhereClause {
  const scanner = new QueryScanner('oslc.where', text, prefixes);
  const clause = compoundTerm(scanner);
  scanner.skipSpaces();
  if (!scanner.atEnd) {
    throw scanner.error(`unexpected ${scanner.describeNext()}; join terms with " and ", the only connective of OSLC Query`);
  }
  return clause;
}

/** Parses terms joined by `and`; `openBrace` is the position of the `{` of a nested clause. */
function compoundTerm(scanner: QueryScanner, openBrace?: number): WhereClause {
  const terms: SimpleTerm[] = [simpleTerm(scanner)];
  while (scanner.acceptWord('and')) {
    terms.push(simpleTerm(scanner));
  }
  scanner.skipSpaces();
  if (openBrace !== undefined && scanner.peek() !== '}') {
    throw scanner.atEnd ? scanner.error('unclosed {; add the closing }', openBrace) : scanner.error(`expected " and " or "}" but found ${scanner.describeNext()}`);
  }
  return { terms };
}

function simpleTerm(scanner: QueryScanner): SimpleTerm {
  const property = scanner.property(true);
  scanner.skipSpaces();

  if (scanner.accept('{')) {
    const start = scanner.position - 1;
    if (property.kind === 'wildcard') {
      throw scanner.error('a nested term needs a property before {, not *', start);
    }
    const where = compoundTerm(scanner, start);
    scanner.expect('}', '"}"');
    return { kind: 'scoped', property, where };
  }

  if (scanner.acceptWord('in')) {
    scanner.skipSpaces();
    const open = scanner.position;
    scanner.expect('[', '"[" after in');
    const values: Value[] = [scanner.value()];
    while (scanner.accept(',')) {
      values.push(scanner.value());
    }
    scanner.skipSpaces();
    if (!scanner.accept(']')) {
      throw scanner.error(scanner.atEnd ? 'unclosed [; add the closing ]' : `expected "," or "]" but found ${scanner.describeNext()}`, scanner.atEnd ? open : scanner.position);
    }
    return { kind: 'in', property, values };
  }

  const operator = OPERATORS.find((candidate) => scanner.accept(candidate));
  if (operator === undefined) {
    throw scanner.error(`expected a comparison (=, !=, <, >, <=, >=), " in [...]" or "{" after the property, but found ${scanner.describeNext()}`);
  }
  return { kind: 'comparison', property, operator, value: scanner.value() };
}

/** Parses `oslc.select` or `oslc.properties`: properties or `*`, comma-separated, with nested `{...}` selections. */
export function parseSelect(parameter: string, text: string, prefixes: Record<string, string>): SelectedProperty[] {
  const scanner = new QueryScanner(parameter, text, prefixes);
  const selection = selectionList(scanner, false);
  scanner.skipSpaces();
  if (!scanner.atEnd) {
    throw scanner.error(`unexpected ${scanner.describeNext()}; separate properties with commas`);
  }
  return selection;
}

function selectionList(scanner: QueryScanner, nested: boolean): SelectedProperty[] {
  const list: SelectedProperty[] = [];
  do {
    const property = scanner.property(true);
    if (scanner.accept('{')) {
      const open = scanner.position - 1;
      const inner = selectionList(scanner, true);
      if (!scanner.accept('}')) {
        throw scanner.error('unclosed {; add the closing }', open);
      }
      list.push({ property, nested: inner });
    } else {
      list.push({ property });
    }
  } while (scanner.accept(','));
  scanner.skipSpaces();
  if (nested && scanner.peek() !== '}' && !scanner.atEnd) {
    throw scanner.error(`expected "," or "}" but found ${scanner.describeNext()}`);
  }
  return list;
}

/** Parses `oslc.orderBy`: `+prop` or `-prop`, comma-separated, with `prop{+nested}` for nested properties. */
export function parseOrderBy(text: string, prefixes: Record<string, string>): SortKey[] {
  const scanner = new QueryScanner('oslc.orderBy', text, prefixes);
  const keys = sortTerms(scanner, []);
  scanner.skipSpaces();
  if (!scanner.atEnd) {
    throw scanner.error(`unexpected ${scanner.describeNext()}; separate sort keys with commas`);
  }
  return keys;
}

function sortTerms(scanner: QueryScanner, outer: string[]): SortKey[] {
  const keys: SortKey[] = [];
  do {
    scanner.skipSpaces();
    const start = scanner.position;
    const sign = scanner.peek();
    if (sign === '+' || sign === '-') {
      scanner.position++;
      const iri = scanner.prefixedName('a property name after + or -');
      if (scanner.peek() === '{') {
        const name = scanner.text.slice(start + 1, scanner.position);
        throw scanner.error(`a nested sort key takes its sign inside the braces, as in ${name}{${sign}property}`, start);
      }
      keys.push({ direction: sign === '+' ? 'asc' : 'desc', path: [...outer, iri], position: start });
    } else {
      const iri = scanner.prefixedName('+property, -property or property{...}');
      if (!scanner.accept('{')) {
        throw scanner.error('a sort key needs + (ascending) or - (descending) before the property, for example -dcterms:modified', start);
      }
      const open = scanner.position - 1;
      keys.push(...sortTerms(scanner, [...outer, iri]));
      scanner.skipSpaces();
      if (scanner.atEnd) {
        throw scanner.error('unclosed {; add the closing }', open);
      }
      scanner.expect('}', '"}"');
    }
  } while (scanner.accept(','));
  return keys;
}

/** Parses `oslc.searchTerms`: comma-separated quoted strings. */
export function parseSearchTerms(text: string): string[] {
  const scanner = new QueryScanner('oslc.searchTerms', text, {});
  const terms: string[] = [];
  do {
    const value = scanner.value();
    if (value.kind !== 'string' || value.language !== undefined || value.datatype !== undefined) {
      throw new QuerySyntaxError('oslc.searchTerms', value.position, 'search terms must be plain "quoted strings", without @language or ^^datatype');
    }
    terms.push(value.value);
  } while (scanner.accept(','));
  scanner.skipSpaces();
  if (!scanner.atEnd) {
    throw scanner.error(`unexpected ${scanner.describeNext()}; separate search terms with commas`);
  }
  return terms;
}

import sparqljs from 'sparqljs';
import type * as Sparql from 'sparqljs';
import { DataFactory } from 'n3';
import type { Literal, NamedNode, Variable } from '@rdfjs/types';
import { compactIri, OSLC, RDF, RDF_TYPE, XSD } from '../rdf/namespaces.js';
import { isValidLexical, XSD_EXAMPLES } from '../rdf/XsdLexical.js';
import type { ResourceShape } from '../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { ComparisonOperator, SimpleTerm, SortKey, Value, WhereClause } from './QueryAst.js';
import { QuerySyntaxError } from './QuerySyntaxError.js';
import { checkKnownProperty, checkValueKind } from './ShapeTermChecks.js';
import { isDateLexical, startOfDay } from './TemporalValues.js';

const { literal, variable } = DataFactory;

/** Characters SPARQL's IRIREF excludes; sparqljs writes IRIs as given, so none may reach it. */
const UNSAFE_IN_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

/**
 * Makes a named node for the generated query, refusing IRIs that would end the IRI reference early.
 * The parsers already reject such IRIs; this keeps the guarantee for syntax trees built elsewhere.
 */
function namedNode(iri: string): NamedNode {
  if (UNSAFE_IN_IRI.test(iri)) {
    throw new QuerySyntaxError('oslc.where', 0, `<${iri}> is not an IRI that a query can contain`);
  }
  return DataFactory.namedNode(iri);
}
const generator = new sparqljs.Generator();

/** XSD datatypes a plain string is read as when the property's shape declares them. */
const COERCIBLE = new Set([XSD('dateTime'), XSD('date'), XSD('decimal'), XSD('integer'), XSD('double'), XSD('float'), XSD('boolean')]);

export interface MemberQuery {
  /** The class members are instances of. */
  type: string;
  /** Members belong to this service provider. */
  provider: string;
  /** Shape of the members, for reading untyped values with the declared datatype. */
  shape: ResourceShape;
  where?: WhereClause;
  orderBy?: SortKey[];
  /** Members must be among these IRIs (the matches of a search). */
  candidates?: readonly string[];
}

/**
 * Translates parsed OSLC query parameters into SPARQL 1.1 through the sparqljs syntax tree. User
 * values only ever become RDF/JS terms in that tree, never query text, and the generator escapes them,
 * so no value can change the query's structure.
 *
 * Matching rules: `=` with an IRI or plain string matches the stored term exactly, and case-sensitively.
 * A plain string also matches an rdf:XMLLiteral with the same text. Typed values and numbers compare
 * by value, so dates compare as dates. `!=` selects members without a matching value. Untyped
 * strings take the datatype the shape declares for the property.
 *
 * SPARQL cannot order an xsd:date against an xsd:dateTime (the comparison is a type error, so it
 * silently matches nothing). For an xsd:dateTime property, a date in `<`, `<=`, `>` or `>=` stands for
 * the start of that day, in UTC unless the date has a timezone. With `=`, `!=` or `in`, such a date is
 * an error that suggests a range, and so is a dateTime compared with an xsd:date property.
 */
export class QueryTranslator {
  private counter = 0;

  public constructor(private readonly shapes: ShapeRegistry) {}

  /** SPARQL that returns the page's member IRIs as ?s, in a stable total order: by the sort keys, then by IRI. */
  public members(query: MemberQuery, limit?: number, offset?: number): string {
    this.counter = 0;
    const subject = variable('s');
    const patterns = this.memberPatterns(query, subject);
    const order: Sparql.Ordering[] = [];
    const variables: (Sparql.Variable | Sparql.VariableExpression)[] = [subject];
    let group: Sparql.Grouping[] | undefined;

    if (query.orderBy !== undefined && query.orderBy.length > 0) {
      group = [{ expression: subject }];
      for (const key of query.orderBy) {
        const value = this.fresh();
        patterns.push({ type: 'optional', patterns: [this.pathPattern(subject, key.path, value)] });
        const aggregated = this.fresh();
        variables.push({
          expression: { type: 'aggregate', aggregation: key.direction === 'asc' ? 'min' : 'max', distinct: false, expression: value } as Sparql.AggregateExpression,
          variable: aggregated,
        });
        order.push({ expression: aggregated, descending: key.direction === 'desc' });
      }
    }
    order.push({ expression: subject });

    const select: Sparql.SelectQuery = {
      type: 'query',
      queryType: 'SELECT',
      prefixes: {},
      variables: variables as Sparql.Variable[],
      distinct: group === undefined,
      where: patterns,
      order,
      ...(limit === undefined ? {} : { limit }),
      ...(offset === undefined || offset === 0 ? {} : { offset }),
      ...(group === undefined ? {} : { group }),
    };
    return generator.stringify(select);
  }

  /** SPARQL that returns the number of members as ?count. */
  public count(query: MemberQuery): string {
    this.counter = 0;
    const subject = variable('s');
    const count = variable('count');
    const select: Sparql.SelectQuery = {
      type: 'query',
      queryType: 'SELECT',
      prefixes: {},
      variables: [{ expression: { type: 'aggregate', aggregation: 'count', distinct: true, expression: subject } as Sparql.AggregateExpression, variable: count }] as unknown as Sparql.Variable[],
      where: this.memberPatterns(query, subject),
    };
    return generator.stringify(select);
  }

  private memberPatterns(query: MemberQuery, subject: Variable): Sparql.Pattern[] {
    const patterns: Sparql.Pattern[] = [];
    if (query.candidates !== undefined) {
      patterns.push({ type: 'values', values: query.candidates.map((iri) => ({ '?s': namedNode(iri) })) } as Sparql.ValuesPattern);
    }
    patterns.push(
      bgp([
        [subject, namedNode(RDF_TYPE), namedNode(query.type)],
        [subject, namedNode(OSLC('serviceProvider')), namedNode(query.provider)],
      ]),
    );
    if (query.where !== undefined) {
      patterns.push(...this.where(query.where, subject, query.shape));
    }
    return patterns;
  }

  private where(clause: WhereClause, subject: Variable, shape: ResourceShape | undefined): Sparql.Pattern[] {
    return clause.terms.flatMap((term) => this.term(term, subject, shape));
  }

  private term(term: SimpleTerm, subject: Variable, shape: ResourceShape | undefined): Sparql.Pattern[] {
    const predicate = term.property.kind === 'wildcard' ? this.fresh() : namedNode(term.property.iri);
    const valueType = term.property.kind === 'property' ? this.valueTypeOf(shape, term.property.iri) : undefined;
    const propertyName = term.property.kind === 'property' ? compactIri(term.property.iri) : '*';
    if (shape !== undefined) {
      checkKnownProperty('oslc.where', shape, term.property);
    }

    if (term.kind === 'scoped') {
      const object = this.fresh();
      const nestedShape = term.property.kind === 'property' ? this.nestedShape(shape, term.property.iri) : undefined;
      return [bgp([[subject, predicate, object]]), ...this.where(term.where, object, nestedShape)];
    }

    if (term.kind === 'in') {
      const values = term.values.map((value) => this.toRdfTerm(value, valueType, propertyName, 'in'));
      values.forEach((value, index) => checkValueKind(value, valueType, propertyName, term.values[index]!.position));
      const object = this.fresh();
      if (values.every((value) => value.termType === 'NamedNode' || isPlainString(value) || isXmlLiteral(value))) {
        const rows = values.flatMap((value) => this.stringVariants(value)).map((value) => ({ [`?${object.value}`]: value }));
        return [{ type: 'values', values: rows } as Sparql.ValuesPattern, bgp([[subject, predicate, object]])];
      }
      // sparqljs takes IN's list as one nested argument.
      return [bgp([[subject, predicate, object]]), filter(operation('in', [object, values as unknown as Sparql.Expression]))];
    }

    const value = this.toRdfTerm(term.value, valueType, propertyName, term.operator);
    checkValueKind(value, valueType, propertyName, term.value.position);
    const exact = value.termType === 'NamedNode' || isPlainString(value) || isXmlLiteral(value) || isBoolean(value);

    if (term.operator === '=') {
      if (exact) {
        const variants = this.stringVariants(value);
        if (variants.length === 1) {
          return [bgp([[subject, predicate, value]])];
        }
        const object = this.fresh();
        return [{ type: 'values', values: variants.map((variant) => ({ [`?${object.value}`]: variant })) } as Sparql.ValuesPattern, bgp([[subject, predicate, object]])];
      }
      const object = this.fresh();
      return [bgp([[subject, predicate, object]]), filter(operation('=', [object, value]))];
    }

    if (term.operator === '!=') {
      const object = this.fresh();
      const inner: Sparql.Pattern[] = exact
        ? [{ type: 'values', values: this.stringVariants(value).map((variant) => ({ [`?${object.value}`]: variant })) } as Sparql.ValuesPattern, bgp([[subject, predicate, object]])]
        : [bgp([[subject, predicate, object]]), filter(operation('=', [object, value]))];
      return [filter(operation('notexists', [{ type: 'group', patterns: inner } as unknown as Sparql.Expression]))];
    }

    if (value.termType === 'NamedNode') {
      throw new QuerySyntaxError('oslc.where', term.value.position, `${term.operator} cannot compare IRIs; use = or != for links`);
    }
    const object = this.fresh();
    return [bgp([[subject, predicate, object]]), filter(operation(term.operator, [object, value]))];
  }

  /**
   * Turns a parsed value into an RDF term, typing plain strings with the property's declared datatype.
   * A value that is not a valid form of its datatype is an error: compared as such it would silently
   * match nothing.
   */
  private toRdfTerm(value: Value, valueType: string | undefined, propertyName: string, operator: ComparisonOperator | 'in'): NamedNode | Literal {
    const term = alignTemporal(this.literalTerm(value, valueType), valueType, propertyName, operator, value.position);
    if (term.termType === 'Literal' && !isValidLexical(term.value, term.datatype.value)) {
      const example = XSD_EXAMPLES[term.datatype.value];
      throw new QuerySyntaxError(
        'oslc.where',
        value.position,
        `${JSON.stringify(term.value)} is not a valid ${compactIri(term.datatype.value)} for ${propertyName}${example === undefined ? '' : `; write it like ${example}`}`,
      );
    }
    return term;
  }

  private literalTerm(value: Value, valueType: string | undefined): NamedNode | Literal {
    switch (value.kind) {
      case 'iri':
        return namedNode(value.iri);
      case 'number':
        return literal(value.lexical, namedNode(value.datatype));
      case 'boolean':
        return literal(String(value.value), namedNode(XSD('boolean')));
      case 'string':
        if (value.language !== undefined) {
          return literal(value.value, value.language);
        }
        if (value.datatype !== undefined) {
          return literal(value.value, namedNode(value.datatype));
        }
        if (valueType !== undefined && COERCIBLE.has(valueType)) {
          return literal(value.value, namedNode(valueType));
        }
        return literal(value.value);
    }
  }

  /**
   * Returns the terms a string value matches: a plain string and an rdf:XMLLiteral with the same text
   * match each other, because OSLC 2.0 clients send titles either way.
   */
  private stringVariants(value: NamedNode | Literal): (NamedNode | Literal)[] {
    if (isPlainString(value) || isXmlLiteral(value)) {
      return [literal(value.value), literal(value.value, namedNode(RDF('XMLLiteral')))];
    }
    return [value];
  }

  private pathPattern(subject: Variable, path: string[], end: Variable): Sparql.BgpPattern {
    const triples: [Variable, NamedNode, Variable][] = [];
    let current = subject;
    path.forEach((iri, index) => {
      const next = index === path.length - 1 ? end : this.fresh();
      triples.push([current, namedNode(iri), next]);
      current = next;
    });
    return bgp(triples);
  }

  private valueTypeOf(shape: ResourceShape | undefined, property: string): string | undefined {
    return shape?.properties.find((candidate) => candidate.propertyDefinition === property)?.valueType;
  }

  /** Returns the shape of a property's values: its inline value shape, or the resource type its range names. */
  private nestedShape(shape: ResourceShape | undefined, property: string): ResourceShape | undefined {
    const definition = shape?.properties.find((candidate) => candidate.propertyDefinition === property);
    if (definition?.valueShape !== undefined) {
      return this.shapes.byIri(definition.valueShape);
    }
    return definition?.range === undefined ? undefined : this.shapes.byClass([definition.range]);
  }

  private fresh(): Variable {
    this.counter++;
    return variable(`v${this.counter}`);
  }
}

/**
 * Makes a date comparable with an xsd:dateTime property (see QueryTranslator), and rejects the
 * comparisons of dates with dateTimes that would silently match nothing.
 */
function alignTemporal(term: NamedNode | Literal, valueType: string | undefined, propertyName: string, operator: ComparisonOperator | 'in', position: number): NamedNode | Literal {
  if (term.termType !== 'Literal') {
    return term;
  }
  const datatype = term.datatype.value;
  if (valueType === XSD('dateTime') && (datatype === XSD('date') || (datatype === XSD('dateTime') && isDateLexical(term.value)))) {
    if (operator === '<' || operator === '<=' || operator === '>' || operator === '>=') {
      return literal(startOfDay(term.value), namedNode(XSD('dateTime')));
    }
    throw new QuerySyntaxError(
      'oslc.where',
      position,
      `${propertyName} is an xsd:dateTime, so ${operator} with the date ${JSON.stringify(term.value)} would match only the instant the day starts; ` +
        `for the whole day write ${propertyName}>="${term.value}" and ${propertyName}<"<next day>", or give a dateTime like "2026-05-01T00:00:00Z"`,
    );
  }
  if (valueType === XSD('date') && datatype === XSD('dateTime')) {
    throw new QuerySyntaxError('oslc.where', position, `${propertyName} is an xsd:date, and SPARQL cannot compare it with the dateTime ${JSON.stringify(term.value)}; give a date like "2026-05-01"`);
  }
  return term;
}

function bgp(triples: [Sparql.Term, Sparql.Term, Sparql.Term][]): Sparql.BgpPattern {
  return { type: 'bgp', triples: triples.map(([subject, predicate, object]) => ({ subject, predicate, object }) as Sparql.Triple) };
}

function filter(expression: Sparql.Expression): Sparql.FilterPattern {
  return { type: 'filter', expression };
}

function operation(operator: string, args: Sparql.Expression[]): Sparql.OperationExpression {
  return { type: 'operation', operator, args };
}

function isPlainString(term: NamedNode | Literal): boolean {
  return term.termType === 'Literal' && term.language === '' && term.datatype.value === XSD('string');
}

function isXmlLiteral(term: NamedNode | Literal): boolean {
  return term.termType === 'Literal' && term.datatype.value === RDF('XMLLiteral');
}

function isBoolean(term: NamedNode | Literal): boolean {
  return term.termType === 'Literal' && term.datatype.value === XSD('boolean');
}

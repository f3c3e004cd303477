import type { Literal, Quad, Term } from '@rdfjs/types';
import { RDF, SH, XSD } from '../rdf/namespaces.js';

/**
 * Result of screening one node against one shape: true when it certainly conforms, false when it
 * certainly does not, and undefined when the screen cannot tell (a constraint it does not evaluate,
 * or a literal whose validity it does not check).
 */
export type Verdict = boolean | undefined;

/** The triples of the resources under validation, indexed by subject and predicate. */
export class FocusData {
  private readonly index = new Map<string, Map<string, Term[]>>();

  public constructor(quads: Iterable<Quad>) {
    for (const quad of quads) {
      const subject = nodeKey(quad.subject);
      let predicates = this.index.get(subject);
      if (predicates === undefined) {
        predicates = new Map();
        this.index.set(subject, predicates);
      }
      const values = predicates.get(quad.predicate.value);
      if (values === undefined) {
        predicates.set(quad.predicate.value, [quad.object]);
      } else if (!values.some((value) => value.equals(quad.object))) {
        values.push(quad.object);
      }
    }
  }

  public objects(subject: Term, predicate: string): readonly Term[] {
    return this.index.get(nodeKey(subject))?.get(predicate) ?? [];
  }

  public predicates(subject: Term): string[] {
    return [...(this.index.get(nodeKey(subject))?.keys() ?? [])];
  }
}

type ShapeCheck = (focus: Term, data: FocusData) => Verdict;
type ValueCheck = (value: Term, data: FocusData) => Verdict;

/** Shape predicates that describe or target a shape but constrain nothing. */
const NON_VALIDATING = new Set([RDF('type'), SH('name'), SH('description'), SH('message'), SH('targetClass'), SH('order'), SH('group'), SH('flags'), 'http://www.w3.org/2000/01/rdf-schema#label']);

/**
 * A fast, conservative evaluator for the SHACL Core subset that ShaclCompiler writes (counts, datatypes,
 * node kinds, sh:in, lengths, patterns, numeric ranges, sh:node, sh:or, sh:not and sh:hasValue). It
 * reads the compiled SHACL triples, so it follows the same shapes as the SHACL engine.
 *
 * It only decides that a resource conforms: ShapeValidator sends every resource whose verdict is not
 * true to the SHACL engine, which has the final word and writes the messages. Each check therefore
 * returns true only when the SHACL Core definition is certainly met; an unevaluated constraint gives
 * undefined, never true. Validating thousands of imported resources through the engine alone takes
 * about half a millisecond each, which is too slow for large BOM imports.
 */
export class ShaclScreen {
  private readonly shacl: FocusData;
  private readonly compiled = new Map<string, ShapeCheck>();

  public constructor(shaclQuads: Iterable<Quad>) {
    this.shacl = new FocusData(shaclQuads);
  }

  /** Screens `focus` against the node shape with IRI `shapeIri`. */
  public conforms(shapeIri: Term, focus: Term, data: FocusData): Verdict {
    return this.shapeCheck(shapeIri)(focus, data);
  }

  private shapeCheck(shape: Term): ShapeCheck {
    const key = nodeKey(shape);
    let check = this.compiled.get(key);
    if (check === undefined) {
      // A placeholder breaks cycles through sh:node; a recursive shape is left to the engine.
      this.compiled.set(key, () => undefined);
      check = this.compileShape(shape);
      this.compiled.set(key, check);
    }
    return check;
  }

  private compileShape(shape: Term): ShapeCheck {
    const predicates = this.shacl.predicates(shape);
    const path = this.shacl.objects(shape, SH('path'));
    if (path.length > 1 || (path.length === 1 && path[0]!.termType !== 'NamedNode')) {
      return () => undefined;
    }

    const valueChecks: ValueCheck[] = [];
    const setChecks: ((values: readonly Term[], data: FocusData) => Verdict)[] = [];
    for (const predicate of predicates) {
      if (predicate === SH('path') || NON_VALIDATING.has(predicate)) {
        continue;
      }
      const objects = this.shacl.objects(shape, predicate);
      const compiled = this.compileConstraint(shape, predicate, objects);
      if (compiled === undefined) {
        return () => undefined;
      }
      if (compiled.kind === 'value') {
        valueChecks.push(compiled.check);
      } else {
        setChecks.push(compiled.check);
      }
    }

    const pathIri = path[0]?.value;
    return (focus, data) => {
      const values = pathIri === undefined ? [focus] : data.objects(focus, pathIri);
      let verdict: Verdict = true;
      for (const check of setChecks) {
        verdict = and(verdict, check(values, data));
        if (verdict === false) {
          return false;
        }
      }
      for (const value of values) {
        for (const check of valueChecks) {
          verdict = and(verdict, check(value, data));
          if (verdict === false) {
            return false;
          }
        }
      }
      return verdict;
    };
  }

  private compileConstraint(
    shape: Term,
    predicate: string,
    objects: readonly Term[],
  ): { kind: 'value'; check: ValueCheck } | { kind: 'set'; check: (values: readonly Term[], data: FocusData) => Verdict } | undefined {
    const single = objects.length === 1 ? objects[0]! : undefined;
    switch (predicate) {
      case SH('minCount'): {
        const minimum = integerOf(single);
        return minimum === undefined ? undefined : { kind: 'set', check: (values) => values.length >= minimum };
      }
      case SH('maxCount'): {
        const maximum = integerOf(single);
        return maximum === undefined ? undefined : { kind: 'set', check: (values) => values.length <= maximum };
      }
      case SH('hasValue'):
        return { kind: 'set', check: (values) => objects.every((required) => values.some((value) => value.equals(required))) };
      case SH('datatype'):
        return single?.termType === 'NamedNode' ? { kind: 'value', check: (value) => hasDatatype(value, single.value) } : undefined;
      case SH('nodeKind'):
        return single?.termType === 'NamedNode' ? nodeKindCheck(single.value) : undefined;
      case SH('in'): {
        const allowed = single === undefined ? undefined : this.list(single);
        return allowed === undefined ? undefined : { kind: 'value', check: (value) => allowed.some((candidate) => candidate.equals(value)) };
      }
      case SH('maxLength'): {
        const maximum = integerOf(single);
        return maximum === undefined ? undefined : { kind: 'value', check: (value) => (value.termType === 'BlankNode' ? false : codePointLength(value.value) <= maximum) };
      }
      case SH('minLength'): {
        const minimum = integerOf(single);
        return minimum === undefined ? undefined : { kind: 'value', check: (value) => (value.termType === 'BlankNode' ? false : codePointLength(value.value) >= minimum) };
      }
      case SH('pattern'): {
        if (single?.termType !== 'Literal') {
          return undefined;
        }
        const flags = this.shacl.objects(shape, SH('flags'))[0]?.value ?? '';
        const pattern = new RegExp(single.value, flags.replace(/[^imsu]/g, ''));
        return { kind: 'value', check: (value) => (value.termType === 'BlankNode' ? false : pattern.test(value.value)) };
      }
      case SH('minInclusive'):
      case SH('minExclusive'):
      case SH('maxInclusive'):
      case SH('maxExclusive'):
        return single?.termType === 'Literal' ? { kind: 'value', check: (value) => compareRange(predicate, value, single as Literal) } : undefined;
      case SH('node'): {
        const checks = objects.map((target) => this.shapeCheck(target));
        return { kind: 'value', check: (value, data) => checks.reduce<Verdict>((verdict, check) => and(verdict, check(value, data)), true) };
      }
      case SH('property'): {
        const checks = objects.map((target) => this.shapeCheck(target));
        return { kind: 'value', check: (value, data) => checks.reduce<Verdict>((verdict, check) => and(verdict, check(value, data)), true) };
      }
      case SH('or'): {
        const alternatives = single === undefined ? undefined : this.list(single)?.map((target) => this.shapeCheck(target));
        return alternatives === undefined ? undefined : { kind: 'value', check: (value, data) => alternatives.reduce<Verdict>((verdict, check) => or(verdict, check(value, data)), false) };
      }
      case SH('not'): {
        const negated = single === undefined ? undefined : this.shapeCheck(single);
        return negated === undefined ? undefined : { kind: 'value', check: (value, data) => not(negated(value, data)) };
      }
      default:
        return undefined;
    }
  }

  /** Reads an RDF list; undefined when it is malformed. */
  private list(head: Term): Term[] | undefined {
    const items: Term[] = [];
    let current: Term | undefined = head;
    for (let guard = 0; current !== undefined && current.value !== RDF('nil'); guard++) {
      const first = this.shacl.objects(current, RDF('first'));
      const rest = this.shacl.objects(current, RDF('rest'));
      if (first.length !== 1 || rest.length !== 1 || guard > 10_000) {
        return undefined;
      }
      items.push(first[0]!);
      current = rest[0];
    }
    return items;
  }
}

function nodeKey(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

function and(a: Verdict, b: Verdict): Verdict {
  if (a === false || b === false) {
    return false;
  }
  return a === true && b === true ? true : undefined;
}

function or(a: Verdict, b: Verdict): Verdict {
  if (a === true || b === true) {
    return true;
  }
  return a === false && b === false ? false : undefined;
}

function not(a: Verdict): Verdict {
  return a === undefined ? undefined : !a;
}

function integerOf(term: Term | undefined): number | undefined {
  if (term?.termType !== 'Literal' || !/^\d+$/.test(term.value)) {
    return undefined;
  }
  return Number(term.value);
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) {
    length++;
  }
  return length;
}

function nodeKindCheck(kind: string): { kind: 'value'; check: ValueCheck } | undefined {
  switch (kind) {
    case SH('IRI'):
      return { kind: 'value', check: (value) => value.termType === 'NamedNode' };
    case SH('BlankNodeOrIRI'):
      return { kind: 'value', check: (value) => value.termType === 'NamedNode' || value.termType === 'BlankNode' };
    case SH('Literal'):
      return { kind: 'value', check: (value) => value.termType === 'Literal' };
    case SH('BlankNode'):
      return { kind: 'value', check: (value) => value.termType === 'BlankNode' };
    default:
      return undefined;
  }
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
const DOUBLE = /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$/;
const DATE_TIME = /^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))?$/;
const DATE = /^(-?\d{4,})-(\d\d)-(\d\d)(Z|[+-](\d\d):(\d\d))?$/;

/** Lexical checks per XML Schema 1.1 Part 2 for the datatypes the shapes use; other datatypes are not checked. */
const LEXICAL: Record<string, (lexical: string) => boolean> = {
  [XSD('decimal')]: (lexical) => DECIMAL.test(lexical),
  [XSD('integer')]: (lexical) => INTEGER.test(lexical),
  [XSD('double')]: (lexical) => DOUBLE.test(lexical),
  [XSD('float')]: (lexical) => DOUBLE.test(lexical),
  [XSD('boolean')]: (lexical) => /^(true|false|1|0)$/.test(lexical),
  [XSD('dateTime')]: validDateTime,
  [XSD('date')]: validDate,
};

function hasDatatype(value: Term, datatype: string): Verdict {
  if (value.termType !== 'Literal') {
    return false;
  }
  const literal = value as Literal;
  if (literal.datatype.value !== datatype) {
    return false;
  }
  if (datatype === XSD('string') || datatype === RDF('langString')) {
    // The datatype of a literal with a language tag is rdf:langString, and a plain literal is xsd:string.
    return datatype === RDF('langString') ? literal.language !== '' : literal.language === '';
  }
  if (datatype === RDF('XMLLiteral')) {
    // The SHACL engine's datatype check (rdf-validation) has no lexical rule for rdf:XMLLiteral and accepts
    // every lexical form, so the screen gives the same verdict. Imports write rich text from parsed XHTML.
    return true;
  }
  const lexicalCheck = LEXICAL[datatype];
  return lexicalCheck !== undefined && lexicalCheck(literal.value) ? true : undefined;
}

function validDateTime(lexical: string): boolean {
  const match = DATE_TIME.exec(lexical);
  if (match === null) {
    return false;
  }
  const [, year, month, day, hour, minute, second, , zone, zoneHour, zoneMinute] = match;
  return (
    validDay(Number(year), Number(month), Number(day)) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    (zone === undefined || zone === 'Z' || (Number(zoneHour) <= 14 && Number(zoneMinute) <= 59))
  );
}

function validDate(lexical: string): boolean {
  const match = DATE.exec(lexical);
  if (match === null) {
    return false;
  }
  const [, year, month, day, zone, zoneHour, zoneMinute] = match;
  return validDay(Number(year), Number(month), Number(day)) && (zone === undefined || zone === 'Z' || (Number(zoneHour) <= 14 && Number(zoneMinute) <= 59));
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year === 0) {
    return false;
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

const NUMERIC = new Set([XSD('decimal'), XSD('integer'), XSD('double'), XSD('float')]);

/**
 * Compares numbers only. Values with at most 15 significant digits convert to doubles exactly enough to
 * compare, equality included; near-equal longer values and other datatypes are left to the engine.
 */
function compareRange(component: string, value: Term, bound: Literal): Verdict {
  if (value.termType !== 'Literal') {
    return false;
  }
  const literal = value as Literal;
  if (!NUMERIC.has(literal.datatype.value) || !NUMERIC.has(bound.datatype.value) || !DECIMAL.test(literal.value) || !DECIMAL.test(bound.value)) {
    return undefined;
  }
  const actual = Number(literal.value);
  const limit = Number(bound.value);
  const exact = significantDigits(literal.value) <= 15 && significantDigits(bound.value) <= 15;
  if (!exact && Math.abs(actual - limit) <= 1e-9 * Math.max(1, Math.abs(limit))) {
    return undefined;
  }
  switch (component) {
    case SH('minInclusive'):
      return actual >= limit;
    case SH('minExclusive'):
      return actual > limit;
    case SH('maxInclusive'):
      return actual <= limit;
    default:
      return actual < limit;
  }
}

function significantDigits(lexical: string): number {
  return lexical.replace(/[^0-9]/g, '').replace(/^0+/, '').length;
}

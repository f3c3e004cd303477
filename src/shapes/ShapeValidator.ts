import { Validator } from 'shacl-engine';
import { DataFactory, Store } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { compactIri, OSLC, SH, XSD } from '../rdf/namespaces.js';
import type { PropertyShape, ResourceShape } from './ResourceShape.js';
import { EXPORT_CONTROL_RULES, nodeShapeIri, shaclDocumentIri } from './ShaclCompiler.js';
import { FocusData, ShaclScreen } from './ShaclScreen.js';
import type { ShapeRegistry } from './ShapeRegistry.js';

/** The `constraint` of issues found by the export-control rules, which are not single SHACL components. */
export const EXPORT_CONTROL_CONSTRAINT = 'urn:x-dt:constraint:export-control';

/** One way in which a resource breaks its shape, with a message that names the property and the fix. */
export interface ValidationIssue {
  /** Property IRIs from the resource down to the offending value (more than one for inline resources). */
  path: string[];
  message: string;
  /** The SHACL constraint component that failed, such as sh:MinCountConstraintComponent. */
  constraint?: string;
}

/** Minimal view of shacl-engine's report objects, which are untyped. */
interface EngineResult {
  path?: { predicates?: Term[] }[];
  message?: Term[];
  constraintComponent?: Term;
  value?: { term?: Term };
  shape?: { ptr?: { term?: Term } };
  results?: EngineResult[];
}

const OCCURS_TEXT: Record<string, string> = {
  'Exactly-one': 'exactly one value',
  'Zero-or-one': 'at most one value',
  'Zero-or-many': 'any number of values',
  'One-or-many': 'at least one value',
};

const DATATYPE_EXAMPLES: Record<string, string> = {
  [XSD('string')]: 'a text literal',
  [XSD('decimal')]: 'a decimal number such as 12.5',
  [XSD('integer')]: 'a whole number such as 3',
  [XSD('double')]: 'a number such as 1.5 or 1.5E3',
  [XSD('float')]: 'a number such as 1.5',
  [XSD('boolean')]: 'true or false',
  [XSD('dateTime')]: 'an xsd:dateTime such as "2026-05-01T12:00:00Z"^^xsd:dateTime',
  [XSD('date')]: 'an xsd:date such as "2026-05-01"^^xsd:date',
};

/**
 * Validates resources against the SHACL compiled from their OSLC shapes (shacl-engine), and turns each
 * SHACL result into a message in the shape's own terms: the property's prefixed name and title, what
 * was wrong with the value, and what to send instead.
 */
export class ShapeValidator {
  private readonly validator: Validator;
  private readonly screen: ShaclScreen;
  private readonly rules = new Map<string, (typeof EXPORT_CONTROL_RULES)[number]>();

  public constructor(private readonly registry: ShapeRegistry) {
    const shacl = registry.allShacl();
    this.validator = new Validator(new Store(shacl), { factory: DataFactory });
    this.screen = new ShaclScreen(shacl);
    for (const shape of registry.all()) {
      for (const rule of EXPORT_CONTROL_RULES) {
        this.rules.set(`${shaclDocumentIri(shape)}#${rule.name}`, rule);
      }
    }
  }

  /** Returns the ways in which `subject`, described by `quads`, breaks `shape`; empty when it conforms. */
  public async validate(shape: ResourceShape, subject: Term, quads: readonly Quad[]): Promise<ValidationIssue[]> {
    const report = (await this.validator.validate(
      { dataset: new Store(quads as Quad[]), terms: [subject] },
      [{ terms: [DataFactory.namedNode(nodeShapeIri(shape))] }],
    )) as { conforms: boolean; results: EngineResult[] };
    if (report.conforms) {
      return [];
    }
    // One message per property value: a literal where a link belongs also fails sh:in, and an ill-typed
    // number also fails its range, but the first message already states what to fix. Type results go
    // first, because a value of the wrong type also fails every comparison with it.
    const seen = new Set<string>();
    const issues: ValidationIssue[] = [];
    const typeFirst = [...report.results].sort((a, b) => typeRank(a) - typeRank(b));
    for (const result of typeFirst) {
      const key = `${result.path?.[0]?.predicates?.[0]?.value ?? ''} ${result.value?.term?.value ?? ''}`;
      if (result.value?.term !== undefined && seen.has(key)) {
        continue;
      }
      seen.add(key);
      issues.push(...this.describe(shape, result, []));
    }
    return issues;
  }

  /**
   * Validates many resources of one shape and returns each one's issues, in input order. A fast
   * screen (ShaclScreen) passes the resources that certainly conform, and the SHACL engine validates
   * the rest, so the verdicts and messages are the engine's.
   */
  public async validateMany(shape: ResourceShape, resources: readonly { subject: Term; quads: readonly Quad[] }[]): Promise<ValidationIssue[][]> {
    const nodeShape = DataFactory.namedNode(nodeShapeIri(shape));
    const results: ValidationIssue[][] = [];
    for (const resource of resources) {
      const verdict = this.screen.conforms(nodeShape, resource.subject, new FocusData(resource.quads));
      results.push(verdict === true ? [] : await this.validate(shape, resource.subject, resource.quads));
    }
    return results;
  }

  private describe(shape: ResourceShape, result: EngineResult, outerPath: string[]): ValidationIssue[] {
    const shapeTerm = result.shape?.ptr?.term?.value ?? '';
    const component = result.constraintComponent?.value ?? '';
    const nested = result.results ?? [];

    // A failed export-control rule: its nested sh:or result names the rule shape. The missing value is
    // the classification (ECCN or USML category), so the issue is reported on that property.
    for (const inner of [result, ...nested]) {
      const rule = this.rules.get(inner.shape?.ptr?.term?.value ?? '');
      if (rule !== undefined) {
        return [{ path: [...outerPath, rule.classification], message: rule.message, constraint: EXPORT_CONTROL_CONSTRAINT }];
      }
    }

    const predicate = result.path?.[0]?.predicates?.[0]?.value;
    const property = this.findProperty(shape, shapeTerm, predicate);
    const path = predicate === undefined ? outerPath : [...outerPath, predicate];

    if (component === SH('NodeConstraintComponent') && property?.valueShape !== undefined) {
      const inlineShape = this.registry.byIri(property.valueShape);
      if (inlineShape !== undefined && nested.length > 0) {
        return nested.flatMap((inner) => this.describe(inlineShape, inner, path)).map((issue) => ({
          path: issue.path,
          message: `In ${compactIri(property.propertyDefinition)} (${property.title}): ${issue.message}`,
        }));
      }
    }

    return [{ path, message: this.message(component, property, predicate, result), ...(component === '' ? {} : { constraint: component }) }];
  }

  private findProperty(shape: ResourceShape, shapeTerm: string, predicate: string | undefined): PropertyShape | undefined {
    const name = shapeTerm.includes('#') ? shapeTerm.slice(shapeTerm.lastIndexOf('#') + 1) : undefined;
    return (
      shape.properties.find((property) => property.name === name) ??
      shape.properties.find((property) => property.propertyDefinition === predicate)
    );
  }

  private message(component: string, property: PropertyShape | undefined, predicate: string | undefined, result: EngineResult): string {
    const name = predicate === undefined ? 'The resource' : compactIri(predicate);
    const label = property === undefined ? name : `${name} (${property.title})`;
    const value = result.value?.term;
    const shown = value === undefined ? '' : ` ${showTerm(value)}`;

    switch (component) {
      case SH('MinCountConstraintComponent'):
        return `${label} is missing: the shape requires ${OCCURS_TEXT[property?.occurs ?? 'One-or-many']}. Add ${name} to the request body.`;
      case SH('MaxCountConstraintComponent'):
        return `${label} has too many values: the shape allows ${OCCURS_TEXT[property?.occurs ?? 'Zero-or-one']}. Send only one ${name}.`;
      case SH('DatatypeConstraintComponent'):
      case SH('OrConstraintComponent'): {
        const valueType = property?.valueType ?? '';
        const expected = DATATYPE_EXAMPLES[valueType] ?? compactIri(valueType);
        return `${label} value${shown} is not a valid ${compactIri(valueType)}; send ${expected}.`;
      }
      case SH('NodeKindConstraintComponent'):
        return property?.representation === OSLC('Reference')
          ? `${label} value${shown} must be a link to a resource (an IRI such as <https://example.org/item/1>), not a literal.`
          : `${label} value${shown} must be a resource (an IRI or an inline blank node), not a literal.`;
      case SH('InConstraintComponent'): {
        const allowed = (property?.allowedValues ?? []).map(showTerm).join(', ');
        return `${label} value${shown} is not allowed; use one of ${allowed}.`;
      }
      case SH('MaxLengthConstraintComponent'):
        return `${label} value is ${value?.value.length ?? 'too many'} characters long; the maximum is ${property?.maxSize ?? 'smaller'}.`;
      case SH('MinLengthConstraintComponent'):
        return `${label} must not be empty.`;
      case SH('PatternConstraintComponent'):
        return `${label} value${shown} has the wrong format${property?.description === undefined ? '' : `: ${property.description}`}`;
      case SH('MinInclusiveConstraintComponent'):
      case SH('MinExclusiveConstraintComponent'):
      case SH('MaxInclusiveConstraintComponent'):
      case SH('MaxExclusiveConstraintComponent'):
        return `${label} value${shown} is out of range: ${rangeText(component, property)}.`;
      case SH('LessThanConstraintComponent'):
      case SH('LessThanOrEqualsConstraintComponent'):
        return `${label} value${shown} ${comparisonText(component, name, property, value)}`;
      default: {
        const engineMessage = result.message?.map((term) => term.value).join(' ') ?? 'constraint violated';
        return `${label} value${shown} breaks the shape: ${engineMessage}.`;
      }
    }
  }
}

function rangeText(component: string, property: PropertyShape | undefined): string {
  const limits: Record<string, [string, string]> = {
    [SH('MinInclusiveConstraintComponent')]: [SH('minInclusive'), 'at least'],
    [SH('MinExclusiveConstraintComponent')]: [SH('minExclusive'), 'greater than'],
    [SH('MaxInclusiveConstraintComponent')]: [SH('maxInclusive'), 'at most'],
    [SH('MaxExclusiveConstraintComponent')]: [SH('maxExclusive'), 'less than'],
  };
  const [predicate, words] = limits[component]!;
  const limit = property?.shaclConstraints.find((constraint) => constraint.predicate === predicate)?.object.value ?? '?';
  return `it must be ${words} ${limit}`;
}

const TYPE_COMPONENTS = new Set([SH('DatatypeConstraintComponent'), SH('OrConstraintComponent'), SH('NodeKindConstraintComponent')]);

/** Returns 0 for a result that a value's type caused and 1 for any other, for a stable sort. */
function typeRank(result: EngineResult): number {
  return TYPE_COMPONENTS.has(result.constraintComponent?.value ?? '') ? 0 : 1;
}

/**
 * Explains a failed sh:lessThan or sh:lessThanOrEquals, which compare each value with every value of
 * another property of the same resource (SHACL property pair constraints). Dates and times read as
 * "earlier than".
 */
function comparisonText(component: string, name: string, property: PropertyShape | undefined, value: Term | undefined): string {
  const strict = component === SH('LessThanConstraintComponent');
  const predicate = strict ? SH('lessThan') : SH('lessThanOrEquals');
  const otherIri = property?.shaclConstraints.find((constraint) => constraint.predicate === predicate)?.object.value;
  const other = otherIri === undefined ? 'the property it is compared with' : compactIri(otherIri);
  const datatype = value?.termType === 'Literal' ? (value as Term & { datatype: { value: string } }).datatype.value : '';
  const temporal = datatype === XSD('dateTime') || datatype === XSD('date');
  let relation = strict ? 'less than' : 'less than or equal to';
  if (temporal) {
    relation = strict ? 'earlier than' : 'at or before';
  }
  return `is not ${relation} the ${other} value: each ${name} must be ${relation} every ${other} of the resource, so correct one of the two.`;
}

/** Shows a term the way a user would write it in Turtle. */
export function showTerm(term: Term): string {
  if (term.termType === 'NamedNode') {
    return compactIri(term.value);
  }
  if (term.termType === 'Literal') {
    const literal = term as Term & { language: string; datatype: { value: string } };
    if (literal.language !== '') {
      return `${JSON.stringify(term.value)}@${literal.language}`;
    }
    if (literal.datatype.value !== XSD('string')) {
      return `${JSON.stringify(term.value)}^^${compactIri(literal.datatype.value)}`;
    }
    return JSON.stringify(term.value);
  }
  return term.termType === 'BlankNode' ? '[ ]' : term.value;
}

import type { PropertyShape } from '../shapes/ResourceShape.js';
import type { ImportIssue, SourceLocation } from './ImportModel.js';

/** A value that an attribute matched through a `dt:sourceName` gives, and that does not convert to its property's value type. */
export interface UnconvertedAttribute {
  /** The attribute's name as the source gives it. */
  attribute: string;
  property: PropertyShape;
  /** The reason the value does not convert, naming the value and the values the property takes. */
  problem: string;
}

/**
 * Collects the unconverted values of attributes matched through a `dt:sourceName` and returns one warning
 * per attribute name. Such an attribute was a plain source attribute before its shape named it, so its
 * value is no import error, and the resource keeps it as before.
 */
export class UnconvertedSourceNames {
  private readonly byAttribute = new Map<string, { label: string; location: SourceLocation; problem: string; property: string; labels: Set<string> }>();

  /**
   * @param shapeTitle the `dcterms:title` of the resources' shape, such as "Requirement"
   * @param kind a resource in words, such as "requirement"
   * @param outcome a sentence on what becomes of the attribute, such as "The requirement keeps it as a source attribute."
   */
  public constructor(
    private readonly shapeTitle: string,
    private readonly kind: string,
    private readonly outcome: string,
  ) {}

  /** Records the unconverted values of one resource, which `label` names, as in "requirement SRS-42". */
  public add(label: string, location: SourceLocation, unconverted: readonly UnconvertedAttribute[]): void {
    for (const { attribute, property, problem } of unconverted) {
      const known = this.byAttribute.get(attribute);
      if (known === undefined) {
        this.byAttribute.set(attribute, { label, location, problem, property: property.name, labels: new Set([label]) });
      } else {
        known.labels.add(label);
      }
    }
  }

  /** Returns one warning per attribute name, naming its first resource and value, and how many other resources have such values. */
  public warnings(): ImportIssue[] {
    return [...this.byAttribute].map(([attribute, first]) => {
      const others = first.labels.size - 1;
      const more = others === 0 ? '' : ` The values of "${attribute}" on ${others} other ${this.kind}${others === 1 ? '' : 's'} do not convert either.`;
      return {
        severity: 'warning',
        message:
          `${first.label}: the attribute "${attribute}", another name of the ${this.shapeTitle} property ${first.property}, does not set it, because ${first.problem} ` +
          `${this.outcome}${more}`,
        location: first.location,
      };
    });
  }
}

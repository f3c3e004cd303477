import type { ShapeViolation } from '../http/HttpError.js';
import { SH } from '../rdf/namespaces.js';
import type { PropertyShape } from '../shapes/ResourceShape.js';
import { EXPORT_CONTROL_CONSTRAINT } from '../shapes/ShapeValidator.js';

const LIMIT_WORDS: Record<string, [predicate: string, words: string]> = {
  [SH('MinInclusiveConstraintComponent')]: [SH('minInclusive'), 'at least'],
  [SH('MinExclusiveConstraintComponent')]: [SH('minExclusive'), 'more than'],
  [SH('MaxInclusiveConstraintComponent')]: [SH('maxInclusive'), 'at most'],
  [SH('MaxExclusiveConstraintComponent')]: [SH('maxExclusive'), 'less than'],
};

/**
 * Rewords a shape violation for the field it concerns. The API's messages name prefixed properties and
 * typed literals and tell a client what to put in a request body; a form user sees the field's title and
 * needs only the rule. Constraints without a form wording keep the API's message, so no problem is lost.
 */
export function fieldMessage(violation: ShapeViolation, property: PropertyShape): string {
  const constraint = violation.constraint ?? '';
  const title = property.title;

  if (constraint === SH('MinCountConstraintComponent') || constraint === EXPORT_CONTROL_CONSTRAINT) {
    // An export-control rule fails when the marking needs this classification and it is empty.
    return constraint === EXPORT_CONTROL_CONSTRAINT ? `${title} is required for the chosen export control marking.` : `${title} is required.`;
  }
  if (constraint === SH('MaxCountConstraintComponent')) {
    return property.maxCount === 1 ? `${title} takes one value only.` : `${title} has too many values.`;
  }
  const limit = LIMIT_WORDS[constraint];
  if (limit !== undefined) {
    const bound = property.shaclConstraints.find((candidate) => candidate.predicate === limit[0])?.object.value;
    return bound === undefined ? violation.message : `${title} must be ${limit[1]} ${bound}.`;
  }
  if (constraint === SH('MaxLengthConstraintComponent')) {
    return `${title} is too long; use at most ${property.maxSize ?? 'fewer'} characters.`;
  }
  if (constraint === SH('MinLengthConstraintComponent')) {
    return `${title} must not be empty.`;
  }
  if (constraint === SH('PatternConstraintComponent')) {
    return `${title} has the wrong format.${property.description === undefined ? '' : ` ${property.description}`}`;
  }
  return violation.message;
}

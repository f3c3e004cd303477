import { DT, OSLC_RM } from '../../rdf/namespaces.js';

/**
 * Maps a SPEC-RELATION-TYPE LONG-NAME to an OSLC RM 2.1 link property. A ReqIF SPEC-RELATION points from
 * SOURCE to TARGET. When `reverse` is true, the OSLC link runs from TARGET to SOURCE instead.
 *
 * Names are compared in lower case with spaces, hyphens and underscores removed, and the first rule whose
 * pattern matches wins, so the passive forms ("satisfied by") are tried before the active ones.
 *
 * | relation type name contains | OSLC link | direction |
 * |---|---|---|
 * | satisfiedby, implementedby, realizedby | oslc_rm:satisfiedBy | SOURCE to TARGET |
 * | satisf(ies/y), implements, realizes | oslc_rm:satisfiedBy | TARGET to SOURCE |
 * | decomposedby, refinedby, parentof, derivedby | oslc_rm:decomposes | TARGET to SOURCE |
 * | decompos, refine, derive, childof, parent | oslc_rm:decomposes | SOURCE to TARGET |
 * | validatedby, verifiedby, testedby | oslc_rm:validatedBy | SOURCE to TARGET |
 * | validates, verifies, tests | oslc_rm:validatedBy | TARGET to SOURCE |
 * | elaboratedby / elaborat | oslc_rm:elaboratedBy / oslc_rm:elaborates | SOURCE to TARGET |
 * | specifiedby / specifies | oslc_rm:specifiedBy / oslc_rm:specifies | SOURCE to TARGET |
 * | constrainedby / constrain | oslc_rm:constrainedBy / oslc_rm:constrains | SOURCE to TARGET |
 * | trackedby | oslc_rm:trackedBy | SOURCE to TARGET |
 * | affectedby | oslc_rm:affectedBy | SOURCE to TARGET |
 * | tracedby, tracedfrom | dt:tracesTo | TARGET to SOURCE |
 * | trace | dt:tracesTo | SOURCE to TARGET |
 * | anything else, or no type | dt:tracesTo | SOURCE to TARGET |
 */
export interface LinkMapping {
  property: string;
  reverse: boolean;
}

interface Rule {
  pattern: RegExp;
  mapping: LinkMapping;
}

const RULES: readonly Rule[] = [
  { pattern: /satisfiedby|implementedby|realizedby/, mapping: { property: OSLC_RM('satisfiedBy'), reverse: false } },
  { pattern: /satisf|implements|realizes/, mapping: { property: OSLC_RM('satisfiedBy'), reverse: true } },
  { pattern: /decomposedby|refinedby|parentof|derivedby/, mapping: { property: OSLC_RM('decomposes'), reverse: true } },
  { pattern: /decompos|refine|derive|childof|parent/, mapping: { property: OSLC_RM('decomposes'), reverse: false } },
  { pattern: /validatedby|verifiedby|testedby/, mapping: { property: OSLC_RM('validatedBy'), reverse: false } },
  { pattern: /validates|verifies|tests/, mapping: { property: OSLC_RM('validatedBy'), reverse: true } },
  { pattern: /elaboratedby/, mapping: { property: OSLC_RM('elaboratedBy'), reverse: false } },
  { pattern: /elaborat/, mapping: { property: OSLC_RM('elaborates'), reverse: false } },
  { pattern: /specifiedby/, mapping: { property: OSLC_RM('specifiedBy'), reverse: false } },
  { pattern: /specifies/, mapping: { property: OSLC_RM('specifies'), reverse: false } },
  { pattern: /constrainedby/, mapping: { property: OSLC_RM('constrainedBy'), reverse: false } },
  { pattern: /constrain/, mapping: { property: OSLC_RM('constrains'), reverse: false } },
  { pattern: /trackedby/, mapping: { property: OSLC_RM('trackedBy'), reverse: false } },
  { pattern: /affectedby/, mapping: { property: OSLC_RM('affectedBy'), reverse: false } },
  // A type named as a trace is the generic trace link by intent, not for want of a better match.
  { pattern: /tracedby|tracedfrom/, mapping: { property: DT('tracesTo'), reverse: true } },
  { pattern: /trace/, mapping: { property: DT('tracesTo'), reverse: false } },
];

/** The generic trace link for relation types that no rule recognises. */
export const GENERIC_TRACE_LINK: LinkMapping = { property: DT('tracesTo'), reverse: false };

/** Returns the OSLC link for a relation type name, or GENERIC_TRACE_LINK itself when no rule matches the name. */
export function mapRelationType(longName: string | undefined): LinkMapping {
  if (longName === undefined) {
    return GENERIC_TRACE_LINK;
  }
  const key = longName.toLowerCase().replace(/[\s_-]+/g, '');
  return RULES.find((rule) => rule.pattern.test(key))?.mapping ?? GENERIC_TRACE_LINK;
}

import { DT } from '../rdf/namespaces.js';

/** DO-178C software level, DO-254 design assurance level or ECSS criticality category, A being the strictest. */
export type AssuranceLevel = 'A' | 'B' | 'C' | 'D' | 'E';

export const ASSURANCE_LEVELS: readonly AssuranceLevel[] = ['A', 'B', 'C', 'D', 'E'];

/** The certification standards the objective catalogues in vocab/ cover, by their dt: local name. */
export type StandardKey = 'DO178C' | 'DO254' | 'ECSS';

export const STANDARDS: Record<StandardKey, { label: string; iri: string }> = {
  DO178C: { label: 'DO-178C', iri: DT('DO178C') },
  DO254: { label: 'DO-254', iri: DT('DO254') },
  ECSS: { label: 'ECSS', iri: DT('ECSS') },
};

export const STANDARD_KEYS = Object.keys(STANDARDS) as StandardKey[];

/** Returns the standard whose label (DO-178C) or key (DO178C) is `text`, ignoring case, or undefined. */
export function parseStandard(text: string): StandardKey | undefined {
  const wanted = text.trim().toUpperCase();
  return STANDARD_KEYS.find((key) => key === wanted || STANDARDS[key].label.toUpperCase() === wanted);
}

/** Returns the level named by `text` (A, a, LevelA, or the dt:LevelA IRI), or undefined. */
export function parseAssuranceLevel(text: string): AssuranceLevel | undefined {
  const match = /^(?:.*Level)?([A-Ea-e])$/.exec(text.trim());
  return match === null ? undefined : (match[1]!.toUpperCase() as AssuranceLevel);
}

/** Returns the level of a dt:LevelA style IRI, or undefined for anything else. */
export function levelOfIri(iri: string | undefined): AssuranceLevel | undefined {
  return iri?.startsWith(DT('Level')) === true ? parseAssuranceLevel(iri) : undefined;
}

/** Returns the standard of a dt:DO178C style IRI, or undefined for anything else. */
export function standardOfIri(iri: string | undefined): StandardKey | undefined {
  return STANDARD_KEYS.find((key) => STANDARDS[key].iri === iri);
}

/** Returns the stricter of two levels (A is stricter than B); undefined counts as no level. */
export function stricterLevel(a: AssuranceLevel | undefined, b: AssuranceLevel | undefined): AssuranceLevel | undefined {
  if (a === undefined) {
    return b;
  }
  if (b === undefined) {
    return a;
  }
  return a < b ? a : b;
}

/** Compares identifiers so that comes before and REQ-000009 before REQ-000010. */
export const compareIdentifiers = new Intl.Collator('en', { numeric: true }).compare;

import type { SourcePart } from './ImportModel.js';
import { firstNamed } from './FirstNamed.js';

/** Labels of the Part shape's lifecycle states (dt:LifecycleState in vocab/part.ttl), which an attribute value matches. */
export const LIFECYCLE_STATES: readonly string[] = ['In Work', 'Under Review', 'Released', 'Obsolete'];

/**
 * Lifecycle state of a new part whose source state matches none, the import's default. Such a part gives
 * no state, and lifecycleState is required, so a stored part keeps its own.
 */
const NEW_PART_LIFECYCLE_STATE = 'In Work';

/** Reduces a state name to lower case without spaces, hyphens and underscores, so `In Work` matches `INWORK`. */
export function stateKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

/**
 * Returns the lifecycle state label that a source state name matches: a label of LIFECYCLE_STATES, or a
 * source system's own name in `synonyms` (keys in `stateKey` form). Returns undefined when neither matches.
 */
export function lifecycleStateNamed(name: string, synonyms: ReadonlyMap<string, string>): string | undefined {
  const key = stateKey(name);
  return LIFECYCLE_STATES.find((label) => stateKey(label) === key) ?? synonyms.get(key);
}

/** Maximum number of parts that a warning about an unmapped state names. */
const NAMED_PARTS = 3;

/**
 * Returns the message that `parts` get no lifecycle state from the source because of `cause`, naming the
 * first few parts so that a user can look one up, as `…, so 2 parts keep their stored lifecycle state
 * (In Work when new): WC-110 rev A, WC-120 rev A.`
 */
export function unmappedStateMessage(cause: string, parts: ReadonlyArray<Pick<SourcePart, 'partNumber' | 'revision'>>): string {
  const count = parts.length === 1 ? '1 part keeps its' : `${parts.length} parts keep their`;
  const named = firstNamed(parts.map((part) => `${part.partNumber} rev ${part.revision}`), NAMED_PARTS);
  return `${cause}, so ${count} stored lifecycle state (${NEW_PART_LIFECYCLE_STATE} when new): ${named}.`;
}

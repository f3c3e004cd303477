import type { AssuranceLevel, RequirementSpec } from './ProgrammeDefinition.js';

/** Shorthands for writing requirement trees. */

interface Links {
  assurance?: AssuranceLevel;
  satisfiedBy?: string[];
  item?: string;
}

export function systemRequirement(key: string, title: string, statement: string, links: Links = {}): RequirementSpec {
  return { key, level: 'system', title, statement, ...links };
}

export function highLevelRequirement(key: string, parent: string, title: string, statement: string, links: Links = {}): RequirementSpec {
  return { key, level: 'high', parent, title, statement, ...links };
}

export function lowLevelRequirement(key: string, parent: string, title: string, statement: string, links: Links = {}): RequirementSpec {
  return { key, level: 'low', parent, title, statement, ...links };
}

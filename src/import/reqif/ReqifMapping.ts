import { ImportError } from '../ImportErrors.js';
import type { AttributeRoles } from './ToolProfiles.js';

const ROLES = ['identifier', 'title', 'text', 'heading'] as const;

/**
 * Checks a parsed ReqIF `--mapping` file: an object that gives, for `identifier`, `title`, `text` and
 * `heading`, the ATTRIBUTE-DEFINITION LONG-NAMEs to read, one name or a list in order of preference, such as
 * {"identifier": ["Object Identifier"], "title": "Object Heading"}. Returns the lists; throws ImportError
 * naming the bad key.
 */
export function checkReqifMapping(value: unknown, source: string): Partial<AttributeRoles> {
  if (value === undefined) {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImportError(`${source}: the mapping must be a JSON object such as {"identifier": ["Object Identifier"], "title": ["Object Heading"]}.`);
  }
  const roles: Partial<AttributeRoles> = {};
  for (const [key, names] of Object.entries(value)) {
    if (!(ROLES as readonly string[]).includes(key)) {
      throw new ImportError(`${source}: unknown mapping key "${key}"; the keys are ${ROLES.join(', ')}.`);
    }
    const list = typeof names === 'string' ? [names] : names;
    if (!Array.isArray(list) || list.length === 0 || list.some((name) => typeof name !== 'string' || name.trim() === '')) {
      throw new ImportError(`${source}: "${key}" must be an attribute name or a list of them, such as ["Object Identifier", "ReqIF.ForeignID"].`);
    }
    roles[key as keyof AttributeRoles] = list as string[];
  }
  return roles;
}

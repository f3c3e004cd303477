import type { PropertyShape } from './ResourceShape.js';

/**
 * Reduces a property or attribute name to the form in which imports match them: lower case, without
 * spaces, hyphens and underscores, so the PLM attribute `Lifecycle_State` matches `lifecycleState`.
 */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

/** Returns the names under which a source may give a property: its `oslc:name`, then its `dt:sourceName` values. */
export function propertyNames(property: PropertyShape): string[] {
  return [property.name, ...property.sourceNames];
}

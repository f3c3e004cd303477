import { nameKey, propertyNames } from '../shapes/PropertyNames.js';
import type { PropertyShape } from '../shapes/ResourceShape.js';

/** The attribute whose value sets a property on one resource. */
export interface MatchedAttribute {
  /** The attribute's name as the source gives it. */
  name: string;
  /** Its value, trimmed and not empty. */
  text: string;
  /** True when the source gives the property under one of its `dt:sourceName` values, not its `oslc:name`. */
  bySourceName: boolean;
}

/** A resource's attributes by the nameKey of their names; of attributes with the same key, the first in source order. */
export type KeyedAttributes = ReadonlyMap<string, { name: string; value: string }>;

export function keyedAttributes(attributes: Readonly<Record<string, string>>): KeyedAttributes {
  const byKey = new Map<string, { name: string; value: string }>();
  for (const [name, value] of Object.entries(attributes)) {
    if (!byKey.has(nameKey(name))) {
      byKey.set(nameKey(name), { name, value });
    }
  }
  return byKey;
}

/**
 * Returns the attribute that sets `property`: the one under its `oslc:name` when that has a value, so the
 * property's own name wins, else the first of its `dt:sourceName` values, in shape order, that has one.
 */
export function matchAttribute(attributes: KeyedAttributes, property: PropertyShape): MatchedAttribute | undefined {
  for (const [index, name] of propertyNames(property).entries()) {
    const attribute = attributes.get(nameKey(name));
    const text = attribute?.value.trim() ?? '';
    if (attribute !== undefined && text !== '') {
      return { name: attribute.name, text, bySourceName: index > 0 };
    }
  }
  return undefined;
}

/** Returns whether an attribute name is the property's `oslc:name` or one of its `dt:sourceName` values. */
export function namesProperty(attributeName: string, property: PropertyShape): boolean {
  const key = nameKey(attributeName);
  return propertyNames(property).some((name) => nameKey(name) === key);
}

/**
 * Returns the attribute names that none of the properties takes, sorted, so that a run can report once
 * which source columns or attributes it did not store.
 */
export function unmatchedAttributes(attributeNames: ReadonlySet<string>, properties: readonly PropertyShape[]): string[] {
  return [...attributeNames].filter((name) => !properties.some((property) => namesProperty(name, property))).sort();
}

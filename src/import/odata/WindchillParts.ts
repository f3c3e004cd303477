import type { ImportIssue, SourceBomLine, SourcePart } from '../ImportModel.js';
import { stateKey } from '../LifecycleStates.js';

/**
 * Mapping of Windchill REST Services ProdMgmt entities to the import model. A Part entity carries ID,
 * Number, Name, Revision, Version, State and LastModified, enumerated values as `{Value, Display}` objects,
 * and soft attributes as further top-level properties. A PartUse (a usage link) carries Quantity, Unit,
 * LineNumber and FindNumber, and its navigation property `Uses` is the child part. A part's State becomes
 * its `lifecycleState` attribute, which sets the Part property as a CSV column or PLM XML attribute would.
 */

/**
 * Properties that become fields, the lifecycle state or the BOM view of a part (View), or are navigation,
 * rather than attributes.
 */
const MAPPED_PART_PROPERTIES = new Set(['ID', 'Number', 'Name', 'Revision', 'State', 'View', 'Uses']);

/**
 * System properties of a Windchill REST Services Part, which Windchill sets and a user cannot rename to a
 * Part property, so they are not kept as attributes (the import would list them as ignored on every pull).
 * Any other property is a soft attribute.
 * NOTE: the list is not checked against a Windchill $metadata document, so it may lack some system
 * properties. One missing here is kept as an attribute and listed as ignored, which is harmless.
 */
const SYSTEM_PART_PROPERTIES = new Set([
  'AssemblyMode',
  'BOMType',
  'CabinetName',
  'ChangeStatus',
  'CheckoutState',
  'ConfigurableModule',
  'CreatedBy',
  'CreatedOn',
  'DefaultTraceCode',
  'DefaultUnit',
  'EndItem',
  'FolderLocation',
  'FolderName',
  'GatheringPart',
  'GeneralStatus',
  'Identity',
  'LastModified',
  'Latest',
  'LifeCycleTemplateName',
  'ModifiedBy',
  'ObjectType',
  'OrganizationName',
  'PhantomManufacturingPart',
  'ShareStatus',
  'Source',
  'TypeIcon',
  'Version',
  'VersionID',
]);

/**
 * Labels of the Part shape's lifecycle states (dt:LifecycleState) for the states of Windchill's default
 * life cycles, by internal name (the State's `Value`) or display name, in the form `stateKey` gives.
 * Windchill 12 displays CANCELLED as "Canceled", so both spellings are listed.
 */
const LIFECYCLE_STATES: ReadonlyMap<string, string> = new Map([
  ['inwork', 'In Work'],
  ['underreview', 'Under Review'],
  ['released', 'Released'],
  ['obsolescence', 'Obsolete'],
  ['obsolete', 'Obsolete'],
  // A cancelled part must not be used in new builds, which is what dt:Obsolete means.
  ['cancelled', 'Obsolete'],
  ['canceled', 'Obsolete'],
]);

/** The lifecycle state labels that Windchill states map to, for messages. */
export const MAPPED_LIFECYCLE_STATES: readonly string[] = [...new Set(LIFECYCLE_STATES.values())];

export type Entity = Record<string, unknown>;

export function isEntity(value: unknown): value is Entity {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns a property as text: strings and numbers as written, enumerations by their `Value`. */
export function propertyText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (isEntity(value) && typeof value.Value === 'string') {
    return value.Value;
  }
  return undefined;
}

/** Returns the entity's ID, from `ID` or else from the key in `@odata.id` (`Parts('OR:wt.part.WTPart:1')`). */
export function entityId(entity: Entity): string | undefined {
  if (typeof entity.ID === 'string') {
    return entity.ID;
  }
  const odataId = entity['@odata.id'];
  const key = typeof odataId === 'string' ? /\('([^']*)'\)$/.exec(odataId)?.[1] : undefined;
  return key;
}

/**
 * Returns the lifecycle state label for a part's Windchill State, found by its `Value` and else by its
 * `Display` name (a site's own state may display as a default one), or undefined when neither matches.
 */
export function lifecycleStateLabel(state: unknown): string | undefined {
  const names = isEntity(state) ? [state.Value, state.Display] : [state];
  for (const name of names) {
    const label = typeof name === 'string' ? LIFECYCLE_STATES.get(stateKey(name)) : undefined;
    if (label !== undefined) {
      return label;
    }
  }
  return undefined;
}

/** Returns a Windchill State for messages, as `PROTOTYPE ("Prototype")`, or undefined when the part has none. */
export function stateName(state: unknown): string | undefined {
  const value = propertyText(state);
  if (value === undefined) {
    return undefined;
  }
  const display = isEntity(state) && typeof state.Display === 'string' && state.Display !== value ? ` ("${state.Display}")` : '';
  return `${value}${display}`;
}

/**
 * Returns the part that a Part entity describes, or an issue when it lacks an ID or a Number. The State
 * becomes the `lifecycleState` attribute. Every other property with a text value, except system
 * properties, is kept as an attribute under its OData name, or under the attribute name that
 * `mappedAttributes` gives it (attribute name to OData name), which also overrides the State.
 */
export function toSourcePart(entity: Entity, file: string, mappedAttributes: Readonly<Record<string, string>> = {}): SourcePart | ImportIssue {
  const sourceId = entityId(entity);
  const partNumber = propertyText(entity.Number);
  if (sourceId === undefined || partNumber === undefined || partNumber.trim() === '') {
    return { severity: 'error', message: `Part entity ${sourceId ?? '(without ID)'} lacks ${sourceId === undefined ? 'an ID' : 'a Number'}`, location: { file, ...(sourceId === undefined ? {} : { entity: sourceId }) } };
  }
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (MAPPED_PART_PROPERTIES.has(name) || SYSTEM_PART_PROPERTIES.has(name) || name.includes('@')) {
      continue;
    }
    const text = propertyText(value);
    if (text !== undefined) {
      attributes[name] = text;
    }
  }
  // A mapped property is read under its attribute name instead of its Windchill name.
  for (const [attribute, property] of Object.entries(mappedAttributes)) {
    const text = Object.hasOwn(entity, property) ? propertyText(entity[property]) : undefined;
    delete attributes[property];
    if (text !== undefined) {
      attributes[attribute] = text;
    }
  }
  // A state that matches no lifecycle state gives none, so a stored part keeps its own (In Work when new).
  const state = lifecycleStateLabel(entity.State);
  if (!Object.hasOwn(mappedAttributes, 'lifecycleState') && state !== undefined) {
    attributes.lifecycleState = state;
  }

  const revision = propertyText(entity.Revision);
  const part: SourcePart = {
    sourceId,
    partNumber,
    revision: revision === undefined || revision === '' ? '-' : revision,
    title: propertyText(entity.Name) ?? '',
    location: { file, entity: sourceId },
  };
  part.attributes = attributes;
  return part;
}

/** Returns a part for messages, as `NLG-1100 rev B`, or its ID when it has no Number. */
export function partLabel(entity: Entity): string {
  const number = propertyText(entity.Number);
  if (number === undefined || number === '') {
    return entityId(entity) ?? '(without ID)';
  }
  const revision = propertyText(entity.Revision);
  return `${number} rev ${revision === undefined || revision === '' ? '-' : revision}`;
}

/**
 * Returns the BOM line of a PartUse entity under the part `parent`, with the QUDT unit `unit`, or an issue
 * when its child part or quantity is missing.
 */
export function toSourceBomLine(use: Entity, parent: Entity, file: string, unit: string): SourceBomLine | ImportIssue {
  const parentId = entityId(parent) ?? '(without ID)';
  const useId = entityId(use) ?? '(without ID)';
  const child = isEntity(use.Uses) ? entityId(use.Uses) : undefined;
  if (child === undefined) {
    return {
      severity: 'error',
      message:
        `PartUse ${useId} of part ${partLabel(parent)} has no expanded child part (Uses). The service must expand Uses on each PartUse, as $expand=Uses($expand=Uses) requests; ` +
        'check the Windchill REST Services version or its expansion settings.',
      location: { file, entity: useId },
    };
  }
  const quantity = typeof use.Quantity === 'number' ? use.Quantity : Number(propertyText(use.Quantity));
  if (!Number.isFinite(quantity) || quantity <= 0) {
    return { severity: 'error', message: `PartUse ${useId} of part ${parentId} has quantity ${String(propertyText(use.Quantity))}, but a positive number is required`, location: { file, entity: useId } };
  }
  const line: SourceBomLine = { parent: parentId, child, quantity, unit, location: { file, entity: useId } };
  const findNumber = findNumberOf(use);
  if (findNumber !== undefined) {
    line.findNumber = findNumber;
  }
  return line;
}

/** Returns a PartUse's find number, its FindNumber or else its LineNumber, or undefined when it has neither. */
export function findNumberOf(use: Entity): string | undefined {
  const findNumber = propertyText(use.FindNumber) ?? propertyText(use.LineNumber);
  return findNumber === undefined || findNumber === '' ? undefined : findNumber;
}

export function isIssue(value: SourcePart | SourceBomLine | ImportIssue): value is ImportIssue {
  return 'severity' in value;
}

import type { ImportIssue } from './ImportModel.js';
import { PROVENANCE } from './Provenance.js';
import { propertiesOf, type PlannedResource } from './SyncPlan.js';

/** Number of resources that the warning names for each property. It counts the rest. */
const RESOURCES_NAMED = 3;

/**
 * Warns about values that an import removes from its own source's resources because the source now gives
 * none, as a blank CSV cell in a column with other values does. A partial export clears values the same way.
 */
export function warnAboutClearedValues(plan: ReadonlyMap<string, PlannedResource>, source: string, dryRun: boolean): ImportIssue[] {
  const clearedBy = new Map<string, { title: string; labels: string[] }>();
  for (const resource of plan.values()) {
    if (resource.action !== 'update' || resource.stored === undefined || resource.desired === null || resource.content === undefined) {
      continue;
    }
    const { subject } = resource;
    const owner = resource.stored.quads.find((candidate) => candidate.subject.equals(subject) && candidate.predicate.value === PROVENANCE.wasDerivedFrom)?.object.value;
    if (owner !== source) {
      continue;
    }

    const describedProperties = propertiesOf(subject, resource.desired);
    for (const property of resource.shape.properties) {
      const predicate = property.propertyDefinition;
      const cleared =
        resource.content.owned.has(predicate) &&
        !describedProperties.has(predicate) &&
        resource.stored.quads.some((candidate) => candidate.subject.equals(subject) && candidate.predicate.value === predicate && candidate.object.termType === 'Literal');
      if (cleared) {
        const entry = clearedBy.get(predicate) ?? { title: property.title, labels: [] };
        entry.labels.push(resource.label);
        clearedBy.set(predicate, entry);
      }
    }
  }
  if (clearedBy.size === 0) {
    return [];
  }

  const parts = [...clearedBy.values()].map(({ title, labels }) => {
    const more = labels.length > RESOURCES_NAMED ? ` and ${labels.length - RESOURCES_NAMED} more` : '';
    return `${title} of ${labels.slice(0, RESOURCES_NAMED).join(', ')}${more}`;
  });
  return [
    {
      severity: 'warning',
      message:
        `This import ${dryRun ? 'would remove' : 'removes'} values that earlier imports of this source set and that the source now leaves blank: ${parts.join('; ')}. ` +
        'If the export left them out by mistake, export them again and import it; the changes list the old values.',
    },
  ];
}

import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { linkTargets, type PlannedResource } from './SyncPlan.js';

const { namedNode, quad } = DataFactory;

/** A link the server keeps on a target resource, pointing back at a resource of the import. */
interface InverseChange {
  target: string;
  property: string;
  source: string;
  add: boolean;
}

/**
 * Keeps `dt:inverseProperty` links in step with the import, as ResourceService does for single writes:
 * an assembly gains oslc_plm:composedOfPartUsage for each BOM line created in it and loses it for each
 * line removed. Targets in the plan are changed there; `loadTarget` adds other targets (read from the
 * store) to the plan, and reads the stored state of planned targets that the import state showed
 * unchanged (`unread`). Returns the resources it added.
 */
export async function applyInverseLinks(plan: Map<string, PlannedResource>, loadTarget: (iri: string, planned?: PlannedResource) => Promise<PlannedResource | undefined>): Promise<PlannedResource[]> {
  const changes: InverseChange[] = [];
  for (const resource of plan.values()) {
    if (resource.unread !== undefined) {
      // Unchanged since the last import, so its links are as stored.
      continue;
    }
    for (const property of resource.shape.properties) {
      if (property.inverseProperty === undefined) {
        continue;
      }
      const before = linkTargets(resource.subject, resource.stored?.quads, property.propertyDefinition);
      const after = linkTargets(resource.subject, resource.desired, property.propertyDefinition);
      for (const target of after) {
        if (!before.has(target)) {
          changes.push({ target, property: property.inverseProperty, source: resource.iri, add: true });
        }
      }
      for (const target of before) {
        if (!after.has(target)) {
          changes.push({ target, property: property.inverseProperty, source: resource.iri, add: false });
        }
      }
    }
  }

  const added: PlannedResource[] = [];
  const byTarget = new Map<string, InverseChange[]>();
  for (const change of changes) {
    const list = byTarget.get(change.target) ?? [];
    list.push(change);
    byTarget.set(change.target, list);
  }

  for (const [target, targetChanges] of byTarget) {
    let resource = plan.get(target);
    if (resource === undefined) {
      resource = await loadTarget(target);
      if (resource === undefined) {
        // A link to a resource that does not exist needs no link back; validation reports the link.
        continue;
      }
      plan.set(target, resource);
      added.push(resource);
    } else if (resource.unread !== undefined) {
      resource = (await loadTarget(target, resource))!;
    }
    if (resource.desired === null) {
      continue;
    }
    const subject = resource.subject;
    const removed = new Set(targetChanges.filter((change) => !change.add).map((change) => `${change.property} ${change.source}`));
    const quads: Quad[] = resource.desired.filter((candidate) => !(candidate.subject.equals(subject) && removed.has(`${candidate.predicate.value} ${candidate.object.value}`)));
    const present = new Set(quads.filter((candidate) => candidate.subject.equals(subject)).map((candidate) => `${candidate.predicate.value} ${candidate.object.value}`));
    for (const change of targetChanges) {
      if (change.add && !present.has(`${change.property} ${change.source}`)) {
        quads.push(quad(subject, namedNode(change.property), namedNode(change.source)));
        present.add(`${change.property} ${change.source}`);
      }
    }
    resource.desired = quads;
  }
  return added;
}

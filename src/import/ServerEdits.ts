import type { NamedNode, Quad } from '@rdfjs/types';
import type { ImportIssue } from './ImportModel.js';
import type { ImportState } from './ImportState.js';
import { PROVENANCE, TIME_PROPERTIES } from './Provenance.js';
import type { ImportSource } from './SharedResources.js';
import type { PlannedResource } from './SyncPlan.js';
import { firstNamed } from './FirstNamed.js';

/** Number of resources that each warning names. It counts the rest. */
const RESOURCES_NAMED = 3;

/** Properties that every import sets again, so a difference in them is no change that someone made. */
const BOOKKEEPING = new Set([...TIME_PROPERTIES, PROVENANCE.importOrigin]);

/**
 * Warns when an import overwrites changes that were made on this server (an OSLC PUT, a SPARQL update)
 * to resources of its own source since the last import of that source. The source owns the values it
 * gives, so the import sets them back. Without this warning, the user would not learn that the edit is gone.
 *
 * An update of a resource that was written since the last import warns in one of two ways. When the
 * source gives the same content as then (the import state's digest), every value that the update changes
 * was edited elsewhere, and the warning reports that the import sets them back. When the source changed too,
 * the warning names the values that the import sets, for the user to check. A removal warns when someone
 * else wrote the resource after an import of the source did, because whatever was added to it goes with it.
 */
export function warnAboutServerEdits(plan: ReadonlyMap<string, PlannedResource>, state: ImportState, current: ImportSource): ImportIssue[] {
  const setBack: string[] = [];
  const alsoChanged: string[] = [];
  const removed: string[] = [];
  for (const resource of plan.values()) {
    if (resource.stored === undefined) {
      continue;
    }

    const { version } = resource.stored;
    if (resource.action === 'update' && resource.desired !== null && resource.stateKey !== undefined && resource.digest !== undefined) {
      if (!state.isWrittenElsewhere(resource.stateKey, resource.iri, version)) {
        continue;
      }
      const titles = changedTitles(resource, resource.stored.quads, resource.desired);
      if (titles.length === 0) {
        continue;
      }
      const described = `${resource.label} (${titles.join(', ')})`;
      const sameSource = state.isChangedElsewhere(resource.stateKey, resource.iri, version, resource.digest) && ownerOf(resource.subject, resource.stored.quads) === current.source;
      (sameSource ? setBack : alsoChanged).push(described);
    } else if (resource.action === 'remove' && ownerOf(resource.subject, resource.stored.quads) === current.source && state.isResourceChangedElsewhere(resource.iri, version)) {
      removed.push(resource.label);
    }
  }

  const dryRun = current.dryRun === true;
  const warnings: ImportIssue[] = [];
  if (setBack.length > 0) {
    warnings.push({
      severity: 'warning',
      message:
        `This import ${dryRun ? 'would set' : 'sets'} back values of ${count(setBack)} that were changed on this server or by another source after the last import of this source, which still gives what it gave then: ${named(setBack)}. ` +
        'The source owns these values, so change them in the source system to keep them.',
    });
  }
  // The source changed too, and without the values of its last import the two changes cannot be separated.
  if (alsoChanged.length > 0) {
    warnings.push({
      severity: 'warning',
      message:
        `This import ${dryRun ? 'would change' : 'changes'} ${count(alsoChanged)} that ${alsoChanged.length === 1 ? 'was' : 'were'} also changed after the last import of this source, on this server or by another source: ${named(alsoChanged)}. ` +
        'It sets the values that the source gives now, so check that none of them replaces an edit that should stay, and make such edits in the source system.',
    });
  }
  if (removed.length > 0) {
    warnings.push({
      severity: 'warning',
      message:
        `This removal run ${dryRun ? 'would remove' : 'removes'} ${count(removed)} that ${removed.length === 1 ? 'was' : 'were'} changed on this server or by another source after this source imported ${removed.length === 1 ? 'it' : 'them'}, and what was added to ${removed.length === 1 ? 'it goes with it' : 'them goes with them'}: ${named(removed)}. ` +
        'Copy any links or values to keep before the run, or keep the items in the source.',
    });
  }
  return warnings;
}

/**
 * Returns the shape titles of the properties that the source owns and whose values differ between two
 * states, apart from bookkeeping. Links that the server keeps as inverses (an assembly's BOM lines) are
 * not the source's, so a new BOM line of the source does not count as setting back an edit.
 */
function changedTitles(resource: PlannedResource, stored: readonly Quad[], desired: readonly Quad[]): string[] {
  const owned = resource.content?.owned ?? new Set<string>();
  const before = valuesByProperty(resource.subject, stored);
  const after = valuesByProperty(resource.subject, desired);
  const titles: string[] = [];
  for (const property of resource.shape.properties) {
    const predicate = property.propertyDefinition;
    if (!owned.has(predicate) || BOOKKEEPING.has(predicate)) {
      continue;
    }
    const [first, second] = [before.get(predicate) ?? new Set<string>(), after.get(predicate) ?? new Set<string>()];
    if (first.size !== second.size || [...first].some((value) => !second.has(value))) {
      titles.push(property.title);
    }
  }
  return titles;
}

function valuesByProperty(subject: NamedNode, quads: readonly Quad[]): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  for (const candidate of quads) {
    if (candidate.subject.equals(subject)) {
      const set = values.get(candidate.predicate.value) ?? new Set<string>();
      set.add(`${candidate.object.termType} ${candidate.object.value}`);
      values.set(candidate.predicate.value, set);
    }
  }
  return values;
}

function ownerOf(subject: NamedNode, quads: readonly Quad[]): string | undefined {
  return quads.find((candidate) => candidate.subject.equals(subject) && candidate.predicate.value === PROVENANCE.wasDerivedFrom)?.object.value;
}

function count(labels: readonly string[]): string {
  return labels.length === 1 ? '1 resource' : `${labels.length} resources`;
}

function named(labels: readonly string[]): string {
  return firstNamed(labels, RESOURCES_NAMED);
}

import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { BomView } from './BomViews.js';
import type { TripleStore } from '../store/TripleStore.js';
import { tsvValue } from '../store/TsvResults.js';
import { storedLabels, type ExistingResource, type ExistingState } from './ExistingResources.js';
import { ImportRejectedError } from './ImportErrors.js';
import type { ImportIssue } from './ImportModel.js';
import { sourceNameOf } from './Provenance.js';
import type { ImportedType, PlannedResource } from './SyncPlan.js';
import { firstNamed } from './FirstNamed.js';
import { warnAboutOtherSystems } from './OtherSourceSystems.js';
import { earlierFiles, fileName, fromSameNamedFile, OWN_SOURCE, sameNamedFilesSentence, type ImportedSource } from './SameNamedFiles.js';

/** Targets per VALUES block of the referrer query. */
const VALUES_CHUNK = 500;

/**
 * Plans the removal of what disappeared from a source: resources that an import created (they have a
 * dt:importOrigin) and that this source wrote last (prov:wasDerivedFrom is its IRI), and that the plan
 * does not match. The file path may differ from the one of the import that created them. A resource
 * that another remaining resource still links to (a BOM line of another source using a removed part,
 * an NCR on it) is kept and reported, because deleting it would leave the link dangling.
 */
export async function planRemovals(
  store: TripleStore,
  shapes: ShapeRegistry,
  existing: ExistingState,
  source: ImportedSource,
  plan: Map<string, PlannedResource>,
  warnings: ImportIssue[],
  load: (iri: string, type: ImportedType) => Promise<PlannedResource | undefined>,
  dryRun = false,
): Promise<void> {
  const labelOf = storedLabels(existing);
  const missing = missingFromSource(existing, source.iri, plan, labelOf);
  const candidates = new Map([...missing].map((resource) => [resource.iri, resource.type]));
  if (candidates.size === 0) {
    return;
  }
  const maintained = maintainedLinks(shapes);
  const keptBecause = await linkedFromRemaining(store, missing, plan, maintained);
  const removed = new Set([...candidates.keys()].filter((iri) => !keptBecause.has(iri)));

  // Often another source's BOM uses the part, so the warning does not ask for the links to go.
  for (const [iri, referrers] of keptBecause) {
    const others = referrers.length === 1 ? '' : ` and ${referrers.length - 1} more`;
    const referrer = labelOf(referrers[0]!);
    warnings.push({
      severity: 'warning',
      message: `Kept ${labelOf(iri)!} <${iri}>, which the source no longer has, because ${referrer === undefined ? '' : `${referrer} `}<${referrers[0]!}>${others} still ${referrers.length === 1 ? 'links' : 'link'} to it. A removal run of this source removes it once nothing links to it.`,
    });
  }

  // Two files with the same base name are one source unless named apart, and removing what the other
  // one created is rarely what the user wants. The run proceeds, because moving a file to another folder
  // or uploading it is the same source, and the warning names the other files and the fix.
  const createdElsewhere = missing.filter((resource) => removed.has(resource.iri) && fromSameNamedFile(resource, source));
  if (createdElsewhere.length > 0) {
    const count = createdElsewhere.length;
    const resources = `${count} ${count === 1 ? 'resource' : 'resources'}`;
    const them = count === 1 ? 'it' : 'them';
    warnings.push({
      severity: 'warning',
      message:
        `${dryRun ? `This removal run would remove ${resources}` : `This removal run removes ${resources}`} that the source no longer has. ` +
        `${await sameNamedFilesSentence(store, createdElsewhere, source, them)} ` +
        `Removing ${them} is right only if this file replaces ${earlierFiles(createdElsewhere)}. If the files are different documents, import each under a source name of its own with ${OWN_SOURCE}.`,
    });
  }
  const otherSystems = await warnAboutOtherSystems(store, missing.filter((resource) => removed.has(resource.iri)), source, dryRun);
  if (otherSystems !== undefined) {
    warnings.push(otherSystems);
  }
  await warnAboutUnusedParts(store, existing, removed, plan, maintained, warnings);

  for (const iri of removed) {
    const planned = await load(iri, candidates.get(iri)!);
    if (planned !== undefined) {
      plan.set(iri, planned);
    }
  }
}

/** Returns the properties whose links the server keeps as inverses (an assembly's composedOfPartUsage), which go away with a removal. */
function maintainedLinks(shapes: ShapeRegistry): Set<string> {
  return new Set(shapes.all().flatMap((shape) => shape.properties.map((property) => property.inverseProperty).filter((value): value is string => value !== undefined)));
}

/**
 * Returns the missing resources that a removal run keeps, each with the remaining resources that link
 * to it. A resource that only other removed resources link to goes too. A kept resource can keep others
 * in turn, so the rounds repeat until no resource is added.
 */
async function linkedFromRemaining(
  store: TripleStore,
  missing: readonly MissingResource[],
  plan: ReadonlyMap<string, PlannedResource>,
  maintained: ReadonlySet<string>,
): Promise<Map<string, string[]>> {
  const referrers = await findReferrers(store, missing.map((resource) => resource.iri), maintained);
  const removed = new Set(missing.map((resource) => resource.iri));
  const keptBecause = new Map<string, string[]>();
  for (let changed = true, rounds = 0; changed && rounds <= missing.length; rounds++) {
    changed = false;
    for (const iri of removed) {
      const linkedFrom = [...(referrers.get(iri) ?? [])].filter((referrer) => !removed.has(referrer) && stillLinks(plan, referrer, iri, maintained));
      if (linkedFrom.length > 0) {
        removed.delete(iri);
        keptBecause.set(iri, linkedFrom.sort());
        changed = true;
      }
    }
  }
  return keptBecause;
}

/** Number of parts that the unused-part warning names. It counts the rest. */
const UNUSED_NAMED = 3;

/**
 * Warns about imported parts of other sources that only the removed BOM lines used. Such a part stays,
 * because another source wrote it last, so without the warning this run would not show that it is now
 * unused. That source's next removal run removes it if its file no longer lists it.
 */
async function warnAboutUnusedParts(
  store: TripleStore,
  existing: ExistingState,
  removed: ReadonlySet<string>,
  plan: ReadonlyMap<string, PlannedResource>,
  maintained: ReadonlySet<string>,
  warnings: ImportIssue[],
): Promise<void> {
  const lines = new Map(existing.bomLines.map((line) => [line.iri, line]));
  const parts = new Map(existing.parts.map((part) => [part.iri, part]));

  // Children of the removed lines that this run neither describes nor removes, and that an import created.
  const children = new Set<string>();
  for (const iri of removed) {
    const child = parts.get(lines.get(iri)?.child ?? '');
    if (child !== undefined && child.importOrigin !== undefined && !plan.has(child.iri) && !removed.has(child.iri)) {
      children.add(child.iri);
    }
  }
  if (children.size === 0) {
    return;
  }

  const referrers = await findReferrers(store, [...children], maintained);
  const unused = [...children].filter((iri) => ![...(referrers.get(iri) ?? [])].some((referrer) => !removed.has(referrer) && stillLinks(plan, referrer, iri, maintained)));
  if (unused.length === 0) {
    return;
  }
  const named = unused.slice(0, UNUSED_NAMED).map((iri) => {
    const part = parts.get(iri)!;
    const owner = part.derivedFrom === undefined ? '' : ` (source ${sourceNameOf(part.derivedFrom)})`;
    return `part ${part.partNumber} rev ${part.revision} <${iri}>${owner}`;
  });
  if (unused.length > UNUSED_NAMED) {
    named.push(`${unused.length - UNUSED_NAMED} more`);
  }
  const single = unused.length === 1;
  warnings.push({
    severity: 'warning',
    message: `After this removal nothing links to ${named.join(', ')} any more. ${single ? 'It stays because another source wrote it' : 'They stay because other sources wrote them'} last; a --remove-missing run of that source removes ${single ? 'it' : 'them'} if its file no longer lists ${single ? 'it' : 'them'}.`,
  });
}

/** Returns whether a referrer still links to the target: in its planned state when the import writes it, else (also when unchanged and unread) as stored. */
function stillLinks(plan: ReadonlyMap<string, PlannedResource>, referrer: string, target: string, maintained: ReadonlySet<string>): boolean {
  const planned = plan.get(referrer);
  if (planned === undefined || planned.unread !== undefined) {
    return true;
  }
  if (planned.desired === null) {
    return false;
  }
  return planned.desired.some((candidate) => candidate.object.termType === 'NamedNode' && candidate.object.value === target && !maintained.has(candidate.predicate.value));
}

/** Returns, for each target, the graphs that link to it other than through maintained inverse links. */
async function findReferrers(store: TripleStore, targets: readonly string[], maintained: ReadonlySet<string>): Promise<Map<string, Set<string>>> {
  const referrers = new Map<string, Set<string>>();
  for (let start = 0; start < targets.length; start += VALUES_CHUNK) {
    const chunk = targets.slice(start, start + VALUES_CHUNK);
    const sparql = `SELECT DISTINCT ?g ?p ?target WHERE { VALUES ?target { ${chunk.map((iri) => `<${iri}>`).join(' ')} } GRAPH ?g { ?s ?p ?target } FILTER(?g != ?target) }`;
    const text = await store.queryText(sparql, 'text/tab-separated-values');
    for (const line of text.split('\n').slice(1)) {
      if (line === '') {
        continue;
      }
      const [graph, predicate, target] = line.split('\t').map(tsvValue);
      if (graph === undefined || predicate === undefined || target === undefined || maintained.has(predicate)) {
        continue;
      }
      const set = referrers.get(target) ?? new Set<string>();
      set.add(graph);
      referrers.set(target, set);
    }
  }
  return referrers;
}

/** A stored resource that an import created, that this source wrote last and that this import does not describe. */
export interface MissingResource {
  iri: string;
  type: ImportedType;
  /** Name for messages, in the form of the report's labels, such as `part EHA-910 rev -`. */
  label: string;
  /** The file or URL whose import created it. */
  importOrigin?: string;
}

/**
 * Returns the resources that imports created (they have a dt:importOrigin), that the source wrote last
 * (prov:wasDerivedFrom is its IRI) and that the plan does not match: what `removeMissing` removes.
 */
export function missingFromSource(existing: ExistingState, source: string, plan: ReadonlyMap<string, PlannedResource>, labelOf = storedLabels(existing)): MissingResource[] {
  const missing: MissingResource[] = [];
  const consider = (resources: readonly ExistingResource[], type: ImportedType): void => {
    for (const resource of resources) {
      if (resource.importOrigin !== undefined && resource.derivedFrom === source && !plan.has(resource.iri)) {
        missing.push({ iri: resource.iri, type, label: labelOf(resource.iri)!, importOrigin: resource.importOrigin });
      }
    }
  };
  consider(existing.bomLines, 'bomLines');
  consider(existing.parts, 'parts');
  consider(existing.requirements, 'requirements');
  consider(existing.requirementCollections, 'requirementCollections');
  return missing;
}

/**
 * Rejects a removal run with a source that lists nothing while earlier imports of it wrote resources. A
 * file of another format, or an export filtered down to nothing, would otherwise remove them all.
 */
export function rejectRemovalOfEverything(items: number, missing: readonly MissingResource[], source: { uri: string; iri: string }): void {
  if (items > 0 || missing.length === 0) {
    return;
  }
  throw removalRejection(
    `The source lists no parts, BOM lines or requirements, so the removal run would remove all ${missing.length} resources`,
    missing,
    source,
    'Check that this is the right file, and that the import command matches its format. To retire everything of the source, delete its resources through OSLC or SPARQL.',
  );
}

/**
 * Rejects a removal run with a source that lists no parts but would remove parts, or lists no
 * requirements but would remove requirements. Every BOM export lists parts and every ReqIF document
 * requirements, so such a run has the wrong file or another source's name, as a ReqIF document imported
 * under the name of a CSV BOM. A source that drops only its BOM lines, as a flattened BOM does, may.
 */
export function rejectRemovalOfAKind(batch: { parts: number; requirements: number }, missing: readonly MissingResource[], source: { uri: string; iri: string }): void {
  for (const type of ['parts', 'requirements'] as const) {
    const removed = missing.filter((resource) => resource.type === type);
    if (batch[type] === 0 && removed.length > 0) {
      throw removalRejection(
        `The source lists no ${type}, so the removal run would remove all ${removed.length} ${type}`,
        removed,
        source,
        'Check that this is the right file and that --source (source= on the import endpoint) names its own source, not the source of another file.',
      );
    }
  }
}

/** Returns the rejection of a removal run: what it would remove, naming the first resources, and the fix. */
function removalRejection(lead: string, removed: readonly MissingResource[], source: { uri: string; iri: string }, fix: string): ImportRejectedError {
  const named = removed.slice(0, MISSING_NAMED).map((resource) => resource.label);
  if (removed.length > MISSING_NAMED) {
    named.push(`${removed.length - MISSING_NAMED} more`);
  }
  return new ImportRejectedError([
    {
      severity: 'error',
      message: `${lead} that source ${sourceNameOf(source.iri)} wrote last (${named.join(', ')}). ${fix}`,
      location: { file: fileName(source.uri) },
    },
  ]);
}

/** Number of missing resources that the warning names. It counts the rest. */
const MISSING_NAMED = 3;

/** The option of a removal run, on the command line and on the import endpoint, for advice in warnings. */
export const REMOVAL_RUN = '--remove-missing (removeMissing=true on the import endpoint)';

/**
 * Warns, without --remove-missing, that the source no longer has resources that earlier imports of it
 * created. The advice separates those that a removal run would remove from those that it would keep
 * because other resources link to them, so that it does not offer a run that changes nothing. Resources
 * that another file of the same name created get advice of their own (sameNameAdvice).
 */
export async function warnAboutMissing(
  store: TripleStore,
  shapes: ShapeRegistry,
  missing: readonly MissingResource[],
  plan: ReadonlyMap<string, PlannedResource>,
  warnings: ImportIssue[],
  run: { items: number; source: ImportedSource; dryRun: boolean },
): Promise<void> {
  if (missing.length === 0) {
    return;
  }
  const nouns: Record<ImportedType, [string, string]> = {
    parts: ['part', 'parts'],
    bomLines: ['BOM line', 'BOM lines'],
    requirements: ['requirement', 'requirements'],
    requirementCollections: ['requirement collection', 'requirement collections'],
  };
  const counts = (Object.keys(nouns) as ImportedType[])
    .map((type) => [type, missing.filter((resource) => resource.type === type).length] as const)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${count} ${nouns[type][count === 1 ? 0 : 1]}`);
  const named = missing.slice(0, MISSING_NAMED).map((resource) => `${resource.label} <${resource.iri}>`);
  if (missing.length > MISSING_NAMED) {
    named.push(`${missing.length - MISSING_NAMED} more`);
  }
  const single = missing.length === 1;
  const keptClause = run.dryRun ? `${single ? 'it' : 'they'} would be kept` : `${single ? 'it is' : 'they are'} kept`;

  // An empty source gets the advice to check the file, whatever created the resources.
  const createdElsewhere = run.items === 0 ? [] : missing.filter((resource) => fromSameNamedFile(resource, run.source));
  const advice = createdElsewhere.length === 0 ? await removalAdvice(store, shapes, missing, plan, run.items) : await sameNameAdvice(store, shapes, missing, createdElsewhere, plan, run);
  warnings.push({
    severity: 'warning',
    message: `The source no longer has ${new Intl.ListFormat('en').format(counts)} that its earlier imports wrote last (${named.join(', ')}); ${keptClause}. ${advice}`,
  });
}

/**
 * Returns the advice for missing resources of which some or all were created by another file with the
 * same file name. Such a file is often another document, as two tools' exports called `sample.reqif` are,
 * so the advice names it and gives this file a source of its own before it offers a removal run. The
 * resources that this file created get the plain advice.
 */
async function sameNameAdvice(
  store: TripleStore,
  shapes: ShapeRegistry,
  missing: readonly MissingResource[],
  createdElsewhere: readonly MissingResource[],
  plan: ReadonlyMap<string, PlannedResource>,
  run: { items: number; source: ImportedSource },
): Promise<string> {
  const elsewhere = new Set(createdElsewhere);
  const own = missing.filter((resource) => !elsewhere.has(resource));
  let createdText = missing.length === 1 ? 'it' : 'them';
  if (own.length > 0) {
    createdText = `${createdElsewhere.length} of them (${firstNamed(createdElsewhere.map((resource) => resource.label), MISSING_NAMED)})`;
  }
  const lead = `${await sameNamedFilesSentence(store, createdElsewhere, run.source, createdText)} To keep the documents apart, import this file with ${OWN_SOURCE}, so that each document is its own source.`;
  if (own.length === 0) {
    return `${lead} Only if this file replaces ${earlierFiles(createdElsewhere)}, use ${REMOVAL_RUN}.`;
  }
  // The others may also include resources that this source took over from a file of another name.
  const ownOrigin = own.every((resource) => resource.importOrigin === run.source.origin) ? 'came from this file' : 'came from this file or from files of other names';
  return (
    `${lead} The other ${own.length} ${ownOrigin}. ${await removalAdvice(store, shapes, own, plan, run.items)} ` +
    `A removal run also removes the ${createdElsewhere.length} that ${earlierFiles(createdElsewhere)} created, so use one only if this file replaces ${earlierFiles(createdElsewhere)}.`
  );
}

/** Returns what a removal run would do with the missing resources, as advice for the warning. */
async function removalAdvice(store: TripleStore, shapes: ShapeRegistry, missing: readonly MissingResource[], plan: ReadonlyMap<string, PlannedResource>, items: number): Promise<string> {
  // A removal run with an empty source is rejected (rejectRemovalOfEverything), so it is not offered here.
  if (items === 0) {
    return 'The source lists nothing, so check that this is the right file and that the import command matches its format.';
  }
  const kept = await linkedFromRemaining(store, missing, plan, maintainedLinks(shapes));
  const removable = missing.length - kept.size;
  if (kept.size === 0) {
    return `Import with ${REMOVAL_RUN} to remove ${missing.length === 1 ? 'it' : 'them'}.`;
  }

  const [iri, referrers] = [...kept][0]!;
  const label = missing.find((resource) => resource.iri === iri)!.label;
  const others = referrers.length === 1 ? '' : ` and ${referrers.length - 1} more`;
  const because =
    kept.size === 1 ? `<${referrers[0]!}>${others} ${referrers.length === 1 ? 'links' : 'link'} to it` : `other resources link to them, such as <${referrers[0]!}> to ${label}`;
  if (removable === 0) {
    return kept.size === 1
      ? `A removal run would keep it too, because ${because}; it removes it once nothing links to it.`
      : `A removal run would keep them too, because ${because}; it removes each once nothing links to it.`;
  }
  return `Import with ${REMOVAL_RUN} to remove the ${removable} that nothing links to; that run keeps ${kept.size === 1 ? label : `the other ${kept.size}`}, because ${because}.`;
}

/**
 * Warns, for an incremental pull, about stored BOM lines of the assemblies that the pull read and no
 * longer lists. A pull reads every use of each part it reads, so such a line was deleted in the source.
 * The pull keeps them, because removal needs a full pull, and the warning names that pull. Lines that
 * another source wrote last stay with that source, so a second warning names that source instead.
 * `boms` contains the `assemblyBom` keys of the BOMs that the pull read. A pull that reads an assembly's
 * MBOM does not read its EBOM lines, so only lines of the same view are compared.
 */
export function warnAboutDroppedUses(
  missing: readonly MissingResource[],
  existing: ExistingState,
  boms: ReadonlySet<string>,
  warnings: ImportIssue[],
  context: { source: string; plan: ReadonlyMap<string, PlannedResource> },
): void {
  const bomOf = new Map(existing.bomLines.map((line) => [line.iri, assemblyBom(line.view, line.assembly)]));
  const dropped = missing.filter((resource) => resource.type === 'bomLines' && boms.has(bomOf.get(resource.iri) ?? ''));
  if (dropped.length > 0) {
    warnings.push({
      severity: 'warning',
      message:
        `The pulled assemblies no longer use what ${dropped.length === 1 ? '1 stored BOM line describes' : `${dropped.length} stored BOM lines describe`} (${firstNamed(dropped.map((resource) => resource.label).sort(byLabel), MISSING_NAMED)}); an incremental pull keeps ${dropped.length === 1 ? 'it' : 'them'}. ` +
        `A full pull with --remove-missing removes ${dropped.length === 1 ? 'it' : 'them'}.`,
    });
  }

  const labelOf = storedLabels(existing);
  const others = existing.bomLines.filter((line) => boms.has(assemblyBom(line.view, line.assembly)) && !context.plan.has(line.iri) && line.derivedFrom !== undefined && line.derivedFrom !== context.source);
  if (others.length > 0) {
    const sources = [...new Set(others.map((line) => sourceNameOf(line.derivedFrom!)))];
    warnings.push({
      severity: 'warning',
      message:
        `The pulled assemblies do not use what ${others.length === 1 ? '1 BOM line' : `${others.length} BOM lines`} of ${new Intl.ListFormat('en').format(sources)} ${others.length === 1 ? 'describes' : 'describe'} (${firstNamed(others.map((line) => labelOf(line.iri)!), MISSING_NAMED)}). ` +
        `The pull leaves ${others.length === 1 ? 'it' : 'them'} with ${sources.length === 1 ? 'that source' : 'those sources'}, whose --remove-missing run removes ${others.length === 1 ? 'it' : 'them'} once its file no longer lists ${others.length === 1 ? 'it' : 'them'}.`,
    });
  }
}

/** Orders labels as a reader looks them up, with numbers by value: find 2 before find 10. The store returns lines in no fixed order. */
function byLabel(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Returns the key of one view's BOM of an assembly, given by the assembly's IRI, for `warnAboutDroppedUses`. */
export function assemblyBom(view: BomView, assembly: string): string {
  return `${view} ${assembly}`;
}

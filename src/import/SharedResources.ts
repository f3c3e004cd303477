import type { NamedNode, Quad } from '@rdfjs/types';
import type { ImportIssue } from './ImportModel.js';
import { PROVENANCE, sourceNameOf } from './Provenance.js';
import { propertiesOf, sameContent, type PlannedResource } from './SyncPlan.js';

/** Provenance properties that name the source of the last import. A change to them alone changes no content. */
const SOURCE_PROPERTIES = new Set([PROVENANCE.wasDerivedFrom, PROVENANCE.sourceSystem, PROVENANCE.sourceId]);

/** Number of resources that a takeover warning names. It counts the rest. */
const TAKEOVERS_NAMED = 3;

/** The import whose plan is decided, by its source IRI. */
export interface ImportSource {
  source: string;
  /** True for a dry run, whose warnings describe what the import would do. */
  dryRun?: boolean;
}

/**
 * Applies the rule for resources that several sources describe, such as a standard part in the BOM
 * exports of two assemblies. A resource belongs to the source that wrote it last (prov:wasDerivedFrom),
 * which removes it when the source no longer has it.
 *
 * An import that describes such a resource as its source does leaves it with that source, so two
 * sources that agree do not take it from each other on every import. That holds for a new source name
 * too: it takes over only what it describes differently. An import that describes a resource
 * differently takes it over: its values replace the stored ones, and a warning names the resources. A
 * resource that its source no longer has stays with that source while others describe it alike, and
 * that source's removal run keeps it as long as other resources link to it.
 *
 * Resources that no import wrote, such as parts that users created on this server, follow the same rule.
 * A source that takes over a resource leaves the values it gives none for (a blank CSV cell) as they
 * were, because it only clears values that it wrote itself.
 *
 * Runs after the actions are decided: it turns some updates into `unchanged` or smaller updates, and
 * returns the warnings.
 */
export function keepSharedResources(plan: ReadonlyMap<string, PlannedResource>, current: ImportSource): ImportIssue[] {
  const takeovers: { resource: PlannedResource; owner: string | undefined }[] = [];
  for (const resource of plan.values()) {
    if (resource.action !== 'update' || resource.stored === undefined || resource.desired === null || resource.content === undefined) {
      continue;
    }
    const { subject } = resource;
    const owner = valueOf(subject, resource.stored.quads, PROVENANCE.wasDerivedFrom);
    if (owner === current.source) {
      continue;
    }

    // An import that owns no provenance of the resource (a part it only refers to) changes its links only.
    if (valueOf(subject, resource.desired, PROVENANCE.wasDerivedFrom) === owner) {
      keepSource(resource);
      continue;
    }
    const owned = new Set([...resource.content.owned].filter((property) => !SOURCE_PROPERTIES.has(property)));
    keepUngivenValues(resource, owned);
    if (sameContent(subject, describedBy(subject, resource.stored.quads, owned), describedBy(subject, resource.desired, owned))) {
      keepSource(resource);
    } else {
      takeovers.push({ resource, owner });
    }
  }
  return takeovers.length === 0 ? [] : [takeoverWarning(takeovers, current.dryRun === true)];
}

/** Adds the stored values of each property in `owned` that the planned state has no value for. */
function keepUngivenValues(resource: PlannedResource, owned: ReadonlySet<string>): void {
  const { subject } = resource;
  const describedProperties = propertiesOf(subject, resource.desired!);
  const storedValues = resource.stored!.quads.filter(
    (candidate) =>
      candidate.subject.equals(subject) && owned.has(candidate.predicate.value) && !describedProperties.has(candidate.predicate.value) && !BOOKKEEPING.has(candidate.predicate.value),
  );
  if (storedValues.length > 0) {
    resource.desired = [...resource.desired!, ...storedValues];
  }
}

/** Properties that an import sets on every resource that it writes, so their stored values never stay. */
const BOOKKEEPING = new Set([PROVENANCE.generatedAtTime, PROVENANCE.importOrigin]);

/**
 * Gives a planned update back the stored provenance. The update then writes only what else changed, such
 * as a link to a new BOM line, and none when that is all.
 */
function keepSource(resource: PlannedResource): void {
  const { subject } = resource;
  const stored = resource.stored!.quads;
  const isProvenance = (candidate: Quad): boolean => candidate.subject.equals(subject) && (SOURCE_PROPERTIES.has(candidate.predicate.value) || candidate.predicate.value === PROVENANCE.generatedAtTime);
  const withStoredSource = [...resource.desired!.filter((candidate) => !isProvenance(candidate)), ...stored.filter(isProvenance)];
  if (sameContent(subject, stored, withStoredSource)) {
    resource.desired = [...stored];
    resource.action = 'unchanged';
  } else {
    resource.desired = withStoredSource;
  }
}

function takeoverWarning(takeovers: readonly { resource: PlannedResource; owner: string | undefined }[], dryRun: boolean): ImportIssue {
  const ownerName = (owner: string | undefined): string => (owner === undefined ? 'a user of this server' : sourceNameOf(owner));
  const owners = [...new Set(takeovers.map(({ owner }) => ownerName(owner)))];
  const named = takeovers.slice(0, TAKEOVERS_NAMED).map(({ resource, owner }) => `${resource.label} from ${ownerName(owner)}`);
  if (takeovers.length > TAKEOVERS_NAMED) {
    named.push(`${takeovers.length - TAKEOVERS_NAMED} more`);
  }
  return {
    severity: 'warning',
    message:
      `This import ${dryRun ? 'would take' : 'takes'} over ${takeovers.length === 1 ? '1 resource' : `${takeovers.length} resources`} that ${new Intl.ListFormat('en').format(owners)} wrote last, ` +
      `because it describes ${takeovers.length === 1 ? 'it' : 'them'} differently (${named.join(', ')}). ` +
      'Each import of one of these sources sets the values again; make the sources agree, or import such items from one source only.',
  };
}

/** Returns the triples of the properties in `owned` and of the inline resources, which is what the source describes. */
function describedBy(subject: NamedNode, quads: readonly Quad[], owned: ReadonlySet<string>): Quad[] {
  const inline = `${subject.value}#`;
  return quads.filter((candidate) => (candidate.subject.equals(subject) && owned.has(candidate.predicate.value)) || (candidate.subject.termType === 'NamedNode' && candidate.subject.value.startsWith(inline)));
}

function valueOf(subject: NamedNode, quads: readonly Quad[], predicate: string): string | undefined {
  return quads.find((candidate) => candidate.subject.equals(subject) && candidate.predicate.value === predicate)?.object.value;
}

import { compactIri } from '../rdf/namespaces.js';
import { findCycles } from './BomCycles.js';
import { DEFAULT_BOM_VIEW, inView, type BomView } from './BomViews.js';
import { reportBomCycles } from './BatchBomCycles.js';
import { ImportRejectedError, formatLocation } from './ImportErrors.js';
import type { ImportBatch, ImportIssue, SourceBom, SourceBomLine, SourceLink, SourceLocation, SourcePart, SourceRequirement, SourceRequirementCollection } from './ImportModel.js';
import { PIECES } from './QuantityUnits.js';
import { checkReferenceDesignators } from './ReferenceDesignators.js';
import { warnAboutSharedFindNumbers } from './SharedFindNumbers.js';

export { PIECES } from './QuantityUnits.js';

/** One part revision of the batch: identical duplicates (same part number and revision) merged. */
export interface BatchPart {
  /** Identity: part number and revision. */
  key: string;
  partNumber: string;
  revision: string;
  title: string;
  /**
   * True when the source gives the part no title, so that `title` is its part number. That titles a new
   * part, and a stored part keeps its title.
   */
  untitled?: boolean;
  description?: string;
  attributes: Record<string, string>;
  /** Location where the source first describes the part. Its sourceId becomes the resource's dt:sourceId. */
  source: SourcePart;
}

/** One BOM line of the batch, with its parts resolved. */
export interface BatchBomLine {
  parent: BatchPart;
  child: BatchPart;
  quantity: number;
  unit: string;
  findNumber?: string;
  referenceDesignators: string[];
  view: BomView;
  /** 1-based position among the lines of the same assembly and child (in the same view) without a find number. */
  position?: number;
  location: SourceLocation;
  /** Locations of further source lines merged into this one, for messages that must name them all. */
  mergedLocations: SourceLocation[];
}

export interface BatchRequirement {
  /** Identity: the source's own id, such as the ReqIF SPEC-OBJECT IDENTIFIER. */
  key: string;
  identifier: string;
  title: string;
  description?: string;
  descriptionXhtml?: string;
  attributes: Record<string, string>;
  parent?: BatchRequirement;
  source: SourceRequirement;
}

/** One requirement collection of the batch, with its members resolved. */
export interface BatchRequirementCollection {
  /** Identity: the source's own id, such as the ReqIF SPECIFICATION IDENTIFIER. */
  key: string;
  title: string;
  description?: string;
  /** The requirements it contains, in document order, each once. */
  members: BatchRequirement[];
  source: SourceRequirementCollection;
}

export type BatchItem = { kind: 'part'; part: BatchPart } | { kind: 'requirement'; requirement: BatchRequirement };

export interface BatchLink {
  from: BatchItem;
  to: BatchItem;
  property: string;
  /** The source's own name of the link type (SourceLink.linkType). */
  linkType?: string;
  location: SourceLocation;
}

/**
 * A link whose target is not an item of the batch. The synchronizer looks the target up among the
 * requirements that earlier imports stored (by source id), as when modules of one tool are exported apart.
 */
export interface ExternalLink {
  from: BatchItem;
  /** Source id of the target. */
  to: string;
  property: string;
  linkType?: string;
  location: SourceLocation;
}

/** One view's BOM of an assembly, with the assembly resolved. */
export interface BatchBom {
  parent: BatchPart;
  view: BomView;
}

/** A batch whose references resolve, without cycles or conflicting duplicates. */
export interface CheckedBatch {
  source: ImportBatch['source'];
  parts: BatchPart[];
  bomLines: BatchBomLine[];
  requirements: BatchRequirement[];
  requirementCollections: BatchRequirementCollection[];
  links: BatchLink[];
  externalLinks: ExternalLink[];
  /** Warnings of the adapter and of the checks. */
  warnings: ImportIssue[];
  partial?: boolean;
  /** The BOMs that the batch describes in full (ImportBatch.completeBoms); absent when the adapter gives none. */
  completeBoms?: BatchBom[];
}

/**
 * Checks the structure of an adapter's batch before anything is read from or written to the store:
 * every reference resolves, no assembly contains itself, no requirement decomposes itself, and items
 * with the same identity have the same content (identical duplicates are merged). Throws
 * ImportRejectedError listing every error, each with its location and the fix.
 */
export function checkBatch(batch: ImportBatch, defaultView: BomView = DEFAULT_BOM_VIEW): CheckedBatch {
  const errors: ImportIssue[] = batch.issues.filter((issue) => issue.severity === 'error');
  const warnings: ImportIssue[] = batch.issues.filter((issue) => issue.severity === 'warning');
  const error = (message: string, location?: SourceLocation): void => {
    errors.push({ severity: 'error', message, ...(location === undefined ? {} : { location }) });
  };

  const partsBySourceId = mergeParts(batch.parts, error);
  const requirementsBySourceId = mergeRequirements(batch.requirements, error, warnings);
  const requirementCollections = resolveRequirementCollections(batch.requirementCollections ?? [], requirementsBySourceId, error);
  const bomLines = resolveBomLines(batch.bomLines, partsBySourceId, defaultView, error, warnings);
  const completeBoms = batch.completeBoms?.map((bom) => resolveBom(bom, 'A BOM that the source describes in full', partsBySourceId, defaultView, error));
  const { links, externalLinks } = resolveLinks(batch.links, partsBySourceId, requirementsBySourceId, error, warnings);

  const parts = unique(partsBySourceId.values());
  const requirements = unique(requirementsBySourceId.values());
  for (const view of new Set(bomLines.map((line) => line.view))) {
    reportBomCycles(parts, bomLines.filter((line) => line.view === view), error);
  }
  warnings.push(...checkReferenceDesignators(bomLines));
  warnings.push(...warnAboutSharedFindNumbers(bomLines));
  reportDecompositionCycles(requirements, error);

  if (errors.length > 0) {
    throw new ImportRejectedError([...errors, ...warnings]);
  }
  return {
    source: batch.source,
    parts,
    bomLines,
    requirements,
    requirementCollections,
    links,
    externalLinks,
    warnings,
    ...(batch.partial === true ? { partial: true } : {}),
    ...(completeBoms === undefined ? {} : { completeBoms: completeBoms.filter((bom): bom is BatchBom => bom !== undefined) }),
  };
}

/** Receives each error of the checks, which reject the batch together at the end. */
export type ErrorSink = (message: string, location?: SourceLocation) => void;

function mergeParts(parts: readonly SourcePart[], error: ErrorSink): Map<string, BatchPart> {
  const byKey = new Map<string, BatchPart>();
  const bySourceId = new Map<string, BatchPart>();
  for (const source of parts) {
    const partNumber = source.partNumber.trim();
    const revision = source.revision.trim() === '' ? '-' : source.revision.trim();
    if (partNumber === '') {
      error(`The part "${source.title}" has no part number; give it one in the source.`, source.location);
      continue;
    }
    if (bySourceId.has(source.sourceId)) {
      error(`Two parts have the source id "${source.sourceId}"; source ids must be unique within one source.`, source.location);
      continue;
    }
    const candidate: BatchPart = {
      key: `${partNumber}\u0000${revision}`,
      partNumber,
      revision,
      title: source.title.trim() === '' ? partNumber : source.title.trim(),
      ...(source.title.trim() === '' ? { untitled: true } : {}),
      ...(source.description === undefined || source.description.trim() === '' ? {} : { description: source.description.trim() }),
      attributes: { ...(source.attributes ?? {}) },
      source,
    };
    const existing = byKey.get(candidate.key);
    if (existing === undefined) {
      byKey.set(candidate.key, candidate);
      bySourceId.set(source.sourceId, candidate);
      continue;
    }
    const difference = partDifference(existing, candidate);
    if (difference !== undefined) {
      error(
        `Part ${partNumber} revision ${revision} is described twice with different ${difference.field}: ${JSON.stringify(difference.first)} at ${formatLocation(existing.source.location)} ` +
          `and ${JSON.stringify(difference.second)} here. Give the two parts different part numbers or revisions, or make their ${difference.field} the same.`,
        source.location,
      );
    }
    bySourceId.set(source.sourceId, existing);
  }
  return bySourceId;
}

function partDifference(first: BatchPart, second: BatchPart): { field: string; first: string; second: string } | undefined {
  if (first.title !== second.title) {
    return { field: 'titles', first: first.title, second: second.title };
  }
  if ((first.description ?? '') !== (second.description ?? '')) {
    return { field: 'descriptions', first: first.description ?? '', second: second.description ?? '' };
  }
  for (const name of new Set([...Object.keys(first.attributes), ...Object.keys(second.attributes)])) {
    if ((first.attributes[name] ?? '') !== (second.attributes[name] ?? '')) {
      return { field: `"${name}" attributes`, first: first.attributes[name] ?? '', second: second.attributes[name] ?? '' };
    }
  }
  return undefined;
}

/**
 * Indexes requirements by source id, which is their identity: a ReqIF SPEC-OBJECT IDENTIFIER stays the
 * same across exports, while the identifier attribute that a tool shows may repeat (anonymised exports
 * set every one to the same text) or change. Repeated identifiers are reported once per identifier.
 */
function mergeRequirements(requirements: readonly SourceRequirement[], error: ErrorSink, warnings: ImportIssue[]): Map<string, BatchRequirement> {
  const bySourceId = new Map<string, BatchRequirement>();
  const byIdentifier = new Map<string, BatchRequirement[]>();
  for (const source of requirements) {
    const identifier = source.identifier.trim();
    const key = source.sourceId.trim();
    if (identifier === '' || key === '') {
      error(`The requirement "${source.title}" has no ${key === '' ? 'source id' : 'identifier'}; give it one in the source.`, source.location);
      continue;
    }
    if (bySourceId.has(key)) {
      error(`Two requirements have the source id "${key}" (first at ${formatLocation(bySourceId.get(key)!.source.location)}); source ids must be unique within one source.`, source.location);
      continue;
    }
    const requirement: BatchRequirement = {
      key,
      identifier,
      title: source.title.trim() === '' ? identifier : source.title.trim(),
      ...(source.description === undefined || source.description.trim() === '' ? {} : { description: source.description.trim() }),
      ...(source.descriptionXhtml === undefined || source.descriptionXhtml.trim() === '' ? {} : { descriptionXhtml: source.descriptionXhtml.trim() }),
      attributes: { ...(source.attributes ?? {}) },
      source,
    };
    bySourceId.set(key, requirement);
    byIdentifier.set(identifier, [...(byIdentifier.get(identifier) ?? []), requirement]);
  }
  for (const [identifier, group] of byIdentifier) {
    if (group.length > 1) {
      warnings.push({
        severity: 'warning',
        message: `${group.length} requirements have the identifier "${identifier}" (source ids ${group.slice(0, 3).map((requirement) => requirement.key).join(', ')}${group.length > 3 ? ', ...' : ''}); they are imported apart, by source id, but searches by identifier cannot tell them apart.`,
        location: group[0]!.source.location,
      });
    }
  }

  // Parents resolve once every requirement is known, because a child may come before its parent.
  for (const source of requirements) {
    const requirement = bySourceId.get(source.sourceId);
    if (requirement === undefined || source.parent === undefined) {
      continue;
    }
    const parent = bySourceId.get(source.parent);
    if (parent === undefined) {
      error(`Requirement ${requirement.identifier} names the parent "${source.parent}", which is not a requirement of this source; add the parent or remove the reference.`, source.location);
    } else if (requirement.parent !== undefined && requirement.parent !== parent) {
      error(`Requirement ${requirement.identifier} has two parents, ${requirement.parent.identifier} and ${parent.identifier}; a requirement decomposes one parent only.`, source.location);
    } else {
      requirement.parent = parent;
    }
  }
  return bySourceId;
}

/**
 * Resolves the members of each requirement collection. A collection needs a source id, unique among the
 * source's collections, and its members must be requirements of the batch.
 */
function resolveRequirementCollections(collections: readonly SourceRequirementCollection[], requirements: Map<string, BatchRequirement>, error: ErrorSink): BatchRequirementCollection[] {
  const bySourceId = new Map<string, BatchRequirementCollection>();
  for (const source of collections) {
    const key = source.sourceId.trim();
    if (key === '') {
      error(`The requirement collection "${source.title}" has no source id; give it one in the source.`, source.location);
      continue;
    }
    const first = bySourceId.get(key);
    if (first !== undefined) {
      error(`Two requirement collections have the source id "${key}" (first at ${formatLocation(first.source.location)}); source ids must be unique within one source.`, source.location);
      continue;
    }

    const members = new Set<BatchRequirement>();
    for (const member of source.members) {
      const requirement = requirements.get(member);
      if (requirement === undefined) {
        error(`Requirement collection "${source.title}" contains "${member}", which is not a requirement of this source; add the requirement or remove it from the collection.`, source.location);
      } else {
        members.add(requirement);
      }
    }
    const title = source.title.trim();
    bySourceId.set(key, {
      key,
      title: title === '' ? key : title,
      ...(source.description === undefined || source.description.trim() === '' ? {} : { description: source.description.trim() }),
      members: [...members],
      source,
    });
  }
  return [...bySourceId.values()];
}

/**
 * Resolves the assembly and the view of a BOM line or of a whole BOM. An assembly that is not a part of
 * the batch is an error, which names the `referrer`, the item that refers to it.
 */
function resolveBom(bom: SourceBom, referrer: string, parts: Map<string, BatchPart>, defaultView: BomView, error: ErrorSink): BatchBom | undefined {
  const parent = parts.get(bom.parent);
  if (parent === undefined) {
    error(`${referrer} names the assembly "${bom.parent}", which is not a part of this source; add that part or correct the reference.`, bom.location);
    return undefined;
  }
  return { parent, view: bom.view ?? defaultView };
}

function resolveBomLines(lines: readonly SourceBomLine[], parts: Map<string, BatchPart>, defaultView: BomView, error: ErrorSink, warnings: ImportIssue[]): BatchBomLine[] {
  const resolved: BatchBomLine[] = [];
  const byFindNumber = new Map<string, BatchBomLine>();
  const positions = new Map<string, number>();

  for (const line of lines) {
    const bom = resolveBom(line, 'A BOM line', parts, defaultView, error);
    const child = parts.get(line.child);
    if (child === undefined) {
      error(`A BOM line names the child part "${line.child}", which is not a part of this source; add that part or correct the reference.`, line.location);
    }
    if (!Number.isFinite(line.quantity) || line.quantity <= 0) {
      error(`The BOM line has quantity ${String(line.quantity)}; a quantity must be a number greater than 0.`, line.location);
    }
    if (bom === undefined || child === undefined) {
      continue;
    }
    const { parent, view } = bom;

    const findNumber = line.findNumber?.trim();
    const candidate: BatchBomLine = {
      parent,
      child,
      quantity: line.quantity,
      unit: line.unit ?? PIECES,
      referenceDesignators: (line.referenceDesignators ?? []).map((designator) => designator.trim()).filter((designator) => designator !== ''),
      view,
      location: line.location,
      mergedLocations: [...(line.mergedLocations ?? [])],
    };
    if (findNumber !== undefined && findNumber !== '') {
      candidate.findNumber = findNumber;
      const key = `${candidate.view}\u0001${parent.key}\u0001${child.key}\u0001${findNumber}`;
      const earlier = byFindNumber.get(key);
      if (earlier !== undefined) {
        if (earlier.quantity !== candidate.quantity || earlier.unit !== candidate.unit || earlier.referenceDesignators.join(' ') !== candidate.referenceDesignators.join(' ')) {
          error(
            `${parent.partNumber} uses ${child.partNumber} twice at find number ${findNumber}${inView(candidate.view)}, with different quantities or reference designators (first at ${formatLocation(earlier.location)}); give each line its own find number or merge them.`,
            line.location,
          );
        } else {
          warnings.push({ severity: 'warning', message: `Repeats the BOM line of ${child.partNumber} at find number ${findNumber} in ${parent.partNumber}${inView(candidate.view)}; imported once.`, location: line.location });
          earlier.mergedLocations.push(line.location, ...(line.mergedLocations ?? []));
        }
        continue;
      }
      byFindNumber.set(key, candidate);
    } else {
      const key = `${candidate.view}\u0001${parent.key}\u0001${child.key}`;
      const position = (positions.get(key) ?? 0) + 1;
      positions.set(key, position);
      candidate.position = position;
    }
    resolved.push(candidate);
  }
  return resolved;
}

/**
 * Resolves the ends of each link among the batch's items. A link from an item outside the batch is left
 * out with a warning, because an import writes only what its source describes. A link to an item outside
 * the batch becomes an external link for the synchronizer to resolve.
 */
function resolveLinks(
  links: readonly SourceLink[],
  parts: Map<string, BatchPart>,
  requirements: Map<string, BatchRequirement>,
  error: ErrorSink,
  warnings: ImportIssue[],
): { links: BatchLink[]; externalLinks: ExternalLink[] } {
  const item = (sourceId: string): BatchItem | undefined => {
    const requirement = requirements.get(sourceId);
    if (requirement !== undefined) {
      return { kind: 'requirement', requirement };
    }
    const part = parts.get(sourceId);
    return part === undefined ? undefined : { kind: 'part', part };
  };

  const resolved: BatchLink[] = [];
  const externalLinks: ExternalLink[] = [];
  for (const link of links) {
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(link.property)) {
      error(`The link property "${link.property}" is not an absolute IRI; map the relation to an IRI such as http://open-services.net/ns/rm#satisfiedBy.`, link.location);
      continue;
    }
    const from = item(link.from);
    if (from === undefined) {
      // A link is stored on the item it starts at, and an import writes only on the items of its source.
      warnings.push({
        severity: 'warning',
        message:
          `A link (${compactIri(link.property)}) is left out, because "${link.from}", the end that would hold it, is neither a part nor a requirement of this source, and an import writes links only on its own items. ` +
          `To keep it, import the document that has "${link.from}" together with this one, as one source (for ReqIF, both documents in one .reqifz archive).`,
        location: link.location,
      });
      continue;
    }
    const to = item(link.to);
    const linkType = link.linkType === undefined ? {} : { linkType: link.linkType };
    if (to === undefined) {
      externalLinks.push({ from, to: link.to, property: link.property, ...linkType, location: link.location });
    } else {
      resolved.push({ from, to, property: link.property, ...linkType, location: link.location });
    }
  }
  return { links: resolved, externalLinks };
}

function reportDecompositionCycles(requirements: readonly BatchRequirement[], error: ErrorSink): void {
  for (const cycle of findCycles(requirements, (requirement) => (requirement.parent === undefined ? [] : [requirement.parent]))) {
    error(`Requirement decomposition cycle: ${cycle.map((requirement) => requirement.identifier).join(' decomposes ')}; correct the parent of one of them.`, cycle[0]!.source.location);
  }
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

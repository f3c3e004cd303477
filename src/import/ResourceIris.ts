import type { OslcUrls } from '../oslc/OslcUrls.js';
import { IdentifierMinter } from '../resources/IdentifierMinter.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { GraphWrite, TripleStore } from '../store/TripleStore.js';
import type { BatchPart, BatchRequirement, BatchRequirementCollection, CheckedBatch } from './BatchChecks.js';
import type { ExistingResource, ExistingState } from './ExistingResources.js';
import { chooseExisting, groupByKey, partKey } from './IdentityMatching.js';
import type { ImportIssue, SourceLocation } from './ImportModel.js';
import { keepBothAdvice } from './PartWarnings.js';
import { warnAboutReplacedRequirements } from './ReplacedRequirements.js';
import { IMPORTED_SEGMENTS, importedTypeShape, type ImportedType } from './SyncPlan.js';

/** The part of one import attempt's state that IRI assignment reads and extends. */
export interface IriContext {
  options: { provider: string; dryRun?: boolean };
  providerIri: string;
  /** IRI of the import source, which decides between stored resources of the same identity. */
  source: string;
  warnings: ImportIssue[];
  /** Identifiers allocated for new resources, by IRI. */
  newIdentifiers: Map<string, string>;
  /** The identifier sequences' writes, committed with the resources. */
  sequenceWrites: GraphWrite[];
}

/** IRIs of a batch's parts and requirements, which BOM lines and links refer to. */
export type ItemIris = Map<BatchPart | BatchRequirement, string>;

/**
 * Gives each item of a batch the IRI of the resource it becomes: the stored resource with the same identity
 * (IdentityMatching), or a new resource whose identifier IdentifierMinter allocates, as the creation
 * factories do. Matching a stored resource is what makes a re-import update in place.
 */
export class ResourceIris {
  private readonly minter: IdentifierMinter;

  public constructor(
    store: TripleStore,
    private readonly shapes: ShapeRegistry,
    private readonly urls: OslcUrls,
  ) {
    this.minter = new IdentifierMinter(store);
  }

  /** Matches the batch's parts to stored ones by part number and revision, else by source id, and allocates identifiers for the others. */
  public async assignParts(checked: CheckedBatch, existing: ExistingState, itemIris: ItemIris, context: IriContext): Promise<void> {
    const byKey = groupByKey(existing.parts, (part) => partKey(part.partNumber, part.revision));
    const unmatched: BatchPart[] = [];
    const matched = new Set<string>();
    for (const part of checked.parts) {
      const match = this.chooseStored(byKey.get(part.key), context, `parts of the provider have part number ${part.partNumber} revision ${part.revision}`, part.source.location);
      if (match === undefined) {
        unmatched.push(part);
      } else {
        itemIris.set(part, match.iri);
        matched.add(match.iri);
      }
    }

    // A part whose part number or revision was changed in the store (by an OSLC PUT or a SPARQL update)
    // no longer matches by them. The import updates the part that this source wrote for the same item
    // (its dt:sourceId), which restores them. Creating another part would duplicate its BOM lines.
    const bySourceId = groupByKey(
      existing.parts.filter((part) => part.derivedFrom === context.source && part.sourceId !== undefined && !matched.has(part.iri)),
      (part) => part.sourceId!,
    );
    const created: BatchPart[] = [];
    for (const part of unmatched) {
      const candidates = bySourceId.get(part.source.sourceId);
      if (candidates?.length !== 1) {
        created.push(part);
        continue;
      }
      const stored = candidates[0]!;
      bySourceId.delete(part.source.sourceId);
      itemIris.set(part, stored.iri);
      context.warnings.push({
        severity: 'warning',
        message: `${stored.iri} was imported from this source as part ${part.partNumber} revision ${part.revision}, but has part number ${stored.partNumber} revision ${stored.revision} in the store; the import restores ${part.partNumber} revision ${part.revision}. ${keepBothAdvice(part, stored)}`,
        location: part.source.location,
      });
    }
    await this.assignNew('parts', created, itemIris, context);
  }

  /** Matches the batch's requirements to stored ones by source id and allocates identifiers for the others. */
  public async assignRequirements(checked: CheckedBatch, existing: ExistingState, itemIris: ItemIris, context: IriContext): Promise<void> {
    const bySourceId = groupByKey(existing.requirements, (requirement) => requirement.sourceId);
    const created: BatchRequirement[] = [];
    for (const requirement of checked.requirements) {
      const match = this.chooseStored(bySourceId.get(requirement.key), context, `requirements of the provider have the source id ${requirement.key}`, requirement.source.location);
      if (match === undefined) {
        created.push(requirement);
      } else {
        itemIris.set(requirement, match.iri);
      }
    }
    context.warnings.push(...warnAboutReplacedRequirements(created, checked.requirements, existing.requirements, context.source, context.options.dryRun === true));
    await this.assignNew('requirements', created, itemIris, context);
  }

  /** Matches the batch's requirement collections to stored ones by source id and allocates identifiers for the others. */
  public async assignCollections(checked: CheckedBatch, existing: ExistingState, context: IriContext): Promise<Map<BatchRequirementCollection, string>> {
    const bySourceId = groupByKey(existing.requirementCollections, (collection) => collection.sourceId);
    const iris = new Map<BatchRequirementCollection, string>();
    const created: BatchRequirementCollection[] = [];
    for (const collection of checked.requirementCollections) {
      const match = this.chooseStored(bySourceId.get(collection.key), context, `requirement collections of the provider have the source id ${collection.key}`, collection.source.location);
      if (match === undefined) {
        created.push(collection);
      } else {
        iris.set(collection, match.iri);
      }
    }
    await this.assignNew('requirementCollections', created, iris, context);
    return iris;
  }

  /** Allocates one block of identifiers for new resources of a type and records their IRIs. */
  public async assignNew<T>(type: ImportedType, created: readonly T[], iris: Map<T, string>, context: IriContext): Promise<void> {
    if (created.length === 0) {
      return;
    }
    const block = await this.minter.nextBlock(context.options.provider, context.providerIri, importedTypeShape(this.shapes, type), created.length);
    context.sequenceWrites.push(block.sequenceWrite);
    created.forEach((item, index) => {
      const identifier = block.identifiers[index]!;
      const iri = this.urls.resource({ provider: context.options.provider, segment: IMPORTED_SEGMENTS[type], identifier });
      iris.set(item, iri);
      context.newIdentifiers.set(iri, identifier);
    });
  }

  /** Chooses among stored resources of one identity (chooseExisting) and warns when there are several. */
  private chooseStored<T extends ExistingResource>(candidates: readonly T[] | undefined, context: IriContext, several: string, location: SourceLocation): T | undefined {
    const { match, ambiguous } = chooseExisting(candidates, context.source);
    if (ambiguous) {
      context.warnings.push({ severity: 'warning', message: `Several ${several}; updating ${match!.iri}.`, location });
    }
    return match;
  }
}

import { randomUUID } from 'node:crypto';
import { DataFactory } from 'n3';
import { vocabularyTerm } from '../rdf/VocabularyTerms.js';
import type { Quad, Quad_Object } from '@rdfjs/types';
import { errorMessage, getLogger } from '../logging/Logger.js';
import { DT, OSLC, OSLC_RM, RDF_TYPE, XSD } from '../rdf/namespaces.js';
import type { OslcUrls } from '../oslc/OslcUrls.js';
import { normalizeLiterals } from '../resources/LiteralNormalizer.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { ShapeValidator } from '../shapes/ShapeValidator.js';
import { PreconditionFailedError } from '../store/StoreError.js';
import type { GraphWrite, TripleStore } from '../store/TripleStore.js';
import { checkBatch, type BatchBomLine, type BatchPart, type BatchRequirementCollection, type CheckedBatch } from './BatchChecks.js';
import { describeChange, storedLabel } from './ChangeSummary.js';
import type { TermNames } from './ChangeValues.js';
import { contentDigest } from './ContentDigest.js';
import { partNames, readExistingState, readStoredGraphs, type ExistingState } from './ExistingResources.js';
import { bomViewIri, type BomView } from './BomViews.js';
import { bomLineKey, bomLineSourceId, chooseExisting, indexBomLines } from './IdentityMatching.js';
import { ImportError, ImportRejectedError } from './ImportErrors.js';
import type { ImportBatch, ImportIssue, SourceLocation } from './ImportModel.js';
import { ImportState, stateChanges } from './ImportState.js';
import { applyInverseLinks } from './InverseLinks.js';
import { importSourceIri, PROVENANCE, sourceIri, type ProvenanceRecord } from './Provenance.js';
import { assemblyBom, missingFromSource, planRemovals, type MissingResource, rejectRemovalOfAKind, rejectRemovalOfEverything, warnAboutDroppedUses, warnAboutMissing } from './Removals.js';
import {
  attributeProperties,
  bomLineContent,
  bomLineTitle,
  mergeContent,
  newResourceQuads,
  partContent,
  referencedPartContent,
  referencedPartDefaults,
  requirementCollectionContent,
  requirementContent,
  untitledPartDefaults,
  type ResourceContent,
} from './ResourceGraphs.js';
import { shortName } from './ShortNames.js';
import { namesProperty, unmatchedAttributes } from './AttributeMatching.js';
import { UnconvertedSourceNames } from './UnconvertedSourceNames.js';
import { nameKey } from '../shapes/PropertyNames.js';
import { readStoredSources, type StoredSources } from './SourceSpellings.js';
import { readStoredUses, type StoredPartNumber } from './StoredPartUses.js';
import { warnAboutClearedValues } from './ClearedValues.js';
import { keepSharedResources } from './SharedResources.js';
import { warnAboutServerEdits } from './ServerEdits.js';
import { warnAboutMixedBomSources } from './MixedBomSources.js';
import { warnAboutKeptFindNumbers, warnAboutStoredFindNumbers } from './SharedFindNumbers.js';
import { checkSourceView } from './SourceViews.js';
import { warnAboutViewDrift } from './ViewDrift.js';
import { cyclesWithStoredBom } from './StoredBomCycles.js';
import { linesToRetitle, partNamingChanges, retitledState } from './DerivedLineTitles.js';
import { IMPORTED_SEGMENTS, importedTypeShape, sameContent, stampTimes, type ImportedType, type PlannedResource } from './SyncPlan.js';
import { ResourceIris, type ItemIris } from './ResourceIris.js';
import { PlanValidation } from './PlanValidation.js';
import { UndescribedAssemblies } from './UndescribedAssemblies.js';
import { addLinks, outgoingLinks } from './OutgoingLinks.js';
import { ignoredAttributeFix, partNumberSpellings, warnAboutLetterCase } from './PartWarnings.js';
import { warnAboutLongTitles } from './LongTitles.js';
import { DETAILED_CHANGES, emptyCounts, YIELD_EVERY, type SyncProgress, type SyncReport } from './SyncReport.js';

const { namedNode, literal, quad } = DataFactory;

/** Attempts at an import whose commit lost a race with another writer (a failed precondition). */
const MAX_ATTEMPTS = 3;

export interface SyncOptions {
  /** Id of the service provider to import into. */
  provider: string;
  /** Plan and validate everything, but write nothing. */
  dryRun?: boolean;
  /** Remove resources that earlier imports of the same source created and that the source no longer has. */
  removeMissing?: boolean;
  /** The BOM (EBOM or MBOM) of the BOM lines whose source does not name one; EBOM when absent. */
  bomView?: BomView;
  onProgress?: (progress: SyncProgress) => void;
  /** Id for log lines, such as an import job id; a random one by default. */
  importId?: string;
}

/**
 * Turns an adapter's ImportBatch into parts, BOM lines and requirements of one service provider.
 *
 * 1. Checks the batch: references resolve, no BOM cycles, no conflicting duplicates.
 * 2. Reads the identity of every part, BOM line and requirement of the provider in bulk and matches the
 *    batch against it, so a re-import updates resources in place (same IRIs).
 * 3. Builds every resource's new state: the imported properties replace the stored ones, and the rest
 *    (lifecycle state, effectivity, export control, links made in OSLC tools) is kept. Identifiers of
 *    new resources come from IdentifierMinter, as in the creation factories.
 * 4. Compares each new state with the stored one and writes only what changed, so importing the same
 *    input twice writes nothing.
 * 5. Validates every created or changed resource against its shape, then commits every write in one
 *    store commit with each graph's version as precondition. Any problem rejects the whole import.
 */
export class Synchronizer {
  private readonly logger = getLogger('Synchronizer');
  private readonly iris: ResourceIris;
  private readonly validation: PlanValidation;

  public constructor(
    private readonly store: TripleStore,
    private readonly shapes: ShapeRegistry,
    validator: ShapeValidator,
    private readonly urls: OslcUrls,
    private readonly vocabulary: TermNames,
  ) {
    this.iris = new ResourceIris(store, shapes, urls);
    this.validation = new PlanValidation(store, shapes, validator, urls);
  }

  public async synchronize(batch: ImportBatch, options: SyncOptions): Promise<SyncReport> {
    const started = performance.now();
    const importId = options.importId ?? randomUUID().slice(0, 8);
    this.logger.info('Import started', {
      importId,
      provider: options.provider,
      source: batch.source.uri,
      system: batch.source.system,
      parts: batch.parts.length,
      bomLines: batch.bomLines.length,
      requirements: batch.requirements.length,
      dryRun: options.dryRun === true,
    });
    try {
      options.onProgress?.({ phase: 'check', done: 0 });
      const checked = checkBatch(batch, options.bomView);
      for (let attempt = 1; ; attempt++) {
        try {
          const report = await this.attempt(checked, options, started);
          this.logger.info('Import finished', { importId, provider: options.provider, dryRun: report.dryRun, counts: report.counts, sequence: report.sequence, ms: Math.round(report.durationMs) });
          return report;
        } catch (error) {
          if (error instanceof PreconditionFailedError && attempt < MAX_ATTEMPTS) {
            this.logger.warn('Retrying an import after a concurrent change', { importId, graph: error.graph, attempt });
            continue;
          }
          throw error;
        }
      }
    } catch (error) {
      // The caller reports the error; this line ties it to the import in the log.
      this.logger.info('Import failed', { importId, provider: options.provider, source: batch.source.uri, error: errorMessage(error) });
      throw error;
    }
  }

  private async attempt(checked: CheckedBatch, options: SyncOptions, started: number): Promise<SyncReport> {
    const progress = options.onProgress ?? ((): void => undefined);
    const providerIri = await this.requireProvider(options.provider);
    const now = literal(new Date().toISOString(), vocabularyTerm(XSD('dateTime')));
    const source = importSourceIri(checked.source);
    const origin = sourceIri(checked.source.uri);
    const conflicts = this.attributeConflicts(checked);
    const warnings: ImportIssue[] = [...checked.warnings, ...conflicts.filter((issue) => issue.severity === 'warning')];
    const errors: ImportIssue[] = conflicts.filter((issue) => issue.severity === 'error');

    progress({ phase: 'read', done: 0 });
    const state = await ImportState.read(this.store, options.provider, source);
    const items = checked.parts.length + checked.bomLines.length + checked.requirements.length + checked.requirementCollections.length;
    const base = { options, providerIri, now, source, origin, system: checked.source.system, state, items };
    const unchanged = errors.length > 0 ? undefined : await this.unchangedReport(checked, { ...base, existing: NO_EXISTING, warnings: [...warnings], errors: [], plan: new Map(), newIdentifiers: new Map(), sequenceWrites: [], unchangedOnly: true }, started);
    if (unchanged !== undefined) {
      return unchanged;
    }

    const existing = await readExistingState(this.store, providerIri);
    const context: PlanContext = { ...base, existing, warnings, errors, plan: new Map(), newIdentifiers: new Map(), sequenceWrites: [] };

    progress({ phase: 'plan', done: 0, total: items });
    const itemIris: ItemIris = new Map();
    await this.iris.assignParts(checked, existing, itemIris, context);
    await this.iris.assignRequirements(checked, existing, itemIris, context);
    const collectionIris = await this.iris.assignCollections(checked, existing, context);
    await this.planParts(checked, itemIris, context);
    const lineIris = await this.planBomLines(checked, existing, itemIris, context);
    await this.planRequirements(checked, itemIris, context);
    await this.planRequirementCollections(checked, itemIris, collectionIris, context);
    progress({ phase: 'plan', done: items, total: items });
    await this.mergeStored(context);
    if (checked.partial !== true) {
      warnings.push(...checkSourceView(existing.bomLines, checked.bomLines, { source, uri: checked.source.uri, removeMissing: options.removeMissing === true, dryRun: options.dryRun === true }));
    }
    const missing = missingFromSource(existing, source, context.plan);
    if (options.removeMissing === true) {
      rejectRemovalOfEverything(items, missing, { uri: checked.source.uri, iri: source });
      rejectRemovalOfAKind({ parts: checked.parts.length, requirements: checked.requirements.length }, missing, { uri: checked.source.uri, iri: source });
      await planRemovals(this.store, this.shapes, existing, { iri: source, origin, system: checked.source.system, named: checked.source.namedSource === true }, context.plan, warnings, (iri, type) => this.loadPlanned(iri, type, false), options.dryRun === true);
    } else if (checked.partial !== true) {
      await warnAboutMissing(this.store, this.shapes, missing, context.plan, warnings, { items, source: { iri: source, origin, system: checked.source.system, named: checked.source.namedSource === true }, dryRun: options.dryRun === true });
    } else {
      // An assembly that the pull read without lines has an empty BOM in the source, so its stored lines were dropped too.
      const boms = new Set([...checked.bomLines, ...(checked.completeBoms ?? [])].map((bom) => assemblyBom(bom.view, itemIris.get(bom.parent)!)));
      warnAboutDroppedUses(missing, existing, boms, warnings, { source, plan: context.plan });
    }
    if (options.removeMissing !== true) {
      warnings.push(...this.keptFindNumbers(checked, itemIris, missing, context));
    }
    // After removal planning, so that a line the run removes, or a missing one, is not planned as an update.
    await this.planLineTitles(context);
    await applyInverseLinks(context.plan, (iri, planned) => (planned === undefined ? this.loadInverseTarget(iri) : this.readUnread(planned)));
    this.decideActions(context);
    warnings.push(...keepSharedResources(context.plan, { source, dryRun: options.dryRun === true }));
    warnings.push(...warnAboutClearedValues(context.plan, source, options.dryRun === true));
    warnings.push(...warnAboutServerEdits(context.plan, state, { source, dryRun: options.dryRun === true }));
    errors.push(...this.storedBomCycles(checked, itemIris, lineIris, context));
    if (errors.length > 0) {
      throw new ImportRejectedError([...errors, ...warnings]);
    }

    progress({ phase: 'validate', done: 0 });
    await this.validation.validate(context.plan, errors, progress);
    if (errors.length > 0) {
      throw new ImportRejectedError([...errors, ...warnings]);
    }

    // Progress counts resources: every one the source describes or the import touches.
    const report = this.report(checked, context, started);
    const resources = context.plan.size;
    if (options.dryRun === true) {
      progress({ phase: 'done', done: resources, total: resources });
      return report;
    }

    const writes = this.writes(context);
    if (writes.length > 0) {
      // The writes also contain the identifier sequences and the import state, which are not resources.
      const written = [...context.plan.values()].filter((resource) => resource.action !== 'unchanged').length;
      progress({ phase: 'commit', done: 0, total: written });
      const result = await this.store.commit(writes);
      report.sequence = result.sequence;
      progress({ phase: 'commit', done: written, total: written });
    }
    report.durationMs = performance.now() - started;
    progress({ phase: 'done', done: resources, total: resources });
    return report;
  }

  /**
   * Returns the report of an import that changes nothing, without reading the provider's resources.
   * That needs the import state to show every item of the source as the last import of it left it:
   * the same items, each resource at the version that import gave it, and the same imported content.
   * Returns undefined when anything differs, so the full comparison runs, and for a removal run or
   * links to requirements outside the batch, which need the stored resources.
   */
  private async unchangedReport(checked: CheckedBatch, context: PlanContext, started: number): Promise<SyncReport | undefined> {
    const { state, options, items } = context;
    if (options.removeMissing === true || checked.externalLinks.length > 0 || items === 0 || state.size !== items) {
      return undefined;
    }

    // Every item must map to the resource it became. addPlanned checks the versions and the content.
    const itemIris: ItemIris = new Map();
    for (const [type, item] of [...checked.parts.map((part) => ['parts', part] as const), ...checked.requirements.map((requirement) => ['requirements', requirement] as const)]) {
      const iri = state.resourceOf(`${type} ${item.key}`);
      if (iri === undefined) {
        return undefined;
      }
      itemIris.set(item, iri);
    }
    const lineIris = new Map<BatchBomLine, string>();
    for (const line of checked.bomLines) {
      const iri = state.resourceOf(`bomLines ${bomLineKey(line.view, itemIris.get(line.parent)!, itemIris.get(line.child)!, line.findNumber, line.position)}`);
      if (iri === undefined) {
        return undefined;
      }
      lineIris.set(line, iri);
    }
    const collectionIris = new Map<BatchRequirementCollection, string>();
    for (const collection of checked.requirementCollections) {
      const iri = state.resourceOf(`requirementCollections ${collection.key}`);
      if (iri === undefined) {
        return undefined;
      }
      collectionIris.set(collection, iri);
    }

    // The same planning as a full import, which stops at the first resource that is not unchanged.
    options.onProgress?.({ phase: 'plan', done: 0, total: items });
    try {
      await this.planParts(checked, itemIris, context);
      await this.planBomLines(checked, context.existing, itemIris, context, lineIris);
      await this.planRequirements(checked, itemIris, context);
      await this.planRequirementCollections(checked, itemIris, collectionIris, context);
    } catch (error) {
      if (error instanceof ChangedItemFound) {
        return undefined;
      }
      throw error;
    }
    options.onProgress?.({ phase: 'plan', done: items, total: items });
    if (context.errors.length > 0) {
      return undefined;
    }
    this.decideActions(context);
    const report = this.report(checked, context, started);
    options.onProgress?.({ phase: 'done', done: context.plan.size, total: context.plan.size });
    return report;
  }

  /** Reads the source IRIs that resources of `provider` name in prov:wasDerivedFrom, with their number of resources; none for an unknown provider. */
  public storedSources(provider: string): Promise<StoredSources> {
    return readStoredSources(this.store, this.urls.provider(provider));
  }

  /** Reads the revisions of `partNumbers` that `provider` stores and the stored assemblies of `system` that use them; none for an unknown provider. */
  public storedUses(provider: string, partNumbers: readonly string[], system: string): Promise<Map<string, StoredPartNumber>> {
    return readStoredUses(this.store, this.urls.provider(provider), partNumbers, system);
  }

  private async requireProvider(provider: string): Promise<string> {
    const providerIri = this.urls.provider(provider);
    const quads = await this.store.readQuads(providerIri);
    if (quads?.some((candidate) => candidate.predicate.value === RDF_TYPE && candidate.object.value === OSLC('ServiceProvider')) !== true) {
      const known = (await this.store.graphs()).map((graph) => this.urls.parseProvider(graph)).filter((id): id is string => id !== undefined);
      throw new ImportError(`No service provider "${provider}" exists; import into one of: ${known.sort().join(', ') || '(none; load or create a provider first)'}.`);
    }
    return providerIri;
  }

  /** Builds the new state of every part of the batch. */
  private async planParts(checked: CheckedBatch, itemIris: ItemIris, context: PlanContext): Promise<void> {
    const shape = importedTypeShape(this.shapes, 'parts');
    const attributeNames = new Set(checked.parts.flatMap((part) => Object.keys(part.attributes)));
    const properties = attributeProperties(shape, attributeNames);
    const ignored = unmatchedAttributes(attributeNames, properties);
    if (ignored.length > 0) {
      context.warnings.push({
        severity: 'warning',
        message: `Ignored source attributes that match no ${shape.title} property: ${ignored.join(', ')}. ${ignoredAttributeFix(shape.title, checked.source.mapsAttributes === true)}`,
      });
    }
    const links = outgoingLinks(checked, 'part', importedTypeShape(this.shapes, 'parts'), itemIris, { requirements: context.existing.requirements, source: context.source }, context);
    // A source whose parts have no description at all, such as a Windchill pull, gives no descriptions to keep or clear.
    const partDescriptions = checked.source.partDescriptions ?? checked.parts.some((part) => part.description !== undefined);
    // Built on the first new part, so an import that creates none pays nothing.
    let spellings: Map<string, Set<string>> | undefined;
    let undescribed: UndescribedAssemblies | undefined;
    const unconverted = new UnconvertedSourceNames(shape.title, 'part', 'The import ignores it, as it ignores other attributes that match no property.');

    for (const [index, part] of checked.parts.entries()) {
      const iri = itemIris.get(part)!;
      const subject = namedNode(iri);
      const provenance = this.provenance(context, part.source.sourceId);
      const label = `part ${shortName(part.partNumber)} rev ${shortName(part.revision)}`;
      const content = (): ResourceContent => {
        const built = part.source.reference === true ? referencedPartContent(subject, part) : partContent(subject, part, properties, provenance, context.now, this.vocabulary, { ...checked.source, partDescriptions });
        unconverted.add(label, part.source.location, built.unconverted ?? []);
        addLinks(built, subject, links.targets.get(part), links.owned);
        return built;
      };
      const defaults: Quad[] = [quad(subject, vocabularyTerm(DT('lifecycleState')), vocabularyTerm(DT('InWork'))), ...untitledPartDefaults(subject, part)];
      if (part.source.reference === true) {
        defaults.push(...referencedPartDefaults(subject, part, provenance, context.now));
        if (context.newIdentifiers.has(iri)) {
          this.warnAboutOtherRevisions(part, context);
        }
      }
      if (context.newIdentifiers.has(iri)) {
        spellings ??= partNumberSpellings(context.existing.parts);
        // An assembly that neither the source describes nor the provider has gets one warning, which covers letter case.
        if (part.source.reference === true && spellings.get(part.partNumber.toLowerCase())?.has(part.partNumber) !== true) {
          undescribed ??= new UndescribedAssemblies(checked.parts, checked.bomLines, context.existing.parts);
          undescribed.warn(part, context.warnings, context.options.dryRun === true);
        } else {
          warnAboutLetterCase(part, spellings, context.warnings, context.options.dryRun === true);
        }
      }
      await this.addPlanned(context, { type: 'parts', key: part.key, shape, iri, label, location: part.source.location, content, defaults }, index);
    }
    context.warnings.push(...unconverted.warnings());
  }

  /**
   * Returns the conflicting duplicate values of part attributes that set a Part property (see SourcePart.conflicts).
   * They are errors under the property's own name. Under a `dt:sourceName` they are warnings, because the
   * attribute was ignored before the shape gave the property that name, and the first value is stored.
   */
  private attributeConflicts(checked: CheckedBatch): ImportIssue[] {
    const properties = attributeProperties(importedTypeShape(this.shapes, 'parts'), new Set(checked.parts.flatMap((part) => (part.source.conflicts ?? []).map((conflict) => conflict.name))));
    const issues: ImportIssue[] = [];
    for (const conflict of checked.parts.flatMap((part) => part.source.conflicts ?? [])) {
      const property = properties.find((candidate) => namesProperty(conflict.name, candidate));
      if (property === undefined) {
        continue;
      }
      if (nameKey(property.name) === nameKey(conflict.name)) {
        issues.push({ severity: 'error', message: conflict.message, location: conflict.location });
      } else {
        issues.push({ severity: 'warning', message: `${conflict.message} The import stores the first value as ${property.name}, because "${conflict.name}" is another name of that property.`, location: conflict.location });
      }
    }
    return issues;
  }

  /**
   * Warns when a part that the source only refers to is created although the provider has its part
   * number in other revisions, as when a CSV BOM names a parent without its revision.
   */
  private warnAboutOtherRevisions(part: BatchPart, context: PlanContext): void {
    const revisions = context.existing.parts.filter((stored) => stored.partNumber === part.partNumber).map((stored) => stored.revision);
    if (revisions.length === 0) {
      return;
    }
    context.warnings.push({
      severity: 'warning',
      message:
        `The source names ${part.partNumber} revision ${part.revision} only as an assembly, so it is created as a new part, although the provider has ${part.partNumber} in revision ${new Intl.ListFormat('en', { type: 'disjunction' }).format(revisions)}. ` +
        `If the source means ${revisions.length === 1 ? 'that revision' : 'one of those'}, give the assembly revision (in a CSV BOM, a Parent Revision column).`,
      location: part.source.location,
    });
  }

  /**
   * Builds the new state of every BOM line of the batch and returns each line's IRI. `known` are line IRIs
   * already matched through the import state.
   */
  private async planBomLines(
    checked: CheckedBatch,
    existing: ExistingState,
    itemIris: ItemIris,
    context: PlanContext,
    known?: Map<BatchBomLine, string>,
  ): Promise<Map<BatchBomLine, string>> {
    const shape = importedTypeShape(this.shapes, 'bomLines');
    const keyOf = (line: BatchBomLine): string => bomLineKey(line.view, itemIris.get(line.parent)!, itemIris.get(line.child)!, line.findNumber, line.position);
    const labelOf = (line: BatchBomLine): string => `BOM line ${bomLineSourceId({ ...line, parent: shortPart(line.parent), child: shortPart(line.child) })}`;

    let iris = known;
    if (iris === undefined) {
      iris = new Map<BatchBomLine, string>();
      const stored = indexBomLines(existing.bomLines);
      const created: BatchBomLine[] = [];
      for (const line of checked.bomLines) {
        const { match } = chooseExisting(stored.get(keyOf(line)), context.source);
        if (match === undefined) {
          created.push(line);
        } else {
          iris.set(line, match.iri);
        }
      }
      await this.iris.assignNew('bomLines', created, iris, context);
      const uses = created.map((line) => ({ view: line.view, assembly: itemIris.get(line.parent)!, child: itemIris.get(line.child)!, label: labelOf(line), ...(line.findNumber === undefined ? {} : { findNumber: line.findNumber }) }));
      const dryRun = context.options.dryRun === true;
      context.warnings.push(...warnAboutMixedBomSources(uses, existing.bomLines, context.source, dryRun));
      context.warnings.push(...warnAboutStoredFindNumbers(uses, existing.bomLines, context.source, dryRun, this.partNamer(checked, itemIris, context)));
      const imported = checked.bomLines.map((line) => ({ view: line.view, assembly: itemIris.get(line.parent)!, assemblyName: `${line.parent.partNumber} rev ${line.parent.revision}`, partNumber: line.child.partNumber, revision: line.child.revision }));
      context.warnings.push(...warnAboutViewDrift(imported, existing.bomLines, existing.parts));
    }

    for (const [index, line] of checked.bomLines.entries()) {
      const iri = iris.get(line)!;
      const subject = namedNode(iri);
      const content = (): ResourceContent => bomLineContent(subject, line, itemIris.get(line.parent)!, itemIris.get(line.child)!, this.provenance(context, bomLineSourceId(line)), context.now);
      const defaults = [quad(subject, vocabularyTerm(DT('bomView')), vocabularyTerm(bomViewIri(line.view))), ...(line.child.untitled === true ? [bomLineTitle(subject, line)] : [])];
      await this.addPlanned(context, { type: 'bomLines', key: keyOf(line), shape, iri, label: labelOf(line), location: line.location, content, defaults }, index);
    }
    return iris;
  }

  private async planRequirements(checked: CheckedBatch, itemIris: ItemIris, context: PlanContext): Promise<void> {
    if (checked.requirements.length === 0) {
      return;
    }
    const shape = importedTypeShape(this.shapes, 'requirements');
    const properties = attributeProperties(shape, new Set(checked.requirements.flatMap((requirement) => Object.keys(requirement.attributes))));
    const links = outgoingLinks(checked, 'requirement', importedTypeShape(this.shapes, 'requirements'), itemIris, { requirements: context.existing.requirements, source: context.source }, context);
    // The source's specification hierarchy gives every requirement its parent or none, so the import owns
    // oslc_rm:decomposes also when no requirement has a parent any more, as after flattening a specification.
    const decomposes = OSLC_RM('decomposes');
    if (checked.requirements.length > 0) {
      links.owned.add(decomposes);
    }
    // The source also owns the links of each of its link types, so its last link of a type can be removed.
    // It owns them between requirements only: a link of the same property to a part or a test case, such
    // as one that a user added for DO-254 traceability, is nothing the source can state, so it stays.
    const typeLinks = new Set(checked.source.requirementLinkProperties ?? []);
    for (const property of typeLinks) {
      links.owned.add(property);
    }
    const keepsStored = (stored: Quad): boolean =>
      typeLinks.has(stored.predicate.value) && stored.object.termType === 'NamedNode' && this.urls.parseResource(stored.object.value)?.segment !== IMPORTED_SEGMENTS.requirements;

    warnAboutLongTitles(checked.requirements, context.warnings);
    const unconverted = new UnconvertedSourceNames(shape.title, 'requirement', 'The requirement keeps it as a source attribute.');

    for (const [index, requirement] of checked.requirements.entries()) {
      const iri = itemIris.get(requirement)!;
      const subject = namedNode(iri);
      const label = `requirement ${shortName(requirement.identifier)}`;
      const content = (): ResourceContent => {
        const built = requirementContent(subject, requirement, properties, this.provenance(context, requirement.source.sourceId), context.now, this.vocabulary);
        unconverted.add(label, requirement.source.location, built.unconverted ?? []);
        addLinks(built, subject, links.targets.get(requirement), links.owned);
        if (typeLinks.size > 0) {
          built.keepsStored = keepsStored;
        }
        if (requirement.parent !== undefined) {
          built.quads.push(quad(subject, vocabularyTerm(decomposes), namedNode(itemIris.get(requirement.parent)!)));
        }
        return built;
      };
      await this.addPlanned(context, { type: 'requirements', key: requirement.key, shape, iri, label, location: requirement.source.location, content, defaults: [] }, index);
    }
    context.warnings.push(...unconverted.warnings());
  }

  /** Builds the new state of every requirement collection of the batch, with a link to each member requirement. */
  private async planRequirementCollections(
    checked: CheckedBatch,
    itemIris: ItemIris,
    collectionIris: Map<BatchRequirementCollection, string>,
    context: PlanContext,
  ): Promise<void> {
    if (checked.requirementCollections.length === 0) {
      return;
    }
    const shape = importedTypeShape(this.shapes, 'requirementCollections');
    for (const [index, collection] of checked.requirementCollections.entries()) {
      const iri = collectionIris.get(collection)!;
      const subject = namedNode(iri);
      const members = collection.members.map((requirement) => itemIris.get(requirement)!);
      const content = (): ResourceContent => requirementCollectionContent(subject, collection, members, this.provenance(context, collection.source.sourceId), context.now);
      const label = `requirement collection ${shortName(collection.title)}`;
      await this.addPlanned(context, { type: 'requirementCollections', key: collection.key, shape, iri, label, location: collection.source.location, content, defaults: [] }, index);
    }
  }

  private provenance(context: PlanContext, sourceId: string | undefined): ProvenanceRecord {
    return { source: context.source, origin: context.origin, system: context.system, ...(sourceId === undefined ? {} : { sourceId }) };
  }

  /** Adds a resource of the batch to the plan with its new state, reading its stored state first. */
  private async addPlanned(
    context: PlanContext,
    item: { type: ImportedType; key: string; shape: ResourceTypeShape; iri: string; label: string; location: SourceLocation; content: () => ResourceContent; defaults: Quad[] },
    index: number,
  ): Promise<void> {
    const content = item.content();
    for (const problem of content.problems) {
      context.errors.push({ severity: 'error', message: `${item.label}: ${problem}`, location: item.location });
    }
    const subject = namedNode(item.iri);
    const digest = contentDigest(subject, content);
    const stateKey = `${item.type} ${item.key}`;
    const planned: PlannedResource = { type: item.type, shape: item.shape, iri: item.iri, subject, label: item.label, location: item.location, desired: null, imported: true, content, digest, stateKey };
    const identifier = context.newIdentifiers.get(item.iri);
    if (identifier !== undefined) {
      // Defaults such as the lifecycle state apply unless the source sets the property.
      const defaults = item.defaults.filter((candidate) => !content.quads.some((other) => other.predicate.equals(candidate.predicate)));
      planned.desired = [...newResourceQuads(subject, item.shape, identifier, context.providerIri, this.provenance(context, undefined), context.now, defaults), ...content.quads];
    } else {
      // The stored state is read in bulk by mergeStored, unless the import state shows it unchanged.
      const version = await this.store.versionOf(item.iri);
      const unchanged = version !== undefined && context.state.isUnchanged(stateKey, item.iri, version, digest);
      if (!unchanged && context.unchangedOnly === true) {
        throw new ChangedItemFound();
      }
      if (version === undefined) {
        throw new PreconditionFailedError(item.iri, 'a stored version', undefined);
      }
      if (unchanged) {
        // The content is dropped and built again only if the import changes the resource's links, so
        // the quads of an unchanged source die young instead of filling the old generation.
        planned.unread = { version, content: item.content };
        delete planned.content;
        planned.desired = [];
      }
    }
    if (context.plan.has(item.iri)) {
      context.errors.push({ severity: 'error', message: `${item.label} and ${context.plan.get(item.iri)!.label} are the same resource <${item.iri}>; the source describes it twice.`, location: item.location });
    }
    context.plan.set(item.iri, planned);
    if ((index + 1) % YIELD_EVERY === 0) {
      context.options.onProgress?.({ phase: 'plan', done: context.plan.size, total: context.items });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Reads, per type in bulk, the stored graphs of the matched resources that the import state does not
   * show unchanged, and merges each with its imported content.
   */
  private async mergeStored(context: PlanContext): Promise<void> {
    const pending = new Map<ImportedType, PlannedResource[]>();
    for (const resource of context.plan.values()) {
      if (resource.desired === null && resource.content !== undefined) {
        const list = pending.get(resource.type) ?? [];
        list.push(resource);
        pending.set(resource.type, list);
      }
    }

    for (const [type, resources] of pending) {
      const shape = importedTypeShape(this.shapes, type);
      const stored = await readStoredGraphs(this.store, context.providerIri, shape.describes[0]!, new Set(resources.map((resource) => resource.iri)));
      for (const resource of resources) {
        const graph = stored.get(resource.iri);
        if (graph === undefined) {
          throw new PreconditionFailedError(resource.iri, 'a stored version', undefined);
        }
        resource.stored = graph;
        resource.desired = mergeContent(graph.quads, resource.subject, resource.content!);
      }
    }
  }

  /**
   * Plans an update of each stored BOM line outside the plan whose derived title names a part that the
   * import renames (DerivedLineTitles). This runs for full batches too, because lines of other sources and
   * lines that the source no longer lists are not in them. It reads nothing when no part title or part number changes.
   */
  private async planLineTitles(context: PlanContext): Promise<void> {
    const changes = partNamingChanges(context.plan);
    if (changes.size === 0) {
      return;
    }
    const lines = await linesToRetitle(this.store, context.providerIri, changes, context.plan);
    if (lines.length === 0) {
      return;
    }

    const shape = importedTypeShape(this.shapes, 'bomLines');
    const stored = await readStoredGraphs(this.store, context.providerIri, shape.describes[0]!, new Set(lines.map((line) => line.iri)));
    for (const line of lines) {
      const graph = stored.get(line.iri);
      const subject = namedNode(line.iri);
      const desired = graph === undefined ? undefined : retitledState(subject, graph, line);
      if (graph === undefined || desired === undefined) {
        continue;
      }
      // A line of this source gets a new prov:generatedAtTime, as a full import would give it. Other sources' lines keep theirs.
      const imported = graph.quads.some((candidate) => candidate.subject.equals(subject) && candidate.predicate.value === PROVENANCE.wasDerivedFrom && candidate.object.value === context.source);
      context.plan.set(line.iri, { type: 'bomLines', shape, iri: line.iri, subject, label: storedLabel('bomLines', subject, graph.quads), stored: graph, desired, imported, retitled: true });
    }
  }

  /** Reads the stored state of a resource that the import state showed unchanged, because the import now changes its links. */
  private async readUnread(resource: PlannedResource): Promise<PlannedResource | undefined> {
    if (resource.unread === undefined) {
      return resource;
    }
    const stored = await this.readStored(resource.iri);
    if (stored === undefined || stored.version !== resource.unread.version) {
      throw new PreconditionFailedError(resource.iri, resource.unread.version, stored?.version);
    }
    resource.content = resource.unread.content();
    resource.stored = stored;
    resource.desired = mergeContent(stored.quads, resource.subject, resource.content);
    delete resource.unread;
    return resource;
  }

  private async readStored(iri: string): Promise<{ quads: Quad[]; version: string } | undefined> {
    const [quads, version] = await Promise.all([this.store.readQuads(iri), this.store.versionOf(iri)]);
    return quads === undefined || version === undefined ? undefined : { quads, version };
  }

  /** Plans a stored resource that the import removes or only changes links on. */
  private async loadPlanned(iri: string, type: ImportedType, keep: boolean): Promise<PlannedResource | undefined> {
    const stored = await this.readStored(iri);
    if (stored === undefined) {
      return undefined;
    }
    const subject = namedNode(iri);
    return { type, shape: importedTypeShape(this.shapes, type), iri, subject, label: storedLabel(type, subject, stored.quads), stored, desired: keep ? [...stored.quads] : null, imported: false };
  }

  private async loadInverseTarget(iri: string): Promise<PlannedResource | undefined> {
    const location = this.urls.parseResource(iri);
    const type = (Object.keys(IMPORTED_SEGMENTS) as ImportedType[]).find((candidate) => IMPORTED_SEGMENTS[candidate] === location?.segment);
    // NOTE: only parts, BOM lines and requirements carry links kept by the server today (composedOfPartUsage).
    return type === undefined ? undefined : this.loadPlanned(iri, type, true);
  }

  /** Normalizes each new state, compares it with the stored one and stamps the times of real changes. */
  private decideActions(context: PlanContext): void {
    for (const resource of context.plan.values()) {
      if (resource.desired === null) {
        resource.action = 'remove';
        continue;
      }
      if (resource.unread !== undefined) {
        resource.action = 'unchanged';
        continue;
      }
      resource.desired = normalizeLiterals(resource.desired, resource.iri, resource.shape, this.shapes);
      if (resource.stored === undefined) {
        resource.action = 'create';
      } else if (sameContent(resource.subject, resource.stored.quads, resource.desired)) {
        resource.action = 'unchanged';
      } else {
        resource.action = 'update';
        resource.desired = stampTimes(resource.subject, resource.desired, context.now, resource.imported);
      }
    }
  }

  /** Returns an error for each cycle that the batch's BOM lines close with the BOM lines stored in the provider. */
  private storedBomCycles(checked: CheckedBatch, itemIris: ItemIris, lineIris: Map<BatchBomLine, string>, context: PlanContext): ImportIssue[] {
    const removed = new Set<string>();
    for (const resource of context.plan.values()) {
      if (resource.type === 'bomLines' && resource.action === 'remove') {
        removed.add(resource.iri);
      }
    }
    const imported = checked.bomLines.map((line) => ({ line: lineIris.get(line)!, view: line.view, assembly: itemIris.get(line.parent)!, child: itemIris.get(line.child)!, location: line.location }));
    return cyclesWithStoredBom(context.existing.bomLines, imported, removed, this.partNamer(checked, itemIris, context));
  }

  /** Returns the warnings about BOM lines that the source no longer has and that the import keeps at a find number where the source gives another part. */
  private keptFindNumbers(checked: CheckedBatch, itemIris: ItemIris, missing: readonly MissingResource[], context: PlanContext): ImportIssue[] {
    const keptIris = new Set(missing.filter((resource) => resource.type === 'bomLines').map((resource) => resource.iri));
    const keptLines = context.existing.bomLines.filter((line) => keptIris.has(line.iri));
    const lines = checked.bomLines.map((line) => ({ view: line.view, assembly: itemIris.get(line.parent)!, child: itemIris.get(line.child)!, location: line.location, ...(line.findNumber === undefined ? {} : { findNumber: line.findNumber }) }));
    return warnAboutKeptFindNumbers(lines, keptLines, { dryRun: context.options.dryRun === true, partial: checked.partial === true, partName: this.partNamer(checked, itemIris, context) });
  }

  /** Returns a function that names a stored or imported part by IRI, as `PART-NUMBER rev REVISION`, for messages. */
  private partNamer(checked: CheckedBatch, itemIris: ItemIris, context: PlanContext): (iri: string) => string {
    // Names are needed for messages only, so they are collected on the first one.
    let names: Map<string, string> | undefined;
    return (iri) => {
      if (names === undefined) {
        names = partNames(context.existing.parts);
        for (const part of checked.parts) {
          names.set(itemIris.get(part)!, `${part.partNumber} rev ${part.revision}`);
        }
      }
      return names.get(iri) ?? `<${iri}>`;
    };
  }

  private writes(context: PlanContext): GraphWrite[] {
    const writes: GraphWrite[] = [];
    for (const resource of context.plan.values()) {
      switch (resource.action) {
        case 'create':
          writes.push({ graph: resource.iri, quads: resource.desired!, expectedVersion: null });
          break;
        case 'update':
          writes.push({ graph: resource.iri, quads: resource.desired!, expectedVersion: resource.stored!.version });
          break;
        case 'remove':
          // Removed resources were created by imports, which record their numbers in the sequence
          // graph, so their identifiers are never allocated again without IdentifierMinter.recordDeletion.
          writes.push({ graph: resource.iri, quads: null, expectedVersion: resource.stored!.version });
          break;
        default:
          break;
      }
    }
    if (writes.length === 0) {
      return writes;
    }
    return [...writes, ...context.sequenceWrites, context.state.write(stateChanges(context.plan))];
  }

  private report(checked: CheckedBatch, context: PlanContext, started: number): SyncReport {
    const counts = emptyCounts();
    const report: SyncReport = {
      provider: context.options.provider,
      source: { system: checked.source.system, uri: checked.source.uri, iri: context.source, origin: context.origin },
      dryRun: context.options.dryRun === true,
      counts,
      changes: [],
      warnings: context.warnings,
      durationMs: performance.now() - started,
    };
    for (const resource of context.plan.values()) {
      const action = resource.action!;
      const key = ({ create: 'created', update: 'updated', unchanged: 'unchanged', remove: 'removed' } as const)[action];
      counts[resource.type][key]++;
      if (action !== 'unchanged') {
        const description = report.changes.length < DETAILED_CHANGES ? describeChange(resource, this.vocabulary) : {};
        report.changes.push({ action, type: resource.type, iri: resource.iri, label: resource.label, ...description });
      }
    }
    return report;
  }
}

/** Ends the planning of unchangedReport, so that a changed source costs it little before the full comparison. */
class ChangedItemFound extends Error {}

/** An empty ExistingState, for planning that matched every item through the import state. */
const NO_EXISTING: ExistingState = { parts: [], bomLines: [], requirements: [], requirementCollections: [] };

/** State shared by the planning steps of one import attempt. */
interface PlanContext {
  options: SyncOptions;
  providerIri: string;
  now: Quad_Object;
  source: string;
  /** IRI of the file or URL read, for dt:importOrigin. */
  origin: string;
  system: string;
  /** Identity of the provider's stored parts, BOM lines and requirements. */
  existing: ExistingState;
  warnings: ImportIssue[];
  errors: ImportIssue[];
  plan: Map<string, PlannedResource>;
  /** Identifiers allocated for new resources, by IRI. */
  newIdentifiers: Map<string, string>;
  /** Import state of the same source's last import, which spares reading the resources it shows unchanged. */
  state: ImportState;
  /** Parts, BOM lines, requirements and requirement collections of the batch, the total of the plan phase's progress. */
  items: number;
  /** Set while unchangedReport plans: addPlanned then throws ChangedItemFound at the first resource that is not unchanged. */
  unchangedOnly?: boolean;
  sequenceWrites: GraphWrite[];
}

/** Returns a part's identity with names short enough for messages (shortName). */
function shortPart(part: BatchPart): { partNumber: string; revision: string } {
  return { partNumber: shortName(part.partNumber), revision: shortName(part.revision) };
}

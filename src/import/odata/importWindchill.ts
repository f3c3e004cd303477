import { getLogger } from '../../logging/Logger.js';
import { isIsoDateTime } from '../../util/IsoDateTime.js';
import { InvalidImportOptionError } from '../ImportErrors.js';
import { emptyBatch, type ImportBatch, type ImportIssue, type SourceBom, type SourcePart } from '../ImportModel.js';
import { unmappedStateMessage } from '../LifecycleStates.js';
import type { StoredUsesLookup } from '../StoredPartUses.js';
import { ODataClient, type RetryPolicy } from './ODataClient.js';
import { ODataFormatError } from './ODataErrors.js';
import { PartCopies, type MergedPart } from './PartCopies.js';
import { assembliesToReadAgain, type PartRevision, type ReadAgainPlan } from './RevisionBumps.js';
import { checkServiceRoot, resolveService } from './ServiceRoot.js';
import { orderUsesWithoutFindNumber } from './UsageLinkOrder.js';
import { downstreamOnly, mergeViewVersions } from './ViewVersions.js';
import {
  MAPPED_LIFECYCLE_STATES,
  entityId,
  isEntity,
  isIssue,
  lifecycleStateLabel,
  partLabel,
  propertyText,
  stateName,
  toSourceBomLine,
  toSourcePart,
  type Entity,
} from './WindchillParts.js';
import { lookUpUnit, UnmappedUnits } from './WindchillUnits.js';
import { UnknownViews, WindchillViews } from './WindchillViews.js';

const log = getLogger('WindchillImport');

export interface WindchillImportOptions {
  /** Authorization header value for Windchill, such as `Basic …`; never logged. */
  authorization?: string;
  /** Pull only parts modified after this time (ISO 8601), normally the previous batch's `highWaterMark`. */
  modifiedSince?: string;
  /**
   * QUDT unit IRIs of Windchill quantity units by internal name, such as `{"yd": "http://qudt.org/vocab/unit/YD"}`.
   * They take precedence over the built-in units. A unit that neither maps rejects the pull, except as_needed, which is stored as pieces with a warning.
   */
  units?: Record<string, string>;
  /** Windchill part properties to read as part attributes, by attribute name, such as `{"material": "MaterialSpec"}`. */
  attributes?: Record<string, string>;
  /** BOM views (EBOM or MBOM) of a site's own Windchill views, by view name, such as `{"Service": "MBOM"}`. */
  views?: Record<string, string>;
  retry?: Partial<RetryPolicy>;
  /** Maximum number of pages per collection; 10,000 by default. */
  maxPages?: number;
  /** Returns a number in [0, 1) for retry jitter. */
  random?: () => number;
  /**
   * Reads the target provider's stored revisions of part numbers and the assemblies that use them. An
   * incremental pull reads again the assemblies that use an earlier revision of a part it pulled; without
   * the lookup it reads none.
   */
  storedUses?: StoredUsesLookup;
}

/** Percent-encodes an OData query option value, keeping the colons of times and keys readable. */
function encodeOption(value: string): string {
  return readableUrl(encodeURIComponent(value));
}

/**
 * Returns a URL with `:`, `$`, `(`, `)` and `=` written literally, as OData URL conventions write system
 * query options (`$expand=Uses($expand=Uses)`). A service's next links may percent-encode them, and
 * messages name pages in this form so that every page of a pull reads alike.
 */
function readableUrl(url: string): string {
  return url.replace(/%3A/gi, ':').replace(/%24/g, '$').replace(/%28/g, '(').replace(/%29/g, ')').replace(/%3D/gi, '=');
}

/**
 * Returns the URL of the first page of parts, with each part's usage links and their child parts expanded,
 * and the modified-since filter. System query options keep their literal `$`, as OData URL conventions write them.
 */
function partsUrl(domain: string, modifiedSince: string | undefined): string {
  let url = `${domain}/Parts?$expand=${encodeOption('Uses($expand=Uses)')}`;
  if (modifiedSince !== undefined) {
    // ge, not gt: a part changed after the last pull within the same second has the mark's time. The parts
    // at the mark are read again, and an import finds them unchanged.
    url += `&$filter=${encodeOption(`LastModified ge ${modifiedSince}`)}`;
  }
  return url;
}

/** Returns the URL of one part's usage links with their child parts: `Parts('ID')/Uses?$expand=Uses`. */
function usesUrl(domain: string, partId: string): string {
  return `${domain}/Parts('${encodeOption(partId.replace(/'/g, "''"))}')/Uses?$expand=Uses`;
}

/**
 * Returns the URL of the versions of one part number and revision: `Parts?$filter=Number eq 'N' and Revision eq 'R'`,
 * with `$expand=Uses($expand=Uses)` when `expandUses` is true. An empty or absent revision filters on the number only.
 * NOTE: tested against the fake server only. Windchill REST Services document `$filter` on Part properties,
 * but this filter on Number and Revision has not been run against a real Windchill.
 */
function versionsUrl(domain: string, number: string, revision: string | undefined, expandUses = false): string {
  const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;
  const filter = `Number eq ${literal(number)}${revision === undefined || revision === '' ? '' : ` and Revision eq ${literal(revision)}`}`;
  const expand = expandUses ? `&$expand=${encodeOption('Uses($expand=Uses)')}` : '';
  return `${domain}/Parts?$filter=${encodeOption(filter)}${expand}`;
}

/** Returns the part number and revision of a Part entity as the import names parts, or undefined without a Number. */
function partRevision(entity: Entity): PartRevision | undefined {
  const partNumber = propertyText(entity.Number);
  if (partNumber === undefined || partNumber.trim() === '') {
    return undefined;
  }
  const revision = propertyText(entity.Revision);
  return { partNumber, revision: revision === undefined || revision === '' ? '-' : revision };
}

/** Returns the later of two ISO 8601 times, or the one given. */
function later(current: string | undefined, candidate: string | undefined): string | undefined {
  if (candidate === undefined || Number.isNaN(Date.parse(candidate))) {
    return current;
  }
  if (current === undefined || Date.parse(candidate) > Date.parse(current)) {
    return candidate;
  }
  return current;
}

/**
 * Returns one warning for the parts of one Windchill state that has no lifecycle state, or of no state
 * (`state` undefined), naming the first few parts so that a user can look one up.
 */
function unmappedStateWarning(state: string | undefined, parts: readonly SourcePart[]): ImportIssue {
  const cause =
    state === undefined
      ? 'Windchill returned no State for some parts'
      : `Windchill state ${state} matches none of the lifecycle states ${new Intl.ListFormat('en', { type: 'conjunction' }).format(MAPPED_LIFECYCLE_STATES)}`;
  return { severity: 'warning', message: unmappedStateMessage(cause, parts), location: parts[0]!.location };
}

/** Reads the versions at `url` and adds each as a record of the pull. */
async function addOtherVersions(client: ODataClient, url: string, add: (entity: Entity, page: string) => void): Promise<void> {
  log.info('pulling the other view versions of a part', { url });
  for (const { entity, page } of await client.getCollection(url)) {
    if (!isEntity(entity)) {
      throw new ODataFormatError(page, `an entry of ${readableUrl(page)} is not a JSON object`);
    }
    add(entity, readableUrl(page));
  }
}

/**
 * Returns the stored assemblies to read again for the parts of a pull (see assembliesToReadAgain), with
 * one store lookup for the part numbers of all pulled parts, expanded child parts included.
 */
async function readAgainPlan(parts: readonly MergedPart[], records: readonly PartRevision[], storedUses: StoredUsesLookup, system: string): Promise<ReadAgainPlan> {
  const pulled = parts.map(({ entity }) => partRevision(entity)).filter((part) => part !== undefined);
  const stored = await storedUses(pulled.map((part) => part.partNumber), system);
  return assembliesToReadAgain(pulled, records, stored);
}

/**
 * Pulls parts and their single-level BOMs from Windchill REST Services (OData v4, ProdMgmt domain) into an
 * import batch. The domain URL is the one resolveService finds for `input`, so `…/odata`, `…/odata/` and
 * `…/odata/ProdMgmt` pull from one domain. Parts come from `Parts?$expand=Uses($expand=Uses)`, filtered on LastModified when
 * `modifiedSince` is given, and every page of `@odata.nextLink` is followed. A part whose expansion has
 * no `Uses` array gets its BOM from `Parts('ID')/Uses?$expand=Uses`. Child parts that the filter left out
 * are added from the expansion. A part read more than once, as a record and as an expanded child, is
 * merged from all its copies (PartCopies). `highWaterMark` is the latest LastModified read, else
 * `modifiedSince`.
 *
 * A part version's `View` sets the BOM view of its BOM lines (Design: EBOM, Manufacturing: MBOM, no view:
 * the import's default). The lines of a version in a view that maps to neither are left out with a
 * warning. Versions of one number and revision in several views are one part (mergeViewVersions). An
 * incremental pull that reads only a part's downstream versions also reads its other versions, without
 * their BOMs, so that the part takes its Design version's values as on a full pull. An incremental pull
 * with `storedUses` also reads again, with their uses, the stored assemblies that use an earlier revision
 * of a pulled part (assembliesToReadAgain), because their LastModified stays when a child gets a new
 * revision. `completeBoms` names the BOM of each record of the Parts collection or of those assemblies in
 * its view, empty ones included, because the pull reads all uses of a record. It reads no uses of an
 * expanded child part or of the other view versions.
 */
export async function importWindchill(input: string, options: WindchillImportOptions = {}): Promise<ImportBatch> {
  if (options.modifiedSince !== undefined && !isIsoDateTime(options.modifiedSince)) {
    throw new InvalidImportOptionError('modifiedSince', `"${options.modifiedSince}" is not an ISO 8601 date-time with a time zone, such as 2026-01-01T00:00:00Z`);
  }
  checkServiceRoot(input);
  const { domain } = resolveService(input);
  if (new URL(input).search !== '') {
    // The query may contain a token, so the line names no value.
    log.warn('the Windchill REST Services URL has a query string, which the pull leaves out', { domain });
  }
  const client = new ODataClient(domain, { authorization: options.authorization, retry: options.retry, maxPages: options.maxPages, random: options.random });
  const units = options.units ?? {};
  const mappedAttributes = options.attributes ?? {};
  const views = new WindchillViews(options.views);
  const viewOf = (entity: Entity) => views.of(entity);
  const unknownViews = new UnknownViews();
  // Mapped Windchill properties that some part has. The summary warns about the others, which may be misspelt.
  const mappedPropertiesSeen = new Set<string>();
  const batch = emptyBatch('Windchill', domain);
  batch.source.mapsAttributes = true;
  const copies = new PartCopies();
  // Parts whose state has no lifecycle state, by state name, for one warning per state.
  const unmappedStates = new Map<string | undefined, SourcePart[]>();
  const unmappedUnits = new UnmappedUnits();
  // The BOM of each part record, by ID and view. The pull reads every use of a record, but no use of an expanded child part.
  const completeBoms = new Map<string, SourceBom>();
  let highWaterMark = options.modifiedSince;

  const addPart = (entity: Entity, page: string): void => {
    const part = toSourcePart(entity, page, mappedAttributes);
    if (isIssue(part)) {
      batch.issues.push(part);
    } else {
      batch.parts.push(part);
      if (lifecycleStateLabel(entity.State) === undefined) {
        const state = stateName(entity.State);
        const parts = unmappedStates.get(state) ?? [];
        parts.push(part);
        unmappedStates.set(state, parts);
      }
    }
  };

  // A part without an ID cannot be matched with its other copies, so it is reported as it comes.
  const addCopy = (entity: Entity, page: string, topLevel: boolean): void => {
    for (const property of Object.values(mappedAttributes)) {
      if (Object.hasOwn(entity, property)) {
        mappedPropertiesSeen.add(property);
      }
    }
    const id = entityId(entity);
    if (id === undefined) {
      addPart(entity, page);
    } else {
      copies.add(id, entity, page, topLevel);
    }
  };

  const addBomLine = (use: Entity, parent: Entity, parentId: string, page: string): void => {
    const view = views.of(parent);
    if (view.name !== undefined && view.bomView === undefined) {
      unknownViews.add(view.name, partLabel(parent), { file: page, entity: entityId(use) ?? parentId });
      return;
    }
    const unit = lookUpUnit(use.Unit, units);
    const line = toSourceBomLine(use, parent, page, unit.iri);
    if (isIssue(line)) {
      batch.issues.push(line);
      return;
    }
    if (view.bomView !== undefined) {
      line.view = view.bomView;
    }
    batch.bomLines.push(line);
    addCopy(use.Uses as Entity, page, false);
    if (unit.unmapped !== undefined) {
      unmappedUnits.add(unit.unmapped, use.Unit, `${partLabel(use.Uses as Entity)} in ${partLabel(parent)}`, line.location);
    }
  };

  // The part records read with all their uses, by part number and revision.
  const records: PartRevision[] = [];

  // Adds a record of a Parts collection with its uses, which make its BOM in its view complete.
  const addRecord = async (entity: unknown, pageUrl: string): Promise<void> => {
    const page = readableUrl(pageUrl);
    if (!isEntity(entity)) {
      throw new ODataFormatError(pageUrl, `an entry of ${page} is not a JSON object`);
    }
    addCopy(entity, page, true);
    const parentId = entityId(entity);
    if (parentId === undefined) {
      return;
    }
    const record = partRevision(entity);
    if (record !== undefined) {
      records.push(record);
    }
    // A version in a view that maps to no BOM view describes no BOM, because the pull leaves its lines out.
    const view = views.of(entity);
    if (view.name === undefined || view.bomView !== undefined) {
      completeBoms.set(`${parentId}\u0000${view.bomView ?? ''}`, { parent: parentId, ...(view.bomView === undefined ? {} : { view: view.bomView }), location: { file: page, entity: parentId } });
    }
    const uses = Array.isArray(entity.Uses)
      ? entity.Uses.map((use) => ({ entity: use, page: pageUrl }))
      : await client.getCollection(usesUrl(domain, parentId));
    for (const { entity: use, page: usesPageUrl } of orderUsesWithoutFindNumber(uses)) {
      const usesPage = readableUrl(usesPageUrl);
      if (!isEntity(use)) {
        throw new ODataFormatError(usesPageUrl, `an entry of ${usesPage} is not a JSON object`);
      }
      addBomLine(use, entity, parentId, usesPage);
    }
  };

  const url = partsUrl(domain, options.modifiedSince);
  log.info('pulling Windchill parts', { url, modifiedSince: options.modifiedSince });
  for (const { entity, page } of await client.getCollection(url)) {
    await addRecord(entity, page);
    highWaterMark = later(highWaterMark, isEntity(entity) ? propertyText(entity.LastModified) : undefined);
  }
  if (options.modifiedSince !== undefined && options.storedUses !== undefined) {
    const plan = await readAgainPlan(copies.merged(), records, options.storedUses, batch.source.system);
    // The mark stays that of the Parts collection, because an assembly changed while the pull runs may be later than parts the pull has not read.
    for (const assembly of plan.assemblies) {
      for (const { entity, page } of await client.getCollection(versionsUrl(domain, assembly.partNumber, assembly.revision, true))) {
        await addRecord(entity, page);
      }
    }
    log.info('read again the stored assemblies that use an earlier revision of a pulled part', { assemblies: plan.assemblies.length });
    if (plan.warning !== undefined) {
      batch.issues.push(plan.warning);
    }
  }
  if (options.modifiedSince !== undefined) {
    for (const downstream of downstreamOnly(copies.merged(), viewOf)) {
      await addOtherVersions(client, versionsUrl(domain, propertyText(downstream.Number) ?? '', propertyText(downstream.Revision)), (entity, page) => addCopy(entity, page, true));
    }
  }
  const merged = mergeViewVersions(copies.merged(), viewOf, ['Name', mappedAttributes.description ?? 'Description']);
  for (const { entity, page } of merged.parts) {
    addPart(entity, page);
  }
  for (const line of batch.bomLines) {
    line.parent = merged.aliases.get(line.parent) ?? line.parent;
    line.child = merged.aliases.get(line.child) ?? line.child;
  }
  // A record that did not become a part of the batch, such as one without a Number, has an error already.
  const partIds = new Set(batch.parts.map((part) => part.sourceId));
  batch.completeBoms = [...completeBoms.values()].map((bom) => ({ ...bom, parent: merged.aliases.get(bom.parent) ?? bom.parent })).filter((bom) => partIds.has(bom.parent));
  batch.issues.push(...merged.issues, ...unknownViews.issues());
  for (const [state, parts] of unmappedStates) {
    batch.issues.push(unmappedStateWarning(state, parts));
  }
  batch.issues.push(...unmappedUnits.issues());
  const unseen = Object.entries(mappedAttributes).filter(([, property]) => !mappedPropertiesSeen.has(property));
  if (unseen.length > 0 && batch.parts.length > 0) {
    const named = unseen.map(([attribute, property]) => `"${property}" (for ${attribute})`).join(', ');
    batch.issues.push({
      severity: 'warning',
      message: `The mapping names Windchill part properties that no part pulled has: ${named}. Check their spelling against the properties of Parts in the service's $metadata document.`,
    });
  }

  if (highWaterMark !== undefined) {
    batch.highWaterMark = highWaterMark;
  }
  if (options.modifiedSince !== undefined) {
    batch.partial = true;
  }
  log.info('pulled Windchill parts', { parts: batch.parts.length, bomLines: batch.bomLines.length, issues: batch.issues.length, highWaterMark });
  return batch;
}

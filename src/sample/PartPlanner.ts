import type { BlockContext } from './BlockContext.js';
import { DATA_END, DAY_MS, workingInstant, workingInstantAfter } from './Calendar.js';
import { DesignIndex, isSharedDesign } from './DesignIndex.js';
import type { ExportMarking } from './ExportControl.js';
import { pickPerson, type Role } from './People.js';
import type { LifecycleState, PartDesign } from './programmes/ProgrammeDefinition.js';
import type { Random } from './Random.js';

/** One revision of a part, as it will be written. */
export interface PartRecord {
  iri: string;
  identifier: string;
  design: PartDesign;
  partNumber: string;
  revision: string;
  title: string;
  state: LifecycleState;
  /** Mass in kg; absent for software and for designs still in work without a mass estimate. */
  mass?: number;
  created: number;
  modified: number;
  creator: string;
  marking?: ExportMarking;
  effectivity: EffectivityRecord[];
  /** IRIs of the BOM lines whose assembly is this revision, filled in by the BOM planner. */
  bomLines: string[];
}

/** An inline effectivity record: a date range (xsd:date bounds) or a serial number range of an end item. */
export interface EffectivityRecord {
  valueType: 'Date' | 'SerialNumber';
  from?: string;
  to?: string;
  endItem?: string;
}

/** The parts of one variant, and the revision of each design that the bills of materials use. */
export interface PlannedParts {
  index: DesignIndex;
  records: PartRecord[];
  /** The revision used in BOMs: the newest released one, or the newest one when none is released. */
  effective: Map<string, PartRecord>;
  topAssembly: PartRecord;
}

/** Revision letters as aerospace drawings use them: I, O, Q, S, X and Z are skipped. */
const REVISION_LETTERS = 'ABCDEFGHJKLMNPRTUVWY';

/**
 * Shares of the in-house designs (without an explicit history) that get each lifecycle history; the
 * rest have one released revision. Every history with several revisions ends in InWork or UnderReview.
 */
const HISTORY_SHARES: Array<[LifecycleState[], number]> = [
  [['Released', 'InWork'], 0.2],
  [['Released', 'UnderReview'], 0.12],
  [['Obsolete', 'Released', 'InWork'], 0.16],
  [['Obsolete', 'Released', 'UnderReview'], 0.1],
  [['Obsolete', 'Obsolete', 'Released', 'InWork'], 0.07],
  [['Obsolete', 'Obsolete', 'Released', 'UnderReview'], 0.04],
  [['InWork'], 0.06],
  [['UnderReview'], 0.05],
];

/** Serial number of the top assembly that an old revision's effectivity ends at: FCC00012 and below. */
const FIRST_SERIAL_OF_NEW_REVISION = 13;

export function formatSerialNumber(prefix: string, unit: number): string {
  return `${prefix}${String(unit).padStart(5, '0')}`;
}

/** Part number of an in-house design in a variant: AQ{programme code}{two-digit variant}-{drawing}. */
export function inHousePartNumber(code: string, variant: number, drawing: string): string {
  return `AQ${code}${String(variant).padStart(2, '0')}-${drawing}`;
}

/**
 * Plans the part revisions of one variant. Shared (standard and purchased) parts are created in
 * variant 0 and taken from `sharedParts` in later variants.
 */
export function planParts(context: BlockContext, sharedParts: Map<string, PartRecord>): PlannedParts {
  const index = new DesignIndex(context.programme);
  const histories = assignHistories(index, context.random('part histories'));
  const random = context.random('parts');
  const records: PartRecord[] = [];
  const effective = new Map<string, PartRecord>();
  const topDesign = index.get(context.programme.topAssembly);
  let topAssembly: PartRecord | undefined;

  for (const design of index.ordered) {
    if (isSharedDesign(design) && context.variant > 0) {
      const shared = sharedParts.get(design.key);
      if (shared === undefined) {
        throw new Error(`Shared part "${design.key}" was not generated in variant 0.`);
      }
      effective.set(design.key, shared);
      continue;
    }
    const history = histories.get(design.key) ?? ['Released'];
    const revisions = planRevisions(context, index, design, history, random);
    records.push(...revisions);
    const chosen = effectiveRevision(revisions);
    effective.set(design.key, chosen);
    if (design === topDesign) {
      topAssembly = chosen;
    }
    if (isSharedDesign(design)) {
      sharedParts.set(design.key, chosen);
    }
  }
  if (topAssembly === undefined) {
    throw new Error(`Top assembly "${topDesign.key}" was not generated.`);
  }

  assignMasses(records, index, random);
  assignPartEffectivity(records, topAssembly, random);
  return { index, records, effective, topAssembly };
}

function assignHistories(index: DesignIndex, random: Random): Map<string, LifecycleState[]> {
  const histories = new Map<string, LifecycleState[]>();
  const candidates: PartDesign[] = [];
  for (const design of index.ordered) {
    if (design.history !== undefined) {
      histories.set(design.key, design.history);
    } else if (!isSharedDesign(design)) {
      candidates.push(design);
    }
  }
  random.shuffle(candidates);
  let next = 0;
  for (const [history, share] of HISTORY_SHARES) {
    const count = Math.round(share * candidates.length);
    for (let i = 0; i < count && next < candidates.length; i++, next++) {
      histories.set(candidates[next]!.key, history);
    }
  }
  return histories;
}

function planRevisions(
  context: BlockContext,
  index: DesignIndex,
  design: PartDesign,
  history: LifecycleState[],
  random: Random,
): PartRecord[] {
  const shared = isSharedDesign(design);
  const partNumber = shared
    ? design.partNumber!
    : inHousePartNumber(context.programme.partNumberCode, context.variant, design.drawing!);
  const isTop = design.key === context.programme.topAssembly;
  const title = isTop && context.variant > 0 ? `${design.title}, variant ${context.variant}` : design.title;
  const level = index.levelOf(design.key);
  const firstEarliest = context.start + level * 25 * DAY_MS;

  const records: PartRecord[] = [];
  let created = workingInstant(random, firstEarliest, firstEarliest + 270 * DAY_MS);
  for (let i = 0; i < history.length; i++) {
    if (i > 0) {
      created = workingInstantAfter(random, created, 45, 220);
    }
    const { identifier, iri } = context.identifiers.allocate('Part');
    records.push({
      iri,
      identifier,
      design,
      partNumber,
      revision: shared ? '-' : REVISION_LETTERS[i]!,
      title,
      state: history[i]!,
      created,
      modified: created,
      creator: pickPerson(random, creatorRole(design)),
      marking: design.marking?.item,
      effectivity: [],
      bomLines: [],
    });
  }
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const successor = records[i + 1];
    record.modified = modifiedFor(record, successor, random);
  }
  return records;
}

function creatorRole(design: PartDesign): Role {
  switch (design.kind) {
    case 'electronic':
    case 'software':
      return 'electronics';
    case 'assembly':
      return design.electrical === true ? 'electronics' : 'mechanical';
    default:
      return 'mechanical';
  }
}

/** Last modification: obsolete revisions change when their successor appears, released ones at release. */
function modifiedFor(record: PartRecord, successor: PartRecord | undefined, random: Random): number {
  switch (record.state) {
    case 'Obsolete':
      return workingInstantAfter(random, Math.max(record.created, successor?.created ?? record.created), 1, 20);
    case 'Released':
      return workingInstantAfter(random, record.created, 5, 40);
    case 'UnderReview':
      return workingInstantAfter(random, record.created, 20, 120);
    case 'InWork':
      return workingInstant(random, record.created, DATA_END);
  }
}

function effectiveRevision(revisions: PartRecord[]): PartRecord {
  for (let i = revisions.length - 1; i >= 0; i--) {
    if (revisions[i]!.state === 'Released') {
      return revisions[i]!;
    }
  }
  return revisions[revisions.length - 1]!;
}

/**
 * Gives each in-house revision its design's mass with a revision-to-revision scatter of about 1.5 %.
 * A design's mass is its catalogue mass for a leaf and the sum over its EBOM children (times quantity
 * or length) for an assembly.
 * Software has no mass, and neither do designs whose only revision is still in work.
 */
function assignMasses(records: PartRecord[], index: DesignIndex, random: Random): void {
  const rolledUp = new Map<string, number>();

  const designMass = (design: PartDesign): number => {
    const known = rolledUp.get(design.key);
    if (known !== undefined) {
      return known;
    }
    let mass = 0;
    if (design.children !== undefined) {
      for (const usage of design.children) {
        mass += designMass(index.get(usage.part)) * usage.quantity;
      }
    } else {
      mass = design.mass ?? 0;
    }
    rolledUp.set(design.key, mass);
    return mass;
  };

  for (const record of records) {
    const design = record.design;
    // Only a design whose single revision is in work has InWork at revision A.
    const inWorkOnly = record.state === 'InWork' && record.revision === REVISION_LETTERS[0];
    if (design.kind === 'software' || (design.mass === undefined && design.children === undefined) || inWorkOnly) {
      continue;
    }
    const scatter = design.kind === 'bulk' || isSharedDesign(design) ? 1 : 1 + 0.015 * random.normal();
    record.mass = designMass(design) * scatter;
  }
}

/**
 * Serialized designs with an obsolete revision followed by a released one get serial number
 * effectivity on the top assembly: the old revision up to FCC00012 (for example), the new one from FCC00013.
 */
function assignPartEffectivity(records: PartRecord[], topAssembly: PartRecord, random: Random): void {
  const prefix = topAssembly.design.serialPrefix;
  if (prefix === undefined) {
    return;
  }
  for (let i = 0; i + 1 < records.length; i++) {
    const older = records[i]!;
    const newer = records[i + 1]!;
    if (older.design !== newer.design || older.design.serialPrefix === undefined) {
      continue;
    }
    if (older.state !== 'Obsolete' || newer.state !== 'Released') {
      continue;
    }
    const boundary = FIRST_SERIAL_OF_NEW_REVISION + random.integer(0, 8);
    older.effectivity.push({
      valueType: 'SerialNumber',
      to: formatSerialNumber(prefix, boundary - 1),
      endItem: topAssembly.iri,
    });
    newer.effectivity.push({
      valueType: 'SerialNumber',
      from: formatSerialNumber(prefix, boundary),
      endItem: topAssembly.iri,
    });
  }
}

import type { BlockContext } from './BlockContext.js';
import { DATA_END, DAY_MS, workingInstant, workingInstantAfter } from './Calendar.js';
import { stricterMarking, type ExportMarking } from './ExportControl.js';
import { pickPerson } from './People.js';
import { formatSerialNumber, type PartRecord, type PlannedParts } from './PartPlanner.js';
import type { NonConformanceSpec } from './programmes/ProgrammeDefinition.js';
import type { Random } from './Random.js';
import type { RequirementRecord } from './RequirementPlanner.js';

export interface NonConformanceRecord {
  iri: string;
  identifier: string;
  spec: NonConformanceSpec;
  parts: PartRecord[];
  requirements: RequirementRecord[];
  serialNumbers: string[];
  lotNumber?: string;
  quantityAffected: number;
  closed?: number;
  marking?: ExportMarking;
  created: number;
  modified: number;
  creator: string;
}

/** Highest serial number of a unit that an NCR can name. */
const BUILT_UNITS = 60;

/**
 * Plans the non-conformance reports of one variant. Serialized parts get the serial numbers of the
 * affected units; other parts get a lot number. Only Dispositioned and Closed reports have a
 * disposition, and only Closed ones a close date.
 */
export function planNonConformances(
  context: BlockContext,
  parts: PlannedParts,
  requirements: Map<string, RequirementRecord>,
): NonConformanceRecord[] {
  const random = context.random('non-conformances');
  const firstReport = context.start + 300 * DAY_MS;
  return context.programme.nonConformances.map((spec) => {
    checkSpec(spec);
    const affected = spec.parts.map((key) => {
      const part = parts.effective.get(key);
      if (part === undefined) {
        throw new Error(`NCR "${spec.title}" names unknown part design "${key}".`);
      }
      return part;
    });
    const named = (spec.requirements ?? []).map((key) => {
      const requirement = requirements.get(key);
      if (requirement === undefined) {
        throw new Error(`NCR "${spec.title}" names unknown requirement "${key}".`);
      }
      return requirement;
    });
    let marking: ExportMarking | undefined;
    for (const part of affected) {
      marking = stricterMarking(marking, part.design.marking?.technicalData);
    }

    const quantity = random.integer(spec.quantity[0], spec.quantity[1]);
    const { identifier, iri } = context.identifiers.allocate('NonConformanceReport');
    const created = workingInstant(random, Math.max(firstReport, affected[0]!.created), DATA_END - 40 * DAY_MS);
    const record: NonConformanceRecord = {
      iri,
      identifier,
      spec,
      parts: affected,
      requirements: named,
      serialNumbers: [],
      quantityAffected: quantity,
      created,
      modified: created,
      creator: pickPerson(random, 'quality'),
    };
    const serialPrefix = affected[0]!.design.serialPrefix;
    if (serialPrefix !== undefined) {
      record.serialNumbers = chooseSerialNumbers(random, serialPrefix, quantity);
    } else {
      record.lotNumber = lotNumber(random, created);
    }
    if (marking !== undefined) {
      record.marking = marking;
    }
    applyWorkflowDates(record, random);
    return record;
  });
}

function checkSpec(spec: NonConformanceSpec): void {
  const decided = spec.status === 'Dispositioned' || spec.status === 'Closed';
  if (decided !== (spec.disposition !== undefined)) {
    const rule = decided ? 'needs a disposition' : 'must not have a disposition before the review board decides';
    throw new Error(`Invalid NCR "${spec.title}": status ${spec.status} ${rule}.`);
  }
  if (spec.parts.length === 0) {
    throw new Error(`NCR "${spec.title}" names no affected part.`);
  }
}

function chooseSerialNumbers(random: Random, prefix: string, count: number): string[] {
  const units = new Set<number>();
  while (units.size < Math.min(count, BUILT_UNITS)) {
    units.add(random.integer(1, BUILT_UNITS));
  }
  return [...units].sort((a, b) => a - b).map((unit) => formatSerialNumber(prefix, unit));
}

/** Formats a lot number as L{two-digit year}{week of the year}-{sequence}, for example L2431-0815, for a lot made weeks before the report. */
function lotNumber(random: Random, reported: number): string {
  const made = reported - random.integer(20, 120) * DAY_MS;
  const date = new Date(made);
  const year = String(date.getUTCFullYear() % 100).padStart(2, '0');
  const dayOfYear = Math.floor((made - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS);
  const week = String(Math.min(52, Math.floor(dayOfYear / 7) + 1)).padStart(2, '0');
  return `L${year}${week}-${String(random.integer(1, 9999)).padStart(4, '0')}`;
}

function applyWorkflowDates(record: NonConformanceRecord, random: Random): void {
  switch (record.spec.status) {
    case 'Open':
      record.modified = workingInstantAfter(random, record.created, 0, 10);
      break;
    case 'Under Review':
      record.modified = workingInstantAfter(random, record.created, 2, 20);
      break;
    case 'Dispositioned':
      record.modified = workingInstantAfter(random, record.created, 5, 40);
      break;
    case 'Closed':
      record.closed = workingInstantAfter(random, record.created, 10, 90);
      record.modified = workingInstantAfter(random, record.closed, 0, 2);
      break;
  }
}

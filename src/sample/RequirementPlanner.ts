import type { BlockContext } from './BlockContext.js';
import { DAY_MS, workingInstant, workingInstantAfter } from './Calendar.js';
import { stricterMarking, type ExportMarking } from './ExportControl.js';
import { pickPerson } from './People.js';
import type { PartRecord, PlannedParts } from './PartPlanner.js';
import type { RequirementLevel, RequirementSpec } from './programmes/ProgrammeDefinition.js';

/** One requirement, as it will be written. */
export interface RequirementRecord {
  iri: string;
  identifier: string;
  spec: RequirementSpec;
  parent?: RequirementRecord;
  satisfiedBy: PartRecord[];
  /** IRIs of the test cases that validate the requirement, filled in by the test planner. */
  validatedBy: string[];
  marking?: ExportMarking;
  created: number;
  modified: number;
  creator: string;
}

/** Days after programme start during which requirements of each level are written. */
const WRITING_WINDOW: Record<RequirementLevel, [number, number]> = {
  system: [10, 90],
  high: [60, 240],
  low: [150, 450],
};

/**
 * Plans the requirements of one variant in catalogue order. A requirement satisfied by export-controlled
 * parts carries the marking for technical data about them.
 */
export function planRequirements(context: BlockContext, parts: PlannedParts): Map<string, RequirementRecord> {
  const random = context.random('requirements');
  const records = new Map<string, RequirementRecord>();
  for (const spec of context.programme.requirements) {
    if (records.has(spec.key)) {
      throw new Error(`Duplicate requirement key "${spec.key}" in programme ${context.provider}.`);
    }
    const parent = spec.parent === undefined ? undefined : records.get(spec.parent);
    if (spec.parent !== undefined && parent === undefined) {
      throw new Error(`Requirement "${spec.key}" decomposes "${spec.parent}", which is not defined before it.`);
    }
    const satisfiedBy = (spec.satisfiedBy ?? []).map((key) => {
      const part = parts.effective.get(key);
      if (part === undefined) {
        throw new Error(`Requirement "${spec.key}" is satisfied by unknown part design "${key}".`);
      }
      return part;
    });
    let marking: ExportMarking | undefined;
    for (const part of satisfiedBy) {
      marking = stricterMarking(marking, part.design.marking?.technicalData);
    }
    const [fromDay, toDay] = WRITING_WINDOW[spec.level];
    let created = workingInstant(random, context.start + fromDay * DAY_MS, context.start + toDay * DAY_MS);
    if (parent !== undefined) {
      created = Math.max(created, workingInstantAfter(random, parent.created, 5, 30));
    }
    const { identifier, iri } = context.identifiers.allocate('Requirement');
    const record: RequirementRecord = {
      iri,
      identifier,
      spec,
      satisfiedBy,
      validatedBy: [],
      created,
      modified: workingInstantAfter(random, created, 10, 600),
      creator: pickPerson(random, 'systems'),
    };
    if (parent !== undefined) {
      record.parent = parent;
    }
    if (marking !== undefined) {
      record.marking = marking;
    }
    records.set(spec.key, record);
  }
  return records;
}

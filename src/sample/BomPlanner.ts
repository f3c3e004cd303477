import type { BlockContext } from './BlockContext.js';
import { DATA_END, formatDate, parseInstant, workingInstantAfter } from './Calendar.js';
import { pickPerson, type Role } from './People.js';
import { formatSerialNumber, type EffectivityRecord, type PartRecord, type PlannedParts } from './PartPlanner.js';
import type { EffectivitySpec, QuantityUnit, Usage } from './programmes/ProgrammeDefinition.js';
import type { Random } from './Random.js';

/** One BOM line (OSLC part usage), as it will be written. */
export interface BomLineRecord {
  iri: string;
  identifier: string;
  title: string;
  assembly: PartRecord;
  child: PartRecord;
  quantity: number;
  unit: QuantityUnit;
  findNumber: string;
  referenceDesignators: string[];
  view: 'EBOM' | 'MBOM';
  effectivity: EffectivityRecord[];
  created: number;
  modified: number;
  creator: string;
}

/**
 * Plans the EBOM lines of every in-house assembly of the variant (on its effective revision) and the
 * MBOM lines of the programme's manufacturing BOM, and records each line on its assembly's `bomLines`.
 */
export function planBomLines(context: BlockContext, parts: PlannedParts): BomLineRecord[] {
  const random = context.random('bom lines');
  const lines: BomLineRecord[] = [];

  for (const design of parts.index.ordered) {
    if (design.children === undefined) {
      continue;
    }
    const assembly = parts.effective.get(design.key)!;
    const designatorCounters = new Map<string, number>();
    design.children.forEach((usage, position) => {
      const child = parts.effective.get(usage.part)!;
      const findNumber = String(position + 1);
      const referenceDesignators =
        design.electrical === true && child.design.referenceClass !== undefined
          ? nextDesignators(designatorCounters, child.design.referenceClass, usage.quantity)
          : [];
      lines.push(planLine(context, parts, random, assembly, child, usage, 'EBOM', findNumber, referenceDesignators));
    });
  }

  const mbom = context.programme.manufacturingBom;
  const mbomAssembly = parts.effective.get(mbom.assembly)!;
  mbom.lines.forEach((usage, position) => {
    const child = parts.effective.get(usage.part)!;
    const operation = `M${String((position + 1) * 10).padStart(3, '0')}`;
    lines.push(planLine(context, parts, random, mbomAssembly, child, usage, 'MBOM', operation, []));
  });
  return lines;
}

function planLine(
  context: BlockContext,
  parts: PlannedParts,
  random: Random,
  assembly: PartRecord,
  child: PartRecord,
  usage: Usage,
  view: 'EBOM' | 'MBOM',
  findNumber: string,
  referenceDesignators: string[],
): BomLineRecord {
  const { identifier, iri } = context.identifiers.allocate('BomLine');
  const unit = usage.unit ?? 'NUM';
  // Cut lengths vary a little from variant to variant, in steps of 5 cm.
  const quantity = unit === 'M' ? Math.max(0.05, Math.round((usage.quantity * random.between(0.95, 1.05)) / 0.05) * 0.05) : usage.quantity;
  const created = workingInstantAfter(random, Math.max(assembly.created, child.created), 0, 10);
  const modified = workingInstantAfter(random, created, 0, 90);
  const prefix = view === 'MBOM' ? `${assembly.partNumber} MBOM` : assembly.partNumber;
  assembly.bomLines.push(iri);
  return {
    iri,
    identifier,
    title: `${prefix} item ${findNumber}: ${child.design.title}`,
    assembly,
    child,
    quantity,
    unit,
    findNumber,
    referenceDesignators,
    view,
    effectivity: (usage.effectivity ?? []).map((spec) => lineEffectivity(spec, parts.topAssembly)),
    created: Math.min(created, DATA_END),
    modified,
    creator: pickPerson(random, lineAuthorRole(assembly, view)),
  };
}

/** Manufacturing engineers own the MBOM; the designers of the assembly own its EBOM. */
function lineAuthorRole(assembly: PartRecord, view: 'EBOM' | 'MBOM'): Role {
  if (view === 'MBOM') {
    return 'manufacturing';
  }
  return assembly.design.electrical === true ? 'electronics' : 'mechanical';
}

/** Returns `count` designators of the class, continuing the assembly's numbering: R1, R2, ... */
function nextDesignators(counters: Map<string, number>, referenceClass: string, count: number): string[] {
  if (!Number.isInteger(count)) {
    throw new Error(`Reference designators need a whole quantity, got ${count} for class ${referenceClass}.`);
  }
  const first = (counters.get(referenceClass) ?? 0) + 1;
  counters.set(referenceClass, first + count - 1);
  const designators: string[] = [];
  for (let i = 0; i < count; i++) {
    designators.push(`${referenceClass}${first + i}`);
  }
  return designators;
}

function lineEffectivity(spec: EffectivitySpec, topAssembly: PartRecord): EffectivityRecord {
  if (spec.valueType === 'Date') {
    const record: EffectivityRecord = { valueType: 'Date' };
    if (spec.from !== undefined) {
      record.from = formatDate(parseInstant(spec.from));
    }
    if (spec.to !== undefined) {
      record.to = formatDate(parseInstant(spec.to));
    }
    return record;
  }
  const prefix = topAssembly.design.serialPrefix;
  if (prefix === undefined) {
    throw new Error(`Serial number effectivity needs a serial prefix on top assembly "${topAssembly.design.key}".`);
  }
  const record: EffectivityRecord = { valueType: 'SerialNumber', endItem: topAssembly.iri };
  if (spec.from !== undefined) {
    record.from = formatSerialNumber(prefix, spec.from);
  }
  if (spec.to !== undefined) {
    record.to = formatSerialNumber(prefix, spec.to);
  }
  return record;
}

import type { BomView } from '../BomViews.js';
import type { SourceBomLine, SourcePart } from '../ImportModel.js';
import { KNOWN_UNIT_TEXTS, unitIri } from '../QuantityUnits.js';
import { splitDesignators } from '../ReferenceDesignators.js';
import { localId, userValue, type PlmxmlContent, type PlmxmlElement, type PlmxmlProblem, type Usage } from './PlmxmlContent.js';
import { PlmxmlViews, type ViewType } from './PlmxmlViews.js';

/** UserValue titles of Teamcenter BOM line properties, as exports write them. */
const QUANTITY = ['Quantity', 'bl_quantity'];
const FIND_NUMBER = ['SequenceNumber', 'bl_sequence_no'];
const REFERENCE_DESIGNATOR = ['RefDes', 'bl_ref_designator'];
const UNIT = ['Unit', 'bl_uom'];

/** A child use read from one Occurrence or Instance, before uses of the same child are summed. */
interface ChildUse {
  child: SourcePart;
  quantity: number;
  findNumber?: string;
  unit?: string;
  referenceDesignator?: string;
  usage: Usage;
}

/** Returns how messages name a use: the Occurrence or Instance id, which a PLM XML viewer shows, and the part it uses. */
function useName(usage: Usage, child: SourcePart): string {
  return `${usage.kind} ${usage.id} (part ${child.partNumber} rev ${child.revision})`;
}

/** Returns the quantity of a use: the `quantity` attribute, else a Quantity UserValue, else 1. */
function quantityOf(usage: Usage, child: SourcePart, problems: PlmxmlProblem[]): number | undefined {
  const written = usage.quantity ?? userValue(usage, QUANTITY);
  if (written === undefined || written.trim() === '') {
    return 1;
  }
  const quantity = Number(written);
  if (!Number.isFinite(quantity) || quantity <= 0) {
    // PLM XML writes numbers as XML Schema does, with a decimal point, so 1,5 is a locale's number.
    const text = written.trim();
    let hint = '';
    if (/^\d{1,3},\d{3}$/.test(text)) {
      hint = `; write it with a decimal point (${text.replace(',', '.')}) or without the thousands separator (${text.replace(',', '')})`;
    } else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
      hint = `; write it without thousands separators, as ${text.replaceAll(',', '')}`;
    } else if (/^\d+,\d+$/.test(text)) {
      hint = `; write it with a decimal point, as ${written.trim().replace(',', '.')}`;
    }
    problems.push({ severity: 'error', message: `${useName(usage, child)} has quantity "${written}", but a positive number is required${hint}`, line: usage.line, entity: usage.id });
    return undefined;
  }
  return quantity;
}

/** Returns the child use an Occurrence or Instance describes, or undefined after reporting why it has none. */
function childUse(usage: Usage, partOf: (usage: Usage) => SourcePart | undefined, problems: PlmxmlProblem[]): ChildUse | undefined {
  const child = partOf(usage);
  if (child === undefined) {
    const attribute = usage.kind === 'Occurrence' ? 'instancedRef' : 'partRef';
    const reason =
      usage.target === undefined
        ? `has no ${attribute}; add one that names the used part, such as ${attribute}="#id" with the id of a ProductRevision or Part of the file`
        : `has ${attribute} ${usage.target}, which names no part of the file; point it at the id of a ProductRevision or Part of the file, or add that element`;
    problems.push({ severity: 'error', message: `${usage.kind} ${usage.id} ${reason}`, line: usage.line, entity: usage.id });
    return undefined;
  }
  const quantity = quantityOf(usage, child, problems);
  if (quantity === undefined) {
    return undefined;
  }
  const unitValue = userValue(usage, UNIT);
  const unit = unitValue === undefined ? undefined : unitIri(unitValue);
  if (unitValue !== undefined && unit === undefined) {
    problems.push({
      severity: 'error',
      message: `${useName(usage, child)} has unit "${unitValue}", which has no QUDT unit here; set its ${UNIT[0]} to one of ${KNOWN_UNIT_TEXTS}`,
      line: usage.line,
      entity: usage.id,
    });
    return undefined;
  }
  return { child, quantity, unit, findNumber: userValue(usage, FIND_NUMBER), referenceDesignator: userValue(usage, REFERENCE_DESIGNATOR), usage };
}

/**
 * Returns the BOM lines of one assembly: uses of the same child with the same find number and unit are
 * summed into one line, so repeated instances count as a quantity.
 */
function linesOf(parent: SourcePart, uses: ChildUse[], view: BomView | undefined, file: string): SourceBomLine[] {
  const lines = new Map<string, SourceBomLine>();
  for (const use of uses) {
    const key = JSON.stringify([use.child.sourceId, use.findNumber ?? null, use.unit ?? null]);
    let line = lines.get(key);
    if (line === undefined) {
      line = { parent: parent.sourceId, child: use.child.sourceId, quantity: 0, location: { file, line: use.usage.line, entity: use.usage.id } };
      if (use.unit !== undefined) {
        line.unit = use.unit;
      }
      if (use.findNumber !== undefined && use.findNumber !== '') {
        line.findNumber = use.findNumber;
      }
      if (view !== undefined) {
        line.view = view;
      }
      lines.set(key, line);
    } else {
      (line.mergedLocations ??= []).push({ file, line: use.usage.line, entity: use.usage.id });
    }
    line.quantity += use.quantity;
    // Teamcenter writes all designators of an occurrence with a quantity in one value, such as "S1 S2 S3 S4".
    if (use.referenceDesignator !== undefined && splitDesignators(use.referenceDesignator).length > 0) {
      line.referenceDesignators = [...(line.referenceDesignators ?? []), ...splitDesignators(use.referenceDesignator)];
    }
  }
  return [...lines.values()];
}

/** Returns a comparable form of an assembly's lines, for spotting two occurrences of it that differ. */
function signature(lines: SourceBomLine[]): string {
  return JSON.stringify(lines.map((line) => [line.child, line.quantity, line.unit, line.findNumber, line.referenceDesignators]).sort());
}

/** Returns the Occurrences or Instances that an id list names, reporting each id that names none. */
function usagesNamed(ids: string[], listName: string, owner: PlmxmlElement, content: PlmxmlContent, problems: PlmxmlProblem[]): Usage[] {
  const usages: Usage[] = [];
  for (const id of ids) {
    const usage = content.usages.get(id);
    if (usage === undefined) {
      problems.push({ severity: 'error', message: `${listName} names ${id}, which is no Occurrence, Instance or ProductInstance of the file; name the id of one, or add the missing element`, line: owner.line, entity: owner.id });
    } else {
      usages.push(usage);
    }
  }
  return usages;
}

/**
 * Builds the single-level BOM of every assembly, from ProductView Occurrences (children in
 * `occurrenceRefs`) and from InstanceGraph parts (children in `instanceRefs`). A ProductView repeats a
 * reused sub-assembly's children under each of its occurrences, so each assembly's lines come from its
 * first occurrence, and a later occurrence with other children is reported. The View of the
 * ProductRevisionView that each use comes from sets the BOM view of its line, so one revision may have an
 * EBOM and an MBOM, and uses in different views are never summed. The lines of a view type that names
 * neither BOM are left out with a warning, and `importView` (the import's view) only names where the lines
 * of an unclear view go, in a warning.
 */
export function resolveStructure(content: PlmxmlContent, byElement: Map<string, SourcePart>, file: string, problems: PlmxmlProblem[], importView?: BomView): SourceBomLine[] {
  const partOf = (usage: Usage): SourcePart | undefined => byElement.get(localId(usage.target) ?? '');
  const assemblies = new Map<string, { lines: SourceBomLine[]; from: Usage | undefined }>();
  const views = new PlmxmlViews(content, importView);

  const addAssembly = (parent: SourcePart, childUsages: Usage[], type: ViewType, from: Usage | undefined): void => {
    const uses = childUsages.map((usage) => childUse(usage, partOf, problems)).filter((use): use is ChildUse => use !== undefined);
    const view = type.bomView;
    const lines = linesOf(parent, uses, view, file);
    if (type.name !== undefined && view === undefined) {
      views.leaveOut(type, parent, lines.length);
      return;
    }
    const key = `${view ?? ''}\u0000${parent.sourceId}`;
    const earlier = assemblies.get(key);
    if (earlier === undefined) {
      assemblies.set(key, { lines, from });
    } else if (signature(earlier.lines) !== signature(lines)) {
      const where = from === undefined ? '' : ` at ${from.kind} ${from.id}`;
      const assembly = view === undefined ? parent.sourceId : `${parent.sourceId} (${view})`;
      problems.push({ severity: 'warning', message: `assembly ${assembly} has other children${where} than at its first occurrence; the first is kept`, line: from?.line, entity: from?.id });
    }
  };

  for (const usage of content.usages.values()) {
    if (usage.kind !== 'Occurrence' || usage.childRefs.length === 0) {
      continue;
    }
    const parent = partOf(usage);
    const children = usagesNamed(usage.childRefs, `occurrenceRefs of Occurrence ${usage.id}`, usage, content, problems);
    if (parent === undefined) {
      continue;
    }
    for (const group of views.childrenByView(usage, children, parent)) {
      addAssembly(parent, group.children, group.type, usage);
    }
  }
  for (const graphPart of content.graphParts.values()) {
    const parent = byElement.get(graphPart.id);
    if (parent === undefined || graphPart.instanceRefs.length === 0) {
      continue;
    }
    addAssembly(parent, usagesNamed(graphPart.instanceRefs, `instanceRefs of Part ${graphPart.id}`, graphPart, content, problems), views.ofGraphPart(graphPart), undefined);
  }
  problems.push(...views.warnings());
  return [...assemblies.values()].flatMap((assembly) => assembly.lines);
}

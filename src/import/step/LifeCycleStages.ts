import type { BomView } from '../BomViews.js';
import { firstNamed } from '../FirstNamed.js';
import type { ImportIssue } from '../ImportModel.js';
import { recordOf, referenceParameter, stringParameter, type Part21File, type Part21Instance } from './Part21Reader.js';

/**
 * Life cycle stages that name a BOM view, in lower case. The usage guide of the STEP PDM Schema gives
 * 'design' and 'manufacturing' as the stages that a PRODUCT_DEFINITION_CONTEXT distinguishes. CAD exporters
 * write 'design', and Windchill's AP214 mapping writes 'Design', so case is ignored. Other stages name no view.
 */
const STAGE_VIEWS: ReadonlyMap<string, BomView> = new Map([
  ['design', 'EBOM'],
  ['manufacturing', 'MBOM'],
]);

/** A PRODUCT_DEFINITION_CONTEXT whose life cycle stage names no BOM view, for the warning. The stage is '' when blank. */
export interface UnknownStage {
  context: number;
  line: number;
  stage: string;
}

/** The BOM views that the life cycle stages of a product definition's contexts name. */
export interface DefinitionStages {
  /** EBOM before MBOM, and empty when no stage names a view. */
  views: BomView[];
  /** Contexts with a stage that is not blank and names no view. */
  unknown: UnknownStage[];
  /** Contexts with a blank or missing stage. */
  blank: UnknownStage[];
}

/**
 * Returns the contexts that PRODUCT_DEFINITION_CONTEXT_ASSOCIATION(definition, frame_of_reference, role)
 * instances add to product definitions, by product definition. AP214 and AP242 use them for the further
 * contexts of a view definition, whatever the role is named.
 */
export function associatedContexts(file: Part21File): Map<number, number[]> {
  const contexts = new Map<number, number[]>();
  for (const instance of file.instances.values()) {
    const association = recordOf(instance, 'PRODUCT_DEFINITION_CONTEXT_ASSOCIATION');
    const definition = referenceParameter(association?.parameters[0]);
    const context = referenceParameter(association?.parameters[1]);
    if (definition !== undefined && context !== undefined) {
      contexts.set(definition, [...(contexts.get(definition) ?? []), context]);
    }
  }
  return contexts;
}

/**
 * Reads the life cycle stages of a product definition's contexts: its frame_of_reference and the
 * associated ones. A definition in the 'design' and in the 'manufacturing' stage is both an EBOM and
 * an MBOM, so its usages belong to both.
 */
export function definitionStages(file: Part21File, contexts: readonly (number | undefined)[]): DefinitionStages {
  const views = new Set<BomView>();
  const unknown: UnknownStage[] = [];
  const blank: UnknownStage[] = [];
  for (const id of new Set(contexts)) {
    const instance = id === undefined ? undefined : file.instances.get(id);
    const stage = lifeCycleStage(instance)?.trim();
    if (stage === undefined || stage === '') {
      if (instance !== undefined) {
        blank.push({ context: id!, line: instance.line, stage: '' });
      }
      continue;
    }
    const view = STAGE_VIEWS.get(stage.toLowerCase());
    if (view === undefined) {
      unknown.push({ context: id!, line: instance!.line, stage });
    } else {
      views.add(view);
    }
  }
  return { views: (['EBOM', 'MBOM'] as const).filter((view) => views.has(view)), unknown, blank };
}

/**
 * PRODUCT_DEFINITION_CONTEXT(name, frame_of_reference, life_cycle_stage), or its subtype DESIGN_CONTEXT of
 * AP203 and AP214. A complex instance gives name and frame_of_reference to APPLICATION_CONTEXT_ELEMENT,
 * so there the stage is the first parameter.
 */
function lifeCycleStage(instance: Part21Instance | undefined): string | undefined {
  const context = recordOf(instance, 'PRODUCT_DEFINITION_CONTEXT') ?? recordOf(instance, 'DESIGN_CONTEXT');
  return stringParameter(context?.parameters[instance!.records.length === 1 ? 2 : 0]);
}

/**
 * Returns one warning per context whose stage names no BOM view, naming the assemblies that use it. Their
 * lines go into the import's view, which may not be the BOM that the stage meant, such as 'production'.
 */
export function unknownStageWarnings(fileName: string, assemblies: readonly { partNumber: string; stages: DefinitionStages }[]): ImportIssue[] {
  const byContext = new Map<number, { stage: UnknownStage; partNumbers: string[] }>();
  for (const assembly of assemblies) {
    if (assembly.stages.views.length > 0) {
      continue;
    }
    for (const stage of assembly.stages.unknown) {
      const entry = byContext.get(stage.context) ?? { stage, partNumbers: [] };
      entry.partNumbers.push(assembly.partNumber);
      byContext.set(stage.context, entry);
    }
  }

  return [...byContext.values()].map(({ stage, partNumbers }) => ({
    severity: 'warning',
    message:
      `The product definition context #${stage.context} has the life cycle stage '${stage.stage}', which names no BOM view, so the BOM lines of ` +
      `${firstNamed([...new Set(partNumbers)], 3)} go into the import's view (EBOM unless --bom-view says otherwise). ` +
      "Write 'design' for the EBOM or 'manufacturing' for the MBOM as its life cycle stage, or choose the view with --bom-view.",
    location: { file: fileName, line: stage.line, entity: `#${stage.context}` },
  }));
}

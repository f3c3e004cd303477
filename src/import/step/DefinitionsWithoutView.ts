import { firstNamed } from '../FirstNamed.js';
import type { ImportIssue } from '../ImportModel.js';
import type { UnknownStage } from './LifeCycleStages.js';
import type { ProductDefinition, ProductStructure } from './ProductStructure.js';

/** Number of assemblies that the warning names. It counts the rest. */
const ASSEMBLIES_NAMED = 3;

/**
 * Removes the usages of each assembly definition whose life cycle stages name no BOM view while another
 * PRODUCT_DEFINITION of the same PRODUCT_DEFINITION_FORMATION is in the file, and returns one warning per
 * context of such definitions. The PDM Schema makes each definition of a version a view of its own, such
 * as 'design' and 'production', so the import's view would hold both structures and count every child
 * twice. The Windchill pull leaves out a part version in an unknown view for the same reason. A blank
 * stage counts as no view here too, because 'design' beside it already gives the version's EBOM.
 */
export function leaveOutDefinitionsWithoutView(fileName: string, structure: ProductStructure): ImportIssue[] {
  const versionCounts = new Map<number, number>();
  for (const definition of structure.definitions.values()) {
    versionCounts.set(definition.formation, (versionCounts.get(definition.formation) ?? 0) + 1);
  }
  const leftOut = (definition: ProductDefinition): boolean => definition.stages.views.length === 0 && versionCounts.get(definition.formation)! > 1;

  // Repeated usages of one child in one unit make one BOM line, as in the STEP adapter's emitUsages.
  const linesByAssembly = new Map<ProductDefinition, Set<string>>();
  structure.usages = structure.usages.filter((usage) => {
    const assembly = structure.definitions.get(usage.parent)!;
    if (!leftOut(assembly)) {
      return true;
    }
    const lines = linesByAssembly.get(assembly) ?? new Set<string>();
    lines.add(`${usage.child} ${usage.unit}`);
    linesByAssembly.set(assembly, lines);
    return false;
  });

  // A definition whose contexts are missing from the file is named itself, since it has no context to fix.
  const byContext = new Map<number, { subject: string; stage: string; line: number; assemblies: string[]; lines: number }>();
  for (const [assembly, lines] of linesByAssembly) {
    const [context]: (UnknownStage | undefined)[] = assembly.stages.unknown.length > 0 ? assembly.stages.unknown : assembly.stages.blank;
    const key = context?.context ?? assembly.id;
    const entry = byContext.get(key) ?? {
      subject: context === undefined ? `The product definition #${assembly.id}` : `The product definition context #${context.context}`,
      stage: context?.stage ?? '',
      line: context?.line ?? assembly.line,
      assemblies: [],
      lines: 0,
    };
    entry.assemblies.push(`${assembly.partNumber} rev ${assembly.revision === '' ? '-' : assembly.revision} (#${assembly.id})`);
    entry.lines += lines.size;
    byContext.set(key, entry);
  }

  return [...byContext].map(([key, { subject, stage, line, assemblies, lines }]) => ({
    severity: 'warning',
    message:
      `${subject} has ${stage === '' ? 'a blank life cycle stage' : `the life cycle stage '${stage}'`}, which names no BOM view, ` +
      `and another product definition of the same version is in the file, so the import leaves out ${lines === 1 ? '1 BOM line' : `${lines} BOM lines`} ` +
      `of ${firstNamed(assemblies, ASSEMBLIES_NAMED)} rather than add them to the BOM of that other definition. ` +
      "Write 'manufacturing' as its life cycle stage for an MBOM, or export that view on its own and import it with --bom-view.",
    location: { file: fileName, line, entity: `#${key}` },
  }));
}

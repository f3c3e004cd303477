import { BOM_VIEW_NAMES, DEFAULT_BOM_VIEW, parseBomView, type BomView } from '../BomViews.js';
import { firstNamed } from '../FirstNamed.js';
import type { SourcePart } from '../ImportModel.js';
import { localId, type GraphPart, type PlmxmlContent, type PlmxmlElement, type PlmxmlProblem, type Usage } from './PlmxmlContent.js';

/** Teamcenter's default BOM view type, which names neither BOM. */
const DEFAULT_VIEW_TYPE = 'view';

/** Number of assemblies that the unknown-view warning names. It counts the rest. */
const ASSEMBLIES_NAMED = 3;

/**
 * The Teamcenter BOM view type of a structure: the `name` of the View that a ProductRevisionView names in
 * `viewRef`. Without `name` (no View, or the default type `view`) its lines take the import's view. With
 * `name` but without `bomView` the type is unknown, and the import leaves its lines out.
 */
export interface ViewType {
  name?: string;
  bomView?: BomView;
  /** The View element, for the warning's location. */
  element?: PlmxmlElement;
}

/**
 * Finds the BOM view of each assembly's lines and collects the warnings about view types. An Occurrence
 * of a ProductView names a ProductRevision, which may have ProductRevisionViews of several types. The
 * schema's `lastInstanceParentRef` and `instanceRefs` of the child Occurrences then show which
 * ProductRevisionView the assembly's lines come from, when the export writes them.
 */
export class PlmxmlViews {
  private readonly revisionViews = new Map<string, GraphPart[]>();
  private readonly instanceParents = new Map<string, GraphPart>();
  private readonly unknown = new Map<string, { type: ViewType; lines: Map<string, number> }>();
  private readonly ambiguous = new Map<string, PlmxmlProblem>();

  public constructor(
    private readonly content: PlmxmlContent,
    private readonly importView: BomView = DEFAULT_BOM_VIEW,
  ) {
    for (const part of content.graphParts.values()) {
      const revision = localId(part.revisionRef);
      if (revision !== undefined) {
        this.revisionViews.set(revision, [...(this.revisionViews.get(revision) ?? []), part]);
      }
      for (const instance of part.instanceRefs) {
        this.instanceParents.set(instance, part);
      }
    }
  }

  /** Returns the view type of an InstanceGraph part or ProductRevisionView. */
  public ofGraphPart(part: GraphPart | undefined): ViewType {
    const element = this.content.views.get(localId(part?.viewRef) ?? '');
    const name = element?.name?.trim();
    if (name === undefined || name === '' || name.toLowerCase() === DEFAULT_VIEW_TYPE) {
      return {};
    }
    const bomView = parseBomView(name);
    return bomView === undefined ? { name, element } : { name, bomView, element };
  }

  /**
   * Returns the view type of a ProductView Occurrence's children. A revision whose ProductRevisionViews
   * have several types, and whose Occurrence does not show which one it is, gets the import's view with
   * a warning, once per revision.
   */
  public ofOccurrence(occurrence: Usage, revision: SourcePart | undefined): ViewType {
    const target = localId(occurrence.target) ?? '';
    const graphPart = this.content.graphParts.get(target);
    if (graphPart !== undefined) {
      return this.ofGraphPart(graphPart);
    }

    const types = distinctTypes((this.revisionViews.get(target) ?? []).map((part) => this.ofGraphPart(part)));
    if (types.length <= 1) {
      return types[0] ?? {};
    }
    const typesShown = distinctTypes(this.shownParents(occurrence, target).map((part) => this.ofGraphPart(part)));
    if (typesShown.length === 1) {
      return typesShown[0]!;
    }

    if (!this.ambiguous.has(target)) {
      const label = revision === undefined ? '' : ` (${revision.partNumber} rev ${revision.revision})`;
      const names = types.map((type) => type.name ?? DEFAULT_VIEW_TYPE).join(', ');
      this.ambiguous.set(target, {
        severity: 'warning',
        message:
          `ProductRevision ${target}${label} has BOM view revisions of the types ${names}, and Occurrence ${occurrence.id} does not show which one it uses, ` +
          `so its BOM lines go into the import's view, ${this.importView}. To import each view into its own BOM, export each BOM view revision on its own ` +
          'and import it with --bom-view.',
        line: occurrence.line,
        entity: occurrence.id,
      });
    }
    return {};
  }

  /** Records that the assembly's `lines` BOM lines in an unknown view type are left out. */
  public leaveOut(type: ViewType, assembly: SourcePart, lines: number): void {
    const key = type.name!.toLowerCase();
    const entry = this.unknown.get(key) ?? { type, lines: new Map<string, number>() };
    const label = `${assembly.partNumber} rev ${assembly.revision}`;
    if (!entry.lines.has(label)) {
      entry.lines.set(label, lines);
    }
    this.unknown.set(key, entry);
  }

  /** Returns one warning per unknown view type and one per revision whose view is unclear. */
  public warnings(): PlmxmlProblem[] {
    const unknown = [...this.unknown.values()].map(({ type, lines }): PlmxmlProblem => {
      const total = [...lines.values()].reduce((sum, count) => sum + count, 0);
      return {
        severity: 'warning',
        message:
          `Teamcenter BOM view type "${type.name}" is neither an EBOM nor an MBOM view (${BOM_VIEW_NAMES.join(', ')}), so the import leaves out ` +
          `${total === 1 ? '1 BOM line' : `${total} BOM lines`} of ${lines.size === 1 ? '1 assembly' : `${lines.size} assemblies`} in that view: ` +
          `${firstNamed([...lines.keys()], ASSEMBLIES_NAMED)}. To import them, rename the view type in the export to one that the import reads ` +
          `(${BOM_VIEW_NAMES.join(', ')}), or to Teamcenter's default type ${DEFAULT_VIEW_TYPE}, whose lines go into the import's view (--bom-view).`,
        ...(type.element === undefined ? {} : { line: type.element.line, entity: type.element.id }),
      };
    });
    return [...unknown, ...this.ambiguous.values()];
  }

  /** Returns the ProductRevisionViews of `revision` that the child Occurrences name as the parent of their last Instance. */
  private shownParents(occurrence: Usage, revision: string): GraphPart[] {
    const parents: GraphPart[] = [];
    for (const childId of occurrence.childRefs) {
      const child = this.content.usages.get(childId);
      const lastInstance = child?.instanceRefs?.at(-1);
      const parent = this.content.graphParts.get(localId(child?.lastInstanceParentRef) ?? '') ?? (lastInstance === undefined ? undefined : this.instanceParents.get(lastInstance));
      if (parent !== undefined && localId(parent.revisionRef) === revision) {
        parents.push(parent);
      }
    }
    return parents;
  }
}

/** Returns the types that differ, by BOM view or by lower-case name, in the order first seen. */
function distinctTypes(types: ViewType[]): ViewType[] {
  const byKey = new Map<string, ViewType>();
  for (const type of types) {
    const key = type.bomView ?? (type.name === undefined ? '' : `?${type.name.toLowerCase()}`);
    if (!byKey.has(key)) {
      byKey.set(key, type);
    }
  }
  return [...byKey.values()];
}

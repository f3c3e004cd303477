import { BOM_VIEW_NAMES, DEFAULT_BOM_VIEW, parseBomView, type BomView } from '../BomViews.js';
import { firstNamed } from '../FirstNamed.js';
import type { SourcePart } from '../ImportModel.js';
import { localId, type GraphPart, type PlmxmlContent, type PlmxmlElement, type PlmxmlProblem, type Usage } from './PlmxmlContent.js';

/** Teamcenter's default BOM view type, which names neither BOM. */
const DEFAULT_VIEW_TYPE = 'view';

/** Number of assemblies that the unknown-view warning names. It counts the rest. */
const ASSEMBLIES_NAMED = 3;

/** Number of child Occurrences that the unclear-view warning names. It counts the rest. */
const CHILDREN_NAMED = 3;

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

/** Child Occurrences of one assembly whose lines share a view type. */
export interface ViewGroup {
  type: ViewType;
  children: Usage[];
}

/**
 * Finds the BOM view of each assembly's lines and collects the warnings about view types. An Occurrence
 * of a ProductView names a ProductRevision, which may have ProductRevisionViews of several types. The
 * schema's `lastInstanceParentRef` and `instanceRefs` of each child Occurrence then show which
 * ProductRevisionView that child's line comes from, when the export writes them.
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
   * Groups the child Occurrences of a ProductView Occurrence by their view type, in the order first seen,
   * so that uses of different views never add up to one quantity. A child's own `lastInstanceParentRef`,
   * or the last Instance of its `instanceRefs`, shows its ProductRevisionView. A child that shows none
   * takes the assembly's view type from `ofAssembly`.
   */
  public childrenByView(occurrence: Usage, children: Usage[], revision: SourcePart | undefined): ViewGroup[] {
    const target = localId(occurrence.target) ?? '';
    const graphPart = this.content.graphParts.get(target);
    const revisionId = graphPart === undefined ? target : localId(graphPart.revisionRef);
    const shownParents = children.map((child) => (revisionId === undefined ? undefined : this.shownParent(child, revisionId)));

    const unshown = children.filter((_, index) => shownParents[index] === undefined);
    const assemblyType = unshown.length === 0 ? {} : this.ofAssembly(occurrence, graphPart, unshown, children.length, revision);

    const groups = new Map<string, ViewGroup>();
    children.forEach((child, index) => {
      const parent = shownParents[index];
      const type = parent === undefined ? assemblyType : this.ofGraphPart(parent);
      const group = groups.get(typeKey(type)) ?? { type, children: [] };
      group.children.push(child);
      groups.set(typeKey(type), group);
    });
    return [...groups.values()];
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

  /**
   * Returns the view type of an Occurrence's children that show no ProductRevisionView of their own: the
   * type of the ProductRevisionView that the Occurrence's `instancedRef` names, else the type of all the
   * revision's ProductRevisionViews. When these have several types, the children get the import's view
   * with a warning, once per revision.
   */
  private ofAssembly(occurrence: Usage, graphPart: GraphPart | undefined, unshown: Usage[], childCount: number, revision: SourcePart | undefined): ViewType {
    if (graphPart !== undefined) {
      return this.ofGraphPart(graphPart);
    }
    const target = localId(occurrence.target) ?? '';
    const types = distinctTypes((this.revisionViews.get(target) ?? []).map((part) => this.ofGraphPart(part)));
    if (types.length <= 1) {
      return types[0] ?? {};
    }

    if (!this.ambiguous.has(target)) {
      const label = revision === undefined ? '' : ` (${revision.partNumber} rev ${revision.revision})`;
      const names = types.map((type) => type.name ?? DEFAULT_VIEW_TYPE).join(', ');
      const revisionViews = `ProductRevision ${target}${label} has BOM view revisions of the types ${names}`;
      const exportEach = 'export each BOM view revision on its own and import it with --bom-view.';
      if (unshown.length === childCount) {
        this.ambiguous.set(target, {
          severity: 'warning',
          message:
            `${revisionViews}, and Occurrence ${occurrence.id} does not show which one it uses, so its BOM lines go into the import's view, ${this.importView}. ` +
            `To import each view into its own BOM, ${exportEach}`,
          line: occurrence.line,
          entity: occurrence.id,
        });
      } else {
        const ids = firstNamed(unshown.map((child) => child.id), CHILDREN_NAMED);
        const single = unshown.length === 1;
        this.ambiguous.set(target, {
          severity: 'warning',
          message:
            `${revisionViews}, and the child ${single ? 'Occurrence' : 'Occurrences'} ${ids} of Occurrence ${occurrence.id} ` +
            `${single ? 'does not show which one it comes from, so its BOM line goes' : 'do not show which one they come from, so their BOM lines go'} ` +
            `into the import's view, ${this.importView}. To place ${single ? 'it, give it' : 'them, give each'} a lastInstanceParentRef that names its ProductRevisionView, or ${exportEach}`,
          line: unshown[0]!.line,
          entity: unshown[0]!.id,
        });
      }
    }
    return {};
  }

  /**
   * Returns the ProductRevisionView of `revision` that a child Occurrence names as the parent of its last
   * Instance: its `lastInstanceParentRef`, else the ProductRevisionView that lists the last Instance of its
   * `instanceRefs`. The schema's Occurrence allows either, and the first wins where both are written.
   */
  private shownParent(child: Usage, revision: string): GraphPart | undefined {
    const lastInstance = child.instanceRefs?.at(-1);
    const parent = this.content.graphParts.get(localId(child.lastInstanceParentRef) ?? '') ?? (lastInstance === undefined ? undefined : this.instanceParents.get(lastInstance));
    return parent !== undefined && localId(parent.revisionRef) === revision ? parent : undefined;
  }
}

/** Returns the types that differ, by BOM view or by lower-case name, in the order first seen. */
function distinctTypes(types: ViewType[]): ViewType[] {
  const byKey = new Map<string, ViewType>();
  for (const type of types) {
    if (!byKey.has(typeKey(type))) {
      byKey.set(typeKey(type), type);
    }
  }
  return [...byKey.values()];
}

/** Returns the key that distinguishes view types: the BOM view, else the lower-case name, else '' for the import's view. */
function typeKey(type: ViewType): string {
  return type.bomView ?? (type.name === undefined ? '' : `?${type.name.toLowerCase()}`);
}

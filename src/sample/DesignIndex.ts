import type { PartDesign, ProgrammeDefinition } from './programmes/ProgrammeDefinition.js';

/**
 * The part designs of a programme in generation order, with their depth in the EBOM. The order is a
 * depth-first walk of the EBOM from the top assembly, so P-000001 is the top assembly and each
 * assembly comes before its children. Designs used only in the MBOM follow.
 */
export class DesignIndex {
  readonly ordered: PartDesign[] = [];
  /** EBOM level of the first use the walk finds, which places creation dates; MBOM-only designs get the level below their assembly. */
  readonly level = new Map<string, number>();
  private readonly byKey = new Map<string, PartDesign>();

  constructor(readonly programme: ProgrammeDefinition) {
    for (const design of programme.designs) {
      if (this.byKey.has(design.key)) {
        throw new Error(`Duplicate part design key "${design.key}" in programme ${programme.key}.`);
      }
      this.byKey.set(design.key, design);
    }
    this.visit(programme.topAssembly, 0);
    const mbomAssemblyLevel = this.levelOf(programme.manufacturingBom.assembly);
    for (const line of programme.manufacturingBom.lines) {
      this.visit(line.part, mbomAssemblyLevel + 1);
    }
    for (const design of programme.designs) {
      if (!this.level.has(design.key)) {
        throw new Error(`Part design "${design.key}" of programme ${programme.key} is used in no bill of materials.`);
      }
    }
    this.checkSharedDesigns();
  }

  get(key: string): PartDesign {
    const design = this.byKey.get(key);
    if (design === undefined) {
      throw new Error(`Unknown part design "${key}" in programme ${this.programme.key}.`);
    }
    return design;
  }

  levelOf(key: string): number {
    const level = this.level.get(key);
    if (level === undefined) {
      throw new Error(`Part design "${key}" is not in the EBOM of programme ${this.programme.key}.`);
    }
    return level;
  }

  private visit(key: string, level: number): void {
    const design = this.get(key);
    if (this.level.has(key)) {
      return;
    }
    this.level.set(key, level);
    this.ordered.push(design);
    for (const child of design.children ?? []) {
      this.visit(child.part, level + 1);
    }
  }

  /**
   * Standard and purchased parts are generated once and shared by every variant. A shared assembly
   * would need BOM lines from later variants, which a streaming generator cannot add, so they must be leaves.
   */
  private checkSharedDesigns(): void {
    for (const design of this.ordered) {
      const shared = design.drawing === undefined;
      if (shared && design.partNumber === undefined) {
        throw new Error(`Part design "${design.key}" needs a drawing number or a part number.`);
      }
      if (shared && (design.children?.length ?? 0) > 0) {
        throw new Error(`Part design "${design.key}" has a BOM but no drawing number; purchased parts must be leaves.`);
      }
    }
  }
}

/** Returns whether the design is a standard or purchased part, which all variants share. */
export function isSharedDesign(design: PartDesign): boolean {
  return design.drawing === undefined;
}

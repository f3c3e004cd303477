import type { ImportIssue } from '../ImportModel.js';
import { mergeCopies, type MergedPart } from './PartCopies.js';
import { entityId, partLabel, propertyText, type Entity } from './WindchillParts.js';
import type { PartView } from './WindchillViews.js';

/** The parts of a pull with the view versions of each part number and revision merged into one. */
export interface MergedVersions {
  parts: MergedPart[];
  /** The ID of the version that each other merged version's BOM lines now name, by that version's ID. */
  aliases: Map<string, string>;
  issues: ImportIssue[];
}

/**
 * Rank of a view for choosing the version whose values a part takes, lowest first. The Design (EBOM) view
 * is upstream of the others, because Windchill derives Manufacturing versions from it, so its values
 * describe the part. A version without a view comes next, then the MBOM view, then views that map to none.
 */
function viewRank(view: PartView): number {
  if (view.bomView === 'EBOM') {
    return 0;
  }
  if (view.name === undefined) {
    return 1;
  }
  return view.bomView === 'MBOM' ? 2 : 3;
}

function viewName(view: PartView): string {
  return view.name ?? 'view-less';
}

/**
 * Merges the Windchill versions of one part number and revision that differ in view, such as a Design
 * version and its downstream Manufacturing version. Our model identifies a part by number and revision
 * only, so both are one part, and their BOM lines differ in view instead. The part takes the values of
 * the version that `viewRank` puts first, and a property that only another version has is added. When
 * the versions give different `compared` properties (Name, the description property), a warning names
 * both values and the one kept. Versions of the same view are left as they are, so that the batch check
 * reports two different parts with one number and revision as before.
 */
export function mergeViewVersions(parts: readonly MergedPart[], viewOf: (entity: Entity) => PartView, compared: readonly string[]): MergedVersions {
  const groups = new Map<string, MergedPart[]>();
  for (const part of parts) {
    const key = partLabel(part.entity);
    groups.set(key, [...(groups.get(key) ?? []), part]);
  }

  const result: MergedVersions = { parts: [], aliases: new Map(), issues: [] };
  for (const [label, versions] of groups) {
    const views = versions.map((version) => viewOf(version.entity));
    if (new Set(views.map(viewName)).size < 2) {
      result.parts.push(...versions);
      continue;
    }

    // The first version read wins between versions of the same rank, so the choice repeats on every pull.
    const order = versions.map((_, index) => index).sort((a, b) => viewRank(views[a]!) - viewRank(views[b]!) || a - b);
    const primary = versions[order[0]!]!;
    const primaryId = entityId(primary.entity)!;
    let entity = primary.entity;
    for (const index of order.slice(1)) {
      const other = versions[index]!;
      result.issues.push(...differences(label, { entity, view: views[order[0]!]! }, { ...other, view: views[index]! }, compared));
      entity = mergeCopies(entity, other.entity);
      result.aliases.set(entityId(other.entity)!, primaryId);
    }
    result.parts.push({ entity, page: primary.page });
  }
  return result;
}

/**
 * Returns one version of each part number and revision whose versions in `parts` are all downstream
 * (MBOM or unknown view). An incremental pull reads only the versions that changed, so a changed
 * Manufacturing version comes without its Design version, whose values the part takes on a full pull.
 * The pull reads those Design versions too, so that the part's values do not depend on which versions changed.
 */
export function downstreamOnly(parts: readonly MergedPart[], viewOf: (entity: Entity) => PartView): Entity[] {
  const best = new Map<string, { entity: Entity; rank: number }>();
  for (const { entity } of parts) {
    const key = partLabel(entity);
    const rank = viewRank(viewOf(entity));
    const known = best.get(key);
    if (known === undefined || rank < known.rank) {
      best.set(key, { entity, rank });
    }
  }
  return [...best.values()].filter(({ rank }) => rank >= 2).map(({ entity }) => entity);
}

/** Returns a warning for each `compared` property that two view versions of one part give different values. */
function differences(label: string, primary: { entity: Entity; view: PartView }, other: MergedPart & { view: PartView }, compared: readonly string[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const property of compared) {
    const primaryValue = propertyText(primary.entity[property]);
    const otherValue = propertyText(other.entity[property]);
    if (primaryValue === undefined || otherValue === undefined || primaryValue === otherValue) {
      continue;
    }
    const otherId = entityId(other.entity)!;
    issues.push({
      severity: 'warning',
      message:
        `Part ${label} has the ${property} ${JSON.stringify(primaryValue)} in its ${viewName(primary.view)} version and ${JSON.stringify(otherValue)} in its ${viewName(other.view)} version ${otherId}. ` +
        `The part keeps the ${viewName(primary.view)} version's ${property}, because one part number and revision is one part in every BOM view; make the two equal in Windchill to clear this warning.`,
      location: { file: other.page, entity: otherId },
    });
  }
  return issues;
}

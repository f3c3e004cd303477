import { BOM_VIEW_NAMES, BomViewNames, type BomView } from '../BomViews.js';
import type { ImportIssue, SourceLocation } from '../ImportModel.js';
import { firstNamed } from '../FirstNamed.js';
import { propertyText, type Entity } from './WindchillParts.js';

/** Number of part versions that the unknown-view warning names. It counts the rest. */
const VERSIONS_NAMED = 3;

/**
 * The Windchill view of one Part version: the `View` name as Windchill returns it, and the BOM view that
 * the version's `Uses` belong to. Without `name` the site does not use views for the part, so its lines
 * take the import's default view (`--bom-view`). With `name` but without `bomView` the view is unknown.
 */
export interface PartView {
  name?: string;
  bomView?: BomView;
}

/**
 * Maps Windchill view names to BOM views. A site's own names (`views` of the `--mapping` file, such as
 * `{"Service": "MBOM"}`) come first, then the names that parseBomView reads (Design, Manufacturing).
 * Names match regardless of case and surrounding spaces, as parseBomView matches them.
 */
export class WindchillViews {
  private readonly names: BomViewNames;

  /** Throws InvalidImportOptionError for a site view mapped to neither EBOM nor MBOM. */
  public constructor(siteViews: Readonly<Record<string, string>> = {}) {
    this.names = new BomViewNames(siteViews, 'Windchill view');
  }

  /** Returns the view of a Part version from its `View` property, a string or a `{Value, Display}` object. */
  public of(entity: Entity): PartView {
    const name = propertyText(entity.View)?.trim();
    if (name === undefined || name === '') {
      return {};
    }
    const view = this.names.resolve(name);
    return view === undefined ? { name } : { name, bomView: view };
  }
}

/**
 * Collects the part versions whose view is neither EBOM nor MBOM, and whose BOM lines the pull therefore
 * leaves out. Importing them as EBOM lines would mix a service or planning structure into the engineering
 * BOM, so the warning names the versions and the `views` mapping that imports them into a BOM view.
 */
export class UnknownViews {
  private readonly versions = new Map<string, { labels: string[]; lines: number; location: SourceLocation }>();

  /** Records that the version `label` in the view `name` has one BOM line at `location`, which the pull leaves out. */
  public add(name: string, label: string, location: SourceLocation): void {
    const entry = this.versions.get(name) ?? { labels: [], lines: 0, location };
    if (!entry.labels.includes(label)) {
      entry.labels.push(label);
    }
    entry.lines += 1;
    this.versions.set(name, entry);
  }

  /** Returns one warning per unknown view name. */
  public issues(): ImportIssue[] {
    return [...this.versions].map(([name, { labels, lines, location }]) => ({
      severity: 'warning',
      message:
        `Windchill view "${name}" is neither an EBOM nor an MBOM view (${BOM_VIEW_NAMES.join(', ')}), so the pull leaves out ${lines === 1 ? '1 BOM line' : `${lines} BOM lines`} ` +
        `of ${labels.length === 1 ? '1 part version' : `${labels.length} part versions`} in that view: ${firstNamed(labels, VERSIONS_NAMED)}. ` +
        `To import them, map the view to a BOM view in a --mapping file, as in {"views": {"${name}": "MBOM"}}.`,
      location,
    }));
  }
}

import { DT } from '../rdf/namespaces.js';
import { InvalidImportOptionError } from './ImportErrors.js';

/**
 * The BOM that a BOM line belongs to: the engineering BOM (the product as designed) or the manufacturing
 * BOM (the product as planned for building, with the kits and sub-assemblies of the shop floor). One
 * assembly can have both, with lines to the same child in each, so the view is part of a line's identity.
 */
export type BomView = 'EBOM' | 'MBOM';

/** The view of BOM lines whose source does not name one. */
export const DEFAULT_BOM_VIEW: BomView = 'EBOM';

/**
 * Names that sources use for each view, in lower case: our own, Windchill's part views (Design,
 * Manufacturing) and the life cycle stages of STEP product definition contexts ('design', 'manufacturing').
 */
const VIEW_NAMES: ReadonlyMap<string, BomView> = new Map([
  ['ebom', 'EBOM'],
  ['engineering', 'EBOM'],
  ['design', 'EBOM'],
  ['as designed', 'EBOM'],
  ['mbom', 'MBOM'],
  ['manufacturing', 'MBOM'],
  ['as planned', 'MBOM'],
]);

/** The names that `parseBomView` reads, for messages. */
export const BOM_VIEW_NAMES: readonly string[] = ['EBOM', 'MBOM', 'Design', 'Manufacturing'];

/** Returns the view that a source's name for it means, ignoring case and surrounding spaces, or undefined. */
export function parseBomView(name: string): BomView | undefined {
  return VIEW_NAMES.get(name.trim().toLowerCase().replace(/[\s_-]+/g, ' '));
}

/** Returns the IRI of a view, dt:EBOM or dt:MBOM. */
export function bomViewIri(view: BomView): string {
  return DT(view);
}

/** Returns the view of a dt:bomView IRI; lines without one, or with another IRI, count as EBOM lines. */
export function bomViewOf(iri: string | undefined): BomView {
  return iri === DT('MBOM') ? 'MBOM' : 'EBOM';
}

/** Returns the problem of a site's view name that maps to neither EBOM nor MBOM, or undefined; `kind` names the view, such as "Windchill view". */
export function siteViewProblem(kind: string, name: string, target: string): string | undefined {
  return parseBomView(target) === undefined ? `the ${kind} "${name}" maps to "${target}", which is no BOM view; map it to EBOM or MBOM` : undefined;
}

/**
 * The view names of a source: a site's own names (the `views` of a mapping, such as `{"Service": "MBOM"}`)
 * first, then the names that parseBomView reads. Names match regardless of case and surrounding spaces.
 */
export class BomViewNames {
  private readonly siteViews = new Map<string, BomView>();

  /** Throws InvalidImportOptionError for the first site view that maps to neither EBOM nor MBOM. */
  public constructor(siteViews: Readonly<Record<string, string>> = {}, kind = 'BOM view') {
    for (const [name, target] of Object.entries(siteViews)) {
      const problem = siteViewProblem(kind, name, target);
      if (problem !== undefined) {
        throw new InvalidImportOptionError('views', problem);
      }
      this.siteViews.set(name.trim().toLowerCase(), parseBomView(target)!);
    }
  }

  /** Returns the BOM view that a source's view name means, or undefined. */
  public resolve(name: string): BomView | undefined {
    return this.siteViews.get(name.trim().toLowerCase()) ?? parseBomView(name);
  }
}

/** Names the MBOM in messages about its lines; EBOM lines are the usual case and need no mention. */
export function inView(view: BomView): string {
  return view === 'MBOM' ? ' in the MBOM' : '';
}

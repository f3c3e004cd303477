import { DT } from '../rdf/namespaces.js';

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

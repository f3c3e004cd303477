import type { Request } from 'express';
import { parseBomView, type BomView } from '../import/BomViews.js';
import { closestName } from '../query/ParameterNames.js';
import { BadRequestHttpError } from './HttpError.js';

/** The query parameter that selects a BOM view, named as on the import endpoint. */
export const BOM_VIEW_PARAMETER = 'bomView';

/**
 * Reads the BOM view that a `{part}/bom` request selects with `?bomView=`: EBOM or MBOM in any letter
 * case, or another name that imports read for a view, such as Manufacturing. Returns undefined when the
 * parameter is absent or empty, which selects the lines of every view. Rejects an unknown or repeated
 * value. It also rejects a parameter that looks like a misspelt `bomView`, such as `view` or `bom_view`.
 * Other GET parameters are ignored, but ignoring one of these would list both views without notice.
 */
export function requestedBomView(req: Request): BomView | undefined {
  rejectMisspeltParameter(req);

  const value: unknown = req.query[BOM_VIEW_PARAMETER];
  if (value === undefined || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new BadRequestHttpError(`The ${BOM_VIEW_PARAMETER} query parameter is given more than once. Give it once, as ${BOM_VIEW_PARAMETER}=EBOM or ${BOM_VIEW_PARAMETER}=MBOM.`);
  }

  return bomViewValue(value, 'or omit the parameter to list the lines of both BOMs');
}

/** Returns the view that a `bomView` parameter value names; rejects another value, with `alternative` as the other fix. */
export function bomViewValue(value: string, alternative: string): BomView {
  const view = parseBomView(value);
  if (view === undefined) {
    throw new BadRequestHttpError(`The ${BOM_VIEW_PARAMETER} query parameter has the invalid value "${value}". Use EBOM or MBOM (in any letter case), ${alternative}.`);
  }
  return view;
}

/** Returns the canonical parameter value of a view, as links to `bom` documents carry it. */
export function bomViewQuery(view: BomView): string {
  return `${BOM_VIEW_PARAMETER}=${view}`;
}

function rejectMisspeltParameter(req: Request): void {
  for (const name of Object.keys(req.query)) {
    if (name === BOM_VIEW_PARAMETER) {
      continue;
    }
    if (name.toLowerCase() === 'view' || closestName(name, [BOM_VIEW_PARAMETER]) !== undefined) {
      throw new BadRequestHttpError(
        `The query parameter "${name}" is unknown. Select a BOM view with ${BOM_VIEW_PARAMETER}=EBOM or ${BOM_VIEW_PARAMETER}=MBOM, or omit it to list the lines of both BOMs.`,
      );
    }
  }
}

import { Router, type Request, type Response } from 'express';
import { readScopeOf } from '../../auth/ReadScope.js';
import { OSLC_PLM } from '../../rdf/namespaces.js';
import { bomViewIri, bomViewOf, type BomView } from '../../import/BomViews.js';
import { linesInView, readDirectLines, type BomLine } from '../../resources/BomStructure.js';
import type { Vocabulary } from '../../vocab/Vocabulary.js';
import { requestedBomView } from '../BomViewParameter.js';
import { bomUrl } from '../html/BomSection.js';
import { MethodNotAllowedHttpError, NotFoundHttpError } from '../HttpError.js';
import type { ServerContext } from '../ServerContext.js';

const ALLOWED = ['GET', 'HEAD'];

/** One BOM line as the `bom` document lists it; IRIs are absolute. */
interface BomLineJson {
  line: string;
  identifier: string | null;
  findNumber: string | null;
  quantity: number | null;
  unit: string | null;
  /** Display symbol of the unit, such as `pcs` or `mm`. */
  unitSymbol: string | null;
  bomView: string | null;
  bomViewLabel: string | null;
  child: {
    part: string;
    partNumber: string | null;
    revision: string | null;
    title: string | null;
    /** Whether the child is an assembly with BOM lines of its own, in the document's view or, without one, in any view. */
    hasLines: boolean;
    /** Its `bom` document when it has lines, in the document's view, else null. */
    bom: string | null;
    /** The child's lines in this line's BOM view, which a tree that keeps the views apart expands. */
    sameView: { hasLines: boolean; bom: string | null };
  };
}

/**
 * Serves the direct BOM lines of a part as JSON at `oslc/sp/{provider}/{segment}/{identifier}/bom`, which the
 * part page's BOM tree loads one level at a time. `?bomView=EBOM` or `?bomView=MBOM` (any letter case)
 * lists the lines of that view only, and each child's `hasLines` and `bom` then refer to the same view,
 * because totalling an EBOM and an MBOM together counts parts twice. Without the parameter the document
 * lists the lines of both views, EBOM first, and each child's `sameView` gives its lines in the line's
 * view. An invalid view is a 400 that names the accepted ones. The document depends on the lines and
 * child parts, so it is sent with `Cache-Control: no-cache` and without an ETag. A part without lines
 * has an empty `lines` array; a resource that is not a part is not found.
 */
/** Path of a part's BOM document. */
export const BOM_PATH = '/oslc/sp/:provider/:segment/:identifier/bom';

export function bomRoutes(context: ServerContext): Router {
  const router = Router();
  const path = BOM_PATH;
  const read = (req: Request, res: Response): Promise<void> => readBom(context, req, res);
  router.get(path, read);
  router.head(path, read);
  router.all(path, (req) => {
    throw new MethodNotAllowedHttpError(req.method, ALLOWED);
  });
  return router;
}

async function readBom(context: ServerContext, req: Request, res: Response): Promise<void> {
  const { provider, segment, identifier } = req.params as { provider: string; segment: string; identifier: string };
  const view = requestedBomView(req);
  const part = context.urls.resource({ provider, segment, identifier });
  const shape = context.shapes.bySegment(segment);
  const isPart = shape?.describes.includes(OSLC_PLM('Part')) === true && context.providers.get(provider) !== undefined;
  // A part the user may not read gets the same 404 as a missing one, and so do its lines.
  const scope = readScopeOf(res);
  if (!isPart || (await context.store.versionOf(part)) === undefined || !scope.canRead(part)) {
    throw new NotFoundHttpError(`No part exists at ${part}, so it has no BOM; BOM documents exist for parts only, at {part}/bom.`);
  }

  const allLines = await readDirectLines(context.store, part, scope);
  const lines = view === undefined ? allLines : linesInView(allLines, view);
  const document = {
    part,
    bom: bomUrl(part, view),
    bomView: view === undefined ? null : bomViewIri(view),
    lines: lines.map((line) => toJson(line, view, context.vocabulary)),
  };
  res.setHeader('Allow', ALLOWED.join(', '));
  context.responder.write(req, res, JSON.stringify(document), 'application/json; charset=utf-8', { headers: { 'Cache-Control': 'no-cache' } });
}

/** Converts a line to JSON for the document of one `view`, or of all lines when `view` is undefined. */
function toJson(line: BomLine, view: BomView | undefined, vocabulary: Vocabulary): BomLineJson {
  const child = line.child;
  const lineView = bomViewOf(line.bomView);
  const hasLines = view === undefined ? child.hasLines : child.hasLinesIn[view];
  const hasLinesInLineView = child.hasLinesIn[lineView];
  return {
    line: line.iri,
    identifier: line.identifier ?? null,
    findNumber: line.findNumber ?? null,
    quantity: line.quantity ?? null,
    unit: line.unit ?? null,
    unitSymbol: (line.unit === undefined ? undefined : vocabulary.symbol(line.unit)) ?? null,
    bomView: line.bomView ?? null,
    bomViewLabel: (line.bomView === undefined ? undefined : vocabulary.label(line.bomView)) ?? null,
    child: {
      part: child.iri,
      partNumber: child.partNumber ?? null,
      revision: child.revision ?? null,
      title: child.title ?? null,
      hasLines,
      bom: hasLines ? bomUrl(child.iri, view) : null,
      sameView: { hasLines: hasLinesInLineView, bom: hasLinesInLineView ? bomUrl(child.iri, lineView) : null },
    },
  };
}

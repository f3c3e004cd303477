import { Router, type Request, type Response } from 'express';
import { OSLC_PLM } from '../../rdf/namespaces.js';
import { readDirectLines, type BomLine } from '../../resources/BomStructure.js';
import type { Vocabulary } from '../../vocab/Vocabulary.js';
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
    /** Whether the child is an assembly with BOM lines of its own. */
    hasLines: boolean;
    /** Its `bom` document when it has lines, else null. */
    bom: string | null;
  };
}

/**
 * Serves the direct BOM lines of a part as JSON at `oslc/sp/{provider}/{segment}/{identifier}/bom`, which the
 * part page's BOM tree loads one level at a time. The document depends on the lines and child parts,
 * so it is sent with `Cache-Control: no-cache` and without an ETag. A part without lines has an empty
 * `lines` array; a resource that is not a part is not found.
 */
export function bomRoutes(context: ServerContext): Router {
  const router = Router();
  const path = '/oslc/sp/:provider/:segment/:identifier/bom';
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
  const part = context.urls.resource({ provider, segment, identifier });
  const shape = context.shapes.bySegment(segment);
  const isPart = shape?.describes.includes(OSLC_PLM('Part')) === true && context.providers.get(provider) !== undefined;
  if (!isPart || (await context.store.versionOf(part)) === undefined) {
    throw new NotFoundHttpError(`No part exists at ${part}, so it has no BOM; BOM documents exist for parts only, at {part}/bom.`);
  }

  const lines = await readDirectLines(context.store, part);
  const document = { part, bom: bomUrl(part), lines: lines.map((line) => toJson(line, context.vocabulary)) };
  res.setHeader('Allow', ALLOWED.join(', '));
  context.responder.write(req, res, JSON.stringify(document), 'application/json; charset=utf-8', { headers: { 'Cache-Control': 'no-cache' } });
}

function toJson(line: BomLine, vocabulary: Vocabulary): BomLineJson {
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
      part: line.child.iri,
      partNumber: line.child.partNumber ?? null,
      revision: line.child.revision ?? null,
      title: line.child.title ?? null,
      hasLines: line.child.hasLines,
      bom: line.child.hasLines ? bomUrl(line.child.iri) : null,
    },
  };
}

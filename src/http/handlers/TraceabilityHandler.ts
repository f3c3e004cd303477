import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import { HIGHEST_LEVEL } from '../../auth/ExportControl.js';
import { readScopeOf } from '../../auth/ReadScope.js';
import { InvalidFilterError, parseAnalysisFilter } from '../../certification/AnalysisFilters.js';
import { CLEARANCES } from '../../certification/ExportClearance.js';
import { ObjectiveCatalogue } from '../../certification/ObjectiveCatalogue.js';
import { filterForReader } from '../../certification/ReaderClearance.js';
import { renderHtmlReport } from '../../certification/render/HtmlReport.js';
import { CSV_VIEWS, REPORT_FORMATS, renderReport, type CsvView, type ReportFormat } from '../../certification/render/ReportFormats.js';
import { reportResourceQuads } from '../../certification/ReportResource.js';
import { analyseTraceability } from '../../certification/TraceabilityAnalysis.js';
import type { AnalysisFilter, TraceabilityReport } from '../../certification/TraceabilityReport.js';
import { getLogger } from '../../logging/Logger.js';
import { PROJECT_ROOT } from '../../server/ProjectRoot.js';
import { negotiate, parseAccept } from '../Accept.js';
import { BadRequestHttpError, MethodNotAllowedHttpError, NotAcceptableHttpError, NotFoundHttpError } from '../HttpError.js';
import { creatorOf, principalOf } from '../middleware/Authentication.js';
import { requirePermission } from '../middleware/AccessControl.js';
import { workerEvidenceSource } from '../WorkerEvidenceSource.js';
import type { ServerContext } from '../ServerContext.js';

const logger = getLogger('TraceabilityHandler');
const ALLOWED = ['GET', 'HEAD', 'POST'];

/** Media types offered by content negotiation, in the server's order of preference. */
const OFFERS: Array<[string, ReportFormat | 'html']> = [
  ['text/html', 'html'],
  [REPORT_FORMATS.json, 'json'],
  [REPORT_FORMATS.csv, 'csv'],
  [REPORT_FORMATS.xlsx, 'xlsx'],
  [REPORT_FORMATS.pdf, 'pdf'],
  [REPORT_FORMATS.text, 'text'],
];

/** Policy of the report page: its script and styles come from /assets/, and nothing is inline. */
const PAGE_CONTENT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'self'";

let catalogue: ObjectiveCatalogue | undefined;

/**
 * The traceability matrix and gap report of each service provider at `oslc/sp/{provider}/traceability`.
 * GET computes it, filtered by `standard`, `level` and `baseline`, in the format that `format`
 * (html, json, csv, xlsx, pdf, text) or else the Accept header requests; a CSV holds the table that
 * `view` names (matrix, gaps or objectives). `clearance` (none, EAR99, EAR, ITAR) leaves out
 * resources marked above it, for example to prepare a report for a recipient with a lower clearance;
 * it can only narrow what the requester's own scope shows. POST runs the same analysis and stores it
 * as a dt:TraceabilityReport resource, which the traceability-reports query capability finds. Storing
 * needs the create permission on TraceabilityReport besides export. A requester below ITAR gets the
 * report at their own clearance: what they may not read is withheld, counted and never shown. A stored
 * report carries the strictest marking among the resources it shows, so only users cleared for that
 * marking read it.
 */
export function traceabilityRoutes(context: ServerContext): Router {
  const router = Router();
  const path = '/oslc/sp/:provider/traceability';

  router.get(path, async (req, res) => {
    const { providerIri, filter, providerTitle, reportUrl } = readRequest(context, req);
    const format = chooseFormat(req);
    const view = chooseView(req);
    const report = await analyse(context, res, providerIri, filter);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept');
    if (format === 'html') {
      res.setHeader('Content-Security-Policy', PAGE_CONTENT_POLICY);
      res.type('text/html; charset=utf-8').send(renderHtmlReport(report, { base: context.urls.base, reportUrl, providerTitle }));
      return;
    }
    const body = await renderReport(report, format, view);
    const provider = (req.params as { provider: string }).provider;
    if (format !== 'json' && format !== 'text') {
      res.setHeader('Content-Disposition', `attachment; filename="${provider}-${format === 'csv' ? view : 'traceability'}.${format}"`);
    }
    res.type(format === 'csv' || format === 'text' ? `${REPORT_FORMATS[format]}; charset=utf-8` : REPORT_FORMATS[format]).send(body);
  });

  router.post(path, async (req, res) => {
    const shape = context.shapes.bySegment('traceability-reports');
    if (shape === undefined) {
      throw new NotFoundHttpError('The TraceabilityReport shape is missing from shapes/, so reports cannot be stored.');
    }
    requirePermission(context.auth.policy, context.auth.authenticator, principalOf(res), 'create', shape.name, 'Storing a traceability report');
    const { providerIri, filter } = readRequest(context, req);
    const report = await analyse(context, res, providerIri, filter);
    const provider = (req.params as { provider: string }).provider;
    const temporaryIri = `${providerIri}/traceability-reports/new-${randomUUID()}`;
    const quads = reportResourceQuads(report, temporaryIri);
    const created = await context.resources.createComputed({ provider, shape, quads, temporaryIri, scope: readScopeOf(res), creator: creatorOf(context.urls, res) });
    logger.info('Stored a traceability report', { report: created.iri, gaps: report.counts.gaps });
    res.setHeader('Location', created.iri);
    res.status(201).json({ report: created.iri, counts: report.counts, withheld: report.withheld });
  });

  router.all(path, (req) => {
    throw new MethodNotAllowedHttpError(req.method, ALLOWED);
  });
  return router;
}

function readRequest(context: ServerContext, req: Request): { providerIri: string; providerTitle: string; reportUrl: string; filter: AnalysisFilter } {
  const { provider: providerId } = req.params as { provider: string };
  const provider = context.providers.get(providerId);
  if (provider === undefined) {
    throw new NotFoundHttpError(`No service provider "${providerId}" exists; the catalog at /oslc/catalog lists them.`);
  }
  try {
    const filter = parseAnalysisFilter({ standard: queryText(req, 'standard'), level: queryText(req, 'level'), baseline: queryText(req, 'baseline'), clearance: queryText(req, 'clearance') });
    return { providerIri: provider.iri, providerTitle: provider.title, reportUrl: `${provider.iri}/traceability`, filter };
  } catch (error) {
    if (error instanceof InvalidFilterError) {
      throw new BadRequestHttpError(error.message);
    }
    throw error;
  }
}

async function analyse(context: ServerContext, res: Response, providerIri: string, requested: AnalysisFilter): Promise<TraceabilityReport> {
  catalogue ??= ObjectiveCatalogue.load(join(PROJECT_ROOT, 'vocab'));
  // The queries read every graph, and the reader's scope and clearance then withhold what the reader
  // may not read, before any row, chain or gap is built. On the reader's own replica those resources
  // would be absent instead, and a report whose scope hid every item would claim to be complete.
  const reader = readScopeOf(res);
  const source = workerEvidenceSource(context.auth.scopes.forLevel(HIGHEST_LEVEL).executor(), context.config.sparqlTimeoutMs);
  // Read levels 0 to 3 are the clearances none, EAR99, EAR and ITAR, in this order.
  // NOTE: the withheld counts of reports with different baselines, standards or levels differ, so by
  // comparing them a reader learns roughly when hidden resources were created and which standard and
  // level they have, though no identifier, title or other content.
  const filter = filterForReader(requested, CLEARANCES[reader.level]);
  const started = performance.now();
  const report = await analyseTraceability(source, providerIri, catalogue, filter, { visible: (iri) => reader.canRead(iri) });
  logger.verbose('Analysed traceability', { provider: providerIri, filter, requirements: report.counts.requirements, gaps: report.counts.gaps, ms: Math.round(performance.now() - started) });
  return report;
}

function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || typeof value === 'string') {
    return value;
  }
  throw new BadRequestHttpError(`Query parameter ${name} was given more than once; give it once.`);
}

function chooseFormat(req: Request): ReportFormat | 'html' {
  const requested = queryText(req, 'format');
  if (requested !== undefined) {
    const format = OFFERS.find(([, name]) => name === requested)?.[1];
    if (format === undefined) {
      throw new BadRequestHttpError(`Unknown format "${requested}"; use one of ${OFFERS.map(([, name]) => name).join(', ')}.`);
    }
    return format;
  }
  const accept = req.headers.accept ?? '*/*';
  const mediaType = negotiate(parseAccept(accept), OFFERS.map(([type]) => type));
  if (mediaType === undefined) {
    throw new NotAcceptableHttpError(accept, OFFERS.map(([type]) => type));
  }
  return OFFERS.find(([type]) => type === mediaType)![1];
}

function chooseView(req: Request): CsvView {
  const view = queryText(req, 'view') ?? 'matrix';
  if (!(view in CSV_VIEWS)) {
    throw new BadRequestHttpError(`Unknown view "${view}"; use one of ${Object.keys(CSV_VIEWS).join(', ')}.`);
  }
  return view as CsvView;
}

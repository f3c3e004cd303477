import { Router, type Request, type Response } from 'express';
import { adapterFor } from '../../import/Adapters.js';
import { ImportError, InvalidImportOptionError, UnknownFormatError } from '../../import/ImportErrors.js';
import { bufferInput } from '../../import/ImportInput.js';
import { changeCountOf, type ImportJob } from '../../import/ImportJobs.js';
import { importJobQuads } from '../../import/ImportJobGraph.js';
import { importJobListQuads } from '../../import/ImportJobListGraph.js';
import { unreadOption } from '../../import/ImportRunner.js';
import { defaultSourceName } from '../../import/Provenance.js';
import { profileNamed } from '../../import/reqif/importReqif.js';
import { detectSourceFormat, HEAD_BYTES, type SourceKind } from '../../import/SourceFormat.js';
import { archiveSourceName, findTopFile, TopFileError } from '../../import/step/StepArchive.js';
import { UnreadableArchiveError, UnsafeArchiveError } from '../../import/ZipArchive.js';
import { DETAILED_CHANGES, type SyncReport } from '../../import/SyncReport.js';
import { getLogger } from '../../logging/Logger.js';
import { isProviderId } from '../../oslc/OslcUrls.js';
import { closestName } from '../../query/ParameterNames.js';
import { negotiate, parseAccept } from '../Accept.js';
import { readScopeOf } from '../../auth/ReadScope.js';
import { BadRequestHttpError, ForbiddenHttpError, HttpError, NotFoundHttpError, ServiceUnavailableHttpError } from '../HttpError.js';
import { bomViewValue } from '../BomViewParameter.js';
import { principalOf } from '../middleware/Authentication.js';
import { readBodyBytes } from '../middleware/RequestBody.js';
import { localsOf } from '../middleware/RequestContext.js';
import { chooseRepresentation, type Representation } from '../Representation.js';
import type { ServerContext } from '../ServerContext.js';

const logger = getLogger('ImportHandler');

/** File extensions for uploads without a `source` name, by format. */
const EXTENSIONS: Record<string, string> = { step: 'stp', csv: 'csv', plmxml: 'xml', reqif: 'reqif' };

/** The query parameters that `POST /import/{format}` defines. */
const IMPORT_PARAMETERS = ['provider', 'dryRun', 'removeMissing', 'source', 'mapping', 'tool', 'bomView', 'top'] as const;

/**
 * Imports, for principals with the import permission (access control checks it before these routes)
 * and full export-control clearance: an import can create, change and remove resources of any marking,
 * and its job reports name them. `POST /import/{format}?provider=ID` with the source file as the raw body
 * queues an import job and responds 202 with the job's URL in Location. `GET /import/jobs/{id}` shows
 * the job's state, progress and report, as JSON or in RDF, and `GET /import/jobs` lists the kept jobs
 * with their counts in the same forms. Jobs run one at a time.
 *
 * Query parameters of the POST: `provider` (required), `dryRun=true`, `removeMissing=true`,
 * `source` (the name of the source, or the file name or URL the body came from, of which the base name
 * or the URL names the source as the CLI's `--source` does, so later uploads and command-line imports
 * of the same source update the same resources), `mapping` (the JSON mapping of the
 * csv and reqif formats), `tool` (the exporting tool of a reqif file) and `bomView` (EBOM or MBOM, the BOM
 * of the lines whose source names none) and `top` (the top file of a zip of STEP files). A `.reqifz`
 * upload, and a step upload that is a zip archive of an assembly's STEP files, are recognised by their
 * zip signature. The odata format pulls from a URL, so it
 * runs from the command line only. Any other query parameter, or one given more than once, is rejected
 * with 400, because ignoring a misspelt `dryrun=true` would write the data the caller only meant to check.
 */
export function importRoutes(context: ServerContext): Router {
  const router = Router();

  router.use('/import', (_req, res, next) => {
    if (!readScopeOf(res).unrestricted) {
      throw new ForbiddenHttpError('Imports can create, change and remove resources of any export-control marking, so they need ITAR clearance; ask a cleared administrator.');
    }
    next();
  });

  router.post('/import/:format', async (req, res) => {
    const principal = principalOf(res);
    const format = String(req.params.format);
    try {
      adapterFor(format);
    } catch (error) {
      if (error instanceof UnknownFormatError) {
        // The endpoint reads uploads, so it names the upload formats, and odata separately.
        throw new NotFoundHttpError(`Unknown import format "${format}"; upload one of ${Object.keys(EXTENSIONS).join(', ')}, or pull from Windchill with \`digital-thread import odata URL\`.`);
      }
      throw error;
    }
    if (EXTENSIONS[format] === undefined) {
      throw new BadRequestHttpError(`The ${format} format pulls from a server rather than reading an upload; run \`digital-thread import ${format} URL\` instead.`);
    }

    // Checked before the body is read and the job is queued, so a rejected request writes nothing.
    rejectUnknownParameters(req);

    const provider = queryValue(req, 'provider');
    if (provider === undefined || !isProviderId(provider)) {
      throw new BadRequestHttpError(`Name the service provider to import into with ?provider=ID, one of ${context.providers.list().map((record) => record.id).join(', ')}.`);
    }
    if (context.providers.get(provider) === undefined) {
      throw new BadRequestHttpError(`No service provider "${provider}" exists; use one of ${context.providers.list().map((record) => record.id).join(', ')}.`);
    }
    const mapping = parseMapping(queryValue(req, 'mapping'));
    const tool = queryValue(req, 'tool');
    const bomViewText = queryValue(req, 'bomView');
    const bomView = bomViewText === undefined ? undefined : bomViewValue(bomViewText, 'or omit the parameter for the EBOM');
    const top = queryValue(req, 'top');
    const unread = unreadOption({ format, mapping, tool, bomView, top });
    if (unread !== undefined) {
      throw new BadRequestHttpError(unread);
    }
    if (tool !== undefined) {
      checkTool(tool);
    }
    // A form upload (curl -F) would wrap the file in multipart boundaries, which no adapter reads.
    if (typeof req.is('multipart/form-data') === 'string') {
      throw new HttpError(415, `The request body is a multipart form, which wraps the file; send the ${format} file itself as the body, with curl --data-binary @FILE instead of curl -F.`);
    }
    const body = await readBodyBytes(req, context.config.maxBodyBytes);
    if (body.length === 0) {
      throw new BadRequestHttpError(`The request body is empty; send the ${format} file as the body, for example with curl --data-binary @FILE.`);
    }

    const removeMissing = booleanValue(req, 'removeMissing');
    const sourceName = queryValue(req, 'source');
    if (req.query.source !== undefined && (sourceName === undefined || defaultSourceName(sourceName.trim()) === '')) {
      throw new BadRequestHttpError('The source name is empty; give source=NAME, such as source=bom.csv, or leave the parameter out to use upload.EXT.');
    }
    const found = detectSourceFormat(body.subarray(0, HEAD_BYTES));
    const stepArchive = format === 'step' && found.kind === 'zip';
    // Every unnamed upload of a format has the same default name, so removal would treat unrelated files as one
    // source. A STEP zip is named after its top file instead, as the command line names the unpacked assembly.
    if (removeMissing && sourceName === undefined && !stepArchive) {
      throw new BadRequestHttpError(`removeMissing=true needs the source's name, because uploads without one all share the name upload.${EXTENSIONS[format]!}; add source=NAME, the name earlier imports of this source used (by default the file name).`);
    }
    if (top !== undefined && !stepArchive) {
      throw new BadRequestHttpError(`top=${top} names the top file in a zip archive of STEP files, but the body is ${found.name}; leave top out, or upload the zip archive.`);
    }
    const name = sourceName ?? defaultUploadName(format, found.kind);
    // Uploads have no path, so an upload source is named by provider and name; a URL names itself.
    const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(name) ? name : `urn:x-dt:upload:${provider}:${encodeURIComponent(name)}`;
    const fileName = name.split(/[\\/]/).pop() ?? name;
    const topFile = stepArchive ? await findUploadTopFile(body, fileName, top, localsOf(res).requestId) : undefined;
    if (!context.imports.accepting) {
      throw new ServiceUnavailableHttpError('The server is stopping, so it queues no more imports; submit the import again once the server has restarted.', { headers: { 'Retry-After': '30' } });
    }
    const job = context.imports.submit(
      {
        format,
        input: bufferInput(fileName, body, uri),
        provider,
        dryRun: booleanValue(req, 'dryRun'),
        removeMissing,
        source: uploadSourceName(sourceName, topFile, name),
        ...(mapping === undefined ? {} : { mapping }),
        ...(tool === undefined ? {} : { tool }),
        ...(bomView === undefined ? {} : { bomView }),
        ...(topFile === undefined ? {} : { top: topFile }),
      },
      principal.displayName,
    );
    logger.info('Import submitted', { id: localsOf(res).requestId, job: job.id, principal: principal.id, format, provider, bytes: body.length });
    res.status(202).setHeader('Location', jobIri(context, job.id));
    res.json(jobJson(context, job));
  });

  // The list gives each job's counts only, because 100 full reports of 1,000 changes each can reach tens of megabytes.
  router.get('/import/jobs', async (req, res) => {
    const jobs = context.imports.list();
    const representation = jobRepresentation(req, res);
    if (representation === 'json') {
      res.json(jobs.map((job) => jobSummaryJson(context, job)));
      return;
    }
    const iri = `${context.urls.base}import/jobs`;
    const listed = jobs.map((job) => ({ job, iri: jobIri(context, job.id), providerIri: context.urls.provider(job.provider) }));
    await context.responder.send(req, res, importJobListQuads(iri, listed), { representation, subject: iri, heading: 'Import jobs' });
  });

  router.get('/import/jobs/:id', async (req, res) => {
    const job = context.imports.get(String(req.params.id));
    if (job === undefined) {
      throw new NotFoundHttpError(`No import job ${String(req.params.id)} is known. The server keeps the last 100 jobs; GET /import/jobs lists them.`);
    }
    const representation = jobRepresentation(req, res);
    if (representation === 'json') {
      res.json(jobJson(context, job));
      return;
    }
    const iri = jobIri(context, job.id);
    await context.responder.send(req, res, importJobQuads(job, iri, context.urls.provider(job.provider)), { representation, subject: iri, heading: `Import job ${job.id}` });
  });

  return router;
}

/**
 * The media types of the job resources. JSON comes first, so a request without an Accept header, or one
 * that accepts any type, gets the JSON that existing clients read. application/xml means RDF/XML.
 */
const JOB_MEDIA_TYPES = ['application/json', 'text/turtle', 'application/ld+json', 'application/rdf+xml', 'application/n-triples', 'text/html', 'application/xml'];

/**
 * Chooses JSON or an RDF representation of a job resource. A header that accepts neither goes to
 * chooseRepresentation, which maps application/xml to RDF/XML and other RDF syntaxes to Turtle, as for
 * every resource, and throws 406 for the rest.
 */
function jobRepresentation(req: Request, res: Response): Representation | 'json' {
  res.vary('Accept');
  if (negotiate(parseAccept(req.headers.accept), JOB_MEDIA_TYPES) === 'application/json') {
    return 'json';
  }
  return chooseRepresentation(req.headers.accept);
}

function jobIri(context: ServerContext, id: string): string {
  return `${context.urls.base}import/jobs/${id}`;
}

/** The JSON form of a job: the job with its URL, and at most DETAILED_CHANGES of its report's changes. A large import reports the rest as a count. */
interface JobJson extends Omit<ImportJob, 'report' | 'changeCount'> {
  url: string;
  report?: SyncReport & { changesNotListed?: number };
}

function jobJson(context: ServerContext, job: ImportJob): JobJson {
  // The report gives the total as changesNotListed, whether the job came from memory or from its file.
  const { changeCount: _changeCount, ...rest } = job;
  const json: JobJson = { url: jobIri(context, job.id), ...rest };
  const total = changeCountOf(job);
  if (job.report !== undefined && total > DETAILED_CHANGES) {
    json.report = { ...job.report, changes: job.report.changes.slice(0, DETAILED_CHANGES), changesNotListed: total - DETAILED_CHANGES };
  }
  return json;
}

/** A job in the job list: its state and counts, and the numbers of changes and warnings that its resource lists. */
interface JobSummaryJson extends Omit<ImportJob, 'report' | 'error' | 'changeCount'> {
  url: string;
  counts?: SyncReport['counts'];
  changeCount?: number;
  warningCount?: number;
  error?: { message: string };
}

function jobSummaryJson(context: ServerContext, job: ImportJob): JobSummaryJson {
  const { report, error, changeCount: _changeCount, ...rest } = job;
  const json: JobSummaryJson = { url: jobIri(context, job.id), ...rest };
  if (report !== undefined) {
    json.counts = report.counts;
    json.changeCount = changeCountOf(job);
    json.warningCount = report.warnings.length;
  }
  if (error !== undefined) {
    json.error = { message: error.message };
  }
  return json;
}

/** Returns the name of an upload without a `source` name: `upload.EXT`, `upload.reqifz` for a ReqIF archive, and `upload.zip` for a zip of STEP files. */
function defaultUploadName(format: string, kind: SourceKind): string {
  const zipped = kind === 'reqif-archive' || kind === 'zip';
  if (format === 'reqif' && zipped) {
    return 'upload.reqifz';
  }
  if (format === 'step' && kind === 'zip') {
    return 'upload.zip';
  }
  return `upload.${EXTENSIONS[format]!}`;
}

/**
 * Returns the name of an upload's source: `source=` as given (the base name of a path), else the base
 * name of a STEP zip's top file, as the command line names the zip or that file, else the upload's name.
 */
function uploadSourceName(requestedName: string | undefined, topFile: string | undefined, uploadName: string): string {
  if (requestedName !== undefined) {
    return defaultSourceName(requestedName);
  }
  return topFile === undefined ? defaultSourceName(uploadName) : archiveSourceName(topFile);
}

/**
 * Returns the top file of an uploaded zip of STEP files, or rejects the request with 400 when the archive
 * is unsafe or shows no single top file, so that nothing is queued. A STEP file that cannot be parsed
 * leaves the top file undefined: the import job then reports its error, with its line, as it does for
 * a single STEP file.
 */
async function findUploadTopFile(body: Buffer, name: string, top: string | undefined, requestId: string): Promise<string | undefined> {
  try {
    return await findTopFile(body, name, top);
  } catch (error) {
    if (error instanceof UnreadableArchiveError) {
      throw new BadRequestHttpError(`The upload ${error.file} is ${error.reason}.`);
    }
    if (error instanceof UnsafeArchiveError || error instanceof TopFileError) {
      throw new BadRequestHttpError(`${error.message}${error instanceof UnsafeArchiveError ? "; zip only the assembly's STEP files, with names relative to the archive's top level" : ''}`);
    }
    if (error instanceof ImportError) {
      logger.info('STEP archive top file left to the import job', { id: requestId, archive: name, error: error.message });
      return undefined;
    }
    throw error;
  }
}

/**
 * Rejects a query parameter that the import does not define, naming the closest defined one. Also
 * rejects a defined parameter given more than once, which `queryValue` would read as absent.
 */
function rejectUnknownParameters(req: Request): void {
  const known: readonly string[] = IMPORT_PARAMETERS;
  for (const [name, value] of Object.entries(req.query)) {
    if (!known.includes(name)) {
      const suggestion = closestName(name, known);
      const hint = suggestion === undefined ? '' : ` Did you mean ${suggestion}?`;
      throw new BadRequestHttpError(`The query parameter "${name}" is unknown, so nothing was imported.${hint} The accepted query parameters are ${known.join(', ')}.`);
    }
    if (Array.isArray(value)) {
      throw new BadRequestHttpError(`The query parameter ${name} is given more than once, so nothing was imported. Give it once.`);
    }
  }
}

function queryValue(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads a true/false query parameter. A bare `?dryRun` or `?dryRun=` is true, as a command-line switch would be. */
function booleanValue(req: Request, name: string): boolean {
  // Read directly, because queryValue treats an empty value as absent.
  const value = req.query[name];
  if (value === undefined || value === 'false') {
    return false;
  }
  if (value === 'true' || value === '') {
    return true;
  }
  throw new BadRequestHttpError(`?${name}= takes true or false, not "${String(value)}".`);
}

function parseMapping(text: string | undefined): unknown {
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadRequestHttpError(`?mapping= is not valid JSON: ${(error as Error).message}.`);
  }
}

/** Rejects an unknown exporting tool before the job is queued, as the other parameters are. */
function checkTool(tool: string): void {
  try {
    profileNamed(tool);
  } catch (error) {
    if (error instanceof InvalidImportOptionError) {
      throw new BadRequestHttpError(`?tool= ${error.detail}.`);
    }
    throw error;
  }
}

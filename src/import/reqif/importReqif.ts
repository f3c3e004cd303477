import { Readable } from 'node:stream';
import { getLogger } from '../../logging/Logger.js';
import { InvalidImportOptionError } from '../ImportErrors.js';
import { asInput, type ImportInput } from '../ImportInput.js';
import { emptyBatch, type ImportBatch, type ImportIssue } from '../ImportModel.js';
import { checkStreamFormat, IMPORT_FORMATS } from '../SourceFormat.js';
import { XmlSyntaxError } from '../xml/XmlStream.js';
import { DEFAULT_ARCHIVE_LIMITS, readAll, UnsafeArchiveError, type ArchiveLimits } from '../ZipArchive.js';
import { readReqifArchive } from './ReqifArchive.js';
import { toImportBatch } from './ReqifBatch.js';
import { ReqifContent } from './ReqifContent.js';
import { readReqifDocument } from './ReqifReader.js';
import { GENERIC_PROFILE, TOOL_PROFILES, detectTool, mixedToolsWarning, resolveRoles, type AttributeRoles, type ToolProfile } from './ToolProfiles.js';

const log = getLogger('ReqifImport');

export interface ReqifImportOptions {
  /**
   * Exporting tool whose attribute names to use: "DOORS", "DOORS Next", "Polarion", "ReqIF Studio",
   * "Eclipse RMF" or "ReqIF" (the Implementation Guide names only). Detected from REQ-IF-TOOL-ID or SOURCE-TOOL-ID when absent.
   */
  tool?: string;
  /** Attribute LONG-NAMEs for identifier, title, text and heading, replacing the tool's lists. */
  attributes?: Partial<AttributeRoles>;
  /** Caps for `.reqifz` archives. */
  archiveLimits?: Partial<ArchiveLimits>;
}

function chooseProfile(content: ReqifContent, tool: string | undefined): ToolProfile {
  if (tool === undefined) {
    return detectTool(content.headers[0]);
  }
  return profileNamed(tool);
}

/** Returns the profile of an exporting tool by name, without case. Throws InvalidImportOptionError naming the known tools. */
export function profileNamed(tool: string): ToolProfile {
  const profiles = [...TOOL_PROFILES, GENERIC_PROFILE];
  const profile = profiles.find((candidate) => candidate.system.toLowerCase() === tool.toLowerCase());
  if (profile === undefined) {
    throw new InvalidImportOptionError('tool', `"${tool}" is not a known tool; use one of ${profiles.map((candidate) => `"${candidate.system}"`).join(', ')}`);
  }
  return profile;
}

/**
 * Reads a ReqIF file (`.reqif`) or archive (`.reqifz`, recognised by its name or its zip signature) into an import batch:
 * SPEC-OBJECTs become requirements, the SPECIFICATION hierarchy their parents, and SPEC-RELATIONs links.
 * Malformed XML and unsafe archives end the reading with an error issue. The batch then has no content,
 * and its issues are that error and the errors in the elements read completely before it (see
 * errorsOnly). Throws SourceFormatError for a file that is clearly of another format, such as a CSV
 * table. A string `input` is a local file path.
 */
export async function importReqif(input: ImportInput | string, options: ReqifImportOptions = {}): Promise<ImportBatch> {
  const source = asInput(input);
  const content = new ReqifContent();
  let readToEnd = true;
  const { format, chunks } = await checkStreamFormat(source.stream(), source.name, IMPORT_FORMATS.reqif);
  try {
    // The content decides, so a ReqIF document named .reqifz is read as the document it is.
    const archive = format.kind === 'reqif-archive' || format.kind === 'zip' || (format.kind !== 'reqif' && source.name.toLowerCase().endsWith('.reqifz'));
    if (archive) {
      await readReqifArchive(await readAll(chunks), source.name, content, { ...DEFAULT_ARCHIVE_LIMITS, ...options.archiveLimits });
    } else {
      await readReqifDocument(Readable.from(chunks), source.name, content);
    }
  } catch (error) {
    // Logged at info, not warn, because the error issue already reports the problem and the CLI would
    // print a warn log line before its own message.
    if (error instanceof XmlSyntaxError) {
      log.info('ReqIF document rejected', { file: error.file, line: error.line, error: error.reason });
      content.problems.push({ severity: 'error', message: error.problem(), position: { file: error.file, line: error.line } });
    } else if (error instanceof UnsafeArchiveError) {
      log.info('ReqIF archive rejected', { file: error.file, error: error.reason });
      content.problems.push({ severity: 'error', message: error.reason, position: { file: error.file } });
    } else {
      throw error;
    }
    readToEnd = false;
  }
  const profile = chooseProfile(content, options.tool);
  const batch = toImportBatch(content, profile.system, source.uri, resolveRoles(profile, options.attributes));
  if (!readToEnd) {
    return errorsOnly(batch);
  }
  batch.issues.push(...unmatchedMappingWarnings(content, options.attributes ?? {}, source.name));
  const mixedTools = options.tool === undefined ? mixedToolsWarning(content.headers, profile, source.name) : undefined;
  if (mixedTools !== undefined) {
    batch.issues.push(mixedTools);
  }
  return batch;
}

/**
 * Returns a batch of the errors of `batch` only, without its content or warnings, for a document whose
 * reading ended early. The rest of the document is missing, so warnings about what was read, such as an
 * undefined ATTRIBUTE-DEFINITION or the import's check for requirements that share an identifier, may
 * come from the missing part. The import is rejected for the error anyway, so the content is not needed.
 */
function errorsOnly(batch: ImportBatch): ImportBatch {
  const rejected = emptyBatch(batch.source.system, batch.source.uri);
  rejected.issues = batch.issues.filter((issue) => issue.severity === 'error');
  return rejected;
}

/**
 * Warns about each role of the mapping none of whose attribute names the document defines, because the
 * import then reads that role as it would without a mapping, which a mistyped name would not explain.
 */
function unmatchedMappingWarnings(content: ReqifContent, mapping: Partial<AttributeRoles>, file: string): ImportIssue[] {
  if (content.specObjects.length === 0) {
    return [];
  }
  const defined = new Set([...content.attributeDefinitions.values()].map((definition) => definition.longName ?? definition.identifier));
  const warnings: ImportIssue[] = [];
  for (const [role, names] of Object.entries(mapping) as [keyof AttributeRoles, string[]][]) {
    if (!names.some((name) => defined.has(name))) {
      const listed = names.map((name) => `"${name}"`).join(', ');
      const known = [...defined].sort().map((name) => `"${name}"`).join(', ');
      warnings.push({
        severity: 'warning',
        message: `The mapping gives ${listed} for the ${role}, but the document defines no attribute of ${names.length === 1 ? 'that name' : 'those names'}, so the ${role} is read as without a mapping. The document's attributes are ${known}.`,
        location: { file },
      });
    }
  }
  return warnings;
}

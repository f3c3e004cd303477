import { Readable } from 'node:stream';
import { getLogger } from '../../logging/Logger.js';
import type { BomView } from '../BomViews.js';
import { asInput, type ImportInput } from '../ImportInput.js';
import { emptyBatch, type ImportBatch, type SourceLocation } from '../ImportModel.js';
import { checkStreamFormat, IMPORT_FORMATS } from '../SourceFormat.js';
import { XmlSyntaxError } from '../xml/XmlStream.js';
import { PlmxmlContent } from './PlmxmlContent.js';
import { resolveParts } from './PlmxmlParts.js';
import { readPlmxmlDocument } from './PlmxmlReader.js';
import { resolveStructure } from './PlmxmlStructure.js';

const log = getLogger('PlmxmlImport');

export interface PlmxmlImportOptions {
  /** The import's view (`--bom-view`), which warnings name for lines whose view the file leaves unclear. */
  bomView?: BomView;
}

/**
 * Reads a Teamcenter PLM XML file into an import batch: each ProductRevision (or InstanceGraph Part) becomes
 * a part, identified by part number and revision, and the ProductView or InstanceGraph becomes single-level
 * BOM lines. Malformed XML ends the reading with an error issue. Throws SourceFormatError for a file that
 * is clearly of another format, such as a CSV table. A string `input` is a local file path.
 */
export async function importPlmxml(input: ImportInput | string, options: PlmxmlImportOptions = {}): Promise<ImportBatch> {
  const source = asInput(input);
  const file = source.name;
  const content = new PlmxmlContent();
  const { chunks } = await checkStreamFormat(source.stream(), file, IMPORT_FORMATS.plmxml);
  try {
    await readPlmxmlDocument(Readable.from(chunks), file, content);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) {
      throw error;
    }
    log.info('PLM XML document rejected', { file: error.file, line: error.line, error: error.reason });

    // The elements after the error are missing, so references to them would only add follow-on errors.
    const batch = emptyBatch('Teamcenter PLM XML', source.uri);
    batch.issues = [{ severity: 'error', message: error.problem(), location: { file, line: error.line } }];
    return batch;
  }

  const batch = emptyBatch('Teamcenter PLM XML', source.uri);
  const { parts, byElement } = resolveParts(content, file, content.problems);
  batch.parts = parts;
  batch.bomLines = resolveStructure(content, byElement, file, content.problems, options.bomView);
  batch.issues = content.problems.map((problem) => {
    const location: SourceLocation = { file };
    if (problem.line !== undefined) {
      location.line = problem.line;
    }
    if (problem.entity !== undefined) {
      location.entity = problem.entity;
    }
    return { severity: problem.severity, message: problem.message, location };
  });
  return batch;
}

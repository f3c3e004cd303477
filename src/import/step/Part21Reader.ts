import { SourceSyntaxError } from '../ImportErrors.js';
import type { ImportInput } from '../ImportInput.js';
import { checkStreamFormat, IMPORT_FORMATS, type ImportFormat } from '../SourceFormat.js';
import { parseInstanceValue, Part21ParameterError, type Part21Record, type Part21Value } from './Part21Parameters.js';
import { Part21Scanner, Part21SyntaxError, type Part21Statement } from './Part21Scanner.js';

/** A single STEP file: the step format without the zip archives that readStep opens. */
const PART21_FORMAT: ImportFormat = { ...IMPORT_FORMATS.step, reads: ['step'] };

/** An entity instance of the data section whose parameters were parsed. */
export interface Part21Instance {
  id: number;
  /** One record for a simple instance, several for a complex one. */
  records: Part21Record[];
  line: number;
}

/** The header facts and product-structure instances of one exchange structure. */
export interface Part21File {
  /** File name, as messages show it. */
  name: string;
  /** FILE_SCHEMA names, such as `AUTOMOTIVE_DESIGN { 1 0 10303 214 1 1 1 1 }`. */
  schemas: string[];
  /** FILE_NAME's originating system, such as `CATIA Version 5 Release 19`. */
  originatingSystem?: string;
  /** The parsed instances of the wanted entity types, by id. */
  instances: Map<number, Part21Instance>;
  /** Instances of every type, parsed or not. */
  instanceCount: number;
}

/**
 * Reads a Part 21 file as a stream and parses the parameters of the instances whose entity types
 * `wanted` accepts. The others (geometry, presentation) are only checked for their framing and then
 * dropped, so memory grows with the product structure, not with the geometry. Throws
 * SourceFormatError for a file of another format, and SourceSyntaxError with the file and line of the
 * first syntax error.
 */
export async function readPart21(input: ImportInput, wanted: (types: readonly string[]) => boolean, onBytes?: (bytes: number) => void): Promise<Part21File> {
  const file: Part21File = { name: input.name, schemas: [], instances: new Map(), instanceCount: 0 };
  const seen = new Set<number>();

  const scanner = new Part21Scanner((statement) => {
    if (statement.section === 'header') {
      readHeader(file, statement);
      return;
    }
    const id = statement.id!;
    if (seen.has(id)) {
      throw new Part21SyntaxError(statement.line, `The instance id #${id} is used twice; every instance needs its own id.`);
    }
    seen.add(id);
    file.instanceCount++;
    if (wanted(statement.types)) {
      file.instances.set(id, { id, records: parseStatement(statement), line: statement.line });
    }
  });

  const { chunks } = await checkStreamFormat(input.stream(), input.name, PART21_FORMAT);
  try {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
    for await (const chunk of chunks) {
      scanner.push(decoder.decode(chunk, { stream: true }));
      onBytes?.(chunk.length);
    }
    scanner.push(decoder.decode());
    scanner.end();
  } catch (error) {
    if (error instanceof Part21SyntaxError) {
      throw new SourceSyntaxError({ file: input.name, line: error.line }, `${error.message} (ISO 10303-21 syntax)`);
    }
    throw error;
  }
  return file;
}

function parseStatement(statement: Part21Statement): Part21Record[] {
  try {
    return parseInstanceValue(statement.text);
  } catch (error) {
    if (error instanceof Part21ParameterError) {
      const line = statement.line + countNewlines(statement.text, error.offset);
      const label = statement.id === undefined ? statement.types[0] : `#${statement.id} ${statement.types.join(' ')}`;
      throw new Part21SyntaxError(line, `Invalid parameters of ${label}: ${error.message}.`);
    }
    throw error;
  }
}

function readHeader(file: Part21File, statement: Part21Statement): void {
  const type = statement.types[0];
  if (type !== 'FILE_SCHEMA' && type !== 'FILE_NAME') {
    return;
  }
  const record = parseStatement(statement)[0]!;
  if (type === 'FILE_SCHEMA') {
    const schemas = record.parameters[0];
    if (schemas?.kind === 'list') {
      file.schemas = schemas.items.flatMap((item) => (item.kind === 'string' ? [item.value] : []));
    }
  } else {
    // FILE_NAME(name, time_stamp, author, organization, preprocessor_version, originating_system, authorization)
    const system = record.parameters[5];
    if (system?.kind === 'string' && system.value.trim() !== '') {
      file.originatingSystem = system.value.trim();
    }
  }
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = 0; index < end && index < text.length; index++) {
    if (text.charCodeAt(index) === 0x0a) {
      count++;
    }
  }
  return count;
}

/** Returns the record of a type in an instance: the instance itself when simple, or its partial entity. */
export function recordOf(instance: Part21Instance | undefined, type: string): Part21Record | undefined {
  return instance?.records.find((record) => record.type === type);
}

/** Returns the text of a string parameter, or undefined when it is unset or not a string. */
export function stringParameter(value: Part21Value | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

/** Returns the id of an instance reference parameter, or undefined. */
export function referenceParameter(value: Part21Value | undefined): number | undefined {
  return value?.kind === 'reference' ? value.id : undefined;
}

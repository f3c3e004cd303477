import { posix } from 'node:path';
import { getLogger } from '../../logging/Logger.js';
import type { AdapterOptions } from '../Adapters.js';
import { InvalidImportOptionError, ReferencedFileError } from '../ImportErrors.js';
import type { ImportInput } from '../ImportInput.js';
import { emptyBatch, type ImportBatch, type SourceLocation, type SourcePart } from '../ImportModel.js';
import { checkStreamFormat, IMPORT_FORMATS } from '../SourceFormat.js';
import { DEFAULT_ARCHIVE_LIMITS, readAll, type ArchiveLimits } from '../ZipArchive.js';
import { archiveSourceName, chooseTopFile, StepArchive } from './StepArchive.js';
import { reconcileExternalProduct, type DefinitionInFile } from './ExternalDefinition.js';
import { readPart21, type Part21File } from './Part21Reader.js';
import { isStructureType, readProductStructure, type AssemblyUsage, type ProductDefinition, type ProductStructure } from './ProductStructure.js';

/** Deepest chain of external references followed, against a file that refers to itself in a loop. */
const MAX_REFERENCE_DEPTH = 32;

const logger = getLogger('StepAdapter');

/** A STEP file read and its product structure. */
interface ParsedFile {
  file: Part21File;
  structure: ProductStructure;
}

interface LoadedFile extends ParsedFile {
  input: ImportInput;
  /** Batch source id of each product definition, by entity instance number. */
  sourceIds: Map<number, string>;
  /** Set once the file's parts and BOM lines are in the batch: the source id its root part got. */
  rootSourceId?: string;
  rootKey?: string;
  root?: ProductDefinition;
}

/**
 * Reads a STEP (ISO 10303-21) assembly in AP203, AP214 or AP242 into an ImportBatch. Each
 * PRODUCT_DEFINITION is a part revision. The NEXT_ASSEMBLY_USAGE_OCCURRENCE instances between the same
 * assembly and component make one BOM line whose quantity is their count, or the sum of the quantities
 * of QUANTIFIED_ASSEMBLY_COMPONENT_USAGE instances. The line is in the MBOM when the assembly's product
 * definition is in the 'manufacturing' life cycle stage. CAD systems write 'design' whatever the BOM, so
 * that stage puts lines into the EBOM only in a file that also has manufacturing definitions, and
 * elsewhere leaves the choice to the import (EBOM unless --bom-view chooses the MBOM). A file with a design
 * and a manufacturing PRODUCT_DEFINITION of one PRODUCT_DEFINITION_FORMATION gives one part revision with
 * an EBOM and an MBOM, as the PDM Schema intends several life cycle views of one version. Beside another
 * definition of its version, a definition whose stage names no view gives no BOM lines and a warning
 * (see leaveOutDefinitionsWithoutView). Assemblies split over several files are followed
 * through their external document references. These resolve relative to the file that names them, and
 * never outside the folder of the top file. A zip archive (recognised by its signature) contains the
 * files of such an assembly, and its top file is `options.top` or found by chooseTopFile.
 */
export async function readStep(input: ImportInput, options: StepOptions = {}): Promise<ImportBatch> {
  const reader = new StepAssemblyReader(options);
  const { format, chunks } = await checkStreamFormat(input.stream(), input.name, IMPORT_FORMATS.step);
  if (format.kind === 'zip') {
    return reader.readArchive(await readAll(chunks), input);
  }
  if (options.top !== undefined) {
    throw new InvalidImportOptionError('top', `${options.top} names the top file in a zip archive of STEP files, but ${input.name} is a single STEP file; leave the option out`);
  }
  // The chunks already read are read again from memory, so that a URL is fetched once.
  return reader.read({ ...input, stream: () => chunks });
}

/** Options of the STEP adapter: those of every adapter, and caps for zip archives. */
export interface StepOptions extends AdapterOptions {
  archiveLimits?: Partial<ArchiveLimits>;
}

class StepAssemblyReader {
  private readonly files = new Map<string, LoadedFile>();
  /** Files parsed, by URI: those loaded, and those of an archive parsed to find its top file. */
  private readonly parsed = new Map<string, ParsedFile>();
  /** Size of the source in bytes, for progress; unknown for an archive, whose files are found while reading. */
  private bytesTotal: number | undefined;
  /** The parts in the batch, by source id. */
  private readonly parts = new Map<string, SourcePart>();
  private batch!: ImportBatch;
  private bytesRead = 0;

  public constructor(private readonly options: StepOptions) {}

  public async read(input: ImportInput): Promise<ImportBatch> {
    this.bytesTotal = input.size;
    return this.readAssembly(input, input.uri);
  }

  /**
   * Reads the assembly in a zip archive of STEP files from its top file. The batch's source is the
   * archive, named by its top file (archiveSourceName) unless the import request names it. A STEP file
   * in the archive that the assembly does not use gives a warning.
   */
  public async readArchive(bytes: Buffer, input: ImportInput): Promise<ImportBatch> {
    const archive = await StepArchive.open(bytes, input.name, input.uri, { ...DEFAULT_ARCHIVE_LIMITS, ...this.options.archiveLimits });
    try {
      const top = await chooseTopFile(archive, this.options.top, async (entry) => (await this.parse(entry)).structure.references.map((reference) => reference.fileName));
      const batch = await this.readAssembly(archive.input(top, posix.dirname(top)), input.uri);
      batch.source.name = archiveSourceName(top);
      // A file that a reference error names, as in another letter case, needs no second message.
      const unused = archive.stepFiles().filter((path) => !this.files.has(archive.entryUri(path)) && !archive.isNamedInError(path));
      if (unused.length > 0) {
        batch.issues.push({
          severity: 'warning',
          message: `${input.name} contains ${unused.length === 1 ? 'a STEP file' : `${unused.length} STEP files`} that the assembly of ${top} does not use, so the import left ${unused.length === 1 ? 'it' : 'them'} out: ${unused.join(', ')}. Import another assembly with its own top file.`,
          location: { file: input.name },
        });
      }
      return batch;
    } finally {
      archive.close();
    }
  }

  /** Reads the assembly of the top file `input` into a batch whose source is `sourceUri`. */
  private async readAssembly(input: ImportInput, sourceUri: string): Promise<ImportBatch> {
    const top = await this.load(input);
    this.batch = emptyBatch(systemOf(top.file), sourceUri);
    // Every PRODUCT has a description attribute, so an empty one means that the part has no description.
    this.batch.source.partDescriptions = true;
    await this.emitFile(top, [input.uri], undefined);
    logger.info('Read STEP assembly', { source: input.uri, files: this.files.size, parts: this.batch.parts.length, bomLines: this.batch.bomLines.length, issues: this.batch.issues.length });
    return this.batch;
  }

  private async load(input: ImportInput): Promise<LoadedFile> {
    const cached = this.files.get(input.uri);
    if (cached !== undefined) {
      return cached;
    }
    const { file, structure } = await this.parse(input);
    // The top file's parts get no file name in their source ids, because CAD exports of the top file are
    // often named by date or version. External files keep theirs: the top file refers to them by name.
    const prefix = this.files.size === 0 ? undefined : file.name;
    const loaded: LoadedFile = { input, file, structure, sourceIds: definitionSourceIds(prefix, structure) };
    this.files.set(input.uri, loaded);
    return loaded;
  }

  private async parse(input: ImportInput): Promise<ParsedFile> {
    const cached = this.parsed.get(input.uri);
    if (cached !== undefined) {
      return cached;
    }
    const file = await readPart21(input, isStructureType, (bytes) => {
      this.bytesRead += bytes;
      // The total is known for a single top file only; external files are found while reading.
      const total = this.parsed.size === 0 ? this.bytesTotal : undefined;
      this.options.onProgress?.({ bytesRead: this.bytesRead, ...(total === undefined ? {} : { bytesTotal: total }) });
    });
    const parsed: ParsedFile = { file, structure: readProductStructure(file) };
    this.parsed.set(input.uri, parsed);
    return parsed;
  }

  /**
   * Adds a file's parts and BOM lines to the batch. `alias` gives the root product definition of an
   * externally referenced file the source id of the product definition that refers to it, so that its
   * BOM lines hang under the referencing part.
   */
  private async emitFile(loaded: LoadedFile, chain: string[], alias: { definition: ProductDefinition; sourceId: string } | undefined): Promise<void> {
    const { file, structure } = loaded;
    this.batch.issues.push(...structure.issues);
    const sourceIdOf = (definition: number): string => (alias !== undefined && definition === alias.definition.id ? alias.sourceId : loaded.sourceIds.get(definition)!);
    if (alias !== undefined) {
      loaded.root = alias.definition;
      loaded.rootSourceId = alias.sourceId;
    }

    for (const definition of structure.definitions.values()) {
      if (alias !== undefined && definition.id === alias.definition.id) {
        continue;
      }
      const part: SourcePart = {
        sourceId: sourceIdOf(definition.id),
        partNumber: definition.partNumber,
        revision: definition.revision === '' ? '-' : definition.revision,
        title: definition.name,
        ...(definition.description === undefined ? {} : { description: definition.description }),
        ...(definition.material === undefined ? {} : { attributes: { material: definition.material } }),
        location: { file: file.name, line: definition.line, entity: `#${definition.id}` },
      };
      this.batch.parts.push(part);
      this.parts.set(part.sourceId, part);
    }
    this.emitUsages(file, structure, structure.usages, sourceIdOf);

    for (const reference of structure.references) {
      await this.followReference(loaded, reference, chain, sourceIdOf(reference.definition));
    }
  }

  /**
   * Adds one BOM line per assembly and component: repeated occurrences add up to the quantity. The line
   * goes into each BOM view that the assembly's life cycle stages name, or into the import's view when
   * they name none. 'design' names the EBOM only in a file with manufacturing definitions (see readStep).
   */
  private emitUsages(file: Part21File, structure: ProductStructure, usages: readonly AssemblyUsage[], sourceIdOf: (definition: number) => string): void {
    const lines = new Map<string, { usage: AssemblyUsage; quantity: number; designators: string[]; merged: AssemblyUsage[] }>();
    for (const usage of usages) {
      const key = `${usage.parent} ${usage.child} ${usage.unit}`;
      const line = lines.get(key);
      if (line === undefined) {
        lines.set(key, { usage, quantity: usage.quantity, designators: usage.referenceDesignator === undefined ? [] : [usage.referenceDesignator], merged: [] });
      } else {
        line.quantity += usage.quantity;
        line.merged.push(usage);
        if (usage.referenceDesignator !== undefined) {
          line.designators.push(usage.referenceDesignator);
        }
      }
    }
    const locationOf = (usage: AssemblyUsage): SourceLocation => ({ file: file.name, line: usage.line, entity: `#${usage.id}` });
    const hasManufacturing = [...structure.definitions.values()].some((definition) => definition.stages.views.includes('MBOM'));
    for (const { usage, quantity, designators, merged } of lines.values()) {
      const stageViews = structure.definitions.get(usage.parent)!.stages.views;
      const views = hasManufacturing ? stageViews : stageViews.filter((view) => view !== 'EBOM');
      for (const view of views.length === 0 ? [undefined] : views) {
        this.batch.bomLines.push({
          parent: sourceIdOf(usage.parent),
          child: sourceIdOf(usage.child),
          quantity,
          unit: usage.unit,
          ...(designators.length === 0 ? {} : { referenceDesignators: designators }),
          ...(view === undefined ? {} : { view }),
          location: locationOf(usage),
          ...(merged.length === 0 ? {} : { mergedLocations: merged.map(locationOf) }),
        });
      }
    }
  }

  private async followReference(loaded: LoadedFile, reference: ProductStructure['references'][number], chain: string[], sourceId: string): Promise<void> {
    const location: SourceLocation = { file: loaded.file.name, line: reference.line, entity: `#${reference.entity}` };
    const definition = loaded.structure.definitions.get(reference.definition)!;
    const error = (message: string): void => {
      this.batch.issues.push({ severity: 'error', message, location });
    };

    let target: ImportInput | undefined;
    try {
      target = loaded.input.resolve(reference.fileName);
    } catch (problem) {
      if (problem instanceof ReferencedFileError) {
        error(
          `The external file ${problem.reference}, referenced from ${problem.referencedFrom} for part ${definition.partNumber}, ${problem.problem}, ` +
            `so ${problem.fix}, or export the assembly as one STEP file.`,
        );
        return;
      }
      throw problem;
    }
    if (target === undefined) {
      error(`${definition.partNumber} is defined in the external file ${reference.fileName}, which an uploaded file cannot reach; upload a zip archive of the assembly's files, or import the top file from its folder with the digital-thread import command.`);
      return;
    }
    if (chain.includes(target.uri)) {
      error(`The external reference to ${reference.fileName} closes a loop of files (${[...chain, target.uri].map((uri) => uri.split(/[\\/]/).pop()).join(' -> ')}); a file cannot contain itself.`);
      return;
    }
    if (chain.length >= MAX_REFERENCE_DEPTH) {
      error(`External references are nested more than ${MAX_REFERENCE_DEPTH} files deep at ${reference.fileName}.`);
      return;
    }

    const external = await this.load(target);
    const root = external.root ?? findRoot(external.structure, definition);
    if (root === undefined) {
      error(`The external file ${reference.fileName} has no product ${definition.partNumber} and no single top assembly, so it is unclear which of its products is ${definition.partNumber}.`);
      return;
    }
    this.takeDefinition(sourceId, { fileName: loaded.file.name, definition }, { fileName: external.file.name, definition: root }, location);

    const key = `${definition.partNumber}\u0000${definition.revision}`;
    if (external.rootSourceId !== undefined) {
      // Already in the batch; a second reference by another part repeats its BOM lines under that part.
      if (external.rootKey !== key) {
        this.emitUsages(external.file, external.structure, external.structure.usages.filter((usage) => usage.parent === root.id), (id) => (id === root.id ? sourceId : external.sourceIds.get(id)!));
      }
      return;
    }
    external.rootKey = key;
    await this.emitFile(external, [...chain, target.uri], { definition: root, sourceId });
  }

  /** Sets the name and description of the referencing part from the file that defines it, as reconcileExternalProduct chooses. */
  private takeDefinition(sourceId: string, referencing: DefinitionInFile, defining: DefinitionInFile, location: SourceLocation): void {
    const reconciled = reconcileExternalProduct(referencing, defining);
    if (reconciled.warning !== undefined) {
      this.batch.issues.push({ severity: 'warning', message: reconciled.warning, location });
    }

    const part = this.parts.get(sourceId)!;
    part.title = reconciled.name;
    if (reconciled.description === undefined) {
      delete part.description;
    } else {
      part.description = reconciled.description;
    }
  }
}

/** Finds the product definition of an external file that is the referencing one: same part number, else the only top assembly. */
function findRoot(structure: ProductStructure, referencing: ProductDefinition): ProductDefinition | undefined {
  const definitions = [...structure.definitions.values()];
  const sameNumber = definitions.filter((definition) => definition.partNumber === referencing.partNumber);
  if (sameNumber.length >= 1) {
    return sameNumber.find((definition) => definition.revision === referencing.revision) ?? sameNumber[0];
  }
  const children = new Set(structure.usages.map((usage) => usage.child));
  const roots = definitions.filter((definition) => !children.has(definition.id));
  return roots.length === 1 ? roots[0] : undefined;
}

/** Names the application protocol from FILE_SCHEMA, such as `STEP AP214`. */
function systemOf(file: Part21File): string {
  const schema = file.schemas.join(' ').toUpperCase();
  let protocol: string;
  if (schema.includes('AP242')) {
    protocol = 'STEP AP242';
  } else if (schema.includes('AUTOMOTIVE_DESIGN') || schema.includes('AP214')) {
    protocol = 'STEP AP214';
  } else if (schema.includes('CONFIG_CONTROL_DESIGN') || schema.includes('AP203')) {
    protocol = 'STEP AP203';
  } else {
    protocol = `STEP (${file.schemas[0] ?? 'no FILE_SCHEMA'})`;
  }
  return file.originatingSystem === undefined ? protocol : `${protocol}, ${file.originatingSystem.slice(0, 120)}`;
}

/**
 * Returns the source id of each product definition of a file: part number and revision, after the file
 * name for a file that the top file refers to. Entity instance numbers change whenever a CAD system exports the file again, so they only tell apart
 * two definitions of the same part revision in one file (the second gets ` #<number>` appended).
 */
function definitionSourceIds(fileName: string | undefined, structure: ProductStructure): Map<number, string> {
  const sourceIds = new Map<number, string>();
  const used = new Set<string>();
  for (const definition of structure.definitions.values()) {
    const partRevision = `${definition.partNumber}/${definition.revision === '' ? '-' : definition.revision}`;
    const base = fileName === undefined ? partRevision : `${fileName}:${partRevision}`;
    const sourceId = used.has(base) ? `${base} #${definition.id}` : base;
    used.add(base);
    sourceIds.set(definition.id, sourceId);
  }
  return sourceIds;
}

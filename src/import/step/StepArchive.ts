import { posix } from 'node:path';
import type { Entry } from 'yauzl';
import { InputError, ReferencedFileError } from '../ImportErrors.js';
import type { ImportInput } from '../ImportInput.js';
import { DEFAULT_ARCHIVE_LIMITS, describeEntries, listNames, ZipArchive, type ArchiveLimits } from '../ZipArchive.js';
import { readPart21 } from './Part21Reader.js';
import { isStructureType, readProductStructure } from './ProductStructure.js';

/** Names of STEP files (ISO 10303-21), in any letter case. */
const STEP_FILE_NAME = /\.(stp|step|p21)$/i;

/** The option that names the top file, as the import endpoint and the command line spell it. */
const TOP_OPTION = 'top=NAME (--top NAME on the command line)';

/**
 * The archive cannot give a top file: it contains no STEP file, `top` names no file in it, or its
 * STEP files do not show which one is the top of the assembly.
 */
export class TopFileError extends InputError {}

/**
 * A zip archive of the STEP files of one assembly. Its entries are read on demand, so each STEP file is
 * inflated only while it is parsed. References between the files resolve against the entries as they
 * resolve against a folder on disk: relative to the folder of the referring file, never outside the
 * folder of the top file, and with letter case significant. Call close() when done.
 */
export class StepArchive {
  private constructor(
    private readonly archive: ZipArchive,
    /** Name of the archive in messages, such as `assembly.zip`. */
    public readonly name: string,
    /** Path or URL of the archive, which the entries' URIs start with. */
    public readonly uri: string,
    /** The file entries by path, in archive order. */
    private readonly entries: ReadonlyMap<string, Entry>,
  ) {}

  /** Entries that reference errors named as the file a reference likely means (isNamedInError). */
  private readonly namedInErrors = new Set<string>();

  /** Opens an archive and lists its entries; throws UnsafeArchiveError for an unreadable or unsafe archive. */
  public static async open(bytes: Buffer, name: string, uri: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<StepArchive> {
    const archive = await ZipArchive.open(bytes, name, limits);
    const entries = new Map<string, Entry>();
    try {
      for await (const entry of archive.files((path) => isStepFile(path))) {
        entries.set(entry.fileName, entry);
      }
    } catch (error) {
      archive.close();
      throw error;
    }
    return new StepArchive(archive, name, uri, entries);
  }

  /** Returns the paths of the STEP files in the archive, in archive order. */
  public stepFiles(): string[] {
    return [...this.entries.keys()].filter(isStepFile);
  }

  /** Returns the paths of the archive's files, in archive order. */
  public allFiles(): string[] {
    return [...this.entries.keys()];
  }

  /** Returns the URI of an entry, such as `assembly.zip!/FOOT.stp`, which distinguishes files of one name in two folders. */
  public entryUri(path: string): string {
    return `${this.uri}!/${path}`;
  }

  /**
   * Returns an entry as an import input. `root` is the folder of the top file (`.` for the archive's
   * top level): references that leave it are rejected, as on disk. The input's name is the entry's
   * file name without its folder, as a file on disk is named, so that parts of referenced files get
   * the same source ids from an archive as from a folder.
   */
  public input(path: string, root: string): ImportInput {
    const entry = this.entries.get(path)!;
    const archive = this.archive;
    async function* stream(): AsyncGenerator<Buffer> {
      for await (const chunk of await archive.openEntry(entry)) {
        yield chunk as Buffer;
      }
    }
    return {
      uri: this.entryUri(path),
      name: posix.basename(path),
      size: entry.uncompressedSize,
      stream,
      read: async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of stream()) {
          chunks.push(chunk);
        }
        return Buffer.concat(chunks);
      },
      resolve: (reference) => this.input(this.resolveReference(reference, path, root), root),
    };
  }

  /**
   * Returns the path of the entry that `reference` in the entry `from` names, or undefined for a
   * reference that leaves the archive. Backslashes separate folders, as Windows CAD systems write them.
   */
  public referencedPath(reference: string, from: string): string | undefined {
    const slashed = reference.replace(/\\/g, '/');
    if (posix.isAbsolute(slashed) || /^[a-z]:/i.test(slashed)) {
      return undefined;
    }
    const target = posix.join(posix.dirname(from), slashed);
    return target === '..' || target.startsWith('../') ? undefined : target;
  }

  /**
   * Returns the entry path that `reference` in the entry `from` names. Throws ReferencedFileError, with
   * the messages that a folder on disk gives, for a reference outside `root` or to a missing entry.
   */
  private resolveReference(reference: string, from: string, root: string): string {
    const fromName = posix.basename(from);
    const target = this.referencedPath(reference, from);
    if (target === undefined || (root !== '.' && !target.startsWith(`${root}/`))) {
      throw new ReferencedFileError(reference, fromName, `lies outside ${this.folderName(root)}, the folder of the top file`, 'add it to that folder of the archive and correct the reference');
    }
    if (this.entries.has(target)) {
      return target;
    }

    const folder = posix.dirname(target);
    const where = this.folderName(folder);
    if ([...this.entries.keys()].some((path) => path.startsWith(`${target}/`))) {
      throw new ReferencedFileError(reference, fromName, `is a folder in ${where}`, 'correct the reference to name the file');
    }
    const variants = this.caseVariants(target);
    if (variants.length > 0) {
      variants.forEach((name) => this.namedInErrors.add(posix.join(folder, name)));
      const rename = variants.length === 1 ? `rename ${variants[0]} to ${posix.basename(target)} in the archive` : `rename one of them to ${posix.basename(target)} in the archive`;
      const problem = `was not found in ${where} (did you mean ${variants.join(' or ')}? Only the letter case differs, and names in the archive are case-sensitive, as file names on the server are)`;
      throw new ReferencedFileError(reference, fromName, problem, rename);
    }
    const place = folder === posix.dirname(from) ? `next to ${fromName}` : `in ${folder}/`;
    const elsewhere = this.sameNamedElsewhere(target);
    if (elsewhere.length > 0) {
      elsewhere.forEach((path) => this.namedInErrors.add(path));
      const problem = `was not found in ${where}, but the archive has a file of that name at ${elsewhere.join(' and ')} (references resolve relative to the folder of the file that contains them)`;
      throw new ReferencedFileError(reference, fromName, problem, `keep the folder layout that the CAD system exported, or put ${posix.basename(target)} ${place} in the archive`);
    }
    throw new ReferencedFileError(reference, fromName, `was not found in ${where}`, `add it to the archive ${place}`);
  }

  /**
   * Returns the entries that have the file name of `path`, in any letter case, in another folder, as when
   * a zip tool flattened or regrouped the folders that the CAD system exported.
   */
  public sameNamedElsewhere(path: string): string[] {
    const folder = posix.dirname(path);
    const name = posix.basename(path).toLowerCase();
    return [...this.entries.keys()].filter((candidate) => posix.dirname(candidate) !== folder && posix.basename(candidate).toLowerCase() === name);
  }

  /**
   * Returns whether a reference error named the entry as the file that the reference likely means (a
   * name in another letter case or folder). The assembly leaves such an entry out, but a warning that
   * it is unused would repeat the error.
   */
  public isNamedInError(path: string): boolean {
    return this.namedInErrors.has(path);
  }

  /** Returns the file names in the folder of `path` that differ from its name only in letter case, sorted. */
  private caseVariants(path: string): string[] {
    const folder = posix.dirname(path);
    const name = posix.basename(path);
    return [...this.entries.keys()]
      .filter((candidate) => posix.dirname(candidate) === folder && candidate !== path && posix.basename(candidate).toLowerCase() === name.toLowerCase())
      .map((candidate) => posix.basename(candidate))
      .sort();
  }

  /** Names a folder of the archive in messages: the archive itself for its top level, else `sub/ in assembly.zip`. */
  private folderName(folder: string): string {
    return folder === '.' ? this.name : `${folder}/ in ${this.name}`;
  }

  /**
   * Returns the path of the entry that `top` names: its path in the archive, or a file name that one
   * entry has in any folder. Throws TopFileError naming the STEP files when it names none or several.
   */
  public findTop(top: string): string {
    const path = top.replace(/\\/g, '/');
    if (this.entries.has(path)) {
      return path;
    }
    const named = [...this.entries.keys()].filter((candidate) => posix.basename(candidate) === path);
    if (named.length === 1) {
      return named[0]!;
    }
    if (named.length > 1) {
      throw new TopFileError(`The top file ${top} names ${named.length} files in ${this.name} (${listNames(named)}); give the path of one of them, such as ${named[0]!}.`);
    }
    const variants = [...this.entries.keys()].filter((candidate) => candidate.toLowerCase() === path.toLowerCase() || posix.basename(candidate).toLowerCase() === path.toLowerCase());
    const hint = variants.length === 0 ? '' : ` (did you mean ${variants.join(' or ')}? Only the letter case differs, and names in the archive are case-sensitive)`;
    throw new TopFileError(`The top file ${top} was not found in ${this.name}${hint}; give one of its STEP files: ${listNames(this.stepFiles())}.`);
  }

  public close(): void {
    this.archive.close();
  }
}

function isStepFile(path: string): boolean {
  return STEP_FILE_NAME.test(path);
}

/** Returns the external file references of a STEP file, as it writes them. */
export type ReferenceReader = (input: ImportInput) => Promise<readonly string[]>;

/** Reads the external file references of a STEP file by parsing its product structure. */
export const readReferences: ReferenceReader = async (input) => {
  const structure = readProductStructure(await readPart21(input, isStructureType));
  return structure.references.map((reference) => reference.fileName);
};

/**
 * Returns the path of the archive's top file: the entry that `top` names, else the one STEP file that
 * no other STEP file in the archive refers to. A reference that differs only in letter case counts
 * here, so that a misspelt reference gives its "did you mean" error when the import follows it,
 * rather than a second top file. Throws TopFileError when there is no STEP file, or when no file or
 * several are the top, naming the candidates and the fix: the `top` option, or missing or regrouped files.
 */
export async function chooseTopFile(archive: StepArchive, top: string | undefined, referencesOf: ReferenceReader = readReferences): Promise<string> {
  if (top !== undefined) {
    return archive.findTop(top);
  }
  const files = archive.stepFiles();
  if (files.length === 0) {
    throw new TopFileError(`${archive.name} contains no STEP file (.stp, .step or .p21): ${describeEntries(archive.allFiles())}. Zip the STEP files of the assembly, top file included, or import the other files in their own formats.`);
  }

  const present = new Set(archive.allFiles().map((path) => path.toLowerCase()));
  const referenced = new Set<string>();
  /** Number of other files that each STEP file refers to, by path. */
  const referenceCounts = new Map<string, number>();
  const missing: string[] = [];
  const stranded: string[] = [];
  for (const path of files) {
    const targets = new Set<string>();
    for (const reference of await referencesOf(archive.input(path, '.'))) {
      const target = archive.referencedPath(reference, path);
      if (target === undefined) {
        continue;
      }
      if (target.toLowerCase() !== path.toLowerCase()) {
        referenced.add(target.toLowerCase());
        targets.add(target.toLowerCase());
      }
      if (!present.has(target.toLowerCase())) {
        const elsewhere = archive.sameNamedElsewhere(target);
        if (elsewhere.length === 0) {
          missing.push(`${posix.basename(path)} refers to ${reference}`);
        } else {
          stranded.push(`${path} refers to ${reference} (found at ${elsewhere.join(' and ')})`);
        }
      }
    }
    referenceCounts.set(path, targets.size);
  }
  const candidates = files.filter((path) => !referenced.has(path.toLowerCase()));
  if (candidates.length === 1) {
    return candidates[0]!;
  }

  if (candidates.length === 0) {
    throw new TopFileError(`Every STEP file in ${archive.name} is referred to by another, so the files refer to each other in a loop and none of them is the top file (${listNames(files)}). ${topFix(files, referenceCounts)}.`);
  }
  throw new TopFileError(`${archive.name} contains ${candidates.length} STEP files that no other file in it refers to, so the top file of the assembly is unclear: ${listNames(candidates)}.${unclearTopFix(candidates, referenceCounts, missing, stranded)}`);
}

/**
 * Returns the example of the `top` option for files of which none or several may be the top file: the
 * one that refers to the most other files, which a stranded component of the assembly is not.
 */
function topFix(candidates: readonly string[], referenceCounts: ReadonlyMap<string, number>): string {
  const example = candidates.reduce((best, path) => (referenceCounts.get(path)! > referenceCounts.get(best)! ? path : best));
  return `Name the top file with ${TOP_OPTION}, such as top=${example}`;
}

/**
 * Returns the cause and fix for several top candidates. A file missing between the top file and its
 * components leaves those components unreferenced, and so does a file that lies in another folder than
 * the reference names. Naming the top file fixes neither, so the fix for those comes first.
 */
function unclearTopFix(candidates: readonly string[], referenceCounts: ReadonlyMap<string, number>, missing: readonly string[], stranded: readonly string[]): string {
  const lacking = missing.length === 0 ? '' : ` The archive lacks files that others refer to, which leaves their components without a parent: ${listNames(missing)}.`;
  if (stranded.length === 0) {
    return `${lacking} ${topFix(candidates, referenceCounts)}${missing.length === 0 ? '' : ', or add the missing files'}, or leave out the files that are not part of the assembly.`;
  }
  const moved = ` Files lie in another folder than the references to them name, and references resolve relative to the folder of the file that contains them: ${listNames(stranded)}.`;
  return `${moved}${lacking} Keep the folder layout that the CAD system exported, or put each file next to the file that refers to it${missing.length === 0 ? '' : ', and add the missing files'}.`;
}

/**
 * Returns the name of a zip of STEP files as a source when the import request names none: the base name
 * of its top file, such as `s1-c5-214.stp`. So the zip and its unpacked top file are one source, and
 * zips of two assemblies are two, whatever the zips are called.
 */
export function archiveSourceName(top: string): string {
  return posix.basename(top);
}

/**
 * Returns the path of the top file of a zip of STEP files, for the import endpoint, which rejects an
 * archive without a clear top file before it queues the import. Throws UnsafeArchiveError and
 * TopFileError as StepArchive.open and chooseTopFile do, and the errors of a STEP file that cannot be parsed.
 */
export async function findTopFile(bytes: Buffer, name: string, top: string | undefined): Promise<string> {
  const archive = await StepArchive.open(bytes, name, name);
  try {
    return await chooseTopFile(archive, top);
  } finally {
    archive.close();
  }
}

import type { ImportIssue, SourceLocation } from './ImportModel.js';

/** Base class of errors that stop an import. The message states what failed and how to fix it. */
export class ImportError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The format name is not in the adapter registry. */
export class UnknownFormatError extends ImportError {}

/** An adapter option has a value the adapter cannot use. The message names the option and the values allowed. */
export class InvalidImportOptionError extends ImportError {
  public constructor(
    public readonly option: string,
    /** Problem with the value and the fix, without the option's name. */
    public readonly detail: string,
  ) {
    super(`invalid import option ${option}: ${detail}`);
  }
}

/** The input cannot be opened or read (missing file, unreachable URL, unsupported scheme). */
export class InputError extends ImportError {}

/**
 * The input is a file of another format than the import command reads, as its first bytes show, such as
 * a ReqIF archive given to the CSV import. Nothing of it was read.
 */
export class SourceFormatError extends InputError {
  public constructor(
    public readonly file: string,
    /** The format the command reads, with its article, such as "a CSV BOM". */
    public readonly expected: string,
    /** The format the file looks like, with its article, such as "a ReqIF archive (.reqifz)". */
    public readonly found: string,
    /** Clause that gives the fix, such as `so import it as reqif ("import reqif", or POST /import/reqif)`. */
    fix: string,
  ) {
    super(`${file} is no ${expected.replace(/^an? /, '')}: it looks like ${found}, ${fix}.`);
  }
}

/**
 * A reference from one input to another file, such as a STEP external document, that names no file the
 * import may read. The message comes in parts so that an adapter can add which of its items the file defines.
 */
export class ReferencedFileError extends InputError {
  public constructor(
    /** The reference as the file writes it, such as `TAIL.stp`. */
    public readonly reference: string,
    /** Name of the file that contains the reference. */
    public readonly referencedFrom: string,
    /** Predicate that states the problem, such as `was not found in /exports`. */
    public readonly problem: string,
    /** Imperative clause that states the fix, such as `copy it next to assembly.stp`. */
    public readonly fix: string,
  ) {
    super(`The file ${reference}, referenced from ${referencedFrom}, ${problem}, so ${fix}.`);
  }
}

/**
 * The source breaks a rule of its format or of the import (a BOM cycle, a dangling reference,
 * conflicting duplicates, a resource that fails its shape). Nothing was written; `issues` lists every
 * problem found, each with its location.
 */
export class ImportRejectedError extends ImportError {
  public constructor(
    public readonly issues: readonly ImportIssue[],
    options?: { cause?: unknown },
  ) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    const shown = errors.slice(0, 10).map((issue) => `- ${formatIssue(issue)}`);
    const more = errors.length > shown.length ? `\n- ... and ${errors.length - shown.length} more` : '';
    super(`The import was rejected with ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was written:\n${shown.join('\n')}${more}`, options);
  }

  /** Returns the first line of the message as a sentence, such as "The import was rejected with 1 error; nothing was written." */
  public summary(): string {
    return this.message.split('\n')[0]!.replace(/:$/, '.');
  }
}

/**
 * Returns an import error as a rejection: a rejection as it is, and any other import error, such as a file
 * of another format or a missing column, as a rejection with one error issue that has its message. So
 * the JSON report of the CLI and the import jobs show every failed import in one form. Every import error
 * is raised before the synchronizer writes, so nothing was written.
 */
export function asRejection(error: ImportError): ImportRejectedError {
  return error instanceof ImportRejectedError ? error : new ImportRejectedError([{ severity: 'error', message: error.message }], { cause: error });
}

/**
 * A syntax error in a source file, at a known line. It rejects the import like any other error in the
 * source, so the CLI and the import jobs report it in the same form.
 */
export class SourceSyntaxError extends ImportRejectedError {
  public constructor(
    public readonly location: SourceLocation,
    detail: string,
  ) {
    super([{ severity: 'error', message: detail, location }]);
  }
}

/** Writes a location as `file line 12 (#34)`. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) {
    text += ` line ${location.line}`;
  }
  if (location.entity !== undefined) {
    text += ` (${location.entity})`;
  }
  return text;
}

/** Writes an issue with its location in front. */
export function formatIssue(issue: ImportIssue): string {
  return issue.location === undefined ? issue.message : `${formatLocation(issue.location)}: ${issue.message}`;
}

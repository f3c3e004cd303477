import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { describeFetchFailure } from '../util/FetchFailures.js';
import { findCaseVariants, findFileProblem } from './FileProblems.js';
import { InputError, ReferencedFileError } from './ImportErrors.js';

/**
 * The content an adapter reads: a local file, a URL or an uploaded body. Adapters stream it or read it
 * whole, and resolve references to neighbouring files (STEP external references) through it.
 */
export interface ImportInput {
  /** File path or URL as given; provenance and messages name the source by it. */
  readonly uri: string;
  /** File name, for messages and locations. */
  readonly name: string;
  /** Size in bytes when known in advance, for progress. */
  readonly size?: number;
  stream(): AsyncIterable<Buffer>;
  read(): Promise<Buffer>;
  /**
   * Returns the input that a relative reference in this one names, such as `FOOT.stp`. Undefined when
   * this input has no neighbours (an uploaded body). Throws ReferencedFileError for a reference that
   * leaves the folder of the top file or URL, or names a local file that does not exist.
   */
  resolve(reference: string): ImportInput | undefined;
}

/**
 * Opens a local file or an http(s) URL. `kind` names the file expected, such as "CSV file", in the
 * message about a directory given in its place.
 */
export function openInput(fileOrUrl: string, kind = 'file'): ImportInput {
  if (/^https?:\/\//i.test(fileOrUrl)) {
    let url: URL;
    try {
      url = new URL(fileOrUrl);
    } catch {
      throw new InputError(`${fileOrUrl} is not a valid URL.`);
    }
    return urlInput(url, url);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(fileOrUrl)) {
    throw new InputError(`${fileOrUrl}: only local files and http(s) URLs can be imported.`);
  }
  const path = resolve(fileOrUrl);
  checkInputFile(fileOrUrl, path, kind);
  return fileInput(path, dirname(path), path, basename(path));
}

/**
 * Opens a local file that both provenance and locations name by the path as given, relative or not.
 * Adapter functions take it for a plain path argument.
 */
export function pathInput(path: string): ImportInput {
  const absolute = resolve(path);
  checkInputFile(path, absolute, 'file');
  return fileInput(absolute, dirname(absolute), path, path);
}

/** Throws an InputError that names `path` as the user typed it, unless `absolutePath` is a file this user can read. */
function checkInputFile(path: string, absolutePath: string, kind: string): void {
  switch (findFileProblem(absolutePath)) {
    case undefined:
      return;
    case 'missing':
      // A relative path is resolved against the working directory, which the user may not have in mind.
      throw new InputError(`${path} was not found${isAbsolute(path) ? '' : ` in ${process.cwd()}`}; check the path.`);
    case 'directory':
      throw new InputError(`${path} is a directory; give the ${kind} in it.`);
    case 'unreadable':
      throw new InputError(`${path} cannot be read: permission denied; give this user read access to it, or import as a user who has it.`);
    case 'not-a-file':
      throw new InputError(`${path} is not a regular file (such as a FIFO or a device); copy the data into a ${kind} and give its path.`);
  }
}

/** Returns an adapter's input argument as an ImportInput: a string is a local file path (see pathInput). */
export function asInput(input: ImportInput | string): ImportInput {
  return typeof input === 'string' ? pathInput(input) : input;
}

function fileInput(path: string, root: string, uri: string, name: string): ImportInput {
  return {
    uri,
    name,
    size: statSync(path).size,
    stream: () => createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>,
    read: () => readFile(path),
    resolve(reference) {
      const target = resolve(dirname(path), reference.replace(/\\/g, '/'));
      const inside = relative(root, target);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        throw new ReferencedFileError(reference, basename(path), `lies outside ${root}, the folder of the imported file`, 'copy it into that folder and correct the reference');
      }
      checkReferencedFile(reference, target, path);
      return fileInput(target, root, target, basename(target));
    },
  };
}

/** Throws a ReferencedFileError unless the file `target` that `reference` in the file `from` names can be read. */
function checkReferencedFile(reference: string, target: string, from: string): void {
  const folder = dirname(target);
  switch (findFileProblem(target)) {
    case undefined:
      return;
    case 'missing': {
      const variants = findCaseVariants(target);
      if (variants.length > 0) {
        const rename = variants.length === 1 ? `rename ${variants[0]} to ${basename(target)}` : `rename one of them to ${basename(target)}`;
        const problem = `was not found in ${folder} (did you mean ${variants.join(' or ')}? Only the letter case differs, and file names are case-sensitive here)`;
        throw new ReferencedFileError(reference, basename(from), problem, rename);
      }
      const fix = folder === dirname(from) ? `copy it next to ${basename(from)}` : `copy it to ${folder}`;
      throw new ReferencedFileError(reference, basename(from), `was not found in ${folder}`, fix);
    }
    case 'directory':
      throw new ReferencedFileError(reference, basename(from), `is a directory in ${folder}`, 'correct the reference to name the file');
    case 'unreadable':
      throw new ReferencedFileError(reference, basename(from), `cannot be read in ${folder}: permission denied`, 'give this user read access to it');
    case 'not-a-file':
      throw new ReferencedFileError(reference, basename(from), `is not a regular file in ${folder}`, 'copy the data into a file of that name');
  }
}

function urlInput(url: URL, root: URL): ImportInput {
  const get = async (): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'follow' });
    } catch (error) {
      throw new InputError(`${url.href} could not be fetched: ${describeFetchFailure(error)}.`);
    }
    if (!response.ok) {
      throw new InputError(`${url.href} returned HTTP ${response.status} ${response.statusText}.`);
    }
    return response;
  };
  return {
    uri: url.href,
    name: decodeURIComponent(url.pathname.split('/').pop() || url.hostname),
    async *stream() {
      const response = await get();
      if (response.body === null) {
        return;
      }
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        yield Buffer.from(chunk);
      }
    },
    read: async () => Buffer.from(await (await get()).arrayBuffer()),
    resolve(reference) {
      const target = new URL(reference.replace(/\\/g, '/'), url);
      const base = root.href.slice(0, root.href.lastIndexOf('/') + 1);
      if (target.origin !== root.origin || !target.href.startsWith(base)) {
        throw new ReferencedFileError(reference, url.href, `lies outside ${base}, the folder of the imported URL`, 'place it under that URL and correct the reference');
      }
      return urlInput(target, root);
    },
  };
}

/** Wraps an uploaded body; it has no neighbours, so references to other files cannot be resolved. */
export function bufferInput(name: string, bytes: Buffer, uri: string = name): ImportInput {
  return {
    uri,
    name,
    size: bytes.length,
    async *stream() {
      for (let offset = 0; offset < bytes.length; offset += 1 << 20) {
        yield bytes.subarray(offset, offset + (1 << 20));
      }
    },
    read: async () => bytes,
    resolve: () => undefined,
  };
}

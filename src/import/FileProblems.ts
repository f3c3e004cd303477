import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Why a local path cannot be read as a file to import: it does not exist, it is a directory, this user
 * may not read it, or it is another kind of file such as a FIFO or a device.
 */
export type FileProblem = 'missing' | 'directory' | 'unreadable' | 'not-a-file';

/**
 * Returns why `path` cannot be read as a regular file, or undefined when it can. A path that runs
 * through a file or a symbolic link loop counts as missing, and a folder on the path that this user
 * may not search makes it unreadable. Other file system errors (such as EIO) are raised.
 */
export function findFileProblem(path: string): FileProblem | undefined {
  let isFile: boolean;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) {
      return 'directory';
    }
    isFile = stats.isFile();
  } catch (error) {
    return problemOfCode(error);
  }
  if (!isFile) {
    return 'not-a-file';
  }
  try {
    accessSync(path, constants.R_OK);
  } catch (error) {
    return problemOfCode(error);
  }
  return undefined;
}

function problemOfCode(error: unknown): FileProblem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return 'unreadable';
  }
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') {
    return 'missing';
  }
  throw error;
}

/**
 * Returns the names of the files next to `path` whose names differ from its name only in letter case,
 * sorted. A file set copied from Windows, where file names ignore letter case, can refer to HEAD.stp
 * while the file on disk is head.stp. Returns none when the folder cannot be listed.
 */
export function findCaseVariants(path: string): string[] {
  const name = basename(path);
  const lowerName = name.toLowerCase();
  let entries: string[];
  try {
    entries = readdirSync(dirname(path));
  } catch {
    return [];
  }
  return entries.filter((entry) => entry !== name && entry.toLowerCase() === lowerName).sort();
}

import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `bytes` to `path` and forces them to disk before returning. */
export function writeFileDurably(path: string, bytes: Buffer, mode?: number): void {
  const fd = openSync(path, 'w', mode);
  try {
    let offset = 0;
    while (offset < bytes.length) {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Forces a directory's entries (created, renamed or removed files) to disk. */
export function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Suffix of the temporary file that `replaceFileDurably` renames into place. */
export const TEMPORARY_SUFFIX = '.tmp';

/**
 * Replaces `path` with `bytes` through a temporary file in the same directory, fsynced and renamed into
 * place, so a crash leaves the old content or the new one, never a mix. The rename reaches the disk only
 * when the directory is synced too, which `syncParent` does. Without it, a crash soon after may leave the
 * old content.
 */
export function replaceFileDurably(path: string, bytes: Buffer, options: { mode?: number; syncParent?: boolean } = {}): void {
  const temporary = join(dirname(path), `.${basename(path)}${TEMPORARY_SUFFIX}`);
  try {
    writeFileDurably(temporary, bytes, options.mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  if (options.syncParent === true) {
    syncDirectory(dirname(path));
  }
}

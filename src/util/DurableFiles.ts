import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

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

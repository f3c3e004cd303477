import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreLockedError } from '../StoreError.js';

/**
 * Exclusive use of a data directory by one process, through a `LOCK` file holding the owner's PID.
 * A lock whose owner no longer runs (after a crash or `kill -9`) is stale and is taken over.
 */
export class DataDirectoryLock {
  private readonly path: string;
  private held = false;

  public constructor(directory: string) {
    this.path = join(directory, 'LOCK');
  }

  public acquire(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.held = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw error;
        }
      }

      const owner = Number.parseInt(readFileSync(this.path, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new StoreLockedError(
          `The data directory is in use by process ${owner} (${this.path}); stop that process or choose another directory with --data.`,
        );
      }
      rmSync(this.path, { force: true });
    }
    throw new StoreLockedError(`Could not lock the data directory (${this.path}); another process keeps taking it.`);
  }

  public release(): void {
    if (this.held) {
      rmSync(this.path, { force: true });
      this.held = false;
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

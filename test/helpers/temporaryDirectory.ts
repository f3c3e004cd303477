import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates a fresh directory under the OS temporary directory; `remove()` deletes it. */
export function temporaryDirectory(prefix = 'dt-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs `run` with the path of a fresh temporary directory, and deletes the directory afterwards, also when `run` fails. */
export async function withTemporaryDirectory(run: (path: string) => Promise<void>, prefix?: string): Promise<void> {
  const directory = temporaryDirectory(prefix);
  try {
    await run(directory.path);
  } finally {
    directory.remove();
  }
}

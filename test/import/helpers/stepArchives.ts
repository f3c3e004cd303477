import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folder of CATIA's S1 assembly: a top file and 12 files that it refers to, directly or deeper. */
export const S1 = join(process.cwd(), 'test', 'fixtures', 'import', 'step', 's1-c5-214');

/** Returns the files of S1 by zip entry name, under `folder` when given, without those in `leaveOut`. */
export function s1Entries(folder = '', leaveOut: string[] = []): Record<string, Buffer> {
  const entries: Record<string, Buffer> = {};
  for (const name of readdirSync(S1).sort()) {
    if (!leaveOut.includes(name)) {
      entries[`${folder}${name}`] = readFileSync(join(S1, name));
    }
  }
  return entries;
}

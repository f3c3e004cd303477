import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The file in which a data directory records the base URL of its resource IRIs. The first server start,
 * load or import in the directory writes it, because every stored IRI starts with that URL.
 */
export const SERVER_FILE = 'server.json';

/** Returns the path of a data directory's server file. */
export function serverFilePath(dataDirectory: string): string {
  return join(dataDirectory, SERVER_FILE);
}

/** Returns the base URL that a data directory records, or undefined when it has no server file or the file names none. */
export function recordedBaseUrl(dataDirectory: string): string | undefined {
  const path = serverFilePath(dataDirectory);
  if (!existsSync(path)) {
    return undefined;
  }
  const recorded = (JSON.parse(readFileSync(path, 'utf8')) as { baseUrl?: unknown }).baseUrl;
  return typeof recorded === 'string' ? recorded : undefined;
}

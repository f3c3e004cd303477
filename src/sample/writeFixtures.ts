import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderFixtures } from './Fixtures.js';

/**
 * Writes the sample-programme fixtures (fcc.trig, eha.trig, README.md) to fixtures/sample-programme,
 * or to the directory given as the first argument.
 *
 * Usage: node dist/src/sample/writeFixtures.js [directory]
 */
const defaultDirectory = fileURLToPath(new URL('../../../fixtures/sample-programme/', import.meta.url));
const directory = process.argv[2] ?? defaultDirectory;

mkdirSync(directory, { recursive: true });
for (const [name, content] of renderFixtures()) {
  const path = join(directory, name);
  writeFileSync(path, content);
  console.log(`Wrote ${path} (${Buffer.byteLength(content)} bytes)`);
}

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { ObjectiveCatalogue } from '../certification/ObjectiveCatalogue.js';
import { ENCRYPTION_KEY_ENV, loadEncryptionKey } from '../config/EncryptionKeySource.js';
import { ConfigError } from '../config/ServerConfig.js';
import { PROJECT_ROOT } from '../server/ProjectRoot.js';
import { DataEncryption } from '../store/embedded/DataEncryption.js';
import { EmbeddedStore } from '../store/embedded/EmbeddedStore.js';
import { parseCommandLine } from './CommandLine.js';
import { UsageError } from './UsageError.js';
import { recordedBaseUrl, SERVER_FILE, serverFilePath } from '../server/ServerFile.js';

/** A data directory opened for reading evidence, with the server base URL it was created with. */
export interface OpenedEvidence {
  store: EmbeddedStore;
  baseUrl: string;
  dataDirectory: string;
  catalogue: ObjectiveCatalogue;
}

/**
 * Opens the data directory (`--data`, else DT_DATA, else ./data) of a stopped server, with the key of
 * its encryption at rest when one is given (`--encryption-key-file`, DT_ENCRYPTION_KEY_FILE or
 * DT_ENCRYPTION_KEY). The base URL comes from the server.json the server wrote on its first start, so
 * provider IRIs match the stored ones.
 */
export async function openEvidence(data: string | undefined, keyFile?: string): Promise<OpenedEvidence> {
  const dataDirectory = resolve(data ?? process.env.DT_DATA ?? './data');
  const serverFile = serverFilePath(dataDirectory);
  if (!existsSync(serverFile)) {
    throw new UsageError(`${dataDirectory} contains no provider data (no ${SERVER_FILE}); start the server once with --data ${dataDirectory}, or load files into it first.`);
  }
  const baseUrl = recordedBaseUrl(dataDirectory);
  if (baseUrl === undefined) {
    throw new UsageError(`${serverFile} names no baseUrl; start the server once to record it.`);
  }
  const errors: string[] = [];
  const key = loadEncryptionKey(
    {
      file: keyFile !== undefined ? { value: keyFile, source: '--encryption-key-file' } : { value: process.env.DT_ENCRYPTION_KEY_FILE, source: 'DT_ENCRYPTION_KEY_FILE' },
      inline: { value: process.env[ENCRYPTION_KEY_ENV], source: ENCRYPTION_KEY_ENV },
    },
    errors,
  );
  if (errors.length > 0) {
    throw new ConfigError(errors.join('\n'));
  }
  const store = new EmbeddedStore({ directory: dataDirectory, ...(key === undefined ? {} : { encryption: new DataEncryption(key) }) });
  await store.open();
  return { store, baseUrl, dataDirectory, catalogue: ObjectiveCatalogue.load(join(PROJECT_ROOT, 'vocab')) };
}

/** Returns the IRI of a provider, failing with the known providers when the store has no such provider. */
export async function providerIri(opened: OpenedEvidence, provider: string): Promise<string> {
  const iri = `${opened.baseUrl}oslc/sp/${provider}`;
  if ((await opened.store.versionOf(iri)) === undefined) {
    const known = (await opened.store.graphs()).filter((graph) => /^oslc\/sp\/[^/]+$/.test(graph.slice(opened.baseUrl.length))).map((graph) => graph.slice(`${opened.baseUrl}oslc/sp/`.length));
    throw new UsageError(`No service provider "${provider}" in ${opened.dataDirectory}; known providers: ${known.sort().join(', ') || 'none'}.`);
  }
  return iri;
}

/** Options that trace and package share: which provider, which evidence, which data directory. */
const EVIDENCE_OPTIONS = {
  provider: { type: 'string' },
  standard: { type: 'string' },
  level: { type: 'string' },
  baseline: { type: 'string' },
  clearance: { type: 'string' },
  data: { type: 'string' },
  'encryption-key-file': { type: 'string' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/**
 * Parses a command's arguments: the shared evidence options plus `extra`. Returns undefined after
 * printing `help` when --help is given, and raises a UsageError for unknown options (see parseCommandLine).
 */
export function parseEvidenceArgs(command: string, args: string[], extra: NonNullable<ParseArgsConfig['options']>, help: string): Record<string, string | undefined> | undefined {
  const values = parseCommandLine(command, { args, options: { ...EVIDENCE_OPTIONS, ...extra }, strict: true }).values as Record<string, string | boolean | undefined>;
  if (values.help === true) {
    process.stdout.write(`${help}\n`);
    return undefined;
  }
  const strings: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(values)) {
    // A boolean option given on the command line becomes 'true', and absent options stay undefined.
    if (typeof value === 'string') {
      strings[name] = value;
    } else if (value === true) {
      strings[name] = 'true';
    }
  }
  return strings;
}

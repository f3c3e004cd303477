import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { LOG_LEVELS } from '../logging/Logger.js';
import { resolveSecurityConfig, SECURITY_SETTINGS, tlsRequested, type SecurityConfig, type SecurityInput } from './SecurityConfig.js';

/** Settings of a running server, after validation. */
export interface ServerConfig {
  host: string;
  port: number;
  /** Public base URL that maps to the server root, always ending in `/`. */
  baseUrl: string;
  dataDirectory: string;
  logLevel: string;
  /** Origins allowed to make credentialed cross-origin requests (CORS). */
  corsOrigins: string[];
  /** Origins allowed to embed dialogs and previews in frames and to receive dialog results. */
  frameOrigins: string[];
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** Whether the sample programme is loaded into an empty store on start. */
  loadSample: boolean;
  /** Size of the representation cache in bytes. */
  cacheBytes: number;
  /** Longest a SPARQL query may run; clients may ask for less. */
  sparqlTimeoutMs: number;
  /** Worker threads for SPARQL queries, each with a replica of the store. */
  sparqlWorkers: number;
  /** Largest serialized SPARQL result. */
  sparqlMaxResultBytes: number;
  /** Authentication, authorization, transport and encryption settings. */
  security: SecurityConfig;
}

/** One invalid setting; the message names the flag, the environment variable, the value and the fix. */
export class ConfigError extends Error {}

export interface Setting {
  flag: string;
  env: string;
  description: string;
}

export const SETTINGS = {
  host: { flag: '--host', env: 'DT_HOST', description: 'address to listen on (default 127.0.0.1)' },
  port: { flag: '--port', env: 'DT_PORT', description: 'TCP port to listen on (default 8080)' },
  baseUrl: { flag: '--base-url', env: 'DT_BASE_URL', description: 'public URL of the server root, for deployment behind a proxy (default http://HOST:PORT/)' },
  dataDirectory: { flag: '--data', env: 'DT_DATA', description: 'data directory for the journal and snapshots (default ./data)' },
  logLevel: { flag: '--log-level', env: 'DT_LOG_LEVEL', description: `log level: ${LOG_LEVELS.join(', ')}; http logs one line per request (default http)` },
  corsOrigins: { flag: '--cors-origin', env: 'DT_CORS_ORIGINS', description: 'origin allowed for cross-origin requests; repeat the flag or comma-separate in the variable' },
  frameOrigins: { flag: '--frame-origin', env: 'DT_FRAME_ORIGINS', description: 'origin allowed to embed dialogs and previews and to receive dialog results (default: the CORS origins)' },
  maxBody: { flag: '--max-body', env: 'DT_MAX_BODY', description: 'largest request body, in bytes or with a kb/mb suffix (default 10mb)' },
  sample: { flag: '--no-sample', env: 'DT_SAMPLE', description: 'do not load the sample programme into an empty store (env: DT_SAMPLE=false)' },
  cache: { flag: '--cache', env: 'DT_CACHE', description: 'representation cache size, in bytes or with a kb/mb suffix (default 64mb)' },
  sparqlTimeout: { flag: '--sparql-timeout', env: 'DT_SPARQL_TIMEOUT', description: 'longest a SPARQL query may run, in seconds; clients may ask for less (default 30)' },
  sparqlWorkers: { flag: '--sparql-workers', env: 'DT_SPARQL_WORKERS', description: 'SPARQL worker threads, each holding a copy of the data in memory (default 2)' },
  sparqlMaxResult: { flag: '--sparql-max-result', env: 'DT_SPARQL_MAX_RESULT', description: 'largest SPARQL result, in bytes or with a kb/mb suffix (default 128mb)' },
  ...SECURITY_SETTINGS,
} satisfies Record<string, Setting>;

/** Raw values from the command line; undefined means not given. */
export interface ConfigInput extends SecurityInput {
  host?: string;
  port?: string;
  baseUrl?: string;
  dataDirectory?: string;
  logLevel?: string;
  corsOrigins?: string[];
  frameOrigins?: string[];
  maxBody?: string;
  noSample?: boolean;
  cache?: string;
  sparqlTimeout?: string;
  sparqlWorkers?: string;
  sparqlMaxResult?: string;
}

/**
 * Builds the configuration from command-line values, then environment variables, then defaults, and
 * validates every value. All problems are reported together, each with its fix.
 */
export function resolveConfig(input: ConfigInput, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const errors: string[] = [];
  const pick = (value: string | undefined, setting: Setting): { value: string | undefined; source: string } =>
    value !== undefined ? { value, source: setting.flag } : { value: env[setting.env], source: setting.env };

  const host = pick(input.host, SETTINGS.host);
  const hostValue = host.value ?? '127.0.0.1';
  if (!isValidHost(hostValue)) {
    errors.push(`${host.source} "${hostValue}" is not an IP address or host name; use for example 127.0.0.1 or 0.0.0.0.`);
  }

  const port = pick(input.port, SETTINGS.port);
  const portValue = port.value === undefined ? 8080 : Number(port.value);
  if (!Number.isInteger(portValue) || portValue < 0 || portValue > 65535 || (port.value !== undefined && !/^\d+$/.test(port.value))) {
    errors.push(`${port.source} "${port.value}" is not a port number; use an integer from 1 to 65535 (or 0 for any free port).`);
  }

  // Without --base-url the base follows host and port, which are reported above when they are invalid.
  const defaultBase = `${tlsRequested(input, env) ? 'https' : 'http'}://${isIP(hostValue) === 6 ? `[${hostValue}]` : hostValue === '0.0.0.0' ? '127.0.0.1' : hostValue}:${portValue}/`;
  const baseUrl = pick(input.baseUrl, SETTINGS.baseUrl);
  const baseValue = normalizeBaseUrl(baseUrl.value ?? defaultBase);
  if (baseValue === undefined && baseUrl.value !== undefined) {
    errors.push(`${baseUrl.source} "${baseUrl.value}" is not an absolute http or https URL without query or fragment; use for example https://oslc.example.com/ .`);
  }

  const data = pick(input.dataDirectory, SETTINGS.dataDirectory);
  const dataValue = data.value ?? './data';
  if (dataValue.trim() === '') {
    errors.push(`${data.source} is empty; give a directory path such as ./data.`);
  }

  const logLevel = pick(input.logLevel, SETTINGS.logLevel);
  const logLevelValue = logLevel.value ?? 'http';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelValue)) {
    errors.push(`${logLevel.source} "${logLevelValue}" is not a log level; use one of ${LOG_LEVELS.join(', ')}.`);
  }

  const originList = (flagValues: string[] | undefined, setting: Setting): string[] | undefined => {
    const given = flagValues !== undefined && flagValues.length > 0
      ? { value: flagValues, source: setting.flag }
      : env[setting.env] === undefined
        ? undefined
        : { value: env[setting.env]!.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''), source: setting.env };
    if (given === undefined) {
      return undefined;
    }
    const origins: string[] = [];
    for (const origin of given.value) {
      const normalized = normalizeOrigin(origin);
      if (normalized === undefined) {
        errors.push(`${given.source} "${origin}" is not an origin; give scheme, host and optional port only, such as https://elm.example.com:9443 (a wildcard is not allowed).`);
      } else {
        origins.push(normalized);
      }
    }
    return origins;
  };
  const corsOrigins = originList(input.corsOrigins, SETTINGS.corsOrigins) ?? [];
  // Tools that embed the dialogs usually also call the API, so the CORS list is the default.
  const frameOrigins = originList(input.frameOrigins, SETTINGS.frameOrigins) ?? corsOrigins;

  const maxBody = pick(input.maxBody, SETTINGS.maxBody);
  const maxBodyBytes = parseByteSize(maxBody.value ?? '10mb');
  if (maxBodyBytes === undefined || maxBodyBytes < 1024) {
    errors.push(`${maxBody.source} "${maxBody.value}" is not a size of at least 1kb; use for example 10mb or 1048576.`);
  }

  const cache = pick(input.cache, SETTINGS.cache);
  const cacheBytes = parseByteSize(cache.value ?? '64mb');
  if (cacheBytes === undefined) {
    errors.push(`${cache.source} "${cache.value}" is not a size; use for example 64mb, or 0 to turn the cache off.`);
  }

  const sparqlTimeout = pick(input.sparqlTimeout, SETTINGS.sparqlTimeout);
  const sparqlTimeoutSeconds = Number(sparqlTimeout.value ?? '30');
  if (!Number.isFinite(sparqlTimeoutSeconds) || sparqlTimeoutSeconds <= 0 || sparqlTimeoutSeconds > 3600) {
    errors.push(`${sparqlTimeout.source} "${sparqlTimeout.value}" is not a timeout; give seconds from 0.1 to 3600, such as 30.`);
  }

  const sparqlWorkers = pick(input.sparqlWorkers, SETTINGS.sparqlWorkers);
  const sparqlWorkerCount = Number(sparqlWorkers.value ?? '2');
  if (!Number.isInteger(sparqlWorkerCount) || sparqlWorkerCount < 1 || sparqlWorkerCount > 16) {
    errors.push(`${sparqlWorkers.source} "${sparqlWorkers.value}" is not a worker count; use an integer from 1 to 16.`);
  }

  const sparqlMaxResult = pick(input.sparqlMaxResult, SETTINGS.sparqlMaxResult);
  const sparqlMaxResultBytes = parseByteSize(sparqlMaxResult.value ?? '128mb');
  if (sparqlMaxResultBytes === undefined || sparqlMaxResultBytes < 1024) {
    errors.push(`${sparqlMaxResult.source} "${sparqlMaxResult.value}" is not a size of at least 1kb; use for example 128mb.`);
  }

  let loadSample = true;
  if (input.noSample === true) {
    loadSample = false;
  } else if (env[SETTINGS.sample.env] !== undefined) {
    const value = env[SETTINGS.sample.env]!.toLowerCase();
    if (!['true', 'false', '1', '0'].includes(value)) {
      errors.push(`${SETTINGS.sample.env} "${env[SETTINGS.sample.env]}" is not a boolean; use true or false.`);
    }
    loadSample = value === 'true' || value === '1';
  }

  const security = resolveSecurityConfig(input, env, { host: hostValue, baseUrl: baseValue }, errors);

  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${errors.join('\n  - ')}`);
  }

  return {
    host: hostValue,
    port: portValue,
    baseUrl: baseValue!,
    dataDirectory: resolve(dataValue),
    logLevel: logLevelValue,
    corsOrigins,
    frameOrigins,
    maxBodyBytes: maxBodyBytes!,
    loadSample,
    cacheBytes: cacheBytes!,
    sparqlTimeoutMs: Math.round(sparqlTimeoutSeconds * 1000),
    sparqlWorkers: sparqlWorkerCount,
    sparqlMaxResultBytes: sparqlMaxResultBytes!,
    security,
  };
}

function isValidHost(host: string): boolean {
  if (isIP(host) !== 0) {
    return true;
  }
  // A name made of digits and dots only is a malformed address, not a host name.
  if (/^[\d.]+$/.test(host)) {
    return false;
  }
  return /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(host);
}

function normalizeBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return undefined;
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function normalizeOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return undefined;
  }
  if (value.replace(/\/$/, '') !== url.origin) {
    return undefined;
  }
  return url.origin;
}

/** Parses `10mb`, `512kb`, `1gb` or a plain byte count. */
export function parseByteSize(value: string): number | undefined {
  const match = /^\s*(\d+)\s*(b|kb|mb|gb)?\s*$/i.exec(value);
  if (match === null) {
    return undefined;
  }
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb' | 'gb'];
  return Number(match[1]) * factor;
}

import { accessSync, constants, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from './ProjectRoot.js';
import { ApiKeyStore } from '../auth/ApiKeyStore.js';
import { AuditLog } from '../audit/AuditLog.js';
import { checkBinding, createAuthServices, ensureLocalAdminKey, isLocalDevelopmentMode, startAuthServices, stopAuthServices } from '../auth/AuthSetup.js';
import { ConfigError, type ServerConfig } from '../config/ServerConfig.js';
import { createApp } from '../http/App.js';
import { FramePolicy } from '../http/FramePolicy.js';
import { HtmlRenderer } from '../http/html/HtmlRenderer.js';
import { RdfResponder } from '../http/RdfResponder.js';
import { ResourceRepresentations } from '../http/ResourceRepresentations.js';
import type { ServerContext } from '../http/ServerContext.js';
import type { RequestHandler } from 'express';
import { ImportJobLog } from '../import/ImportJobLog.js';
import { ImportJobs } from '../import/ImportJobs.js';
import { Synchronizer } from '../import/Synchronizer.js';
import { readRdfFile } from '../load/RdfFileSource.js';
import { getLogger, setLogLevel } from '../logging/Logger.js';
import { synchronizeReferenceGraphs } from './ReferenceData.js';
import { OslcUrls } from '../oslc/OslcUrls.js';
import { ServiceProviderRegistry } from '../oslc/ServiceProviderRegistry.js';
import { QueryService } from '../query/QueryService.js';
import { SearchIndex } from '../query/SearchIndex.js';
import { IncomingLinks } from '../resources/IncomingLinks.js';
import { ResourceService } from '../resources/ResourceService.js';
import { loadShapes } from '../shapes/ShapeLoader.js';
import { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import { ShapeValidator } from '../shapes/ShapeValidator.js';
import { InProcessQueryExecutor } from '../sparql/InProcessQueryExecutor.js';
import { SparqlWorkerPool } from '../sparql/SparqlWorkerPool.js';
import { DataEncryption } from '../store/embedded/DataEncryption.js';
import { EmbeddedStore } from '../store/embedded/EmbeddedStore.js';
import type { TripleStore } from '../store/TripleStore.js';
import { Vocabulary } from '../vocab/Vocabulary.js';
import { recordedBaseUrl, serverFilePath } from './ServerFile.js';

/** The project root: shapes/, vocab/ and fixtures/ are read from here. */
export { PROJECT_ROOT };

export const SAMPLE_DIRECTORY = join(PROJECT_ROOT, 'fixtures', 'sample-programme');

const logger = getLogger('DigitalThreadServer');

/** How long a stop waits for requests in progress and kept-alive connections. */
const STOP_GRACE_MS = 5_000;

export interface StartOptions {
  /** Receives the one-time local development admin key; standard output by default. */
  printSecret?: (text: string) => void;
  /**
   * Replaces the security middleware (headers, authentication, access control, rate limits). Only the
   * benchmark uses it, to measure what that middleware costs; the command line cannot set it.
   */
  securityMiddleware?: (context: ServerContext) => RequestHandler[];
}

/**
 * A running provider: the store opened on the data directory, the shapes and vocabulary loaded, and
 * the HTTP server listening. `start` does everything in order and `stop` undoes it.
 */
export class DigitalThreadServer {
  private constructor(
    public readonly context: ServerContext,
    private readonly http: Server,
  ) {}

  /** URL the server listens on, which differs from the public base URL behind a proxy. */
  public get listeningUrl(): string {
    const address = this.http.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const scheme = this.context.config.security.tls === undefined ? 'http' : 'https';
    return `${scheme}://${host}:${address.port}/`;
  }

  public static async start(config: ServerConfig, options: StartOptions = {}): Promise<DigitalThreadServer> {
    setLogLevel(config.logLevel);
    checkDataDirectory(config.dataDirectory, '--data');
    checkBinding(config);
    // Fail before loading anything when the port is taken.
    await checkPortFree(config.host, config.port);
    const store = openableStore(config);
    await store.open();
    try {
      checkBaseUrl(config, 'serve');
      const context = createContext(config, store);
      ensureLocalAdminKey(config, context.apiKeys, options.printSecret ?? ((text) => process.stdout.write(text)));
      if (config.loadSample && (await store.size()) === 0) {
        await loadSampleProgramme(store, config.baseUrl);
      }
      await synchronizeReferenceGraphs(store, join(PROJECT_ROOT, 'vocab'));
      await context.providers.load();
      await startAuthServices(context.auth);
      await context.audit.open();
      context.imports.open();
      context.search.start();

      const http = createListener(config, options.securityMiddleware === undefined ? createApp(context) : createApp(context, options.securityMiddleware(context)));
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          http.off('error', reject);
          resolve();
        });
      });
      context.apiKeys.startWatching();
      const server = new DigitalThreadServer(context, http);
      logger.info('Server started', {
        listening: server.listeningUrl,
        baseUrl: config.baseUrl,
        data: config.dataDirectory,
        store: 'embedded (Oxigraph with journal and snapshots)',
        transport: config.security.tls === undefined ? 'HTTP' : `HTTPS, ${config.security.tls.minVersion} or later`,
        encryptionAtRest: config.security.encryptionKey === undefined ? 'off' : 'AES-256-GCM',
        importJobs: config.security.encryptionKey === undefined ? `kept in ${importJobDirectory(config)}` : 'in memory only, because encryption at rest is on',
        authentication: isLocalDevelopmentMode(config) ? 'local development mode: requests without credentials act as the local developer' : 'required',
        providers: context.providers.list().map((provider) => provider.id),
      });
      return server;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /**
   * Stops accepting connections and imports, lets requests in progress and the running import finish
   * (requests for up to five seconds, then it closes whatever is left), and closes the store.
   */
  public async stop(): Promise<void> {
    // From here the import endpoint responds with 503, also on connections that stay open for the grace period.
    const importsClosed = this.context.imports.close();
    await new Promise<void>((resolve) => {
      // The timer stays referenced: a connection that never closes must not let the process exit mid-stop.
      const force = setTimeout(() => this.http.closeAllConnections(), STOP_GRACE_MS);
      this.http.close(() => {
        clearTimeout(force);
        resolve();
      });
      this.http.closeIdleConnections();
    });
    await stopAuthServices(this.context.auth);
    this.context.apiKeys.stopWatching();
    await importsClosed;
    await this.context.audit.close();
    await this.context.sparql.close();
    await this.context.store.close();
    logger.info('Server stopped', { baseUrl: this.context.config.baseUrl });
  }
}

/** Creates the embedded store of the data directory, with encryption at rest when a key is configured. */
export function openableStore(config: ServerConfig): EmbeddedStore {
  const key = config.security.encryptionKey;
  return new EmbeddedStore({ directory: config.dataDirectory, ...(key === undefined ? {} : { encryption: new DataEncryption(key) }) });
}

/**
 * Creates the HTTP server, or the HTTPS server when a certificate is configured: TLS 1.3 at least by
 * default (1.2 on request), and the configured limit on the request header section.
 */
function createListener(config: ServerConfig, app: ReturnType<typeof createApp>): Server {
  const { tls, maxHeaderBytes } = config.security;
  const options = { keepAliveTimeout: 65_000, maxHeaderSize: maxHeaderBytes };
  if (tls === undefined) {
    return createServer(options, app);
  }
  return createTlsServer({ ...options, cert: tls.cert, key: tls.key, minVersion: tls.minVersion }, app);
}

/** Builds the services the HTTP layer uses. */
export function createContext(config: ServerConfig, store: TripleStore): ServerContext {
  const urls = new OslcUrls(config.baseUrl);
  const shapes = new ShapeRegistry(loadShapes(join(PROJECT_ROOT, 'shapes'), urls.shapesBase));
  const vocabulary = Vocabulary.load(join(PROJECT_ROOT, 'vocab'));
  vocabulary.setLabels(shapes.all().flatMap((shape) => shape.properties.map((property) => [property.propertyDefinition, property.title] as [string, string])));
  const validator = new ShapeValidator(shapes);
  const renderer = new HtmlRenderer(urls, vocabulary, shapes);
  const responder = new RdfResponder(urls.base, renderer);
  const search = new SearchIndex(store);
  const apiKeys = new ApiKeyStore(config.dataDirectory);
  const sparql =
    store instanceof EmbeddedStore
      ? new SparqlWorkerPool(store, { size: config.sparqlWorkers, maxResultBytes: config.sparqlMaxResultBytes })
      : new InProcessQueryExecutor(store);
  return {
    config,
    urls,
    store,
    shapes,
    vocabulary,
    providers: new ServiceProviderRegistry(store, urls),
    resources: new ResourceService(store, shapes, validator, urls),
    incomingLinks: new IncomingLinks(store, shapes, `${urls.base}oslc/sp/`),
    search,
    queries: new QueryService(store, shapes, search),
    responder,
    renderer,
    representations: new ResourceRepresentations(store, responder, config.cacheBytes),
    sparql,
    apiKeys,
    audit: new AuditLog(config.dataDirectory),
    auth: createAuthServices(config, { shapes, store, apiKeys, sparql }),
    framing: new FramePolicy(config.frameOrigins, new URL(config.baseUrl).origin),
    imports: new ImportJobs(new Synchronizer(store, shapes, validator, urls, vocabulary), importJobLog(config)),
  };
}

function importJobDirectory(config: ServerConfig): string {
  return join(config.dataDirectory, 'import-jobs');
}

/**
 * Returns the log that keeps import jobs across restarts, in the data directory. Job reports name
 * resources and their values in plaintext, so with encryption at rest the jobs stay in memory only.
 */
function importJobLog(config: ServerConfig): ImportJobLog | undefined {
  // NOTE: sealing the job files would need `encryption rotate` to re-seal them too.
  return config.security.encryptionKey === undefined ? new ImportJobLog(importJobDirectory(config)) : undefined;
}

/**
 * Loads the sample programme's TriG files. Their IRIs are relative, so the data lands under whatever
 * base URL the server runs with.
 */
export async function loadSampleProgramme(store: TripleStore, baseUrl: string): Promise<void> {
  if (!existsSync(SAMPLE_DIRECTORY)) {
    logger.warn('No sample programme found; starting with an empty store', { directory: SAMPLE_DIRECTORY });
    return;
  }
  const files = readdirSync(SAMPLE_DIRECTORY).filter((name) => name.endsWith('.trig')).sort();
  for (const file of files) {
    const graphs = await readRdfFile(join(SAMPLE_DIRECTORY, file), { baseIri: baseUrl });
    const result = await store.importGraphs(graphs);
    logger.info('Loaded sample programme file', { file, graphs: result.graphs, quads: result.quads });
  }
}

/** Throws a ConfigError when `path` exists but is not a writable directory. */
export function checkDataDirectory(path: string, option: string): void {
  if (!existsSync(path)) {
    return;
  }
  if (!statSync(path).isDirectory()) {
    throw new ConfigError(`${option} ${path} is a file, not a directory; give a directory path (it is created when missing).`);
  }
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw new ConfigError(`${option} ${path} is not writable by this user; fix its permissions or choose another directory.`);
  }
}

/** Throws a ConfigError when nothing can listen on host:port, naming the reason and the fix. */
async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) {
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'is in use by another process' : error.code === 'EACCES' ? 'needs privileges this user lacks' : `cannot be used (${error.code ?? error.message})`;
      reject(new ConfigError(`Port ${port} on ${host} ${reason}; stop the other server or choose another --port.`));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** The commands that open a data directory, each with what to run instead after a base URL mismatch. */
const BASE_URL_FIXES = {
  serve: (recorded: string) => `Start with --base-url ${recorded} (and the port it names), or use another --data directory.`,
  load: (recorded: string) => `Give the load --base-url ${recorded} (or set DT_BASE_URL=${recorded}), or load into another --data directory.`,
  import: (recorded: string) => `Give the import --base-url ${recorded} (or set DT_BASE_URL=${recorded}) to match the data, or import into another --data directory.`,
} as const;

/**
 * Resource IRIs are stored with the base URL in them, so a data directory belongs to one base URL.
 * The first run of `command` records it, unless `record` is false (a dry run). A later run with another
 * base URL is rejected with a ConfigError that names the --base-url to give that command instead.
 */
export function checkBaseUrl(config: ServerConfig, command: keyof typeof BASE_URL_FIXES, record = true): void {
  const path = serverFilePath(config.dataDirectory);
  if (existsSync(path)) {
    const recorded = recordedBaseUrl(config.dataDirectory);
    if (recorded !== undefined && recorded !== config.baseUrl) {
      throw new ConfigError(
        `The data directory ${config.dataDirectory} holds resources whose IRIs start with ${recorded}, but the base URL is now ${config.baseUrl}. ` +
          BASE_URL_FIXES[command](recorded),
      );
    }
    return;
  }
  if (record) {
    writeFileSync(path, JSON.stringify({ baseUrl: config.baseUrl }, null, 2));
  }
}

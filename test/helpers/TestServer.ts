import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { resolveConfig, type ConfigInput } from '../../src/config/ServerConfig.js';
import { readRdfFile } from '../../src/load/RdfFileSource.js';
import { DigitalThreadServer, openableStore } from '../../src/server/DigitalThreadServer.js';
import { temporaryDirectory } from './temporaryDirectory.js';

export const MINI_PROGRAMME = join(process.cwd(), 'test', 'fixtures', 'mini-programme.trig');

export interface TestServer {
  /** Base URL, ending in `/`. */
  base: string;
  server: DigitalThreadServer;
  dataDirectory: string;
  /** fetch() relative to the base URL. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /**
   * Stops the server and starts a new one on the same data directory, port and configuration. `server` is
   * then the new one. `whileStopped` runs in between, such as a command-line import into the data directory.
   */
  restart(whileStopped?: () => void | Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** RDF files loaded into the data directory before start (default: the mini programme). */
  fixtures?: string[];
  /** Load the sample programme instead of fixtures. */
  sample?: boolean;
  /**
   * Configuration. Without `roles`, requests without credentials act as a local developer with every
   * role but admin and ITAR clearance, so tests that are not about access control read everything.
   * Rate limits are off unless `rateLimit` is given.
   */
  config?: ConfigInput;
  /** Receives what the server prints once to standard output (the local development admin key). */
  printSecret?: (text: string) => void;
}

/** Returns a TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a server on 127.0.0.1 with a fresh data directory; `stop()` shuts it down and deletes the data. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const directory = temporaryDirectory('dt-server-');
  const port = await freePort();
  const dataDirectory = join(directory.path, 'data');
  const roles = options.config?.roles ?? clearedRolesFile(directory.path);
  const config = resolveConfig(
    { host: '127.0.0.1', port: String(port), dataDirectory, logLevel: 'error', noSample: options.sample !== true, roles, rateLimit: 'off', ...options.config },
    {},
  );

  if (options.sample !== true) {
    const store = openableStore(config);
    await store.open();
    for (const file of options.fixtures ?? [MINI_PROGRAMME]) {
      await store.importGraphs(await readRdfFile(file, { baseIri: config.baseUrl }));
    }
    await store.close();
  }

  const start = (): Promise<DigitalThreadServer> => DigitalThreadServer.start(config, { printSecret: options.printSecret ?? (() => undefined) });
  const testServer: TestServer = {
    base: config.baseUrl,
    server: await start(),
    dataDirectory,
    fetch: (path, init) => fetch(new URL(path, config.baseUrl), init),
    async restart(whileStopped) {
      await testServer.server.stop();
      await whileStopped?.();
      testServer.server = await start();
    },
    async stop() {
      await testServer.server.stop();
      directory.remove();
    },
  };
  return testServer;
}

/** Writes the shipped roles file with a local developer cleared for every marking, and returns its path. */
export function clearedRolesFile(directory: string): string {
  const roles = JSON.parse(readFileSync(join(process.cwd(), 'config', 'roles.json'), 'utf8')) as { localDevelopment: { clearances: string[] } };
  roles.localDevelopment.clearances = ['ITAR'];
  const path = join(directory, 'roles-cleared.json');
  writeFileSync(path, JSON.stringify(roles));
  return path;
}

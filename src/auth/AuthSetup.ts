import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, type ServerConfig } from '../config/ServerConfig.js';
import type { AuthServices } from '../http/ServerContext.js';
import { getLogger } from '../logging/Logger.js';
import { PROJECT_ROOT } from '../server/ProjectRoot.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { QueryExecutor } from '../sparql/QueryExecutor.js';
import type { TripleStore } from '../store/TripleStore.js';
import type { ApiKeyStore } from './ApiKeyStore.js';
import { ApiKeyVerifier } from './ApiKeyVerifier.js';
import { BasicUsers } from './BasicUsers.js';
import type { BearerTokenVerifier } from './Credentials.js';
import { JwtAccessTokenVerifier } from './oidc/JwtAccessTokenVerifier.js';
import { OidcDiscovery } from './oidc/OidcDiscovery.js';
import { OidcLogin } from './oidc/OidcLogin.js';
import { BoundedSessionStore } from './SessionStore.js';
import { MarkingIndex } from './MarkingIndex.js';
import { createPrincipal, type Principal } from './Principal.js';
import { ReadLevelExecutors } from './ReadLevelExecutors.js';
import { ReadScopes } from './ReadScope.js';
import { RequestAuthenticator } from './RequestAuthenticator.js';
import { RolePolicy } from './RolePolicy.js';

const logger = getLogger('AuthSetup');

export const DEFAULT_ROLES_FILE = join(PROJECT_ROOT, 'config', 'roles.json');

/** Name of the admin API key that local development mode creates on its first start. */
export const LOCAL_ADMIN_KEY_NAME = 'local-development-admin';

/** Returns whether the server runs without an identity provider and without Basic users. */
export function isLocalDevelopmentMode(config: ServerConfig): boolean {
  return config.security.oidc === undefined && config.security.basicAuthFile === undefined;
}

/** Browser sessions kept in memory at most; the least recently written go first. */
const MAX_SESSIONS = 10_000;

/** Maximum length of a browser session. */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

/** Restricted SPARQL workers stop after this long without a query. */
const RESTRICTED_WORKERS_IDLE_MS = 10 * 60_000;

/** Inputs from which the authentication and authorization services are built. */
export interface AuthDependencies {
  shapes: ShapeRegistry;
  store: TripleStore;
  apiKeys: ApiKeyStore;
  /** The SPARQL executor over all data. */
  sparql: QueryExecutor;
}

/**
 * Builds the role policy, the authenticator and the export-control services for the configuration.
 * The marking index must be started (`markings.start()`) before requests are served.
 */
export function createAuthServices(config: ServerConfig, { shapes, store, apiKeys, sparql }: AuthDependencies): AuthServices {
  const policy = RolePolicy.load(
    config.security.rolesFile ?? DEFAULT_ROLES_FILE,
    shapes.resourceTypes().map((shape) => shape.name),
  );
  const bearer: BearerTokenVerifier[] = [new ApiKeyVerifier(apiKeys)];
  const { oidc: oidcConfig, basicAuthFile, clockSkewSeconds } = config.security;
  let oidc: Pick<AuthServices, 'oidc' | 'discovery' | 'sessionStore' | 'loginUrl'> = {};
  if (oidcConfig !== undefined) {
    const discovery = new OidcDiscovery(oidcConfig.issuer);
    bearer.push(new JwtAccessTokenVerifier(discovery, policy, { issuer: oidcConfig.issuer, audience: oidcConfig.audience, clockSkewSeconds }));
    oidc = {
      discovery,
      oidc: new OidcLogin(oidcConfig, discovery, policy, `${config.baseUrl}auth/callback`, clockSkewSeconds),
      sessionStore: new BoundedSessionStore(MAX_SESSIONS, SESSION_MAX_AGE_MS),
      loginUrl: `${config.baseUrl}auth/login`,
    };
  }
  const authenticator = new RequestAuthenticator({
    bearer,
    ...(basicAuthFile === undefined ? {} : { basic: new BasicUsers(basicAuthFile) }),
    anonymous: anonymousPrincipal(policy, isLocalDevelopmentMode(config)),
  });
  const markings = new MarkingIndex(store);
  const executors = new ReadLevelExecutors(sparql, store, { size: config.sparqlWorkers, maxResultBytes: config.sparqlMaxResultBytes, idleMs: RESTRICTED_WORKERS_IDLE_MS });
  const scopes = new ReadScopes(markings, executors, config.sparqlTimeoutMs);
  return { policy, authenticator, markings, executors, scopes, ...oidc, sessionSecret: randomBytes(32).toString('base64url') };
}

/** Returns the principal of requests without credentials: the local developer in local development mode. */
function anonymousPrincipal(policy: RolePolicy, localDevelopment: boolean): Principal {
  const grant = localDevelopment ? policy.document.localDevelopment : policy.document.anonymous;
  return createPrincipal({
    id: localDevelopment ? 'local' : 'anonymous',
    displayName: localDevelopment ? 'the local developer' : 'an anonymous user',
    roles: grant.roles,
    clearances: grant.clearances,
    method: localDevelopment ? 'local' : 'anonymous',
  });
}

/**
 * Refuses to listen on a non-loopback address when requests without credentials would get the local
 * developer's access, unless --allow-unauthenticated declares that intended.
 */
export function checkBinding(config: ServerConfig): void {
  if (!isLocalDevelopmentMode(config) || config.security.allowUnauthenticated || isLoopbackHost(config.host)) {
    return;
  }
  throw new ConfigError(
    `--host ${config.host} is reachable from other machines, but no authentication is configured, so anyone who reaches the port could read and change data. ` +
      'Configure an identity provider (--oidc-issuer) or Basic users (--basic-auth), listen on 127.0.0.1, or add --allow-unauthenticated if this is intended.',
  );
}

/**
 * In local development mode, creates an admin API key (cleared for every marking) on the first start
 * and hands it to `print` once: it goes to standard output, never to the log, and is stored hashed.
 */
export function ensureLocalAdminKey(config: ServerConfig, apiKeys: ApiKeyStore, print: (text: string) => void): void {
  if (!isLocalDevelopmentMode(config) || apiKeys.findActive(LOCAL_ADMIN_KEY_NAME) !== undefined) {
    return;
  }
  const created = apiKeys.create(LOCAL_ADMIN_KEY_NAME, 'admin', ['ITAR']);
  logger.info('Created the local development admin API key; it was printed to standard output once', { keyId: created.record.id });
  print(
    `Local development mode: requests without credentials act as the local developer. ` +
      `Administration and export-controlled data need this admin API key, shown only now:\n  Authorization: Bearer ${created.key}\n`,
  );
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Starts what the auth services need before requests arrive: the marking index and identity-provider discovery. */
export async function startAuthServices(auth: AuthServices): Promise<void> {
  await auth.markings.start();
  await auth.discovery?.start();
}

/** Stops the auth services' timers and workers. */
export async function stopAuthServices(auth: AuthServices): Promise<void> {
  auth.discovery?.stop();
  auth.sessionStore?.close();
  await auth.executors.close();
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENCRYPTION_KEY_ENV, loadEncryptionKey } from './EncryptionKeySource.js';
import type { Setting } from './ServerConfig.js';

/** An OpenID Connect provider the server trusts, and this server's client registration there. */
export interface OidcConfig {
  /** Issuer identifier; the endpoints come from `{issuer}/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** From DT_OIDC_CLIENT_SECRET or the file --oidc-client-secret-file names, never from the command line. */
  clientSecret: string;
  /** The `aud` that access tokens for this server carry (RFC 8707 resource indicator). */
  audience: string;
  /** Scopes requested at login. */
  scope: string;
}

/** HTTPS settings: the certificate chain and private key in PEM, read from files at start. */
export interface TlsConfig {
  cert: Buffer;
  key: Buffer;
  minVersion: 'TLSv1.2' | 'TLSv1.3';
}

/** Request classes with their own rate limit; see RATE_LIMIT_DEFAULTS. */
export const RATE_LIMIT_CLASSES = ['read', 'query', 'write', 'sparql', 'login'] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];

/** Requests per minute per client (principal, or IP address without credentials) in each class. */
export const RATE_LIMIT_DEFAULTS: Record<RateLimitClass, number> = { read: 6000, query: 600, write: 300, sparql: 60, login: 30 };

/** Authentication, authorization, transport and encryption settings, after validation. */
export interface SecurityConfig {
  /** Roles file; undefined means the shipped config/roles.json. */
  rolesFile?: string;
  /** Serve requests without credentials on a non-loopback address when no authentication is configured. */
  allowUnauthenticated: boolean;
  oidc?: OidcConfig;
  /** Users file for HTTP Basic; undefined disables Basic. */
  basicAuthFile?: string;
  /** SameSite attribute of the session cookie. */
  sessionSameSite: 'lax' | 'none';
  /** Clock skew tolerated when checking token times (`exp`, `nbf`, `iat`), in seconds. */
  clockSkewSeconds: number;
  /** HTTPS; undefined serves plain HTTP. */
  tls?: TlsConfig;
  /** Requests per minute per client and class; undefined turns rate limiting off. */
  rateLimits?: Record<RateLimitClass, number>;
  /** Largest request header section in bytes (Node's maxHeaderSize). */
  maxHeaderBytes: number;
  /** AES-256 key that encrypts the journal and snapshots; undefined stores them in plaintext. */
  encryptionKey?: Buffer;
}

/** Raw security values from the command line; undefined means not given. */
export interface SecurityInput {
  roles?: string;
  allowUnauthenticated?: boolean;
  oidcIssuer?: string;
  oidcClientId?: string;
  oidcClientSecretFile?: string;
  oidcAudience?: string;
  oidcScope?: string;
  clockSkew?: string;
  basicAuth?: string;
  sessionSameSite?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsMinVersion?: string;
  rateLimit?: string;
  maxHeaderSize?: string;
  encryptionKeyFile?: string;
}

const SECRET_ENV = 'DT_OIDC_CLIENT_SECRET';
const MAX_CLOCK_SKEW_SECONDS = 300;

export const SECURITY_SETTINGS = {
  roles: { flag: '--roles', env: 'DT_ROLES_FILE', description: 'roles file: permissions per role, group mapping, claim names (default config/roles.json)' },
  allowUnauthenticated: {
    flag: '--allow-unauthenticated',
    env: 'DT_ALLOW_UNAUTHENTICATED',
    description: 'without an identity provider or Basic users, serve requests without credentials on a non-loopback address too (env: true)',
  },
  oidcIssuer: { flag: '--oidc-issuer', env: 'DT_OIDC_ISSUER', description: 'OpenID Connect issuer URL; enables browser login and JWT access tokens' },
  oidcClientId: { flag: '--oidc-client-id', env: 'DT_OIDC_CLIENT_ID', description: 'client id of this server at the identity provider' },
  oidcClientSecretFile: {
    flag: '--oidc-client-secret-file',
    env: 'DT_OIDC_CLIENT_SECRET_FILE',
    description: `file holding the client secret (or set ${SECRET_ENV}; the secret is never a command-line value)`,
  },
  oidcAudience: { flag: '--oidc-audience', env: 'DT_OIDC_AUDIENCE', description: 'audience (aud) that access tokens for this server carry (default the base URL)' },
  oidcScope: { flag: '--oidc-scope', env: 'DT_OIDC_SCOPE', description: 'scopes requested at browser login (default "openid profile email")' },
  clockSkew: { flag: '--clock-skew', env: 'DT_CLOCK_SKEW', description: `clock skew tolerated for token times, in seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS} (default 30)` },
  basicAuth: { flag: '--basic-auth', env: 'DT_BASIC_AUTH_FILE', description: 'users file (scrypt hashes) that enables HTTP Basic, over HTTPS or loopback only' },
  tlsCert: { flag: '--tls-cert', env: 'DT_TLS_CERT', description: 'PEM certificate chain file; with --tls-key the server speaks HTTPS only' },
  tlsKey: { flag: '--tls-key', env: 'DT_TLS_KEY', description: 'PEM private key file of the certificate' },
  tlsMinVersion: { flag: '--tls-min-version', env: 'DT_TLS_MIN_VERSION', description: 'oldest TLS version accepted: 1.3 or 1.2 (default 1.3)' },
  rateLimit: {
    flag: '--rate-limit',
    env: 'DT_RATE_LIMIT',
    description: `requests per minute per client and class, such as sparql=30,read=3000 (classes ${RATE_LIMIT_CLASSES.join(', ')}), or off`,
  },
  maxHeaderSize: { flag: '--max-header-size', env: 'DT_MAX_HEADER_SIZE', description: 'largest request header section, in bytes or with a kb suffix (default 16kb)' },
  encryptionKeyFile: {
    flag: '--encryption-key-file',
    env: 'DT_ENCRYPTION_KEY_FILE',
    description: `file with the 32-byte key (base64 or hex) that encrypts journal and snapshots with AES-256-GCM (or set ${ENCRYPTION_KEY_ENV} to the key)`,
  },
  sessionSameSite: { flag: '--session-same-site', env: 'DT_SESSION_SAME_SITE', description: 'SameSite of the session cookie: lax, or none for dialogs framed by other sites (HTTPS only; default lax)' },
} satisfies Record<string, Setting>;

type Pick = (value: string | undefined, setting: Setting) => { value: string | undefined; source: string };

/**
 * Validates the security settings the same way resolveConfig does the others: command line first,
 * then environment, then defaults, with every problem added to `errors`.
 */
export function resolveSecurityConfig(input: SecurityInput, env: NodeJS.ProcessEnv, server: { host: string; baseUrl: string | undefined }, errors: string[]): SecurityConfig {
  const pick: Pick = (value, setting) => (value !== undefined ? { value, source: setting.flag } : { value: env[setting.env], source: setting.env });

  const roles = pick(input.roles, SECURITY_SETTINGS.roles);
  if (roles.value !== undefined && roles.value.trim() === '') {
    errors.push(`${roles.source} is empty; give the path of a roles file, or leave it out for config/roles.json.`);
  }
  const allowUnauthenticated = input.allowUnauthenticated === true || booleanSetting(env, SECURITY_SETTINGS.allowUnauthenticated.env, errors);

  const clockSkew = pick(input.clockSkew, SECURITY_SETTINGS.clockSkew);
  const clockSkewSeconds = Number(clockSkew.value ?? '30');
  if (!Number.isInteger(clockSkewSeconds) || clockSkewSeconds < 0 || clockSkewSeconds > MAX_CLOCK_SKEW_SECONDS) {
    errors.push(`${clockSkew.source} "${clockSkew.value}" is not a clock skew; give whole seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}, such as 30.`);
  }

  const basicAuth = pick(input.basicAuth, SECURITY_SETTINGS.basicAuth);
  const basicAuthFile = basicAuth.value === undefined || basicAuth.value.trim() === '' ? undefined : resolve(basicAuth.value);

  const sameSite = pick(input.sessionSameSite, SECURITY_SETTINGS.sessionSameSite);
  const sessionSameSite = (sameSite.value ?? 'lax').toLowerCase();
  if (sessionSameSite !== 'lax' && sessionSameSite !== 'none') {
    errors.push(`${sameSite.source} "${sameSite.value}" is not a SameSite value; use lax or none.`);
  } else if (sessionSameSite === 'none' && server.baseUrl !== undefined && !server.baseUrl.startsWith('https:')) {
    errors.push(`${sameSite.source} none needs an https base URL, because browsers accept SameSite=None cookies only with Secure; configure TLS or --base-url https://...`);
  }

  const oidc = resolveOidc(input, env, pick, server.baseUrl, errors);
  const tls = resolveTls(input, pick, errors);
  const rateLimits = resolveRateLimits(pick(input.rateLimit, SECURITY_SETTINGS.rateLimit), errors);
  const encryptionKey = loadEncryptionKey(
    { file: pick(input.encryptionKeyFile, SECURITY_SETTINGS.encryptionKeyFile), inline: { value: env[ENCRYPTION_KEY_ENV], source: ENCRYPTION_KEY_ENV } },
    errors,
  );
  const maxHeader = pick(input.maxHeaderSize, SECURITY_SETTINGS.maxHeaderSize);
  const maxHeaderBytes = parseSize(maxHeader.value ?? '16kb');
  if (maxHeaderBytes === undefined || maxHeaderBytes < 4096 || maxHeaderBytes > 1024 * 1024) {
    errors.push(`${maxHeader.source} "${maxHeader.value}" is not a header size from 4kb to 1024kb; use for example 16kb.`);
  }
  return {
    ...(roles.value === undefined || roles.value.trim() === '' ? {} : { rolesFile: resolve(roles.value) }),
    allowUnauthenticated,
    ...(oidc === undefined ? {} : { oidc }),
    ...(basicAuthFile === undefined ? {} : { basicAuthFile }),
    sessionSameSite: sessionSameSite === 'none' ? 'none' : 'lax',
    clockSkewSeconds,
    ...(tls === undefined ? {} : { tls }),
    ...(rateLimits === undefined ? {} : { rateLimits }),
    maxHeaderBytes: maxHeaderBytes ?? 16 * 1024,
    ...(encryptionKey === undefined ? {} : { encryptionKey }),
  };
}

/** Returns whether the input configures TLS, so the default base URL can use https. */
export function tlsRequested(input: SecurityInput, env: NodeJS.ProcessEnv): boolean {
  return (input.tlsCert ?? env[SECURITY_SETTINGS.tlsCert.env]) !== undefined;
}

function resolveTls(input: SecurityInput, pick: Pick, errors: string[]): TlsConfig | undefined {
  const cert = pick(input.tlsCert, SECURITY_SETTINGS.tlsCert);
  const key = pick(input.tlsKey, SECURITY_SETTINGS.tlsKey);
  const version = pick(input.tlsMinVersion, SECURITY_SETTINGS.tlsMinVersion);
  if (cert.value === undefined && key.value === undefined) {
    if (version.value !== undefined) {
      errors.push(`${version.source} is set without --tls-cert and --tls-key.`);
    }
    return undefined;
  }
  if (cert.value === undefined || key.value === undefined) {
    errors.push('--tls-cert and --tls-key go together; give both PEM files, or neither for plain HTTP.');
    return undefined;
  }
  const versions: Record<string, TlsConfig['minVersion']> = { '1.3': 'TLSv1.3', '1.2': 'TLSv1.2' };
  const minVersion = versions[version.value ?? '1.3'];
  if (minVersion === undefined) {
    errors.push(`${version.source} "${version.value}" is not a TLS version this server allows; use 1.3 or 1.2.`);
  }
  const read = (setting: { value: string | undefined; source: string }): Buffer => {
    try {
      return readFileSync(setting.value!);
    } catch (error) {
      errors.push(`${setting.source} ${setting.value} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); give a readable PEM file.`);
      return Buffer.alloc(0);
    }
  };
  return { cert: read(cert), key: read(key), minVersion: minVersion ?? 'TLSv1.3' };
}

function resolveRateLimits(setting: { value: string | undefined; source: string }, errors: string[]): Record<RateLimitClass, number> | undefined {
  if (setting.value?.trim().toLowerCase() === 'off') {
    return undefined;
  }
  const limits = { ...RATE_LIMIT_DEFAULTS };
  for (const pair of (setting.value ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const [name, count] = pair.split('=');
    if (!(RATE_LIMIT_CLASSES as readonly string[]).includes(name ?? '') || count === undefined || !/^\d+$/.test(count) || Number(count) < 1) {
      errors.push(`${setting.source} has "${pair}", which is not CLASS=REQUESTS_PER_MINUTE with a class of ${RATE_LIMIT_CLASSES.join(', ')}; use for example sparql=30, or off.`);
      continue;
    }
    limits[name as RateLimitClass] = Number(count);
  }
  return limits;
}

function parseSize(value: string): number | undefined {
  const match = /^\s*(\d+)\s*(b|kb)?\s*$/i.exec(value);
  return match === null ? undefined : Number(match[1]) * ((match[2] ?? 'b').toLowerCase() === 'kb' ? 1024 : 1);
}

function resolveOidc(input: SecurityInput, env: NodeJS.ProcessEnv, pick: Pick, baseUrl: string | undefined, errors: string[]): OidcConfig | undefined {
  const issuer = pick(input.oidcIssuer, SECURITY_SETTINGS.oidcIssuer);
  const clientId = pick(input.oidcClientId, SECURITY_SETTINGS.oidcClientId);
  if (issuer.value === undefined || issuer.value === '') {
    if (clientId.value !== undefined) {
      errors.push(`${clientId.source} is set without --oidc-issuer; give the identity provider's issuer URL too.`);
    }
    return undefined;
  }

  const issuerValue = issuer.value.trim();
  if (!isAcceptableIssuer(issuerValue)) {
    errors.push(`${issuer.source} "${issuer.value}" is not an https URL (http is accepted for 127.0.0.1 and localhost only); give the issuer exactly as the identity provider names it.`);
  }
  if (clientId.value === undefined || clientId.value === '') {
    errors.push(`--oidc-issuer needs --oidc-client-id (env DT_OIDC_CLIENT_ID), the client id registered for this server.`);
  }

  const secretFile = pick(input.oidcClientSecretFile, SECURITY_SETTINGS.oidcClientSecretFile);
  let clientSecret = env[SECRET_ENV];
  if (secretFile.value !== undefined) {
    try {
      clientSecret = readFileSync(secretFile.value, 'utf8').trim();
    } catch (error) {
      errors.push(`${secretFile.source} ${secretFile.value} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); give a readable file that holds only the client secret.`);
    }
  }
  if (clientSecret === undefined || clientSecret === '') {
    errors.push(`--oidc-issuer needs the client secret in ${SECRET_ENV} or in a file named by --oidc-client-secret-file.`);
  }

  const audience = pick(input.oidcAudience, SECURITY_SETTINGS.oidcAudience);
  const scope = pick(input.oidcScope, SECURITY_SETTINGS.oidcScope);
  const scopeValue = scope.value ?? 'openid profile email';
  if (!scopeValue.split(/\s+/).includes('openid')) {
    errors.push(`${scope.source} "${scopeValue}" lacks openid, which OpenID Connect login needs.`);
  }
  return { issuer: issuerValue, clientId: clientId.value ?? '', clientSecret: clientSecret ?? '', audience: audience.value ?? baseUrl ?? '', scope: scopeValue };
}

/** Returns whether an issuer URL is https, or http on the loopback interface (test and development providers). */
function isAcceptableIssuer(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.search !== '' || url.hash !== '') {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}

/** Reads a true/false environment variable; a missing one is false. */
function booleanSetting(env: NodeJS.ProcessEnv, name: string, errors: string[]): boolean {
  const value = env[name];
  if (value === undefined) {
    return false;
  }
  if (!['true', 'false', '1', '0'].includes(value.toLowerCase())) {
    errors.push(`${name} "${value}" is not a boolean; use true or false.`);
  }
  return value.toLowerCase() === 'true' || value === '1';
}

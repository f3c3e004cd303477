import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { errorMessage, getLogger } from '../../logging/Logger.js';

/** The provider metadata this server uses (OpenID Connect Discovery 1.0, section 3). */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  end_session_endpoint?: string;
}

/** The identity provider could not be reached or described itself wrongly; requests that need it get 503. */
export class IdentityProviderUnavailableError extends Error {}

const FETCH_TIMEOUT_MS = 5_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * Fetches the issuer's `/.well-known/openid-configuration` and keeps the JWKS it names (jose's remote
 * key set caches the keys and refetches them when a token names an unknown key, so key rotation
 * works). When the provider is unreachable at start, the server starts anyway and retries with
 * growing delays, up to one a minute. Logins and JWT access tokens get 503 until discovery succeeds.
 */
export class OidcDiscovery {
  private readonly logger = getLogger('OidcDiscovery');
  private metadata: ProviderMetadata | undefined;
  private keys: JWTVerifyGetKey | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  public constructor(private readonly issuer: string) {}

  /** Tries discovery once and, when that fails, keeps retrying in the background. */
  public async start(): Promise<void> {
    await this.attempt(FIRST_RETRY_MS);
  }

  public stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  /** Returns the metadata, or throws IdentityProviderUnavailableError while discovery has not succeeded. */
  public current(): { metadata: ProviderMetadata; keys: JWTVerifyGetKey } {
    if (this.metadata === undefined || this.keys === undefined) {
      throw new IdentityProviderUnavailableError(`The identity provider ${this.issuer} has not been reached yet; retry in a minute.`);
    }
    return { metadata: this.metadata, keys: this.keys };
  }

  private async attempt(delayMs: number): Promise<void> {
    try {
      const metadata = await fetchMetadata(this.issuer);
      this.metadata = metadata;
      this.keys = createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: FETCH_TIMEOUT_MS });
      this.logger.info('Discovered the OpenID Connect provider', { issuer: metadata.issuer, jwks: metadata.jwks_uri });
    } catch (error) {
      if (this.stopped) {
        return;
      }
      this.logger.warn('OpenID Connect discovery failed; retrying', { issuer: this.issuer, retryInMs: delayMs, error: errorMessage(error) });
      this.retry = setTimeout(() => void this.attempt(Math.min(delayMs * 2, MAX_RETRY_MS)), delayMs);
      this.retry.unref();
    }
  }
}

/**
 * Reads the discovery document and checks it. Its `issuer` must equal the configured issuer exactly
 * (OpenID Connect Discovery 1.0, section 4.3), or tokens from another issuer could pass.
 */
async function fetchMetadata(issuer: string): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${url} returned HTTP ${response.status}`);
  }
  const document = (await response.json()) as Partial<ProviderMetadata>;
  if (document.issuer !== issuer) {
    throw new Error(`${url} names the issuer "${String(document.issuer)}", not "${issuer}"; configure --oidc-issuer exactly as the provider names itself`);
  }
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (typeof document[field] !== 'string') {
      throw new Error(`${url} has no ${field}`);
    }
  }
  return document as ProviderMetadata;
}

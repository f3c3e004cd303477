import { errors, jwtVerify } from 'jose';
import { AuthenticationFailure, type BearerTokenVerifier } from '../Credentials.js';
import type { Principal } from '../Principal.js';
import type { RolePolicy } from '../RolePolicy.js';
import { principalFromClaims } from './ClaimsPrincipal.js';
import { IdentityProviderUnavailableError, type OidcDiscovery } from './OidcDiscovery.js';

/**
 * Signature algorithms accepted for access tokens: asymmetric only. Listing them rejects `alg: none`
 * and HMAC algorithms, so a token "signed" with the provider's public key as an HMAC secret cannot
 * pass (RFC 8725, sections 2.1 and 3.1).
 */
export const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Verified tokens kept, so a client's repeated requests with one token skip the signature check. */
const MAX_CACHED_TOKENS = 10_000;

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  clockSkewSeconds: number;
}

const JWT_FORMAT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/**
 * Verifies OAuth 2.0 access tokens in JWT format (RFC 9068) from the identity provider, sent as bearer
 * tokens (RFC 6750): the signature against the provider's JWKS, `iss`, `aud` (this server's audience),
 * `exp` and `nbf` with bounded clock skew (RFC 7519, section 4.1). Roles and clearances come from the
 * claims the roles file names.
 */
export class JwtAccessTokenVerifier implements BearerTokenVerifier {
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  public constructor(
    private readonly discovery: OidcDiscovery,
    private readonly policy: RolePolicy,
    private readonly options: JwtVerifierOptions,
  ) {}

  public recognizes(token: string): boolean {
    return JWT_FORMAT.test(token);
  }

  /** Returns the principal of a token verified before that has not expired since. */
  public knownPrincipal(token: string): Principal | undefined {
    const cached = this.verified.get(token);
    return cached !== undefined && Date.now() < cached.expiresAtMs ? cached.principal : undefined;
  }

  public async verify(token: string): Promise<Principal> {
    const known = this.knownPrincipal(token);
    if (known !== undefined) {
      return known;
    }
    this.verified.delete(token);

    const { keys } = this.discovery.current();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: this.options.clockSkewSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw describeFailure(error);
    }

    const principal = principalFromClaims(this.policy, payload, 'bearer-jwt');
    this.remember(token, principal, (payload.exp as number) * 1000);
    return principal;
  }

  private remember(token: string, principal: Principal, expiresAtMs: number): void {
    if (this.verified.size >= MAX_CACHED_TOKENS) {
      // Maps iterate in insertion order, so this drops the oldest entry.
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { principal, expiresAtMs });
  }
}

/** Turns a jose error into the failure reported to the client; failures to reach the provider become 503. */
function describeFailure(error: unknown): Error {
  if (error instanceof errors.JWTExpired) {
    return new AuthenticationFailure('Bearer', 'The access token expired');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return new AuthenticationFailure('Bearer', 'The access token is meant for another audience');
      case 'iss':
        return new AuthenticationFailure('Bearer', 'The access token comes from another issuer');
      case 'nbf':
        return new AuthenticationFailure('Bearer', 'The access token is not valid yet');
      default:
        return new AuthenticationFailure('Bearer', `The access token has an invalid or missing ${error.claim} claim`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new AuthenticationFailure('Bearer', 'The access token is signed with an algorithm this server does not accept');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthenticationFailure('Bearer', 'The access token signature is invalid');
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthenticationFailure('Bearer', "The access token is signed with a key the identity provider does not publish");
  }
  if (error instanceof errors.JWKSTimeout || error instanceof IdentityProviderUnavailableError || error instanceof TypeError) {
    return new IdentityProviderUnavailableError(`The identity provider's keys could not be fetched: ${(error as Error).message}`);
  }
  if (error instanceof errors.JOSEError) {
    return new AuthenticationFailure('Bearer', 'The access token is malformed');
  }
  return error as Error;
}

import { AuthenticationFailure, type BearerTokenVerifier, type PasswordVerifier } from './Credentials.js';
import type { Principal } from './Principal.js';

/** The parts of a request that authentication looks at. */
export interface CredentialSource {
  authorization: string | undefined;
  /** The principal of a logged-in browser session, if any. */
  sessionPrincipal: Principal | undefined;
  /** Whether the connection is TLS (directly, not through a proxy). */
  secure: boolean;
  /** Whether the client connects from the loopback interface. */
  loopback: boolean;
}

export interface RequestAuthenticatorOptions {
  bearer: readonly BearerTokenVerifier[];
  /** HTTP Basic, when --basic-auth enabled it. */
  basic?: PasswordVerifier;
  /** The principal of requests without credentials. */
  anonymous: Principal;
}

const AUTHORIZATION = /^([A-Za-z]+)\s+(\S+)\s*$/;

/**
 * Finds the principal of a request: from its Authorization header (bearer token or Basic), else from
 * its browser session, else the anonymous principal. Credentials that are present but invalid raise
 * an AuthenticationFailure instead of falling back to anonymous, so a client never mistakes a failed
 * login for anonymous access (RFC 6750, section 3.1, `invalid_token`).
 */
export class RequestAuthenticator {
  public constructor(private readonly options: RequestAuthenticatorOptions) {}

  /** Returns whether HTTP Basic is enabled, so challenges offer it. */
  public get basicEnabled(): boolean {
    return this.options.basic !== undefined;
  }

  public get anonymous(): Principal {
    return this.options.anonymous;
  }

  /**
   * Returns the principal when it is known without waiting: no credentials (the session's principal or
   * the anonymous one), or a bearer token its verifier has already found valid. Returns undefined when
   * `authenticate` must decide, which includes every invalid credential.
   */
  public knownPrincipal(source: CredentialSource): Principal | undefined {
    const header = source.authorization;
    if (header === undefined || header === '') {
      return source.sessionPrincipal ?? this.options.anonymous;
    }
    const match = AUTHORIZATION.exec(header);
    if (match === null || match[1]!.toLowerCase() !== 'bearer') {
      return undefined;
    }
    const token = match[2]!;
    return this.options.bearer.find((candidate) => candidate.recognizes(token))?.knownPrincipal(token);
  }

  public async authenticate(source: CredentialSource): Promise<Principal> {
    const header = source.authorization;
    if (header === undefined || header === '') {
      return source.sessionPrincipal ?? this.options.anonymous;
    }
    const match = AUTHORIZATION.exec(header);
    const scheme = match?.[1]?.toLowerCase();
    if (match === null || scheme === undefined) {
      throw new AuthenticationFailure('Bearer', 'The Authorization header is malformed; send "Authorization: Bearer <token>"');
    }
    if (scheme === 'bearer') {
      const token = match[2]!;
      const verifier = this.options.bearer.find((candidate) => candidate.recognizes(token));
      if (verifier === undefined) {
        throw new AuthenticationFailure('Bearer', 'The bearer token is neither an API key of this server nor an access token of its identity provider');
      }
      return verifier.verify(token);
    }
    if (scheme === 'basic' && this.options.basic !== undefined) {
      // RFC 7617, section 4: Basic sends the password in clear, so only TLS or the loopback interface may carry it.
      if (!source.secure && !source.loopback) {
        throw new AuthenticationFailure('Basic', 'HTTP Basic is accepted only over HTTPS or from the loopback interface');
      }
      const { user, password } = decodeBasic(match[2]!);
      return this.options.basic.verify(user, password);
    }
    throw new AuthenticationFailure('Bearer', `The ${match[1]} scheme is not accepted here; send "Authorization: Bearer <token>"`);
  }
}

function decodeBasic(encoded: string): { user: string; password: string } {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    throw new AuthenticationFailure('Basic', 'The Basic credentials are not "user:password" in Base64');
  }
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

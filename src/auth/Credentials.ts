import type { Principal } from './Principal.js';

/**
 * Credentials were presented but are not valid. The description goes to the client in the
 * `error_description` of the `WWW-Authenticate` challenge (RFC 6750, section 3), so it names the
 * problem without echoing the credentials.
 */
export class AuthenticationFailure extends Error {
  public constructor(
    public readonly scheme: 'Bearer' | 'Basic',
    description: string,
  ) {
    super(description);
    this.name = 'AuthenticationFailure';
  }
}

/**
 * Checks one kind of bearer token (RFC 6750): API keys, or JWT access tokens from the identity
 * provider. `verify` returns the principal or throws an AuthenticationFailure.
 */
export interface BearerTokenVerifier {
  /** Whether the token has this verifier's format; the first verifier that recognizes a token decides. */
  recognizes(token: string): boolean;
  verify(token: string): Promise<Principal>;
  /**
   * Returns the principal of a token that is known to be valid without waiting (verified before, or
   * checked synchronously), or undefined when the token needs `verify`, which also reports failures.
   */
  knownPrincipal(token: string): Principal | undefined;
}

/** Checks a user name and password from HTTP Basic (RFC 7617). */
export interface PasswordVerifier {
  verify(user: string, password: string): Promise<Principal>;
}

import type { ApiKeyPrincipal, ApiKeyStore } from './ApiKeyStore.js';
import { AuthenticationFailure, type BearerTokenVerifier } from './Credentials.js';
import { createPrincipal, type Principal } from './Principal.js';

/** Service-account API keys (`dt_<id>_<secret>`) sent as bearer tokens. */
export class ApiKeyVerifier implements BearerTokenVerifier {
  /** Principals per verified key record, which the store keeps until its file changes. */
  private readonly principals = new WeakMap<ApiKeyPrincipal, Principal>();

  public constructor(private readonly keys: ApiKeyStore) {}

  public recognizes(token: string): boolean {
    return token.startsWith('dt_');
  }

  public async verify(token: string): Promise<Principal> {
    const principal = this.knownPrincipal(token);
    if (principal === undefined) {
      throw new AuthenticationFailure('Bearer', 'The API key is malformed, unknown or revoked');
    }
    return principal;
  }

  /** Checks the key synchronously: the store needs no I/O while it watches its file. */
  public knownPrincipal(token: string): Principal | undefined {
    const key = this.keys.authenticate(token);
    if (key === undefined) {
      return undefined;
    }
    let principal = this.principals.get(key);
    if (principal === undefined) {
      principal = createPrincipal({ id: `apikey:${key.keyId}`, displayName: key.name, roles: [key.role], clearances: key.clearances, method: 'api-key' });
      this.principals.set(key, principal);
    }
    return principal;
  }
}

import type { ApiKeyStore } from './ApiKeyStore.js';
import { AuthenticationFailure, type BearerTokenVerifier } from './Credentials.js';
import { createPrincipal, type Principal } from './Principal.js';

/** Service-account API keys (`dt_<id>_<secret>`) sent as bearer tokens. */
export class ApiKeyVerifier implements BearerTokenVerifier {
  public constructor(private readonly keys: ApiKeyStore) {}

  public recognizes(token: string): boolean {
    return token.startsWith('dt_');
  }

  public async verify(token: string): Promise<Principal> {
    const key = this.keys.authenticate(token);
    if (key === undefined) {
      throw new AuthenticationFailure('Bearer', 'The API key is malformed, unknown or revoked');
    }
    return createPrincipal({ id: `apikey:${key.keyId}`, displayName: key.name, roles: [key.role], clearances: key.clearances, method: 'api-key' });
  }
}

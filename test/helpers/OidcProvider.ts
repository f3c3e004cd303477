import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyObject } from 'jose';
import Provider, { errors } from 'oidc-provider';
import { freePort } from './TestServer.js';

/** A user of the test identity provider: log in with this name and any password. */
export interface TestUser {
  name: string;
  groups: string[];
  clearances: string[];
}

export const TEST_USERS: Record<string, TestUser> = {
  alice: { name: 'Alice Engineer', groups: ['digital-thread-engineers'], clearances: ['ITAR'] },
  bob: { name: 'Bob Viewer', groups: ['digital-thread-viewers'], clearances: [] },
  carol: { name: 'Carol Quality', groups: ['digital-thread-quality'], clearances: ['EAR'] },
};

/** A running OpenID Connect provider on 127.0.0.1, with what tests need to configure the server and mint tokens. */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Audience (resource indicator) of access tokens for the server under test. */
  audience: string;
  /** Client that obtains JWT access tokens with the client credentials grant. */
  serviceClient: { id: string; secret: string };
  /** Signs a JWT with the provider's own key, for tokens a test shapes itself (expired, wrong audience...). */
  sign(payload: JWTPayload, options?: { expiresIn?: string | number; notBefore?: string | number; issuer?: string; audience?: string; key?: KeyObject; kid?: string }): Promise<string>;
  /** The provider's public signing key as a JWK. */
  publicJwk: JWK;
  stop(): Promise<void>;
}

/**
 * Starts oidc-provider 8 on a free port of 127.0.0.1 with a confidential web client for the server
 * (authorization code flow with PKCE), a service client for the client credentials grant, JWT access
 * tokens for `audience`, and the users of TEST_USERS with `groups` and `export_clearances` claims. Keys
 * and secrets are generated per call.
 */
export async function startOidcProvider(options: { serverBase: string; audience: string }): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const clientId = 'digital-thread';
  const clientSecret = randomBytes(24).toString('base64url');
  const serviceClient = { id: 'digital-thread-pipeline', secret: randomBytes(24).toString('base64url') };

  const claimsOf = (accountId: string): Record<string, unknown> => {
    const user = TEST_USERS[accountId];
    return user === undefined ? { sub: accountId } : { sub: accountId, name: user.name, groups: user.groups, export_clearances: user.clearances };
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${options.serverBase}auth/callback`],
        post_logout_redirect_uris: [options.serverBase],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: serviceClient.id,
        client_secret: serviceClient.secret,
        redirect_uris: [],
        response_types: [],
        grant_types: ['client_credentials'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [privateJwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: ['name'], dt: ['groups', 'export_clearances'] },
    scopes: ['openid', 'profile', 'dt'],
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => claimsOf(id) }),
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== options.audience) {
            throw new errors.InvalidTarget();
          }
          return { scope: 'api', audience: options.audience, accessTokenTTL: 300, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    extraTokenClaims: (_ctx: unknown, token: { kind: string; clientId?: string; accountId?: string }) =>
      token.kind === 'ClientCredentials' ? { groups: ['digital-thread-engineers'], export_clearances: ['EAR'] } : token.accountId === undefined ? undefined : claimsOf(token.accountId),
  });
  // oidc-provider logs failed requests to stderr unless they are handled.
  provider.on('server_error', () => undefined);

  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    issuer,
    clientId,
    clientSecret,
    audience: options.audience,
    serviceClient,
    publicJwk,
    async sign(payload, signOptions = {}) {
      let jwt = new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: signOptions.kid ?? kid, typ: 'at+jwt' })
        .setIssuedAt()
        .setIssuer(signOptions.issuer ?? issuer)
        .setAudience(signOptions.audience ?? options.audience)
        .setExpirationTime(signOptions.expiresIn ?? '5m');
      if (signOptions.notBefore !== undefined) {
        jwt = jwt.setNotBefore(signOptions.notBefore);
      }
      return jwt.sign(signOptions.key ?? privateKey);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { jwtVerify } from 'jose';
import passport from 'passport';
import OAuth2Strategy from 'passport-oauth2';
import type { OidcConfig } from '../../config/SecurityConfig.js';
import { errorMessage, getLogger } from '../../logging/Logger.js';
import { createPrincipal, type Principal } from '../Principal.js';
import type { RolePolicy } from '../RolePolicy.js';
import { principalFromClaims } from './ClaimsPrincipal.js';
import { ACCEPTED_ALGORITHMS } from './JwtAccessTokenVerifier.js';
import type { OidcDiscovery } from './OidcDiscovery.js';

declare module 'express-session' {
  interface SessionData {
    /** The `nonce` of the login in progress (OpenID Connect Core 1.0, section 3.1.2.1). */
    oidcNonce?: string;
    /** Path on this server that the browser goes to after login. */
    returnTo?: string;
  }
}

/** A login that did not complete; the message is shown to the user and audited. */
export class LoginFailure extends Error {}

const STRATEGY = 'oidc';
const USERINFO_TIMEOUT_MS = 5_000;

/** The outcome of a login callback, for the handler to respond to and audit. */
export type LoginResult = { principal: Principal; returnTo: string } | { failure: string };

/**
 * Browser login with the OAuth 2.0 authorization code flow (RFC 6749, section 4.1) and PKCE (RFC 7636,
 * method S256) through passport-oauth2, against the provider OidcDiscovery found. passport keeps the
 * `state` and the code verifier in the server-side session. The ID token is verified with jose
 * (signature, `iss`, `aud` = client id, `exp`, `nonce`), and the userinfo claims are merged in when the
 * provider has a userinfo endpoint. The session then stores the principal, so roles and clearances
 * change at the next login.
 */
export class OidcLogin {
  private readonly authenticator = new passport.Passport();
  private readonly logger = getLogger('OidcLogin');
  private strategyRegistered = false;

  public constructor(
    private readonly config: OidcConfig,
    private readonly discovery: OidcDiscovery,
    private readonly policy: RolePolicy,
    private readonly callbackUrl: string,
    private readonly clockSkewSeconds: number,
  ) {
    this.authenticator.serializeUser((user, done) => done(null, user));
    this.authenticator.deserializeUser((stored, done) => {
      const principal = stored as Omit<Principal, 'readLevel'>;
      done(null, createPrincipal({ id: principal.id, displayName: principal.displayName, roles: principal.roles, clearances: principal.clearances, method: 'oidc-session' }));
    });
  }

  /** Middleware that restores the principal of a logged-in session into `req.user`. */
  public sessionMiddleware(): RequestHandler[] {
    return [this.authenticator.initialize(), this.authenticator.session()];
  }

  /** Starts a login: remembers where to return and redirects to the provider's authorization endpoint. */
  public start(req: Request, res: Response, next: NextFunction, returnTo: string): void {
    this.registerStrategy();
    const nonce = randomBytes(16).toString('base64url');
    req.session.oidcNonce = nonce;
    req.session.returnTo = returnTo;
    this.authenticator.authenticate(STRATEGY, { nonce, scope: this.config.scope })(req, res, next);
  }

  /** Completes a login at the redirect URI and reports the outcome; the session is regenerated on success. */
  public finish(req: Request, res: Response, next: NextFunction, done: (result: LoginResult) => void): void {
    this.registerStrategy();
    const returnTo = req.session.returnTo ?? '/';
    const handler = this.authenticator.authenticate(STRATEGY, {}, (error, user, info) => {
      if (error !== null && error !== undefined && !(error instanceof LoginFailure)) {
        this.logger.warn('OpenID Connect login failed', { error: errorMessage(error) });
      }
      if (user === false || user === undefined || user === null) {
        const reason = error instanceof Error ? error.message : ((info as { message?: string } | undefined)?.message ?? 'the identity provider did not confirm the login');
        done({ failure: reason });
        return;
      }
      // passport 0.7 regenerates the session here, so a session id fixed before login is worthless.
      (req as unknown as { logIn(user: unknown, callback: (error: unknown) => void): void }).logIn(user, (loginError) => {
        if (loginError !== null && loginError !== undefined) {
          next(loginError);
          return;
        }
        done({ principal: user as Principal, returnTo });
      });
    });
    handler(req, res, next);
  }

  /** Ends the session; returns where the browser goes next (the provider's logout endpoint when it has one). */
  public logout(req: Request, res: Response, next: NextFunction, afterLogout: string): void {
    (req as unknown as { logout(callback: (error: unknown) => void): void }).logout((error) => {
      if (error !== null && error !== undefined) {
        next(error);
        return;
      }
      req.session.destroy(() => {
        const endpoint = this.endSessionEndpoint();
        if (endpoint === undefined) {
          res.redirect(302, afterLogout);
          return;
        }
        // OpenID Connect RP-Initiated Logout 1.0, section 2: the provider ends its own session too.
        const url = new URL(endpoint);
        url.searchParams.set('client_id', this.config.clientId);
        url.searchParams.set('post_logout_redirect_uri', afterLogout);
        res.redirect(302, url.href);
      });
    });
  }

  private endSessionEndpoint(): string | undefined {
    try {
      return this.discovery.current().metadata.end_session_endpoint;
    } catch {
      return undefined;
    }
  }

  /** Registers the passport strategy once discovery has found the endpoints. */
  private registerStrategy(): void {
    if (this.strategyRegistered) {
      return;
    }
    const { metadata } = this.discovery.current();
    const strategy = new OidcStrategy(
      {
        authorizationURL: metadata.authorization_endpoint,
        tokenURL: metadata.token_endpoint,
        clientID: this.config.clientId,
        clientSecret: this.config.clientSecret,
        callbackURL: this.callbackUrl,
        scope: this.config.scope,
        state: true,
        pkce: 'S256',
        passReqToCallback: true,
        skipUserProfile: true,
        sessionKey: 'oidc',
      },
      (req, accessToken, _refreshToken, params, _profile, verified) => {
        this.verifyLogin(req, accessToken, params).then(
          (principal) => verified(null, principal),
          (error: unknown) => verified(error instanceof LoginFailure ? null : error, false, { message: errorMessage(error) }),
        );
      },
    );
    this.authenticator.use(STRATEGY, strategy);
    this.strategyRegistered = true;
  }

  /** Verifies the ID token of a completed code exchange and builds the principal from its claims. */
  private async verifyLogin(req: Request, accessToken: string, params: Record<string, unknown>): Promise<Principal> {
    const { metadata, keys } = this.discovery.current();
    const idToken = params.id_token;
    if (typeof idToken !== 'string') {
      throw new LoginFailure('The identity provider returned no ID token; check that the scope includes openid.');
    }
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(idToken, keys, {
        issuer: this.config.issuer,
        audience: this.config.clientId,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: this.clockSkewSeconds,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw new LoginFailure(`The ID token is not valid: ${errorMessage(error)}`);
    }
    const expectedNonce = req.session.oidcNonce;
    delete req.session.oidcNonce;
    if (expectedNonce === undefined || claims.nonce !== expectedNonce) {
      throw new LoginFailure('The ID token does not carry the nonce of this login; start the login again.');
    }

    if (metadata.userinfo_endpoint !== undefined) {
      const userinfo = await fetchUserinfo(metadata.userinfo_endpoint, accessToken);
      // OpenID Connect Core 1.0, section 5.3.2: userinfo claims count only when their sub matches the ID token's.
      if (userinfo !== undefined && userinfo.sub === claims.sub) {
        claims = { ...userinfo, ...claims, ...mergedLists(claims, userinfo) };
      }
    }
    const principal = principalFromClaims(this.policy, claims, 'oidc-session');
    this.logger.info('User logged in', { principal: principal.id, roles: principal.roles, clearances: principal.clearances });
    return principal;
  }
}

/** passport-oauth2 with the OpenID Connect `nonce` added to the authorization request. */
class OidcStrategy extends OAuth2Strategy {
  public constructor(...args: ConstructorParameters<typeof OAuth2Strategy>) {
    super(...args);
    this.name = STRATEGY;
  }

  public override authorizationParams(options: Record<string, unknown>): Record<string, unknown> {
    return typeof options.nonce === 'string' ? { nonce: options.nonce } : {};
  }
}

async function fetchUserinfo(endpoint: string, accessToken: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(endpoint, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' }, signal: AbortSignal.timeout(USERINFO_TIMEOUT_MS) });
  if (!response.ok) {
    return undefined;
  }
  return (await response.json()) as Record<string, unknown>;
}

/** Array claims present in both documents are united, so groups from either source count. */
function mergedLists(first: Record<string, unknown>, second: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(second)) {
    const other = first[name];
    if (Array.isArray(value) && Array.isArray(other)) {
      merged[name] = [...new Set([...other, ...value])];
    }
  }
  return merged;
}


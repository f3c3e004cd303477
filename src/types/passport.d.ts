/** Declarations for the parts of passport 0.7 and passport-oauth2 1.8 this project uses; neither ships types. */
declare module 'passport' {
  import type { RequestHandler } from 'express';

  export interface AuthenticateOptions {
    state?: unknown;
    [option: string]: unknown;
  }

  export type AuthenticateCallback = (error: unknown, user: unknown, info: unknown) => void;

  export class Authenticator {
    public use(name: string, strategy: unknown): this;
    public initialize(): RequestHandler;
    public session(): RequestHandler;
    public authenticate(name: string, options: AuthenticateOptions, callback?: AuthenticateCallback): RequestHandler;
    public serializeUser(serialize: (user: unknown, done: (error: unknown, id?: unknown) => void) => void): void;
    public deserializeUser(deserialize: (id: unknown, done: (error: unknown, user?: unknown) => void) => void): void;
  }

  const passport: Authenticator & { Passport: typeof Authenticator; Authenticator: typeof Authenticator };
  export default passport;
}

declare module 'passport-oauth2' {
  import type { Request } from 'express';

  export interface StrategyOptions {
    authorizationURL: string;
    tokenURL: string;
    clientID: string;
    clientSecret: string;
    callbackURL: string;
    scope?: string | string[];
    state?: boolean;
    pkce?: boolean | 'S256' | 'plain';
    passReqToCallback: true;
    skipUserProfile?: boolean;
    sessionKey?: string;
  }

  export type VerifyCallback = (error: unknown, user?: unknown, info?: unknown) => void;

  export type VerifyFunction = (req: Request, accessToken: string, refreshToken: string, params: Record<string, unknown>, profile: unknown, done: VerifyCallback) => void;

  export default class OAuth2Strategy {
    public name: string;
    public constructor(options: StrategyOptions, verify: VerifyFunction);
    public authorizationParams(options: Record<string, unknown>): Record<string, unknown>;
  }
}

/** Declarations for the parts of oidc-provider 8 the test helper uses; the package ships no types. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export default class Provider {
    public constructor(issuer: string, configuration: Record<string, unknown>);
    public callback(): (req: IncomingMessage, res: ServerResponse) => void;
    public on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: { InvalidTarget: new (description?: string) => Error };
}

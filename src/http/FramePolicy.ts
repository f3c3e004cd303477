import type { Response } from 'express';

/**
 * Framing rules for the server's pages (CSP Level 2 `frame-ancestors`). Other tools embed delegated
 * dialogs and previews, so those pages allow the configured origins. Every other page may be framed
 * only by the server itself, which prevents clickjacking of pages such as the SPARQL editor.
 */
export class FramePolicy {
  private readonly origins: Set<string>;
  private readonly embeddableHeader: string;

  /** `origins` are normalized origins such as `https://elm.example.com:9443`. */
  public constructor(
    origins: readonly string[],
    private readonly ownOrigin: string,
  ) {
    this.origins = new Set(origins);
    this.embeddableHeader = `frame-ancestors 'self'${origins.map((origin) => ` ${origin}`).join('')}`;
  }

  /** Marks a response as a page that the allowed origins may frame, adding `directives` to its policy. */
  public allowEmbedding(res: Response, directives?: string): void {
    res.setHeader('Content-Security-Policy', directives === undefined ? this.embeddableHeader : `${directives}; ${this.embeddableHeader}`);
    // X-Frame-Options cannot list origins, so it is left out where a list applies.
    res.removeHeader('X-Frame-Options');
  }

  /** Marks a response as one that only the server's own pages may frame. */
  public sameOriginOnly(res: Response): void {
    res.setHeader('Content-Security-Policy', "frame-ancestors 'self'");
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  }

  /** Returns whether dialog results may be posted to pages of `origin`. */
  public allows(origin: string): boolean {
    return origin === this.ownOrigin || this.origins.has(origin);
  }

  /** Returns the allowed origins, the server's own first. Dialog pages check the embedding page against them. */
  public allowedOrigins(): string[] {
    return [this.ownOrigin, ...this.origins];
  }
}

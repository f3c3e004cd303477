import type { Request, Response } from 'express';
import type { Quad } from '@rdfjs/types';
import { serializeRdf } from '../rdf/RdfSerializer.js';
import { RdfXmlUnrepresentableError } from '../rdf/RdfXmlWriter.js';
import { NotAcceptableHttpError } from './HttpError.js';
import type { HtmlRenderer } from './html/HtmlRenderer.js';
import { localsOf } from './middleware/RequestContext.js';
import { chooseRepresentation, type Representation } from './Representation.js';

export interface SendOptions {
  status?: number;
  /** Main subject, for the HTML page's heading. */
  subject?: string;
  /** Heading of the HTML page when the subject has no title. */
  heading?: string;
  /** Whether an HTML page may be chosen (default true). */
  html?: boolean;
  etag?: string;
  headers?: Record<string, string | string[]>;
  /** The representation to send, such as one that `?format=` names; negotiated from Accept when absent. */
  representation?: Representation;
}

/** Sends RDF documents in the representation the client negotiated, with the OSLC response headers. */
export class RdfResponder {
  public constructor(
    private readonly base: string,
    private readonly renderer: HtmlRenderer,
  ) {}

  public async send(req: Request, res: Response, quads: readonly Quad[], options: SendOptions = {}): Promise<void> {
    const representation = options.representation ?? chooseRepresentation(req.headers.accept, { html: options.html ?? true });
    const body = await this.serialize(quads, representation, options);
    this.write(req, res, body, representation.contentType, options);
  }

  public async serialize(quads: readonly Quad[], representation: Representation, options: SendOptions = {}): Promise<string> {
    if (representation.format === 'text/html') {
      const renderOptions = options.heading === undefined ? {} : { heading: options.heading };
      return this.renderer.render(options.subject, quads, renderOptions);
    }
    try {
      return await serializeRdf(quads, representation.format, this.base);
    } catch (error) {
      if (error instanceof RdfXmlUnrepresentableError) {
        throw new NotAcceptableHttpError(`${representation.contentType} (${error.message})`, ['text/turtle', 'application/ld+json', 'application/n-triples']);
      }
      throw error;
    }
  }

  /** Writes a body with the standard headers; HEAD gets the same headers and no body. */
  public write(req: Request, res: Response, body: string | Buffer, contentType: string, options: SendOptions = {}): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.status(options.status ?? 200);
    res.setHeader('Content-Type', contentType);
    res.setHeader('OSLC-Core-Version', localsOf(res).oslcVersion);
    res.setHeader('Vary', 'Accept, OSLC-Core-Version, Origin');
    if (options.etag !== undefined) {
      res.setHeader('ETag', options.etag);
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      res.setHeader(name, value);
    }
    res.setHeader('Content-Length', bytes.length);
    if (req.method === 'HEAD') {
      res.end();
    } else {
      res.end(bytes);
    }
  }
}

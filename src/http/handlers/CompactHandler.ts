import type { Quad } from '@rdfjs/types';
import { Router, type Request, type Response } from 'express';
import { MediaType } from '../../rdf/MediaType.js';
import { buildCompact, type CompactResource } from '../../previews/CompactResource.js';
import { COMPACT_LINK, compactJson, compactQuads, compactXml } from '../../previews/CompactFormats.js';
import { GraphBuilder } from '../../rdf/GraphBuilder.js';
import { compactRequestedAtCompactUri, compactRequestedOnResource, type CompactBody } from '../CompactNegotiation.js';
import { matchesAny } from '../EntityTags.js';
import { MethodNotAllowedHttpError } from '../HttpError.js';
import { missingResource, resolveExistingResource, resolveResourceTarget, type ResourceTarget } from '../ResourceTarget.js';
import type { ServerContext } from '../ServerContext.js';

const ALLOWED = ['GET', 'HEAD', 'OPTIONS'];

/** Vary of responses at a resource URL: the Compact depends on Accept and Prefer there. */
const RESOURCE_VARY = 'Accept, Prefer, OSLC-Core-Version, Origin';
const COMPACT_VARY = 'Accept, OSLC-Core-Version, Origin';

/** Options of a Compact response, sent on its own at the compact URI or for a GET of the resource. */
interface CompactReply {
  body: CompactBody;
  /** Whether the Compact is inlined in the resource's representation (`Prefer: ...PreferCompact`). */
  inline: boolean;
  vary: string;
  /** Sets the resource's own headers (Allow, Link) once the resource is known to exist. */
  resourceHeaders?: () => void;
}

/**
 * The Compact resource of every resource at `{resource}/compact` (OSLC Core 3.0 Resource Preview):
 * JSON, Turtle, RDF/XML, JSON-LD, N-Triples and the OSLC 2.0 compact XML, with ETags from the resource's
 * version.
 */
export function compactRoutes(context: ServerContext): Router {
  const router = Router();
  const path = '/oslc/sp/:provider/:segment/:identifier/compact';

  const read = async (req: Request, res: Response): Promise<void> => {
    const target = resolveResourceTarget(context, req.params as Record<string, string>, 'Compact');
    const body = compactRequestedAtCompactUri(req.headers.accept);
    await sendCompact(context, req, res, target, { body, inline: false, vary: COMPACT_VARY });
  };
  router.get(path, read);
  router.head(path, read);
  router.options(path, async (req, res) => {
    await resolveExistingResource(context, req.params as Record<string, string>, 'Compact');
    res.setHeader('Allow', ALLOWED.join(', '));
    res.status(204).end();
  });
  router.all(path, (req) => {
    throw new MethodNotAllowedHttpError(req.method, ALLOWED);
  });
  return router;
}

/**
 * Sends the Compact for a GET or HEAD of a resource whose request selects it (see
 * compactRequestedOnResource), and returns whether it did. `resourceHeaders` sets the headers that every
 * response of the resource carries.
 */
export async function sendCompactIfRequested(context: ServerContext, req: Request, res: Response, target: ResourceTarget, resourceHeaders: () => void): Promise<boolean> {
  const body = compactRequestedOnResource(req);
  if (body === undefined) {
    return false;
  }
  await sendCompact(context, req, res, target, { body, inline: body.kind !== 'compact-xml', vary: RESOURCE_VARY, resourceHeaders });
  return true;
}

async function sendCompact(context: ServerContext, req: Request, res: Response, target: ResourceTarget, reply: CompactReply): Promise<void> {
  const version = await context.store.versionOf(target.iri);
  if (version === undefined) {
    throw missingResource(target.iri, 'Compact');
  }
  reply.resourceHeaders?.();
  // The Compact is derived from the resource's graph alone, so the resource's version identifies it. Each body
  // form has its own bytes, so the tag also names the form: a strong tag stands for one representation (RFC 9110, 8.8.1).
  const etag = `"${version}-compact-${bodyTag(reply)}"`;
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache', Vary: reply.vary };
  if (reply.inline) {
    headers['Preference-Applied'] = 'return=representation';
  }
  if (matchesAny(req.headers['if-none-match'], etag, { weak: true })) {
    res.status(304);
    res.setHeader('ETag', etag);
    for (const [name, value] of Object.entries(headers)) {
      res.setHeader(name, value);
    }
    res.end();
    return;
  }

  const quads = await context.store.readQuads(target.iri);
  if (quads === undefined) {
    throw missingResource(target.iri, 'Compact');
  }
  const compact = buildCompact(target.iri, quads, target.shape, context.urls);
  const { text, contentType } = await serializeCompact(context, compact, reply, quads);
  context.responder.write(req, res, text, contentType, { etag, headers });
}

async function serializeCompact(
  context: ServerContext,
  compact: CompactResource,
  reply: CompactReply,
  resourceQuads: readonly Quad[],
): Promise<{ text: string; contentType: string }> {
  switch (reply.body.kind) {
    case 'compact-xml':
      return { text: compactXml(compact), contentType: MediaType.compactXml };
    case 'json': {
      const json = compactJson(compact);
      return { text: JSON.stringify(reply.inline ? { compact: json } : json, null, 2), contentType: MediaType.json };
    }
    case 'rdf': {
      let quads = compactQuads(compact);
      if (reply.inline) {
        const link = new GraphBuilder().add(compact.resource, COMPACT_LINK, compact.iri).quads;
        quads = [...resourceQuads, ...link, ...quads];
      }
      return { text: await context.responder.serialize(quads, reply.body.representation), contentType: reply.body.representation.contentType };
    }
  }
}

/** Names the Compact's body form for its entity tag, such as `oslc-compact-xml`, `json` or `inline-text-turtle`. */
function bodyTag(reply: CompactReply): string {
  let form: string;
  if (reply.body.kind === 'rdf') {
    // The media type itself, since RDF/XML is also served as application/xml to Jazz clients.
    form = reply.body.representation.contentType.split(';')[0]!.trim().replace(/[^A-Za-z0-9]+/g, '-');
  } else {
    form = reply.body.kind === 'json' ? 'json' : 'oslc-compact-xml';
  }
  return reply.inline ? `inline-${form}` : form;
}

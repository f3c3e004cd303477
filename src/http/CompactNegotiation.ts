import type { Request } from 'express';
import { OSLC } from '../rdf/namespaces.js';
import { essence, MediaType } from '../rdf/MediaType.js';
import { parseAccept, qualityOf, type MediaRange } from './Accept.js';
import { NotAcceptableHttpError } from './HttpError.js';
import { prefersInclusionOf } from './Prefer.js';
import { chooseRepresentation, type Representation } from './Representation.js';

/** `include` value of `Prefer` that requests the Compact inlined in a resource's representation. */
export const PREFER_COMPACT = OSLC('PreferCompact');

/** Body of a Compact response: OSLC 2.0 compact XML, the JSON form, or an RDF serialization. */
export type CompactBody = { kind: 'compact-xml' } | { kind: 'json' } | { kind: 'rdf'; representation: Representation };

const COMPACT_XML: CompactBody = { kind: 'compact-xml' };
const JSON_FORM: CompactBody = { kind: 'json' };

/** Media types the compact URI writes, for the 406 message. */
const COMPACT_URI_TYPES = [MediaType.json, MediaType.turtle, MediaType.rdfXml, MediaType.jsonLd, MediaType.ntriples, MediaType.compactXml];

/**
 * Decides whether a GET of a resource requests its Compact instead of, or inlined in, the resource:
 *
 * - `Accept` names `application/x-oslc-compact+xml` (OSLC 2.0 UI Preview, still used by ELM rich hovers)
 *   with a q no lower than any representation of the resource. Only an explicit range counts, so
 *   `*\/*` never selects the compact XML.
 * - `Prefer: return=representation; include="...#PreferCompact"` with a negotiated RDF or JSON
 *   representation (OSLC Core 3.0 Resource Preview). `application/json` gives the JSON form wrapped in
 *   `{"compact": ...}`; an HTML page ignores the preference.
 *
 * Returns undefined for an ordinary request, including one whose Accept header nothing matches, so that
 * the resource handler answers it as before.
 */
export function compactRequestedOnResource(req: Request): CompactBody | undefined {
  const ranges = parseAccept(req.headers.accept);
  const resourceRepresentation = tryChooseRepresentation(req.headers.accept, { html: true });
  const resourceQuality = resourceRepresentation === undefined ? 0 : qualityOf(ranges, essence(resourceRepresentation.contentType)!);
  const compactXmlQuality = explicitQuality(ranges, MediaType.compactXml);
  if (compactXmlQuality > 0 && compactXmlQuality >= resourceQuality) {
    return COMPACT_XML;
  }

  if (resourceRepresentation === undefined || resourceRepresentation.format === 'text/html' || !prefersInclusionOf(req.headers.prefer, PREFER_COMPACT)) {
    return undefined;
  }
  return essence(resourceRepresentation.contentType) === MediaType.json ? JSON_FORM : { kind: 'rdf', representation: resourceRepresentation };
}

/**
 * Chooses the body at a compact URI, or throws 406 when nothing fits. JSON wins ties because every
 * Compact has a JSON form (OSLC Core 3.0 Resource Preview), so `*\/*` clients get JSON. RDF follows in
 * the server's usual order, and the OSLC 2.0 compact XML is chosen only when named explicitly.
 */
export function compactRequestedAtCompactUri(accept: string | undefined): CompactBody {
  const ranges = parseAccept(accept);
  const candidates: [CompactBody, number][] = [[JSON_FORM, qualityOf(ranges, MediaType.json)]];
  const rdf = tryChooseRepresentation(accept, { html: false });
  if (rdf !== undefined) {
    // An RDF type this server does not write falls back to Turtle with q=0; it still beats a 406.
    candidates.push([{ kind: 'rdf', representation: rdf }, Math.max(qualityOf(ranges, essence(rdf.contentType)!), Number.MIN_VALUE)]);
  }
  candidates.push([COMPACT_XML, explicitQuality(ranges, MediaType.compactXml)]);

  let best: [CompactBody, number] = [JSON_FORM, 0];
  for (const candidate of candidates) {
    if (candidate[1] > best[1]) {
      best = candidate;
    }
  }
  if (best[1] <= 0) {
    throw new NotAcceptableHttpError(accept ?? '', COMPACT_URI_TYPES);
  }
  return best[0];
}

/** Returns the q of the range that names `mediaType` exactly, ignoring wildcards, or 0 when no range names it. */
function explicitQuality(ranges: readonly MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split('/');
  return ranges.find((range) => range.type === type && range.subtype === subtype)?.q ?? 0;
}

function tryChooseRepresentation(accept: string | undefined, options: { html: boolean }): Representation | undefined {
  try {
    return chooseRepresentation(accept, options);
  } catch (error) {
    if (error instanceof NotAcceptableHttpError) {
      return undefined;
    }
    throw error;
  }
}

import { negotiate, parseAccept, qualityOf } from './Accept.js';
import { NotAcceptableHttpError } from './HttpError.js';
import { MediaType, type RdfFormat } from '../rdf/MediaType.js';

/** What a response body is: an RDF serialization or an HTML page, and the Content-Type to label it with. */
export interface Representation {
  format: RdfFormat | 'text/html';
  contentType: string;
}

/** Offers in the server's order of preference, with the format each produces. */
const OFFERS: { mediaType: string; representation: Representation }[] = [
  { mediaType: MediaType.turtle, representation: { format: MediaType.turtle, contentType: 'text/turtle; charset=utf-8' } },
  { mediaType: MediaType.rdfXml, representation: { format: MediaType.rdfXml, contentType: MediaType.rdfXml } },
  { mediaType: MediaType.jsonLd, representation: { format: MediaType.jsonLd, contentType: MediaType.jsonLd } },
  { mediaType: MediaType.ntriples, representation: { format: MediaType.ntriples, contentType: MediaType.ntriples } },
  { mediaType: MediaType.html, representation: { format: 'text/html', contentType: 'text/html; charset=utf-8' } },
  // Jazz clients send Accept: application/xml and expect RDF/XML.
  { mediaType: MediaType.xml, representation: { format: MediaType.rdfXml, contentType: MediaType.xml } },
  { mediaType: MediaType.json, representation: { format: MediaType.jsonLd, contentType: MediaType.json } },
];

/** RDF media types this server does not write; a client that asks only for these gets Turtle. */
const OTHER_RDF_TYPES = ['text/n3', MediaType.nquads, MediaType.trig, 'application/trix', 'application/rdf+json'];

const TURTLE = OFFERS[0]!.representation;

/** JSON-LD labelled as plain JSON, for clients of the JSON documents. */
const JSON_OFFER = OFFERS.find((offer) => offer.mediaType === MediaType.json)!.representation;

/**
 * Chooses a representation for the Accept header. Following OSLC Core 3.0, a client that accepts only
 * RDF syntaxes this server does not write gets Turtle, labelled as Turtle; any other unmatched header
 * gets 406 Not Acceptable.
 */
export function chooseRepresentation(accept: string | undefined, options: { html: boolean } = { html: true }): Representation {
  const ranges = parseAccept(accept);
  const offers = OFFERS.filter((offer) => options.html || offer.representation.format !== 'text/html');
  const chosen = negotiate(
    ranges,
    offers.map((offer) => offer.mediaType),
  );
  if (chosen !== undefined) {
    return offers.find((offer) => offer.mediaType === chosen)!.representation;
  }
  if (OTHER_RDF_TYPES.some((type) => qualityOf(ranges, type) > 0)) {
    return TURTLE;
  }
  throw new NotAcceptableHttpError(accept ?? '', offers.map((offer) => offer.mediaType));
}

/**
 * Like chooseRepresentation, but falls back to Turtle instead of failing; used for error bodies. With
 * `preferJson`, JSON wins where the header rates it as high as any other type, as with no header.
 */
export function chooseErrorRepresentation(accept: string | undefined, preferJson = false): Representation {
  try {
    if (preferJson && negotiate(parseAccept(accept), [MediaType.json, ...OFFERS.map((offer) => offer.mediaType)]) === MediaType.json) {
      return JSON_OFFER;
    }
    return chooseRepresentation(accept);
  } catch {
    return TURTLE;
  }
}

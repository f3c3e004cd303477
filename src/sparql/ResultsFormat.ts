import { negotiate, parseAccept } from '../http/Accept.js';
import { NotAcceptableHttpError } from '../http/HttpError.js';
import type { QueryForm } from '../store/QueryForm.js';

/** A results format: the media type offered, the label sent as Content-Type, and the engine's format name. */
interface Offer {
  mediaType: string;
  contentType: string;
  engineFormat: string;
}

const SOLUTION_OFFERS: Offer[] = [
  { mediaType: 'application/sparql-results+json', contentType: 'application/sparql-results+json', engineFormat: 'application/sparql-results+json' },
  { mediaType: 'application/sparql-results+xml', contentType: 'application/sparql-results+xml', engineFormat: 'application/sparql-results+xml' },
  { mediaType: 'text/csv', contentType: 'text/csv; charset=utf-8', engineFormat: 'text/csv' },
  { mediaType: 'text/tab-separated-values', contentType: 'text/tab-separated-values; charset=utf-8', engineFormat: 'text/tab-separated-values' },
  { mediaType: 'application/json', contentType: 'application/sparql-results+json', engineFormat: 'application/sparql-results+json' },
  { mediaType: 'application/xml', contentType: 'application/sparql-results+xml', engineFormat: 'application/sparql-results+xml' },
];

/**
 * The SPARQL 1.1 Query Results CSV and TSV Formats define results of SELECT only, with no form for a
 * boolean, so ASK offers the JSON and XML results only.
 */
const TABULAR_OFFERS = SOLUTION_OFFERS.filter((offer) => offer.mediaType.startsWith('text/'));
const BOOLEAN_OFFERS = SOLUTION_OFFERS.filter((offer) => !TABULAR_OFFERS.includes(offer));

const GRAPH_OFFERS: Offer[] = [
  { mediaType: 'text/turtle', contentType: 'text/turtle; charset=utf-8', engineFormat: 'text/turtle' },
  { mediaType: 'application/n-triples', contentType: 'application/n-triples', engineFormat: 'application/n-triples' },
  { mediaType: 'application/rdf+xml', contentType: 'application/rdf+xml', engineFormat: 'application/rdf+xml' },
  { mediaType: 'application/ld+json', contentType: 'application/ld+json', engineFormat: 'application/ld+json' },
  { mediaType: 'application/xml', contentType: 'application/rdf+xml', engineFormat: 'application/rdf+xml' },
];

/**
 * Chooses the results format for a query form from the Accept header (q-values honoured, the first
 * offer wins ties, so `*` gets SPARQL JSON results or Turtle). Throws 406 when nothing fits.
 */
export function chooseResultsFormat(accept: string | undefined, form: QueryForm): { contentType: string; engineFormat: string } {
  const offers = form === 'SELECT' ? SOLUTION_OFFERS : form === 'ASK' ? BOOLEAN_OFFERS : GRAPH_OFFERS;
  const chosen = negotiate(
    parseAccept(accept),
    offers.map((offer) => offer.mediaType),
  );
  if (chosen === undefined) {
    const mediaTypes = offers.map((offer) => offer.mediaType);
    if (form === 'ASK' && negotiate(parseAccept(accept), TABULAR_OFFERS.map((offer) => offer.mediaType)) !== undefined) {
      throw new NotAcceptableHttpError(accept ?? '', mediaTypes, 'The CSV and TSV results formats define results of SELECT queries only, with no form for the boolean of an ASK query.');
    }
    throw new NotAcceptableHttpError(accept ?? '', mediaTypes);
  }
  const offer = offers.find((candidate) => candidate.mediaType === chosen)!;
  return { contentType: offer.contentType, engineFormat: offer.engineFormat };
}

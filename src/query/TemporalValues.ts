import { isValidLexical } from '../rdf/XsdLexical.js';
import { XSD } from '../rdf/namespaces.js';

/**
 * Rewrites an xsd:date lexical form as the xsd:dateTime of the start of that day: in its own timezone
 * when it has one, otherwise in UTC. "2026-06-01" becomes "2026-06-01T00:00:00Z", and
 * "2026-06-01+02:00" becomes "2026-06-01T00:00:00+02:00".
 */
export function startOfDay(date: string): string {
  const zone = /(Z|[+-]\d{2}:\d{2})$/.exec(date);
  const day = zone === null ? date : date.slice(0, -zone[0].length);
  return `${day}T00:00:00${zone === null ? 'Z' : zone[0]}`;
}

/** Tells whether a lexical form is a valid xsd:date (and so not an xsd:dateTime). */
export function isDateLexical(lexical: string): boolean {
  return isValidLexical(lexical, XSD('date'));
}

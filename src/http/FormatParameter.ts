import type { Request } from 'express';
import { MediaType } from '../rdf/MediaType.js';
import { BadRequestHttpError } from './HttpError.js';
import { chooseRepresentation, type Representation } from './Representation.js';

/** A value of the `format` query parameter and the RDF representation it selects. */
export interface FormatChoice {
  value: string;
  /** Name of the syntax, for link texts. */
  label: string;
  representation: Representation;
}

/**
 * The `format` values resource GET accepts. Browsers cannot set Accept from a link, so pages link to
 * `{resource}?format=turtle` and so on; the parameter overrides Accept.
 */
export const FORMAT_CHOICES: readonly FormatChoice[] = [
  { value: 'turtle', label: 'Turtle', representation: { format: MediaType.turtle, contentType: 'text/turtle; charset=utf-8' } },
  { value: 'rdfxml', label: 'RDF/XML', representation: { format: MediaType.rdfXml, contentType: MediaType.rdfXml } },
  { value: 'jsonld', label: 'JSON-LD', representation: { format: MediaType.jsonLd, contentType: MediaType.jsonLd } },
  { value: 'ntriples', label: 'N-Triples', representation: { format: MediaType.ntriples, contentType: MediaType.ntriples } },
];

/**
 * Returns the representation that a resource GET requests: the one `?format=` names, else the one the
 * Accept header negotiates. An unknown or repeated `format` value is a 400 that lists the valid ones.
 */
export function requestedRepresentation(req: Request): Representation {
  const format: unknown = req.query.format;
  if (format === undefined) {
    return chooseRepresentation(req.headers.accept);
  }
  const values = Array.isArray(format) ? format.map(String) : [String(format)];
  return formatRepresentation(values) ?? chooseRepresentation(req.headers.accept);
}

/**
 * Returns the representation that the values of a `format` parameter name, or undefined when there is
 * none. Query capabilities take their parameters from the URL or a form body, so they pass the values.
 */
export function formatRepresentation(values: readonly string[]): Representation | undefined {
  if (values.length === 0) {
    return undefined;
  }
  const allowed = FORMAT_CHOICES.map((choice) => choice.value).join(', ');
  if (values.length > 1) {
    throw new BadRequestHttpError(`The format query parameter is given more than once; give one of ${allowed}.`);
  }
  const choice = FORMAT_CHOICES.find((candidate) => candidate.value === values[0]);
  if (choice === undefined) {
    throw new BadRequestHttpError(`The format query parameter has the value "${values[0]}", which is not supported; use one of ${allowed}, or omit it and send an Accept header.`);
  }
  return choice.representation;
}

import type { Request, Response } from 'express';
import type { SelectedProperty } from '../../query/QueryAst.js';
import { parsePrefixes, parseSelect } from '../../query/QueryParsers.js';
import { PropertySelection } from '../../query/PropertySelection.js';
import { QuerySyntaxError } from '../../query/QuerySyntaxError.js';
import type { Representation } from '../Representation.js';
import type { ServerContext } from '../ServerContext.js';

/** Parameters of a resource GET that choose its properties; `oslc.select` is read as `oslc.properties`. */
const SELECTION_PARAMETERS = ['oslc.properties', 'oslc.select'] as const;

/**
 * Reads the Selective Properties of a resource GET (OSLC Core 3.0): `oslc.properties`, with
 * `oslc.prefix` for prefixes beyond the predefined ones. The query capability's parameter `oslc.select`
 * is accepted with the same meaning. Returns undefined when the
 * request chooses no properties. Throws QuerySyntaxError (400) for a malformed or repeated value.
 */
export function readSelectiveProperties(search: URLSearchParams): SelectedProperty[] | undefined {
  const given = SELECTION_PARAMETERS.filter((name) => search.has(name));
  if (given.length === 0) {
    return undefined;
  }
  if (given.length > 1) {
    throw new QuerySyntaxError('oslc.select', 0, 'the request has both oslc.properties and oslc.select; give only oslc.properties');
  }
  const parameter = given[0]!;
  const values = search.getAll(parameter);
  if (values.length > 1) {
    throw new QuerySyntaxError(parameter, 0, `the parameter is given ${values.length} times; give it once, with the properties separated by commas`);
  }
  if (values[0]!.trim() === '') {
    throw new QuerySyntaxError(parameter, 0, 'the value is empty; name properties such as dcterms:title,dt:partNumber, or * for all');
  }
  const prefixes = parsePrefixes(search.getAll('oslc.prefix'));
  return parseSelect(parameter, values[0]!, prefixes);
}

/**
 * Sends the chosen properties of a resource in `representation`, with nested selections followed into
 * linked resources.
 * The response has no ETag: it is not the resource's full state, so it cannot be the base of a PUT, and
 * nested properties come from other resources with versions of their own.
 */
export async function sendSelectedProperties(
  context: ServerContext,
  req: Request,
  res: Response,
  iri: string,
  selection: readonly SelectedProperty[],
  representation: Representation,
): Promise<void> {
  const selected = new PropertySelection(context.store);
  await selected.add(iri, selection);
  const options = { subject: iri, headers: { 'Cache-Control': 'no-cache' } };
  const body = await context.responder.serialize(selected.quads, representation, options);
  context.responder.write(req, res, body, representation.contentType, options);
}

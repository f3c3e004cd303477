import type { Request } from 'express';
import { BadRequestHttpError } from '../http/HttpError.js';
import { readBody, requireContentType } from '../http/middleware/RequestBody.js';
import { MediaType } from '../rdf/MediaType.js';

/** A query or update as the SPARQL 1.1 Protocol delivers it. */
export interface ProtocolOperation {
  text: string;
  defaultGraphs: string[];
  namedGraphs: string[];
  /** The client's `timeout` parameter in milliseconds, if given. */
  timeoutMs?: number;
}

const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/;

/**
 * Reads a query from a SPARQL 1.1 Protocol request (section 2.1): GET with `query=`, POST with a
 * form-encoded body, or POST with an `application/sparql-query` body and the dataset in the URL.
 * Returns undefined for a GET without `query` (the endpoint then describes itself).
 */
export async function readQueryOperation(req: Request, maxBodyBytes: number): Promise<ProtocolOperation | undefined> {
  return readOperation(req, maxBodyBytes, { parameter: 'query', directType: MediaType.sparqlQuery, defaultName: 'default-graph-uri', namedName: 'named-graph-uri' });
}

/**
 * Reads an update from a SPARQL 1.1 Protocol request (section 2.2): POST with a form-encoded body
 * (`update=`), or POST with an `application/sparql-update` body.
 */
export async function readUpdateOperation(req: Request, maxBodyBytes: number): Promise<ProtocolOperation> {
  const operation = await readOperation(req, maxBodyBytes, { parameter: 'update', directType: MediaType.sparqlUpdate, defaultName: 'using-graph-uri', namedName: 'using-named-graph-uri' });
  if (operation === undefined) {
    throw new BadRequestHttpError('A SPARQL update is sent by POST, as an application/sparql-update body or an update= form parameter.');
  }
  if (operation.defaultGraphs.length > 0 || operation.namedGraphs.length > 0) {
    throw new BadRequestHttpError('using-graph-uri and using-named-graph-uri are not supported; write USING and USING NAMED clauses in the update instead.');
  }
  return operation;
}

interface OperationNames {
  parameter: 'query' | 'update';
  directType: string;
  defaultName: string;
  namedName: string;
}

async function readOperation(req: Request, maxBodyBytes: number, names: OperationNames): Promise<ProtocolOperation | undefined> {
  const url = new URLSearchParams(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '');

  if (req.method === 'GET' || req.method === 'HEAD') {
    if (names.parameter === 'update') {
      return undefined;
    }
    const texts = url.getAll(names.parameter);
    if (texts.length === 0 && !url.has('update')) {
      return undefined;
    }
    return build(url, texts, names);
  }

  const type = requireContentType(req, [MediaType.formUrlEncoded, names.directType]);
  const body = await readBody(req, maxBodyBytes);
  if (type === MediaType.formUrlEncoded) {
    const form = new URLSearchParams(body);
    for (const [name, value] of url) {
      form.append(name, value);
    }
    return build(form, form.getAll(names.parameter), names);
  }
  if (url.getAll(names.parameter).length > 0) {
    throw new BadRequestHttpError(`Give the ${names.parameter} either in the ${names.directType} body or as a ${names.parameter}= parameter, not both.`);
  }
  return build(url, [body], names);
}

function build(parameters: URLSearchParams, texts: string[], names: OperationNames): ProtocolOperation {
  if (texts.length === 0 && names.parameter === 'query' && parameters.has('update')) {
    throw new BadRequestHttpError('The request has an update parameter; send SPARQL updates to /sparql/update, and queries to /sparql with query=.');
  }
  if (texts.length !== 1) {
    throw new BadRequestHttpError(`The request has ${texts.length} \`${names.parameter}\` parameters; send exactly one.`);
  }
  if (texts[0]!.trim() === '') {
    throw new BadRequestHttpError(`The ${names.parameter} is empty; send SPARQL text.`);
  }
  const operation: ProtocolOperation = {
    text: texts[0]!,
    defaultGraphs: graphIris(parameters, names.defaultName),
    namedGraphs: graphIris(parameters, names.namedName),
  };
  const timeout = parameters.get('timeout');
  if (timeout !== null) {
    const seconds = Number(timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new BadRequestHttpError(`The timeout parameter "${timeout}" is not a positive number of seconds; give seconds such as 10 or 2.5, up to the server's maximum.`);
    }
    operation.timeoutMs = Math.round(seconds * 1000);
  }
  return operation;
}

function graphIris(parameters: URLSearchParams, name: string): string[] {
  const iris = parameters.getAll(name);
  for (const iri of iris) {
    if (!ABSOLUTE_IRI.test(iri)) {
      throw new BadRequestHttpError(`${name} "${iri}" is not an absolute IRI; give the full IRI of a graph, such as a resource IRI that starts with http:// or https://.`);
    }
  }
  return iris;
}

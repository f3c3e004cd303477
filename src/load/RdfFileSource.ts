import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { StreamParser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { MediaType } from '../rdf/MediaType.js';
import { parseRdf } from '../rdf/RdfParser.js';
import type { ImportedGraph } from '../store/TripleStore.js';

/** File extensions and the syntax each means. */
export const FILE_FORMATS: Record<string, string> = {
  '.ttl': MediaType.turtle,
  '.nt': MediaType.ntriples,
  '.nq': MediaType.nquads,
  '.trig': MediaType.trig,
  '.rdf': MediaType.rdfXml,
  '.owl': MediaType.rdfXml,
  '.xml': MediaType.rdfXml,
  '.jsonld': MediaType.jsonLd,
  '.json': MediaType.jsonLd,
};

/** A file that cannot be loaded; the message names the file, the position and the problem. */
export class LoadError extends Error {}

export interface FileProgress {
  file: string;
  bytesRead: number;
  bytesTotal: number;
  quads: number;
}

export interface LoadOptions {
  /** Base IRI for relative IRIs (the server's base URL). */
  baseIri: string;
  /** Put every triple in this graph instead of one graph per resource. */
  graph?: string;
  onProgress?: (progress: FileProgress) => void;
}

/**
 * Reads an RDF file and yields its content as one graph per resource, the store's data model:
 * quads that name a graph (N-Quads, TriG) keep it; triples go to the graph of their subject, and a
 * blank node's triples go with the resource that refers to it. Turtle, TriG, N-Triples and N-Quads are
 * parsed as a stream, so progress is reported while the file is read.
 */
export async function readRdfFile(path: string, options: LoadOptions): Promise<ImportedGraph[]> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new LoadError(`${path}: no such file.`);
  }
  const format = FILE_FORMATS[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new LoadError(`${path}: unknown file extension; use one of ${Object.keys(FILE_FORMATS).join(', ')}.`);
  }
  const quads = format === MediaType.rdfXml || format === MediaType.jsonLd ? await readWhole(path, format, options) : await readStreaming(path, format, options);
  const graphs = groupIntoGraphs(quads, path, options.graph);
  const root = graphs.find((graph) => graph.graph === options.baseIri);
  if (root !== undefined) {
    throw new LoadError(
      `${path}: it describes <${options.baseIri}>, the server root, probably through the relative IRI <>; give every resource its own IRI (or use --graph IRI).`,
    );
  }
  return graphs;
}

async function readWhole(path: string, format: string, options: LoadOptions): Promise<Quad[]> {
  const text = await readFile(path, 'utf8');
  try {
    const quads = await parseRdf(text, format, options.baseIri, options.baseIri);
    options.onProgress?.({ file: basename(path), bytesRead: text.length, bytesTotal: text.length, quads: quads.length });
    return quads;
  } catch (error) {
    throw new LoadError(`${path}: ${(error as Error).message}`);
  }
}

function readStreaming(path: string, format: string, options: LoadOptions): Promise<Quad[]> {
  const bytesTotal = statSync(path).size;
  const file = basename(path);
  const quads: Quad[] = [];
  let bytesRead = 0;
  const input = createReadStream(path);
  const parser = new StreamParser({ format, baseIRI: options.baseIri });

  return new Promise((resolve, reject) => {
    input.on('data', (chunk) => {
      bytesRead += chunk.length;
    });
    input.on('error', (error) => reject(new LoadError(`${path}: ${error.message}`)));
    parser.on('data', (quad: Quad) => {
      quads.push(quad);
      if (quads.length % 50_000 === 0) {
        options.onProgress?.({ file, bytesRead, bytesTotal, quads: quads.length });
      }
    });
    parser.on('error', (error: Error) => {
      input.destroy();
      reject(new LoadError(`${path}: invalid ${format}: ${error.message}`));
    });
    parser.on('end', () => {
      options.onProgress?.({ file, bytesRead: bytesTotal, bytesTotal, quads: quads.length });
      resolve(quads);
    });
    input.pipe(parser);
  });
}

/** Splits quads into one graph per resource (see readRdfFile). */
export function groupIntoGraphs(quads: readonly Quad[], source: string, fixedGraph?: string): ImportedGraph[] {
  const graphs = new Map<string, Quad[]>();
  const add = (graph: string, quad: Quad): void => {
    const list = graphs.get(graph);
    if (list === undefined) {
      graphs.set(graph, [quad]);
    } else {
      list.push(quad);
    }
  };

  if (fixedGraph !== undefined) {
    for (const quad of quads) {
      add(fixedGraph, quad);
    }
    return [...graphs].map(([graph, list]) => ({ graph, quads: list }));
  }

  const blankSubjects = new Map<string, Quad[]>();
  const owner = new Map<string, string>();
  for (const quad of quads) {
    if (quad.graph.termType === 'NamedNode') {
      add(quad.graph.value, quad);
    } else if (quad.subject.termType === 'NamedNode') {
      add(quad.subject.value, quad);
      if (quad.object.termType === 'BlankNode') {
        owner.set(quad.object.value, quad.subject.value);
      }
    } else if (quad.subject.termType === 'BlankNode') {
      const list = blankSubjects.get(quad.subject.value) ?? [];
      list.push(quad);
      blankSubjects.set(quad.subject.value, list);
      if (quad.object.termType === 'BlankNode') {
        owner.set(quad.object.value, `_:${quad.subject.value}`);
      }
    } else {
      throw new LoadError(`${source}: a triple has a ${quad.subject.termType} subject, which cannot be stored.`);
    }
  }

  for (const [node, list] of blankSubjects) {
    let current = owner.get(node);
    const seen = new Set<string>([node]);
    while (current !== undefined && current.startsWith('_:') && !seen.has(current.slice(2))) {
      seen.add(current.slice(2));
      current = owner.get(current.slice(2));
    }
    if (current === undefined || current.startsWith('_:')) {
      throw new LoadError(
        `${source}: the blank node _:${node} is not reachable from any resource with an IRI, so it has no graph to go in; give it an IRI or load the file with --graph IRI.`,
      );
    }
    for (const quad of list) {
      add(current, quad);
    }
  }
  return [...graphs].map(([graph, list]) => ({ graph, quads: list }));
}

import { basename, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataFactory } from 'n3';
import { vocabularyTerm } from '../rdf/VocabularyTerms.js';
import type { NamedNode, Quad, Quad_Object } from '@rdfjs/types';
import { DT, PROV } from '../rdf/namespaces.js';

const { namedNode, literal, quad } = DataFactory;

/** PROV-O and `dt:` properties that every import writes on the resources it creates or changes. */
export const PROVENANCE = {
  wasDerivedFrom: PROV('wasDerivedFrom'),
  generatedAtTime: PROV('generatedAtTime'),
  sourceSystem: DT('sourceSystem'),
  sourceId: DT('sourceId'),
  importOrigin: DT('importOrigin'),
} as const;

/** Properties whose value is the time of the write; content comparison ignores them. */
export const TIME_PROPERTIES = new Set([PROVENANCE.generatedAtTime, 'http://purl.org/dc/terms/modified']);

/** Where an import's content came from and which item of it made one resource. */
export interface ProvenanceRecord {
  /** IRI that identifies the source across imports (see importSourceIri), for prov:wasDerivedFrom. */
  source: string;
  /** IRI of the file or URL read, for dt:importOrigin on the resources the import creates. */
  origin?: string;
  system: string;
  /** The item's id in the source; absent when the source has none. */
  sourceId?: string;
}

/**
 * Returns the IRI that names a source in provenance: URLs and URNs as they are, file paths as
 * `file:` URLs of their absolute path. Imports of the same file path get the same IRI, which is what
 * removal of missing resources relies on.
 */
export function sourceIri(uri: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri)) {
    return uri;
  }
  return pathToFileURL(isAbsolute(uri) ? uri : resolve(uri)).href;
}

/** Prefix of the IRIs that name import sources; the percent-encoded source name follows it. */
export const SOURCE_NAME_PREFIX = 'urn:digital-thread:import-source:';

/**
 * Returns the name a source has when the import request names none: the URL of a source read over
 * HTTP(S), else the file's base name. So the same file imported from another folder, or uploaded to the
 * import endpoint, is the same source.
 */
export function defaultSourceName(uri: string): string {
  if (/^https?:/i.test(uri)) {
    return uri;
  }
  return basename(uri.replace(/\\/g, '/'));
}

/**
 * Returns the IRI that identifies a batch's source in prov:wasDerivedFrom: the name itself when it is an
 * HTTP(S) URL, else a URN of the name. A batch
 * without a name (one that no import request made) is named by its file path or URL, as sourceIri does.
 */
export function importSourceIri(source: { uri: string; name?: string }): string {
  if (source.name === undefined) {
    return sourceIri(source.uri);
  }
  if (/^https?:\/\/[^\s]+$/i.test(source.name)) {
    return source.name;
  }
  return SOURCE_NAME_PREFIX + encodeURIComponent(source.name);
}

/** Returns a source's name as the import request gave it (`--source`, or the default name), or its IRI when it has none. */
export function sourceNameOf(iri: string): string {
  return iri.startsWith(SOURCE_NAME_PREFIX) ? decodeURIComponent(iri.slice(SOURCE_NAME_PREFIX.length)) : iri;
}

/** Returns the provenance triples of one resource; `now` is its prov:generatedAtTime. */
export function provenanceQuads(subject: NamedNode, record: ProvenanceRecord, now: Quad_Object): Quad[] {
  const quads = [
    quad(subject, vocabularyTerm(PROVENANCE.wasDerivedFrom), namedNode(record.source)),
    quad(subject, vocabularyTerm(PROVENANCE.generatedAtTime), now),
    quad(subject, vocabularyTerm(PROVENANCE.sourceSystem), literal(record.system)),
  ];
  if (record.sourceId !== undefined && record.sourceId !== '') {
    quads.push(quad(subject, vocabularyTerm(PROVENANCE.sourceId), literal(record.sourceId)));
  }
  return quads;
}

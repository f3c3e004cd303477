import type { TripleStore } from '../store/TripleStore.js';
import { PROVENANCE, sourceNameOf } from './Provenance.js';

/** The option that gives a file a source of its own, on the command line and on the import endpoint, for advice in warnings. */
export const OWN_SOURCE = '--source NAME (source=NAME on the import endpoint)';

/** Number of other files that a message names. It counts the rest. */
const FILES_NAMED = 3;

/** The source of an import, as messages about other files under its name need it. */
export interface ImportedSource {
  /** IRI of the source (prov:wasDerivedFrom), which contains its name. */
  iri: string;
  /** IRI of the file or URL read (dt:importOrigin). */
  origin: string;
  /** Source system of the batch, such as `DOORS` (dt:sourceSystem). */
  system: string;
  /** True when the import request named the source (`--source`, `source=`), which states that files of one name are one source. */
  named?: boolean;
}

/**
 * Returns whether an import of another file with the same file name created the resource, such as a
 * file of that name in another folder, or an upload. Such files share the default source name
 * (defaultSourceName), so they are one document read from two places or two documents. A resource
 * that this source took over from a file of another name is neither. A source name given in the request
 * settles it: the files are one source.
 */
export function fromSameNamedFile(resource: { importOrigin?: string }, source: Pick<ImportedSource, 'origin' | 'named'>): boolean {
  return source.named !== true && resource.importOrigin !== undefined && resource.importOrigin !== source.origin && fileName(resource.importOrigin) === fileName(source.origin);
}

/**
 * Returns the sentence that names the other files whose imports created `created` under the source's
 * name, with their source system where it differs from this import's, and what that suggests.
 * `createdText` names the resources in the sentence, such as `them` or `137 of them`. The resources must
 * satisfy fromSameNamedFile.
 */
export async function sameNamedFilesSentence(store: TripleStore, created: readonly { iri: string; importOrigin?: string }[], source: ImportedSource, createdText: string): Promise<string> {
  const firstOf = new Map<string, string>();
  for (const resource of created) {
    if (!firstOf.has(resource.importOrigin!)) {
      firstOf.set(resource.importOrigin!, resource.iri);
    }
  }

  // NOTE: dt:sourceSystem is the system of the import that last wrote the resource, which is usually the import of the file that created it.
  const files: { origin: string; system?: string }[] = [];
  for (const [origin, iri] of [...firstOf].sort(([a], [b]) => a.localeCompare(b)).slice(0, FILES_NAMED)) {
    const quads = (await store.readQuads(iri)) ?? [];
    const system = quads.find((candidate) => candidate.subject.value === iri && candidate.predicate.value === PROVENANCE.sourceSystem)?.object.value;
    files.push({ origin, ...(system === undefined ? {} : { system }) });
  }
  const otherSystem = (file: { system?: string }): boolean => file.system !== undefined && file.system !== source.system;

  const named = files.map((file) => `<${file.origin}>${otherSystem(file) ? ` (${file.system!})` : ''}`);
  if (firstOf.size > FILES_NAMED) {
    named.push(`${firstOf.size - FILES_NAMED} more`);
  }
  const list = new Intl.ListFormat('en').format(named);
  const systems = files.some(otherSystem) ? `, while this file is from ${source.system}` : '';
  // Another exporting tool makes another document likely; the same tool may export one document to dated folders.
  const meaning = files.every(otherSystem) ? 'these are likely different documents that share a file name' : 'these may be different documents that share a file name, or one document read from another folder';
  return `Source name ${sourceNameOf(source.iri)} was used before for ${firstOf.size === 1 ? 'another file' : 'other files'}, ${list}, whose imports created ${createdText}${systems}, so ${meaning}.`;
}

/** Returns `the earlier file` or `the earlier files`, for the other files whose imports created `created`. */
export function earlierFiles(created: readonly { importOrigin?: string }[]): string {
  return new Set(created.map((resource) => resource.importOrigin)).size === 1 ? 'the earlier file' : 'the earlier files';
}

/**
 * Returns the file name of a source's path, URL or upload URN (the text after the last `/` or `:`),
 * which is what a default source name is made of, and the location of messages about the whole file.
 */
export function fileName(iri: string): string {
  const path = iri.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1));
}

import { createHash } from 'node:crypto';
import { DataFactory } from 'n3';
import { EXPORT_CONTROL } from '../auth/ExportControl.js';
import { DT } from '../rdf/namespaces.js';
import type { GraphWrite, TripleStore } from '../store/TripleStore.js';

const { namedNode, literal, quad } = DataFactory;

/** The property that contains an import state's entries, on the state graph's own IRI. */
export const IMPORT_STATE_PROPERTY = DT('resourceFingerprints');

/** Prefix of the graphs that keep import states. */
const IMPORT_STATE_PREFIX = 'urn:x-dt:import-state:';

/** Version placeholder for a resource written in the same commit as the state graph. */
const SAME_COMMIT = '=';

/** Base64 characters of the IRI hash (72 bits) and of the content digest (96 bits) in an entry. */
const KEY_LENGTH = 12;
const DIGEST_LENGTH = 16;

/** One resource in an import state: its content digest and its version, or SAME_COMMIT. */
interface StateEntry {
  digest: string;
  version: string;
}

/**
 * What the imports of one source into one service provider last wrote, so that an import of an
 * unchanged source need not read every resource back.
 *
 * For each resource the source described, the state keeps the digest of the imported content
 * (ContentDigest) and the resource's version after that import. When a resource still has that
 * version and the source gives the same content, the resource is as that import left it. Any other
 * write since (an OSLC PUT, a SPARQL update, an import of another source) gives the resource a new
 * version, and the import reads and compares it as before.
 *
 * Resources written in the same commit as the state have the version `=`, meaning the state graph's
 * own version, because the commit assigns it. Entries are keyed by a hash of the resource's IRI.
 * An import that describes only some resources, such as an incremental OData pull, replaces their
 * entries and keeps the others.
 *
 * The graph contains no IRI or value, but a reader could hash a guessed IRI and learn that a resource
 * hidden from them exists. So the state is marked `dt:exportControl dt:ITAR`, the strictest marking,
 * and every read path (resource and graph reads, SPARQL replicas) shows it to ITAR-cleared users only.
 */
export class ImportState {
  private constructor(
    public readonly graph: string,
    /** Version of the state graph, or null when no import of the source has written one. */
    public readonly version: string | null,
    private readonly entries: ReadonlyMap<string, StateEntry>,
  ) {}

  /** Reads the import state of `source` (its IRI in prov:wasDerivedFrom) in `provider`. */
  public static async read(store: TripleStore, provider: string, source: string): Promise<ImportState> {
    const graph = importStateGraph(provider, source);
    const [quads, version] = await Promise.all([store.readQuads(graph), store.versionOf(graph)]);
    const text = quads?.find((candidate) => candidate.predicate.value === IMPORT_STATE_PROPERTY)?.object.value ?? '';
    const entries = new Map<string, StateEntry>();
    for (const entry of text === '' ? [] : text.split(' ')) {
      const versionStart = KEY_LENGTH + DIGEST_LENGTH;
      entries.set(entry.slice(0, KEY_LENGTH), { digest: entry.slice(KEY_LENGTH, versionStart), version: entry.slice(versionStart) });
    }
    return new ImportState(graph, version ?? null, entries);
  }

  /** Returns whether the resource has the version and the content digest that the last import left. */
  public isUnchanged(iri: string, version: string, digest: string): boolean {
    const entry = this.entries.get(iriKey(iri));
    if (entry === undefined || entry.digest !== digestText(digest)) {
      return false;
    }
    return entry.version === version || (entry.version === SAME_COMMIT && version === this.version);
  }

  /**
   * Returns the write that records this import, with the state's current version as precondition.
   * `written` are the resources the commit writes, `unchanged` those it keeps at their current version,
   * and `removed` those it deletes. Entries of other resources stay.
   */
  public write(changes: { written: Iterable<{ iri: string; digest: string }>; unchanged: Iterable<{ iri: string; digest: string; version: string }>; removed: Iterable<string> }): GraphWrite {
    const entries = new Map<string, StateEntry>();
    for (const [key, entry] of this.entries) {
      // The placeholder meant this graph's current version, which the commit replaces.
      entries.set(key, entry.version === SAME_COMMIT && this.version !== null ? { digest: entry.digest, version: this.version } : entry);
    }
    for (const iri of changes.removed) {
      entries.delete(iriKey(iri));
    }
    for (const resource of changes.written) {
      entries.set(iriKey(resource.iri), { digest: digestText(resource.digest), version: SAME_COMMIT });
    }
    for (const resource of changes.unchanged) {
      entries.set(iriKey(resource.iri), { digest: digestText(resource.digest), version: resource.version });
    }

    const text = [...entries].map(([key, entry]) => `${key}${entry.digest}${entry.version}`).join(' ');
    const subject = namedNode(this.graph);
    const quads = [quad(subject, namedNode(EXPORT_CONTROL), namedNode(DT('ITAR'))), quad(subject, namedNode(IMPORT_STATE_PROPERTY), literal(text))];
    return { graph: this.graph, quads, expectedVersion: this.version };
  }
}

/** Returns the graph of a source's import state, named by a hash so that the name reveals no file name. */
export function importStateGraph(provider: string, source: string): string {
  return `${IMPORT_STATE_PREFIX}${provider}:${createHash('sha256').update(source).digest('hex').slice(0, 32)}`;
}

function iriKey(iri: string): string {
  return createHash('sha256').update(iri).digest('base64').slice(0, KEY_LENGTH);
}

function digestText(digest: string): string {
  return digest.slice(0, DIGEST_LENGTH);
}

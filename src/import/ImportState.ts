import { createHash, hash } from 'node:crypto';
import { DataFactory } from 'n3';
import { EXPORT_CONTROL } from '../auth/ExportControl.js';
import { DT } from '../rdf/namespaces.js';
import type { GraphWrite, TripleStore } from '../store/TripleStore.js';
import type { PlannedResource } from './SyncPlan.js';

const { namedNode, literal, quad } = DataFactory;

/** The property that contains an import state's entries, on the state graph's own IRI. */
export const IMPORT_STATE_PROPERTY = DT('resourceFingerprints');

/** Prefix of the graphs that keep import states. */
const IMPORT_STATE_PREFIX = 'urn:x-dt:import-state:';

/** Version placeholder for a resource written in the same commit as the state graph. */
const SAME_COMMIT = '=';

/** Base64 characters of the item key hash (72 bits) and of the content digest (96 bits) in an entry. */
const KEY_LENGTH = 12;
const DIGEST_LENGTH = 16;

/**
 * Digest of an entry whose resource an import wrote without its source item, as when it derives a BOM
 * line's title again. `-` is no base64 character, so it matches no content, and the next import of the item compares the stored state.
 */
// NOTE: an import that then writes nothing does not record the digest, so imports of the unchanged source
// skip the fast path (Synchronizer.unchangedReport) until one of them writes.
const UNKNOWN_DIGEST = '-'.repeat(DIGEST_LENGTH);

/** Record of one source item's last import: the resource it became, its content digest and its version. */
export interface StateEntry {
  iri: string;
  digest: string;
  /** The resource's version after that import, or SAME_COMMIT. */
  version: string;
  /**
   * Set once someone else has written the resource since an import of the source wrote it (a user's
   * PUT, another source). The import keeps values it does not own, so the resource may hold values that
   * a removal run would delete with it. Written as EDITED after the version.
   */
  edited?: true;
}

/** Mark after an entry's version for a resource that someone else has written since an import wrote it. Store versions (`ID.sequence`) contain no `!`. */
const EDITED = '!';

/** One source item as the import state records it. `key` is the item's identity, qualified by its type. */
export interface StateItem {
  key: string;
  iri: string;
  digest: string;
  /** The resource's version before this import wrote it, for a resource that was stored. */
  storedVersion?: string;
}

/**
 * Record of what the imports of one source into one service provider last wrote, so that an import of an
 * unchanged source need not read every resource back.
 *
 * Items are keyed by identity: a part by part number and revision, a BOM line by assembly, child and
 * find number, a requirement by source id. For each item the source described, the state keeps the
 * resource it became, the digest of the imported content (ContentDigest) and the resource's version
 * after that import. When
 * the resource still has that version and the source gives the same content, the resource is as that
 * import left it. Any other write since (an OSLC PUT, a SPARQL update, an import of another source)
 * gives the resource a new version, and the import reads and compares it as before.
 *
 * Resources written in the same commit as the state have the version `=`, meaning the state graph's
 * own version, because the commit assigns it. An import that describes only some items, such as an
 * incremental OData pull, replaces their entries and keeps the others.
 *
 * The state names resources by IRI, so it is marked `dt:exportControl dt:ITAR`, the strictest marking,
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
    for (const line of text === '' ? [] : text.split('\n')) {
      const space = line.indexOf(' ');
      if (space < 0) {
        continue;
      }
      const head = line.slice(0, space);
      const iri = line.slice(space + 1);
      const versionStart = KEY_LENGTH + DIGEST_LENGTH;
      const version = head.slice(versionStart);
      const entry: StateEntry = { iri, digest: head.slice(KEY_LENGTH, versionStart), version: version.endsWith(EDITED) ? version.slice(0, -EDITED.length) : version };
      if (version.endsWith(EDITED)) {
        entry.edited = true;
      }
      entries.set(head.slice(0, KEY_LENGTH), entry);
    }
    return new ImportState(graph, version ?? null, entries);
  }

  /** Number of source items the state records. */
  public get size(): number {
    return this.entries.size;
  }

  /** Returns the resource that the last import made of the item with identity `key`, or undefined. */
  public resourceOf(key: string): string | undefined {
    return this.entries.get(itemKey(key))?.iri;
  }

  /**
   * Returns whether the item with identity `key` became `iri`, which still has the version that the
   * last import left, and whose imported content had the digest `digest`.
   */
  public isUnchanged(key: string, iri: string, version: string | undefined, digest: string): boolean {
    const entry = this.entries.get(itemKey(key));
    if (entry === undefined || entry.iri !== iri || entry.digest !== digestText(digest)) {
      return false;
    }
    return this.hasVersion(entry, version);
  }

  /**
   * Returns whether the resource that the item with identity `key` became has been written by someone
   * else since the last import, while the source still gives the content that it gave then (`digest`).
   * An update of such a resource sets back what that other write changed.
   */
  public isChangedElsewhere(key: string, iri: string, version: string, digest: string): boolean {
    const entry = this.entries.get(itemKey(key));
    return entry !== undefined && entry.iri === iri && entry.digest === digestText(digest) && !this.hasVersion(entry, version);
  }

  /** Returns whether the resource that the item with identity `key` became has been written by someone else since the last import. */
  public isWrittenElsewhere(key: string, iri: string, version: string): boolean {
    const entry = this.entries.get(itemKey(key));
    return entry !== undefined && entry.iri === iri && !this.hasVersion(entry, version);
  }

  /**
   * Returns whether a resource that the state records has been written by someone else since an import
   * of the source wrote it: since the last import, or before it (marked edited).
   */
  public isResourceChangedElsewhere(iri: string, version: string): boolean {
    this.byResource ??= new Map([...this.entries.values()].map((entry) => [entry.iri, entry]));
    const entry = this.byResource.get(iri);
    return entry !== undefined && (entry.edited === true || !this.hasVersion(entry, version));
  }

  /** Returns whether an item's resource has been written by someone else since an import of the source wrote it, as its new entry records. */
  private editedSince(item: StateItem, currentVersion: string | undefined): boolean {
    const previous = this.entries.get(itemKey(item.key));
    if (previous === undefined || previous.iri !== item.iri) {
      return false;
    }
    return previous.edited === true || (currentVersion !== undefined && !this.hasVersion(previous, currentVersion));
  }

  /** Entries by resource IRI, built on the first lookup by IRI. */
  private byResource: Map<string, StateEntry> | undefined;

  /** Returns whether the resource's current version is the one that the entry recorded. */
  private hasVersion(entry: StateEntry, version: string | undefined): boolean {
    return entry.version === version || (entry.version === SAME_COMMIT && version === this.version);
  }

  /**
   * Returns the write that records this import, with the state's current version as precondition.
   * `written` are the items whose resources the commit writes, `unchanged` those it keeps at their
   * current version, and `removed` the resources it deletes. `retitled` maps each resource that the commit
   * writes without its source item to its stored version, and its entry loses the digest. Entries of other items stay.
   */
  public write(changes: {
    written: Iterable<StateItem>;
    unchanged: Iterable<StateItem & { version: string }>;
    removed: Iterable<string>;
    retitled?: ReadonlyMap<string, string>;
  }): GraphWrite {
    const entries = new Map<string, StateEntry>();
    for (const [key, entry] of this.entries) {
      // The placeholder meant this graph's current version, which the commit replaces.
      entries.set(key, entry.version === SAME_COMMIT && this.version !== null ? { ...entry, version: this.version } : entry);
    }
    const removed = new Set(changes.removed);
    const retitled = changes.retitled ?? new Map<string, string>();
    for (const [key, entry] of entries) {
      const storedVersion = retitled.get(entry.iri);
      if (removed.has(entry.iri)) {
        entries.delete(key);
      } else if (storedVersion !== undefined) {
        // The version moves to this commit's, so the write does not count as someone else's edit.
        const edited = entry.edited === true || !this.hasVersion(entry, storedVersion);
        entries.set(key, { iri: entry.iri, digest: UNKNOWN_DIGEST, version: SAME_COMMIT, ...(edited ? { edited: true as const } : {}) });
      }
    }
    const entryOf = (item: StateItem, version: string, currentVersion: string | undefined): StateEntry => {
      const entry: StateEntry = { iri: item.iri, digest: digestText(item.digest), version };
      if (this.editedSince(item, currentVersion)) {
        entry.edited = true;
      }
      return entry;
    };
    for (const item of changes.written) {
      entries.set(itemKey(item.key), entryOf(item, SAME_COMMIT, item.storedVersion));
    }
    for (const item of changes.unchanged) {
      entries.set(itemKey(item.key), entryOf(item, item.version, item.version));
    }

    const text = [...entries].map(([key, entry]) => `${key}${entry.digest}${entry.version}${entry.edited === true ? EDITED : ''} ${entry.iri}`).join('\n');
    const subject = namedNode(this.graph);
    const quads = [quad(subject, namedNode(EXPORT_CONTROL), namedNode(DT('ITAR'))), quad(subject, namedNode(IMPORT_STATE_PROPERTY), literal(text))];
    return { graph: this.graph, quads, expectedVersion: this.version };
  }
}

/** Returns the graph of a source's import state, named by a hash so that the name reveals no file name. */
export function importStateGraph(provider: string, source: string): string {
  return `${IMPORT_STATE_PREFIX}${provider}:${createHash('sha256').update(source).digest('hex').slice(0, 32)}`;
}

function itemKey(key: string): string {
  return hash('sha256', key, 'base64').slice(0, KEY_LENGTH);
}

function digestText(digest: string): string {
  return digest.slice(0, DIGEST_LENGTH);
}

/** Returns what the import state records of this import: the resources the source describes, and the removed ones. */
export function stateChanges(plan: ReadonlyMap<string, PlannedResource>): Parameters<ImportState['write']>[0] {
  const written: StateItem[] = [];
  const unchanged: (StateItem & { version: string })[] = [];
  const removed: string[] = [];
  const retitled = new Map<string, string>();
  for (const resource of plan.values()) {
    if (resource.action === 'remove') {
      removed.push(resource.iri);
    } else if (resource.retitled === true) {
      if (resource.action === 'update') {
        retitled.set(resource.iri, resource.stored!.version);
      }
    } else if (!resource.imported || resource.digest === undefined || resource.stateKey === undefined) {
      continue;
    } else if (resource.action === 'unchanged') {
      unchanged.push({ key: resource.stateKey, iri: resource.iri, digest: resource.digest, version: resource.unread?.version ?? resource.stored!.version });
    } else {
      const storedVersion = resource.unread?.version ?? resource.stored?.version;
      written.push({ key: resource.stateKey, iri: resource.iri, digest: resource.digest, ...(storedVersion === undefined ? {} : { storedVersion }) });
    }
  }
  return { written, unchanged, removed, retitled };
}

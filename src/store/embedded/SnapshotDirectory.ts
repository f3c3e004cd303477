import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getLogger } from '../../logging/Logger.js';
import { CorruptStoreError, EncryptionKeyError, StoreError } from '../StoreError.js';
import { isSealed, type DataEncryption } from './DataEncryption.js';
import { syncDirectory, writeFileDurably } from '../../util/DurableFiles.js';

export interface SnapshotManifest {
  format: 1;
  /** Sequence number of the last journal record whose effect the snapshot is guaranteed to contain. */
  sequence: number;
  created: string;
  graphs: number;
  quads: number;
  parts: string[];
  /** Version of every graph at `sequence`. */
  versions: Record<string, string>;
}

/** One graph's content, produced while a snapshot is written. */
export interface GraphDump {
  graph: string;
  ntriples: string;
}

const SNAPSHOT_NAME = /^(\d{12})$/;

/** Target size of one part file; parts keep loads and dumps well below V8's maximum string length. */
const PART_BYTES = 32 * 1024 * 1024;

/** Size of the chunks handed to the store when a snapshot is loaded; one huge string loads slowly. */
const LOAD_CHUNK_BYTES = 1024 * 1024;

/**
 * Compacting snapshots of the embedded store: N-Quads part files plus a manifest, in a directory named
 * after the snapshot's sequence number. A snapshot is written into a temporary directory, every file
 * is fsynced, and the directory is renamed into place, so a crash leaves either the old snapshot or
 * the new one, never a partial one. With encryption at rest every file, the manifest included, is
 * sealed as a whole, bound to its snapshot and file name.
 */
export class SnapshotDirectory {
  private readonly logger = getLogger('SnapshotDirectory');
  private readonly encryption: DataEncryption | undefined;

  public constructor(
    private readonly directory: string,
    options: { readOnly?: boolean; encryption?: DataEncryption } = {},
  ) {
    this.encryption = options.encryption;
    if (options.readOnly !== true) {
      mkdirSync(directory, { recursive: true });
    }
  }

  /** Returns the newest complete snapshot, or undefined when there is none. */
  public latest(): { path: string; manifest: SnapshotManifest } | undefined {
    if (!existsSync(this.directory)) {
      return undefined;
    }
    const names = readdirSync(this.directory).filter((name) => SNAPSHOT_NAME.test(name)).sort();
    const name = names.at(-1);
    if (name === undefined) {
      return undefined;
    }
    const path = join(this.directory, name);
    const manifestPath = join(path, 'manifest.json');
    try {
      return { path, manifest: JSON.parse(this.readFile(manifestPath).toString('utf8')) as SnapshotManifest };
    } catch (error) {
      if (error instanceof StoreError) {
        throw error;
      }
      throw new CorruptStoreError(`Snapshot manifest ${manifestPath} cannot be read; restore the data directory from a backup.`, {
        cause: error,
      });
    }
  }

    /** Returns the bytes of a snapshot's part files on disk, as an estimate of its N-Quads text. */
  public byteSize(snapshot: { path: string; manifest: SnapshotManifest }): number {
    return snapshot.manifest.parts.reduce((sum, part) => sum + statSync(join(snapshot.path, part)).size, 0);
  }

/**
   * Yields a snapshot's N-Quads in chunks that end at line boundaries. All chunks must go to one load
   * call, because blank node labels are scoped to a load.
   */
  public *readChunks(snapshot: { path: string; manifest: SnapshotManifest }): Generator<Buffer> {
    for (const part of snapshot.manifest.parts) {
      const bytes = this.readFile(join(snapshot.path, part));
      let offset = 0;
      while (offset < bytes.length) {
        let end = Math.min(offset + LOAD_CHUNK_BYTES, bytes.length);
        if (end < bytes.length) {
          const newline = bytes.indexOf(0x0a, end);
          end = newline < 0 ? bytes.length : newline + 1;
        }
        yield bytes.subarray(offset, end);
        offset = end;
      }
    }
  }

  /**
   * Writes a snapshot from graph dumps and returns its manifest. `dumps` may yield to the event loop
   * between graphs; the caller guarantees that replaying the journal after `sequence` repairs any
   * graph that changed while it was being dumped.
   */
  public async write(sequence: number, versions: Record<string, string>, dumps: AsyncIterable<GraphDump>): Promise<SnapshotManifest> {
    async function* asNQuads(): AsyncGenerator<{ text: string; lines: number; graphs: number }> {
      for await (const dump of dumps) {
        if (dump.ntriples !== '') {
          yield { ...toNQuads(dump.ntriples, dump.graph), graphs: 1 };
        }
      }
    }
    return this.writeParts(sequence, versions, asNQuads());
  }

  /** Writes a snapshot from one N-Quads dump of the whole store, split into parts at line boundaries. */
  public async writeDump(sequence: number, versions: Record<string, string>, nquads: string, graphs: number): Promise<SnapshotManifest> {
    function* pieces(): Generator<{ text: string; lines: number; graphs: number }> {
      let offset = 0;
      let first = true;
      while (offset < nquads.length) {
        let end = Math.min(offset + PART_BYTES, nquads.length);
        if (end < nquads.length) {
          const newline = nquads.indexOf('\n', end);
          end = newline < 0 ? nquads.length : newline + 1;
        }
        const text = nquads.slice(offset, end);
        yield { text, lines: countLines(text), graphs: first ? graphs : 0 };
        first = false;
        offset = end;
      }
    }
    return this.writeParts(sequence, versions, pieces());
  }

  /**
   * Writes a snapshot from N-Quads pieces. `versions` may be a function, called after the last piece,
   * when the pieces are produced while the versions are still changing (bulk imports).
   */
  public async writeParts(
    sequence: number,
    versions: Record<string, string> | (() => Record<string, string>),
    pieces: AsyncIterable<{ text: string; lines: number; graphs: number }> | Iterable<{ text: string; lines: number; graphs: number }>,
  ): Promise<SnapshotManifest> {
    const finalPath = join(this.directory, String(sequence).padStart(12, '0'));
    const temporaryPath = join(this.directory, `.tmp-${sequence}-${process.pid}`);
    rmSync(temporaryPath, { recursive: true, force: true });
    mkdirSync(temporaryPath);

    const parts: string[] = [];
    let graphs = 0;
    let quads = 0;
    let buffer: string[] = [];
    let bufferBytes = 0;

    const flush = (): void => {
      if (buffer.length === 0) {
        return;
      }
      const name = `part-${String(parts.length + 1).padStart(5, '0')}.nq`;
      writeFileDurably(join(temporaryPath, name), this.seal(Buffer.from(buffer.join(''), 'utf8'), finalPath, name));
      parts.push(name);
      buffer = [];
      bufferBytes = 0;
    };

    for await (const piece of pieces) {
      buffer.push(piece.text);
      bufferBytes += piece.text.length;
      quads += piece.lines;
      graphs += piece.graphs;
      if (bufferBytes >= PART_BYTES) {
        flush();
      }
    }
    flush();

    const manifest: SnapshotManifest = {
      format: 1,
      sequence,
      created: new Date().toISOString(),
      graphs,
      quads,
      parts,
      versions: typeof versions === 'function' ? versions() : versions,
    };
    writeFileDurably(join(temporaryPath, 'manifest.json'), this.seal(Buffer.from(JSON.stringify(manifest), 'utf8'), finalPath, 'manifest.json'));
    syncDirectory(temporaryPath);

    rmSync(finalPath, { recursive: true, force: true });
    renameSync(temporaryPath, finalPath);
    syncDirectory(this.directory);
    this.logger.info('Wrote snapshot', { sequence, graphs, quads, parts: parts.length });
    return manifest;
  }

  /** Deletes snapshots older than `sequence` and temporary directories left by interrupted writes. */
  public removeOlderThan(sequence: number): void {
    for (const name of readdirSync(this.directory)) {
      const match = SNAPSHOT_NAME.exec(name);
      if ((match !== null && Number(match[1]) < sequence) || (name.startsWith('.tmp-') && !name.startsWith(`.tmp-${sequence}-`))) {
        rmSync(join(this.directory, name), { recursive: true, force: true });
      }
    }
    syncDirectory(this.directory);
  }

  /**
   * Deletes the temporary directories of snapshot writes that a crash interrupted. Only the process that
   * holds the data directory's lock writes snapshots, so at its start every such directory is stale.
   */
  public removeInterruptedWrites(): void {
    const stale = readdirSync(this.directory).filter((name) => name.startsWith('.tmp-'));
    for (const name of stale) {
      rmSync(join(this.directory, name), { recursive: true, force: true });
    }
    if (stale.length > 0) {
      syncDirectory(this.directory);
      this.logger.info('Removed snapshot writes that a stop interrupted', { directories: stale });
    }
  }

  /** Reads a snapshot file, decrypting it when it is sealed. */
  private readFile(path: string): Buffer {
    const bytes = readFileSync(path);
    if (this.encryption === undefined) {
      if (isSealed(bytes)) {
        throw new EncryptionKeyError(`Snapshot file ${path} is encrypted, but no encryption key is configured; give it with --encryption-key-file or DT_ENCRYPTION_KEY.`);
      }
      return bytes;
    }
    return this.encryption.open(bytes, sealedContext(join(path, '..'), basename(path)), `Snapshot file ${path}`);
  }

  private seal(content: Buffer, snapshotPath: string, name: string): Buffer {
    return this.encryption === undefined ? content : this.encryption.seal(content, sealedContext(snapshotPath, name));
  }

  /** Whether any snapshot directory exists. */
  public isEmpty(): boolean {
    return !existsSync(this.directory) || !readdirSync(this.directory).some((name) => SNAPSHOT_NAME.test(name));
  }
}

function countLines(text: string): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    lines++;
  }
  return lines;
}

/** Turns N-Triples lines (each ending in ` .`) into N-Quads lines in `graph`. */
function toNQuads(ntriples: string, graph: string): { text: string; lines: number } {
  const suffix = ` <${graph}> .`;
  let text = '';
  let lines = 0;
  let start = 0;
  while (start < ntriples.length) {
    let end = ntriples.indexOf('\n', start);
    if (end < 0) {
      end = ntriples.length;
    }
    const line = ntriples.slice(start, end).trimEnd();
    if (line.endsWith(' .')) {
      text += `${line.slice(0, -2)}${suffix}\n`;
      lines++;
    } else if (line.endsWith('.')) {
      text += `${line.slice(0, -1)}${suffix}\n`;
      lines++;
    }
    start = end + 1;
  }
  return { text, lines };
}

/** Binds a sealed file to its snapshot (named by sequence) and its name, so it cannot be swapped with another. */
function sealedContext(snapshotPath: string, name: string): string {
  return `snapshot/${basename(snapshotPath)}/${name}`;
}

import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { InputError } from './ImportErrors.js';

/** Caps on what a zip archive may contain, against zip bombs. */
export interface ArchiveLimits {
  maxEntries: number;
  /** Largest uncompressed size of one entry that the import reads, in bytes. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all entries that the import reads together, in bytes. */
  maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 1000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

/**
 * Returns whether an entry is metadata that macOS adds to a zip rather than a file of the export. That is
 * the `__MACOSX/` folder of resource forks, the Finder's `.DS_Store`, and AppleDouble files `._NAME` next
 * to the files, which zip tools write when they keep extended attributes.
 */
export function isMacMetadata(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return path.startsWith('__MACOSX/') || name.startsWith('._') || name === '.DS_Store';
}

/** Number of entry names that describeEntries lists. */
const LISTED_ENTRIES = 5;

/** Returns a clause that lists an archive's entries for a message, such as `it contains a.csv, b.pdf`. */
export function describeEntries(entries: readonly string[]): string {
  if (entries.length === 0) {
    return 'it contains no files';
  }
  return `it contains ${listNames(entries)}`;
}

/** Lists names for a message: the first five, then how many more there are. */
export function listNames(names: readonly string[]): string {
  const listed = names.slice(0, LISTED_ENTRIES).join(', ');
  const more = names.length > LISTED_ENTRIES ? ` and ${names.length - LISTED_ENTRIES} more` : '';
  return `${listed}${more}`;
}

/** Reads a whole archive into memory, because a zip's central directory is at its end. */
export async function readAll(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) {
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** The archive is unreadable or breaks a limit, or an entry name is unsafe. Nothing of it is imported. */
export class UnsafeArchiveError extends InputError {
  public constructor(
    public readonly file: string,
    public readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** An archive that is no zip file, or a zip file cut short, as a copy or download still in progress leaves it. */
export class UnreadableArchiveError extends UnsafeArchiveError {
  public constructor(file: string, zipError: string) {
    super(file, `not a readable zip archive (${zipError.replace(/\.$/, '')}); if the file was cut short, copy or upload the whole file again`);
  }
}

/**
 * A zip archive read from memory (a zip's directory is at its end, so it cannot be streamed). yauzl
 * (3.x, strictFileNames false) turns backslashes in entry names into slashes, because some Windows
 * tools write `folder\FILE.stp` against the zip specification. It then rejects absolute entry names and
 * `..` segments, and checks while inflating that an entry is no larger than its declared size. Call
 * close() when done.
 */
export class ZipArchive {
  private constructor(
    private readonly zip: ZipFile,
    /** Name of the archive in messages. */
    public readonly path: string,
    private readonly limits: ArchiveLimits,
  ) {}

  /** Opens the archive; throws UnsafeArchiveError for bytes that are no zip or that have more entries than the limit. */
  public static async open(bytes: Buffer, path: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<ZipArchive> {
    const zip = await openZip(bytes, path);
    if (zip.entryCount > limits.maxEntries) {
      zip.close();
      throw new UnsafeArchiveError(path, `archive has ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
    }
    return new ZipArchive(zip, path, limits);
  }

  /**
   * Yields the file entries in archive order, without folders and without macOS metadata (isMacMetadata),
   * which is no data of any import format. Those that `isRead` accepts are checked against the size
   * limits, because the import inflates them; the others are only listed.
   */
  public async *files(isRead: (name: string) => boolean): AsyncGenerator<Entry> {
    let totalBytes = 0;
    for (let entry = await nextEntry(this.zip, this.path); entry !== undefined; entry = await nextEntry(this.zip, this.path)) {
      if (entry.fileName.endsWith('/') || isMacMetadata(entry.fileName)) {
        continue;
      }
      if (isRead(entry.fileName)) {
        if (entry.uncompressedSize > this.limits.maxEntryBytes) {
          throw new UnsafeArchiveError(this.path, `entry ${entry.fileName} has ${entry.uncompressedSize} bytes uncompressed, more than the limit of ${this.limits.maxEntryBytes}`);
        }
        totalBytes += entry.uncompressedSize;
        if (totalBytes > this.limits.maxTotalBytes) {
          throw new UnsafeArchiveError(this.path, `entries have more than ${this.limits.maxTotalBytes} bytes uncompressed together`);
        }
      }
      yield entry;
    }
  }

  /** Opens an entry that files() yielded, as a stream of its uncompressed bytes. */
  public openEntry(entry: Entry): Promise<Readable> {
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry, (error, stream) => {
        if (error !== null || stream === undefined) {
          reject(error ?? new Error(`entry ${entry.fileName} could not be opened`));
        } else {
          resolve(stream);
        }
      });
    });
  }

  public close(): void {
    this.zip.close();
  }
}

function openZip(bytes: Buffer, path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // autoClose is off because an entry may be opened after the last one is listed; close() ends the archive.
    yauzl.fromBuffer(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error !== null || zip === undefined) {
        reject(new UnreadableArchiveError(path, error?.message ?? 'unknown error'));
      } else {
        resolve(zip);
      }
    });
  });
}

/** Returns the next entry, or undefined at the end of the central directory. */
function nextEntry(zip: ZipFile, path: string): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanUp = (): void => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (entry: Entry): void => {
      cleanUp();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanUp();
      resolve(undefined);
    };
    const onError = (error: Error): void => {
      cleanUp();
      reject(new UnsafeArchiveError(path, `invalid entry: ${error.message}`));
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

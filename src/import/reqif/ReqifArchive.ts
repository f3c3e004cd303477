import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { getLogger } from '../../logging/Logger.js';
import { InputError } from '../ImportErrors.js';
import type { ReqifContent } from './ReqifContent.js';
import { readReqifDocument } from './ReqifReader.js';

const log = getLogger('ReqifArchive');

/** Caps on what a `.reqifz` archive may hold, against zip bombs. */
export interface ArchiveLimits {
  maxEntries: number;
  /** Largest uncompressed size of one entry, in bytes. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all `.reqif` entries together, in bytes. */
  maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 1000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

/** The archive is unreadable or breaks a limit, or an entry name is unsafe. Nothing of it is imported. */
export class UnsafeArchiveError extends Error {
  public constructor(
    public readonly file: string,
    public readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'UnsafeArchiveError';
  }
}

/** Number of entry names that the message of a ReqifDocumentMissingError lists. */
const LISTED_ENTRIES = 5;

/**
 * The archive contains no `.reqif` entry, as when another file was zipped under a `.reqifz` name. Without
 * this error the import would succeed with nothing in it, and a removal run would remove everything
 * the source wrote.
 */
export class ReqifDocumentMissingError extends InputError {
  public constructor(
    public readonly file: string,
    /** Names of the archive's file entries, without folders. */
    public readonly entries: readonly string[],
  ) {
    super(`${file} contains no .reqif file (${describeEntries(entries)}); export the archive again from the requirements tool.`);
  }
}

function describeEntries(entries: readonly string[]): string {
  if (entries.length === 0) {
    return 'it contains no files';
  }
  const listed = entries.slice(0, LISTED_ENTRIES).join(', ');
  const more = entries.length > LISTED_ENTRIES ? ` and ${entries.length - LISTED_ENTRIES} more` : '';
  return `it contains ${listed}${more}`;
}

function openZip(bytes: Buffer, path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // yauzl rejects absolute entry names, backslashes and ".." segments before any entry is read.
    yauzl.fromBuffer(bytes, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: true }, (error, zip) => {
      if (error !== null || zip === undefined) {
        reject(new UnsafeArchiveError(path, `not a readable zip archive: ${error?.message ?? 'unknown error'}`));
      } else {
        resolve(zip);
      }
    });
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error !== null || stream === undefined) {
        reject(error ?? new Error(`entry ${entry.fileName} could not be opened`));
      } else {
        resolve(stream);
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

/**
 * Reads every `.reqif` entry of a `.reqifz` archive (a zip of ReqIF exchange documents, which may
 * reference each other) into one `content`. Entries are read in archive order, each as
 * `archive.reqifz!/entry.reqif` in positions (`path` names the archive); other entries, such as
 * images, are skipped. The archive is read from memory, because a zip's directory is at its end.
 * Throws ReqifDocumentMissingError when the archive has no `.reqif` entry.
 */
export async function readReqifArchive(bytes: Buffer, path: string, content: ReqifContent, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<number> {
  const zip = await openZip(bytes, path);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new UnsafeArchiveError(path, `archive has ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
    }
    let totalBytes = 0;
    let documents = 0;
    const skipped: string[] = [];
    for (let entry = await nextEntry(zip, path); entry !== undefined; entry = await nextEntry(zip, path)) {
      if (entry.fileName.endsWith('/')) {
        continue;
      }
      if (!entry.fileName.toLowerCase().endsWith('.reqif')) {
        log.debug('skipping archive entry that is not a ReqIF document', { archive: path, entry: entry.fileName });
        skipped.push(entry.fileName);
        continue;
      }
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        throw new UnsafeArchiveError(path, `entry ${entry.fileName} has ${entry.uncompressedSize} bytes uncompressed, more than the limit of ${limits.maxEntryBytes}`);
      }
      totalBytes += entry.uncompressedSize;
      if (totalBytes > limits.maxTotalBytes) {
        throw new UnsafeArchiveError(path, `entries have more than ${limits.maxTotalBytes} bytes uncompressed together`);
      }
      // yauzl checks while inflating that an entry is no larger than its declared size.
      await readReqifDocument(await openEntry(zip, entry), `${path}!/${entry.fileName}`, content);
      documents += 1;
    }
    if (documents === 0) {
      throw new ReqifDocumentMissingError(path, skipped);
    }
    return documents;
  } finally {
    zip.close();
  }
}

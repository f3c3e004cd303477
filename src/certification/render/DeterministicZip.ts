import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** One file of a zip archive. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

/**
 * Timestamp of every entry: fixed, so the same entries give the same bytes. DOS timestamps are local
 * time, so the date is built from local components and the extended UTC timestamp field is left out.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

/** Writes entries in the given order, each deflated, with fixed timestamps and file modes. */
export function writeZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    zip.addBuffer(entry.data, entry.name, { mtime: FIXED_MTIME, mode: 0o100644, compress: true, forceDosTimestamp: true });
  }
  zip.end();
  return streamToBuffer(zip.outputStream);
}

/** Reads every file entry of a zip archive, in archive order. */
export function readZip(data: Buffer): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, zip) => {
      if (error !== null || zip === undefined) {
        reject(error ?? new Error('The zip archive could not be opened.'));
        return;
      }
      const entries: ZipEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null || stream === undefined) {
            reject(streamError ?? new Error(`Entry ${entry.fileName} could not be read.`));
            return;
          }
          streamToBuffer(stream).then((buffer) => {
            entries.push({ name: entry.fileName, data: buffer });
            zip.readEntry();
          }, reject);
        });
      });
      zip.readEntry();
    });
  });
}

/** Rewrites a zip archive made by another library with fixed timestamps, keeping the entry order. */
export async function normalizeZip(data: Buffer): Promise<Buffer> {
  return writeZip(await readZip(data));
}

async function streamToBuffer(stream: Readable | NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  }
  return Buffer.concat(chunks);
}

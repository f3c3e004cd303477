import { readFileSync, writeFileSync } from 'node:fs';
import yazl from 'yazl';

/** Returns the bytes of a zip archive of `entries` (name to text or bytes). A name that ends in `/` is a folder. */
export async function zipBytes(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    if (name.endsWith('/')) {
      zip.addEmptyDirectory(name);
    } else {
      zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
    }
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Writes a zip archive of `entries` (name to text or bytes, or a folder) to `path`. */
export async function writeZip(path: string, entries: Record<string, string | Buffer>): Promise<void> {
  writeFileSync(path, await zipBytes(entries));
}

/**
 * Writes a zip whose entry `name` is stored under `unsafeName` instead, a name of the same length that
 * zip writers refuse to write (such as `../x.reqif`). The bytes of the name are replaced in both the local
 * header and the central directory.
 */
export async function writeZipWithRenamedEntry(path: string, name: string, unsafeName: string, text: string): Promise<void> {
  await writeZip(path, { [name]: text });
  writeFileSync(path, renameEntry(readFileSync(path), name, unsafeName));
}

/**
 * Returns a zip with the entry `name` renamed to `unsafeName`, a name of the same length that zip writers
 * refuse to write, in both the local header and the central directory.
 */
export function renameEntry(bytes: Buffer, name: string, unsafeName: string): Buffer {
  if (name.length !== unsafeName.length) {
    throw new Error('the unsafe name must have as many bytes as the name');
  }
  return Buffer.from(bytes.toString('latin1').split(name).join(unsafeName), 'latin1');
}

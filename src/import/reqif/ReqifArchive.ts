import { getLogger } from '../../logging/Logger.js';
import { InputError } from '../ImportErrors.js';
import { DEFAULT_ARCHIVE_LIMITS, describeEntries, ZipArchive, type ArchiveLimits } from '../ZipArchive.js';
import type { ReqifContent } from './ReqifContent.js';
import { readReqifDocument } from './ReqifReader.js';

const log = getLogger('ReqifArchive');

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

/**
 * Reads every `.reqif` entry of a `.reqifz` archive (a zip of ReqIF exchange documents, which may
 * reference each other) into one `content`. Entries are read in archive order, each as
 * `archive.reqifz!/entry.reqif` in positions (`path` names the archive); other entries, such as
 * images, are skipped. The archive is read from memory, because a zip's directory is at its end.
 * Throws ReqifDocumentMissingError when the archive has no `.reqif` entry.
 */
export async function readReqifArchive(bytes: Buffer, path: string, content: ReqifContent, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<number> {
  const archive = await ZipArchive.open(bytes, path, limits);
  try {
    let documents = 0;
    const skipped: string[] = [];
    for await (const entry of archive.files(isReqifName)) {
      if (!isReqifName(entry.fileName)) {
        log.debug('skipping archive entry that is not a ReqIF document', { archive: path, entry: entry.fileName });
        skipped.push(entry.fileName);
        continue;
      }
      await readReqifDocument(await archive.openEntry(entry), `${path}!/${entry.fileName}`, content);
      documents += 1;
    }
    if (documents === 0) {
      throw new ReqifDocumentMissingError(path, skipped);
    }
    return documents;
  } finally {
    archive.close();
  }
}

function isReqifName(name: string): boolean {
  return name.toLowerCase().endsWith('.reqif');
}

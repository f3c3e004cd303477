import { readCsvBom } from './csv/CsvBomAdapter.js';
import type { BomView } from './BomViews.js';
import { UnknownFormatError } from './ImportErrors.js';
import type { ImportInput } from './ImportInput.js';
import type { ImportBatch } from './ImportModel.js';
import { importWindchill } from './odata/importWindchill.js';
import { resolveService } from './odata/ServiceRoot.js';
import { checkWindchillMapping } from './odata/WindchillMapping.js';
import { importPlmxml } from './plmxml/importPlmxml.js';
import { checkReqifMapping } from './reqif/ReqifMapping.js';
import { importReqif } from './reqif/importReqif.js';
import { readStep } from './step/StepAdapter.js';
import type { StoredUsesLookup } from './StoredPartUses.js';

/** Options every adapter receives; each reads only what it needs. */
export interface AdapterOptions {
  /** The parsed `--mapping` JSON file: column names (csv), attribute names (reqif), or property and unit names (odata). */
  mapping?: unknown;
  /** Exporting tool whose attribute names to use (reqif), such as "DOORS"; detected from the file when absent. */
  tool?: string;
  /** Pull only what changed after this ISO 8601 time (odata). */
  modifiedSince?: string;
  /** Authorization header value for the source (odata), such as `Basic …`; never logged. */
  authorization?: string;
  /** The BOM view that the user chose (`--bom-view`) for lines whose source names none; the synchronizer applies it. */
  bomView?: BomView;
  /** The top file of a zip archive of STEP files (`--top`, `top=`): its path in the archive, or its file name. When absent, the references between the files show it. */
  top?: string;
  /** Name that identifies the source across imports (`--source`, `source=`), such as `parts_list.csv`; the file name when absent. */
  sourceName?: string;
  /** Reads the target provider's stored revisions of part numbers and the assemblies that use them (odata, incremental pulls). */
  storedUses?: StoredUsesLookup;
  /** Reports bytes read, for progress bars. */
  onProgress?: (progress: { bytesRead: number; bytesTotal?: number }) => void;
}

/** Reads one source format into the neutral import model. */
export type ImportAdapter = (input: ImportInput, options: AdapterOptions) => Promise<ImportBatch>;

/**
 * Source formats by the name the CLI and the HTTP endpoint use. An adapter only reads its format; the
 * Synchronizer does everything else. The odata input is the service root URL of Windchill REST
 * Services, such as https://plm.example.com/Windchill/servlet/odata.
 */
export const ADAPTERS: Readonly<Record<string, ImportAdapter>> = {
  step: readStep,
  csv: readCsvBom,
  plmxml: (input, options) => importPlmxml(input, options.bomView === undefined ? {} : { bomView: options.bomView }),
  odata: (input, options) =>
    importWindchill(input.uri, {
      ...checkWindchillMapping(options.mapping, 'The Windchill mapping'),
      ...(options.authorization === undefined ? {} : { authorization: options.authorization }),
      ...(options.modifiedSince === undefined ? {} : { modifiedSince: options.modifiedSince }),
      ...(options.storedUses === undefined ? {} : { storedUses: options.storedUses }),
    }),
  reqif: (input, options) =>
    importReqif(input, {
      ...(options.tool === undefined ? {} : { tool: options.tool }),
      attributes: checkReqifMapping(options.mapping, 'The ReqIF mapping'),
    }),
};

/**
 * Returns the canonical source name of a URL, for formats whose sources a URL can name in several
 * spellings, or undefined for a string that is no such URL. An import without `--source` runs under this
 * name (see chooseSourceSpelling). An odata pull is named by its service root, so `…/odata/`,
 * `…/odata/ProdMgmt` and `HTTPS://HOST:443/…/odata` name one source.
 */
export const CANONICAL_SOURCE_NAMES: Readonly<Record<string, (uri: string) => string | undefined>> = {
  odata: (uri) => (URL.canParse(uri) && /^https?:$/i.test(new URL(uri).protocol) ? resolveService(uri).root : undefined),
};

/** Formats with BOM lines, which take a BOM view (`--bom-view`, `bomView=`) for the lines whose source names none. */
export const BOM_FORMATS: readonly string[] = ['step', 'plmxml', 'csv', 'odata'];

/** Formats whose adapter reads a mapping (`--mapping`, `mapping=`); the others would ignore one. */
export const MAPPING_FORMATS: readonly string[] = ['csv', 'reqif', 'odata'];

/** Returns the adapter of a format; throws UnknownFormatError naming the known formats. */
export function adapterFor(format: string): ImportAdapter {
  const adapter = Object.hasOwn(ADAPTERS, format) ? ADAPTERS[format] : undefined;
  if (adapter === undefined) {
    throw new UnknownFormatError(`Unknown import format "${format}"; use one of ${Object.keys(ADAPTERS).join(', ')}.`);
  }
  return adapter;
}

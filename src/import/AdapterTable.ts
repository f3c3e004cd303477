import { importWindchill } from './odata/importWindchill.js';
import { importPlmxml } from './plmxml/importPlmxml.js';
import { importReqif } from './reqif/importReqif.js';

/**
 * The adapters of this folder by the format name of `digital-thread import <format>`, for the adapter
 * registry. Each is `(input, options) => Promise<ImportBatch>`: `input` is a file path for reqif and plmxml,
 * and the Windchill OData service root URL for odata.
 */
export const reqif = importReqif;
export const plmxml = importPlmxml;
export const odata = importWindchill;

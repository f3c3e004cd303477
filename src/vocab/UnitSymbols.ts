import { PREFIXES } from '../rdf/namespaces.js';

/**
 * Display symbols of the QUDT units that shapes and data use (SI symbols; `pcs` for unit:NUM, a count
 * of pieces, as BOMs print it).
 */
const SYMBOLS: Record<string, string> = {
  NUM: 'pcs',
  M: 'm',
  MilliM: 'mm',
  KiloGM: 'kg',
  GM: 'g',
  DEG_C: '°C',
  A: 'A',
  V: 'V',
  PERCENT: '%',
  SEC: 's',
  HR: 'h',
};

/** Returns the display symbol of a QUDT unit IRI, or undefined for other IRIs and unknown units. */
export function unitSymbol(iri: string): string | undefined {
  if (!iri.startsWith(PREFIXES.unit)) {
    return undefined;
  }
  return SYMBOLS[iri.slice(PREFIXES.unit.length)];
}

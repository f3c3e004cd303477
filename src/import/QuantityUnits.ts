const UNIT = 'http://qudt.org/vocab/unit/';

/**
 * QUDT units of the unit-of-measure texts that BOM exports and PLM systems use, lower case. Every
 * adapter that reads a unit as text looks it up here, so one text maps to the same unit in each.
 */
const UNITS: Record<string, string> = {
  '': 'NUM',
  ea: 'NUM',
  each: 'NUM',
  pc: 'NUM',
  pcs: 'NUM',
  piece: 'NUM',
  pieces: 'NUM',
  pce: 'NUM',
  st: 'NUM',
  m: 'M',
  mm: 'MilliM',
  cm: 'CentiM',
  kg: 'KiloGM',
  g: 'GM',
  lb: 'LB',
  l: 'L',
  ml: 'MilliL',
  in: 'IN',
  ft: 'FT',
  m2: 'M2',
  m3: 'M3',
  // Windchill's internal names of its default area and volume units.
  sq_m: 'M2',
  cu_m: 'M3',
};

/** Returns the QUDT unit IRI of a unit-of-measure text, or undefined when it is not known. */
export function unitIri(text: string): string | undefined {
  const local = UNITS[text.trim().toLowerCase().replace(/\.$/, '')];
  return local === undefined ? undefined : UNIT + local;
}

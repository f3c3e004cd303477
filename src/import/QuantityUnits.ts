const UNIT = 'http://qudt.org/vocab/unit/';

/** QUDT unit of pieces, the unit of a BOM line whose source gives none. */
export const PIECES = `${UNIT}NUM`;

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
  // `gal` alone is the US liquid gallon (3.785411784 L), not the imperial gallon (4.54609 L), which no text here maps to.
  gal: 'GAL_US',
  'gal us': 'GAL_US',
  'us gal': 'GAL_US',
  gallon: 'GAL_US',
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

/** The unit texts for messages, one or a few per unit: `ea (or pc, pcs, st), m, mm, …`. */
export const KNOWN_UNIT_TEXTS = 'ea (or pc, pcs, st), m, mm, cm, m2, m3, in, ft, kg, g, lb, l, ml or gal (US gallon)';

/** Returns the message for a unit that a mapping gives as something other than an absolute IRI, or undefined. */
export function unitIriProblem(unit: string, iri: string): string | undefined {
  return /^https?:\/\/[^\s<>"{}|\\^`]+$/.test(iri) ? undefined : `the unit "${unit}" maps to "${iri}", which is not an IRI; give a QUDT unit IRI such as http://qudt.org/vocab/unit/YD.`;
}

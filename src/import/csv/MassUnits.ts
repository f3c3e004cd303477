import { ImportError } from '../ImportErrors.js';

/**
 * Kilograms per mass unit that a CSV header may name, lower case. dt:mass is in kilograms
 * (shapes/Part.ttl). The pound is the international avoirdupois pound, 0.45359237 kg exactly.
 */
const KILOGRAMS_PER_UNIT: Record<string, number> = {
  kg: 1,
  g: 0.001,
  mg: 0.000001,
  t: 1000,
  lb: 0.45359237,
  lbs: 0.45359237,
  oz: 0.45359237 / 16,
};

/** QUDT units of the mass units that a CSV header may name, lower case, for messages about the column. */
const QUDT_UNITS: Record<string, string> = {
  kg: 'KiloGM',
  g: 'GM',
  mg: 'MilliGM',
  t: 'TONNE',
  lb: 'LB',
  lbs: 'LB',
  oz: 'OZ',
};

/** Significant digits of a converted mass, so that 3 lb reads 1.36077711 and not 1.3607771100000001. */
const SIGNIFICANT_DIGITS = 12;

/** A unit in brackets or parentheses at the end of a header: `Mass [g]`, `Mass (lb)`. */
const HEADER_UNIT = /^(.*?)\s*(?:\[([^\]]*)\]|\(([^)]*)\))\s*$/;

/** Splits a header into its name and the unit at its end, if it has one: `Mass [g]` into `Mass` and `g`. */
export function splitHeaderUnit(header: string): { name: string; unit?: string } {
  const match = HEADER_UNIT.exec(header.trim());
  if (match === null) {
    return { name: header.trim() };
  }
  return { name: match[1]!, unit: (match[2] ?? match[3]!).trim() };
}

/**
 * Returns the kilograms per unit of the mass column's values, from the unit in its header, and 1 for a
 * header without a unit. Throws ImportError naming the header and the known units for any other unit.
 */
export function kilogramsPerUnit(header: string, file: string): number {
  const { unit } = splitHeaderUnit(header);
  if (unit === undefined) {
    return 1;
  }
  const factor = KILOGRAMS_PER_UNIT[unit.toLowerCase()];
  if (factor === undefined) {
    throw new ImportError(
      `${file}: the mass column "${header.trim()}" gives the unit "${unit}", which is not a known mass unit; ` +
        `write one of ${Object.keys(KILOGRAMS_PER_UNIT).join(', ')} in the header, as in "Mass [g]", or give the masses in kg under a header without a unit.`,
    );
  }
  return factor;
}

/** Returns the QUDT unit IRI of the unit in a mass column's header, such as unit:GM for `Mass [g]`, or undefined for a header without a known unit. */
export function headerUnitIri(header: string): string | undefined {
  const { unit } = splitHeaderUnit(header);
  const local = unit === undefined ? undefined : QUDT_UNITS[unit.toLowerCase()];
  return local === undefined ? undefined : `http://qudt.org/vocab/unit/${local}`;
}

/** Converts a mass to kilograms, rounded to SIGNIFICANT_DIGITS to drop binary rounding noise. */
export function toKilograms(value: number, factor: number): number {
  return Number((value * factor).toPrecision(SIGNIFICANT_DIGITS));
}

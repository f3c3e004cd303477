const UNIT = 'http://qudt.org/vocab/unit/';

/** QUDT units of the unit-of-measure texts BOM exports use, lower case. */
const UNITS: Record<string, string> = {
  '': 'NUM',
  ea: 'NUM',
  each: 'NUM',
  pc: 'NUM',
  pcs: 'NUM',
  piece: 'NUM',
  pieces: 'NUM',
  'pce': 'NUM',
  st: 'NUM',
  m: 'M',
  mm: 'MilliM',
  cm: 'CentiM',
  kg: 'KiloGM',
  g: 'GM',
  l: 'L',
  in: 'IN',
  ft: 'FT',
  m2: 'M2',
};

/** Returns the QUDT unit IRI of a unit-of-measure text, or undefined when it is not known. */
export function unitIri(text: string): string | undefined {
  const local = UNITS[text.trim().toLowerCase().replace(/\.$/, '')];
  return local === undefined ? undefined : UNIT + local;
}

/**
 * Reads a number written with `.` or `,` as decimal separator and the other as thousands separator,
 * or a fraction such as `1/2`. Returns undefined for anything else.
 */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(trimmed);
  if (fraction !== null) {
    const denominator = Number(fraction[2]);
    return denominator === 0 ? undefined : Number(fraction[1]) / denominator;
  }
  let normalized = trimmed;
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(normalized)) {
    normalized = normalized.replace(/,/g, '');
  } else if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(normalized) || /^[+-]?\d+,\d+$/.test(normalized)) {
    normalized = normalized.replace(/\./g, '').replace(',', '.');
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(normalized)) {
    return undefined;
  }
  const value = Number(normalized);
  return Number.isFinite(value) ? value : undefined;
}

/** Characters of a cell that a message quotes at most. */
const MAX_QUOTED_LENGTH = 100;

/**
 * Returns a cell's text for a message: on one line, and cut short. A quote that is never closed takes
 * the rest of the file into one cell, which would otherwise fill the message with raw rows.
 */
export function quotedCell(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_QUOTED_LENGTH ? `${line.slice(0, MAX_QUOTED_LENGTH - 1)}…` : line;
}

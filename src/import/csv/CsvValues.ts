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

/** Currency symbols and codes, and the ISO 4217 code of each. */
const CURRENCIES: [RegExp, string][] = [
  [/^\$|^US\$|^USD\s*|\s*USD$/i, 'USD'],
  [/^€|\s*€$|^EUR\s*|\s*EUR$/i, 'EUR'],
  [/^£|^GBP\s*|\s*GBP$/i, 'GBP'],
  [/^¥|^JPY\s*|\s*JPY$/i, 'JPY'],
];

/** Reads an amount of money such as `$25.27`, `25.27`, `EUR 1.234,50` or `1,234.50 USD`. */
export function parseMoney(text: string): { amount: number; currency?: string } | undefined {
  let rest = text.trim();
  let currency: string | undefined;
  for (const [pattern, code] of CURRENCIES) {
    if (pattern.test(rest)) {
      currency = code;
      rest = rest.replace(pattern, '').trim();
      break;
    }
  }
  const amount = parseNumber(rest);
  if (amount === undefined) {
    return undefined;
  }
  return currency === undefined ? { amount } : { amount, currency };
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

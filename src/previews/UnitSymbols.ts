/** Namespace of QUDT units, the values of `dt:unitOfMeasure` and `dt:valueUnit`. */
const QUDT_UNIT = 'http://qudt.org/vocab/unit/';

/**
 * SI symbols of the QUDT units that the shapes and the sample programme use. `unit:NUM` is a count of
 * pieces and is shown as "each", as on a BOM. Other units show their QUDT local name, such as `KiloPA`.
 */
const SYMBOLS: Record<string, string> = {
  A: 'A',
  DEG_C: '°C',
  KiloGM: 'kg',
  M: 'm',
  MilliM: 'mm',
  NUM: 'each',
  PERCENT: '%',
  V: 'V',
};

/** Returns the symbol to print after a value in `unit`, or undefined when `unit` is not a QUDT unit. */
export function unitSymbol(unit: string | undefined): string | undefined {
  if (unit === undefined || !unit.startsWith(QUDT_UNIT)) {
    return undefined;
  }
  const local = unit.slice(QUDT_UNIT.length);
  return SYMBOLS[local] ?? local;
}

/** Returns `text` followed by a unit symbol: `45.76%`, but `28.01 V` with a no-break space. */
export function withUnitSymbol(text: string, symbol: string | undefined): string {
  if (symbol === undefined) {
    return text;
  }
  return symbol === '%' ? `${text}%` : `${text}\u00a0${symbol}`;
}

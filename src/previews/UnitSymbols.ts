import type { Vocabulary } from '../vocab/Vocabulary.js';

/** Namespace of QUDT units, the values of `dt:unitOfMeasure` and `dt:valueUnit`. */
const QUDT_UNIT = 'http://qudt.org/vocab/unit/';

/**
 * Returns the symbol to print after a value in `unit`: the vocabulary's `qudt:symbol` (vocab/qudt-units.ttl),
 * else the QUDT local name such as `KiloPA`, or undefined when `unit` is not a QUDT unit.
 */
export function unitSymbol(unit: string | undefined, vocabulary: Vocabulary): string | undefined {
  if (unit === undefined || !unit.startsWith(QUDT_UNIT)) {
    return undefined;
  }
  return vocabulary.symbol(unit) ?? unit.slice(QUDT_UNIT.length);
}

/** Returns `text` followed by a unit symbol: `45.76%`, but `28.01 V` with a no-break space. */
export function withUnitSymbol(text: string, symbol: string | undefined): string {
  if (symbol === undefined) {
    return text;
  }
  return symbol === '%' ? `${text}%` : `${text}\u00a0${symbol}`;
}

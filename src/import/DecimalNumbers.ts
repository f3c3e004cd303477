/** Decimal separator of the numbers in a source: a point (1,250.5) or a comma (1.250,5). */
export type DecimalSeparator = '.' | ',';

/**
 * Reads a number written with `separator` as decimal separator, where the other mark may group the
 * digits in threes (1,250.5 or 1.250,5), or a fraction such as `1/2`. Returns undefined for anything
 * else, so that `2,5` in a file of decimal points is no number rather than 25.
 */
export function parseNumber(text: string, separator: DecimalSeparator = '.'): number | undefined {
  const trimmed = text.trim();
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(trimmed);
  if (fraction !== null) {
    const denominator = Number(fraction[2]);
    return denominator === 0 ? undefined : Number(fraction[1]) / denominator;
  }

  const grouping = separator === '.' ? ',' : '.';
  let normalized = trimmed;
  if (GROUPED[separator].test(normalized)) {
    normalized = normalized.split(grouping).join('');
  } else if (normalized.includes(grouping)) {
    return undefined;
  }
  if (separator === ',') {
    normalized = normalized.replace(',', '.');
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(normalized)) {
    return undefined;
  }
  const value = Number(normalized);
  return Number.isFinite(value) ? value : undefined;
}

/** Numbers whose digits are grouped in threes by the mark that is not the decimal separator. */
const GROUPED: Record<DecimalSeparator, RegExp> = {
  '.': /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/,
  ',': /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/,
};

/**
 * Numbers that only one decimal separator reads: a mark followed by other than three digits cannot
 * group thousands, and of two marks the last one is the decimal separator. `1,250` alone proves nothing.
 */
const ONLY: Record<DecimalSeparator, RegExp> = {
  '.': /^[+-]?(\d*\.(\d{1,2}|\d{4,})|\d{1,3}(,\d{3})+\.\d+)$/,
  ',': /^[+-]?(\d*,(\d{1,2}|\d{4,})|\d{1,3}(\.\d{3})+,\d+)$/,
};

/** A number's text in a source, with the line it is on. */
export interface NumberCell {
  text: string;
  line?: number;
}

/** Evidence of a source's decimal separator, from its numbers. */
export interface SeparatorEvidence {
  /** The separator, or undefined when no number shows one. */
  separator?: DecimalSeparator;
  /** A number that only a point reads and one that only a comma reads, when a source has both. */
  conflict?: { point: NumberCell; comma: NumberCell };
}

/**
 * Returns the decimal separator that the numbers show. Spreadsheets write numbers with the separator
 * of their locale, so a file whose numbers show both is ambiguous and the caller rejects it.
 */
export function decimalSeparatorOf(cells: Iterable<NumberCell>): SeparatorEvidence {
  let point: NumberCell | undefined;
  let comma: NumberCell | undefined;
  for (const cell of cells) {
    const text = cell.text.trim();
    point ??= ONLY['.'].test(text) ? cell : undefined;
    comma ??= ONLY[','].test(text) ? cell : undefined;
    if (point !== undefined && comma !== undefined) {
      return { conflict: { point, comma } };
    }
  }
  if (point !== undefined) {
    return { separator: '.' };
  }
  return comma === undefined ? {} : { separator: ',' };
}

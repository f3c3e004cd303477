/** Decimal separator of the numbers in a source: a point (1,250.5) or a comma (1.250,5). */
export type DecimalSeparator = '.' | ',';

/**
 * Reads a number written with `separator` as decimal separator, where the other mark or a space may
 * group the digits in threes (1,250.5, 1.250,5 or 1 250,5), or a fraction such as `1/2`, `1 1/2` or
 * `1-1/2`. Returns undefined for anything else, so that `2,5` in a file of decimal points is no number
 * rather than 25.
 */
export function parseNumber(text: string, separator: DecimalSeparator = '.'): number | undefined {
  const trimmed = text.trim();
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(trimmed);
  if (fraction !== null) {
    const denominator = Number(fraction[2]);
    return denominator === 0 ? undefined : Number(fraction[1]) / denominator;
  }

  // A mixed number, as US drawings and BOMs write quantities. Its fraction must be below 1, because
  // `1 3/2` is more likely a typing error than 2.5.
  const mixed = MIXED_NUMBER.exec(trimmed);
  if (mixed !== null) {
    const [whole, numerator, denominator] = [Number(mixed[1]), Number(mixed[2]), Number(mixed[3])];
    return numerator < denominator ? whole + numerator / denominator : undefined;
  }

  const grouping = separator === '.' ? ',' : '.';
  let normalized = trimmed;
  if (SPACE_GROUPED[separator].test(normalized)) {
    normalized = normalized.replace(GROUP_SPACES, '');
  } else if (GROUPED[separator].test(normalized)) {
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

/** A whole number and a fraction, separated by spaces or a hyphen: `1 1/2`, `2-3/4`. */
const MIXED_NUMBER = /^(\d+)(?:[ \u00A0\u202F]+|-)(\d+)\s*\/\s*(\d+)$/;

/** Numbers whose digits are grouped in threes by the mark that is not the decimal separator. */
const GROUPED: Record<DecimalSeparator, RegExp> = {
  '.': /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/,
  ',': /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/,
};

/**
 * Spaces that group digits in threes: a space, a no-break space (U+00A0) or a narrow no-break space
 * (U+202F), as French and German spreadsheets write 12 500. A space is never a decimal separator.
 */
const GROUP_SPACES = /[ \u00A0\u202F]/g;

/** Numbers whose digits are grouped in threes by spaces, with `separator` before any decimals. */
const SPACE_GROUPED: Record<DecimalSeparator, RegExp> = {
  '.': /^[+-]?\d{1,3}([ \u00A0\u202F]\d{3})+(\.\d+)?$/,
  ',': /^[+-]?\d{1,3}([ \u00A0\u202F]\d{3})+(,\d+)?$/,
};

/**
 * Returns advice for the message about a number that parseNumber rejects, when the text is digits with
 * spaces between them, such as `12 50` or `1 2`. Returns an empty string for any other text.
 */
export function digitSpaceAdvice(text: string): string {
  if (MIXED_NUMBER.test(text.trim())) {
    return ' A mixed number needs a fraction below 1, as in 1 1/2.';
  }
  const numeric = /^[+-]?[\d.,/ \u00A0\u202F]+$/.test(text.trim());
  return numeric && /\d[ \u00A0\u202F]+\d/.test(text) ? ' A space between digits may only separate thousands, in groups of three digits as in 12 500.' : '';
}

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
    const text = withoutGroupSpaces(cell.text.trim());
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

/** Returns a number's text without the spaces that group its digits in threes, so `1 250,5` shows a decimal comma. */
function withoutGroupSpaces(text: string): string {
  const grouped = SPACE_GROUPED['.'].test(text) || SPACE_GROUPED[','].test(text);
  return grouped ? text.replace(GROUP_SPACES, '') : text;
}

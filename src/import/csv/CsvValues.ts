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

/** Characters of a cell that a message quotes at most. */
const MAX_QUOTED_LENGTH = 100;

/** Number of lines that a warning names. It counts the rest. */
const LINES_NAMED = 3;

/**
 * Returns a cell's text for a message: on one line, and cut short. A quote that is never closed takes
 * the rest of the file into one cell, which would otherwise fill the message with raw rows.
 */
export function quotedCell(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_QUOTED_LENGTH ? `${line.slice(0, MAX_QUOTED_LENGTH - 1)}…` : line;
}

/** Returns `line 4`, `lines 4, 9` or `lines 4, 9, 12 and 3 more`. */
export function linesText(lines: readonly number[]): string {
  const named = lines.slice(0, LINES_NAMED).join(', ');
  const more = lines.length > LINES_NAMED ? ` and ${lines.length - LINES_NAMED} more` : '';
  return `${lines.length === 1 ? 'line' : 'lines'} ${named}${more}`;
}

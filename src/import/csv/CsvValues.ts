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

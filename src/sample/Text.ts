/**
 * Lowercases the first letter of a title for use inside a sentence, unless it starts an
 * abbreviation such as "CPU", "LVDT" or "I/O".
 */
export function lowerFirst(text: string): string {
  const second = text.charAt(1);
  if (second !== '' && second.toLowerCase() === second && /[a-z]/.test(second)) {
    return text.charAt(0).toLowerCase() + text.slice(1);
  }
  return text;
}

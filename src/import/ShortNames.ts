/** Maximum length of a name that a message shows whole. Longer names are cut, with their length. */
const MAX_NAME_LENGTH = 80;

/**
 * Returns a name for a message: the name itself, or its start and its length when it is longer than 80
 * characters, as in `PPPPPPPP… (5,005 characters)`. A part number of thousands of characters would
 * otherwise fill every message that names the part.
 */
export function shortName(name: string): string {
  if (name.length <= MAX_NAME_LENGTH) {
    return name;
  }
  return `${name.slice(0, MAX_NAME_LENGTH / 2)}… (${name.length.toLocaleString('en-US')} characters)`;
}

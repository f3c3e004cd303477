import { constants } from 'node:buffer';

/** UTF-16 code units per chunk a worker sends, which encode to at most 768 KiB of UTF-8. */
export const CHUNK_CHARACTERS = 256 * 1024;

/**
 * Splits a result into pieces of at most `size` UTF-16 code units, never between the two halves of a
 * surrogate pair, so each piece encodes to valid UTF-8 on its own. Empty text gives one empty piece,
 * so that even an empty result sends a final chunk.
 */
export function splitText(text: string, size = CHUNK_CHARACTERS): string[] {
  const pieces: string[] = [];
  let start = 0;
  do {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) {
      end--;
    }
    pieces.push(text.slice(start, end));
    start = end;
  } while (start < text.length);
  return pieces;
}

/**
 * Tells whether an error is V8 failing to create a string past its maximum length: Node's TextDecoder
 * throws an Error with code ERR_STRING_TOO_LONG ("Cannot create a string longer than 0x1fffffe8
 * characters", Node 20), and string concatenation throws a RangeError ("Invalid string length").
 */
export function isStringTooLong(error: unknown): boolean {
  return error instanceof RangeError || (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG');
}

/** Builds the message for a result longer than the longest string V8 can create. */
export function resultTooLongMessage(maxBytes: number): string {
  const longest = constants.MAX_STRING_LENGTH;
  if (maxBytes < longest) {
    return `The result has more than ${longest} characters, more than the limit of ${maxBytes} bytes.`;
  }
  return `The result has more than ${longest} characters, the longest result this server can build.`;
}

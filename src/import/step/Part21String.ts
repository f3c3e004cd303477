/**
 * Decodes the body of an ISO 10303-21 string (the text between the apostrophes) into Unicode, following
 * the control directives of ISO 10303-21:2016, clause 6.4.3:
 * - `''` is an apostrophe and `\\` a backslash;
 * - `\S\c` is the character c + 128 of the current ISO 8859 page, and `\P?\` selects that page (A for
 *   ISO 8859-1 through I for ISO 8859-9);
 * - `\X\hh` is the ISO 8859-1 character hh;
 * - `\X2\...\X0\` holds UTF-16 code units in groups of four hex digits, `\X4\...\X0\` code points in
 *   groups of eight;
 * - the print control directives `\N\` and `\F\` are left out, because the standard says they do not
 *   contribute to the string's contents.
 * Edition 3 files may also contain UTF-8 directly, which needs no decoding. A string contains printable
 * characters only, so a line break in its body is where an exporter wrapped a long line, and is left out.
 * Throws an Error naming the malformed directive.
 */
export function decodePart21String(text: string): string {
  const body = text.includes('\n') || text.includes('\r') ? text.replace(LINE_BREAKS, '') : text;
  if (!body.includes('\\') && !body.includes("''")) {
    return body;
  }
  let result = '';
  let page = 'A';
  let index = 0;
  while (index < body.length) {
    const character = body[index]!;
    if (character === "'") {
      // The scanner only passes doubled apostrophes inside a string body.
      result += "'";
      index += 2;
      continue;
    }
    if (character !== '\\') {
      result += character;
      index++;
      continue;
    }

    const rest = body.slice(index);
    let match: RegExpExecArray | null;
    if (rest.startsWith('\\\\')) {
      result += '\\';
      index += 2;
    } else if ((match = /^\\S\\([\s\S])/.exec(rest)) !== null) {
      result += pageCharacter(page, match[1]!.charCodeAt(0) + 128);
      index += match[0].length;
    } else if (/^\\[NF]\\/.test(rest)) {
      index += 3;
    } else if ((match = /^\\P([A-I])\\/.exec(rest)) !== null) {
      page = match[1]!;
      index += match[0].length;
    } else if ((match = /^\\X\\([0-9A-Fa-f]{2})/.exec(rest)) !== null) {
      result += String.fromCharCode(Number.parseInt(match[1]!, 16));
      index += match[0].length;
    } else if ((match = /^\\X2\\((?:[0-9A-Fa-f]{4})*)\\X0\\/.exec(rest)) !== null) {
      for (let unit = 0; unit < match[1]!.length; unit += 4) {
        result += String.fromCharCode(Number.parseInt(match[1]!.slice(unit, unit + 4), 16));
      }
      index += match[0].length;
    } else if ((match = /^\\X4\\((?:[0-9A-Fa-f]{8})*)\\X0\\/.exec(rest)) !== null) {
      for (let point = 0; point < match[1]!.length; point += 8) {
        const codePoint = Number.parseInt(match[1]!.slice(point, point + 8), 16);
        if (codePoint > 0x10ffff) {
          throw new Error(`the \\X4\\ directive contains ${match[1]!.slice(point, point + 8)}, which is not a valid Unicode code point`);
        }
        result += String.fromCodePoint(codePoint);
      }
      index += match[0].length;
    } else if (/^\\X[24]?\\/.test(rest)) {
      throw new Error(`the string has a malformed ${rest.slice(0, 4)} directive near "${rest.slice(0, 16)}"; \\X\\ takes two hex digits, \\X2\\ groups of four and \\X4\\ groups of eight, ended by \\X0\\`);
    } else {
      // A backslash that starts no directive is kept, as many exporters write Windows paths unescaped.
      result += '\\';
      index++;
    }
  }
  return result;
}

/** CR, LF and CR LF, as exporters on any platform end lines. */
const LINE_BREAKS = /\r\n?|\n/g;

function pageCharacter(page: string, code: number): string {
  if (page === 'A') {
    return String.fromCharCode(code);
  }
  const part = page.charCodeAt(0) - 'A'.charCodeAt(0) + 1;
  return new TextDecoder(`iso-8859-${part}`).decode(new Uint8Array([code]));
}

/**
 * Characters of the bytes 0x80 to 0x9F in Windows-1252 (the WHATWG Encoding Standard's index), where
 * ISO-8859-1 has C1 control characters. The five bytes that Windows-1252 leaves undefined keep their
 * control characters, as the standard's decoder does.
 */
const HIGH_CONTROL_RANGE = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/**
 * Decodes Windows-1252 text, as spreadsheets on Windows save CSV files. Node.js 20's TextDecoder reads
 * the label "windows-1252" as ISO-8859-1, which turns € and typographic quotes into control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (character) => String.fromCharCode(HIGH_CONTROL_RANGE[character.charCodeAt(0) - 0x80]!));
}

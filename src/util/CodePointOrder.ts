/**
 * Compares two strings by Unicode code points, which is the order of their UTF-8 bytes. JavaScript's
 * own comparison uses UTF-16 code units, which differs only where a character above U+FFFF (a
 * surrogate pair) meets one from U+E000 to U+FFFF. SPARQL `ORDER BY` on IRIs in Oxigraph gives the
 * same order (test/util/CodePointOrder.test.ts).
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) {
      // A surrogate (U+D800 to U+DFFF) stands for a code point above U+FFFF, so it sorts after U+E000 and up.
      const surrogateX = x >= 0xd800 && x <= 0xdfff;
      const surrogateY = y >= 0xd800 && y <= 0xdfff;
      if (surrogateX !== surrogateY && (surrogateX ? y >= 0xe000 : x >= 0xe000)) {
        return surrogateX ? 1 : -1;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

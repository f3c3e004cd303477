export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

/**
 * Returns the form of a SPARQL query by reading past its prologue (comments, BASE and PREFIX
 * declarations), or undefined when the text starts with anything else. Cheaper than a full parse, which
 * the engine does anyway.
 */
export function detectQueryForm(sparql: string): QueryForm | undefined {
  let position = 0;
  const length = sparql.length;

  while (position < length) {
    const char = sparql[position]!;
    if (/\s/.test(char)) {
      position++;
    } else if (char === '#') {
      const newline = sparql.indexOf('\n', position);
      position = newline < 0 ? length : newline + 1;
    } else {
      const rest = sparql.slice(position, position + 12).toUpperCase();
      if (rest.startsWith('BASE') || rest.startsWith('PREFIX')) {
        const close = sparql.indexOf('>', position);
        if (close < 0) {
          return undefined;
        }
        position = close + 1;
        continue;
      }
      for (const form of ['SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE'] as const) {
        if (rest.startsWith(form)) {
          return form;
        }
      }
      return undefined;
    }
  }
  return undefined;
}

/**
 * Decodes one cell of SPARQL TSV results: `<iri>`, or a literal in Turtle syntax whose value is
 * returned without quotes, escapes, language or datatype.
 */
export function tsvValue(cell: string): string {
  if (cell.startsWith('<') && cell.endsWith('>')) {
    return cell.slice(1, -1);
  }
  if (cell.startsWith('"')) {
    const end = cell.lastIndexOf('"');
    return cell.slice(1, end).replace(/\\(["\\nrt]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})/g, (_match, escape: string) => {
      switch (escape[0]) {
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 't':
          return '\t';
        case 'u':
        case 'U':
          return String.fromCodePoint(Number.parseInt(escape.slice(1), 16));
        default:
          return escape;
      }
    });
  }
  return cell;
}

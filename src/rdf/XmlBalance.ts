/**
 * Returns the name of the first XML element left open at the end of a document, or undefined when
 * every element is closed. Oxigraph's streaming RDF/XML parser accepts a document cut short without
 * an error, so bodies are checked with this before they are trusted. Comments, processing
 * instructions, CDATA sections and declarations are skipped; quoted attribute values may hold `>`.
 */
export function firstUnclosedElement(xml: string): string | undefined {
  const stack: string[] = [];
  const markup = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  for (let match = markup.exec(xml); match !== null; match = markup.exec(xml)) {
    const name = match[2];
    if (name === undefined) {
      continue;
    }
    if (match[1] === '/') {
      if (stack.at(-1) === name) {
        stack.pop();
      }
    } else if (match[4] !== '/') {
      stack.push(name);
    }
  }
  return stack.at(-1);
}

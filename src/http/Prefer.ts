/** One preference of a `Prefer` request header (RFC 7240, section 2), such as `return=representation`. */
export interface Preference {
  /** Lower-cased token, such as `return`. */
  name: string;
  /** Value without quotes; empty when the preference has none. */
  value: string;
  /** Parameters by lower-cased name, values without quotes (`include` -> space-separated IRIs). */
  parameters: Map<string, string>;
}

/**
 * Parses the `Prefer` headers of a request. A header may hold several comma-separated preferences and
 * may be repeated; commas and semicolons inside quoted strings do not split.
 */
export function parsePrefer(header: string | string[] | undefined): Preference[] {
  if (header === undefined) {
    return [];
  }
  const text = Array.isArray(header) ? header.join(',') : header;
  const preferences: Preference[] = [];
  for (const item of splitOutsideQuotes(text, ',')) {
    const [first, ...rest] = splitOutsideQuotes(item, ';');
    const head = parsePair(first ?? '');
    if (head === undefined) {
      continue;
    }
    const parameters = new Map<string, string>();
    for (const part of rest) {
      const parameter = parsePair(part);
      if (parameter !== undefined) {
        parameters.set(parameter.name, parameter.value);
      }
    }
    preferences.push({ name: head.name, value: head.value, parameters });
  }
  return preferences;
}

/**
 * Returns whether the header requests `return=representation` with `iri` among the `include` values,
 * as in the LDP and OSLC form `Prefer: return=representation; include="IRI ..."`.
 */
export function prefersInclusionOf(header: string | string[] | undefined, iri: string): boolean {
  return parsePrefer(header).some(
    (preference) =>
      preference.name === 'return' &&
      preference.value === 'representation' &&
      (preference.parameters.get('include') ?? '').split(/\s+/).includes(iri),
  );
}

function parsePair(text: string): { name: string; value: string } | undefined {
  const equals = text.indexOf('=');
  const name = (equals < 0 ? text : text.slice(0, equals)).trim().toLowerCase();
  if (name === '') {
    return undefined;
  }
  const value = equals < 0 ? '' : text.slice(equals + 1).trim().replace(/^"(.*)"$/s, '$1');
  return { name, value };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of text) {
    if (character === '"') {
      quoted = !quoted;
    }
    if (character === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts.filter((part) => part.trim() !== '');
}

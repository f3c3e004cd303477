/** One media range from an Accept header (RFC 9110, section 12.5.1). */
export interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  /** Parameters other than q, lower-cased names. */
  parameters: Record<string, string>;
}

/** Parses an Accept header; a missing or empty header accepts everything. Malformed ranges are skipped. */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') {
    return [{ type: '*', subtype: '*', q: 1, parameters: {} }];
  }
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [mediaType, ...parameterParts] = part.split(';');
    const [type, subtype] = (mediaType ?? '').trim().toLowerCase().split('/');
    if (type === undefined || subtype === undefined || type === '' || subtype === '') {
      continue;
    }
    let q = 1;
    const parameters: Record<string, string> = {};
    for (const parameter of parameterParts) {
      const [name, rawValue] = parameter.split('=').map((text) => text.trim());
      if (name === undefined || rawValue === undefined) {
        continue;
      }
      const value = rawValue.replace(/^"(.*)"$/, '$1');
      if (name.toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      } else {
        parameters[name.toLowerCase()] = value;
      }
    }
    ranges.push({ type, subtype, q, parameters });
  }
  return ranges;
}

/**
 * Returns the offered media type the client prefers, or undefined if it accepts none. Each offer gets
 * the q of the most specific range that matches it; ties go to the earlier offer, so offers are listed
 * in the server's order of preference.
 */
export function negotiate(ranges: readonly MediaRange[], offers: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestQ = 0;
  for (const offer of offers) {
    const q = qualityOf(ranges, offer);
    if (q > bestQ) {
      best = offer;
      bestQ = q;
    }
  }
  return best;
}

/** Returns the q value a set of ranges gives a media type (0 when none matches). */
export function qualityOf(ranges: readonly MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split('/');
  let specificity = -1;
  let q = 0;
  for (const range of ranges) {
    let rangeSpecificity: number;
    if (range.type === type && range.subtype === subtype) {
      rangeSpecificity = 2;
    } else if (range.type === type && range.subtype === '*') {
      rangeSpecificity = 1;
    } else if (range.type === '*' && range.subtype === '*') {
      rangeSpecificity = 0;
    } else {
      continue;
    }
    if (rangeSpecificity > specificity) {
      specificity = rangeSpecificity;
      q = range.q;
    }
  }
  return q;
}

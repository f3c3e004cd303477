import { PREFIXES } from './namespaces.js';

/** Path, under the base URL, where the JSON-LD context is published. */
export const CONTEXT_PATH = 'ns/context.jsonld';

/**
 * The JSON-LD context used to compact every JSON-LD response: one term per namespace prefix, so
 * properties read as `dcterms:title` and `oslc_plm:composedOfPartUsage`.
 */
export function jsonLdContext(): { '@context': Record<string, string> } {
  return { '@context': { ...PREFIXES } };
}

import { join } from 'node:path';
import type { ConfigInput } from '../../src/config/ServerConfig.js';
import { MINI_PROGRAMME, startTestServer, type TestServer } from '../helpers/TestServer.js';

/** Telemetry, certification evidence, a second NCR and BOM line, and a title with markup; loaded with the mini programme. */
export const PREVIEW_PROGRAMME = join(process.cwd(), 'test', 'fixtures', 'preview-programme.trig');

/** `Prefer` header that requests the Compact inline. */
export const PREFER_COMPACT = 'return=representation; include="http://open-services.net/ns/core#PreferCompact"';

/** CSS 2.1 lengths in px or em, the units the previews' size hints use. */
export const CSS_LENGTH = /^\d+(\.\d+)?(px|em)$/;

/** Starts a server with the mini programme and the preview fixture. */
export function startPreviewServer(config: ConfigInput = {}): Promise<TestServer> {
  return startTestServer({ fixtures: [MINI_PROGRAMME, PREVIEW_PROGRAMME], config });
}

/**
 * Returns the fields of a preview page as label -> text: each `<dt>` with the text of its `<dd>`, tags
 * removed and entities decoded, white space collapsed.
 */
export function previewFieldTexts(html: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const match of html.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/gs)) {
    fields.set(htmlText(match[1]!), htmlText(match[2]!));
  }
  return fields;
}

/** Returns the text of an HTML fragment: tags removed (list items separated by "; "), entities decoded, spaces collapsed. */
export function htmlText(html: string): string {
  return html
    .replace(/<\/li><li>/g, '; ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

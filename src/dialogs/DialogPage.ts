import { escapeHtml } from '../http/html/Html.js';

/**
 * Content Security Policy of dialog pages, apart from `frame-ancestors`: scripts, styles, frames and
 * requests only from this server, so that no injected markup can run or send data elsewhere.
 */
export const DIALOG_CONTENT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'";

/**
 * Serializes data for a `<script type="application/json">` block. The characters that could end the
 * block or start markup are written as JSON escapes, so values from users cannot break out of it.
 */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Wraps a dialog body in a page without the site header, sized for the iframe a client opens. The
 * page's settings travel as a JSON block that `dialog.js` reads; no script is inline.
 */
export function dialogDocument(options: { title: string; base: string; body: string; config: unknown }): string {
  const base = escapeHtml(options.base);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · Digital Thread OSLC</title>
<link rel="icon" href="${base}assets/icons/app.svg" type="image/svg+xml">
<link rel="stylesheet" href="${base}assets/dialog.css">
<script type="application/json" id="dialog-config">${scriptJson(options.config)}</script>
<script src="${base}assets/dialog.js" defer></script>
</head>
<body class="dialog">
${options.body}
</body>
</html>
`;
}

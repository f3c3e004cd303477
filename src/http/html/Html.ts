/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Wraps body HTML in the provider's page layout. `title` is plain text and is escaped here. */
export function htmlPage(title: string, body: string, options: { base: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Digital Thread OSLC</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2733;background:#f6f8fa}
header{background:#12355b;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.5rem;align-items:baseline}
header a{color:#fff;text-decoration:none}header .brand{font-weight:600}
main{max-width:1100px;margin:1.2rem auto;padding:0 1.2rem}
h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.08)}
th,td{text-align:left;vertical-align:top;padding:.45rem .7rem;border-bottom:1px solid #e3e8ee;font-size:.92rem}
th{width:28%;color:#4a5866;font-weight:500}td code,th code{font-size:.82rem;color:#6b7785}
a{color:#0b63b6}.muted{color:#6b7785;font-size:.85rem}.nested{margin:.3rem 0 .3rem 0;border-left:3px solid #d5dde6;padding-left:.6rem}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{margin:.2rem 0}
</style>
</head>
<body>
<header><a class="brand" href="${escapeHtml(options.base)}">Digital Thread OSLC</a><a href="${escapeHtml(options.base)}oslc/catalog">Catalog</a><a href="${escapeHtml(options.base)}oslc/shapes">Shapes</a><a href="${escapeHtml(options.base)}ns">Vocabulary</a></header>
<main>
${body}
</main>
</body>
</html>
`;
}

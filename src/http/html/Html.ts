/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Another representation of the page's resource, announced with `<link rel="alternate">`. */
export interface AlternateLink {
  href: string;
  /** Media type, such as `text/turtle`. */
  type: string;
  title: string;
}

export interface PageOptions {
  /** Public base URL of the server, ending in `/`. */
  base: string;
  /** Scripts from `public/`, by file name, loaded with `defer`. Pages have no inline scripts. */
  scripts?: readonly string[];
  alternates?: readonly AlternateLink[];
}

/**
 * Wraps body HTML in the provider's page layout: a skip link, a banner with the site navigation, the
 * main landmark and a footer. Styles, icons and scripts come from `public/` under `/assets/`, so pages
 * load nothing from other hosts. `title` is plain text and is escaped here.
 */
export function htmlPage(title: string, body: string, options: PageOptions): string {
  const base = escapeHtml(options.base);
  const alternates = (options.alternates ?? [])
    .map((alternate) => `\n<link rel="alternate" type="${escapeHtml(alternate.type)}" href="${escapeHtml(alternate.href)}" title="${escapeHtml(alternate.title)}">`)
    .join('');
  const scripts = (options.scripts ?? []).map((file) => `\n<script src="${base}assets/${escapeHtml(file)}" defer></script>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Digital Thread OSLC</title>
<link rel="icon" href="${base}assets/icons/app.svg" type="image/svg+xml">
<link rel="stylesheet" href="${base}assets/site.css">${alternates}${scripts}
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<a class="brand" href="${base}"><img src="${base}assets/icons/app.svg" alt="" width="24" height="24"><span>Digital Thread OSLC</span></a>
<nav aria-label="Site"><ul>
<li><a href="${base}oslc/catalog">Catalog</a></li>
<li><a href="${base}sparql">SPARQL</a></li>
<li><a href="${base}oslc/shapes">Shapes</a></li>
<li><a href="${base}ns">Vocabulary</a></li>
</ul></nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site-footer"><p>OSLC 3.0 provider · discovery starts at <a href="${base}rootservices">root services</a> and the <a href="${base}oslc/catalog">service provider catalog</a>.</p></footer>
</body>
</html>
`;
}

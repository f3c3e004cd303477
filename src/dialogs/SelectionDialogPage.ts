import { escapeHtml } from '../http/html/Html.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { DialogFields, FieldOption } from './DialogFields.js';
import { dialogDocument } from './DialogPage.js';

/** A resource type offered in a selection dialog, as `dialog.js` receives it. */
interface SelectableType {
  segment: string;
  title: string;
  resultsUrl: string;
  filters: { name: string; title: string; options: FieldOption[] }[];
  columns: { name: string; title: string }[];
  /** An identifier of this type, shown as an example in the search box. */
  example: string;
}

export interface SelectionDialogOptions {
  base: string;
  providerTitle: string;
  /** One type for a type's own dialog; several for a provider's type chooser. */
  types: ResourceTypeShape[];
  resultsUrl: (type: ResourceTypeShape) => string;
  /** Whether the user may pick several resources (the default) or exactly one. */
  multiple: boolean;
  /** Origins that may receive the result, the server's own first. */
  allowedOrigins: string[];
}

/**
 * Renders a selection dialog (OSLC Core 3.0 Delegated Dialogs): a search box, filters taken from the
 * shape, a results table and OK and Cancel. `dialog.js` fetches the results and returns the choice
 * with the postMessage or the windowName protocol, as the URL fragment requests.
 */
export function selectionDialogPage(fields: DialogFields, options: SelectionDialogOptions): string {
  const types: SelectableType[] = options.types.map((type) => ({
    segment: type.pathSegment,
    title: type.title,
    resultsUrl: options.resultsUrl(type),
    filters: fields.filters(type).map((filter) => ({ name: filter.name, title: filter.title, options: filter.options })),
    columns: fields.keyFields(type).map((property) => ({ name: property.name, title: property.title })),
    example: `${type.identifierPrefix}-000012`,
  }));
  const title = options.types.length === 1 ? `Select ${options.types[0]!.title}` : 'Select a resource';

  const typeChooser =
    options.types.length > 1
      ? `<div class="control"><label for="type">Type</label><select id="type">${types.map((type) => `<option value="${escapeHtml(type.segment)}">${escapeHtml(type.title)}</option>`).join('')}</select></div>`
      : '';
  const body = `<main class="selection" aria-labelledby="dialog-title">
<h1 id="dialog-title">${escapeHtml(title)} <span class="context">${escapeHtml(options.providerTitle)}</span></h1>
<p id="protocol-error" class="error-banner" role="alert" hidden></p>
<form id="search-form" role="search" class="toolbar">
${typeChooser}<div class="control grow"><label for="search">Search identifier, number or title</label><input id="search" name="q" type="search" autocomplete="off" maxlength="200" placeholder="${escapeHtml(types[0]!.example)} or title words"></div>
<div id="filters" class="filters"></div>
<button type="submit" class="secondary">Search</button>
</form>
<p id="status" class="status" role="status" aria-live="polite">Loading…</p>
<div class="results-frame"><table id="results" class="results">
<caption class="visually-hidden">Matching resources</caption>
<thead><tr></tr></thead><tbody></tbody>
</table></div>
<nav class="pager" aria-label="Result pages"><button type="button" id="previous" class="secondary" disabled>Previous</button><span id="page-info"></span><button type="button" id="next" class="secondary" disabled>Next</button></nav>
<footer class="actions"><span id="selection-count" class="muted" aria-live="polite"></span><button type="button" id="cancel" class="secondary">Cancel</button><button type="button" id="ok" class="primary" disabled>OK</button></footer>
</main>`;

  return dialogDocument({
    title,
    base: options.base,
    body,
    config: { kind: 'selection', multiple: options.multiple, allowedOrigins: options.allowedOrigins, types },
  });
}

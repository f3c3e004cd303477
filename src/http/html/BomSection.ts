import type { BomLine } from '../../resources/BomStructure.js';
import { escapeHtml } from './Html.js';
import type { TermFormatter } from './TermFormatter.js';

/** Column headings of the BOM tree; public/pages.js builds deeper rows with the same columns. */
const COLUMNS = ['Part number', 'Revision', 'Title', 'Quantity', 'Find number', 'BOM view', 'BOM line'];

/** Path of the JSON document that lists a part's direct BOM lines. */
export function bomUrl(part: string): string {
  return `${part}/bom`;
}

/**
 * Renders the BOM of an assembly as a table that starts with its first level. Rows whose child part is
 * an assembly carry a disclosure button, hidden until public/pages.js runs, that loads the next level
 * from `{child}/bom` and inserts it below the row. Without scripts the table still shows the first
 * level with its links.
 */
export function bomSection(part: string, partLabel: string, lines: readonly BomLine[], formatter: TermFormatter): string {
  const header = COLUMNS.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const rows = lines.map((line, index) => bomRow(line, `bom-row-${index + 1}`, formatter)).join('');
  return `<section id="bom" class="bom" aria-labelledby="bom-heading">
<h2 id="bom-heading">BOM structure</h2>
<p class="muted">Direct BOM lines of this assembly (${lines.length}). Expand an assembly to see its own lines.</p>
<div class="table-scroll"><table class="bom-tree" data-bom="${escapeHtml(bomUrl(part))}" data-part="${escapeHtml(part)}">
<caption class="visually-hidden">BOM lines of ${escapeHtml(partLabel)}</caption>
<thead><tr>${header}</tr></thead>
<tbody>${rows}</tbody>
</table></div>
<p class="bom-status visually-hidden" role="status" aria-live="polite"></p>
</section>`;
}

function bomRow(line: BomLine, id: string, formatter: TermFormatter): string {
  const child = line.child;
  const number = child.partNumber ?? child.iri;
  const toggle = child.hasLines
    ? `<button type="button" class="bom-toggle" aria-expanded="false" data-bom="${escapeHtml(bomUrl(child.iri))}" hidden><span class="visually-hidden">Components of ${escapeHtml(number)}</span></button>`
    : '<span class="bom-leaf" aria-hidden="true"></span>';
  const quantity = line.quantity === undefined ? '' : `${line.quantity}${unitText(line.unit, formatter)}`;
  const view = line.bomView === undefined ? '' : formatter.iri(line.bomView, new Map());
  return `<tr id="${id}" data-level="1" data-part="${escapeHtml(child.iri)}">`
    + `<th scope="row" class="bom-part">${toggle}<a href="${escapeHtml(child.iri)}">${escapeHtml(number)}</a></th>`
    + `<td>${escapeHtml(child.revision ?? '')}</td>`
    + `<td>${escapeHtml(child.title ?? '')}</td>`
    + `<td class="number">${escapeHtml(quantity)}</td>`
    + `<td>${escapeHtml(line.findNumber ?? '')}</td>`
    + `<td>${view}</td>`
    + `<td class="nowrap"><a href="${escapeHtml(line.iri)}">${escapeHtml(line.identifier ?? line.iri)}</a></td>`
    + '</tr>';
}

function unitText(unit: string | undefined, formatter: TermFormatter): string {
  const symbol = unit === undefined ? undefined : formatter.unitSymbol(unit);
  return symbol === undefined ? '' : ` ${symbol}`;
}

import type { BomView } from '../../import/BomViews.js';
import { linesInView, type BomLine } from '../../resources/BomStructure.js';
import { bomViewQuery } from '../BomViewParameter.js';
import { escapeHtml } from './Html.js';
import type { TermFormatter } from './TermFormatter.js';

/** Column headings of the BOM tree; public/pages.js builds deeper rows with the same columns. */
const COLUMNS = ['Part number', 'Revision', 'Title', 'Quantity', 'Find number', 'BOM view', 'BOM line'];

/** Returns the URL of the JSON document that lists a part's direct BOM lines, of one view or of all when `view` is undefined. */
export function bomUrl(part: string, view?: BomView): string {
  return view === undefined ? `${part}/bom` : `${part}/bom?${bomViewQuery(view)}`;
}

/** Headings of the trees in page order, EBOM first, because engineering defines the structure that manufacturing plans from. */
const VIEW_HEADINGS: readonly (readonly [BomView, string])[] = [
  ['EBOM', 'Engineering BOM (EBOM)'],
  ['MBOM', 'Manufacturing BOM (MBOM)'],
];

/**
 * Renders the BOM of an assembly as one table per BOM view that has lines, EBOM first, each starting
 * with its first level. The views get separate trees, because a reader who totals a tree level by level
 * would otherwise count the parts of both BOMs. Rows whose child part has lines in the same view carry
 * a disclosure button, hidden until public/pages.js runs, that loads the next level from
 * `{child}/bom?bomView=` of that view and inserts it below the row. Without scripts each table still
 * shows the first level with its links.
 */
export function bomSection(part: string, partLabel: string, lines: readonly BomLine[], formatter: TermFormatter): string {
  const trees = VIEW_HEADINGS
    .map(([view, heading]) => ({ view, heading, lines: linesInView(lines, view) }))
    .filter((tree) => tree.lines.length > 0);
  const intro = trees.length > 1
    ? '<p class="muted">This assembly has an engineering and a manufacturing BOM, shown as separate trees. Expanding a line shows the lines of the same BOM.</p>\n'
    : '';
  const sections = trees.map((tree) => viewSection(part, partLabel, tree, formatter)).join('\n');
  return `<section id="bom" class="bom" aria-labelledby="bom-heading">
<h2 id="bom-heading">BOM structure</h2>
${intro}${sections}
<p class="bom-status visually-hidden" role="status" aria-live="polite"></p>
</section>`;
}

/** Counts an assembly's lines for its property table, per view when it has both, such as `13 BOM lines (6 EBOM, 7 MBOM)`. */
export function bomLineCount(lines: readonly BomLine[]): string {
  const counts = VIEW_HEADINGS.map(([view]) => ({ view, count: linesInView(lines, view).length })).filter((entry) => entry.count > 0);
  const perView = counts.length > 1 ? ` (${counts.map((entry) => `${entry.count} ${entry.view}`).join(', ')})` : '';
  return `${lines.length} BOM lines${perView}`;
}

function viewSection(part: string, partLabel: string, tree: { view: BomView; heading: string; lines: readonly BomLine[] }, formatter: TermFormatter): string {
  const { view, heading, lines } = tree;
  const id = `bom-${view.toLowerCase()}`;
  const header = COLUMNS.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const rows = lines.map((line, index) => bomRow(line, view, `${id}-row-${index + 1}`, formatter)).join('');
  return `<section id="${id}" class="bom-view" aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${escapeHtml(heading)}</h3>
<p class="muted">Direct ${view} lines of this assembly (${lines.length}). Expand an assembly to see its own ${view} lines.</p>
<div class="table-scroll"><table class="bom-tree" data-bom="${escapeHtml(bomUrl(part, view))}" data-bom-view="${view}" data-part="${escapeHtml(part)}">
<caption class="visually-hidden">${view} lines of ${escapeHtml(partLabel)}</caption>
<thead><tr>${header}</tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}

function bomRow(line: BomLine, treeView: BomView, id: string, formatter: TermFormatter): string {
  const child = line.child;
  const number = child.partNumber ?? child.iri;
  const toggle = child.hasLinesIn[treeView]
    ? `<button type="button" class="bom-toggle" aria-expanded="false" data-bom="${escapeHtml(bomUrl(child.iri, treeView))}" hidden><span class="visually-hidden">${treeView} components of ${escapeHtml(number)}</span></button>`
    : '<span class="bom-leaf" aria-hidden="true"></span>';
  const quantity = line.quantity === undefined ? '' : `${line.quantity}${unitText(line.unit, formatter)}`;
  const viewLabel = line.bomView === undefined ? '' : formatter.iri(line.bomView, new Map());
  return `<tr id="${id}" data-level="1" data-part="${escapeHtml(child.iri)}">`
    + `<th scope="row" class="bom-part">${toggle}<a href="${escapeHtml(child.iri)}">${escapeHtml(number)}</a></th>`
    + `<td>${escapeHtml(child.revision ?? '')}</td>`
    + `<td>${escapeHtml(child.title ?? '')}</td>`
    + `<td class="number">${escapeHtml(quantity)}</td>`
    + `<td>${escapeHtml(line.findNumber ?? '')}</td>`
    + `<td>${viewLabel}</td>`
    + `<td class="nowrap"><a href="${escapeHtml(line.iri)}">${escapeHtml(line.identifier ?? line.iri)}</a></td>`
    + '</tr>';
}

function unitText(unit: string | undefined, formatter: TermFormatter): string {
  const symbol = unit === undefined ? undefined : formatter.unitSymbol(unit);
  return symbol === undefined ? '' : ` ${symbol}`;
}

import { escapeHtml } from '../../http/html/Html.js';
import { ASSURANCE_LEVELS, STANDARD_KEYS, STANDARDS } from '../Certification.js';
import { CLEARANCES } from '../ExportClearance.js';
import { GAP_LABELS, type CoverageStatus, type RequirementTrace, type ResourceRef, type TraceabilityReport } from '../TraceabilityReport.js';
import { emptyScopeStatement, markingDescription, withheldStatement } from './ReportContext.js';
import { coverageLabel, objectiveStatusLabel } from './ReportTables.js';

/** Page facts besides the report: the server base, the report URL and the provider's title. */
export interface HtmlReportContext {
  /** Server base URL, ending in a slash; assets are under base/assets/. */
  base: string;
  /** The report's URL without query, which the filter form and download links use. */
  reportUrl: string;
  providerTitle: string;
}

/**
 * Renders the interactive report page: filters, downloads, summary, then gaps, the traceability
 * matrix and the objective compliance summary as sortable tables. Each matrix row opens a drill-down
 * of its chain. Scripts and styles come from /assets/ (public/traceability.js and .css): the page has
 * no inline script or style, so it works under a strict Content-Security-Policy.
 */
export function renderHtmlReport(report: TraceabilityReport, context: HtmlReportContext): string {
  const { base } = context;
  const title = `Traceability and gap report · ${context.providerTitle}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Digital Thread OSLC</title>
<link rel="icon" href="${escapeHtml(base)}assets/icons/app.svg" type="image/svg+xml">
<link rel="stylesheet" href="${escapeHtml(base)}assets/traceability.css">
<script src="${escapeHtml(base)}assets/traceability.js" defer></script>
</head>
<body>
<header class="bar"><a class="brand" href="${escapeHtml(base)}">Digital Thread OSLC</a><a href="${escapeHtml(base)}oslc/catalog">Catalog</a><a href="${escapeHtml(base)}oslc/shapes">Shapes</a><a href="${escapeHtml(base)}ns">Vocabulary</a></header>
<main>
<h1>Traceability and gap report</h1>
<p class="subtitle">${escapeHtml(context.providerTitle)} · <a href="${escapeHtml(report.providerIri)}">${escapeHtml(report.providerIri)}</a></p>
${filterForm(report, context)}
${banners(report)}
${summaryCards(report)}
<nav class="tabs" aria-label="Report sections">
<a href="#gaps" class="tab" data-tab="gaps">Gaps <span class="count">${report.counts.gaps}</span></a>
<a href="#matrix" class="tab" data-tab="matrix">Traceability matrix <span class="count">${report.counts.requirements}</span></a>
<a href="#objectives" class="tab" data-tab="objectives">Objectives <span class="count">${report.counts.objectives}</span></a>
</nav>
${gapSection(report)}
${matrixSection(report)}
${objectiveSection(report)}
</main>
</body>
</html>
`;
}

function filterForm(report: TraceabilityReport, context: HtmlReportContext): string {
  const option = (value: string, label: string, selected: boolean): string => `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const query = new URLSearchParams();
  if (report.filter.standard !== undefined) query.set('standard', STANDARDS[report.filter.standard].label);
  if (report.filter.level !== undefined) query.set('level', report.filter.level);
  if (report.filter.baseline !== undefined) query.set('baseline', report.filter.baseline);
  if (report.filter.clearance !== undefined) query.set('clearance', report.filter.clearance);
  const download = (format: string, label: string, view?: string): string => {
    const parameters = new URLSearchParams(query);
    parameters.set('format', format);
    if (view !== undefined) parameters.set('view', view);
    return `<a class="download" href="${escapeHtml(`${context.reportUrl}?${parameters.toString()}`)}">${escapeHtml(label)}</a>`;
  };
  return `<form class="filters" method="get" action="${escapeHtml(context.reportUrl)}">
<label>Standard <select name="standard">${option('', 'All', report.filter.standard === undefined)}${STANDARD_KEYS.map((key) => option(STANDARDS[key].label, STANDARDS[key].label, report.filter.standard === key)).join('')}</select></label>
<label>Level <select name="level">${option('', 'All', report.filter.level === undefined)}${ASSURANCE_LEVELS.map((level) => option(level, level, report.filter.level === level)).join('')}</select></label>
<label>Baseline <input type="date" name="baseline" value="${escapeHtml(report.filter.baseline?.slice(0, 10) ?? '')}"></label>
<label title="Leave out resources whose export-control marking is above this clearance">Clearance <select name="clearance">${option('', 'Not applied', report.filter.clearance === undefined)}${CLEARANCES.map((clearance) => option(clearance, clearance, report.filter.clearance === clearance)).join('')}</select></label>
<button type="submit">Apply</button>
<span class="downloads">Download: ${download('csv', 'Matrix CSV', 'matrix')} ${download('csv', 'Gaps CSV', 'gaps')} ${download('csv', 'Objectives CSV', 'objectives')} ${download('xlsx', 'XLSX')} ${download('pdf', 'PDF')} ${download('json', 'JSON')}</span>
</form>`;
}

/**
 * Renders the warnings above the summary: what the scope withheld, that nothing matches the filters,
 * and the export-control marking the report inherits from its data.
 */
function banners(report: TraceabilityReport): string {
  const parts: string[] = [];
  const withheld = withheldStatement(report);
  if (withheld !== undefined) {
    parts.push(`<p class="banner incomplete" role="alert">${escapeHtml(withheld)}</p>`);
  }
  const empty = emptyScopeStatement(report);
  if (empty !== undefined) {
    parts.push(`<p class="banner empty-scope" role="status">${escapeHtml(empty)}</p>`);
  }
  if (report.exportControl !== undefined) {
    parts.push(`<p class="banner marking" role="note">Export-control marking of this report: ${escapeHtml(markingDescription(report.exportControl))}, the highest among the resources it shows.</p>`);
  }
  return parts.join('\n');
}

/**
 * Renders the headline cards. A card turns green only when something is in scope, all of it is
 * fine and nothing was withheld. An empty set is neutral ("none in scope"). With withheld resources
 * a good result is neutral too, because the withheld part was not judged.
 */
function summaryCards(report: TraceabilityReport): string {
  const { counts } = report;
  const good = report.withheld.resources === 0 ? 'good' : 'neutral';
  const card = (label: string, value: string, tone: string): string => `<div class="card ${tone}"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;

  let traced = card('Fully traced', 'none in scope', 'neutral');
  if (counts.requirements > 0) {
    const percent = Math.round((counts.traced / counts.requirements) * 100);
    let tone = 'bad';
    if (counts.traced === counts.requirements) {
      tone = good;
    } else if (percent >= 75) {
      tone = 'warn';
    }
    traced = card('Fully traced', `${counts.traced} (${percent} %)`, tone);
  }
  const objectives =
    counts.objectives === 0
      ? card('Objectives: no items in scope', 'none', 'neutral')
      : card('Objectives satisfied', `${counts.satisfiedObjectives} of ${counts.objectives}`, counts.satisfiedObjectives === counts.objectives ? good : 'bad');
  let gapTone = 'bad';
  if (counts.gaps === 0) {
    gapTone = emptyScopeStatement(report) === undefined ? good : 'neutral';
  }
  return `<section class="cards">
${card('Requirements', String(counts.requirements), 'neutral')}
${traced}
${card('Test cases', String(counts.testCases), 'neutral')}
${objectives}
${card('Gaps', String(counts.gaps), gapTone)}
</section>`;
}

function link(ref: ResourceRef): string {
  return `<a href="${escapeHtml(ref.iri)}" title="${escapeHtml(ref.title)}">${escapeHtml(ref.identifier)}</a>`;
}

function links(refs: ResourceRef[]): string {
  return refs.length === 0 ? '<span class="none">none</span>' : refs.map(link).join(' ');
}

function gapSection(report: TraceabilityReport): string {
  const rows = report.gaps
    .map(
      (gap) => `<tr class="gap-${escapeHtml(gap.kind)}"><td><span class="pill bad">${escapeHtml(GAP_LABELS[gap.kind])}</span></td><td data-sort="${escapeHtml(gap.subject.identifier)}">${link(gap.subject)}</td><td>${escapeHtml(gap.subject.title)}</td><td>${gap.objective === undefined ? '' : escapeHtml(gap.objective.identifier)}</td><td>${escapeHtml(gap.description)}</td></tr>`,
    )
    .join('\n');
  return `<section id="gaps" class="panel" data-panel="gaps">
<h2>Gaps</h2>
${report.gaps.length === 0 ? noGapsParagraph(report) : `<table class="sortable"><thead><tr><th>Kind</th><th>Subject</th><th>Title</th><th>Objective</th><th>Description</th></tr></thead><tbody>
${rows}
</tbody></table>`}
</section>`;
}

/** Explains why the gap list is empty, in green only for a complete report with something in scope. */
function noGapsParagraph(report: TraceabilityReport): string {
  const empty = emptyScopeStatement(report);
  if (empty !== undefined) {
    return `<p class="empty neutral">${escapeHtml(empty)}</p>`;
  }
  if (report.withheld.resources > 0) {
    return '<p class="empty neutral">No gaps among the resources shown. Withheld resources were not judged, so this does not mean the evidence is complete.</p>';
  }
  return '<p class="empty">No gaps: every requirement is tested and passing, and every applicable objective has independent evidence where needed.</p>';
}

function matrixSection(report: TraceabilityReport): string {
  const rows = report.requirements.map((row) => matrixRows(row)).join('\n');
  return `<section id="matrix" class="panel" data-panel="matrix">
<h2>Traceability matrix</h2>
<p class="hint">Select a row to see its chain. Colours: <span class="pill good">Traced</span> <span class="pill warn">Partly traced</span> <span class="pill warn">Not run</span> <span class="pill bad">Failing</span> <span class="pill bad">Untested</span> <span class="pill neutral">Evidence withheld</span></p>
<input type="search" class="table-filter" data-filter="matrix-table" placeholder="Filter requirements" aria-label="Filter requirements">
<table class="sortable matrix" id="matrix-table"><thead><tr><th>Requirement</th><th>Title</th><th>Level</th><th>Design</th><th>Code</th><th>Parts</th><th>Test cases</th><th>Results</th><th>Status</th></tr></thead><tbody>
${rows}
</tbody></table>
</section>`;
}

const TONES: Record<CoverageStatus, string> = { complete: 'good', partial: 'warn', withheld: 'neutral', unexecuted: 'warn', failing: 'bad', untested: 'bad' };

/** Coverage statuses from worst to best, so sorting the Status column puts problems first. */
const SEVERITY: CoverageStatus[] = ['untested', 'failing', 'unexecuted', 'withheld', 'partial', 'complete'];

function matrixRows(row: RequirementTrace): string {
  const tone = TONES[row.status];
  const verdicts = row.testCases
    .map((testCase) => (testCase.latest === undefined ? '<span class="pill warn">not run</span>' : `<span class="pill ${testCase.latest.verdict === 'passed' ? 'good' : 'bad'}">${escapeHtml(testCase.latest.verdict)}</span>`))
    .join(' ');
  const chainId = `chain-${row.identifier}`;
  const cell = (refs: ResourceRef[], missing = 'missing'): string => `<td class="${refs.length === 0 ? missing : 'present'}">${refs.length === 0 ? '–' : String(refs.length)}</td>`;
  return `<tr class="requirement ${tone}" data-chain="${escapeHtml(chainId)}" tabindex="0" aria-expanded="false"><td data-sort="${escapeHtml(row.identifier)}">${link(row)}</td><td>${escapeHtml(row.title)}</td><td>${escapeHtml(row.level ?? '')}</td>${cell(row.design)}${cell(row.code)}${cell(row.parts, 'absent')}${cell(row.testCases)}<td>${verdicts}</td><td data-sort="${SEVERITY.indexOf(row.status)}"><span class="pill ${tone}">${escapeHtml(coverageLabel(row.status))}</span></td></tr>
<tr class="chain" id="${escapeHtml(chainId)}" hidden><td colspan="9"><ol class="chain-steps">
<li><span class="step">Requirement</span> ${link(row)} ${escapeHtml(row.title)}${row.parent === undefined ? '' : ` · decomposes ${link(row.parent)}`}${row.items.length === 0 ? '' : ` · item ${links(row.items)}`}</li>
<li><span class="step">Design</span> ${links(row.design)}</li>
<li><span class="step">Code</span> ${links(row.code)}</li>
<li><span class="step">Parts</span> ${links(row.parts)}</li>
<li><span class="step">Tests</span> ${row.testCases.length === 0 ? '<span class="none">none</span>' : row.testCases.map((testCase) => `${link(testCase)} → ${testCase.latest === undefined ? 'not run' : `${link(testCase.latest)} ${escapeHtml(testCase.latest.verdict)} ${escapeHtml(testCase.latest.at.slice(0, 10))}`} (${testCase.runCount} run${testCase.runCount === 1 ? '' : 's'})`).join('<br>')}</li>
</ol></td></tr>`;
}

function objectiveSection(report: TraceabilityReport): string {
  const rows = report.objectives
    .map((row) => {
      let tone = 'bad';
      if (row.status === 'satisfied') {
        tone = 'good';
      } else if (row.status === 'withheld') {
        tone = 'neutral';
      }
      return `<tr><td data-sort="${escapeHtml(row.item.identifier)}">${link(row.item)} ${escapeHtml(row.item.title)}</td><td>${escapeHtml(STANDARDS[row.item.standard].label)}</td><td>${escapeHtml(row.item.level)}</td><td data-sort="${escapeHtml(row.objective.identifier)}"><abbr title="${escapeHtml(row.objective.title)}">${escapeHtml(row.objective.identifier)}</abbr></td><td>${escapeHtml(row.objective.title)}</td><td>${row.independenceRequired ? 'required' : ''}</td><td>${links(row.evidence)}</td><td data-sort="${escapeHtml(row.status)}"><span class="pill ${tone}">${escapeHtml(objectiveStatusLabel(row.status))}</span></td></tr>`;
    })
    .join('\n');
  return `<section id="objectives" class="panel" data-panel="objectives">
<h2>Objective compliance</h2>
<table class="sortable"><thead><tr><th>Item</th><th>Standard</th><th>Level</th><th>Objective</th><th>Title</th><th>Independence</th><th>Evidence</th><th>Status</th></tr></thead><tbody>
${rows}
</tbody></table>
</section>`;
}

import { escapeHtml, htmlPage } from './Html.js';

/** An example query offered on the SPARQL page. */
export interface ExampleQuery {
  title: string;
  query: string;
}

const PREFIXES = `PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oslc: <http://open-services.net/ns/core#>
PREFIX oslc_plm: <http://open-services.net/ns/plm#>
PREFIX oslc_cm: <http://open-services.net/ns/cm#>
PREFIX oslc_rm: <http://open-services.net/ns/rm#>
PREFIX oslc_qm: <http://open-services.net/ns/qm#>
PREFIX dt: <https://w3id.org/digital-thread/ns#>
`;

/** Example queries for engineers, over the sample programme's part numbers and types. */
export function exampleQueries(): ExampleQuery[] {
  return [
    {
      title: 'BOM explosion',
      query: `${PREFIXES}
# Every part below the lane processor card AQ300-2100 rev A, at any depth, in its EBOM or MBOM: a
# property path cannot filter each line's dt:bomView (the part page shows one BOM at a time). Give
# another part number and revision to explode your own assemblies.
SELECT DISTINCT ?part ?partNumber ?title WHERE {
  ?top dt:partNumber "AQ300-2100" ; dt:revision "A" .
  ?top (oslc_plm:composedOfPartUsage/oslc_plm:representsPart)+ ?part .
  ?part dt:partNumber ?partNumber ; dcterms:title ?title .
}
ORDER BY ?partNumber`,
    },
    {
      title: 'Where used',
      query: `${PREFIXES}
# The assemblies that use a part number, with their BOM (EBOM or MBOM), quantity and find number.
# OPTIONAL comes last: placed before the assembly's patterns, it made the query about 100 times slower in
# Oxigraph 0.5.
SELECT ?assemblyNumber ?assemblyTitle ?bom ?quantity ?findNumber WHERE {
  ?part dt:partNumber "MS28775-228" .
  ?line oslc_plm:representsPart ?part ; dt:assembly ?assembly ; dt:bomView ?view ; dt:quantity ?quantity .
  BIND(STRAFTER(STR(?view), "#") AS ?bom)
  ?assembly dt:partNumber ?assemblyNumber ; dcterms:title ?assemblyTitle .
  OPTIONAL { ?line dt:findNumber ?findNumber }
}
ORDER BY ?assemblyNumber`,
    },
    {
      title: 'Open NCRs by part',
      query: `${PREFIXES}
# Non-conformance reports that are not closed, counted per affected part.
SELECT ?partNumber ?title (COUNT(DISTINCT ?ncr) AS ?openNcrs) WHERE {
  ?ncr a dt:NonConformanceReport ; oslc_cm:status ?status ; oslc_plm:affectsPart ?part .
  FILTER(?status != "Closed")
  ?part dt:partNumber ?partNumber ; dcterms:title ?title .
}
GROUP BY ?partNumber ?title
ORDER BY DESC(?openNcrs) ?partNumber`,
    },
    {
      title: 'Requirements without a passing test',
      query: `${PREFIXES}
# Requirements that no test case validates with a passed result. MINUS runs as one join, where
# FILTER NOT EXISTS would run its pattern once per requirement.
SELECT ?identifier ?title WHERE {
  ?requirement a oslc_rm:Requirement ; dcterms:identifier ?identifier ; dcterms:title ?title .
  MINUS {
    ?test oslc_qm:validatesRequirement ?requirement .
    ?result oslc_qm:reportsOnTestCase ?test ; oslc_qm:status "passed" .
  }
}
ORDER BY ?identifier`,
    },
    {
      title: 'Objectives without evidence',
      query: `${PREFIXES}
# Certification objectives (DO-178C, DO-254, ECSS) that no certification artifact claims to satisfy.
SELECT ?standard ?objective ?label WHERE {
  ?objective a dt:Objective ; dt:standard ?standard ; rdfs:label ?label .
  MINUS { ?artifact dt:satisfiesObjective ?objective }
}
ORDER BY ?standard ?objective`,
    },
  ];
}

/**
 * Renders the SPARQL page for browsers: YASGUI (query editor with syntax highlighting, results table), served
 * from this server, with the example queries one click away. public/sparql.js starts the editor with
 * the endpoint and examples the page carries as data. Autocompletion that would call prefix.cc or the
 * LOV service is switched off there, so the page makes no requests to other hosts.
 */
export function sparqlPage(base: string, endpoint: string): string {
  const examples = exampleQueries();
  const buttons = examples
    .map((example, index) => `<button type="button" class="example" data-index="${index}">${escapeHtml(example.title)}</button>`)
    .join(' ');
  const body = `<h1>SPARQL query</h1>
<p class="muted">Queries run over every resource of this server: the default graph is the union of all resources, and each resource is also a named graph (<code>GRAPH ?resource { ... }</code>). Endpoint: <code>${escapeHtml(endpoint)}</code></p>
<p>Examples: ${buttons}</p>
<div id="yasgui" data-endpoint="${escapeHtml(endpoint)}"></div>
<link rel="stylesheet" href="${escapeHtml(base)}assets/yasgui/yasgui.min.css">
<script type="application/json" id="examples">${JSON.stringify(examples).replace(/</g, '\\u003c')}</script>`;
  return htmlPage('SPARQL query', body, { base, scripts: ['yasgui/yasgui.min.js', 'sparql.js'] });
}

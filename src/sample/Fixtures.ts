import type { GeneratedResource } from './CommonQuads.js';
import { ProviderSummary } from './FixtureSummary.js';
import { generateProgramme, PROGRAMMES, SAMPLE_SEED } from './ProgrammeGenerator.js';
import { RESOURCE_TYPE_NAMES, RESOURCE_TYPES } from './ResourceTypes.js';
import { writeTrig } from './TrigWriter.js';

/**
 * Renders the committed sample-programme fixtures: one TriG file per service provider and a README.
 * Returns file name → content; the output depends only on the seed.
 */
export function renderFixtures(seed: number = SAMPLE_SEED): Map<string, string> {
  const files = new Map<string, string>();
  const summaries: ProviderSummary[] = [];
  for (const programme of PROGRAMMES) {
    const summary = new ProviderSummary(programme.key);
    const resources: GeneratedResource[] = [];
    for (const resource of generateProgramme({ seed, scale: 1, providers: [programme.key] })) {
      summary.add(resource);
      resources.push(resource);
    }
    files.set(`${programme.key}.trig`, writeTrig(resources));
    summaries.push(summary);
  }
  files.set('README.md', renderReadme(seed, summaries));
  return files;
}

const BASE = 'http://127.0.0.1:8080/';

function renderReadme(seed: number, summaries: ProviderSummary[]): string {
  const lines: string[] = [];
  const totalTriples = summaries.reduce((sum, summary) => sum + summary.triples, 0);
  lines.push(
    '# Sample programme',
    '',
    'An invented but realistic data set of Aquila Avionics, a fictitious aerospace supplier, with two programmes',
    'that are two OSLC service providers:',
    '',
  );
  for (const programme of PROGRAMMES) {
    lines.push(`- \`${programme.key}\`, **${programme.title}**: ${programme.description}`);
  }
  lines.push(
    '',
    'Every resource is one named graph whose name is the resource IRI. IRIs are relative (`oslc/sp/fcc/parts/P-000001`)',
    'and the files have no `@base`, so a loader resolves them against the server base URL. Resources carry the',
    'server-managed properties (identifier, dates, creator, service provider, instance shape) and satisfy the',
    'shapes in `shapes/`.',
    '',
    `The files are generated, not edited: seed ${seed}, scale 1. To regenerate them (byte-identical for the same seed):`,
    '',
    '```sh',
    'npm run build && node dist/src/sample/writeFixtures.js',
    '```',
    '',
    '`npm run build && node --test dist/test/sample/` checks the data against the shapes and compares these files',
    'with freshly generated output. `generateProgramme({ seed, scale })` in `src/sample/ProgrammeGenerator.ts` streams',
    'larger data sets: scale n adds n - 1 variants of each programme with their own in-house parts and records.',
    '',
    '## Contents',
    '',
    `| type | ${summaries.map((summary) => `\`${summary.provider}\``).join(' | ')} | total |`,
    `|---|${summaries.map(() => '---:').join('|')}|---:|`,
  );
  for (const type of RESOURCE_TYPE_NAMES) {
    const counts = summaries.map((summary) => summary.counts.get(type) ?? 0);
    const total = counts.reduce((sum, count) => sum + count, 0);
    lines.push(`| ${RESOURCE_TYPES[type].shape} (\`${RESOURCE_TYPES[type].pathSegment}\`) | ${counts.join(' | ')} | ${total} |`);
  }
  lines.push(
    `| triples, including the service provider | ${summaries.map((summary) => summary.triples).join(' | ')} | ${totalTriples} |`,
    '',
    '## Examples',
    '',
    'Full IRIs below assume the server runs at ' + '`' + BASE + '`.',
    '',
  );
  for (const summary of summaries) {
    for (const [kind, example] of summary.examples()) {
      lines.push(`- ${kind} (\`${summary.provider}\`): [${example.identifier}](${BASE}${example.iri}) "${example.title}", ${example.detail}`);
    }
  }
  lines.push(
    '',
    '## Known certification gaps',
    '',
    'The generator plants these gaps so that `digital-thread trace` and the traceability report have something to',
    'find. Everything else is complete: each item has the full life cycle data set of its standard, every applicable',
    'objective has evidence, and every artifact has an approving review that is independent where verification data',
    'needs it. The tests check that the analysis finds exactly these.',
    '',
  );
  for (const summary of summaries) {
    for (const gap of summary.knownGaps()) {
      lines.push(`- \`${summary.provider}\` ${gap}`);
    }
  }
  lines.push('', '## Queries worth trying', '', 'SPARQL over the store, where each resource is a named graph:', '');
  lines.push(...QUERIES);
  return `${lines.join('\n')}\n`;
}

const QUERIES = [
  'Open critical non-conformance reports and the parts they affect:',
  '',
  '```sparql',
  'PREFIX dt: <https://w3id.org/digital-thread/ns#>',
  'PREFIX oslc_cm: <http://open-services.net/ns/cm#>',
  'PREFIX oslc_plm: <http://open-services.net/ns/plm#>',
  'PREFIX dcterms: <http://purl.org/dc/terms/>',
  'SELECT ?ncr ?title ?part WHERE {',
  '  GRAPH ?ncr { ?ncr oslc_cm:status "Open" ; dt:severity dt:Critical ; dcterms:title ?title ; oslc_plm:affectsPart ?part }',
  '}',
  '```',
  '',
  'Requirements that no test case validates:',
  '',
  '```sparql',
  'PREFIX oslc_rm: <http://open-services.net/ns/rm#>',
  'PREFIX dcterms: <http://purl.org/dc/terms/>',
  'SELECT ?requirement ?title WHERE {',
  '  GRAPH ?requirement { ?requirement a oslc_rm:Requirement ; dcterms:title ?title FILTER NOT EXISTS { ?requirement oslc_rm:validatedBy ?test } }',
  '}',
  '```',
  '',
  'Failed test runs with the requirements their test case verifies:',
  '',
  '```sparql',
  'PREFIX oslc_qm: <http://open-services.net/ns/qm#>',
  'PREFIX prov: <http://www.w3.org/ns/prov#>',
  'SELECT ?result ?ended ?requirement WHERE {',
  '  GRAPH ?result { ?result oslc_qm:status "failed" ; oslc_qm:reportsOnTestCase ?testCase OPTIONAL { ?result prov:endedAtTime ?ended } }',
  '  GRAPH ?testCase { ?testCase oslc_qm:validatesRequirement ?requirement }',
  '} ORDER BY DESC(?ended)',
  '```',
  '',
  'ITAR-controlled parts and their USML categories:',
  '',
  '```sparql',
  'PREFIX dt: <https://w3id.org/digital-thread/ns#>',
  'SELECT ?part ?partNumber ?category WHERE {',
  '  GRAPH ?part { ?part dt:exportControl dt:ITAR ; dt:usmlCategory ?category ; dt:partNumber ?partNumber }',
  '}',
  '```',
  '',
  'The engineering BOM one level below each assembly, with quantities and units:',
  '',
  '```sparql',
  'PREFIX dt: <https://w3id.org/digital-thread/ns#>',
  'PREFIX oslc_plm: <http://open-services.net/ns/plm#>',
  'SELECT ?assembly ?findNumber ?child ?quantity ?unit WHERE {',
  '  GRAPH ?line { ?line dt:assembly ?assembly ; oslc_plm:representsPart ?child ; dt:quantity ?quantity ;',
  '                      dt:unitOfMeasure ?unit ; dt:findNumber ?findNumber ; dt:bomView dt:EBOM }',
  '} ORDER BY ?assembly ?findNumber',
  '```',
];

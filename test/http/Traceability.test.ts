import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiKeyStore } from '../../src/auth/ApiKeyStore.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { KNOWN_GAPS, parseReportCsv, readPdfText, readXlsx } from '../certification/CertificationFixture.js';

describe('traceability report over HTTP', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ sample: true });
  });
  after(() => server.stop());

  it('browsers get the page with assets and a strict policy', async () => {
    const response = await server.fetch('oslc/sp/fcc/traceability?standard=DO-178C&level=A', { headers: { Accept: 'text/html' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await response.text();
    assert.ok(html.includes(`src="${server.base}assets/traceability.js"`));
    assert.ok(html.includes(`href="${server.base}assets/traceability.css"`));
    assert.ok(!/<script>/.test(html));
    for (const asset of ['assets/traceability.js', 'assets/traceability.css']) {
      assert.equal((await server.fetch(asset)).status, 200, asset);
    }
  });

  it('content negotiation picks JSON', async () => {
    const response = await server.fetch('oslc/sp/eha/traceability', { headers: { Accept: 'application/json' } });
    assert.equal(response.status, 200);
    const report = (await response.json()) as { gaps: Array<{ kind: string; subject: { identifier: string } }> };
    assert.deepEqual(report.gaps.map((gap) => `${gap.kind} ${gap.subject.identifier}`).sort(), [...KNOWN_GAPS.eha!].sort());
  });

  it('format parameter gives CSV, XLSX and PDF', async () => {
    const csv = await server.fetch('oslc/sp/fcc/traceability?format=csv&view=gaps');
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /fcc-gaps\.csv/);
    assert.equal(parseReportCsv(await csv.text()).table.length - 1, KNOWN_GAPS.fcc!.length);

    const xlsx = await server.fetch('oslc/sp/fcc/traceability?format=xlsx');
    assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheets = await readXlsx(Buffer.from(await xlsx.arrayBuffer()));
    assert.equal(sheets.get('Gaps')!.length - 1, KNOWN_GAPS.fcc!.length);

    const pdf = await server.fetch('oslc/sp/fcc/traceability', { headers: { Accept: 'application/pdf' } });
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const text = (await readPdfText(Buffer.from(await pdf.arrayBuffer()))).join(' ');
    assert.ok(text.includes('Traceability and gap report'));
  });

  it('clearance parameter narrows the report', async () => {
    const open = (await (await server.fetch('oslc/sp/eha/traceability?format=json')).json()) as { requirements: Array<{ identifier: string }> };
    const response = await server.fetch('oslc/sp/eha/traceability?format=json&clearance=EAR');
    assert.equal(response.status, 200);
    const narrowed = (await response.json()) as { filter: { clearance: string }; requirements: Array<{ identifier: string }> };
    assert.deepEqual(narrowed.filter, { clearance: 'EAR' });
    // The two ITAR requirements of eha are left out.
    assert.equal(narrowed.requirements.length, open.requirements.length - 2);
    const page = await (await server.fetch('oslc/sp/eha/traceability?clearance=EAR', { headers: { Accept: 'text/html' } })).text();
    assert.ok(page.includes('<option value="EAR" selected>EAR</option>'));
    assert.ok(page.includes('format=pdf&amp;clearance=EAR') || page.includes('clearance=EAR&amp;format=pdf'), 'downloads keep the clearance');
  });

  it('invalid filters are 400 with the accepted values', async () => {
    const standard = await server.fetch('oslc/sp/fcc/traceability?standard=DO-999&format=json');
    assert.equal(standard.status, 400);
    assert.match(await standard.text(), /DO-178C, DO-254, ECSS/);
    const level = await server.fetch('oslc/sp/fcc/traceability?level=Z&format=json');
    assert.equal(level.status, 400);
    const format = await server.fetch('oslc/sp/fcc/traceability?format=docx');
    assert.equal(format.status, 400);
    const baseline = await server.fetch('oslc/sp/fcc/traceability?baseline=yesterday&format=json');
    assert.equal(baseline.status, 400);
    const clearance = await server.fetch('oslc/sp/fcc/traceability?clearance=secret&format=json');
    assert.equal(clearance.status, 400);
    assert.match(await clearance.text(), /none, EAR99, EAR, ITAR/);
  });

  it('unknown provider is 404', async () => {
    assert.equal((await server.fetch('oslc/sp/nope/traceability?format=json')).status, 404);
  });

  it('POST stores a report the query capability finds', async () => {
    const created = await server.fetch('oslc/sp/fcc/traceability?standard=DO-178C&level=A', { method: 'POST' });
    assert.equal(created.status, 201);
    const location = created.headers.get('location')!;
    assert.match(location, /\/oslc\/sp\/fcc\/traceability-reports\/TRR-\d{6}$/);

    const query = await server.fetch(`oslc/sp/fcc/traceability-reports/query?oslc.where=${encodeURIComponent('dt:assuranceLevel=dt:LevelA')}&oslc.select=${encodeURIComponent('dt:gapCount')}`, {
      headers: { Accept: 'application/n-triples' },
    });
    assert.equal(query.status, 200);
    const body = await query.text();
    assert.ok(body.includes(`<${location}> <https://w3id.org/digital-thread/ns#gapCount> "10"`), body);

    const stored = await server.fetch(location, { headers: { Accept: 'application/n-triples' } });
    const triples = await stored.text();
    assert.ok(triples.includes('<https://w3id.org/digital-thread/ns#StaleEvidence>'));
    assert.ok(triples.includes('<https://w3id.org/digital-thread/objectives/do-178c#A-4.13>'));
  });

  it('stored report carries the highest marking of its inputs', async () => {
    const cases: Array<[string, string[], string[]]> = [
      ['oslc/sp/fcc/traceability?standard=DO-178C&level=A', ['<https://w3id.org/digital-thread/ns#exportControl> <https://w3id.org/digital-thread/ns#EAR>', '<https://w3id.org/digital-thread/ns#eccn> "7D994"', '<https://w3id.org/digital-thread/ns#eccn> "7E994"', '<https://w3id.org/digital-thread/ns#withheldResourceCount> "0"'], []],
      ['oslc/sp/fcc/traceability?standard=DO-178C&clearance=none', ['<https://w3id.org/digital-thread/ns#withheldResourceCount> "17"', 'INCOMPLETE: export-control clearance none withheld 17 resources in scope'], ['ns#exportControl>']],
    ];
    for (const [url, present, absent] of cases) {
      const created = await server.fetch(url, { method: 'POST' });
      assert.equal(created.status, 201, url);
      const body = (await created.json()) as { withheld: { resources: number } };
      assert.equal(body.withheld.resources, url.includes('clearance=none') ? 17 : 0, url);
      const triples = await (await server.fetch(created.headers.get('location')!, { headers: { Accept: 'application/n-triples' } })).text();
      for (const text of present) {
        assert.ok(triples.includes(text), `${url} lacks ${text}`);
      }
      for (const text of absent) {
        assert.ok(!triples.includes(text), `${url} has ${text}`);
      }
    }
  });

  it('page warns of withheld resources', async () => {
    const html = await (await server.fetch('oslc/sp/fcc/traceability?standard=DO-178C&clearance=none', { headers: { Accept: 'text/html' } })).text();
    assert.match(html, /<p class="banner incomplete" role="alert">INCOMPLETE: export-control clearance none withheld 17 resources in scope, among them 3 items/);
    assert.ok(html.includes('Objectives: no items in scope'));
    assert.ok(!html.includes('class="card good"'));
  });

  it('stored report lists the known gaps only', async () => {
    const created = await server.fetch('oslc/sp/eha/traceability', { method: 'POST' });
    assert.equal(created.status, 201);
    const stored = await server.fetch(created.headers.get('location')!, { headers: { Accept: 'application/n-triples' } });
    const triples = await stored.text();
    const gapKinds = new Map<string, string>();
    const gapSubjects = new Map<string, string>();
    for (const [, node, predicate, object] of triples.matchAll(/^(_:\S+) <https:\/\/w3id\.org\/digital-thread\/ns#(gapKind|gapSubject)> <([^>]+)> \.$/gm)) {
      (predicate === 'gapKind' ? gapKinds : gapSubjects).set(node!, object!);
    }
    const keys = [...gapKinds].map(([node, kind]) => `${kind.split('#')[1]} ${gapSubjects.get(node)!.split('/').pop()}`);
    assert.deepEqual(keys.sort(), [...KNOWN_GAPS.eha!].sort());
  });

  it('PUT is 405', async () => {
    const response = await server.fetch('oslc/sp/fcc/traceability', { method: 'PUT' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD, POST');
  });
});

/** JSON fields of a report that these tests compare. */
interface ReportJson {
  filter: Record<string, string>;
  items: Array<{ identifier: string }>;
  counts: { objectives: number; gaps: number };
  withheld: { resources: number; items: number };
}

describe('traceability report at the reader clearance', () => {
  /** The level A items of fcc: P-000056 boot loader and P-000147 OFP, both EAR-marked. */
  const LEVEL_A = 'oslc/sp/fcc/traceability?standard=DO-178C&level=A';
  const LEVEL_A_ITEMS = ['P-000056', 'P-000147'];
  const EHA = 'oslc/sp/eha/traceability';
  type Reader = 'local developer' | 'EAR99' | 'EAR' | 'ITAR';
  let server: TestServer;
  const keys = new Map<Reader, string>();

  const fetchAs = (reader: Reader, path: string, init: RequestInit = {}): Promise<Response> => {
    const key = keys.get(reader);
    return server.fetch(path, key === undefined ? init : { ...init, headers: { Authorization: `Bearer ${key}` } });
  };
  const withParameter = (path: string, parameter: string): string => `${path}${path.includes('?') ? '&' : '?'}${parameter}`;
  const json = async (reader: Reader, path: string): Promise<ReportJson> => (await (await fetchAs(reader, withParameter(path, 'format=json'))).json()) as ReportJson;

  before(async () => {
    // The shipped roles file: requests without credentials act as a local developer without clearance.
    server = await startTestServer({ sample: true, config: { roles: join(process.cwd(), 'config', 'roles.json') } });
    const store = new ApiKeyStore(server.dataDirectory);
    for (const clearance of ['EAR99', 'EAR', 'ITAR'] as const) {
      keys.set(clearance, store.create(`reader-${clearance}`, 'certification', [clearance]).key);
    }
  });
  after(() => server.stop());

  it('counts what each reader may not read', async () => {
    const cases: Array<[Reader, string, { clearance?: string; items: string[]; objectives: number; withheld: { resources: number; items: number } }]> = [
      ['local developer', LEVEL_A, { clearance: 'none', items: [], objectives: 0, withheld: { resources: 12, items: 2 } }],
      ['EAR99', LEVEL_A, { clearance: 'EAR99', items: [], objectives: 0, withheld: { resources: 12, items: 2 } }],
      ['EAR', LEVEL_A, { clearance: 'EAR', items: LEVEL_A_ITEMS, objectives: 142, withheld: { resources: 0, items: 0 } }],
      ['ITAR', LEVEL_A, { items: LEVEL_A_ITEMS, objectives: 142, withheld: { resources: 0, items: 0 } }],
      ['local developer', EHA, { clearance: 'none', items: ['P-000103'], objectives: 23, withheld: { resources: 32, items: 1 } }],
      ['EAR', EHA, { clearance: 'EAR', items: ['P-000103', 'P-000135'], objectives: 94, withheld: { resources: 8, items: 0 } }],
      ['ITAR', EHA, { items: ['P-000103', 'P-000135'], objectives: 94, withheld: { resources: 0, items: 0 } }],
    ];
    for (const [reader, path, expected] of cases) {
      const report = await json(reader, path);
      const name = `${reader} ${path}`;
      assert.equal(report.filter.clearance, expected.clearance, name);
      assert.deepEqual(report.items.map((item) => item.identifier), expected.items, name);
      assert.equal(report.counts.objectives, expected.objectives, name);
      assert.deepEqual(report.withheld, expected.withheld, name);
    }
  });

  it('matches the clearance parameter', async () => {
    // A reader's report is the one an ITAR reader gets with clearance= set to the reader's clearance.
    const cases: Array<[Reader, string]> = [
      ['local developer', 'none'],
      ['EAR99', 'EAR99'],
      ['EAR', 'EAR'],
    ];
    for (const path of [LEVEL_A, EHA]) {
      for (const [reader, clearance] of cases) {
        assert.deepEqual(await json(reader, path), await json('ITAR', withParameter(path, `clearance=${clearance}`)), `${reader} ${path}`);
      }
    }
  });

  it('clearance parameter narrows further', async () => {
    const cases: Array<[Reader, string, string]> = [
      ['local developer', 'ITAR', 'none'],
      ['EAR', 'ITAR', 'EAR'],
      ['EAR', 'EAR99', 'EAR99'],
      ['EAR', 'none', 'none'],
    ];
    for (const [reader, requested, applied] of cases) {
      const report = await json(reader, `${LEVEL_A}&clearance=${requested}`);
      assert.equal(report.filter.clearance, applied, `${reader} asking for ${requested}`);
    }
  });

  it('every format states the withheld resources', async () => {
    const statement = 'INCOMPLETE: export-control clearance none withheld 12 resources in scope, among them 2 items whose objectives are not assessed.';
    const csv = parseReportCsv(await (await fetchAs('local developer', `${LEVEL_A}&format=csv&view=objectives`)).text()).block;
    assert.equal(csv.get('Export-control clearance'), 'none');
    assert.equal(csv.get('Withheld resources'), '12');
    assert.ok(csv.get('Completeness')!.startsWith(statement), csv.get('Completeness'));

    const summary = new Map((await readXlsx(Buffer.from(await (await fetchAs('local developer', `${LEVEL_A}&format=xlsx`)).arrayBuffer()))).get('Summary')!.map((row) => [row[0]!, row[1]!]));
    const pdf = (await readPdfText(Buffer.from(await (await fetchAs('local developer', `${LEVEL_A}&format=pdf`)).arrayBuffer()))).join(' ').replace(/\s+/g, ' ');
    const outputs: Array<[string, string]> = [
      ['CSV', csv.get('Completeness')!],
      ['XLSX', summary.get('Completeness')!],
      ['PDF', pdf],
      ['HTML', await (await fetchAs('local developer', LEVEL_A, { headers: { Accept: 'text/html' } })).text()],
      ['text', await (await fetchAs('local developer', `${LEVEL_A}&format=text`)).text()],
    ];
    for (const [format, text] of outputs) {
      assert.ok(text.includes(statement), `${format} lacks the statement`);
      assert.ok(!text.includes('Nothing was withheld'), `${format} claims completeness`);
      for (const identifier of LEVEL_A_ITEMS) {
        assert.ok(!text.includes(identifier), `${format} names withheld ${identifier}`);
      }
    }
    assert.equal(summary.get('Export-control clearance'), 'none');
  });

  it('ITAR reader report is unchanged', async () => {
    const csv = parseReportCsv(await (await fetchAs('ITAR', `${LEVEL_A}&format=csv&view=gaps`)).text());
    assert.equal(csv.block.get('Export-control clearance'), 'not applied');
    assert.equal(csv.block.get('Withheld resources'), '0');
    assert.equal(csv.block.get('Completeness'), 'Nothing was withheld.');
    assert.equal(csv.block.get('Export-control marking'), 'EAR (ECCN 7D994, ECCN 7E994)');
    assert.equal(csv.table.length - 1, 10);
  });

  it('stored report records the reader clearance', async () => {
    const created = await fetchAs('local developer', LEVEL_A, { method: 'POST' });
    assert.equal(created.status, 201);
    assert.deepEqual(((await created.json()) as { withheld: unknown }).withheld, { resources: 12, items: 2 });
    const triples = await (await fetchAs('local developer', created.headers.get('location')!, { headers: { Accept: 'application/n-triples' } })).text();
    assert.ok(triples.includes('<https://w3id.org/digital-thread/ns#withheldResourceCount> "12"'), triples);
    assert.ok(triples.includes('<https://w3id.org/digital-thread/ns#exportClearance> "none"'), triples);
  });
});

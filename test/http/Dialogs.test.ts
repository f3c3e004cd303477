import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { assertOslcError, getRdf, hasTriple, instancesOf, linkEntries, NS, objectTerms, RDF_TYPE } from './HttpTestSupport.js';

const OSLC = (local: string): string => NS.oslc + local;
const TRUSTED_ORIGINS = ['https://elm.example.com:9443', 'https://windchill.example.com'];

interface SelectionPage {
  items: { resource: string; label: string; identifier: string; title: string; fields: { name: string; title: string; value: string }[] }[];
  total: number;
  page: number;
  pageSize: number;
  hasNext: boolean;
}

/** Reads the settings block that a dialog page hands to dialog.js. */
function dialogConfig(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="dialog-config">([^<]*)<\/script>/.exec(html);
  assert.ok(match, 'the page has a dialog-config block');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

describe('delegated dialogs over HTTP', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ config: { frameOrigins: TRUSTED_ORIGINS } });
  });

  after(async () => {
    await server?.stop();
  });

  const results = async (query: string): Promise<{ status: number; body: SelectionPage & { 'oslc:message'?: string } }> => {
    const response = await server.fetch(`oslc/sp/fcc/parts/selector/results${query}`, { headers: { Accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as SelectionPage };
  };

  describe('pages and framing', () => {
    const DIALOGS = ['oslc/sp/fcc/selector', 'oslc/sp/fcc/parts/selector', 'oslc/sp/fcc/ncrs/selector', 'oslc/sp/eha/requirements/creator', 'oslc/sp/fcc/ncrs/creator'];

    for (const path of DIALOGS) {
      it(`${path} is an embeddable page`, async () => {
        const response = await server.fetch(path);
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
        const policy = response.headers.get('content-security-policy') ?? '';
        assert.match(policy, new RegExp(`frame-ancestors 'self' ${TRUSTED_ORIGINS.join(' ')}$`));
        assert.match(policy, /script-src 'self'/);
        assert.equal(response.headers.get('x-frame-options'), null);
        assert.equal(response.headers.get('cache-control'), 'no-store');
      });
    }

    const FAILING_DIALOGS: [path: string, status: number][] = [
      ['oslc/sp/fcc/parts/creator?prefill=never-issued', 410],
      ['oslc/sp/fcc/widgets/selector', 404],
      ['oslc/sp/nowhere/selector', 404],
    ];
    for (const [path, status] of FAILING_DIALOGS) {
      it(`${path} fails with ${status} inside the host's frame`, async () => {
        const response = await server.fetch(path, { headers: { Accept: 'text/html' } });
        await response.arrayBuffer();
        assert.equal(response.status, status);
        assert.match(response.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors 'self' ${TRUSTED_ORIGINS.join(' ')}$`));
        assert.equal(response.headers.get('x-frame-options'), null);
      });
    }

    it('objective choices are grouped by standard and table', async () => {
      const html = await (await server.fetch('oslc/sp/fcc/certification-artifacts/creator')).text();
      const groups = [...html.matchAll(/<summary>([^<]+) <span class="muted">\((\d+)\)<\/span><\/summary>/g)].map((match) => `${match[1]} ${match[2]}`);
      assert.equal(groups.length, 29);
      assert.deepEqual(groups.slice(0, 4), ['DO-178C A-1 7', 'DO-178C A-2 7', 'DO-178C A-3 7', 'DO-178C A-4 13']);
      assert.ok(groups.includes('DO-254 5.1 3'), groups.join(', '));
      assert.ok(groups.includes('ECSS Q80-6.2 4'), groups.join(', '));
      assert.equal(groups.reduce((total, group) => total + Number(group.split(' ').pop()), 0), 112);
    });

    it('other pages allow only same-origin framing', async () => {
      const response = await server.fetch('', { headers: { Accept: 'text/html' } });
      assert.equal(response.headers.get('content-security-policy'), "frame-ancestors 'self'");
      assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
    });

    it('dialog pages load only local scripts', async () => {
      const html = await (await server.fetch('oslc/sp/fcc/parts/selector')).text();
      const sources = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
      assert.deepEqual(sources, [`${server.base}assets/icons/app.svg`, `${server.base}assets/dialog.css`, `${server.base}assets/dialog.js`]);
      for (const source of sources) {
        assert.equal((await fetch(source!)).status, 200, source);
      }
    });

    it('type chooser lists the domain types', async () => {
      const domain = encodeURIComponent(NS.oslc_plm);
      const html = await (await server.fetch(`oslc/sp/fcc/selector?domain=${domain}`)).text();
      const types = (dialogConfig(html).types as { segment: string }[]).map((type) => type.segment);
      assert.deepEqual(types, ['parts', 'bom-lines']);
    });

    it('type chooser order and examples', async () => {
      const config = dialogConfig(await (await server.fetch('oslc/sp/fcc/selector')).text());
      const types = (config.types as { segment: string; example: string }[]).map((type) => `${type.segment} ${type.example}`);
      assert.deepEqual(types, [
        'parts P-000012',
        'requirements REQ-000012',
        'test-cases TC-000012',
        'bom-lines BL-000012',
        'certification-artifacts CA-000012',
        'reviews RV-000012',
        'ncrs NCR-000012',
        'requirement-collections RC-000012',
        'telemetry-summaries TS-000012',
        'test-results TR-000012',
        'traceability-reports TRR-000012',
      ]);
    });

    it('chooser rejects an unknown domain', async () => {
      const { response, quads } = await getRdf(server, 'oslc/sp/fcc/selector?domain=urn:x-nothing');
      assert.equal(response.status, 400);
      assert.match(assertOslcError(quads, 400), /Parameter domain "urn:x-nothing"/);
    });

    it('selection mode must be single or multiple', async () => {
      const response = await server.fetch('oslc/sp/fcc/parts/selector?selection=some', { headers: { Accept: 'text/turtle' } });
      assert.equal(response.status, 400);
    });

    it('part filters come from allowed values', async () => {
      const html = await (await server.fetch('oslc/sp/fcc/parts/selector')).text();
      const [type] = dialogConfig(html).types as { filters: { name: string; options: { value: string; label: string }[] }[]; columns: { name: string }[] }[];
      assert.deepEqual(type!.filters.map((filter) => filter.name), ['lifecycleState', 'exportControl']);
      assert.deepEqual(type!.filters[0]!.options.map((option) => option.label), ['In Work', 'Under Review', 'Released', 'Obsolete']);
      assert.deepEqual(type!.columns.map((column) => column.name), ['partNumber', 'revision', 'lifecycleState']);
    });
  });

  describe('container discovery of dialogs', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      it(`${method} on a creation factory links its dialogs`, async () => {
        const response = await server.fetch('oslc/sp/fcc/ncrs', { method, headers: { Accept: 'text/turtle' } });
        const links = linkEntries(response.headers.get('link'));
        assert.ok(links.some((link) => link.rel === OSLC('selectionDialog') && link.target === `${server.base}oslc/sp/fcc/ncrs/selector`));
        assert.ok(links.some((link) => link.rel === OSLC('creationDialog') && link.target === `${server.base}oslc/sp/fcc/ncrs/creator`));
      });
    }

    it('PreferDialog puts dialogs in the body', async () => {
      const factory = `${server.base}oslc/sp/fcc/ncrs`;
      const { response, quads } = await getRdf(server, 'oslc/sp/fcc/ncrs', 'text/turtle', {
        Prefer: 'return=representation; include="http://open-services.net/ns/core#PreferDialog http://www.w3.org/ns/ldp#PreferMinimalContainer"',
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('preference-applied'), 'return=representation');
      for (const [property, url] of [['selectionDialog', `${factory}/selector`], ['creationDialog', `${factory}/creator`]] as const) {
        const [dialog] = objectTerms(quads, factory, OSLC(property));
        assert.ok(dialog, `no oslc:${property}`);
        assert.ok(hasTriple(quads, dialog.value, RDF_TYPE, OSLC('Dialog')) || instancesOf(quads, OSLC('Dialog')).some((node) => node.equals(dialog)));
        assert.deepEqual(objectTerms(quads, dialog as never, OSLC('dialog')).map((term) => term.value), [url]);
      }
      assert.equal(objectTerms(quads, factory, `${NS.ldp}contains`).length, 0);
    });
  });

  describe('selection results', () => {
    it('empty search lists the first page', async () => {
      const { status, body } = await results('');
      assert.equal(status, 200);
      assert.deepEqual(body.items.map((item) => item.identifier), ['P-000001', 'P-000002', 'P-000003']);
      assert.equal(body.total, 3);
      assert.equal(body.hasNext, false);
      assert.deepEqual(body.items[1], {
        resource: `${server.base}oslc/sp/fcc/parts/P-000002`,
        label: 'P-000002: Processor Lane Module',
        identifier: 'P-000002',
        title: 'Processor Lane Module',
        fields: [
          { name: 'partNumber', title: 'Part Number', value: 'FCC-310-100' },
          { name: 'revision', title: 'Revision', value: 'B' },
          { name: 'lifecycleState', title: 'Lifecycle State', value: 'Released' },
        ],
      });
    });

    it('links among the key fields show the linked identifier', async () => {
      const response = await server.fetch('oslc/sp/fcc/bom-lines/selector/results', { headers: { Accept: 'application/json' } });
      const body = (await response.json()) as SelectionPage;
      assert.deepEqual(body.items[0]!.fields, [
        { name: 'assembly', title: 'Assembly', value: 'P-000001' },
        { name: 'representsPart', title: 'Child Part', value: 'P-000002' },
        { name: 'quantity', title: 'Quantity', value: '3' },
      ]);
    });

    const KEY_FIELDS: [type: string, fields: { name: string; title: string; value: string }[]][] = [
      ['requirements', [{ name: 'assuranceLevel', title: 'Assurance Level', value: 'Level A' }]],
      ['test-results', [{ name: 'reportsOnTestCase', title: 'Test Case', value: 'TC-000001' }, { name: 'status', title: 'Verdict', value: 'failed' }]],
    ];
    for (const [type, fields] of KEY_FIELDS) {
      it(`${type} list their key fields`, async () => {
        const response = await server.fetch(`oslc/sp/fcc/${type}/selector/results`, { headers: { Accept: 'application/json' } });
        const body = (await response.json()) as SelectionPage;
        assert.deepEqual(body.items[0]!.fields, fields);
      });
    }

    const SEARCHES: [query: string, identifiers: string[]][] = [
      ['?q=processor', ['P-000002']],
      ['?q=fcc-310-100', ['P-000002']],
      ['?q=PROCESSOR', ['P-000002']],
      ['?q=p-000003', ['P-000003']],
      ['?q=lane%20screw', ['P-000002', 'P-000003']],
      [`?f.lifecycleState=${encodeURIComponent(`${NS.dt}Released`)}`, ['P-000001', 'P-000002', 'P-000003']],
      [`?f.lifecycleState=${encodeURIComponent(`${NS.dt}Obsolete`)}`, []],
      [`?q=screw&f.lifecycleState=${encodeURIComponent(`${NS.dt}InWork`)}&f.lifecycleState=${encodeURIComponent(`${NS.dt}Released`)}`, ['P-000003']],
    ];
    for (const [query, identifiers] of SEARCHES) {
      it(`results for ${decodeURIComponent(query)}`, async () => {
        const { status, body } = await results(query);
        assert.equal(status, 200);
        assert.deepEqual(body.items.map((item) => item.identifier), identifiers);
      });
    }

    const HOSTILE = ['"><script>alert(1)</script>', '} UNION { ?s ?p ?o }', 'a\\" .', "'; DROP GRAPH <x>", '(a+)+$', 'qq\nzz\u0000', '%00'];
    for (const term of HOSTILE) {
      it(`hostile search ${JSON.stringify(term)} finds nothing`, async () => {
        const { status, body } = await results(`?q=${encodeURIComponent(term)}`);
        assert.equal(status, 200);
        assert.deepEqual(body.items, []);
      });
    }

    const BAD: [query: string, message: RegExp][] = [
      ['?f.colour=red', /Parameter f\.colour is not a filter of Part; use one of f\.lifecycleState, f\.exportControl/],
      ['?f.lifecycleState=Released', /Parameter f\.lifecycleState has "Released", which is not an allowed Lifecycle State/],
      ['?page=0', /Parameter page "0" is not a page number/],
      ['?page=two', /Parameter page "two" is not a page number/],
      [`?q=${'x'.repeat(201)}`, /Parameter q has 201 characters/],
    ];
    for (const [query, message] of BAD) {
      it(`bad results request ${query.slice(0, 30)} is 400`, async () => {
        const { response, quads } = await getRdf(server, `oslc/sp/fcc/parts/selector/results${query}`);
        assert.equal(response.status, 400);
        assert.match(assertOslcError(quads, 400), message);
      });
    }
  });

  describe('creation submissions', () => {
    const submit = (values: unknown, contentType = 'application/json') =>
      server.fetch('oslc/sp/fcc/ncrs/creator/submit', { method: 'POST', headers: { 'Content-Type': contentType, Accept: 'application/json' }, body: JSON.stringify(values) });

    it('missing required fields are named', async () => {
      const response = await submit({ values: { title: 'Crack in bracket' } });
      assert.equal(response.status, 400);
      const body = (await response.json()) as { errors: { field?: string; message: string }[] };
      assert.deepEqual(body.errors.map((error) => error.field).sort(), ['affectsPart', 'defectCode', 'severity', 'status']);
      assert.equal(body.errors.find((error) => error.field === 'status')?.message, 'Status is required.');
    });

    const FIELD_ERRORS: [values: Record<string, unknown>, field: string | undefined, message: RegExp][] = [
      [{ quantityAffected: 'three' }, 'quantityAffected', /Quantity Affected "three" is not a valid value; write it like 42/],
      [{ severity: 'Huge' }, 'severity', /Severity cannot be "Huge"; choose one of Minor, Major, Critical/],
      [{ affectsPart: 'not a link' }, 'affectsPart', /Affected Parts needs a link/],
      [{ closeDate: '2026-13-01T00:00:00Z' }, 'closeDate', /Close Date "2026-13-01T00:00:00Z" is not a valid value/],
      [{ colour: 'red' }, undefined, /"colour" is not a field of this form/],
      [{ title: 42 }, 'title', /Title must be text/],
    ];
    for (const [values, field, message] of FIELD_ERRORS) {
      it(`bad value ${JSON.stringify(values)} is reported`, async () => {
        const response = await submit({ values });
        assert.equal(response.status, 400);
        const body = (await response.json()) as { errors: { field?: string; message: string }[] };
        assert.equal(body.errors.length, 1);
        assert.equal(body.errors[0]!.field, field);
        assert.match(body.errors[0]!.message, message);
      });
    }

    it('an empty form names every required field', async () => {
      const response = await submit({ values: {} });
      assert.equal(response.status, 400);
      const body = (await response.json()) as { errors: { field?: string; message: string }[] };
      assert.deepEqual(
        body.errors.map((error) => `${error.field}: ${error.message}`).sort(),
        ['affectsPart: Affected Parts is required.', 'defectCode: Defect Code is required.', 'severity: Severity is required.', 'status: Status is required.', 'title: Title is required.'],
      );
    });

    // Shape rules broken by otherwise complete values are reworded for the field, without prefixed names.
    const complete = (part: string) => ({ title: 'Dent', status: 'Open', severity: `${NS.dt}Minor`, defectCode: 'DIM-01', affectsPart: [part] });
    const SHAPE_RULES: [change: Record<string, unknown>, field: string, message: string][] = [
      [{ quantityAffected: '0' }, 'quantityAffected', 'Quantity Affected must be at least 1.'],
      [{ defectCode: 'dim 1' }, 'defectCode', "Defect Code has the wrong format. Defect class from the quality system's catalogue, for example DIM-02."],
      [{ title: 'x'.repeat(501) }, 'title', 'Title is too long; use at most 500 characters.'],
    ];
    for (const [change, field, message] of SHAPE_RULES) {
      it(`shape rule on ${field} reads as a form message`, async () => {
        const response = await submit({ values: { ...complete(`${server.base}oslc/sp/fcc/parts/P-000002`), ...change } });
        assert.equal(response.status, 400);
        const body = (await response.json()) as { errors: { field?: string; message: string }[] };
        assert.deepEqual(body.errors, [{ field, message }]);
      });
    }

    it('an ITAR part without a USML category is reported on that field', async () => {
      const response = await server.fetch('oslc/sp/fcc/parts/creator/submit', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ values: { title: 'Seeker head', partNumber: 'SH-100', revision: 'A', lifecycleState: `${NS.dt}InWork`, exportControl: `${NS.dt}ITAR` } }),
      });
      assert.equal(response.status, 400);
      const body = (await response.json()) as { errors: { field?: string; message: string }[] };
      assert.deepEqual(body.errors, [{ field: 'usmlCategory', message: 'USML Category is required for the chosen export control marking.' }]);
    });

    it('a link to a missing part is reported on its field', async () => {
      const response = await submit({
        values: { title: 'Dent', status: 'Open', severity: `${NS.dt}Minor`, defectCode: 'DIM-01', affectsPart: [`${server.base}oslc/sp/fcc/parts/P-999999`] },
      });
      assert.equal(response.status, 400);
      const body = (await response.json()) as { errors: { field?: string; message: string }[] };
      assert.equal(body.errors[0]!.field, 'affectsPart');
      assert.match(body.errors[0]!.message, /does not exist on this server/);
    });

    it('form-encoded submissions are 415', async () => {
      const response = await submit({ values: {} }, 'application/x-www-form-urlencoded');
      assert.equal(response.status, 415);
    });

    it('complete values create the NCR', async () => {
      const part = `${server.base}oslc/sp/fcc/parts/P-000002`;
      const response = await submit({
        values: { title: 'Solder bridge on U7', status: 'Open', severity: `${NS.dt}Major`, defectCode: 'SLD-03', affectsPart: [part], serialNumber: ['SN-0101', 'SN-0102'] },
      });
      assert.equal(response.status, 201);
      const body = (await response.json()) as { resource: string; label: string };
      assert.equal(response.headers.get('location'), body.resource);
      const identifier = body.resource.split('/').pop();
      assert.equal(body.label, `${identifier}: Solder bridge on U7`);
      const { quads } = await getRdf(server, body.resource);
      assert.deepEqual(objectTerms(quads, body.resource, `${NS.dt}serialNumber`).map((term) => term.value).sort(), ['SN-0101', 'SN-0102']);
      assert.ok(hasTriple(quads, body.resource, `${NS.oslc_plm}affectsPart`, part));
    });
  });

  describe('prefill', () => {
    it('OPTIONS on a creation dialog allows POST', async () => {
      const response = await server.fetch('oslc/sp/fcc/ncrs/creator', { method: 'OPTIONS' });
      assert.equal(response.status, 204);
      assert.ok((response.headers.get('allow') ?? '').split(/,\s*/).includes('POST'));
    });

    it('a partial resource gives a prefilled dialog', async () => {
      const title = '</script><script>window.injected=1</script>';
      const posted = await server.fetch('oslc/sp/fcc/ncrs/creator', {
        method: 'POST',
        headers: { 'Content-Type': 'text/turtle' },
        body: `PREFIX dcterms: <http://purl.org/dc/terms/>\nPREFIX dt: <${NS.dt}>\n<> dcterms:title ${JSON.stringify(title)} ; dt:lotNumber "L-7" .`,
      });
      assert.equal(posted.status, 201);
      const location = posted.headers.get('location')!;
      assert.match(location, new RegExp(`^${server.base}oslc/sp/fcc/ncrs/creator\\?prefill=[0-9a-f-]{36}$`));

      const html = await (await fetch(location)).text();
      assert.equal(html.includes('</script><script>window.injected'), false);
      const prefill = dialogConfig(html).prefill as { values: Record<string, string[]> };
      assert.deepEqual(prefill.values, { title: [title], lotNumber: ['L-7'] });
    });

    it('prefill of another type is gone', async () => {
      const posted = await server.fetch('oslc/sp/fcc/ncrs/creator', { method: 'POST', headers: { 'Content-Type': 'text/turtle' }, body: '<> <http://purl.org/dc/terms/title> "x" .' });
      const id = new URL(posted.headers.get('location')!).searchParams.get('prefill');
      const response = await server.fetch(`oslc/sp/fcc/parts/creator?prefill=${id}`, { headers: { Accept: 'text/turtle' } });
      assert.equal(response.status, 410);
    });

    it('invalid prefill body is 400', async () => {
      const response = await server.fetch('oslc/sp/fcc/ncrs/creator', { method: 'POST', headers: { 'Content-Type': 'text/turtle', Accept: 'text/turtle' }, body: '<> <broken' });
      assert.equal(response.status, 400);
    });
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Quad } from '@rdfjs/types';
import { HttpError } from '../../src/http/HttpError.js';
import { DT, LDP, OSLC, RDF_TYPE } from '../../src/rdf/namespaces.js';
import { parseRdf } from '../../src/rdf/RdfParser.js';
import { projectShapes } from '../helpers/shapes.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { getRdf, objectTerms } from './HttpTestSupport.js';
import { assertOslcError, containerMembers, escapeRegExp, linkTargets, readForUpdate, storeState, TURTLE_PREFIXES } from './writeRequests.js';

const REPORTS = 'oslc/sp/fcc/traceability-reports';
const TRACEABILITY = 'oslc/sp/fcc/traceability';
const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];
const SELECTION_DIALOG = OSLC('selectionDialog');
const CREATION_DIALOG = OSLC('creationDialog');

/** A hand-typed report that claims no gaps, as a client might try to post it. */
const FORGED_REPORT = `${TURTLE_PREFIXES}
<> a dt:TraceabilityReport ;
  dcterms:title "Clean bill of health" ;
  dt:requirementCount 0 ; dt:tracedRequirementCount 0 ; dt:testCaseCount 0 ; dt:objectiveCount 0 ; dt:gapCount 0 .`;

/** Returns the sorted methods of an Allow header. */
function allowOf(response: Response): string[] {
  return (response.headers.get('allow') ?? '').split(',').map((method) => method.trim()).filter((method) => method !== '').sort();
}

/** Returns the resource types of every capability or dialog that the provider's services list under `property`. */
function advertisedTypes(quads: readonly Quad[], property: string): string[] {
  const nodes = quads.filter((quad) => quad.predicate.value === property).map((quad) => quad.object);
  return nodes.flatMap((node) => objectTerms(quads, node as Quad['subject'], OSLC('resourceType')).map((type) => type.value));
}

describe('computed resource types', () => {
  let server: TestServer;
  /** A report stored by the traceability analysis. */
  let report: string;
  const computedMessage = (method: string): RegExp[] => [
    new RegExp(`^Method ${method} is not allowed on `),
    /Traceability Report resources are computed by the server, and clients cannot create, replace or delete them\./,
    new RegExp(`POST to ${escapeRegExp(`${server.base}${TRACEABILITY}`)} to compute a new one\\.$`),
  ];

  before(async () => {
    server = await startTestServer();
    const created = await server.fetch(TRACEABILITY, { method: 'POST' });
    assert.equal(created.status, 201, await created.text());
    report = created.headers.get('location')!;
  });

  after(async () => {
    await server.stop();
  });

  describe('shapes', () => {
    it('only the report and its gaps are computed', () => {
      const computed = projectShapes().all().filter((shape) => shape.computedBy !== undefined);
      assert.deepEqual(computed.map((shape) => [shape.name, shape.computedBy]).sort(), [
        ['TraceabilityGap', 'traceability'],
        ['TraceabilityReport', 'traceability'],
      ]);
    });
  });

  describe('discovery', () => {
    let provider: Quad[];
    before(async () => {
      const { response, quads } = await getRdf(server, 'oslc/sp/fcc');
      assert.equal(response.status, 200);
      provider = quads;
    });

    // Every resource type is listed once per service domain that its shape names.
    for (const shape of projectShapes().resourceTypes()) {
      const writable = shape.name !== 'TraceabilityReport';
      const type = shape.describes[0]!;
      const expected: [property: string, count: number][] = [
        [OSLC('creationFactory'), writable ? shape.serviceDomains.length : 0],
        [CREATION_DIALOG, writable ? shape.serviceDomains.length : 0],
        [OSLC('queryCapability'), shape.serviceDomains.length],
      ];
      for (const [property, count] of expected) {
        it(`${shape.name} has ${count} ${property.slice(OSLC('').length)}`, () => {
          assert.equal(advertisedTypes(provider, property).filter((value) => value === type).length, count);
        });
      }
    }

    it('report keeps its selection dialog', () => {
      const dialogs = provider.filter((quad) => quad.predicate.value === OSLC('dialog')).map((quad) => quad.object.value);
      assert.ok(dialogs.includes(`${server.base}${REPORTS}/selector`));
      assert.ok(!dialogs.includes(`${server.base}${REPORTS}/creator`));
      assert.ok(dialogs.includes(`${server.base}oslc/sp/fcc/parts/creator`));
    });

    it('type chooser still offers reports', async () => {
      const html = await (await server.fetch(`oslc/sp/fcc/selector?domain=${encodeURIComponent(DT(''))}`)).text();
      assert.match(html, /"segment":"traceability-reports"/);
    });
  });

  describe('container', () => {
    const writes: { method: string; body?: string; patterns: (method: string) => RegExp[] }[] = [
      { method: 'POST', body: FORGED_REPORT, patterns: computedMessage },
      { method: 'PUT', body: FORGED_REPORT, patterns: (method) => [new RegExp(`Method ${method} is not allowed on this resource; use one of GET, HEAD, OPTIONS\\.`)] },
      { method: 'PATCH', body: 'DELETE WHERE { ?s ?p ?o }', patterns: (method) => [new RegExp(`Method ${method} is not allowed on this resource; use one of GET, HEAD, OPTIONS\\.`)] },
      { method: 'DELETE', patterns: (method) => [new RegExp(`Method ${method} is not allowed on this resource; use one of GET, HEAD, OPTIONS\\.`)] },
    ];
    for (const { method, body, patterns } of writes) {
      it(`${method} on the report container is 405`, async () => {
        const membersBefore = await containerMembers(server, REPORTS);
        const stateBefore = await storeState(server);

        const response = await server.fetch(REPORTS, { method, headers: { Accept: 'text/turtle', 'Content-Type': 'text/turtle' }, ...(body === undefined ? {} : { body }) });
        assert.deepEqual(allowOf(response), READ_METHODS.slice().sort());
        await assertOslcError(response, 405, patterns(method), server.base);

        assert.deepEqual(await containerMembers(server, REPORTS), membersBefore);
        assert.deepEqual(await storeState(server), stateBefore);
      });
    }

    it('POST without a body names the service too', async () => {
      const response = await server.fetch(REPORTS, { method: 'POST', headers: { Accept: 'text/turtle' } });
      await assertOslcError(response, 405, computedMessage('POST'), server.base);
    });

    for (const method of ['OPTIONS', 'HEAD', 'GET']) {
      it(`${method} advertises a read-only container`, async () => {
        const response = await server.fetch(REPORTS, { method, headers: { Accept: 'text/turtle' } });
        await response.arrayBuffer();
        assert.ok(response.status === 200 || response.status === 204, `status ${response.status}`);
        assert.deepEqual(allowOf(response), READ_METHODS.slice().sort());
        assert.equal(response.headers.get('accept-post'), null);
        assert.deepEqual(linkTargets(response, SELECTION_DIALOG), [`${server.base}${REPORTS}/selector`]);
        assert.deepEqual(linkTargets(response, CREATION_DIALOG), []);
        assert.ok(linkTargets(response, 'type').includes(LDP('BasicContainer')));
      });
    }

    it('body is no creation factory and lists the report', async () => {
      const container = `${server.base}${REPORTS}`;
      const { response, quads } = await getRdf(server, REPORTS, 'text/turtle', { Prefer: 'return=representation; include="http://open-services.net/ns/core#PreferDialog"' });
      assert.equal(response.status, 200);
      const types = objectTerms(quads, container, RDF_TYPE).map((term) => term.value);
      assert.deepEqual(types, [LDP('BasicContainer')]);
      assert.deepEqual(objectTerms(quads, container, LDP('contains')).map((term) => term.value), [report]);
      assert.equal(objectTerms(quads, container, SELECTION_DIALOG).length, 1);
      assert.equal(objectTerms(quads, container, CREATION_DIALOG).length, 0);
    });

    it('parts container still takes POST', async () => {
      const response = await server.fetch('oslc/sp/fcc/parts', { method: 'OPTIONS' });
      assert.deepEqual(allowOf(response), ['GET', 'HEAD', 'OPTIONS', 'POST']);
      assert.notEqual(response.headers.get('accept-post'), null);
      assert.deepEqual(linkTargets(response, CREATION_DIALOG), [`${server.base}oslc/sp/fcc/parts/creator`]);
    });
  });

  describe('stored report', () => {
    const writes: { method: string; withIfMatch: boolean; body?: string }[] = [
      { method: 'PUT', withIfMatch: true, body: 'replace' },
      { method: 'PUT', withIfMatch: false, body: 'replace' },
      { method: 'PATCH', withIfMatch: true, body: 'DELETE WHERE { ?s ?p ?o }' },
      { method: 'DELETE', withIfMatch: true },
      { method: 'DELETE', withIfMatch: false },
      { method: 'POST', withIfMatch: false, body: 'replace' },
    ];
    for (const { method, withIfMatch, body } of writes) {
      it(`${method} ${withIfMatch ? 'with' : 'without'} If-Match is 405`, async () => {
        const original = await readForUpdate(server, report);
        const stateBefore = await storeState(server);
        const headers: Record<string, string> = { Accept: 'text/turtle', 'Content-Type': method === 'PATCH' ? 'application/sparql-update' : 'text/turtle' };
        if (withIfMatch) {
          headers['If-Match'] = original.etag;
        }
        // A PUT body with a forged gap count, otherwise the report as stored.
        const content = body === 'replace' ? original.turtle.replace(/dt:gapCount \d+/, 'dt:gapCount 0') : body;

        const response = await server.fetch(report, { method, headers, ...(content === undefined ? {} : { body: content }) });
        assert.deepEqual(allowOf(response), READ_METHODS.slice().sort());
        const message = await assertOslcError(response, 405, computedMessage(method), server.base);
        assert.ok(message.includes(report), message);

        assert.equal((await readForUpdate(server, report)).etag, original.etag);
        assert.deepEqual(await storeState(server), stateBefore);
      });
    }

    it('GET and OPTIONS allow only reads', async () => {
      for (const method of ['GET', 'OPTIONS']) {
        const response = await server.fetch(report, { method, headers: { Accept: 'text/turtle' } });
        await response.arrayBuffer();
        assert.ok(response.status === 200 || response.status === 204, `${method} status ${response.status}`);
        assert.deepEqual(allowOf(response), READ_METHODS.slice().sort(), method);
      }
    });
  });

  describe('creation dialog', () => {
    const requests: { method: string; path: string; contentType?: string; body?: string }[] = [
      { method: 'GET', path: `${REPORTS}/creator` },
      { method: 'OPTIONS', path: `${REPORTS}/creator` },
      { method: 'POST', path: `${REPORTS}/creator`, contentType: 'text/turtle', body: FORGED_REPORT },
      { method: 'POST', path: `${REPORTS}/creator/submit`, contentType: 'application/json', body: JSON.stringify({ values: { title: 'Clean bill of health', gapCount: '0' } }) },
    ];
    for (const { method, path, contentType, body } of requests) {
      it(`${method} ${path.slice(REPORTS.length + 1)} is 404`, async () => {
        const stateBefore = await storeState(server);
        const headers: Record<string, string> = { Accept: 'text/turtle' };
        if (contentType !== undefined) {
          headers['Content-Type'] = contentType;
        }
        const response = await server.fetch(path, { method, headers, ...(body === undefined ? {} : { body }) });
        await assertOslcError(
          response,
          404,
          [/^No creation dialog exists for Traceability Report resources, because the server computes them/, new RegExp(`POST to ${escapeRegExp(`${server.base}${TRACEABILITY}`)} to compute a new one\\.$`)],
          server.base,
        );
        assert.deepEqual(await storeState(server), stateBefore);
      });
    }

    it('selection dialog still opens', async () => {
      const response = await server.fetch(`${REPORTS}/selector`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    });
  });

  describe('pages', () => {
    it('landing page links no report creation', async () => {
      const html = await (await server.fetch('', { headers: { Accept: 'text/html' } })).text();
      assert.ok(html.includes(`href="${server.base}${REPORTS}/selector"`));
      assert.ok(!html.includes('/creator'));
    });

    it('provider page links no report creation', async () => {
      const html = await (await server.fetch('oslc/sp/fcc', { headers: { Accept: 'text/html' } })).text();
      assert.ok(html.includes(`${server.base}${REPORTS}/selector`));
      assert.ok(!html.includes(`${server.base}${REPORTS}/creator`));
      assert.ok(html.includes(`${server.base}oslc/sp/fcc/parts/creator`));
    });
  });

  describe('server analysis', () => {
    it('analysis POST stores a new report', async () => {
      const membersBefore = await containerMembers(server, REPORTS);
      const created = await server.fetch(`${TRACEABILITY}?standard=DO-178C`, { method: 'POST' });
      assert.equal(created.status, 201);
      const location = created.headers.get('location')!;
      assert.match(location, /\/oslc\/sp\/fcc\/traceability-reports\/TRR-\d{6}$/);
      assert.deepEqual(await containerMembers(server, REPORTS), [...membersBefore, location].sort());

      const stored = await readForUpdate(server, location);
      assert.ok(stored.quads.some((quad) => quad.subject.value === location && quad.predicate.value === DT('standard') && quad.object.value === DT('DO178C')));
    });

    it('client create of a report is 405 in the service', async () => {
      const { resources, shapes } = server.server.context;
      const shape = shapes.bySegment('traceability-reports')!;
      const temporaryIri = `${server.base}${REPORTS}/new-${randomUUID()}`;
      const quads = await parseRdf(FORGED_REPORT, 'text/turtle', temporaryIri, server.base);
      await assert.rejects(resources.create({ provider: 'fcc', shape, quads, temporaryIri }), (error: unknown) => error instanceof HttpError && error.statusCode === 405);
    });

    it('computed create of a part is refused', async () => {
      const { resources, shapes } = server.server.context;
      const shape = shapes.bySegment('parts')!;
      const temporaryIri = `${server.base}oslc/sp/fcc/parts/new-${randomUUID()}`;
      await assert.rejects(resources.createComputed({ provider: 'fcc', shape, quads: [], temporaryIri }), /only for computed types, and Part has no dt:computedBy/);
    });
  });
});

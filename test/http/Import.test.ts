import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Parser, type Quad } from 'n3';
import { ApiKeyStore } from '../../src/auth/ApiKeyStore.js';
import { objects, parseResponse } from '../helpers/rdf.js';
import { zipBytes } from '../import/helpers/zip.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { BROWSER_ACCEPT, NS } from './HttpTestSupport.js';

const STEP = join('test', 'fixtures', 'import', 'step');
const REQIF = join('test', 'fixtures', 'import', 'reqif');

interface JobJson {
  url: string;
  id: string;
  state: string;
  progress: { phase: string; done: number; total?: number };
  report?: {
    counts: Record<string, { created: number; updated: number; unchanged: number; removed: number }>;
    changes: { action: string; type: string; iri: string; label: string; details?: string; values?: { property: string; name: string; before: string[]; after: string[]; iris?: true }[] }[];
    changesNotListed?: number;
    warnings: { severity: string; message: string; location?: { file: string; line?: number; entity?: string } }[];
  };
  error?: { message: string; issues?: { severity: string; message: string }[] };
}

describe('import endpoint', () => {
  let server: TestServer;
  let admin: Record<string, string>;
  let viewer: Record<string, string>;
  let unclearedAdmin: Record<string, string>;

  before(async () => {
    server = await startTestServer();
    const keys = new ApiKeyStore(server.dataDirectory);
    admin = { Authorization: `Bearer ${keys.create('import-admin', 'admin', ['ITAR']).key}` };
    viewer = { Authorization: `Bearer ${keys.create('import-viewer', 'viewer', ['ITAR']).key}` };
    unclearedAdmin = { Authorization: `Bearer ${keys.create('import-uncleared-admin', 'admin').key}` };
  });
  after(() => server.stop());

  function upload(path: string, body: Buffer | string, headers: Record<string, string> = admin): Promise<Response> {
    return server.fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', ...headers }, body });
  }

  /** Returns the oslc:message of an oslc:Error response. */
  async function errorMessage(response: Response): Promise<string> {
    const quads = await parseResponse(response, new URL('import/', server.base).href, server.base);
    return quads.find((quad) => quad.predicate.value === `${NS.oslc}message`)?.object.value ?? '(no oslc:message)';
  }

  /** Polls a job until it finishes, for at most 20 s. */
  async function finished(url: string): Promise<JobJson> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const job = (await (await server.fetch(url, { headers: admin })).json()) as JobJson;
      if (job.state === 'succeeded' || job.state === 'failed') {
        return job;
      }
      await sleep(100);
    }
    throw new Error(`job ${url} did not finish in 20 s`);
  }

  async function submit(path: string, body: Buffer | string): Promise<JobJson> {
    const response = await upload(path, body);
    assert.equal(response.status, 202, await response.clone().text());
    const location = response.headers.get('location')!;
    const queued = (await response.json()) as JobJson;
    assert.equal(queued.url, location);
    assert.match(location, /\/import\/jobs\/[0-9a-f-]{36}$/);
    return finished(location);
  }

  it('needs an API key', async () => {
    const response = await upload('import/step?provider=fcc', 'x', {});
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer realm="digital-thread"/);
  });

  it('needs the import permission', async () => {
    const response = await upload('import/step?provider=fcc', 'x', viewer);
    assert.equal(response.status, 403);
    assert.equal(await errorMessage(response), 'Importing needs the import permission; import-viewer has the role viewer. Ask an administrator for a role that grants it.');
    const jobs = await server.fetch('import/jobs', { headers: viewer });
    assert.equal(jobs.status, 403);
    assert.equal(await errorMessage(jobs), 'Reading import jobs needs the import permission; import-viewer has the role viewer. Ask an administrator for a role that grants it.');
  });

  it('needs full export-control clearance', async () => {
    const response = await upload('import/step?provider=fcc', 'x', unclearedAdmin);
    assert.equal(response.status, 403);
    assert.match(await errorMessage(response), /need ITAR clearance/);
    assert.equal((await server.fetch('import/jobs', { headers: unclearedAdmin })).status, 403);
  });

  it('imports an upload as a job', async () => {
    const job = await submit('import/step?provider=fcc&source=as1-oc-214.stp', readFileSync(join(STEP, 'as1-oc-214.stp')));
    assert.equal(job.state, 'succeeded', job.error?.message);
    assert.deepEqual(job.report!.counts.parts, { created: 9, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(job.report!.counts.bomLines, { created: 9, updated: 0, unchanged: 0, removed: 0 });
    assert.equal(job.progress.phase, 'done');

    const part = job.report!.changes.find((change) => change.label === 'part nut rev -')!.iri;
    const first = await server.fetch(part, { headers: { Accept: 'text/turtle' } });
    assert.equal(first.status, 200);
    const quads = await parseResponse(first, part, server.base);
    const derivedFrom = quads.filter((quad) => quad.predicate.value === 'http://www.w3.org/ns/prov#wasDerivedFrom').map((quad) => quad.object.value);
    assert.deepEqual(derivedFrom, ['urn:digital-thread:import-source:as1-oc-214.stp']);
    const origin = quads.filter((quad) => quad.predicate.value === 'https://w3id.org/digital-thread/ns#importOrigin').map((quad) => quad.object.value);
    assert.deepEqual(origin, ['urn:x-dt:upload:fcc:as1-oc-214.stp']);

    const again = await submit('import/step?provider=fcc&source=as1-oc-214.stp', readFileSync(join(STEP, 'as1-oc-214.stp')));
    assert.deepEqual(again.report!.counts.parts, { created: 0, updated: 0, unchanged: 9, removed: 0 });
    const second = await server.fetch(part, { headers: { Accept: 'text/turtle' } });
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
  });

  it('hides import states from uncleared users', async () => {
    const job = await submit('import/csv?provider=fcc&source=state-probe.csv', 'Part Number,Parent,Title,Qty\nSP-1,,Probe assembly,1\nSP-2,SP-1,Probe tip,2\n');
    assert.equal(job.state, 'succeeded', job.error?.message);

    const states = async (headers: Record<string, string>): Promise<string[]> => {
      const url = new URL('sparql', server.base);
      url.searchParams.set('query', 'SELECT ?g WHERE { GRAPH ?g { ?g <https://w3id.org/digital-thread/ns#resourceFingerprints> ?state } }');
      const response = await server.fetch(url.href, { headers: { ...headers, Accept: 'text/tab-separated-values' } });
      const text = await response.text();
      assert.equal(response.status, 200, text);
      return text.split('\n').slice(1).filter((line) => line !== '');
    };
    const visible = await states(admin);
    assert.ok(visible.length >= 1, 'an ITAR-cleared administrator sees the import state');
    assert.deepEqual(await states(unclearedAdmin), []);

    const graph = visible[0]!.slice(1, -1);
    assert.match(graph, /^urn:x-dt:import-state:fcc:[0-9a-f]{32}$/);
    const path = `sparql/graph?graph=${encodeURIComponent(graph)}`;
    assert.equal((await server.fetch(path, { headers: { ...unclearedAdmin, Accept: 'application/n-triples' } })).status, 404);
    assert.equal((await server.fetch(path, { headers: { ...admin, Accept: 'application/n-triples' } })).status, 200);
  });

  it('shows ReqIF source attributes inline', async () => {
    const reqif = join('test', 'fixtures', 'import', 'reqif', 'Doors', '02_example_from_a_user', 'sample.reqif');
    const job = await submit('import/reqif?provider=fcc&source=doors-02.reqif', readFileSync(reqif));
    assert.equal(job.state, 'succeeded', job.error?.message);
    const requirement = job.report!.changes.find((change) => change.label.startsWith('requirement '))!.iri;
    const page = await server.fetch(requirement, { headers: { Accept: BROWSER_ACCEPT } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Source Attribute details/);
    assert.match(html, /ReqIF\.ForeignCreatedThru/);
    // The inline attributes are nested in the property table, not repeated as sections of their own.
    assert.doesNotMatch(html, /<h2>[^<]*#attribute-/);

    // A client that reads the requirement and writes it back sends the inline attributes too.
    const read = await server.fetch(requirement, { headers: { ...admin, Accept: 'text/turtle' } });
    const body = await read.text();
    assert.match(body, /#attribute-/);
    const written = await server.fetch(requirement, { method: 'PUT', headers: { ...admin, 'Content-Type': 'text/turtle', 'If-Match': read.headers.get('etag')! }, body });
    assert.equal(written.status, 204, await written.text());
    const again = await (await server.fetch(requirement, { headers: { ...admin, Accept: 'text/turtle' } })).text();
    assert.match(again, /ReqIF\.ForeignCreatedThru/);
  });

  it('shows the job report in RDF', async () => {
    const job = await submit('import/reqif?provider=eha', readFileSync(join(REQIF, 'ci.eclipse.org/TC1700_E0000_S10_Reference_20210122_1256_jenkins/sample.reqifz')));
    assert.equal(job.state, 'succeeded', job.error?.message);
    assert.deepEqual(job.report!.counts.requirements, { created: 2, updated: 0, unchanged: 0, removed: 0 });

    const response = await server.fetch(job.url, { headers: { ...admin, Accept: 'text/turtle' } });
    assert.equal(response.status, 200);
    const quads = await parseResponse(response, job.url, server.base);
    const values = (subject: string, property: string): string[] => quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === property).map((quad) => quad.object.value);
    assert.deepEqual(values(job.url, `${NS.rdf}type`).sort(), ['http://www.w3.org/ns/prov#Activity', `${NS.dt}ImportJob`]);
    assert.deepEqual(values(job.url, `${NS.dt}jobState`), ['succeeded']);
    assert.deepEqual(values(job.url, `${NS.dt}importFormat`), ['reqif']);
    assert.deepEqual(values(job.url, `${NS.dcterms}source`), ['upload.reqifz']);
    const results = quads.filter((quad) => quad.subject.value === job.url && quad.predicate.value === `${NS.dt}importResult`).map((quad) => quad.object.value);
    const requirements = results.find((node) => values(node, `${NS.dt}resourceType`)[0] === `${NS.oslc_rm}Requirement`)!;
    assert.deepEqual(values(requirements, `${NS.dt}createdCount`), ['2']);
    assert.deepEqual(values(requirements, `${NS.dt}unchangedCount`), ['0']);
    assert.equal(values(job.url, 'http://www.w3.org/ns/prov#endedAtTime').length, 1);
  });

  it('serves an imported requirement collection in Turtle', async () => {
    const document = `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><REQ-IF-TOOL-ID>IBM Rational DOORS</REQ-IF-TOOL-ID></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="t" LONG-NAME="Requirement"/></SPEC-TYPES>
    <SPEC-OBJECTS>
      <SPEC-OBJECT IDENTIFIER="pump-1" LONG-NAME="Pump modes"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="pump-1.1" LONG-NAME="Standby mode"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
    </SPEC-OBJECTS>
    <SPECIFICATIONS>
      <SPECIFICATION IDENTIFIER="pump-srs" LONG-NAME="Hydraulic pump SRS"><CHILDREN>
        <SPEC-HIERARCHY IDENTIFIER="h1"><OBJECT><SPEC-OBJECT-REF>pump-1</SPEC-OBJECT-REF></OBJECT><CHILDREN>
          <SPEC-HIERARCHY IDENTIFIER="h11"><OBJECT><SPEC-OBJECT-REF>pump-1.1</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
        </CHILDREN></SPEC-HIERARCHY>
      </CHILDREN></SPECIFICATION>
    </SPECIFICATIONS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
`;
    const job = await submit('import/reqif?provider=eha&source=pump-srs.reqif', document);
    assert.equal(job.state, 'succeeded', job.error?.message);
    assert.deepEqual(job.report!.counts.requirementCollections, { created: 1, updated: 0, unchanged: 0, removed: 0 });
    const collection = job.report!.changes.find((change) => change.type === 'requirementCollections')!;
    assert.equal(collection.label, 'requirement collection Hydraulic pump SRS');
    assert.match(collection.iri, /\/oslc\/sp\/eha\/requirement-collections\/RC-\d+$/);
    const members = job.report!.changes.filter((change) => change.type === 'requirements').map((change) => change.iri);

    const response = await server.fetch(collection.iri, { headers: { ...admin, Accept: 'text/turtle' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/turtle/);
    assert.match(response.headers.get('etag') ?? '', /^(W\/)?"/);
    const quads = await parseResponse(response, collection.iri, server.base);
    const values = (subject: string, property: string): string[] => quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === property).map((quad) => quad.object.value).sort();
    assert.deepEqual(values(collection.iri, `${NS.rdf}type`), [`${NS.oslc_rm}RequirementCollection`]);
    assert.deepEqual(values(collection.iri, `${NS.dcterms}title`), ['Hydraulic pump SRS']);
    assert.deepEqual(values(collection.iri, `${NS.oslc_rm}uses`), members.sort());
    assert.deepEqual(values(collection.iri, `${NS.oslc}instanceShape`), [new URL('oslc/shapes/RequirementCollection', server.base).href]);
    assert.deepEqual(values(collection.iri, `${NS.dt}sourceId`), ['pump-srs']);

    // Each member gives its place in the document.
    const sections: string[] = [];
    for (const member of members) {
      const memberQuads = await parseResponse(await server.fetch(member, { headers: { ...admin, Accept: 'text/turtle' } }), member, server.base);
      sections.push(...memberQuads.filter((quad) => quad.subject.value === member && quad.predicate.value === `${NS.dt}sectionNumber`).map((quad) => quad.object.value));
    }
    assert.deepEqual(sections.sort(), ['1', '1.1']);
  });

  it('lists a collection in document order', async () => {
    // The objects come in reverse document order, so their identifiers run against their section numbers.
    const numbers = Array.from({ length: 11 }, (_, index) => 11 - index);
    const objects = numbers.map((n) => `<SPEC-OBJECT IDENTIFIER="valve-${n}" LONG-NAME="Valve requirement ${n}"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>`);
    const hierarchy = [...numbers].reverse().map((n) => `<SPEC-HIERARCHY IDENTIFIER="vh${n}"><OBJECT><SPEC-OBJECT-REF>valve-${n}</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>`);
    const document = `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><REQ-IF-TOOL-ID>ReqIF Studio</REQ-IF-TOOL-ID></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="t" LONG-NAME="Requirement"/></SPEC-TYPES>
    <SPEC-OBJECTS>${objects.join('')}</SPEC-OBJECTS>
    <SPECIFICATIONS><SPECIFICATION IDENTIFIER="valve-srs" LONG-NAME="Valve SRS"><CHILDREN>${hierarchy.join('')}</CHILDREN></SPECIFICATION></SPECIFICATIONS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
`;
    const job = await submit('import/reqif?provider=eha&source=valve-srs.reqif', document);
    assert.equal(job.state, 'succeeded', job.error?.message);
    const collection = job.report!.changes.find((change) => change.type === 'requirementCollections')!;

    const html = await (await server.fetch(collection.iri, { headers: { ...admin, Accept: 'text/html' } })).text();
    const sections = [...html.matchAll(/<span class="section">([^<]+)<\/span>/g)].map((match) => match[1]);
    assert.deepEqual(sections, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    const titles = [...html.matchAll(/<span class="section">[^<]+<\/span> <span class="identifier">[^<]+<\/span> ([^<]+)</g)].map((match) => match[1]);
    assert.deepEqual(titles.slice(0, 3), ['Valve requirement 1', 'Valve requirement 2', 'Valve requirement 3']);
  });

  /** Fetches a job as Turtle and parses it with n3. */
  async function jobTurtle(url: string): Promise<Quad[]> {
    const response = await server.fetch(url, { headers: { ...admin, Accept: 'text/turtle' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/turtle/);
    return new Parser({ baseIRI: url }).parse(await response.text());
  }

  it('shows changes and warnings in RDF', async () => {
    const job = await submit('import/reqif?provider=eha&source=polarion.reqif', readFileSync(join(REQIF, 'Polarion/01_anonimized_example/sample.reqif')));
    assert.equal(job.state, 'succeeded', job.error?.message);
    const report = job.report!;
    // 101 requirements and the requirement collection of its SPECIFICATION.
    assert.equal(report.changes.length, 102);

    const quads = await jobTurtle(job.url);
    const values = (subject: string, property: string): string[] => quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === property).map((quad) => quad.object.value);
    const changes = values(job.url, `${NS.dt}importChange`);
    assert.equal(changes.length, 102);
    assert.deepEqual(values(job.url, `${NS.dt}changesNotListed`), []);

    const expected = report.changes[0]!;
    const node = changes.find((candidate) => values(candidate, `${NS.dt}changedResource`)[0] === expected.iri);
    assert.ok(node !== undefined, `no dt:importChange for ${expected.iri}`);
    assert.deepEqual(values(node, `${NS.rdf}type`), [`${NS.dt}ImportChange`]);
    assert.deepEqual(values(node, `${NS.dt}action`), ['create']);
    assert.deepEqual(values(node, `${NS.dt}resourceType`), [`${NS.oslc_rm}Requirement`]);
    assert.deepEqual(values(node, `${NS.dcterms}title`), [expected.label]);
    assert.deepEqual(values(node, `${NS.dcterms}description`), [expected.details!]);
    assert.match(expected.details!, /Source Attribute ReqIF\.ForeignCreatedBy: aaa/);

    // Each changed property with its whole values, as the JSON report's `values` gives them.
    const changedValues = values(node, `${NS.dt}changedValue`);
    assert.equal(changedValues.length, expected.values!.length);
    for (const entry of expected.values!) {
      const valueNode = changedValues.find((candidate) => values(candidate, `${NS.dt}changedProperty`)[0] === entry.property);
      assert.ok(valueNode !== undefined, `no dt:changedValue for ${entry.property}`);
      assert.deepEqual(values(valueNode, `${NS.rdf}type`), [`${NS.dt}ChangedValue`]);
      assert.deepEqual(values(valueNode, `${NS.dt}valueBefore`), []);
      assert.deepEqual(values(valueNode, `${NS.dt}valueAfter`).sort(), [...entry.after].sort());
      // Links and vocabulary terms are IRIs, other values literals.
      const termTypes = quads.filter((quad) => quad.subject.value === valueNode && quad.predicate.value === `${NS.dt}valueAfter`).map((quad) => quad.object.termType);
      assert.deepEqual(new Set(termTypes), new Set(entry.after.map(() => (entry.iris === true ? 'NamedNode' : 'Literal'))));
    }
    assert.ok(expected.values!.some((entry) => entry.property === `${NS.dcterms}title` && entry.iris === undefined));
    // A link, such as a requirement's oslc_rm:decomposes, is an IRI in both forms.
    const link = report.changes.flatMap((change) => (change.values ?? []).map((entry) => ({ change, entry }))).find(({ entry }) => entry.property === `${NS.oslc_rm}decomposes`);
    assert.ok(link !== undefined, 'no change sets oslc_rm:decomposes');
    assert.equal(link.entry.iris, true);
    const linkNode = changes.find((candidate) => values(candidate, `${NS.dt}changedResource`)[0] === link.change.iri)!;
    const linkValue = values(linkNode, `${NS.dt}changedValue`).find((candidate) => values(candidate, `${NS.dt}changedProperty`)[0] === link.entry.property)!;
    assert.deepEqual(
      quads.filter((quad) => quad.subject.value === linkValue && quad.predicate.value === `${NS.dt}valueAfter`).map((quad) => [quad.object.termType, quad.object.value]),
      link.entry.after.map((iri) => ['NamedNode', iri]),
    );
    // Every change created a resource, and the job wrote, so PROV-O links each as generated.
    const generated = values(job.url, 'http://www.w3.org/ns/prov#generated');
    assert.equal(generated.length, 102);
    assert.ok(generated.includes(expected.iri));

    const issues = values(job.url, `${NS.dt}importIssue`);
    assert.equal(issues.length, report.warnings.length);
    const warning = report.warnings.find((candidate) => candidate.location?.line === 577)!;
    assert.match(warning.message, /^value "aaa" of attribute "ReqIF\.ForeignCreatedOn" of SPEC-OBJECT-TYPE "Document" in SPEC-OBJECT/);
    const issue = issues.find((candidate) => values(candidate, `${NS.dt}sourceLine`)[0] === '577');
    assert.ok(issue !== undefined, 'no dt:importIssue at line 577');
    assert.deepEqual(values(issue, `${NS.rdf}type`), [`${NS.dt}ImportIssue`]);
    assert.deepEqual(values(issue, `${NS.dt}issueSeverity`), ['warning']);
    assert.deepEqual(values(issue, `${NS.oslc}message`), [warning.message]);
    assert.deepEqual(values(issue, `${NS.dt}sourceFile`), [warning.location!.file]);
    assert.deepEqual(values(issue, `${NS.dt}sourceEntity`), ['rmf-58ad1ca6-6365-4c74-ac1d-b821587c0289']);
    const line = quads.find((quad) => quad.subject.value === issue && quad.predicate.value === `${NS.dt}sourceLine`)!.object;
    assert.equal(line.termType === 'Literal' ? line.datatype.value : line.termType, 'http://www.w3.org/2001/XMLSchema#integer');
  });

  it('caps listed changes in RDF', async () => {
    // 601 parts and 600 BOM lines make 1201 changes, more than the 1000 that a job lists.
    const rows = ['Part Number,Parent,Title,Qty', 'CAP-0,,Cap assembly,1', ...Array.from({ length: 600 }, (_, index) => `CAP-${index + 1},CAP-0,Cap screw ${index + 1},1`)];
    const job = await submit('import/csv?provider=fcc&source=cap.csv&dryRun=true', `${rows.join('\n')}\n`);
    assert.equal(job.state, 'succeeded', job.error?.message);
    assert.equal(job.report!.changes.length, 1000);
    assert.equal(job.report!.changesNotListed, 201);

    const quads = await jobTurtle(job.url);
    const values = (property: string): string[] => quads.filter((quad) => quad.subject.value === job.url && quad.predicate.value === property).map((quad) => quad.object.value);
    assert.equal(values(`${NS.dt}importChange`).length, 1000);
    assert.deepEqual(values(`${NS.dt}changesNotListed`), ['201']);
    // A dry run generated nothing.
    assert.deepEqual(values('http://www.w3.org/ns/prov#generated'), []);
  });

  it('reports a rejected import in the job', async () => {
    const job = await submit('import/csv?provider=fcc&source=cycle.csv', 'Part Number,Parent,Title,Qty\nA-1,B-1,Top,1\nB-1,A-1,Bottom,1\n');
    assert.equal(job.state, 'failed');
    assert.match(job.error!.message, /^The import was rejected with 1 error; nothing was written:/);
    assert.equal(job.error!.issues!.length, 1);
    assert.match(job.error!.issues![0]!.message, /^BOM cycle: B-1 rev - uses A-1 rev - \(line 2\), A-1 rev - uses B-1 rev - \(line 3\)\./);

    const response = await server.fetch(job.url, { headers: { ...admin, Accept: 'text/turtle' } });
    const quads = await parseResponse(response, job.url, server.base);
    const issues = quads.filter((quad) => quad.predicate.value === `${NS.dt}issueMessage`).map((quad) => quad.object.value);
    assert.deepEqual(issues.length, 1);
    assert.match(issues[0]!, /^error: cycle\.csv line 3: BOM cycle:/);
  });

  it('reports an adapter error as a rejection', async () => {
    const reqifz = readFileSync(join(REQIF, 'examples-04_convert_reqif_to_json/sample_polarion_reqifz.reqifz'));
    const job = await submit('import/csv?provider=fcc&source=requirements.csv', reqifz);
    assert.equal(job.state, 'failed');
    const message = 'requirements.csv is no CSV BOM: it looks like a ReqIF archive (.reqifz), so import it as reqif ("import reqif", or POST /import/reqif).';
    assert.equal(job.error!.message, `The import was rejected with 1 error; nothing was written:\n- ${message}`);
    assert.deepEqual(job.error!.issues, [{ severity: 'error', message }]);

    const response = await server.fetch(job.url, { headers: { ...admin, Accept: 'text/turtle' } });
    const quads = await parseResponse(response, job.url, server.base);
    const values = (subject: string, property: string): string[] => quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === property).map((quad) => quad.object.value);
    assert.deepEqual(values(job.url, `${NS.dt}issueMessage`), [`error: ${message}`]);
    const [issue] = quads.filter((quad) => quad.subject.value === job.url && quad.predicate.value === `${NS.dt}importIssue`).map((quad) => quad.object.value);
    assert.deepEqual(values(issue!, `${NS.dt}issueSeverity`), ['error']);
    assert.deepEqual(values(issue!, `${NS.oslc}message`), [message]);
  });

  it('rejects archive without ReqIF document', async () => {
    const archive = await zipBytes({ 'eha-bom.csv': 'Part Number,Title\nC-2,Bracket\n' });
    const job = await submit('import/reqif?provider=fcc&source=notreqif.reqifz', archive);
    assert.equal(job.state, 'failed');
    const message = 'notreqif.reqifz contains no .reqif file (it contains eha-bom.csv); export the archive again from the requirements tool.';
    assert.deepEqual(job.error!.issues, [{ severity: 'error', message }]);
    assert.equal(job.report, undefined);
  });

  it('dry run writes nothing', async () => {
    const before = await server.fetch('oslc/sp/fcc/parts', { headers: { Accept: 'text/turtle' } });
    const job = await submit('import/step?provider=fcc&dryRun=true', readFileSync(join(STEP, 'dm1-id-214.stp')));
    assert.equal(job.state, 'succeeded');
    assert.equal(job.report!.counts.bomLines!.created, 3);
    const after = await server.fetch('oslc/sp/fcc/parts', { headers: { Accept: 'text/turtle' } });
    assert.equal(await after.text(), await before.text());
  });

  it('lists jobs newest first', async () => {
    const response = await server.fetch('import/jobs', { headers: admin });
    assert.equal(response.status, 200);
    const jobs = (await response.json()) as (Omit<JobJson, 'report'> & { counts?: Record<string, { created: number }>; changeCount?: number; warningCount?: number; report?: unknown })[];
    assert.ok(jobs.length >= 5);
    assert.equal(jobs[0]!.counts?.bomLines?.created, 3);
    assert.equal(jobs[0]!.changeCount, 10);
    assert.equal(jobs[0]!.report, undefined, 'the list gives no full reports');
  });

  const PROV = 'http://www.w3.org/ns/prov#';
  const FOAF_NAME = 'http://xmlns.com/foaf/0.1/name';

  it('shows submitter and removal in RDF', async () => {
    const removal = await submit('import/csv?provider=fcc&source=submitter.csv&dryRun=true&removeMissing=true', 'Part Number,Parent,Title,Qty\nSB-1,,Submitter probe,1\n');
    const plain = await submit('import/csv?provider=fcc&source=submitter.csv&dryRun=true', 'Part Number,Parent,Title,Qty\nSB-1,,Submitter probe,1\n');
    const cases: [JobJson, string][] = [
      [removal, 'true'],
      [plain, 'false'],
    ];
    for (const [job, removeMissing] of cases) {
      const quads = await jobTurtle(job.url);
      const values = (subject: string, property: string): string[] => quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === property).map((quad) => quad.object.value);
      assert.deepEqual(values(job.url, `${NS.dt}removeMissing`), [removeMissing]);
      const flag = quads.find((quad) => quad.subject.value === job.url && quad.predicate.value === `${NS.dt}removeMissing`)!.object;
      assert.equal(flag.termType === 'Literal' ? flag.datatype.value : flag.termType, `${NS.xsd}boolean`);

      const agents = values(job.url, `${PROV}wasAssociatedWith`);
      assert.equal(agents.length, 1);
      assert.deepEqual(values(agents[0]!, `${NS.rdf}type`), [`${PROV}Agent`]);
      assert.deepEqual(values(agents[0]!, FOAF_NAME), ['import-admin']);
    }
  });

  it('writes no API key in a job', async () => {
    const key = admin.Authorization!.slice('Bearer '.length);
    const job = await submit('import/csv?provider=fcc&source=secret.csv&dryRun=true', 'Part Number,Parent,Title,Qty\nSK-1,,Secret probe,1\n');
    for (const path of [job.url, 'import/jobs']) {
      for (const accept of ['application/json', 'text/turtle', 'application/ld+json', 'application/rdf+xml', 'application/n-triples', 'text/html']) {
        const response = await server.fetch(path, { headers: { ...admin, Accept: accept } });
        assert.equal(response.status, 200, `${path} as ${accept}`);
        assert.ok(!(await response.text()).includes(key), `${path} as ${accept} contains the API key`);
      }
    }
    const file = readFileSync(join(server.dataDirectory, 'import-jobs', `${job.id}.json`), 'utf8');
    assert.ok(!file.includes(key), 'the job file contains the API key');
    assert.equal(JSON.parse(file).submittedBy, 'import-admin');
  });

  it('job resources negotiate the media type', async () => {
    const job = await submit('import/csv?provider=fcc&source=negotiation.csv&dryRun=true', 'Part Number,Parent,Title,Qty\nNG-1,,Negotiation probe,1\n');
    const cases: [string | undefined, number, string][] = [
      [undefined, 200, 'application/json'],
      ['*/*', 200, 'application/json'],
      ['application/json', 200, 'application/json'],
      ['text/turtle, application/json', 200, 'application/json'],
      ['text/turtle;q=0.5, application/json', 200, 'application/json'],
      ['text/turtle', 200, 'text/turtle'],
      ['application/json;q=0.5, text/turtle', 200, 'text/turtle'],
      ['application/ld+json', 200, 'application/ld+json'],
      ['application/rdf+xml', 200, 'application/rdf+xml'],
      ['application/n-triples', 200, 'application/n-triples'],
      ['application/xml', 200, 'application/xml'],
      ['text/n3', 200, 'text/turtle'],
      [BROWSER_ACCEPT, 200, 'text/html'],
      ['image/png', 406, 'text/turtle'],
      ['application/json;q=0, text/plain', 406, 'text/turtle'],
    ];
    for (const path of ['import/jobs', job.url]) {
      for (const [accept, status, type] of cases) {
        const response = await server.fetch(path, { headers: accept === undefined ? admin : { ...admin, Accept: accept } });
        assert.equal(response.status, status, `${path} with Accept ${accept ?? '(none)'}`);
        assert.equal((response.headers.get('content-type') ?? '').split(';')[0], type, `${path} with Accept ${accept ?? '(none)'}`);
        assert.match(response.headers.get('vary') ?? '', /Accept/, `${path} with Accept ${accept ?? '(none)'}`);
        if (status === 406) {
          assert.match(await errorMessage(response), /^None of the media types in the Accept header \(.+\) can be produced here\. Request one of text\/turtle, /);
        }
      }
    }
  });

  it('lists jobs in RDF', async () => {
    const job = await submit('import/csv?provider=fcc&source=list.csv&dryRun=true', 'Part Number,Parent,Title,Qty\nLS-1,,List probe,1\nLS-2,LS-1,List tip,2\n');
    const summaries = (await (await server.fetch('import/jobs', { headers: admin })).json()) as { url: string; submitted: string; changeCount?: number; warningCount?: number }[];
    const summary = summaries.find((candidate) => candidate.url === job.url)!;

    const list = new URL('import/jobs', server.base).href;
    const quads = await jobTurtle(list);
    const values = (subject: string, property: string): string[] => quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === property).map((quad) => quad.object.value);
    assert.deepEqual(values(list, `${NS.rdf}type`), [`${NS.ldp}BasicContainer`]);
    assert.deepEqual(values(list, `${NS.ldp}contains`).sort(), summaries.map((candidate) => candidate.url).sort());

    const facts: [string, string[]][] = [
      [`${NS.rdf}type`, [`${PROV}Activity`, `${NS.dt}ImportJob`]],
      [`${NS.dt}jobState`, ['succeeded']],
      [`${NS.dt}importFormat`, ['csv']],
      [`${NS.dcterms}source`, ['list.csv']],
      [`${NS.oslc}serviceProvider`, [new URL('oslc/sp/fcc', server.base).href]],
      [`${NS.dcterms}created`, [summary.submitted]],
      [`${NS.dt}dryRun`, ['true']],
      [`${NS.dt}removeMissing`, ['false']],
      [`${NS.dt}changeCount`, [String(summary.changeCount)]],
      [`${NS.dt}warningCount`, [String(summary.warningCount)]],
      // The list gives counts, not the changes and warnings themselves.
      [`${NS.dt}importChange`, []],
      [`${NS.dt}importIssue`, []],
    ];
    for (const [property, expected] of facts) {
      assert.deepEqual(values(job.url, property).sort(), expected, property);
    }
    assert.equal(summary.changeCount, 3);
    const agent = values(job.url, `${PROV}wasAssociatedWith`)[0]!;
    assert.deepEqual(values(agent, FOAF_NAME), ['import-admin']);
    const results = values(job.url, `${NS.dt}importResult`);
    const parts = results.find((node) => values(node, `${NS.dt}resourceType`)[0] === `${NS.oslc_plm}Part`)!;
    assert.deepEqual(values(parts, `${NS.dt}createdCount`), ['2']);
    assert.deepEqual(values(parts, `${NS.dt}removedCount`), ['0']);
  });

  it('declares the dt terms of jobs', async () => {
    const vocabulary = await parseResponse(await server.fetch('ns', { headers: { Accept: 'text/turtle' } }), new URL('ns', server.base).href, server.base);
    const jobs = (await (await server.fetch('import/jobs', { headers: admin })).json()) as { url: string }[];
    const used = new Set<string>();
    for (const path of [new URL('import/jobs', server.base).href, jobs[0]!.url]) {
      for (const quad of await jobTurtle(path)) {
        for (const term of [quad.predicate, quad.object]) {
          if (term.termType === 'NamedNode' && term.value.startsWith(NS.dt)) {
            used.add(term.value);
          }
        }
      }
    }
    assert.ok(used.has(`${NS.dt}removeMissing`));
    assert.ok(used.has(`${NS.dt}changeCount`));
    const undeclared = [...used].filter((term) => objects(vocabulary, term, `${NS.rdfs}label`).length === 0 || objects(vocabulary, term, `${NS.rdfs}comment`).length === 0);
    assert.deepEqual(undeclared, [], 'dt: terms without rdfs:label or rdfs:comment in /ns');
  });

  const badRequests: [string, string, Buffer | string, number, RegExp][] = [
    ['unknown format', 'import/iges?provider=fcc', 'x', 404, /Unknown import format "iges"; upload one of step, csv, plmxml, reqif, or pull from Windchill with `digital-thread import odata URL`\./],
    ['odata upload', 'import/odata?provider=fcc', '{}', 400, /The odata format pulls from a server rather than reading an upload; run `digital-thread import odata URL` instead\./],
    ['no provider', 'import/step', 'x', 400, /Name the service provider to import into with \?provider=ID, one of eha, fcc\./],
    ['unknown provider', 'import/step?provider=abc', 'x', 400, /No service provider "abc" exists; use one of eha, fcc\./],
    ['empty body', 'import/step?provider=fcc', '', 400, /The request body is empty; send the step file as the body/],
    ['bad flag', 'import/step?provider=fcc&dryRun=maybe', 'x', 400, /\?dryRun= takes true or false, not "maybe"\./],
    ['bad mapping', 'import/csv?provider=fcc&mapping=%7Bcolumns', 'x', 400, /\?mapping= is not valid JSON/],
    ['mapping for step', 'import/step?provider=fcc&mapping=%7B%7D', 'x', 400, /^The step format takes no mapping \(--mapping, mapping=\); only csv, reqif, and odata take one, so leave it out\.$/],
    ['unknown tool', 'import/reqif?provider=fcc&tool=Doors%20Classic', 'x', 400, /^\?tool= "Doors Classic" is not a known tool; use one of "DOORS Next", "DOORS", "Polarion", "ReqIF Studio", "Eclipse RMF", "ReqIF"\.$/],
    ['tool for csv', 'import/csv?provider=fcc&tool=DOORS', 'x', 400, /^The csv format takes no exporting tool \(--tool, tool=\); only reqif takes one, so leave it out\.$/],
    ['removal without a source name', 'import/csv?provider=fcc&removeMissing=true', 'Part Number\nA-1\n', 400, /removeMissing=true needs the source's name, because uploads without one all share the name upload\.csv; add source=NAME/],
  ];
  for (const [name, path, body, status, message] of badRequests) {
    it(`rejects ${name}`, async () => {
      const response = await upload(path, body);
      assert.equal(response.status, status);
      // The endpoint responds in JSON, so its errors are JSON for a client that accepts any type.
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.match(await errorMessage(response), message);
    });
  }

  /** Returns the number of quads in the named graphs, counted with the ITAR-cleared admin key so that no marked graph is left out. */
  async function quadCount(): Promise<number> {
    const url = new URL('sparql', server.base);
    url.searchParams.set('query', 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }');
    const response = await server.fetch(url.href, { headers: { ...admin, Accept: 'text/tab-separated-values' } });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    const count = Number.parseInt(text.split('\n')[1]!.replace(/^"/, ''), 10);
    assert.ok(count > 0, `no quad count in ${text}`);
    return count;
  }

  /** Returns what a rejected import must leave as it was: the store's size, the fcc parts and the job list. */
  async function storeState(): Promise<{ quads: number; parts: string; jobs: number }> {
    const parts = await (await server.fetch('oslc/sp/fcc/parts', { headers: { Accept: 'text/turtle' } })).text();
    const jobs = (await (await server.fetch('import/jobs', { headers: admin })).json()) as JobJson[];
    return { quads: await quadCount(), parts, jobs: jobs.length };
  }

  const ACCEPTED_PARAMETERS = 'The accepted query parameters are provider, dryRun, removeMissing, source, mapping, tool, bomView, top.';
  const parameterMistakes: [string, string][] = [
    ['dryrun=true', `The query parameter "dryrun" is unknown, so nothing was imported. Did you mean dryRun? ${ACCEPTED_PARAMETERS}`],
    ['DRYRUN=true', `The query parameter "DRYRUN" is unknown, so nothing was imported. Did you mean dryRun? ${ACCEPTED_PARAMETERS}`],
    ['dry-run=true', `The query parameter "dry-run" is unknown, so nothing was imported. Did you mean dryRun? ${ACCEPTED_PARAMETERS}`],
    ['dryRun[]=true', `The query parameter "dryRun[]" is unknown, so nothing was imported. Did you mean dryRun? ${ACCEPTED_PARAMETERS}`],
    ['remove_missing=true', `The query parameter "remove_missing" is unknown, so nothing was imported. Did you mean removeMissing? ${ACCEPTED_PARAMETERS}`],
    ['srouce=other.csv', `The query parameter "srouce" is unknown, so nothing was imported. Did you mean source? ${ACCEPTED_PARAMETERS}`],
    ['format=turtle', `The query parameter "format" is unknown, so nothing was imported. ${ACCEPTED_PARAMETERS}`],
    ['dryRun=true&dryRun=true', 'The query parameter dryRun is given more than once, so nothing was imported. Give it once.'],
    ['bomView=asbuilt', 'The bomView query parameter has the invalid value "asbuilt". Use EBOM or MBOM (in any letter case), or omit the parameter for the EBOM.'],
    ['bomview=MBOM', `The query parameter "bomview" is unknown, so nothing was imported. Did you mean bomView? ${ACCEPTED_PARAMETERS}`],
  ];
  for (const [query, message] of parameterMistakes) {
    it(`rejects query ${query}`, async () => {
      const before = await storeState();
      const response = await upload(`import/csv?provider=fcc&source=parameter-probe.csv&${query}`, 'Part Number,Parent,Title,Qty\nPP-1,,Parameter probe,1\n');
      assert.equal(response.status, 400);
      assert.equal(await errorMessage(response), message);
      const after = await storeState();
      assert.equal(after.quads, before.quads, 'no quad was written');
      assert.equal(after.parts, before.parts, 'the fcc parts are unchanged');
      assert.equal(after.jobs, before.jobs, 'no job was created');
    });
  }

  const sourceNames: [query: string, source: string, iri: string][] = [
    ['source=/exports/2026-03/names-probe.csv', 'names-probe.csv', 'urn:digital-thread:import-source:names-probe.csv'],
    ['source=https%3A%2F%2Fplm.example.com%2Fexports%2Fnames-probe.csv', 'https://plm.example.com/exports/names-probe.csv', 'https://plm.example.com/exports/names-probe.csv'],
    ['source=%2Fexports%2Fnames-probe%2F', 'names-probe', 'urn:digital-thread:import-source:names-probe'],
  ];
  for (const [query, source, iri] of sourceNames) {
    it(`names the source of ${query}`, async () => {
      const job = await submit(`import/csv?provider=fcc&dryRun=true&${query}`, 'Part Number,Parent,Title,Qty\nNP-1,,Names probe,1\n');
      assert.equal(job.state, 'succeeded', job.error?.message);
      assert.equal((job as unknown as { source: string }).source, source);
      assert.equal((job.report as unknown as { source: { iri: string } }).source.iri, iri);
    });
  }

  it('rejects a multipart form upload', async () => {
    const before = await storeState();
    const form = new FormData();
    form.append('file', new Blob(['Part Number,Parent,Title,Qty\nMP-1,,Form probe,1\n'], { type: 'text/csv' }), 'form.csv');
    const response = await server.fetch('import/csv?provider=fcc&source=form.csv', { method: 'POST', headers: admin, body: form });
    assert.equal(response.status, 415);
    assert.equal(await errorMessage(response), 'The request body is a multipart form, which wraps the file; send the csv file itself as the body, with curl --data-binary @FILE instead of curl -F.');
    assert.equal((await storeState()).jobs, before.jobs);
  });

  it('rejects an empty source name', async () => {
    const before = await storeState();
    const response = await upload('import/csv?provider=fcc&source=', 'Part Number,Parent,Title,Qty\nNP-1,,Names probe,1\n');
    assert.equal(response.status, 400);
    assert.equal(await errorMessage(response), 'The source name is empty; give source=NAME, such as source=bom.csv, or leave the parameter out to use upload.EXT.');
    assert.equal((await storeState()).jobs, before.jobs);
  });

  it('accepts every defined parameter', async () => {
    const before = await storeState();
    const mapping = encodeURIComponent(JSON.stringify({ columns: { partNumber: 'Item' } }));
    const job = await submit(`import/csv?provider=fcc&dryRun=true&removeMissing=true&source=accepted.csv&mapping=${mapping}`, 'Item,Parent,Title,Qty\nAP-1,,Accepted probe,1\nAP-2,AP-1,Accepted tip,2\n');
    assert.equal(job.state, 'succeeded', job.error?.message);
    assert.equal(job.report!.counts.parts!.created, 2);

    // The tool is read by the reqif format only.
    const reqifMapping = encodeURIComponent(JSON.stringify({ title: 'ReqIF.Name' }));
    const reqif = await submit(`import/reqif?provider=fcc&dryRun=true&source=accepted.reqif&mapping=${reqifMapping}&tool=DOORS`, readFileSync(join(REQIF, 'Doors', '02_example_from_a_user', 'sample.reqif')));
    assert.equal(reqif.state, 'succeeded', reqif.error?.message);
    // An earlier test imported the same file into fcc, so its requirements exist.
    const requirements = reqif.report!.counts.requirements!;
    assert.equal(requirements.created + requirements.updated + requirements.unchanged, 3);
    const after = await storeState();
    assert.equal(after.quads, before.quads, 'the dry runs wrote no quad');
    assert.equal(after.jobs, before.jobs + 2);
  });

  it('imports lines into the MBOM', async () => {
    const job = await submit('import/csv?provider=fcc&source=mbom-probe.csv&bomView=MBOM', 'Part Number,Parent,Title,Qty,Find No\nMB-1,,Kit probe,1,\nMB-2,MB-1,Kit tip,2,10\n');
    assert.equal(job.state, 'succeeded', job.error?.message);
    assert.equal((job as unknown as { defaultBomView: string }).defaultBomView, 'MBOM');
    const line = job.report!.changes.find((change) => change.type === 'bomLines')!;
    assert.equal(line.label, 'BOM line MB-1 rev - > MB-2 rev - find 10 (MBOM)');
    const turtle = await (await server.fetch(line.iri, { headers: { Accept: 'text/turtle' } })).text();
    assert.match(turtle, /bomView> <https:\/\/w3id\.org\/digital-thread\/ns#MBOM>|dt:bomView dt:MBOM/);
    assert.match(turtle, /MB-1 MBOM item 10: Kit tip/);
  });

  it('job shows the default BOM view', async () => {
    const csv = await submit('import/csv?provider=fcc&source=default-view.csv&dryRun=true', 'Part Number,Parent,Title,Qty\nDV-1,,Default view probe,1\n');
    assert.equal((csv as unknown as { defaultBomView?: string }).defaultBomView, 'EBOM');
    const reqif = await submit('import/reqif?provider=fcc&source=default-view.reqif&dryRun=true', readFileSync(join(REQIF, 'Doors', '02_example_from_a_user', 'sample.reqif')));
    assert.equal((reqif as unknown as { defaultBomView?: string }).defaultBomView, undefined);
  });

  it('rejects bomView for ReqIF', async () => {
    const response = await upload('import/reqif?provider=fcc&source=view.reqif&bomView=MBOM', readFileSync(join(REQIF, 'Doors', '02_example_from_a_user', 'sample.reqif')));
    assert.equal(response.status, 400);
    assert.equal(await errorMessage(response), 'The reqif format takes no BOM view (--bom-view, bomView=); only step, plmxml, csv, and odata take one, so leave it out.');
  });

  it('bare dryRun is a dry run', async () => {
    const before = await quadCount();
    const job = await submit('import/csv?provider=fcc&source=bare-flag.csv&dryRun', 'Part Number,Parent,Title,Qty\nBF-1,,Bare flag probe,1\n');
    assert.equal(job.state, 'succeeded', job.error?.message);
    assert.equal(job.report!.counts.parts!.created, 1);
    assert.equal(await quadCount(), before);
  });

  it('unknown job is 404', async () => {
    const response = await server.fetch('import/jobs/00000000-0000-0000-0000-000000000000', { headers: admin });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.match(await errorMessage(response), /^No import job 00000000-0000-0000-0000-000000000000 is known/);

    const turtle = await server.fetch('import/jobs/00000000-0000-0000-0000-000000000000', { headers: { ...admin, Accept: 'text/turtle' } });
    assert.equal(turtle.status, 404);
    assert.equal(turtle.headers.get('content-type'), 'text/turtle; charset=utf-8');
  });

  it('keeps jobs across a restart', async () => {
    // 601 parts and 600 BOM lines make 1201 changes, more than the 1000 that a job lists. Two lines
    // share find number 10, for a warning.
    const rows = ['Part Number,Parent,Title,Qty,Find No', 'RS-0,,Restart assembly,1,', ...Array.from({ length: 600 }, (_, index) => `RS-${index + 1},RS-0,Restart screw ${index + 1},1,${index < 2 ? 10 : index + 20}`)];
    const job = await submit('import/csv?provider=fcc&source=restart.csv', `${rows.join('\n')}\n`);
    assert.equal(job.state, 'succeeded', job.error?.message);

    const list = new URL('import/jobs', server.base).href;
    const read = async () => {
      const json = (await (await server.fetch(job.url, { headers: admin })).json()) as JobJson;
      const summaries = (await (await server.fetch('import/jobs', { headers: admin })).json()) as { url: string; changeCount?: number; warningCount?: number }[];
      const jobQuads = await jobTurtle(job.url);
      const listQuads = await jobTurtle(list);
      const values = (quads: Quad[], property: string): string[] => quads.filter((quad) => quad.subject.value === job.url && quad.predicate.value === property).map((quad) => quad.object.value).sort();
      return {
        json,
        summary: summaries.find((candidate) => candidate.url === job.url),
        state: values(jobQuads, `${NS.dt}jobState`),
        changes: values(jobQuads, `${NS.dt}importChange`).length,
        changesNotListed: values(jobQuads, `${NS.dt}changesNotListed`),
        generated: values(jobQuads, `${PROV}generated`).length,
        issues: values(jobQuads, `${NS.dt}importIssue`).length,
        issueMessages: values(jobQuads, `${NS.dt}issueMessage`),
        listChangeCount: values(listQuads, `${NS.dt}changeCount`),
        listWarningCount: values(listQuads, `${NS.dt}warningCount`),
      };
    };

    const before = await read();
    assert.equal(before.json.report!.changes.length, 1000);
    assert.equal(before.json.report!.changesNotListed, 201);
    const warnings = before.json.report!.warnings.length;
    assert.ok(warnings > 0, 'the import has no warning');
    assert.deepEqual(before.summary && { changeCount: before.summary.changeCount, warningCount: before.summary.warningCount }, { changeCount: 1201, warningCount: warnings });
    assert.deepEqual(before.state, ['succeeded']);
    assert.equal(before.changes, 1000);
    assert.deepEqual(before.changesNotListed, ['201']);
    assert.equal(before.issues, warnings);
    assert.deepEqual(before.listChangeCount, ['1201']);
    assert.deepEqual(before.listWarningCount, [String(warnings)]);

    await server.restart();

    const after = await read();
    assert.deepEqual(after.json, before.json);
    assert.deepEqual(after.summary, before.summary);
    for (const key of ['state', 'changes', 'changesNotListed', 'generated', 'issues', 'issueMessages', 'listChangeCount', 'listWarningCount'] as const) {
      assert.deepEqual(after[key], before[key], key);
    }
  });
});

describe('import endpoint of a stopping server', () => {
  it('answers 503 and queues nothing', async () => {
    const server = await startTestServer();
    try {
      const keys = new ApiKeyStore(server.dataDirectory);
      const admin = { Authorization: `Bearer ${keys.create('stopping-admin', 'admin', ['ITAR']).key}` };
      // The first step of stopping the server, which then waits for open connections.
      await server.server.context.imports.close();

      const response = await server.fetch('import/csv?provider=fcc&source=late.csv', { method: 'POST', headers: { ...admin, 'Content-Type': 'text/csv' }, body: 'Part Number,Title\nLATE-1,Late part\n' });
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('retry-after'), '30');
      assert.match(await response.text(), /The server is stopping, so it queues no more imports; submit the import again once the server has restarted\./);
      const jobs = (await (await server.fetch('import/jobs', { headers: admin })).json()) as unknown[];
      assert.equal(jobs.length, 0);
    } finally {
      await server.stop();
    }
  });
});

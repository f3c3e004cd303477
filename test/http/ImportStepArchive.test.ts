import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiKeyStore } from '../../src/auth/ApiKeyStore.js';
import { runCli } from '../helpers/DigitalThreadCli.js';
import { parseResponse } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { S1, s1Entries } from '../import/helpers/stepArchives.js';
import { renameEntry, zipBytes } from '../import/helpers/zip.js';
import { NS } from './HttpTestSupport.js';

const STEP = join('test', 'fixtures', 'import', 'step');

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

interface JobJson {
  url: string;
  state: string;
  source: string;
  report?: { counts: Record<string, Counts>; changes: { label: string; iri: string }[]; warnings: { message: string }[] };
  error?: { message: string; issues?: { severity: string; message: string }[] };
}

describe('import endpoint with a STEP zip', () => {
  let server: TestServer;
  let admin: Record<string, string>;

  before(async () => {
    server = await startTestServer();
    admin = { Authorization: `Bearer ${new ApiKeyStore(server.dataDirectory).create('zip-admin', 'admin', ['ITAR']).key}` };
  });
  after(() => server.stop());

  function upload(path: string, body: Buffer | string): Promise<Response> {
    return server.fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/zip', ...admin }, body });
  }

  /** Uploads, expects 202 and polls the job until it finishes, for at most 20 s. */
  async function submit(path: string, body: Buffer): Promise<JobJson> {
    const response = await upload(path, body);
    assert.equal(response.status, 202, await response.clone().text());
    const location = response.headers.get('location')!;
    for (let attempt = 0; attempt < 200; attempt++) {
      const job = (await (await server.fetch(location, { headers: admin })).json()) as JobJson;
      if (job.state === 'succeeded' || job.state === 'failed') {
        return job;
      }
      await sleep(100);
    }
    throw new Error(`job ${location} did not finish in 20 s`);
  }

  /** Returns the values of one property of a resource, read in Turtle. */
  async function values(iri: string, property: string): Promise<string[]> {
    const quads = await parseResponse(await server.fetch(iri, { headers: { Accept: 'text/turtle' } }), iri, server.base);
    return quads.filter((quad) => quad.subject.value === iri && quad.predicate.value === property).map((quad) => quad.object.value);
  }

  const accepted: [name: string, query: string, entries: () => Record<string, Buffer>, source: string, warnings: number][] = [
    ['top file found', '', () => s1Entries(), 's1-c5-214.stp', 0],
    ['top file in a folder', '', () => s1Entries('s1-c5-214/'), 's1-c5-214.stp', 0],
    ['top file in a folder and source', '&source=s1-folder.zip', () => s1Entries('s1-c5-214/'), 's1-folder.zip', 0],
    ['top file given', '&top=s1-c5-214.stp', () => ({ ...s1Entries(), 'as1-oc-214.stp': readFileSync(join(STEP, 'as1-oc-214.stp')) }), 's1-c5-214.stp', 1],
    ['top file given and source', '&source=s1-top.zip&top=s1-c5-214.stp', () => ({ ...s1Entries(), 'as1-oc-214.stp': readFileSync(join(STEP, 'as1-oc-214.stp')) }), 's1-top.zip', 1],
  ];
  for (const [name, query, entries, source, warnings] of accepted) {
    it(`imports S1 with ${name}`, async () => {
      const job = await submit(`import/step?provider=fcc&dryRun=true${query}`, await zipBytes(entries()));
      assert.equal(job.state, 'succeeded', job.error?.message);
      assert.equal(job.source, source);
      assert.deepEqual(job.report!.counts.parts, { created: 13, updated: 0, unchanged: 0, removed: 0 });
      assert.deepEqual(job.report!.counts.bomLines, { created: 12, updated: 0, unchanged: 0, removed: 0 });
      assert.equal(job.report!.warnings.length, warnings);
    });
  }

  it('names the parts as the command line does', async () => {
    const job = await submit('import/step?provider=fcc&source=s1-c5-214.stp', await zipBytes(s1Entries()));
    assert.equal(job.state, 'succeeded', job.error?.message);
    const turbine = job.report!.changes.find((change) => change.label === 'part TAIL_TURBINE rev -')!.iri;
    assert.deepEqual(await values(turbine, `${NS.dt}sourceId`), ['TAIL.stp:TAIL_TURBINE/-']);
    assert.deepEqual(await values(turbine, 'http://www.w3.org/ns/prov#wasDerivedFrom'), ['urn:digital-thread:import-source:s1-c5-214.stp']);
    assert.deepEqual(await values(turbine, `${NS.dt}importOrigin`), ['urn:x-dt:upload:fcc:s1-c5-214.stp']);
  });

  it('names a missing component in the job', async () => {
    const job = await submit('import/step?provider=fcc&source=s1-lacking.zip', await zipBytes(s1Entries('', ['TAIL_TURBINE.stp'])));
    assert.equal(job.state, 'failed');
    assert.deepEqual(
      job.error!.issues!.map((issue) => issue.message),
      ['The external file TAIL_TURBINE.stp, referenced from TAIL.stp for part TAIL_TURBINE, was not found in s1-lacking.zip, so add it to the archive next to TAIL.stp, or export the assembly as one STEP file.'],
    );
  });

  const topFix = 'Name the top file with top=NAME (--top NAME on the command line)';
  const rejected: [name: string, query: string, body: () => Promise<Buffer>, message: string][] = [
    [
      'two top files',
      '',
      () => zipBytes({ ...s1Entries(), 'as1-oc-214.stp': readFileSync(join(STEP, 'as1-oc-214.stp')) }),
      `upload.zip contains 2 STEP files that no other file in it refers to, so the top file of the assembly is unclear: s1-c5-214.stp, as1-oc-214.stp. ${topFix}, such as top=s1-c5-214.stp, or leave out the files that are not part of the assembly.`,
    ],
    [
      'no STEP file',
      '&source=bom.zip',
      () => zipBytes({ 'bom.csv': 'Part Number,Title\nC-2,Bracket\n' }),
      'bom.zip contains no STEP file (.stp, .step or .p21): it contains bom.csv. Zip the STEP files of the assembly, top file included, or import the other files in their own formats.',
    ],
    [
      'a top file not in it',
      '&top=assembly.stp',
      () => zipBytes(s1Entries()),
      'The top file assembly.stp was not found in upload.zip; give one of its STEP files: FOOT.stp, FOOT_BACK_000.stp, FOOT_FRONT_000.stp, HEAD.stp, HEAD_BACK.stp and 8 more.',
    ],
    [
      'an entry outside the archive',
      '',
      async () => renameEntry(await zipBytes(s1Entries('xx/')), 'xx/FOOT.stp', '../FOOT.stp'),
      "upload.zip: invalid entry: invalid relative path: ../FOOT.stp; zip only the assembly's STEP files, with names relative to the archive's top level",
    ],
    [
      'a backslash entry outside the archive',
      '',
      async () => renameEntry(await zipBytes({ ...s1Entries(), 'xx/evil.stp': 'x' }), 'xx/evil.stp', '..\\evil.stp'),
      "upload.zip: invalid entry: invalid relative path: ../evil.stp; zip only the assembly's STEP files, with names relative to the archive's top level",
    ],
    [
      'more entries than the limit',
      '',
      () => zipBytes(Object.fromEntries(Array.from({ length: 1001 }, (_, index) => [`part-${index}.txt`, 'x']))),
      "upload.zip: archive has 1001 entries, more than the limit of 1000; zip only the assembly's STEP files, with names relative to the archive's top level",
    ],
    [
      'a zip cut short',
      '',
      async () => (await zipBytes(s1Entries())).subarray(0, 900),
      'The upload upload.zip is not a readable zip archive (End of central directory record signature not found. Either not a zip file, or file is truncated); if the file was cut short, copy or upload the whole file again.',
    ],
    [
      'top for one STEP file',
      '&top=as1-oc-214.stp',
      async () => readFileSync(join(STEP, 'as1-oc-214.stp')),
      'top=as1-oc-214.stp names the top file in a zip archive of STEP files, but the body is a STEP file; leave top out, or upload the zip archive.',
    ],
  ];
  for (const [name, query, body, message] of rejected) {
    it(`rejects ${name}`, async () => {
      const jobs = ((await (await server.fetch('import/jobs', { headers: admin })).json()) as unknown[]).length;
      const response = await upload(`import/step?provider=fcc${query}`, await body());
      assert.equal(response.status, 400);
      const quads = await parseResponse(response, new URL('import/', server.base).href, server.base);
      assert.equal(quads.find((quad) => quad.predicate.value === `${NS.oslc}message`)?.object.value, message);
      assert.equal(((await (await server.fetch('import/jobs', { headers: admin })).json()) as unknown[]).length, jobs, 'no job was queued');
    });
  }

  it('rejects top for CSV', async () => {
    const response = await upload('import/csv?provider=fcc&top=bom.csv', 'Part Number\nA-1\n');
    assert.equal(response.status, 400);
    const quads = await parseResponse(response, new URL('import/', server.base).href, server.base);
    assert.equal(quads.find((quad) => quad.predicate.value === `${NS.oslc}message`)?.object.value, 'The csv format takes no top file (--top, top=); only step takes one, so leave it out.');
  });

  // Provider eha has no S1 parts from the tests above, so the command line creates them.
  it('updates what the command line imported', async () => {
    let cli = { status: null as number | null, stdout: '', stderr: '' };
    await server.restart(() => {
      cli = runCli(['import', 'step', join(S1, 's1-c5-214.stp'), '--data', server.dataDirectory, '--base-url', server.base, '--provider', 'eha', '--quiet', '--json']);
    });
    assert.equal(cli.status, 0, cli.stderr);
    const fromCli = JSON.parse(cli.stdout) as { source: { iri: string }; counts: Record<string, Counts> };
    assert.equal(fromCli.source.iri, 'urn:digital-thread:import-source:s1-c5-214.stp');
    assert.deepEqual(fromCli.counts.parts, { created: 13, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(fromCli.counts.bomLines, { created: 12, updated: 0, unchanged: 0, removed: 0 });

    // Without source= the zip is named by its top file, so it is the source that the command line wrote.
    const unnamed = await submit('import/step?provider=eha', await zipBytes(s1Entries('s1-c5-214/')));
    assert.equal(unnamed.state, 'succeeded', unnamed.error?.message);
    assert.equal(unnamed.source, 's1-c5-214.stp');
    assert.deepEqual(unnamed.report!.counts.parts, { created: 0, updated: 0, unchanged: 13, removed: 0 });
    assert.deepEqual(unnamed.report!.counts.bomLines, { created: 0, updated: 0, unchanged: 12, removed: 0 });
    assert.deepEqual(unnamed.report!.warnings, []);

    const job = await submit('import/step?provider=eha&source=s1-c5-214.stp&removeMissing=true', await zipBytes(s1Entries('s1-c5-214/')));
    assert.equal(job.state, 'succeeded', job.error?.message);
    assert.deepEqual(job.report!.counts.parts, { created: 0, updated: 0, unchanged: 13, removed: 0 });
    assert.deepEqual(job.report!.counts.bomLines, { created: 0, updated: 0, unchanged: 12, removed: 0 });

    // A removal run needs no source= for a zip, because its top file names the source.
    const removal = await submit('import/step?provider=eha&removeMissing=true&dryRun=true', await zipBytes(s1Entries('s1-c5-214/')));
    assert.equal(removal.state, 'succeeded', removal.error?.message);
    assert.equal(removal.source, 's1-c5-214.stp');
    assert.deepEqual(removal.report!.counts.parts, { created: 0, updated: 0, unchanged: 13, removed: 0 });
  });
});

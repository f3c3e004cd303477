import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Quad } from '@rdfjs/types';
import { DCTERMS, DT, OSLC, OSLC_CM, OSLC_PLM, RDF_TYPE } from '../../src/rdf/namespaces.js';
import { canonical, objects } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import {
  ASSEMBLY,
  assertOslcError,
  BOM_LINES,
  bomLineProperties,
  bomLineTurtle,
  containerMembers,
  createResource,
  escapeRegExp,
  NCRS,
  ncrProperties,
  ncrTurtle,
  PARTS,
  partTurtle,
  put,
  readForUpdate,
  readResource,
  SCREW,
  storeState,
  TURTLE_PREFIXES,
} from './writeRequests.js';

const ORIGINAL_TITLE = 'Thread damage on screws';
const EXTERNAL_REQUIREMENT = 'https://dng.example/rm/resources/R1';

/** Returns the quads without the given predicates, for comparing what a PUT should have left alone. */
function without(quads: readonly Quad[], predicates: readonly string[]): Quad[] {
  return quads.filter((quad) => !predicates.includes(quad.predicate.value));
}

/** Returns a resource IRI as a path relative to the base URL, for the body builders that take paths. */
function pathOf(iri: string, base: string): string {
  return iri.slice(base.length);
}

describe('Update', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  /** Returns a PUT body for an NCR made by `createNcr`, with `title` and `extra`. */
  function ncrPutBody(title = ORIGINAL_TITLE, extra = ''): string {
    return `${TURTLE_PREFIXES}\n<> ${ncrProperties(server.base, title)} ${extra} .\n`;
  }

  async function createNcr(extra = ''): Promise<string> {
    return (await createResource(server, NCRS, ncrTurtle(server.base, extra))).location;
  }

  async function titlesOf(iri: string): Promise<string[]> {
    const { quads } = await readResource(server, iri);
    return objects(quads, iri, DCTERMS('title'));
  }

  describe('PUT', () => {
    it('PUT with If-Match replaces resource', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);

      const response = await put(server, iri, 'text/turtle', ncrPutBody('Renamed NCR'), original.etag);
      assert.equal(response.status, 204, await response.text());
      const newEtag = response.headers.get('etag');
      assert.match(newEtag ?? '', /^"[^"]+"$/);
      assert.notEqual(newEtag, original.etag);

      const stored = await readForUpdate(server, iri);
      assert.equal(stored.etag, newEtag);
      assert.deepEqual(objects(stored.quads, iri, DCTERMS('title')), ['Renamed NCR']);
    });

    const formats = ['text/turtle', 'application/rdf+xml', 'application/ld+json', 'application/n-triples'];
    for (const format of formats) {
      it(`GET and PUT round trip in ${format}`, async () => {
        const iri = await createNcr('; dt:lotNumber "L-7" ; oslc_cm:affectsRequirement <https://dng.example/rm/resources/R9>');
        const original = await readResource(server, iri, format);
        assert.ok(original.body.includes(ORIGINAL_TITLE), `the ${format} body does not contain the title as plain text`);

        const changed = original.body.replace(ORIGINAL_TITLE, `Edited as ${format}`);
        const response = await put(server, iri, format, changed, original.etag!);
        assert.equal(response.status, 204, await response.text());

        const stored = await readResource(server, iri);
        assert.deepEqual(objects(stored.quads, iri, DCTERMS('title')), [`Edited as ${format}`]);
        const unchangedPredicates = [DCTERMS('title'), DCTERMS('modified')];
        assert.equal(await canonical(without(stored.quads, unchangedPredicates)), await canonical(without(original.quads, unchangedPredicates)));
      });
    }

    it('round trip keeps effectivity and BOM lines', async () => {
      const effectivity =
        '; oslc_plm:effectivity [ a oslc_plm:Effectivity ; oslc_plm:effectiveValueType oslc_plm:Date ; oslc_plm:effectiveFrom "2026-01-01"^^xsd:date ]';
      const assembly = await createResource(server, PARTS, partTurtle('RT-ASM', effectivity));
      await createResource(server, BOM_LINES, bomLineTurtle(server.base, pathOf(assembly.location, server.base), SCREW));
      const original = await readForUpdate(server, assembly.location);

      const response = await put(server, assembly.location, 'text/turtle', original.turtle, original.etag);
      assert.equal(response.status, 204, await response.text());

      const stored = await readForUpdate(server, assembly.location);
      assert.equal(await canonical(without(stored.quads, [DCTERMS('modified')])), await canonical(without(original.quads, [DCTERMS('modified')])));
    });

    it('missing If-Match is 428', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);

      const response = await put(server, iri, 'text/turtle', ncrPutBody('Not applied'), undefined);
      await assertOslcError(response, 428, [/If-Match/], server.base);
      assert.equal((await readForUpdate(server, iri)).etag, original.etag);
      assert.deepEqual(await titlesOf(iri), [ORIGINAL_TITLE]);
    });

    it('stale If-Match is 412', async () => {
      const iri = await createNcr();
      const first = await readForUpdate(server, iri);
      const updated = await put(server, iri, 'text/turtle', ncrPutBody('First edit'), first.etag);
      assert.equal(updated.status, 204);

      const response = await put(server, iri, 'text/turtle', ncrPutBody('Second edit'), first.etag);
      await assertOslcError(response, 412, [/If-Match/], server.base);
      assert.deepEqual(await titlesOf(iri), ['First edit']);
      assert.equal((await readForUpdate(server, iri)).etag, updated.headers.get('etag'));
    });

    it('weak ETag is 412', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);

      const response = await put(server, iri, 'text/turtle', ncrPutBody('Weak edit'), `W/${original.etag}`);
      await assertOslcError(response, 412, [/If-Match/], server.base);
      assert.equal((await readForUpdate(server, iri)).etag, original.etag);
      assert.deepEqual(await titlesOf(iri), [ORIGINAL_TITLE]);
    });

    it('weak ETag error names weak tag', async () => {
      // The resource has not changed, so the message must not send the client to re-read it.
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);

      const response = await put(server, iri, 'text/turtle', ncrPutBody('Weak edit'), `W/${original.etag}`);
      const message = await assertOslcError(response, 412, [/weak/i], server.base);
      assert.doesNotMatch(message, /changed since you read it/);
    });

    it('If-Match * replaces resource', async () => {
      const iri = await createNcr();
      const response = await put(server, iri, 'text/turtle', ncrPutBody('Star edit'), '*');
      assert.equal(response.status, 204, await response.text());
      assert.deepEqual(await titlesOf(iri), ['Star edit']);
    });

    it('If-Match list with current tag', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);
      const response = await put(server, iri, 'text/turtle', ncrPutBody('List edit'), `"0-other", ${original.etag}`);
      assert.equal(response.status, 204, await response.text());
      assert.deepEqual(await titlesOf(iri), ['List edit']);
    });

    it('PUT to missing resource is 404', async () => {
      const iri = `${server.base}${NCRS}/NCR-999999`;
      const stateBefore = await storeState(server);

      const response = await put(server, iri, 'text/turtle', ncrPutBody('Created by PUT'), '*');
      await assertOslcError(response, 404, [new RegExp(escapeRegExp(iri))], server.base);
      assert.equal((await readResource(server, iri)).status, 404);
      assert.deepEqual(await storeState(server), stateBefore);
    });

    it('body about another subject is 400', async () => {
      const iri = await createNcr();
      const other = await createNcr();
      const original = await readForUpdate(server, iri);

      const body = `${TURTLE_PREFIXES}\n<${other}> ${ncrProperties(server.base, 'Hijacked')} .\n`;
      const response = await put(server, iri, 'text/turtle', body, original.etag);
      await assertOslcError(response, 400, [new RegExp(escapeRegExp(other)), /must describe the resource at the request URL/], server.base);
      assert.deepEqual(await titlesOf(iri), [ORIGINAL_TITLE]);
      assert.deepEqual(await titlesOf(other), [ORIGINAL_TITLE]);
    });
  });

  describe('read-only properties', () => {
    // Each row builds extra PUT properties from the stored state, so it can repeat or alter server-managed values.
    const cases: { name: string; extra: (iri: string, stored: readonly Quad[]) => string; status: number; pattern?: RegExp }[] = [
      { name: 'changed identifier', extra: () => '; dcterms:identifier "NCR-123456"', status: 409, pattern: /dcterms:identifier \(Identifier\) is set by the server/ },
      { name: 'changed created', extra: () => '; dcterms:created "2001-01-01T00:00:00Z"^^xsd:dateTime', status: 409, pattern: /dcterms:created \(Created\) is set by the server/ },
      {
        name: 'changed instance shape',
        extra: () => `; oslc:instanceShape <${server.base}oslc/shapes/Part>`,
        status: 409,
        pattern: /oslc:instanceShape \(Instance Shape\) is set by the server/,
      },
      { name: 'added creator', extra: () => `; dcterms:creator <${server.base}users/mallory>`, status: 409, pattern: /dcterms:creator \(Creator\) is set by the server/ },
      {
        name: 'unchanged managed values',
        extra: (iri, stored) =>
          `; dcterms:identifier "${objects(stored, iri, DCTERMS('identifier'))[0]}"` +
          `; dcterms:created "${objects(stored, iri, DCTERMS('created'))[0]}"^^xsd:dateTime` +
          `; oslc:serviceProvider <${objects(stored, iri, OSLC('serviceProvider'))[0]}>` +
          `; oslc:instanceShape <${objects(stored, iri, OSLC('instanceShape'))[0]}>`,
        status: 204,
      },
      {
        // The same instant in another lexical form, as clients that parse and re-serialize dates send it.
        name: 'created with +00:00 offset',
        extra: (iri, stored) => `; dcterms:created "${objects(stored, iri, DCTERMS('created'))[0]!.replace(/Z$/, '+00:00')}"^^xsd:dateTime`,
        status: 204,
      },
    ];

    for (const { name, extra, status, pattern } of cases) {
      it(`PUT with ${name} is ${status}`, async () => {
        const iri = await createNcr();
        const original = await readForUpdate(server, iri);

        const response = await put(server, iri, 'text/turtle', ncrPutBody('Read-only test', extra(iri, original.quads)), original.etag);
        if (status === 204) {
          assert.equal(response.status, 204, await response.text());
          assert.deepEqual(await titlesOf(iri), ['Read-only test']);
        } else {
          await assertOslcError(response, status, [pattern!, /cannot be changed; send its current value or leave it out/], server.base);
          assert.equal((await readForUpdate(server, iri)).etag, original.etag);
        }

        const stored = await readForUpdate(server, iri);
        for (const predicate of [DCTERMS('identifier'), DCTERMS('created'), OSLC('serviceProvider'), OSLC('instanceShape'), DCTERMS('creator')]) {
          assert.deepEqual(objects(stored.quads, iri, predicate), objects(original.quads, iri, predicate), `${predicate} changed`);
        }
      });
    }

    it('omitted managed values are kept', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);

      const response = await put(server, iri, 'text/turtle', ncrPutBody('Minimal body'), original.etag);
      assert.equal(response.status, 204, await response.text());

      const stored = await readForUpdate(server, iri);
      for (const predicate of [DCTERMS('identifier'), DCTERMS('created'), OSLC('serviceProvider'), OSLC('instanceShape')]) {
        const values = objects(stored.quads, iri, predicate);
        assert.equal(values.length, 1, `${predicate} has ${values.length} values`);
        assert.deepEqual(values, objects(original.quads, iri, predicate));
      }
    });

    it('omitted types are restored', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);

      const response = await put(server, iri, 'text/turtle', ncrPutBody(ORIGINAL_TITLE, '; a <urn:test:Extra>'), original.etag);
      assert.equal(response.status, 204, await response.text());

      const { quads } = await readResource(server, iri);
      assert.deepEqual(objects(quads, iri, RDF_TYPE).sort(), [DT('NonConformanceReport'), OSLC_CM('ChangeRequest'), 'urn:test:Extra'].sort());
    });

    it('omitted BOM lines stay on assembly', async () => {
      const assembly = await createResource(server, PARTS, partTurtle('KEEP-ASM'));
      const line = await createResource(server, BOM_LINES, bomLineTurtle(server.base, pathOf(assembly.location, server.base), SCREW));
      const original = await readForUpdate(server, assembly.location);

      const response = await put(server, assembly.location, 'text/turtle', partTurtle('KEEP-ASM', '; dt:material "Ti-6Al-4V"'), original.etag);
      assert.equal(response.status, 204, await response.text());

      const { quads } = await readResource(server, assembly.location);
      assert.deepEqual(objects(quads, assembly.location, OSLC_PLM('composedOfPartUsage')), [line.location]);
      assert.deepEqual(objects(quads, assembly.location, DT('material')), ['Ti-6Al-4V']);
    });
  });

  describe('content', () => {
    it('unknown property is kept', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);

      const response = await put(server, iri, 'text/turtle', ncrPutBody(ORIGINAL_TITLE, '; <urn:test:x> "kept value"'), original.etag);
      assert.equal(response.status, 204, await response.text());

      const { quads } = await readResource(server, iri);
      assert.deepEqual(objects(quads, iri, 'urn:test:x'), ['kept value']);
    });

    it('external link is stored', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);

      const response = await put(server, iri, 'text/turtle', ncrPutBody(ORIGINAL_TITLE, `; oslc_cm:affectsRequirement <${EXTERNAL_REQUIREMENT}>`), original.etag);
      assert.equal(response.status, 204, await response.text());

      for (const accept of ['text/turtle', 'application/rdf+xml', 'application/ld+json']) {
        const { quads } = await readResource(server, iri, accept);
        assert.deepEqual(objects(quads, iri, OSLC_CM('affectsRequirement')), [EXTERNAL_REQUIREMENT], `link missing in ${accept}`);
      }
    });

    it('omitted optional property is removed', async () => {
      const iri = await createNcr('; dt:lotNumber "L-42" ; dt:quantityAffected 3');
      const original = await readForUpdate(server, iri);
      assert.deepEqual(objects(original.quads, iri, DT('lotNumber')), ['L-42']);

      const response = await put(server, iri, 'text/turtle', ncrPutBody(ORIGINAL_TITLE, '; dt:quantityAffected 3'), original.etag);
      assert.equal(response.status, 204, await response.text());

      const { quads } = await readResource(server, iri);
      assert.deepEqual(objects(quads, iri, DT('lotNumber')), []);
      assert.deepEqual(objects(quads, iri, DT('quantityAffected')), ['3']);
    });

    it('modified is set by the server', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);
      const modifiedBefore = objects(original.quads, iri, DCTERMS('modified'))[0]!;
      const sent = '2000-01-01T00:00:00Z';

      // Timestamps have millisecond resolution, so a short pause makes the new value differ.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const response = await put(server, iri, 'text/turtle', ncrPutBody(ORIGINAL_TITLE, `; dcterms:modified "${sent}"^^xsd:dateTime`), original.etag);
      assert.equal(response.status, 204, await response.text());

      const { quads } = await readResource(server, iri);
      const modified = objects(quads, iri, DCTERMS('modified'));
      assert.equal(modified.length, 1);
      assert.notEqual(modified[0], sent);
      assert.ok(Date.parse(modified[0]!) > Date.parse(modifiedBefore), `dcterms:modified ${modified[0]} is not after ${modifiedBefore}`);
      assert.deepEqual(objects(quads, iri, DCTERMS('created')), objects(original.quads, iri, DCTERMS('created')));
    });

    it('concurrent PUTs, one wins', async () => {
      const iri = await createNcr();
      const rounds = 5;
      for (let round = 0; round < rounds; round++) {
        const original = await readForUpdate(server, iri);
        const titles = [`Round ${round} edit A`, `Round ${round} edit B`];

        const responses = await Promise.all(titles.map((title) => put(server, iri, 'text/turtle', ncrPutBody(title), original.etag)));
        const statuses = responses.map((response) => response.status);
        assert.deepEqual([...statuses].sort(), [204, 412], `round ${round}: statuses ${statuses.join(', ')}`);

        const winner = statuses.indexOf(204);
        const stored = await readForUpdate(server, iri);
        assert.deepEqual(objects(stored.quads, iri, DCTERMS('title')), [titles[winner]]);
        assert.equal(stored.etag, responses[winner]!.headers.get('etag'));
        await Promise.all(responses.map((response) => response.text()));
      }
    });
  });

  describe('BOM lines', () => {
    async function createAssemblyWithLine(partNumber: string): Promise<{ assembly: string; line: string }> {
      const assembly = (await createResource(server, PARTS, partTurtle(partNumber))).location;
      const line = (await createResource(server, BOM_LINES, bomLineTurtle(server.base, pathOf(assembly, server.base), SCREW))).location;
      return { assembly, line };
    }

    function lineBody(assembly: string, quantity = '2'): string {
      return `${TURTLE_PREFIXES}\n<> ${bomLineProperties(server.base, pathOf(assembly, server.base), SCREW, quantity)} .\n`;
    }

    it('moving a line moves the link', async () => {
      const { assembly: oldAssembly, line } = await createAssemblyWithLine('MOVE-FROM');
      const newAssembly = (await createResource(server, PARTS, partTurtle('MOVE-TO'))).location;
      const oldBefore = await readForUpdate(server, oldAssembly);
      const newBefore = await readForUpdate(server, newAssembly);
      const lineBefore = await readForUpdate(server, line);

      const response = await put(server, line, 'text/turtle', lineBody(newAssembly), lineBefore.etag);
      assert.equal(response.status, 204, await response.text());

      const oldAfter = await readForUpdate(server, oldAssembly);
      const newAfter = await readForUpdate(server, newAssembly);
      assert.deepEqual(objects(oldAfter.quads, oldAssembly, OSLC_PLM('composedOfPartUsage')), []);
      assert.deepEqual(objects(newAfter.quads, newAssembly, OSLC_PLM('composedOfPartUsage')), [line]);
      assert.notEqual(oldAfter.etag, oldBefore.etag);
      assert.notEqual(newAfter.etag, newBefore.etag);

      const { quads } = await readResource(server, line);
      assert.deepEqual(objects(quads, line, DT('assembly')), [newAssembly]);
    });

    it('unchanged assembly keeps its ETag', async () => {
      const { assembly, line } = await createAssemblyWithLine('SAME-ASM');
      const assemblyBefore = await readForUpdate(server, assembly);
      const lineBefore = await readForUpdate(server, line);

      const response = await put(server, line, 'text/turtle', lineBody(assembly, '5'), lineBefore.etag);
      assert.equal(response.status, 204, await response.text());

      assert.equal((await readForUpdate(server, assembly)).etag, assemblyBefore.etag);
      const { quads } = await readResource(server, line);
      assert.deepEqual(objects(quads, line, DT('quantity')), ['5']);
    });

    it('deleting a line unlinks assembly', async () => {
      const { assembly, line } = await createAssemblyWithLine('DEL-LINE');
      const assemblyBefore = await readForUpdate(server, assembly);

      const response = await server.fetch(line, { method: 'DELETE' });
      assert.equal(response.status, 204, await response.text());

      const assemblyAfter = await readForUpdate(server, assembly);
      assert.deepEqual(objects(assemblyAfter.quads, assembly, OSLC_PLM('composedOfPartUsage')), []);
      assert.notEqual(assemblyAfter.etag, assemblyBefore.etag);
    });
  });

  describe('DELETE', () => {
    it('DELETE removes resource', async () => {
      const iri = await createNcr();
      assert.ok((await containerMembers(server, NCRS)).includes(iri));

      const response = await server.fetch(iri, { method: 'DELETE' });
      assert.equal(response.status, 204, await response.text());

      assert.equal((await readResource(server, iri)).status, 404);
      assert.equal((await server.fetch(iri, { method: 'HEAD' })).status, 404);
      assert.ok(!(await containerMembers(server, NCRS)).includes(iri));
    });

    it('DELETE with current If-Match', async () => {
      const iri = await createNcr();
      const { etag } = await readForUpdate(server, iri);
      const response = await server.fetch(iri, { method: 'DELETE', headers: { 'If-Match': etag } });
      assert.equal(response.status, 204, await response.text());
      assert.equal((await readResource(server, iri)).status, 404);
    });

    it('DELETE with If-Match *', async () => {
      const iri = await createNcr();
      const response = await server.fetch(iri, { method: 'DELETE', headers: { 'If-Match': '*' } });
      assert.equal(response.status, 204, await response.text());
      assert.equal((await readResource(server, iri)).status, 404);
    });

    it('DELETE with stale If-Match is 412', async () => {
      const iri = await createNcr();
      const first = await readForUpdate(server, iri);
      const updated = await put(server, iri, 'text/turtle', ncrPutBody('Edited before delete'), first.etag);
      assert.equal(updated.status, 204);

      const response = await server.fetch(iri, { method: 'DELETE', headers: { 'If-Match': first.etag, Accept: 'text/turtle' } });
      await assertOslcError(response, 412, [/If-Match/], server.base);
      assert.equal((await readResource(server, iri)).status, 200);
      assert.ok((await containerMembers(server, NCRS)).includes(iri));
    });

    it('second DELETE is 404', async () => {
      const iri = await createNcr();
      assert.equal((await server.fetch(iri, { method: 'DELETE' })).status, 204);
      const response = await server.fetch(iri, { method: 'DELETE', headers: { Accept: 'text/turtle' } });
      await assertOslcError(response, 404, [new RegExp(escapeRegExp(iri))], server.base);
    });

    it('assembly with BOM lines is 409', async () => {
      const assembly = (await createResource(server, PARTS, partTurtle('DEL-ASM'))).location;
      const assemblyPath = pathOf(assembly, server.base);
      const lines = [
        (await createResource(server, BOM_LINES, bomLineTurtle(server.base, assemblyPath, SCREW))).location,
        (await createResource(server, BOM_LINES, bomLineTurtle(server.base, assemblyPath, SCREW))).location,
      ];
      const original = await readForUpdate(server, assembly);

      const response = await server.fetch(assembly, { method: 'DELETE', headers: { Accept: 'text/turtle' } });
      await assertOslcError(response, 409, [...lines.map((line) => new RegExp(escapeRegExp(line))), /delete or move those resources first/], server.base);
      assert.equal((await readForUpdate(server, assembly)).etag, original.etag);

      for (const line of lines) {
        assert.equal((await server.fetch(line, { method: 'DELETE' })).status, 204);
      }
      assert.equal((await server.fetch(assembly, { method: 'DELETE' })).status, 204);
    });

    it('part used by a BOM line is 409', async () => {
      // Deleting the child would leave the line's oslc_plm:representsPart pointing at nothing.
      const child = (await createResource(server, PARTS, partTurtle('DEL-CHILD'))).location;
      const line = (await createResource(server, BOM_LINES, bomLineTurtle(server.base, ASSEMBLY, pathOf(child, server.base)))).location;

      const response = await server.fetch(child, { method: 'DELETE', headers: { Accept: 'text/turtle' } });
      await assertOslcError(response, 409, [new RegExp(escapeRegExp(line))], server.base);
      assert.equal((await readResource(server, child)).status, 200);
    });
  });

  describe('methods', () => {
    it('PATCH on resource is 405', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);

      const response = await server.fetch(iri, {
        method: 'PATCH',
        headers: { Accept: 'text/turtle', 'Content-Type': 'application/sparql-update', 'If-Match': original.etag },
        body: `DELETE DATA { <${iri}> <${DCTERMS('title')}> "${ORIGINAL_TITLE}" }`,
      });
      const allow = (response.headers.get('allow') ?? '').split(',').map((method) => method.trim()).sort();
      await assertOslcError(response, 405, [/PATCH is not allowed/, /GET, HEAD, OPTIONS, PUT, DELETE/], server.base);
      assert.deepEqual(allow, ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PUT']);
      assert.equal((await readForUpdate(server, iri)).etag, original.etag);
    });

    it('OPTIONS on resource omits PATCH', async () => {
      const iri = await createNcr();
      const response = await server.fetch(iri, { method: 'OPTIONS' });
      const allow = (response.headers.get('allow') ?? '').split(',').map((method) => method.trim()).sort();
      assert.deepEqual(allow, ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PUT']);
      assert.equal(response.headers.get('accept-patch'), null);
    });

    const containerMethods: { method: string; body?: string }[] = [
      { method: 'PUT', body: `${TURTLE_PREFIXES}\n<> a <http://www.w3.org/ns/ldp#BasicContainer> .` },
      { method: 'PATCH', body: 'DELETE WHERE { ?s ?p ?o }' },
      { method: 'DELETE' },
    ];
    for (const { method, body } of containerMethods) {
      it(`${method} on container is 405`, async () => {
        const membersBefore = await containerMembers(server, NCRS);
        const stateBefore = await storeState(server);

        const init: RequestInit = { method, headers: { Accept: 'text/turtle', 'Content-Type': 'text/turtle' } };
        if (body !== undefined) {
          init.body = body;
        }
        const response = await server.fetch(NCRS, init);
        const allow = (response.headers.get('allow') ?? '').split(',').map((name) => name.trim()).sort();
        await assertOslcError(response, 405, [new RegExp(`${method} is not allowed`), /GET, HEAD, OPTIONS, POST/], server.base);
        assert.deepEqual(allow, ['GET', 'HEAD', 'OPTIONS', 'POST']);

        assert.deepEqual(await containerMembers(server, NCRS), membersBefore);
        assert.deepEqual(await storeState(server), stateBefore);
      });
    }

    it('POST on resource is 405', async () => {
      const iri = await createNcr();
      const original = await readForUpdate(server, iri);
      const response = await server.fetch(iri, { method: 'POST', headers: { Accept: 'text/turtle', 'Content-Type': 'text/turtle' }, body: ncrPutBody() });
      await assertOslcError(response, 405, [/POST is not allowed/], server.base);
      assert.equal((await readForUpdate(server, iri)).etag, original.etag);
    });
  });
});

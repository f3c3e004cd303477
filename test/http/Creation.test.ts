import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Literal, Quad } from '@rdfjs/types';
import { DCTERMS, DT, LDP, OSLC, OSLC_CM, OSLC_PLM, RDF_TYPE, XSD } from '../../src/rdf/namespaces.js';
import { parseRdf } from '../../src/rdf/RdfParser.js';
import { canonical, objects, parseResponse } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import {
  ASSEMBLY,
  BOM_LINES,
  bomLineProperties,
  bomLineTurtle,
  containerMembers,
  createResource,
  escapeRegExp,
  linkTargets,
  NCRS,
  ncrTurtle,
  PARTS,
  partProperties,
  partTurtle,
  post,
  readResource,
  SCREW,
  TURTLE_PREFIXES,
} from './writeRequests.js';

const CONSTRAINED_BY = 'http://www.w3.org/ns/ldp#constrainedBy';
const RESOURCE_TYPE = 'http://open-services.net/ns/core#resourceType';
const PREFER_MINIMAL = 'return=representation; include="http://www.w3.org/ns/ldp#PreferMinimalContainer"';

/** Returns the only literal value of `predicate` on `subject`, failing when there is not exactly one. */
function singleLiteral(quads: readonly Quad[], subject: string, predicate: string): Literal {
  const values = quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate).map((quad) => quad.object);
  assert.equal(values.length, 1, `expected one ${predicate} on ${subject}, found ${values.length}`);
  assert.equal(values[0]!.termType, 'Literal', `${predicate} on ${subject} is not a literal`);
  return values[0] as Literal;
}

function lastSegment(iri: string): string {
  return iri.slice(iri.lastIndexOf('/') + 1);
}

/** Parses Turtle whose `<>` is `location`, as the server does for a POST that created `location`. */
function parseTurtle(turtle: string, location: string, base: string): Promise<Quad[]> {
  return parseRdf(turtle, 'text/turtle', location, base);
}

describe('Creation', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  /** Returns the Turtle for the triples the server adds to a new resource, with the timestamp it chose. */
  function managedTurtle(location: string, shapeName: string, types: string[], timestamp: string): string {
    return `${TURTLE_PREFIXES}
<${location}> ${types.map((type) => `a <${type}>`).join(' ; ')} ;
  dcterms:identifier "${lastSegment(location)}" ;
  dcterms:created "${timestamp}"^^xsd:dateTime ;
  dcterms:modified "${timestamp}"^^xsd:dateTime ;
  oslc:serviceProvider <${server.base}oslc/sp/fcc> ;
  oslc:instanceShape <${server.base}oslc/shapes/${shapeName}> .
`;
  }

  /** Asserts that the stored part is exactly the part `partTurtle(partNumber)` describes plus the server-managed triples. */
  async function assertStoredPart(location: string, partNumber: string): Promise<void> {
    const fetched = await readResource(server, location);
    assert.equal(fetched.status, 200, fetched.body);
    const created = singleLiteral(fetched.quads, location, DCTERMS('created')).value;
    const expected = [
      ...(await parseTurtle(partTurtle(partNumber), location, server.base)),
      ...(await parseTurtle(managedTurtle(location, 'Part', [OSLC_PLM('Part')], created), location, server.base)),
    ];
    assert.equal(await canonical(fetched.quads), await canonical(expected), `stored graph differs:\n${fetched.body}`);
  }

  describe('POST response', () => {
    it('part POST returns 201 with headers', async () => {
      const response = await post(server, PARTS, 'text/turtle', partTurtle('CR-100'));
      const text = await response.text();

      assert.equal(response.status, 201, text);
      assert.match(response.headers.get('location') ?? '', new RegExp(`^${escapeRegExp(`${server.base}${PARTS}/`)}P-\\d{6}$`));
      assert.match(response.headers.get('etag') ?? '', /^"[^"]+"$/);
      assert.deepEqual(linkTargets(response, CONSTRAINED_BY), [`${server.base}oslc/shapes/Part`]);
      assert.ok(linkTargets(response, 'type').includes('http://www.w3.org/ns/ldp#Resource'), response.headers.get('link') ?? 'no Link header');
      assert.match(response.headers.get('content-type') ?? '', /^text\/turtle/);
    });

    it('201 body is the created resource', async () => {
      const response = await post(server, PARTS, 'text/turtle', partTurtle('CR-101'));
      assert.equal(response.status, 201);
      const location = response.headers.get('location')!;
      const body = await parseResponse(response, location, server.base);

      const fetched = await readResource(server, location);
      assert.equal(await canonical(body), await canonical(fetched.quads));
    });

    it('201 ETag equals GET ETag', async () => {
      const { location, etag } = await createResource(server, PARTS, partTurtle('CR-102'));
      const fetched = await readResource(server, location);
      assert.equal(fetched.etag, etag);
    });

    const accepts: [string, RegExp][] = [
      ['text/turtle', /^text\/turtle/],
      ['application/rdf+xml', /^application\/rdf\+xml/],
      ['application/ld+json', /^application\/ld\+json/],
      ['application/n-triples', /^application\/n-triples/],
    ];
    for (const [index, [accept, contentType]] of accepts.entries()) {
      it(`201 body negotiated as ${accept}`, async () => {
        const response = await post(server, PARTS, 'text/turtle', partTurtle(`NEG-${index}`), { Accept: accept });
        assert.equal(response.status, 201);
        assert.match(response.headers.get('content-type') ?? '', contentType);
        const location = response.headers.get('location')!;
        const body = await parseResponse(response, location, server.base);

        const fetched = await readResource(server, location);
        assert.equal(await canonical(body), await canonical(fetched.quads));
      });
    }

    for (const version of ['2.0', '3.0']) {
      it(`POST with OSLC-Core-Version ${version}`, async () => {
        const partNumber = `VER-${version}`;
        const response = await post(server, PARTS, 'text/turtle', partTurtle(partNumber), { 'OSLC-Core-Version': version });
        assert.equal(response.status, 201, await response.text());
        assert.equal(response.headers.get('oslc-core-version'), version);
        await assertStoredPart(response.headers.get('location')!, partNumber);
      });
    }
  });

  describe('stored resource', () => {
    it('GET returns posted and managed triples', async () => {
      const extra =
        '; dcterms:description "Machined from plate" ; dt:mass 0.25 ; dt:material "Al 7075-T7351" ; ' +
        'oslc_plm:effectivity [ a oslc_plm:Effectivity ; oslc_plm:effectiveValueType oslc_plm:Date ; oslc_plm:effectiveFrom "2026-01-01"^^xsd:date ]';
      const posted = partTurtle('CR-200', extra);
      const { location } = await createResource(server, PARTS, posted);

      const fetched = await readResource(server, location);
      const created = singleLiteral(fetched.quads, location, DCTERMS('created')).value;
      const expected = [
        ...(await parseTurtle(posted, location, server.base)),
        ...(await parseTurtle(managedTurtle(location, 'Part', [OSLC_PLM('Part')], created), location, server.base)),
      ];
      assert.equal(await canonical(fetched.quads), await canonical(expected), `stored graph differs:\n${fetched.body}`);
    });

    it('server sets identifier and timestamps', async () => {
      const started = Date.now();
      const { location } = await createResource(server, PARTS, partTurtle('CR-201'));
      const finished = Date.now();
      const { quads } = await readResource(server, location);

      const identifier = singleLiteral(quads, location, DCTERMS('identifier'));
      assert.match(identifier.value, /^P-\d{6}$/);
      assert.equal(identifier.value, lastSegment(location));
      assert.equal(identifier.datatype.value, XSD('string'));

      const created = singleLiteral(quads, location, DCTERMS('created'));
      const modified = singleLiteral(quads, location, DCTERMS('modified'));
      assert.equal(created.datatype.value, XSD('dateTime'));
      assert.equal(modified.datatype.value, XSD('dateTime'));
      assert.equal(modified.value, created.value);
      const createdTime = Date.parse(created.value);
      assert.ok(createdTime >= started - 1000, `dcterms:created ${created.value} is before the request`);
      assert.ok(createdTime <= finished + 1000, `dcterms:created ${created.value} is after the response`);
    });

    it('server sets provider, shape and type', async () => {
      const { location } = await createResource(server, PARTS, partTurtle('CR-202'));
      const { quads } = await readResource(server, location);

      assert.deepEqual(objects(quads, location, OSLC('serviceProvider')), [`${server.base}oslc/sp/fcc`]);
      assert.deepEqual(objects(quads, location, OSLC('instanceShape')), [`${server.base}oslc/shapes/Part`]);
      assert.deepEqual(objects(quads, location, RDF_TYPE), [OSLC_PLM('Part')]);
    });

    it('NCR gets both described types', async () => {
      const { location } = await createResource(server, NCRS, ncrTurtle(server.base));
      const { quads } = await readResource(server, location);

      assert.match(lastSegment(location), /^NCR-\d{6}$/);
      assert.deepEqual(objects(quads, location, RDF_TYPE).sort(), [DT('NonConformanceReport'), OSLC_CM('ChangeRequest')].sort());
      assert.deepEqual(objects(quads, location, OSLC('instanceShape')), [`${server.base}oslc/shapes/NonConformanceReport`]);
    });

    it('client type is kept with shape types', async () => {
      const { location } = await createResource(server, PARTS, partTurtle('CR-203', '; a <urn:test:Type>'));
      const { quads } = await readResource(server, location);
      assert.deepEqual(objects(quads, location, RDF_TYPE).sort(), [OSLC_PLM('Part'), 'urn:test:Type'].sort());
    });

    it('unknown property is kept', async () => {
      const { location } = await createResource(server, PARTS, partTurtle('CR-204', '; <urn:test:x> "kept"'));
      const { quads } = await readResource(server, location);
      assert.deepEqual(objects(quads, location, 'urn:test:x'), ['kept']);
    });

    it('relative IRIs resolve against Location', async () => {
      const { location } = await createResource(server, PARTS, partTurtle('CR-205', '; <urn:test:drawing> <#sheet1>'));
      const { quads } = await readResource(server, location);
      assert.deepEqual(objects(quads, location, 'urn:test:drawing'), [`${location}#sheet1`]);
    });

    it('part in another provider', async () => {
      const { location } = await createResource(server, 'oslc/sp/eha/parts', partTurtle('EHA-1'));
      const { quads } = await readResource(server, location);

      assert.match(location, new RegExp(`^${escapeRegExp(`${server.base}oslc/sp/eha/parts/`)}P-\\d{6}$`));
      assert.deepEqual(objects(quads, location, OSLC('serviceProvider')), [`${server.base}oslc/sp/eha`]);
      assert.ok((await containerMembers(server, 'oslc/sp/eha/parts')).includes(location));
      assert.ok(!(await containerMembers(server, PARTS)).includes(location));
    });
  });

  describe('body formats', () => {
    const rdfXml = (partNumber: string): string => `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dt="https://w3id.org/digital-thread/ns#">
  <rdf:Description rdf:about="">
    <dcterms:title>Bracket ${partNumber}</dcterms:title>
    <dt:partNumber>${partNumber}</dt:partNumber>
    <dt:revision>A</dt:revision>
    <dt:lifecycleState rdf:resource="https://w3id.org/digital-thread/ns#InWork"/>
  </rdf:Description>
</rdf:RDF>`;

    const jsonLd = (partNumber: string, context: unknown): string =>
      JSON.stringify({
        '@context': context,
        '@id': '',
        'dcterms:title': `Bracket ${partNumber}`,
        'dt:partNumber': partNumber,
        'dt:revision': 'A',
        'dt:lifecycleState': { '@id': 'dt:InWork' },
      });
    const inlineContext = { dcterms: 'http://purl.org/dc/terms/', dt: 'https://w3id.org/digital-thread/ns#' };

    const nTriples = (partNumber: string): string =>
      [
        `_:new <http://purl.org/dc/terms/title> "Bracket ${partNumber}" .`,
        `_:new <https://w3id.org/digital-thread/ns#partNumber> "${partNumber}" .`,
        `_:new <https://w3id.org/digital-thread/ns#revision> "A" .`,
        `_:new <https://w3id.org/digital-thread/ns#lifecycleState> <https://w3id.org/digital-thread/ns#InWork> .`,
        '',
      ].join('\n');

    const cases: { name: string; contentType: string; partNumber: string; body: (base: string) => string }[] = [
      { name: 'Turtle with <>', contentType: 'text/turtle', partNumber: 'FMT-TTL', body: () => partTurtle('FMT-TTL') },
      { name: 'Turtle with blank subject', contentType: 'text/turtle', partNumber: 'FMT-BNODE', body: () => `${TURTLE_PREFIXES}\n[] ${partProperties('FMT-BNODE')} .` },
      { name: 'RDF/XML with rdf:about=""', contentType: 'application/rdf+xml', partNumber: 'FMT-XML', body: () => rdfXml('FMT-XML') },
      { name: 'RDF/XML as application/xml', contentType: 'application/xml', partNumber: 'FMT-APPXML', body: () => rdfXml('FMT-APPXML') },
      { name: 'JSON-LD with server context', contentType: 'application/ld+json', partNumber: 'FMT-JSONLD', body: (base) => jsonLd('FMT-JSONLD', `${base}ns/context.jsonld`) },
      { name: 'JSON-LD with inline context', contentType: 'application/ld+json', partNumber: 'FMT-INLINE', body: () => jsonLd('FMT-INLINE', inlineContext) },
      { name: 'JSON-LD as application/json', contentType: 'application/json', partNumber: 'FMT-JSON', body: (base) => jsonLd('FMT-JSON', `${base}ns/context.jsonld`) },
      { name: 'N-Triples with blank subject', contentType: 'application/n-triples', partNumber: 'FMT-NT', body: () => nTriples('FMT-NT') },
    ];

    for (const { name, contentType, partNumber, body } of cases) {
      it(`creates part from ${name}`, async () => {
        const response = await post(server, PARTS, contentType, body(server.base));
        assert.equal(response.status, 201, await response.text());
        const location = response.headers.get('location')!;
        assert.match(location, new RegExp(`^${escapeRegExp(`${server.base}${PARTS}/`)}P-\\d{6}$`));
        await assertStoredPart(location, partNumber);
      });
    }
  });

  describe('numeric literals', () => {
    const jsonLdLine = (base: string, quantity: number): string =>
      JSON.stringify({
        '@context': `${base}ns/context.jsonld`,
        '@id': '',
        'dcterms:title': 'JSON-LD line',
        'dt:assembly': { '@id': `${base}${ASSEMBLY}` },
        'oslc_plm:representsPart': { '@id': `${base}${SCREW}` },
        'dt:quantity': quantity,
        'dt:unitOfMeasure': { '@id': 'unit:NUM' },
        'dt:bomView': { '@id': 'dt:EBOM' },
      });
    const rdfXmlLine = (base: string, quantity: string, datatype: string): string => `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dt="https://w3id.org/digital-thread/ns#" xmlns:oslc_plm="http://open-services.net/ns/plm#">
  <rdf:Description rdf:about="">
    <dcterms:title>RDF/XML line</dcterms:title>
    <dt:assembly rdf:resource="${base}${ASSEMBLY}"/>
    <oslc_plm:representsPart rdf:resource="${base}${SCREW}"/>
    <dt:quantity rdf:datatype="${datatype}">${quantity}</dt:quantity>
    <dt:unitOfMeasure rdf:resource="http://qudt.org/vocab/unit/NUM"/>
    <dt:bomView rdf:resource="https://w3id.org/digital-thread/ns#EBOM"/>
  </rdf:Description>
</rdf:RDF>`;
    const turtleLine = (base: string, quantity: string): string => `${TURTLE_PREFIXES}\n<> ${bomLineProperties(base, ASSEMBLY, SCREW, quantity)} .`;

    // Each row posts a BOM line whose dt:quantity (declared xsd:decimal) is written in another form.
    const cases: { name: string; contentType: string; body: (base: string) => string; value: number }[] = [
      { name: 'Turtle integer 2', contentType: 'text/turtle', body: (base) => turtleLine(base, '2'), value: 2 },
      { name: 'Turtle decimal 2.5', contentType: 'text/turtle', body: (base) => turtleLine(base, '2.5'), value: 2.5 },
      { name: 'Turtle typed xsd:integer', contentType: 'text/turtle', body: (base) => turtleLine(base, '"3"^^xsd:integer'), value: 3 },
      { name: 'RDF/XML typed xsd:integer', contentType: 'application/rdf+xml', body: (base) => rdfXmlLine(base, '4', XSD('integer')), value: 4 },
      { name: 'JSON-LD number 2', contentType: 'application/ld+json', body: (base) => jsonLdLine(base, 2), value: 2 },
      // JSON-LD turns a non-integer JSON number into xsd:double, here "2.5E0"^^xsd:double.
      { name: 'JSON-LD number 2.5', contentType: 'application/ld+json', body: (base) => jsonLdLine(base, 2.5), value: 2.5 },
    ];

    for (const { name, contentType, body, value } of cases) {
      it(`quantity from ${name} is xsd:decimal`, async () => {
        const response = await post(server, BOM_LINES, contentType, body(server.base));
        assert.equal(response.status, 201, await response.text());
        const location = response.headers.get('location')!;

        const { quads } = await readResource(server, location);
        const quantity = singleLiteral(quads, location, DT('quantity'));
        assert.equal(quantity.datatype.value, XSD('decimal'));
        assert.equal(Number(quantity.value), value);
      });
    }

    it('part mass 1 is xsd:decimal', async () => {
      const { location } = await createResource(server, PARTS, partTurtle('MASS-1', '; dt:mass 1'));
      const { quads } = await readResource(server, location);
      const mass = singleLiteral(quads, location, DT('mass'));
      assert.equal(mass.datatype.value, XSD('decimal'));
      assert.equal(mass.value, '1');
    });

    it('NCR quantity stays xsd:integer', async () => {
      const { location } = await createResource(server, NCRS, ncrTurtle(server.base, '; dt:quantityAffected 7'));
      const { quads } = await readResource(server, location);
      const quantity = singleLiteral(quads, location, DT('quantityAffected'));
      assert.equal(quantity.datatype.value, XSD('integer'));
      assert.equal(quantity.value, '7');
    });
  });

  describe('container', () => {
    it('lists the new member', async () => {
      const membersBefore = await containerMembers(server, PARTS);
      const { location } = await createResource(server, PARTS, partTurtle('LIST-1'));
      const membersAfter = await containerMembers(server, PARTS);

      assert.ok(!membersBefore.includes(location));
      assert.ok(membersAfter.includes(location));
      assert.equal(membersAfter.length, membersBefore.length + 1);
    });

    it('lists new NCR and BOM line', async () => {
      const ncr = await createResource(server, NCRS, ncrTurtle(server.base));
      const line = await createResource(server, BOM_LINES, bomLineTurtle(server.base, ASSEMBLY, SCREW));

      assert.ok((await containerMembers(server, NCRS)).includes(ncr.location));
      assert.ok((await containerMembers(server, BOM_LINES)).includes(line.location));
    });

    it('OPTIONS advertises POST', async () => {
      const response = await server.fetch(PARTS, { method: 'OPTIONS' });
      assert.ok(response.status === 200 || response.status === 204, `status ${response.status}`);

      const allow = (response.headers.get('allow') ?? '').split(',').map((method) => method.trim()).sort();
      assert.deepEqual(allow, ['GET', 'HEAD', 'OPTIONS', 'POST']);
      const acceptPost = (response.headers.get('accept-post') ?? '').split(',').map((type) => type.trim());
      for (const type of ['text/turtle', 'application/ld+json', 'application/rdf+xml']) {
        assert.ok(acceptPost.includes(type), `Accept-Post lacks ${type}: ${acceptPost.join(', ')}`);
      }

      assert.ok(linkTargets(response, 'type').includes('http://www.w3.org/ns/ldp#BasicContainer'));
      assert.deepEqual(linkTargets(response, RESOURCE_TYPE), [OSLC_PLM('Part')]);
      assert.deepEqual(linkTargets(response, CONSTRAINED_BY), [`${server.base}oslc/shapes/Part`]);
      assert.deepEqual(linkTargets(response, 'http://open-services.net/ns/core#selectionDialog'), [`${server.base}${PARTS}/selector`]);
      assert.deepEqual(linkTargets(response, 'http://open-services.net/ns/core#creationDialog'), [`${server.base}${PARTS}/creator`]);
    });

    it('OPTIONS lists each NCR type', async () => {
      const response = await server.fetch(NCRS, { method: 'OPTIONS' });
      assert.deepEqual(linkTargets(response, RESOURCE_TYPE).sort(), [DT('NonConformanceReport'), OSLC_CM('ChangeRequest')].sort());
      assert.deepEqual(linkTargets(response, CONSTRAINED_BY), [`${server.base}oslc/shapes/NonConformanceReport`]);
    });

    it('HEAD matches GET headers', async () => {
      const head = await server.fetch(PARTS, { method: 'HEAD', headers: { Accept: 'text/turtle' } });
      const get = await server.fetch(PARTS, { headers: { Accept: 'text/turtle' } });
      const getBody = await get.text();

      assert.equal(head.status, 200);
      assert.equal(await head.text(), '');
      assert.ok((head.headers.get('allow') ?? '').includes('POST'));
      assert.ok((head.headers.get('accept-post') ?? '').includes('text/turtle'));
      assert.deepEqual(linkTargets(head, RESOURCE_TYPE), [OSLC_PLM('Part')]);
      assert.ok(getBody.length > 0);
      for (const name of ['allow', 'accept-post', 'link', 'content-type']) {
        assert.equal(head.headers.get(name), get.headers.get(name), `header ${name} differs`);
      }
    });

    it('minimal container omits members', async () => {
      await createResource(server, PARTS, partTurtle('MIN-1'));
      const response = await server.fetch(PARTS, { headers: { Accept: 'text/turtle', Prefer: PREFER_MINIMAL } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('preference-applied'), 'return=representation');

      const quads = await parseResponse(response, `${server.base}${PARTS}`, server.base);
      assert.deepEqual(objects(quads, `${server.base}${PARTS}`, LDP('contains')), []);
      assert.ok(objects(quads, `${server.base}${PARTS}`, RDF_TYPE).includes(LDP('BasicContainer')));
    });

    it('omitting containment omits members', async () => {
      const prefer = 'return=representation; omit="http://www.w3.org/ns/ldp#PreferContainment"';
      const response = await server.fetch(PARTS, { headers: { Accept: 'text/turtle', Prefer: prefer } });
      assert.equal(response.headers.get('preference-applied'), 'return=representation');
      const quads = await parseResponse(response, `${server.base}${PARTS}`, server.base);
      assert.deepEqual(objects(quads, `${server.base}${PARTS}`, LDP('contains')), []);
    });

    it('without Prefer lists members', async () => {
      const response = await server.fetch(PARTS, { headers: { Accept: 'text/turtle' } });
      assert.equal(response.headers.get('preference-applied'), null);
      const quads = await parseResponse(response, `${server.base}${PARTS}`, server.base);
      assert.ok(objects(quads, `${server.base}${PARTS}`, LDP('contains')).includes(`${server.base}${ASSEMBLY}`));
    });
  });

  describe('BOM lines', () => {
    it('new line links its assembly', async () => {
      const assemblyBefore = await readResource(server, ASSEMBLY);
      const childBefore = await readResource(server, SCREW);
      const { location } = await createResource(server, BOM_LINES, bomLineTurtle(server.base, ASSEMBLY, SCREW));

      const assemblyAfter = await readResource(server, ASSEMBLY);
      const usages = objects(assemblyAfter.quads, `${server.base}${ASSEMBLY}`, OSLC_PLM('composedOfPartUsage'));
      assert.ok(usages.includes(location), `assembly lacks ${location}: ${usages.join(', ')}`);
      assert.equal(usages.length, objects(assemblyBefore.quads, `${server.base}${ASSEMBLY}`, OSLC_PLM('composedOfPartUsage')).length + 1);
      assert.notEqual(assemblyAfter.etag, assemblyBefore.etag);
      assert.notDeepEqual(
        objects(assemblyAfter.quads, `${server.base}${ASSEMBLY}`, DCTERMS('modified')),
        objects(assemblyBefore.quads, `${server.base}${ASSEMBLY}`, DCTERMS('modified')),
      );

      // The child part has no server-maintained link back to the line.
      const childAfter = await readResource(server, SCREW);
      assert.equal(childAfter.etag, childBefore.etag);
    });

    it('concurrent lines all reach the assembly', async () => {
      const assembly = await createResource(server, PARTS, partTurtle('ASM-CONCURRENT'));
      const assemblyPath = new URL(assembly.location).pathname.slice(1);
      const count = 6;

      const responses = await Promise.all(
        Array.from({ length: count }, () => post(server, BOM_LINES, 'text/turtle', bomLineTurtle(server.base, assemblyPath, SCREW))),
      );
      const statuses = responses.map((response) => response.status);
      assert.deepEqual(statuses, Array.from({ length: count }, () => 201));

      const locations = responses.map((response) => response.headers.get('location')!).sort();
      const { quads } = await readResource(server, assembly.location);
      assert.deepEqual(objects(quads, assembly.location, OSLC_PLM('composedOfPartUsage')).sort(), locations);
    });
  });

  describe('identifiers', () => {
    it('concurrent POSTs get distinct identifiers', async () => {
      const count = 8;
      const responses = await Promise.all(Array.from({ length: count }, (_, index) => post(server, PARTS, 'text/turtle', partTurtle(`PAR-${index}`))));
      assert.deepEqual(
        responses.map((response) => response.status),
        Array.from({ length: count }, () => 201),
      );

      const locations = responses.map((response) => response.headers.get('location')!);
      assert.equal(new Set(locations).size, count);
      const members = await containerMembers(server, PARTS);
      for (const location of locations) {
        assert.ok(members.includes(location), `container lacks ${location}`);
      }
    });

    it('deleted identifier is not reused', async () => {
      const first = await createResource(server, PARTS, partTurtle('REUSE-1'));
      const deleted = await server.fetch(first.location, { method: 'DELETE' });
      assert.equal(deleted.status, 204);

      const second = await createResource(server, PARTS, partTurtle('REUSE-2'));
      assert.notEqual(second.location, first.location);
      const number = (location: string): number => Number(lastSegment(location).slice('P-'.length));
      assert.ok(number(second.location) > number(first.location), `${second.location} is not after ${first.location}`);
    });

    it('numbering continues after loaded data', async () => {
      const fresh = await startTestServer();
      try {
        const part = await createResource(fresh, PARTS, partTurtle('NUM-1'));
        const ncr = await createResource(fresh, NCRS, ncrTurtle(fresh.base));
        const line = await createResource(fresh, BOM_LINES, bomLineTurtle(fresh.base, ASSEMBLY, SCREW));
        const ehaPart = await createResource(fresh, 'oslc/sp/eha/parts', partTurtle('NUM-2'));

        assert.equal(part.location, `${fresh.base}${PARTS}/P-000004`);
        assert.equal(ncr.location, `${fresh.base}${NCRS}/NCR-000002`);
        assert.equal(line.location, `${fresh.base}${BOM_LINES}/BL-000003`);
        assert.equal(ehaPart.location, `${fresh.base}oslc/sp/eha/parts/P-000001`);
      } finally {
        await fresh.stop();
      }
    });

    it('deleted loaded identifier is not reused', async () => {
      // The highest NCR identifier in the loaded data is deleted before any NCR is created.
      const fresh = await startTestServer();
      try {
        const loaded = `${fresh.base}${NCRS}/NCR-000001`;
        const deleted = await fresh.fetch(loaded, { method: 'DELETE' });
        assert.equal(deleted.status, 204);

        const created = await createResource(fresh, NCRS, ncrTurtle(fresh.base));
        assert.notEqual(created.location, loaded);
      } finally {
        await fresh.stop();
      }
    });
  });
});

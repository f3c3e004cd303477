import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { canonical } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import {
  ASSEMBLY,
  assertOslcError,
  BOM_LINES,
  bomLineProperties,
  containerMembers,
  createResource,
  escapeRegExp,
  FIXTURE_BOM_LINE,
  FIXTURE_NCR,
  linkTargets,
  NCRS,
  ncrProperties,
  PARTS,
  partProperties,
  post,
  put,
  readForUpdate,
  readResource,
  SCREW,
  storeState,
  TURTLE_PREFIXES,
} from './writeRequests.js';

const CONSTRAINED_BY = 'http://www.w3.org/ns/ldp#constrainedBy';
const RDF_XML_NAMESPACES =
  'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dt="https://w3id.org/digital-thread/ns#"';

/** An address on this machine where nothing listens (the discard port), for remote JSON-LD contexts. */
const UNREACHABLE_CONTEXT = 'http://127.0.0.1:9/context.jsonld';

/** One bad request and the error it must produce. Bodies and message patterns are functions of the server's base URL. */
interface BadRequest {
  name: string;
  contentType: string | undefined;
  body: (base: string) => string;
  status: number;
  patterns: (base: string) => RegExp[];
  /** Shape name expected in `Link: <shape>; rel="ldp#constrainedBy"`. */
  constrainedBy?: string;
  headers?: Record<string, string>;
}

interface BadPost extends BadRequest {
  factory: string;
}

function turtle(subjectAndProperties: string): string {
  return `${TURTLE_PREFIXES}\n${subjectAndProperties}\n`;
}

const part = (extra = ''): string => turtle(`<> ${partProperties('BAD-1')} ${extra} .`);
const partWithout = (property: string): string => turtle(`<> ${partProperties('BAD-1').split(' ; ').filter((pair) => !pair.startsWith(property)).join(' ; ')} .`);
const ncr = (base: string, extra = ''): string => turtle(`<> ${ncrProperties(base)} ${extra} .`);
const ncrWithout = (base: string, property: string): string =>
  turtle(`<> ${ncrProperties(base).split(' ; ').filter((pair) => !pair.startsWith(property)).join(' ; ')} .`);
const ncrReplacing = (base: string, property: string, value: string): string =>
  turtle(`<> ${ncrProperties(base).split(' ; ').map((pair) => (pair.startsWith(`${property} `) ? `${property} ${value}` : pair)).join(' ; ')} .`);
const bomLine = (base: string, assembly: string, extra = ''): string => turtle(`<> ${bomLineProperties(base, assembly, SCREW)} ${extra} .`);
const bomLineQuantity = (base: string, quantity: string): string => turtle(`<> ${bomLineProperties(base, ASSEMBLY, SCREW, quantity)} .`);

const jsonLdPart = (context: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    '@context': context,
    '@id': '',
    'dcterms:title': 'Bracket',
    'dt:partNumber': 'BAD-1',
    'dt:revision': 'A',
    'dt:lifecycleState': { '@id': 'dt:InWork' },
    ...extra,
  });

/**
 * Returns the syntax and media-type errors that POST and PUT must both reject. `valid` returns a
 * conforming Turtle body for the target, which the cases break.
 */
function syntaxCases(valid: (base: string) => string, targetIri: (base: string) => string): BadRequest[] {
  return [
    {
      name: 'unterminated Turtle string',
      contentType: 'text/turtle',
      body: (base) => valid(base).replace(/ \.\n$/, ' ; dcterms:description "unterminated .\n'),
      status: 400,
      patterns: () => [/Invalid Turtle/, /line \d+/],
    },
    {
      name: 'Turtle with undefined prefix',
      contentType: 'text/turtle',
      body: (base) => valid(base).replace(/ \.\n$/, ' ; nope:colour "red" .\n'),
      status: 400,
      patterns: () => [/Invalid Turtle/, /nope:/],
    },
    {
      name: 'Turtle with invalid IRI',
      contentType: 'text/turtle',
      body: (base) => valid(base).replace(/ \.\n$/, ' ; dcterms:source <http://example.org/a b> .\n'),
      status: 400,
      patterns: () => [/Invalid Turtle/, /http:\/\/example\.org\/a/],
    },
    {
      name: 'unclosed RDF/XML element',
      contentType: 'application/rdf+xml',
      body: () => `<rdf:RDF ${RDF_XML_NAMESPACES}><rdf:Description rdf:about=""><dcterms:title>Bracket</dcterms:title></rdf:RDF>`,
      status: 400,
      patterns: () => [/Invalid RDF\/XML/, /rdf:Description/],
    },
    {
      name: 'RDF/XML with invalid IRI',
      contentType: 'application/rdf+xml',
      body: () =>
        `<rdf:RDF ${RDF_XML_NAMESPACES}><rdf:Description rdf:about=""><dcterms:title>Bracket</dcterms:title>` +
        '<dcterms:source rdf:resource="http://exa mple/"/></rdf:Description></rdf:RDF>',
      status: 400,
      patterns: () => [/Invalid RDF\/XML/, /http:\/\/exa mple\//],
    },
    {
      name: 'N-Triples with invalid IRI',
      contentType: 'application/n-triples',
      body: (base) => `<${targetIri(base)}> <http://purl.org/dc/terms/title> "Bracket" .\n<${targetIri(base)}> <http://purl.org/dc/terms/source> <http://example.org/a b> .\n`,
      status: 400,
      patterns: () => [/Invalid N-Triples/, /http:\/\/example\.org\/a/, /line 2/],
    },
    {
      name: 'JSON-LD that is not JSON',
      contentType: 'application/ld+json',
      body: () => '{"@id": "", "dcterms:title": ',
      status: 400,
      patterns: () => [/Invalid JSON-LD/, /not JSON/],
    },
    {
      name: 'JSON-LD with remote context',
      contentType: 'application/ld+json',
      body: () => jsonLdPart(UNREACHABLE_CONTEXT),
      status: 400,
      patterns: (base) => [
        new RegExp(`remote context <${escapeRegExp(UNREACHABLE_CONTEXT)}> is not fetched`),
        new RegExp(`inline the context or use <${escapeRegExp(`${base}ns/context.jsonld`)}>`),
      ],
    },
    {
      name: 'JSON-LD with undefined term',
      contentType: 'application/ld+json',
      body: (base) => jsonLdPart(`${base}ns/context.jsonld`, { colour: 'red' }),
      status: 400,
      patterns: () => [/Invalid JSON-LD/, /colour/],
    },
    {
      name: 'JSON-LD with invalid IRI',
      contentType: 'application/ld+json',
      body: (base) => jsonLdPart(`${base}ns/context.jsonld`, { 'dcterms:source': { '@id': 'http://exa mple/' } }),
      status: 400,
      patterns: () => [/Invalid JSON-LD/, /http:\/\/exa mple\//],
    },
    {
      name: 'PDF Content-Type',
      contentType: 'application/pdf',
      body: (base) => valid(base),
      status: 415,
      patterns: () => [/Content-Type application\/pdf/, /text\/turtle/, /application\/ld\+json/, /application\/rdf\+xml/],
    },
    {
      name: 'Turtle sent as text/plain',
      contentType: 'text/plain',
      body: (base) => valid(base),
      status: 415,
      patterns: () => [/Content-Type text\/plain/, /text\/turtle/],
    },
    {
      name: 'no Content-Type',
      contentType: undefined,
      body: (base) => valid(base),
      status: 415,
      patterns: () => [/no Content-Type header/, /text\/turtle/],
    },
  ];
}

describe('BadInput', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  /** Sends a bad POST and asserts the error, the constrainedBy link and that nothing was stored. */
  async function assertRejectedPost(request: BadPost, target: TestServer = server): Promise<void> {
    const stateBefore = await storeState(target);
    const membersBefore = await containerMembers(target, request.factory);

    const response = await post(target, request.factory, request.contentType, request.body(target.base), request.headers ?? {});
    const constrainedBy = linkTargets(response, CONSTRAINED_BY);
    await assertOslcError(response, request.status, request.patterns(target.base), target.base);
    if (request.constrainedBy !== undefined) {
      assert.deepEqual(constrainedBy, [`${target.base}oslc/shapes/${request.constrainedBy}`]);
    }

    assert.deepEqual(await containerMembers(target, request.factory), membersBefore);
    assert.deepEqual(await storeState(target), stateBefore);
  }

  describe('POST', () => {
    const partSyntax = syntaxCases(
      () => part(),
      (base) => `${base}${PARTS}/draft`,
    ).map((request): BadPost => ({ ...request, factory: PARTS }));

    const cases: BadPost[] = [
      ...partSyntax,
      {
        name: 'missing part number',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => partWithout('dt:partNumber'),
        status: 400,
        patterns: () => [/dt:partNumber \(Part Number\) is missing/, /Add dt:partNumber to the request body/],
        constrainedBy: 'Part',
      },
      {
        name: 'missing affected part',
        factory: NCRS,
        contentType: 'text/turtle',
        body: (base) => ncrWithout(base, 'oslc_plm:affectsPart'),
        status: 400,
        patterns: () => [/oslc_plm:affectsPart \(Affected Parts\) is missing/, /at least one value/, /Add oslc_plm:affectsPart/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'string where decimal',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part('; dt:mass "heavy"'),
        status: 400,
        patterns: () => [/dt:mass \(Mass\) value "heavy" is not a valid xsd:decimal/, /send a decimal number/],
        constrainedBy: 'Part',
      },
      {
        name: 'string quantity on BOM line',
        factory: BOM_LINES,
        contentType: 'text/turtle',
        body: (base) => bomLineQuantity(base, '"two"'),
        status: 400,
        patterns: () => [/dt:quantity \(Quantity\) value "two" is not a valid xsd:decimal/, /send a decimal number/],
        constrainedBy: 'BomLine',
      },
      {
        name: 'literal where link',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part().replace('dt:lifecycleState dt:InWork', 'dt:lifecycleState "InWork"'),
        status: 400,
        patterns: () => [/dt:lifecycleState \(Lifecycle State\) value "InWork"/, /must be a link to a resource/],
        constrainedBy: 'Part',
      },
      {
        name: 'link where string',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part().replace('dt:revision "A"', 'dt:revision <urn:test:revision-a>'),
        status: 400,
        patterns: () => [/dt:revision \(Revision\)/, /not a valid xsd:string/, /send a text literal/],
        constrainedBy: 'Part',
      },
      {
        name: 'lifecycle state not allowed',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part().replace('dt:lifecycleState dt:InWork', 'dt:lifecycleState dt:Frozen'),
        status: 400,
        patterns: () => [/dt:lifecycleState \(Lifecycle State\) value dt:Frozen is not allowed/, /use one of dt:InWork, dt:UnderReview, dt:Released, dt:Obsolete/],
        constrainedBy: 'Part',
      },
      {
        name: 'NCR status not allowed',
        factory: NCRS,
        contentType: 'text/turtle',
        body: (base) => ncrReplacing(base, 'oslc_cm:status', '"Pending"'),
        status: 400,
        patterns: () => [/oslc_cm:status \(Status\) value "Pending" is not allowed/, /use one of "Open", "Under Review", "Dispositioned", "Closed"/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'defect code in wrong format',
        factory: NCRS,
        contentType: 'text/turtle',
        body: (base) => ncrReplacing(base, 'dt:defectCode', '"thread"'),
        status: 400,
        patterns: () => [/dt:defectCode \(Defect Code\) value "thread" has the wrong format/, /for example DIM-02/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'zero quantity',
        factory: BOM_LINES,
        contentType: 'text/turtle',
        body: (base) => bomLineQuantity(base, '0'),
        status: 400,
        patterns: () => [/dt:quantity \(Quantity\) value .*0.* is out of range/, /greater than 0/],
        constrainedBy: 'BomLine',
      },
      {
        name: 'two titles',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part('; dcterms:title "Second title"'),
        status: 400,
        patterns: () => [/dcterms:title \(Title\) has too many values/, /Send only one dcterms:title/],
        constrainedBy: 'Part',
      },
      {
        name: 'revision over maximum length',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part().replace('dt:revision "A"', `dt:revision "${'R'.repeat(17)}"`),
        status: 400,
        patterns: () => [/dt:revision \(Revision\) value is 17 characters long/, /the maximum is 16/],
        constrainedBy: 'Part',
      },
      {
        name: 'EAR without ECCN',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part('; dt:exportControl dt:EAR'),
        status: 400,
        patterns: () => [/dt:exportControl is dt:EAR, which needs a dt:eccn value/, /add dt:eccn/],
        constrainedBy: 'Part',
      },
      {
        name: 'ITAR without USML category',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part('; dt:exportControl dt:ITAR'),
        status: 400,
        patterns: () => [/dt:exportControl is dt:ITAR, which needs a dt:usmlCategory value/, /add dt:usmlCategory/],
        constrainedBy: 'Part',
      },
      {
        name: 'identifier in POST body',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part('; dcterms:identifier "P-777777"'),
        status: 409,
        patterns: () => [/dcterms:identifier \(Identifier\) is set by the server/, /remove it from the request body/],
        constrainedBy: 'Part',
      },
      {
        name: 'created in POST body',
        factory: NCRS,
        contentType: 'text/turtle',
        body: (base) => ncr(base, '; dcterms:created "2020-01-01T00:00:00Z"^^xsd:dateTime'),
        status: 409,
        patterns: () => [/dcterms:created \(Created\) is set by the server/, /remove it from the request body/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'service provider in POST body',
        factory: PARTS,
        contentType: 'text/turtle',
        body: (base) => part(`; oslc:serviceProvider <${base}oslc/sp/eha>`),
        status: 409,
        patterns: () => [/oslc:serviceProvider \(Service Provider\) is set by the server/, /remove it/],
        constrainedBy: 'Part',
      },
      {
        name: 'BOM lines in POST body',
        factory: PARTS,
        contentType: 'text/turtle',
        body: (base) => part(`; oslc_plm:composedOfPartUsage <${base}${FIXTURE_BOM_LINE}>`),
        status: 409,
        patterns: () => [/oslc_plm:composedOfPartUsage \(BOM Lines\) is set by the server/, /remove it/],
        constrainedBy: 'Part',
      },
      {
        name: 'link to missing assembly',
        factory: BOM_LINES,
        contentType: 'text/turtle',
        body: (base) => bomLine(base, `${PARTS}/P-999999`),
        status: 400,
        patterns: (base) => [
          new RegExp(`dt:assembly \\(Assembly\\) links to <${escapeRegExp(`${base}${PARTS}/P-999999`)}>, which does not exist`),
          /link an existing resource/,
        ],
        constrainedBy: 'BomLine',
      },
      {
        name: 'link to missing affected part',
        factory: NCRS,
        contentType: 'text/turtle',
        body: (base) => ncrReplacing(base, 'oslc_plm:affectsPart', `<${base}${PARTS}/P-999999>`),
        status: 400,
        patterns: (base) => [new RegExp(`oslc_plm:affectsPart \\(Affected Parts\\) links to <${escapeRegExp(`${base}${PARTS}/P-999999`)}>, which does not exist`)],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'assembly that is an NCR',
        factory: BOM_LINES,
        contentType: 'text/turtle',
        body: (base) => bomLine(base, FIXTURE_NCR),
        status: 400,
        patterns: (base) => [
          new RegExp(`dt:assembly \\(Assembly\\) links to <${escapeRegExp(`${base}${FIXTURE_NCR}`)}>, which is a Non-Conformance Report`),
          /it must link a Part/,
        ],
        constrainedBy: 'BomLine',
      },
      {
        name: 'affected part that is a BOM line',
        factory: NCRS,
        contentType: 'text/turtle',
        body: (base) => ncrReplacing(base, 'oslc_plm:affectsPart', `<${base}${FIXTURE_BOM_LINE}>`),
        status: 400,
        patterns: () => [/oslc_plm:affectsPart \(Affected Parts\) links to .*, which is a BOM Line/, /it must link a Part/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'two resources without <>',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => turtle(`<first> ${partProperties('BAD-1')} .\n<second> ${partProperties('BAD-2')} .`),
        status: 400,
        patterns: () => [/describes 2 resources/, /describe only the new resource, with <>/],
      },
      {
        // Triples about another subject would be stored in the new resource's graph, where container
        // listings and queries would find them.
        name: 'new resource and another part',
        factory: PARTS,
        contentType: 'text/turtle',
        body: (base) => part() + turtle(`<${base}${PARTS}/P-000099> a oslc_plm:Part ; oslc:serviceProvider <${base}oslc/sp/fcc> .`),
        status: 400,
        patterns: (base) => [new RegExp(escapeRegExp(`${base}${PARTS}/P-000099`)), /describe only the new resource/],
      },
      {
        name: 'new resource and a blank node',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part() + turtle('[] dcterms:title "Stray node" .'),
        status: 400,
        patterns: () => [/describe only the new resource/],
      },
      {
        name: 'empty Turtle body',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => '',
        status: 400,
        patterns: () => [/no triples/, /describe the new resource with <> as its subject/],
      },
      {
        name: 'Turtle with only prefixes',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => TURTLE_PREFIXES,
        status: 400,
        patterns: () => [/no triples/],
      },
      {
        name: 'empty RDF/XML document',
        factory: PARTS,
        contentType: 'application/rdf+xml',
        body: () => `<rdf:RDF ${RDF_XML_NAMESPACES}/>`,
        status: 400,
        patterns: () => [/no triples/],
      },
      {
        name: 'empty JSON-LD object',
        factory: PARTS,
        contentType: 'application/ld+json',
        body: () => '{}',
        status: 400,
        patterns: () => [/no triples|empty/],
      },
      {
        name: 'empty JSON-LD body',
        factory: PARTS,
        contentType: 'application/ld+json',
        body: () => '',
        status: 400,
        patterns: () => [/Invalid JSON-LD/, /not JSON/],
      },
      {
        name: 'OSLC-Core-Version 1.0',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part(),
        headers: { 'OSLC-Core-Version': '1.0' },
        status: 400,
        patterns: () => [/OSLC-Core-Version 1\.0 is not supported/, /2\.0 and 3\.0/],
      },
      {
        name: 'unacceptable Accept',
        factory: PARTS,
        contentType: 'text/turtle',
        body: () => part(),
        headers: { Accept: 'image/png' },
        status: 406,
        patterns: () => [/Accept header \(image\/png\)/, /Request one of text\/turtle/],
      },
    ];

    for (const request of cases) {
      it(`rejects ${request.name}`, async () => {
        await assertRejectedPost(request);
      });
    }

    it('rejects unknown resource type', async () => {
      const stateBefore = await storeState(server);
      const response = await post(server, 'oslc/sp/fcc/widgets', 'text/turtle', part());
      await assertOslcError(
        response,
        404,
        [new RegExp(`No creation factory exists at ${escapeRegExp(`${server.base}oslc/sp/fcc/widgets`)}`), /service provider document lists the valid ones/],
        server.base,
      );
      assert.deepEqual(await storeState(server), stateBefore);
    });

    it('remote context is never fetched', async () => {
      let connections = 0;
      const listener = createServer((socket) => {
        connections += 1;
        socket.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const contextUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/context.jsonld`;
      try {
        await assertRejectedPost({
          name: 'listening remote context',
          factory: PARTS,
          contentType: 'application/ld+json',
          body: () => jsonLdPart(contextUrl),
          status: 400,
          patterns: () => [new RegExp(`remote context <${escapeRegExp(contextUrl)}> is not fetched`)],
        });
        assert.equal(connections, 0);
      } finally {
        await new Promise<void>((resolve) => listener.close(() => resolve()));
      }
    });

    it('valid bodies of the table pass', async () => {
      // Each bad body above changes one thing in these bodies, so these must succeed.
      await createResource(server, PARTS, part());
      await createResource(server, NCRS, ncr(server.base));
      await createResource(server, BOM_LINES, bomLine(server.base, ASSEMBLY));
    });
  });

  describe('PUT', () => {
    let ncrIri: string;

    before(async () => {
      ({ location: ncrIri } = await createResource(server, NCRS, ncr(server.base, '; dt:lotNumber "L-1"')));
    });

    /** Returns a PUT body for the test NCR with its client-owned properties, plus `extra`. */
    const ncrPut = (base: string, extra = ''): string => ncr(base, `; dt:lotNumber "L-1" ${extra}`);
    const ncrPutReplacing = (base: string, property: string, value: string): string => ncrReplacing(base, property, value).replace(/ \.\n$/, ' ; dt:lotNumber "L-1" .\n');

    interface BadPut extends BadRequest {
      /** Which If-Match to send: the current ETag (default), none, or an outdated one. */
      ifMatch?: 'current' | 'none' | 'stale';
    }

    const cases: BadPut[] = [
      // A PUT without Content-Type has its own test below, because `put` always sends one.
      ...syntaxCases(
        (base) => ncrPut(base),
        () => ncrIri,
      ).filter((request) => request.contentType !== undefined),
      {
        name: 'missing If-Match',
        contentType: 'text/turtle',
        body: (base) => ncrPut(base, '; dcterms:description "changed"'),
        ifMatch: 'none',
        status: 428,
        patterns: () => [/If-Match/, /GET .* first and send its ETag/],
      },
      {
        name: 'stale If-Match',
        contentType: 'text/turtle',
        body: (base) => ncrPut(base, '; dcterms:description "changed"'),
        ifMatch: 'stale',
        status: 412,
        patterns: () => [/If-Match/, /GET it again/],
      },
      {
        name: 'missing defect code',
        contentType: 'text/turtle',
        body: (base) => ncrWithout(base, 'dt:defectCode'),
        status: 400,
        patterns: () => [/dt:defectCode \(Defect Code\) is missing/, /Add dt:defectCode/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'string where integer',
        contentType: 'text/turtle',
        body: (base) => ncrPut(base, '; dt:quantityAffected "forty"'),
        status: 400,
        patterns: () => [/dt:quantityAffected \(Quantity Affected\) value "forty" is not a valid xsd:integer/, /send a whole number/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'literal severity',
        contentType: 'text/turtle',
        body: (base) => ncrPutReplacing(base, 'dt:severity', '"Minor"'),
        status: 400,
        patterns: () => [/dt:severity \(Severity\) value "Minor"/, /must be a link to a resource/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'status not allowed',
        contentType: 'text/turtle',
        body: (base) => ncrPutReplacing(base, 'oslc_cm:status', '"Pending"'),
        status: 400,
        patterns: () => [/oslc_cm:status \(Status\) value "Pending" is not allowed/, /"Open"/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'link to missing part',
        contentType: 'text/turtle',
        body: (base) => ncrPutReplacing(base, 'oslc_plm:affectsPart', `<${base}${PARTS}/P-999999>`),
        status: 400,
        patterns: () => [/oslc_plm:affectsPart \(Affected Parts\) links to .*P-999999>, which does not exist/, /link an existing resource/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'affected part that is a BOM line',
        contentType: 'text/turtle',
        body: (base) => ncrPutReplacing(base, 'oslc_plm:affectsPart', `<${base}${FIXTURE_BOM_LINE}>`),
        status: 400,
        patterns: () => [/oslc_plm:affectsPart \(Affected Parts\) links to .*, which is a BOM Line/, /it must link a Part/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'EAR without ECCN',
        contentType: 'text/turtle',
        body: (base) => ncrPut(base, '; dt:exportControl dt:EAR'),
        status: 400,
        patterns: () => [/dt:exportControl is dt:EAR, which needs a dt:eccn value/, /add dt:eccn/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'changed identifier',
        contentType: 'text/turtle',
        body: (base) => ncrPut(base, '; dcterms:identifier "NCR-777777"'),
        status: 409,
        patterns: () => [/dcterms:identifier \(Identifier\) is set by the server and cannot be changed/, /send its current value or leave it out/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'changed created',
        contentType: 'text/turtle',
        body: (base) => ncrPut(base, '; dcterms:created "2001-01-01T00:00:00Z"^^xsd:dateTime'),
        status: 409,
        patterns: () => [/dcterms:created \(Created\) is set by the server and cannot be changed/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'changed service provider',
        contentType: 'text/turtle',
        body: (base) => ncrPut(base, `; oslc:serviceProvider <${base}oslc/sp/eha>`),
        status: 409,
        patterns: () => [/oslc:serviceProvider \(Service Provider\) is set by the server and cannot be changed/],
        constrainedBy: 'NonConformanceReport',
      },
      {
        name: 'another subject',
        contentType: 'text/turtle',
        body: (base) => turtle(`<${base}${FIXTURE_NCR}> ${ncrProperties(base)} .`),
        status: 400,
        patterns: (base) => [new RegExp(escapeRegExp(`${base}${FIXTURE_NCR}`)), /a PUT body must describe the resource at the request URL/],
      },
      {
        name: 'resource and another subject',
        contentType: 'text/turtle',
        body: (base) => ncrPut(base) + turtle(`<${base}${SCREW}> dcterms:title "Renamed" .`),
        status: 400,
        patterns: (base) => [new RegExp(escapeRegExp(`${base}${SCREW}`)), /a PUT body describes only the resource at the request URL/],
      },
      {
        name: 'empty body',
        contentType: 'text/turtle',
        body: () => '',
        status: 400,
        patterns: () => [/describes no subject/, /a PUT body must describe the resource at the request URL/],
      },
    ];

    for (const request of cases) {
      it(`rejects ${request.name}`, async () => {
        const current = await readForUpdate(server, ncrIri);
        const stateBefore = await storeState(server);
        let ifMatch: string | undefined = current.etag;
        if (request.ifMatch === 'none') {
          ifMatch = undefined;
        } else if (request.ifMatch === 'stale') {
          ifMatch = '"0-stale"';
        }

        const response = await put(server, ncrIri, request.contentType!, request.body(server.base), ifMatch, request.headers ?? {});
        const constrainedBy = linkTargets(response, CONSTRAINED_BY);
        await assertOslcError(response, request.status, request.patterns(server.base), server.base);
        if (request.constrainedBy !== undefined) {
          assert.deepEqual(constrainedBy, [`${server.base}oslc/shapes/${request.constrainedBy}`]);
        }

        const stored = await readForUpdate(server, ncrIri);
        assert.equal(stored.etag, current.etag);
        assert.equal(await canonical(stored.quads), await canonical(current.quads));
        assert.deepEqual(await storeState(server), stateBefore);
      });
    }

    it('rejects no Content-Type', async () => {
      const current = await readForUpdate(server, ncrIri);
      const response = await server.fetch(ncrIri, {
        method: 'PUT',
        headers: { Accept: 'text/turtle', 'If-Match': current.etag },
        body: new TextEncoder().encode(ncrPut(server.base)),
      });
      await assertOslcError(response, 415, [/no Content-Type header/, /text\/turtle/], server.base);
      assert.equal((await readForUpdate(server, ncrIri)).etag, current.etag);
    });

    it('valid PUT body passes', async () => {
      // Each bad body above changes one thing in this body, so this must succeed.
      const current = await readForUpdate(server, ncrIri);
      const response = await put(server, ncrIri, 'text/turtle', ncrPut(server.base, '; dcterms:description "changed"'), current.etag);
      assert.equal(response.status, 204, await response.text());
    });
  });

  describe('body size limit', () => {
    let limited: TestServer;
    let ncrIri: string;

    before(async () => {
      limited = await startTestServer({ config: { maxBody: '2kb' } });
      ({ location: ncrIri } = await createResource(limited, NCRS, ncr(limited.base)));
    });

    after(async () => {
      await limited.stop();
    });

    /** A conforming NCR body of more than 2 KiB, padded with a long description. */
    const largeNcr = (base: string): string => ncr(base, `; dcterms:description "${'x'.repeat(3000)}"`);
    const limitPatterns = (): RegExp[] => [/larger than the limit of 2048 bytes/, /--max-body/];

    /** Returns a body stream without a known length, so fetch sends it with chunked transfer encoding. */
    function chunked(text: string): { body: ReadableStream<Uint8Array>; duplex: 'half' } {
      const bytes = new TextEncoder().encode(text);
      const chunkSize = 512;
      let offset = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) {
            controller.close();
            return;
          }
          controller.enqueue(bytes.slice(offset, offset + chunkSize));
          offset += chunkSize;
        },
      });
      return { body, duplex: 'half' };
    }

    it('POST over limit with Content-Length', async () => {
      await assertRejectedPost(
        { name: 'large body', factory: NCRS, contentType: 'text/turtle', body: largeNcr, status: 413, patterns: limitPatterns },
        limited,
      );
    });

    it('POST over limit without Content-Length', async () => {
      const stateBefore = await storeState(limited);
      const response = await limited.fetch(NCRS, {
        method: 'POST',
        headers: { Accept: 'text/turtle', 'Content-Type': 'text/turtle' },
        ...chunked(largeNcr(limited.base)),
      } as RequestInit);
      await assertOslcError(response, 413, limitPatterns(), limited.base);
      assert.deepEqual(await storeState(limited), stateBefore);
    });

    it('PUT over limit with Content-Length', async () => {
      const current = await readForUpdate(limited, ncrIri);
      const stateBefore = await storeState(limited);
      const response = await put(limited, ncrIri, 'text/turtle', largeNcr(limited.base), current.etag);
      await assertOslcError(response, 413, limitPatterns(), limited.base);
      assert.equal((await readForUpdate(limited, ncrIri)).etag, current.etag);
      assert.deepEqual(await storeState(limited), stateBefore);
    });

    it('PUT over limit without Content-Length', async () => {
      const current = await readForUpdate(limited, ncrIri);
      const stateBefore = await storeState(limited);
      const response = await limited.fetch(ncrIri, {
        method: 'PUT',
        headers: { Accept: 'text/turtle', 'Content-Type': 'text/turtle', 'If-Match': current.etag },
        ...chunked(largeNcr(limited.base)),
      } as RequestInit);
      await assertOslcError(response, 413, limitPatterns(), limited.base);
      assert.equal((await readForUpdate(limited, ncrIri)).etag, current.etag);
      assert.deepEqual(await storeState(limited), stateBefore);
    });

    it('body under limit passes', async () => {
      const body = ncr(limited.base, `; dcterms:description "${'x'.repeat(1000)}"`);
      assert.ok(Buffer.byteLength(body) < 2048, `test body is ${Buffer.byteLength(body)} bytes`);
      await createResource(limited, NCRS, body);
    });

    it('chunked body under limit passes', async () => {
      const response = await limited.fetch(NCRS, {
        method: 'POST',
        headers: { Accept: 'text/turtle', 'Content-Type': 'text/turtle' },
        ...chunked(ncr(limited.base, `; dcterms:description "${'y'.repeat(1000)}"`)),
      } as RequestInit);
      assert.equal(response.status, 201, await response.text());
      const { status } = await readResource(limited, response.headers.get('location')!);
      assert.equal(status, 200);
    });
  });
});

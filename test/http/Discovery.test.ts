import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import type { Quad } from '@rdfjs/types';
import { canonical } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import {
  assertOslcError,
  assertSuccess,
  contentTypeOf,
  getRdf,
  getRdfWithoutAccept,
  hasTriple,
  headerTokens,
  instancesOf,
  NS,
  objectTerms,
  parseRdfXmlInDocumentOrder,
  rawRequest,
  RDF_TYPE,
  XML_LITERAL,
} from './HttpTestSupport.js';

const OSLC = (local: string): string => NS.oslc + local;
const DCTERMS = (local: string): string => NS.dcterms + local;

/** Jazz root services links (OSLC 1.0 namespaces, as IBM ELM reads them). */
const JAZZ_CM_PROVIDERS = 'http://open-services.net/xmlns/cm/1.0/cmServiceProviders';
const JAZZ_RM_PROVIDERS = 'http://open-services.net/xmlns/rm/1.0/rmServiceProviders';
const JAZZ_QM_PROVIDERS = 'http://open-services.net/xmlns/qm/1.0/qmServiceProviders';
const JAZZ_OSLC_CATALOGS = 'http://jazz.net/xmlns/prod/jazz/discovery/1.0/oslcCatalogs';

/** A length in CSS syntax, as oslc:hintWidth and oslc:hintHeight must be. */
const CSS_LENGTH = /^\d+(\.\d+)?(px|em|ex|rem|ch|vw|vh|vmin|vmax|cm|mm|in|pt|pc|%)$/;

const OCCURS_VALUES = ['Exactly-one', 'Zero-or-one', 'Zero-or-many', 'One-or-many'].map(OSLC);

/** Prefixes every service provider must define, with their namespaces. */
const EXPECTED_PREFIXES: Record<string, string> = {
  oslc: NS.oslc,
  oslc_cm: NS.oslc_cm,
  oslc_rm: NS.oslc_rm,
  oslc_qm: NS.oslc_qm,
  oslc_plm: NS.oslc_plm,
  dt: NS.dt,
  dcterms: NS.dcterms,
  rdf: NS.rdf,
  rdfs: NS.rdfs,
  xsd: NS.xsd,
  owl: 'http://www.w3.org/2002/07/owl#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  ldp: NS.ldp,
  trs: 'http://open-services.net/ns/core/trs#',
};

const EXPECTED_DOMAINS = [NS.oslc_plm, NS.oslc_cm, NS.oslc_rm, NS.oslc_qm, NS.dt];

describe('Discovery', () => {
  let server: TestServer;
  let catalogIri: string;
  /** Parsed Turtle of each service provider, by provider IRI. */
  const providers = new Map<string, Quad[]>();

  before(async () => {
    server = await startTestServer();
    catalogIri = `${server.base}oslc/catalog`;
    for (const id of ['fcc', 'eha']) {
      const { response, quads } = await getRdf(server, `oslc/sp/${id}`);
      assert.equal(response.status, 200, `GET oslc/sp/${id}`);
      providers.set(`${server.base}oslc/sp/${id}`, quads);
    }
  });

  after(async () => {
    await server.stop();
  });

  /** Service nodes of every provider, with the provider they belong to. */
  function services(): { provider: string; quads: Quad[]; service: Quad['object'] }[] {
    const all: { provider: string; quads: Quad[]; service: Quad['object'] }[] = [];
    for (const [provider, quads] of providers) {
      for (const service of objectTerms(quads, provider, OSLC('service'))) {
        all.push({ provider, quads, service });
      }
    }
    return all;
  }

  /** Nodes linked from each service by `predicate` (creation factories, query capabilities, dialogs). */
  function capabilities(predicate: string): { provider: string; quads: Quad[]; node: Quad['object'] }[] {
    return services().flatMap(({ provider, quads, service }) =>
      objectTerms(quads, service as Quad['subject'], predicate).map((node) => ({ provider, quads, node })),
    );
  }

  /** Collects every oslc:resourceShape IRI that a service provider advertises. */
  function advertisedShapes(): string[] {
    const shapes = new Set<string>();
    for (const quads of providers.values()) {
      for (const quad of quads) {
        if (quad.predicate.value === OSLC('resourceShape')) {
          shapes.add(quad.object.value);
        }
      }
    }
    return [...shapes].sort();
  }

  describe('root services', () => {
    const paths = ['rootservices', '.well-known/oslc/rootservices.xml'];
    const accepts: (string | undefined)[] = [undefined, 'application/xml', 'application/rdf+xml'];

    for (const path of paths) {
      for (const accept of accepts) {
        it(`${path} with ${accept === undefined ? 'no Accept' : `Accept ${accept}`} is RDF/XML`, async () => {
          const { response, quads } = accept === undefined ? await getRdfWithoutAccept(server, path) : await getRdf(server, path, accept);
          assert.equal(response.status, 200);
          assert.equal(contentTypeOf(response), 'application/rdf+xml');

          const rootServices = `${server.base}rootservices`;
          assert.ok(hasTriple(quads, rootServices, JAZZ_CM_PROVIDERS, catalogIri), 'cmServiceProviders links the catalog');
          assert.ok(hasTriple(quads, rootServices, JAZZ_RM_PROVIDERS, catalogIri), 'rmServiceProviders links the catalog');
          assert.ok(hasTriple(quads, rootServices, JAZZ_QM_PROVIDERS, catalogIri), 'qmServiceProviders links the catalog');
          assert.ok(hasTriple(quads, rootServices, JAZZ_OSLC_CATALOGS, catalogIri), 'jd:oslcCatalogs links the catalog');
          assert.ok(hasTriple(quads, catalogIri, RDF_TYPE, OSLC('ServiceProviderCatalog')));
        });
      }
    }

    it('root services in Turtle match the RDF/XML graph', async () => {
      const xml = await getRdf(server, 'rootservices', 'application/rdf+xml');
      const turtle = await getRdf(server, 'rootservices', 'text/turtle');
      assert.equal(contentTypeOf(turtle.response), 'text/turtle');
      assert.equal(await canonical(turtle.quads), await canonical(xml.quads));
    });

    it('HEAD of root services has headers and no body', async () => {
      const get = await rawRequest(server, 'rootservices');
      const getBody = await get.arrayBuffer();
      const head = await rawRequest(server, 'rootservices', { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-type'), get.headers.get('content-type'));
      assert.equal(head.headers.get('content-length'), String(getBody.byteLength));
      assert.equal((await head.arrayBuffer()).byteLength, 0);
    });
  });

  describe('well-known paths', () => {
    it('sp-catalog redirects to the catalog', async () => {
      const response = await server.fetch('.well-known/oslc/sp-catalog', { redirect: 'manual' });
      assert.equal(response.status, 302);
      const location = response.headers.get('location');
      assert.ok(location !== null, 'Location header is missing');
      assert.equal(new URL(location, server.base).href, catalogIri);
    });

    const undefinedPaths = [
      '.well-known/oslc/',
      '.well-known/oslc/anything-else',
      '.well-known/oslc/rootservices',
      '.well-known/oslc/catalog',
      '.well-known/oslc/sp-catalog/extra',
      '.well-known/oslc/rootservices.xml/extra',
    ];
    for (const path of undefinedPaths) {
      it(`${path} is 404`, async () => {
        const { response, quads } = await getRdf(server, path);
        assert.equal(response.status, 404);
        assertOslcError(quads, 404);
      });
    }
  });

  describe('catalog', () => {
    it('catalog is a typed, titled ServiceProviderCatalog', async () => {
      const { response, quads } = await getRdf(server, 'oslc/catalog');
      assert.equal(response.status, 200);
      assert.ok(hasTriple(quads, catalogIri, RDF_TYPE, OSLC('ServiceProviderCatalog')));
      const titles = objectTerms(quads, catalogIri, DCTERMS('title'));
      assert.equal(titles.length, 1, 'catalog needs exactly one dcterms:title');
      assert.notEqual(titles[0]!.value.trim(), '');
    });

    it('catalog lists both fixture providers', async () => {
      const { quads } = await getRdf(server, 'oslc/catalog');
      const listed = objectTerms(quads, catalogIri, OSLC('serviceProvider')).map((term) => term.value).sort();
      assert.deepEqual(listed, [`${server.base}oslc/sp/eha`, `${server.base}oslc/sp/fcc`]);
    });

    const titles: [string, string][] = [
      ['fcc', 'FCC-300 Flight Control Computer'],
      ['eha', 'EHA-90 Electro-Hydrostatic Actuation'],
    ];
    for (const [id, title] of titles) {
      it(`catalog entry for ${id} has an XMLLiteral title`, async () => {
        const { quads } = await getRdf(server, 'oslc/catalog');
        const provider = `${server.base}oslc/sp/${id}`;
        assert.ok(hasTriple(quads, provider, RDF_TYPE, OSLC('ServiceProvider')));
        const values = objectTerms(quads, provider, DCTERMS('title'));
        assert.equal(values.length, 1);
        const value = values[0]!;
        assert.equal(value.termType, 'Literal');
        assert.equal(value.termType === 'Literal' ? value.datatype.value : '', XML_LITERAL);
        assert.equal(value.value, title);
      });
    }
  });

  describe('service providers', () => {
    it('each provider is a ServiceProvider with inline services', () => {
      for (const [provider, quads] of providers) {
        assert.ok(hasTriple(quads, provider, RDF_TYPE, OSLC('ServiceProvider')), provider);
        const serviceNodes = objectTerms(quads, provider, OSLC('service'));
        assert.ok(serviceNodes.length >= 1, `${provider} has no oslc:service`);
        for (const service of serviceNodes) {
          assert.equal(service.termType, 'BlankNode', `${provider}: a service should be an inline node`);
          assert.ok(
            objectTerms(quads, service as Quad['subject'], RDF_TYPE).some((type) => type.value === OSLC('Service')),
            `${provider}: service is not typed oslc:Service`,
          );
        }
        for (const property of ['title', 'description', 'publisher']) {
          assert.ok(objectTerms(quads, provider, DCTERMS(property)).length <= 1, `${provider} has more than one dcterms:${property}`);
        }
      }
    });

    it('each service has exactly one domain', () => {
      for (const { provider, quads, service } of services()) {
        assert.equal(objectTerms(quads, service as Quad['subject'], OSLC('domain')).length, 1, `${provider}: a service has not exactly one oslc:domain`);
      }
    });

    it('services cover the expected domains', () => {
      for (const [provider, quads] of providers) {
        const domains = objectTerms(quads, provider, OSLC('service')).flatMap((service) =>
          objectTerms(quads, service as Quad['subject'], OSLC('domain')).map((domain) => domain.value),
        );
        assert.deepEqual([...domains].sort(), [...EXPECTED_DOMAINS].sort(), provider);
      }
    });

    it('creation factories have title and creation', () => {
      const factories = capabilities(OSLC('creationFactory'));
      assert.ok(factories.length > 0, 'no oslc:creationFactory advertised');
      for (const { provider, quads, node } of factories) {
        const subject = node as Quad['subject'];
        assert.equal(objectTerms(quads, subject, DCTERMS('title')).length, 1, `${provider}: factory needs one dcterms:title`);
        const creation = objectTerms(quads, subject, OSLC('creation'));
        assert.equal(creation.length, 1, `${provider}: factory needs one oslc:creation`);
        assert.equal(creation[0]!.termType, 'NamedNode');
        assert.ok(objectTerms(quads, subject, OSLC('resourceType')).length >= 1, `${provider}: factory has no oslc:resourceType`);
      }
    });

    it('OPTIONS on each creation URL allows POST', async () => {
      const urls = new Set(capabilities(OSLC('creationFactory')).map(({ quads, node }) => objectTerms(quads, node as Quad['subject'], OSLC('creation'))[0]!.value));
      assert.ok(urls.size > 0);
      for (const url of urls) {
        const response = await fetch(url, { method: 'OPTIONS' });
        assertSuccess(response, `OPTIONS ${url}`);
        assert.ok(headerTokens(response.headers.get('allow')).includes('POST'), `OPTIONS ${url}: Allow is ${response.headers.get('allow')}`);
      }
    });

    it('query capabilities have title, base, shape and type', () => {
      const queries = capabilities(OSLC('queryCapability'));
      assert.ok(queries.length > 0, 'no oslc:queryCapability advertised');
      for (const { provider, quads, node } of queries) {
        const subject = node as Quad['subject'];
        assert.equal(objectTerms(quads, subject, DCTERMS('title')).length, 1, `${provider}: query capability needs one dcterms:title`);
        const bases = objectTerms(quads, subject, OSLC('queryBase'));
        assert.equal(bases.length, 1, `${provider}: query capability needs one oslc:queryBase`);
        assert.equal(bases[0]!.termType, 'NamedNode');
        assert.equal(objectTerms(quads, subject, OSLC('resourceShape')).length, 1, `${provider}: query capability needs one oslc:resourceShape`);
        assert.ok(objectTerms(quads, subject, OSLC('resourceType')).length >= 1, `${provider}: query capability has no oslc:resourceType`);
      }
    });

    it('each query base answers GET', async () => {
      const bases = new Set(capabilities(OSLC('queryCapability')).map(({ quads, node }) => objectTerms(quads, node as Quad['subject'], OSLC('queryBase'))[0]!.value));
      for (const base of bases) {
        const response = await fetch(base, { headers: { Accept: 'text/turtle' } });
        await response.arrayBuffer();
        assert.equal(response.status, 200, `GET ${base}`);
      }
    });

    /**
     * OSLC Query 3.0 recommends that the query capability's shape describe the result container, with
     * a member property marked oslc:isMemberProperty true.
     */
    it('query capability shape declares a member property', async () => {
      const shapes = new Set(capabilities(OSLC('queryCapability')).map(({ quads, node }) => objectTerms(quads, node as Quad['subject'], OSLC('resourceShape'))[0]!.value));
      for (const shape of shapes) {
        const { quads } = await getRdf(server, shape);
        const memberProperties = objectTerms(quads, shape, OSLC('property')).filter((property) =>
          objectTerms(quads, property as Quad['subject'], OSLC('isMemberProperty')).some((value) => value.value === 'true'),
        );
        assert.equal(memberProperties.length, 1, `${shape} has no property with oslc:isMemberProperty true`);
      }
    });

    for (const kind of ['selectionDialog', 'creationDialog']) {
      it(`${kind} descriptors are complete`, () => {
        const dialogs = capabilities(OSLC(kind));
        assert.ok(dialogs.length > 0, `no oslc:${kind} advertised`);
        for (const { provider, quads, node } of dialogs) {
          const subject = node as Quad['subject'];
          assert.equal(node.termType, 'BlankNode', `${provider}: dialog should be an inline node`);
          assert.ok(objectTerms(quads, subject, RDF_TYPE).some((type) => type.value === OSLC('Dialog')), `${provider}: dialog is not typed oslc:Dialog`);
          assert.equal(objectTerms(quads, subject, DCTERMS('title')).length, 1, `${provider}: dialog needs one dcterms:title`);
          assert.equal(objectTerms(quads, subject, OSLC('label')).length, 1, `${provider}: dialog needs one oslc:label`);
          const urls = objectTerms(quads, subject, OSLC('dialog'));
          assert.equal(urls.length, 1, `${provider}: dialog needs one oslc:dialog`);
          assert.equal(urls[0]!.termType, 'NamedNode');
          for (const hint of ['hintWidth', 'hintHeight']) {
            const values = objectTerms(quads, subject, OSLC(hint));
            assert.equal(values.length, 1, `${provider}: dialog needs one oslc:${hint}`);
            assert.match(values[0]!.value, CSS_LENGTH, `${provider}: oslc:${hint} is not a CSS length`);
          }
          assert.ok(objectTerms(quads, subject, OSLC('resourceType')).length >= 1, `${provider}: dialog has no oslc:resourceType`);
        }
      });
    }

    it('first selection dialog is the default', async () => {
      // Jazz clients read RDF/XML and take the first selection dialog in document order.
      for (const provider of providers.keys()) {
        const response = await server.fetch(provider, { headers: { Accept: 'application/rdf+xml' } });
        const triples = parseRdfXmlInDocumentOrder(await response.text(), provider);
        const values = (subject: string, predicate: string): string[] =>
          triples.filter((triple) => triple.subject === subject && triple.predicate === predicate).map((triple) => triple.object);

        const serviceNodes = values(provider, OSLC('service'));
        assert.ok(serviceNodes.length > 0, `${provider} has no services`);
        for (const service of serviceNodes) {
          const dialogs = values(service, OSLC('selectionDialog'));
          assert.ok(dialogs.length > 0, `${provider}: a service has no selection dialog`);
          const isDefault = (dialog: string): boolean => values(dialog, OSLC('usage')).includes(OSLC('default'));
          assert.ok(isDefault(dialogs[0]!), `${provider}: the first selection dialog lacks oslc:usage oslc:default`);
          assert.equal(dialogs.filter(isDefault).length, 1, `${provider}: a service has several default selection dialogs`);
        }
      }
    });

    it('prefix definitions are well formed', () => {
      for (const [provider, quads] of providers) {
        const definitions = objectTerms(quads, provider, OSLC('prefixDefinition'));
        assert.ok(definitions.length > 0, `${provider} has no oslc:prefixDefinition`);
        for (const definition of definitions) {
          const prefixes = objectTerms(quads, definition as Quad['subject'], OSLC('prefix'));
          const bases = objectTerms(quads, definition as Quad['subject'], OSLC('prefixBase'));
          assert.equal(prefixes.length, 1, `${provider}: prefix definition needs one oslc:prefix`);
          assert.equal(prefixes[0]!.termType, 'Literal');
          assert.equal(bases.length, 1, `${provider}: prefix definition needs one oslc:prefixBase`);
          assert.equal(bases[0]!.termType, 'NamedNode');
        }
      }
    });

    for (const [prefix, namespace] of Object.entries(EXPECTED_PREFIXES)) {
      it(`providers define prefix ${prefix}`, () => {
        for (const [provider, quads] of providers) {
          const bases = objectTerms(quads, provider, OSLC('prefixDefinition'))
            .filter((definition) => objectTerms(quads, definition as Quad['subject'], OSLC('prefix')).some((value) => value.value === prefix))
            .flatMap((definition) => objectTerms(quads, definition as Quad['subject'], OSLC('prefixBase')).map((base) => base.value));
          assert.deepEqual(bases, [namespace], `${provider}: prefix ${prefix}`);
        }
      });
    }

    it('unknown provider is 404 oslc:Error', async () => {
      const { response, quads } = await getRdf(server, 'oslc/sp/no-such-programme');
      assert.equal(response.status, 404);
      assertOslcError(quads, 404);
    });
  });

  describe('resource shapes', () => {
    it('every advertised shape is a ResourceShape', async () => {
      const shapes = advertisedShapes();
      assert.ok(shapes.length >= 8, `only ${shapes.length} shapes advertised`);
      for (const shape of shapes) {
        const { response, quads } = await getRdf(server, shape);
        assert.equal(response.status, 200, `GET ${shape}`);
        assert.ok(hasTriple(quads, shape, RDF_TYPE, OSLC('ResourceShape')), `${shape} is not typed oslc:ResourceShape`);
        assert.ok(objectTerms(quads, shape, DCTERMS('title')).length <= 1, `${shape} has several titles`);
        assert.ok(objectTerms(quads, shape, OSLC('property')).length >= 1, `${shape} has no oslc:property`);
        // Query capabilities advertise the shape of their results, which describes no class of its own.
        if (!shape.endsWith('/results')) {
          assert.ok(objectTerms(quads, shape, OSLC('describes')).length >= 1, `${shape} has no oslc:describes`);
        }
      }
    });

    it('shape properties have definition, name and occurs', async () => {
      for (const shape of advertisedShapes()) {
        const { quads } = await getRdf(server, shape);
        for (const property of objectTerms(quads, shape, OSLC('property'))) {
          const subject = property as Quad['subject'];
          const where = `${shape} property ${property.value}`;
          const definitions = objectTerms(quads, subject, OSLC('propertyDefinition'));
          assert.equal(definitions.length, 1, `${where}: needs one oslc:propertyDefinition`);
          assert.equal(definitions[0]!.termType, 'NamedNode', where);
          assert.equal(objectTerms(quads, subject, OSLC('name')).length, 1, `${where}: needs one oslc:name`);
          const occurs = objectTerms(quads, subject, OSLC('occurs'));
          assert.equal(occurs.length, 1, `${where}: needs one oslc:occurs`);
          assert.ok(OCCURS_VALUES.includes(occurs[0]!.value), `${where}: oslc:occurs is ${occurs[0]!.value}`);
        }
      }
    });

    it('every advertised resource shape has SHACL', async () => {
      for (const shape of advertisedShapes().filter((iri) => !iri.endsWith('/results'))) {
        const { quads: shapeQuads } = await getRdf(server, shape);
        const { response, quads } = await getRdf(server, `${shape}/shacl`);
        assert.equal(response.status, 200, `GET ${shape}/shacl`);
        const nodeShapes = instancesOf(quads, `${NS.sh}NodeShape`).map((node) => node.value);
        const main = `${shape}/shacl#NodeShape`;
        assert.ok(nodeShapes.includes(main), `${main} is not typed sh:NodeShape`);
        const targets = objectTerms(quads, main, `${NS.sh}targetClass`).map((term) => term.value);
        const described = objectTerms(shapeQuads, shape, OSLC('describes')).map((term) => term.value);
        assert.ok(targets.length >= 1, `${main} has no sh:targetClass`);
        for (const target of targets) {
          assert.ok(described.includes(target), `${main} targets ${target}, which ${shape} does not describe`);
        }
        assert.ok(objectTerms(quads, main, `${NS.sh}property`).length >= 1, `${main} has no sh:property`);
      }
    });

    it('shape list contains every advertised shape', async () => {
      const { response, quads } = await getRdf(server, 'oslc/shapes');
      assert.equal(response.status, 200);
      const container = `${server.base}oslc/shapes`;
      const listed = objectTerms(quads, container, `${NS.ldp}contains`).map((term) => term.value);
      for (const shape of advertisedShapes()) {
        assert.ok(listed.includes(shape), `${container} does not list ${shape}`);
        assert.ok(hasTriple(quads, shape, RDF_TYPE, OSLC('ResourceShape')), `${shape} is not typed in the list`);
      }
    });

    it('unknown shape is 404 oslc:Error', async () => {
      for (const path of ['oslc/shapes/NoSuchShape', 'oslc/shapes/NoSuchShape/shacl']) {
        const { response, quads } = await getRdf(server, path);
        assert.equal(response.status, 404, path);
        assertOslcError(quads, 404);
      }
    });
  });

  describe('vocabulary', () => {
    it('dt terms used in shapes have label and comment', async () => {
      const { response, quads: vocabulary } = await getRdf(server, 'ns');
      assert.equal(response.status, 200);

      const used = new Set<string>();
      const { quads: list } = await getRdf(server, 'oslc/shapes');
      const documents = objectTerms(list, `${server.base}oslc/shapes`, `${NS.ldp}contains`).map((term) => term.value);
      assert.ok(documents.length > 0);
      for (const document of documents) {
        const { quads } = await getRdf(server, document);
        for (const quad of quads) {
          for (const term of [quad.predicate, quad.object]) {
            // The bare namespace is the ontology itself (named with dcterms:title), not a term.
            if (term.termType === 'NamedNode' && term.value.startsWith(NS.dt) && term.value !== NS.dt) {
              used.add(term.value);
            }
          }
        }
      }
      assert.ok(used.size > 10, `only ${used.size} dt: terms found in the shapes`);

      const missing: string[] = [];
      for (const term of [...used].sort()) {
        const labels = objectTerms(vocabulary, term, `${NS.rdfs}label`);
        const comments = objectTerms(vocabulary, term, `${NS.rdfs}comment`);
        if (labels.length === 0 || comments.length === 0) {
          missing.push(term);
        }
      }
      assert.deepEqual(missing, [], 'dt: terms without rdfs:label or rdfs:comment in /ns');
    });

    it('vocabulary is available as RDF/XML', async () => {
      const turtle = await getRdf(server, 'ns', 'text/turtle');
      const xml = await getRdf(server, 'ns', 'application/rdf+xml');
      assert.equal(xml.response.status, 200);
      assert.equal(contentTypeOf(xml.response), 'application/rdf+xml');
      assert.equal(await canonical(xml.quads), await canonical(turtle.quads));
    });

    it('JSON-LD context maps the prefixes', async () => {
      const response = await server.fetch('ns/context.jsonld');
      assert.equal(response.status, 200);
      assert.equal(contentTypeOf(response), 'application/ld+json');
      const document = (await response.json()) as { '@context'?: Record<string, unknown> };
      const context = document['@context'];
      assert.ok(context !== undefined, 'the document has no @context');
      assert.equal(typeof context, 'object', '@context is not an object');
      for (const [prefix, namespace] of Object.entries(EXPECTED_PREFIXES)) {
        assert.equal(context[prefix], namespace, `@context entry ${prefix}`);
      }
    });
  });
});

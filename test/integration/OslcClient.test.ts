import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';

const require = createRequire(import.meta.url);

/** The parts of oslc-client 1.0.7 (OSLC4JS, CommonJS, callback style) this test drives. */
interface OslcClientResource {
  getURI(): string;
  getTitle(): string;
  getIdentifier(): string;
}
interface OslcClientServer {
  connect(providers: unknown, callback: (error?: unknown) => void): void;
  use(title: string, callback: (error?: unknown) => void): void;
  readById(type: unknown, id: string, callback: (error: unknown, resource: OslcClientResource) => void): void;
  serviceProvider: { queryBase(type: unknown): string | null };
}

const OSLCServer = require('oslc-client') as new (uri: string, user?: string, password?: string) => OslcClientServer;
require('oslc-client/namespaces');
const globals = globalThis as unknown as { OSLCCM10: (local: string) => unknown; OSLCRM10: (local: string) => unknown };
const rdflib = require('rdflib') as { sym(iri: string): unknown };

/** oslc-client reports some failures only on the console and never calls back, so every step has a deadline. */
function step<T>(name: string, run: (done: (error: unknown, value?: T) => void) => void, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`oslc-client step "${name}" got no answer within ${ms} ms`)), ms);
    run((error, value) => {
      clearTimeout(timer);
      if (error !== undefined && error !== null) {
        reject(new Error(`oslc-client step "${name}" failed: ${String(error)}`));
      } else {
        resolve(value as T);
      }
    });
  });
}

describe('oslc-client (OSLC4JS) against the server', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  it('discovers, selects by title, queries by identifier and reads', async () => {
    const client = new OSLCServer(server.base.replace(/\/$/, ''));

    // Root services → catalog, as Jazz clients discover OSLC 2.0 servers (RDF/XML throughout).
    await step('connect', (done) => client.connect(globals.OSLCCM10('cmServiceProviders'), (error) => done(error)));
    await step('use', (done) => client.use('FCC-300 Flight Control Computer', (error) => done(error)));

    const partType = rdflib.sym('http://open-services.net/ns/plm#Part');
    assert.equal(client.serviceProvider.queryBase(partType), `${server.base}oslc/sp/fcc/parts/query`);

    const part = await step<OslcClientResource>('readById', (done) => client.readById(partType, 'P-000002', done));
    assert.equal(part.getURI(), `${server.base}oslc/sp/fcc/parts/P-000002`);
    assert.equal(part.getTitle(), 'Processor Lane Module');
    assert.equal(part.getIdentifier(), 'P-000002');
  });

  it('reaches the catalog through the RM provider link too', async () => {
    const client = new OSLCServer(server.base.replace(/\/$/, ''));
    await step('connect', (done) => client.connect(globals.OSLCRM10('rmServiceProviders'), (error) => done(error)));
    await step('use', (done) => client.use('EHA-90 Electro-Hydrostatic Actuation', (error) => done(error)));
    assert.equal(client.serviceProvider.queryBase(rdflib.sym('http://open-services.net/ns/rm#Requirement')), `${server.base}oslc/sp/eha/requirements/query`);
  });
});

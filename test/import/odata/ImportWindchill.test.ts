import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { importWindchill, type WindchillImportOptions } from '../../../src/import/odata/importWindchill.js';
import { AUTHORIZATION, FakeWindchill } from './FakeWindchill.js';

const NUM = 'http://qudt.org/vocab/unit/NUM';
const LITRE = 'http://qudt.org/vocab/unit/L';

const server = new FakeWindchill();
before(() => server.start());
after(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
  server.scenario = { interruptions: [], pageSize: 4, expandUses: true, pagingLoop: false };
});

/** Options of a test pull: the right credentials, short backoffs and a fixed jitter. */
function options(extra: WindchillImportOptions = {}): WindchillImportOptions {
  return { authorization: AUTHORIZATION, retry: { baseDelayMs: 20, maxDelayMs: 2000 }, random: () => 0.5, ...extra };
}

const id = (number: number): string => `OR:wt.part.WTPart:${number}`;
const link = (number: number): string => `OR:wt.part.WTPartUsageLink:${number}`;

describe('Windchill OData pull', () => {
  it('full pull across pages', async () => {
    const batch = await importWindchill(server.serviceRoot, options());
    assert.equal(server.requests.length, 3);
    assert.equal(batch.source.system, 'Windchill');
    assert.equal(batch.source.uri, `${server.serviceRoot}/ProdMgmt`);
    assert.deepEqual(
      batch.parts.map((part) => [part.sourceId, part.partNumber, part.revision, part.title]),
      [
        [id(200311), 'NLG-1000', 'C', 'Nose Landing Gear Assembly'],
        [id(200312), 'NLG-1100', 'B', 'Shock Strut Assembly'],
        [id(200315), 'NLG-1200', 'A', 'Drag Brace Assembly'],
        [id(200318), 'AN6-12A', '-', 'Bolt, Hex Head, 3/8-24'],
        [id(200319), 'MS21042-6', '-', 'Nut, Self-Locking, 3/8-24'],
        [id(200313), 'NLG-1110', 'A', 'Outer Cylinder'],
        [id(200314), 'NLG-1120', 'B', 'Piston'],
        [id(200320), 'M5606-HF', 'A', 'Hydraulic Fluid, MIL-PRF-5606'],
        [id(200316), 'NLG-1210', 'A', 'Upper Drag Link'],
      ],
    );
    const firstPage = `${server.serviceRoot}/ProdMgmt/Parts?$expand=Uses($expand=Uses)`;
    assert.deepEqual(batch.parts[0], {
      sourceId: id(200311),
      partNumber: 'NLG-1000',
      revision: 'C',
      title: 'Nose Landing Gear Assembly',
      attributes: { Version: 'C.4', State: 'RELEASED', View: 'Design', DefaultUnit: 'ea', LastModified: '2025-11-03T14:22:05Z' },
      location: { file: firstPage, entity: id(200311) },
    });
    assert.deepEqual(batch.parts[5]!.attributes, { Version: 'A.3', State: 'RELEASED', View: 'Design', DefaultUnit: 'ea', LastModified: '2025-06-18T08:40:00Z', Material: '300M steel' });
    assert.deepEqual(
      batch.bomLines.map((line) => [line.parent, line.child, line.quantity, line.unit, line.findNumber, line.location.entity]),
      [
        [id(200311), id(200312), 1, NUM, '1', link(300101)],
        [id(200311), id(200315), 1, NUM, '2', link(300102)],
        [id(200311), id(200318), 4, NUM, '3', link(300103)],
        [id(200311), id(200319), 4, NUM, '4', link(300104)],
        [id(200312), id(200313), 1, NUM, '1', link(300111)],
        [id(200312), id(200314), 1, NUM, '2', link(300112)],
        [id(200312), id(200319), 6, NUM, '3', link(300113)],
        [id(200312), id(200320), 0.45, LITRE, '4', link(300114)],
        [id(200315), id(200316), 1, NUM, '1', link(300121)],
        [id(200315), id(200318), 2, NUM, '2', link(300122)],
      ],
    );
    assert.deepEqual(batch.issues, []);
    assert.equal(batch.highWaterMark, '2026-02-11T09:14:52Z');
  });

  it('modified-since pull exactly', async () => {
    const batch = await importWindchill(`${server.serviceRoot}/`, options({ modifiedSince: '2026-01-01T00:00:00Z' }));
    assert.equal(server.requests.length, 1);
    const page = `${server.serviceRoot}/ProdMgmt/Parts?$expand=Uses($expand=Uses)&$filter=LastModified%20gt%202026-01-01T00:00:00Z`;
    assert.equal(server.requests[0]!.url, page.slice(page.indexOf('/Windchill')));
    assert.deepEqual(batch, {
      source: { system: 'Windchill', uri: `${server.serviceRoot}/ProdMgmt` },
      parts: [
        { sourceId: id(200312), partNumber: 'NLG-1100', revision: 'B', title: 'Shock Strut Assembly', attributes: { Version: 'B.2', State: 'UNDERREVIEW', View: 'Design', DefaultUnit: 'ea', LastModified: '2026-02-11T09:14:52Z' }, location: { file: page, entity: id(200312) } },
        { sourceId: id(200313), partNumber: 'NLG-1110', revision: 'A', title: 'Outer Cylinder', attributes: { Version: 'A.3', State: 'RELEASED', View: 'Design', DefaultUnit: 'ea', LastModified: '2025-06-18T08:40:00Z', Material: '300M steel' }, location: { file: page, entity: id(200313) } },
        { sourceId: id(200314), partNumber: 'NLG-1120', revision: 'B', title: 'Piston', attributes: { Version: 'B.1', State: 'INWORK', View: 'Design', DefaultUnit: 'ea', LastModified: '2026-01-20T16:03:11Z', Material: '300M steel' }, location: { file: page, entity: id(200314) } },
        { sourceId: id(200319), partNumber: 'MS21042-6', revision: '-', title: 'Nut, Self-Locking, 3/8-24', attributes: { Version: '-.1', State: 'RELEASED', View: 'Design', DefaultUnit: 'ea', LastModified: '2024-03-12T07:31:00Z' }, location: { file: page, entity: id(200319) } },
        { sourceId: id(200320), partNumber: 'M5606-HF', revision: 'A', title: 'Hydraulic Fluid, MIL-PRF-5606', attributes: { Version: 'A.1', State: 'RELEASED', View: 'Design', DefaultUnit: 'ea', LastModified: '2024-05-02T12:00:00Z' }, location: { file: page, entity: id(200320) } },
      ],
      bomLines: [
        { parent: id(200312), child: id(200313), quantity: 1, unit: NUM, findNumber: '1', location: { file: page, entity: link(300111) } },
        { parent: id(200312), child: id(200314), quantity: 1, unit: NUM, findNumber: '2', location: { file: page, entity: link(300112) } },
        { parent: id(200312), child: id(200319), quantity: 6, unit: NUM, findNumber: '3', location: { file: page, entity: link(300113) } },
        { parent: id(200312), child: id(200320), quantity: 0.45, unit: LITRE, findNumber: '4', location: { file: page, entity: link(300114) } },
      ],
      requirements: [],
      links: [],
      issues: [],
      highWaterMark: '2026-02-11T09:14:52Z',
      partial: true,
    });
  });

  it('no changes keeps the mark', async () => {
    const batch = await importWindchill(server.serviceRoot, options({ modifiedSince: '2026-03-01T00:00:00Z' }));
    assert.deepEqual(batch.parts, []);
    assert.equal(batch.highWaterMark, '2026-03-01T00:00:00Z');
  });

  it('per-part Uses requests', async () => {
    server.scenario.expandUses = false;
    const batch = await importWindchill(server.serviceRoot, options());
    assert.equal(batch.bomLines.length, 10);
    assert.ok(server.requests.some((request) => request.url === `/Windchill/servlet/odata/ProdMgmt/Parts('OR:wt.part.WTPart:200311')/Uses?$expand=Uses`));
    assert.equal(server.requests.length, 3 + 9);
  });

  it('429 honours Retry-After', async () => {
    server.scenario.interruptions = [{ status: 429, retryAfter: '1' }];
    const batch = await importWindchill(server.serviceRoot, options());
    assert.equal(batch.parts.length, 9);
    assert.equal(server.requests.length, 4);
    assert.ok(server.requests[1]!.at - server.requests[0]!.at >= 990, 'waited the second that Retry-After asked for');
  });

  it('503 twice then success', async () => {
    server.scenario.interruptions = [{ status: 503 }, { status: 503 }];
    const batch = await importWindchill(server.serviceRoot, options());
    assert.equal(batch.parts.length, 9);
    assert.equal(server.requests.length, 5);
    assert.equal(server.requests[0]!.url, server.requests[2]!.url);
  });

  it('503 beyond the attempt limit', async () => {
    server.scenario.interruptions = [{ status: 503 }, { status: 503 }, { status: 503 }];
    await assert.rejects(importWindchill(server.serviceRoot, options({ retry: { maxAttempts: 3, baseDelayMs: 5 } })), {
      name: 'ODataHttpError',
      status: 503,
      message: /failed with HTTP 503 after 3 attempts: Server busy$/,
    });
    assert.equal(server.requests.length, 3);
  });

  it('401 without retry', async () => {
    await assert.rejects(importWindchill(server.serviceRoot, options({ authorization: 'Basic d3Jvbmc6d3Jvbmc=' })), (error: Error & { status?: number }) => {
      assert.equal(error.name, 'ODataAuthError');
      assert.equal(error.status, 401);
      assert.match(error.message, /401 Unauthorized: Authentication required\. Check the Authorization header value, which the import command reads from the environment variable DT_ODATA_AUTHORIZATION/);
      assert.ok(!error.message.includes('d3Jvbmc6d3Jvbmc='), 'the message leaves out the credentials');
      return true;
    });
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]!.authorization, 'Basic d3Jvbmc6d3Jvbmc=');
  });

  it('403 without retry', async () => {
    server.scenario.interruptions = [{ status: 403 }];
    await assert.rejects(importWindchill(server.serviceRoot, options()), { name: 'ODataAuthError', status: 403 });
    assert.equal(server.requests.length, 1);
  });

  it('404 names the URL', async () => {
    await assert.rejects(importWindchill(`${server.serviceRoot}/nowhere`, options()), {
      name: 'ODataNotFoundError',
      message: /returned 404 Not Found: Resource not found for the segment '\/Windchill\/servlet\/odata\/nowhere\/ProdMgmt\/Parts'\. Check the service root URL/,
    });
  });

  it('paging loop guard', async () => {
    server.scenario.pagingLoop = true;
    await assert.rejects(importWindchill(server.serviceRoot, options()), { name: 'ODataPagingError', message: /returned the next link .*skiptoken=4 twice/ });
    assert.equal(server.requests.length, 2);
  });

  it('page limit guard', async () => {
    await assert.rejects(importWindchill(server.serviceRoot, options({ maxPages: 2 })), { name: 'ODataPagingError', message: /has more than 2 pages/ });
  });

  it('invalid modifiedSince rejected', async () => {
    await assert.rejects(importWindchill(server.serviceRoot, options({ modifiedSince: 'yesterday' })), { name: 'InvalidImportOptionError' });
    assert.equal(server.requests.length, 0);
  });
});

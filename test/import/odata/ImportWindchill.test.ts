import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { importWindchill, type WindchillImportOptions } from '../../../src/import/odata/importWindchill.js';
import { toSourcePart } from '../../../src/import/odata/WindchillParts.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';
import { AUTHORIZATION, FakeWindchill } from './FakeWindchill.js';
import { PARTS, type InventedPart } from './WindchillPayloads.js';

const NUM = 'http://qudt.org/vocab/unit/NUM';
const LITRE = 'http://qudt.org/vocab/unit/L';

const server = new FakeWindchill();
before(() => server.start());
after(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
  server.parts = [...PARTS];
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
      attributes: { Version: 'C.4', lifecycleState: 'Released', View: 'Design', DefaultUnit: 'ea', LastModified: '2025-11-03T14:22:05Z' },
      location: { file: firstPage, entity: id(200311) },
    });
    assert.deepEqual(batch.parts[5]!.attributes, { Version: 'A.3', lifecycleState: 'Released', View: 'Design', DefaultUnit: 'ea', LastModified: '2025-06-18T08:40:00Z', Material: '300M steel' });
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
        { sourceId: id(200312), partNumber: 'NLG-1100', revision: 'B', title: 'Shock Strut Assembly', attributes: { Version: 'B.2', lifecycleState: 'Under Review', View: 'Design', DefaultUnit: 'ea', LastModified: '2026-02-11T09:14:52Z' }, location: { file: page, entity: id(200312) } },
        { sourceId: id(200313), partNumber: 'NLG-1110', revision: 'A', title: 'Outer Cylinder', attributes: { Version: 'A.3', lifecycleState: 'Released', View: 'Design', DefaultUnit: 'ea', LastModified: '2025-06-18T08:40:00Z', Material: '300M steel' }, location: { file: page, entity: id(200313) } },
        { sourceId: id(200314), partNumber: 'NLG-1120', revision: 'B', title: 'Piston', attributes: { Version: 'B.1', lifecycleState: 'In Work', View: 'Design', DefaultUnit: 'ea', LastModified: '2026-01-20T16:03:11Z', Material: '300M steel' }, location: { file: page, entity: id(200314) } },
        { sourceId: id(200319), partNumber: 'MS21042-6', revision: '-', title: 'Nut, Self-Locking, 3/8-24', attributes: { Version: '-.1', lifecycleState: 'Released', View: 'Design', DefaultUnit: 'ea', LastModified: '2024-03-12T07:31:00Z' }, location: { file: page, entity: id(200319) } },
        { sourceId: id(200320), partNumber: 'M5606-HF', revision: 'A', title: 'Hydraulic Fluid, MIL-PRF-5606', attributes: { Version: 'A.1', lifecycleState: 'Released', View: 'Design', DefaultUnit: 'ea', LastModified: '2024-05-02T12:00:00Z' }, location: { file: page, entity: id(200320) } },
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

/** Returns a part without uses in the state `state`, with `stateDisplay` as Display where STATE_DISPLAY lacks the state. */
function partInState(index: number, state: string, stateDisplay?: string): InventedPart {
  return {
    id: 200400 + index,
    number: `NLG-13${String(index).padStart(2, '0')}`,
    name: `Torque Link Bushing ${index}`,
    revision: 'A',
    iteration: 1,
    state,
    ...(stateDisplay === undefined ? {} : { stateDisplay }),
    lastModified: '2025-12-01T10:00:00Z',
    uses: [],
  };
}

/** Windchill State Value and Display name, and the dt:lifecycleState the part is stored with. */
const STATE_CASES: Array<{ value: string; display?: string; expected: string }> = [
  { value: 'INWORK', expected: 'InWork' },
  { value: 'UNDERREVIEW', expected: 'UnderReview' },
  { value: 'RELEASED', expected: 'Released' },
  { value: 'CANCELLED', expected: 'Obsolete' },
  { value: 'OBSOLESCENCE', expected: 'Obsolete' },
  { value: 'OBSOLETE', display: 'Obsolete', expected: 'Obsolete' },
  // A site's own state, found by its display name.
  { value: 'PRODRELEASE', display: 'Released', expected: 'Released' },
  // States with no equivalent keep the default of a new part.
  { value: 'PROTOTYPE', display: 'Prototype', expected: 'InWork' },
  { value: 'PROTOTYPE', display: 'Prototype', expected: 'InWork' },
  { value: 'WIP', display: 'Work In Progress', expected: 'InWork' },
];

const STATE_PARTS = STATE_CASES.map((stateCase, index) => partInState(index + 1, stateCase.value, stateCase.display));

describe('Windchill State as lifecycle state', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  const pull = (extra: WindchillImportOptions = {}): ReturnType<ImportStore['import']> => store.import('odata', server.serviceRoot, { authorization: AUTHORIZATION, ...extra });

  it('state table', async () => {
    server.parts = [...PARTS, ...STATE_PARTS];
    const report = await pull();
    assert.equal(report.counts.parts.created, PARTS.length + STATE_PARTS.length);

    for (const [index, stateCase] of STATE_CASES.entries()) {
      const part = await store.part(STATE_PARTS[index]!.number, 'A');
      assert.ok(part !== undefined, `part ${STATE_PARTS[index]!.number} stored`);
      assert.deepEqual(await store.values(part, `${NS.dt}lifecycleState`), [`${NS.dt}${stateCase.expected}`], `state ${stateCase.value} (${stateCase.display ?? 'default display'})`);
    }
    const shockStrut = (await store.part('NLG-1100', 'B'))!;
    assert.deepEqual(await store.values(shockStrut, `${NS.dt}lifecycleState`), [`${NS.dt}UnderReview`]);
    const piston = (await store.part('NLG-1120', 'B'))!;
    assert.deepEqual(await store.values(piston, `${NS.dt}lifecycleState`), [`${NS.dt}InWork`]);
  });

  it('one warning per unmapped state', async () => {
    server.parts = [...PARTS, ...STATE_PARTS];
    const report = await pull();

    const stateWarnings = report.warnings.filter((issue) => issue.message.startsWith('Windchill state'));
    assert.deepEqual(
      stateWarnings.map((issue) => issue.message),
      [
        'Windchill state PROTOTYPE ("Prototype") matches none of the lifecycle states In Work, Under Review, Released, and Obsolete, so 2 parts are stored as In Work: NLG-1308 rev A, NLG-1309 rev A.',
        'Windchill state WIP ("Work In Progress") matches none of the lifecycle states In Work, Under Review, Released, and Obsolete, so 1 part is stored as In Work: NLG-1310 rev A.',
      ],
    );
    assert.equal(stateWarnings[0]!.location?.entity, id(200408));

    const ignored = report.warnings.filter((issue) => issue.message.startsWith('Ignored source attributes'));
    assert.equal(ignored.length, 1);
    assert.match(ignored[0]!.message, /^Ignored source attributes that match no Part property: DefaultUnit, LastModified, Version, View\. /);
  });

  it('unmapped state names three parts', async () => {
    server.parts = [1, 2, 3, 4, 5].map((index) => partInState(index, 'DESIGN', 'Design'));
    const batch = await importWindchill(server.serviceRoot, options());
    assert.deepEqual(
      batch.issues.map((issue) => [issue.severity, issue.message]),
      [['warning', 'Windchill state DESIGN ("Design") matches none of the lifecycle states In Work, Under Review, Released, and Obsolete, so 5 parts are stored as In Work: NLG-1301 rev A, NLG-1302 rev A, NLG-1303 rev A and 2 more.']],
    );
    assert.deepEqual(
      batch.parts.map((part) => part.attributes?.lifecycleState),
      ['In Work', 'In Work', 'In Work', 'In Work', 'In Work'],
    );
  });

  it('State without Display or absent', () => {
    const plain = toSourcePart({ ID: id(1), Number: 'NLG-1400', State: 'RELEASED' }, 'page');
    assert.ok(!('severity' in plain));
    assert.deepEqual(plain.attributes, { lifecycleState: 'Released' });

    const absent = toSourcePart({ ID: id(2), Number: 'NLG-1401' }, 'page');
    assert.ok(!('severity' in absent));
    assert.deepEqual(absent.attributes, { lifecycleState: 'In Work' });
  });

  it('second pull changes nothing', async () => {
    server.parts = [...PARTS, ...STATE_PARTS];
    await pull();
    const versions = await store.versions();

    const report = await pull();
    assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: PARTS.length + STATE_PARTS.length, removed: 0 });
    assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: 10, removed: 0 });
    assert.deepEqual(report.changes, []);
    assert.deepEqual(await store.versions(), versions);
  });

  it('incremental pull updates the state', async () => {
    const full = await pull();
    const piston = (await store.part('NLG-1120', 'B'))!;
    const outerCylinder = (await store.part('NLG-1110', 'A'))!;
    const versions = await store.versions();

    // Windchill promotes the piston to Released and sets the outer cylinder to a site's own state.
    server.parts = server.parts.map((part) => {
      if (part.id === 200314) {
        return { ...part, state: 'RELEASED', lastModified: '2026-03-02T10:00:00Z' };
      }
      if (part.id === 200313) {
        return { ...part, state: 'PROTOTYPE', stateDisplay: 'Prototype', lastModified: '2026-03-02T10:05:00Z' };
      }
      return part;
    });
    const report = await pull({ modifiedSince: full.highWaterMark! });

    assert.deepEqual(report.counts.parts, { created: 0, updated: 2, unchanged: 0, removed: 0 });
    assert.deepEqual(await store.values(piston, `${NS.dt}lifecycleState`), [`${NS.dt}Released`]);
    assert.deepEqual(await store.values(outerCylinder, `${NS.dt}lifecycleState`), [`${NS.dt}InWork`]);
    assert.deepEqual(
      report.changes.map((change) => [change.action, change.label, change.details]),
      [
        ['update', 'part NLG-1110 rev A', 'Lifecycle State Released → In Work'],
        ['update', 'part NLG-1120 rev B', 'Lifecycle State In Work → Released'],
      ],
    );
    assert.deepEqual(
      report.warnings.filter((issue) => issue.message.startsWith('Windchill state')).map((issue) => issue.message),
      ['Windchill state PROTOTYPE ("Prototype") matches none of the lifecycle states In Work, Under Review, Released, and Obsolete, so 1 part is stored as In Work: NLG-1110 rev A.'],
    );
    assert.deepEqual(await store.changedResources(versions), [outerCylinder, piston].sort());
  });
});

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { importWindchill, type WindchillImportOptions } from '../../../src/import/odata/importWindchill.js';
import { toSourcePart } from '../../../src/import/odata/WindchillParts.js';
import type { StoredUsesLookup } from '../../../src/import/StoredPartUses.js';
import { ImportStore, NS, rejection } from '../helpers/ImportStore.js';
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
      attributes: { lifecycleState: 'Released' },
      location: { file: firstPage, entity: id(200311) },
    });
    assert.deepEqual(batch.parts[5]!.attributes, { lifecycleState: 'Released', Material: '300M steel' });
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
    const page = `${server.serviceRoot}/ProdMgmt/Parts?$expand=Uses($expand=Uses)&$filter=LastModified%20ge%202026-01-01T00:00:00Z`;
    assert.equal(server.requests[0]!.url, page.slice(page.indexOf('/Windchill')));
    assert.deepEqual(batch, {
      source: { system: 'Windchill', uri: `${server.serviceRoot}/ProdMgmt`, mapsAttributes: true },
      parts: [
        { sourceId: id(200312), partNumber: 'NLG-1100', revision: 'B', title: 'Shock Strut Assembly', attributes: { lifecycleState: 'Under Review' }, location: { file: page, entity: id(200312) } },
        { sourceId: id(200313), partNumber: 'NLG-1110', revision: 'A', title: 'Outer Cylinder', attributes: { lifecycleState: 'Released', Material: '300M steel' }, location: { file: page, entity: id(200313) } },
        { sourceId: id(200314), partNumber: 'NLG-1120', revision: 'B', title: 'Piston', attributes: { lifecycleState: 'In Work', Material: '300M steel' }, location: { file: page, entity: id(200314) } },
        { sourceId: id(200319), partNumber: 'MS21042-6', revision: '-', title: 'Nut, Self-Locking, 3/8-24', attributes: { lifecycleState: 'Released' }, location: { file: page, entity: id(200319) } },
        { sourceId: id(200320), partNumber: 'M5606-HF', revision: 'A', title: 'Hydraulic Fluid, MIL-PRF-5606', attributes: { lifecycleState: 'Released' }, location: { file: page, entity: id(200320) } },
      ],
      bomLines: [
        { parent: id(200312), child: id(200313), quantity: 1, unit: NUM, findNumber: '1', view: 'EBOM', location: { file: page, entity: link(300111) } },
        { parent: id(200312), child: id(200314), quantity: 1, unit: NUM, findNumber: '2', view: 'EBOM', location: { file: page, entity: link(300112) } },
        { parent: id(200312), child: id(200319), quantity: 6, unit: NUM, findNumber: '3', view: 'EBOM', location: { file: page, entity: link(300113) } },
        { parent: id(200312), child: id(200320), quantity: 0.45, unit: LITRE, findNumber: '4', view: 'EBOM', location: { file: page, entity: link(300114) } },
      ],
      // The pull reads the uses of the two parts it reads as records, and none of their expanded child parts.
      completeBoms: [
        { parent: id(200312), view: 'EBOM', location: { file: page, entity: id(200312) } },
        { parent: id(200314), view: 'EBOM', location: { file: page, entity: id(200314) } },
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

  it('assembly of a new revision read again', async () => {
    // Windchill revises NLG-1210 to rev B, and NLG-1200, which uses its master, returns rev B with its LastModified kept.
    const revised = { ...PARTS.find((part) => part.id === 200316)!, id: 200416, revision: 'B', lastModified: '2026-03-02T10:00:00Z' };
    server.parts = [...PARTS.map((part) => ({ ...part, uses: part.uses.map((use) => (use.child === 200316 ? { ...use, child: 200416 } : use)) })), revised];
    const lookups: string[][] = [];
    const storedUses: StoredUsesLookup = (partNumbers) => {
      lookups.push([...partNumbers]);
      return Promise.resolve(new Map([['NLG-1210', { revisions: ['A'], uses: [{ assemblyNumber: 'NLG-1200', assemblyRevision: 'A', revision: 'A' }] }]]));
    };

    const batch = await importWindchill(server.serviceRoot, options({ modifiedSince: '2026-03-01T00:00:00Z', storedUses }));
    assert.deepEqual(lookups, [['NLG-1210']]);
    const readAgain = `${server.serviceRoot}/ProdMgmt/Parts?$filter=Number%20eq%20'NLG-1200'%20and%20Revision%20eq%20'A'&$expand=Uses($expand=Uses)`;
    assert.deepEqual(
      server.requests.map((request) => request.url),
      // fetch percent-encodes the quotes of the request line, and messages keep them readable.
      ['/Windchill/servlet/odata/ProdMgmt/Parts?$expand=Uses($expand=Uses)&$filter=LastModified%20ge%202026-03-01T00:00:00Z', readAgain.slice(readAgain.indexOf('/Windchill')).replace(/'/g, '%27')],
    );
    assert.deepEqual(
      batch.bomLines.map((line) => [line.parent, line.child, line.findNumber, line.location.file]),
      [
        [id(200315), id(200416), '1', readAgain],
        [id(200315), id(200318), '2', readAgain],
      ],
    );
    assert.deepEqual(batch.completeBoms, [
      { parent: id(200416), view: 'EBOM', location: { file: `${server.serviceRoot}/ProdMgmt/Parts?$expand=Uses($expand=Uses)&$filter=LastModified%20ge%202026-03-01T00:00:00Z`, entity: id(200416) } },
      { parent: id(200315), view: 'EBOM', location: { file: readAgain, entity: id(200315) } },
    ]);
    // The assembly read again is older than the mark, and the mark stays that of the Parts collection.
    assert.equal(batch.highWaterMark, '2026-03-02T10:00:00Z');
    assert.deepEqual(batch.issues, []);
  });

  it('full pull looks up no stored uses', async () => {
    const lookups: string[][] = [];
    const storedUses: StoredUsesLookup = (partNumbers) => {
      lookups.push([...partNumbers]);
      return Promise.resolve(new Map());
    };
    await importWindchill(server.serviceRoot, options({ storedUses }));
    assert.deepEqual(lookups, []);
    assert.equal(server.requests.length, 3);
  });

  it('PartUse without child part', async () => {
    server.scenario.childProperties = [];
    const batch = await importWindchill(server.serviceRoot, options({ modifiedSince: '2026-02-11T09:14:52Z' }));
    const page = `${server.serviceRoot}/ProdMgmt/Parts?$expand=Uses($expand=Uses)&$filter=LastModified%20ge%202026-02-11T09:14:52Z`;
    assert.deepEqual(batch.bomLines, []);
    assert.deepEqual(
      batch.issues.map((issue) => [issue.severity, issue.message, issue.location]),
      [300111, 300112, 300113, 300114].map((use) => [
        'error',
        `PartUse ${link(use)} of part NLG-1100 rev B has no expanded child part (Uses). The service must expand Uses on each PartUse, as $expand=Uses($expand=Uses) requests; ` +
          'check the Windchill REST Services version or its expansion settings.',
        { file: page, entity: link(use) },
      ]),
    );
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

  it('429 with a long Retry-After stops', async () => {
    server.scenario.interruptions = [{ status: 429, retryAfter: '120' }];
    await assert.rejects(importWindchill(server.serviceRoot, options()), (error: Error) => {
      assert.match(error.message, /^GET http:\/\/127\.0\.0\.1:\d+\/Windchill\/servlet\/odata\/ProdMgmt\/Parts\S* was answered 429 with Retry-After 120 s, longer than the 2 s this pull waits; run the pull again after \d{4}-\d\d-\d\dT[\d:.]+Z\.$/);
      return true;
    });
    assert.equal(server.requests.length, 1, 'no request before the time the server gave');
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

  /** Authorization header value sent, and the advice after `401 Unauthorized: Authentication required.` */
  const UNAUTHORIZED: Array<{ name: string; authorization: string | undefined; advice: string }> = [
    {
      name: 'no credentials',
      authorization: undefined,
      advice:
        'No credentials were sent, because the environment variable DT_ODATA_AUTHORIZATION is not set or empty. ' +
        'Set it to the Authorization header value for Windchill: "Basic " followed by the Base64 of user:password (such as "Basic dXNlcjpwYXNz"), or "Bearer " followed by a token. ' +
        'Windchill requests Basic authentication.',
    },
    {
      name: 'wrong Basic credentials',
      authorization: 'Basic d3Jvbmc6d3Jvbmc=',
      advice:
        'Windchill rejected the Basic credentials in the environment variable DT_ODATA_AUTHORIZATION. ' +
        'Check the user name and password, and that the account may log in to Windchill. Windchill requests Basic authentication.',
    },
    {
      name: 'expired Bearer token',
      authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.',
      advice:
        'Windchill rejected the Bearer credentials in the environment variable DT_ODATA_AUTHORIZATION. ' +
        'Check that the token is valid and has not expired, and that the account may log in to Windchill. Windchill requests Basic authentication.',
    },
    {
      name: 'credentials without scheme',
      authorization: 'tester:invented',
      advice:
        'Windchill rejected the credentials in the environment variable DT_ODATA_AUTHORIZATION, whose value does not start with an authentication scheme. ' +
        'Write it as "Basic " followed by the Base64 of user:password (such as "Basic dXNlcjpwYXNz"), or "Bearer " followed by a token. Windchill requests Basic authentication.',
    },
  ];
  for (const { name, authorization, advice } of UNAUTHORIZED) {
    it(`401 with ${name}`, async () => {
      const url = `${server.serviceRoot}/ProdMgmt/Parts?$expand=Uses($expand=Uses)`;
      await assert.rejects(importWindchill(server.serviceRoot, options({ authorization })), (error: Error & { status?: number }) => {
        assert.equal(error.name, 'ODataAuthError');
        assert.equal(error.status, 401);
        assert.equal(error.message, `GET ${url} was rejected with 401 Unauthorized: Authentication required. ${advice}`);
        if (authorization !== undefined) {
          assert.ok(!error.message.includes(authorization.replace(/^\w+ /, '')), 'the message leaves out the credentials');
        }
        return true;
      });

      // A 401 is not retried.
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0]!.authorization, authorization);
    });
  }

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
        'Windchill state PROTOTYPE ("Prototype") matches none of the lifecycle states In Work, Under Review, Released, and Obsolete, so 2 parts keep their stored lifecycle state (In Work when new): NLG-1308 rev A, NLG-1309 rev A.',
        'Windchill state WIP ("Work In Progress") matches none of the lifecycle states In Work, Under Review, Released, and Obsolete, so 1 part keeps its stored lifecycle state (In Work when new): NLG-1310 rev A.',
      ],
    );
    assert.equal(stateWarnings[0]!.location?.entity, id(200408));

    // Version, View, DefaultUnit and LastModified are system properties, and Material sets the Part property.
    assert.deepEqual(report.warnings.filter((issue) => issue.message.startsWith('Ignored source attributes')), []);
  });

  it('unmapped state names three parts', async () => {
    server.parts = [1, 2, 3, 4, 5].map((index) => partInState(index, 'DESIGN', 'Design'));
    const batch = await importWindchill(server.serviceRoot, options());
    assert.deepEqual(
      batch.issues.map((issue) => [issue.severity, issue.message]),
      [['warning', 'Windchill state DESIGN ("Design") matches none of the lifecycle states In Work, Under Review, Released, and Obsolete, so 5 parts keep their stored lifecycle state (In Work when new): NLG-1301 rev A, NLG-1302 rev A, NLG-1303 rev A and 2 more.']],
    );
    // The parts give no state, so stored parts keep theirs and new ones get the import's default.
    assert.deepEqual(
      batch.parts.map((part) => part.attributes?.lifecycleState),
      [undefined, undefined, undefined, undefined, undefined],
    );
  });

  it('State without Display or absent', () => {
    const plain = toSourcePart({ ID: id(1), Number: 'NLG-1400', State: 'RELEASED' }, 'page');
    assert.ok(!('severity' in plain));
    assert.deepEqual(plain.attributes, { lifecycleState: 'Released' });

    // Without a state the part gives none, so a stored part keeps its own and a new one is In Work.
    const absent = toSourcePart({ ID: id(2), Number: 'NLG-1401' }, 'page');
    assert.ok(!('severity' in absent));
    assert.deepEqual(absent.attributes, {});
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

    // The parts changed at the mark itself are read again, unchanged. A site's own state keeps the stored one.
    assert.deepEqual(report.counts.parts, { created: 0, updated: 1, unchanged: 4, removed: 0 });
    assert.deepEqual(await store.values(piston, `${NS.dt}lifecycleState`), [`${NS.dt}Released`]);
    assert.deepEqual(await store.values(outerCylinder, `${NS.dt}lifecycleState`), [`${NS.dt}Released`]);
    assert.deepEqual(
      report.changes.map((change) => [change.action, change.label, change.details]),
      [['update', 'part NLG-1120 rev B', 'Lifecycle State In Work → Released']],
    );
    assert.deepEqual(
      report.warnings.filter((issue) => issue.message.startsWith('Windchill state')).map((issue) => issue.message),
      ['Windchill state PROTOTYPE ("Prototype") matches none of the lifecycle states In Work, Under Review, Released, and Obsolete, so 1 part keeps its stored lifecycle state (In Work when new): NLG-1110 rev A.'],
    );
    assert.deepEqual(await store.changedResources(versions), [piston]);
  });
});

const QUDT = 'http://qudt.org/vocab/unit/';
const STEERING_COLLAR = 200500;

/** A Windchill unit's internal name, the child part used in it, and the QUDT unit the BOM line is stored with. */
const UNIT_CASES: Array<{ unit: string; quantity: number; number: string; name: string; expected: string }> = [
  { unit: 'ea', quantity: 2, number: 'NAS6604-12', name: 'Bolt, Hex Head, 1/4-28', expected: 'NUM' },
  { unit: 'kg', quantity: 0.05, number: 'M81322-GR', name: 'Grease, Wide Temperature Range', expected: 'KiloGM' },
  { unit: 'm', quantity: 0.6, number: 'MS20995C32', name: 'Lockwire, 0.032 in', expected: 'M' },
  { unit: 'l', quantity: 0.2, number: 'M83282-HF', name: 'Hydraulic Fluid, MIL-PRF-83282', expected: 'L' },
  { unit: 'sq_m', quantity: 0.15, number: 'MIL-T-22085', name: 'Tape, Corrosion Preventive', expected: 'M2' },
  { unit: 'cu_m', quantity: 0.0002, number: 'PR-1422-B2', name: 'Sealant, Fuel Resistant', expected: 'M3' },
  { unit: 'mm', quantity: 150, number: 'NLG-1520', name: 'Shim Stock, Laminated', expected: 'MilliM' },
  { unit: 'cm', quantity: 12, number: 'M23053-5-108', name: 'Sleeving, Heat Shrink', expected: 'CentiM' },
  { unit: 'in', quantity: 18, number: 'MS20995C20', name: 'Lockwire, 0.020 in', expected: 'IN' },
  { unit: 'ft', quantity: 2.5, number: 'AMS4083-4', name: 'Tubing, 1/4 in, 6061-T6', expected: 'FT' },
  { unit: 'g', quantity: 5, number: 'MIL-PRF-907', name: 'Anti-Seize Compound', expected: 'GM' },
  { unit: 'lb', quantity: 0.1, number: 'AMS-S-8802', name: 'Sealant, Polysulfide', expected: 'LB' },
  { unit: 'ml', quantity: 2, number: 'MIL-S-22473-A', name: 'Threadlocker', expected: 'MilliL' },
  // The quantity of an as-needed line is nominal, so it is kept as pieces.
  { unit: 'as_needed', quantity: 1, number: 'MIL-PRF-23377', name: 'Primer, Epoxy', expected: 'NUM' },
];

/** Returns a part without uses, numbered from 200500 up. */
function usedPart(offset: number, number: string, name: string, softAttributes?: Record<string, string>): InventedPart {
  return {
    id: STEERING_COLLAR + offset,
    number,
    name,
    revision: 'A',
    iteration: 1,
    state: 'RELEASED',
    lastModified: '2025-12-10T09:00:00Z',
    ...(softAttributes === undefined ? {} : { softAttributes }),
    uses: [],
  };
}

/** Returns the steering collar installation, which uses each of `children` once in the unit `units[i]`. */
function steeringCollar(children: readonly InventedPart[], units: ReadonlyArray<{ unit: string; quantity: number; unitDisplay?: string }>): InventedPart {
  return {
    id: STEERING_COLLAR,
    number: 'NLG-1500',
    name: 'Steering Collar Installation',
    revision: 'A',
    iteration: 2,
    state: 'RELEASED',
    lastModified: '2025-12-10T09:30:00Z',
    uses: children.map((child, index) => ({
      link: 300500 + index + 1,
      child: child.id,
      ...units[index]!,
      lineNumber: (index + 1) * 10,
      findNumber: String(index + 1),
    })),
  };
}

const UNIT_PARTS = UNIT_CASES.map((unitCase, index) => usedPart(index + 1, unitCase.number, unitCase.name));

/** Returns the QUDT unit of each stored BOM line of NLG-1500, by child part number. */
async function storedUnits(store: ImportStore): Promise<Map<string, string>> {
  const result = await store.store.query(
    `SELECT ?child ?unit WHERE {
       GRAPH ?l { ?l <${NS.dt}assembly> ?a ; <${NS.oslc_plm}representsPart> ?c ; <${NS.dt}unitOfMeasure> ?unit }
       GRAPH ?a { ?a <${NS.dt}partNumber> "NLG-1500" }
       GRAPH ?c { ?c <${NS.dt}partNumber> ?child } }`,
  );
  assert.equal(result.type, 'bindings');
  return new Map(result.type === 'bindings' ? result.rows.map((row) => [row.get('child')!.value, row.get('unit')!.value]) : []);
}

const unitWarnings = (issues: ReadonlyArray<{ message: string }>): string[] => issues.map((issue) => issue.message).filter((message) => message.startsWith('Windchill unit'));

describe('Windchill quantity units', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  it('unit table', async () => {
    server.parts = [steeringCollar(UNIT_PARTS, UNIT_CASES), ...UNIT_PARTS];
    const report = await store.import('odata', server.serviceRoot, { authorization: AUTHORIZATION });
    assert.deepEqual(report.counts.bomLines, { created: UNIT_CASES.length, updated: 0, unchanged: 0, removed: 0 });

    const units = await storedUnits(store);
    for (const unitCase of UNIT_CASES) {
      assert.equal(units.get(unitCase.number), `${QUDT}${unitCase.expected}`, `Windchill unit ${unitCase.unit}`);
    }
    const quantities = new Map((await store.bom()).map(([, child, quantity]) => [child, quantity]));
    for (const unitCase of UNIT_CASES) {
      assert.equal(quantities.get(unitCase.number), unitCase.quantity, `quantity in ${unitCase.unit}`);
    }
  });

  it('as_needed warning', async () => {
    server.parts = [steeringCollar(UNIT_PARTS, UNIT_CASES), ...UNIT_PARTS];
    const batch = await importWindchill(server.serviceRoot, options());
    assert.deepEqual(unitWarnings(batch.issues), [
      'Windchill unit as_needed marks a nominal quantity, which has no QUDT unit, so the quantity of 1 BOM line is stored as pieces: MIL-PRF-23377 rev A in NLG-1500 rev A.',
    ]);
    assert.ok(batch.issues.every((issue) => issue.severity === 'warning'));
    const asNeeded = batch.issues.find((issue) => issue.message.includes('as_needed'))!;
    assert.equal(asNeeded.location?.entity, link(300514));
  });

  it('one issue per unit with count', async () => {
    const children = [1, 2, 3, 4, 5, 6, 7, 8].map((index) => usedPart(index, `NLG-15${String(index).padStart(2, '0')}`, `Steering Collar Detail ${index}`));
    const units = [
      { unit: 'as_needed', quantity: 1 },
      { unit: 'pr', quantity: 2, unitDisplay: 'pair' },
      { unit: 'as_needed', quantity: 1 },
      { unit: 'as_needed', quantity: 1 },
      { unit: 'pr', quantity: 1, unitDisplay: 'pair' },
      { unit: 'as_needed', quantity: 0.5 },
      { unit: 'as_needed', quantity: 1 },
      { unit: 'kit', quantity: 1 },
    ];
    server.parts = [steeringCollar(children, units), ...children];
    const batch = await importWindchill(server.serviceRoot, options());

    const fix = (unit: string): string =>
      `Map "${unit}" to its QUDT unit IRI in a --mapping file, as in {"units": {"yd": "http://qudt.org/vocab/unit/YD"}}, ` +
      'or change these part uses in Windchill to a unit that the import maps: ea (or pc, pcs, st), m, mm, cm, m2, m3, in, ft, kg, g, lb, l, ml or gal (US gallon).';
    assert.deepEqual(
      batch.issues.filter((issue) => issue.message.startsWith('Windchill unit')).map((issue) => [issue.severity, issue.message]),
      [
        ['warning', 'Windchill unit as_needed marks a nominal quantity, which has no QUDT unit, so the quantities of 5 BOM lines are stored as pieces: NLG-1501 rev A in NLG-1500 rev A, NLG-1503 rev A in NLG-1500 rev A, NLG-1504 rev A in NLG-1500 rev A and 2 more.'],
        ['error', `Windchill unit "pr" ("pair") has no QUDT unit, so the quantities of 2 BOM lines cannot be stored: NLG-1502 rev A in NLG-1500 rev A, NLG-1505 rev A in NLG-1500 rev A. ${fix('pr')}`],
        ['error', `Windchill unit "kit" has no QUDT unit, so the quantity of 1 BOM line cannot be stored: NLG-1508 rev A in NLG-1500 rev A. ${fix('kit')}`],
      ],
    );
  });

  it('unknown unit rejects the pull', async () => {
    // A site's own unit (a roll of tape) has no QUDT unit, and storing 1 roll as 1 piece would misstate it.
    const tape = usedPart(1, 'A-A-59474', 'Tape, Pressure Sensitive');
    const bolt = usedPart(2, 'NAS6604-12', 'Bolt, Hex Head, 1/4-28');
    server.parts = [steeringCollar([tape, bolt], [{ unit: 'roll', quantity: 1 }, { unit: 'ea', quantity: 2 }]), tape, bolt];

    const errors = await rejection(store.import('odata', server.serviceRoot, { authorization: AUTHORIZATION }));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /: Windchill unit "roll" has no QUDT unit, so the quantity of 1 BOM line cannot be stored: A-A-59474 rev A in NLG-1500 rev A\. Map "roll"/);
    assert.equal(await store.part('NLG-1500', 'A'), undefined);
    assert.equal(await store.part('NAS6604-12', 'A'), undefined);

    // With the unit mapped, the same pull stores it.
    const report = await store.import('odata', server.serviceRoot, { authorization: AUTHORIZATION, mapping: { units: { roll: `${QUDT}NUM` } } });
    assert.equal(report.counts.bomLines.created, 2);
  });

  it('units option comes first', async () => {
    const children = [usedPart(1, 'MIL-PRF-23377', 'Primer, Epoxy'), usedPart(2, 'A-A-52081', 'Webbing, Nylon'), usedPart(3, 'AMS4083-4', 'Tubing, 1/4 in, 6061-T6')];
    server.parts = [steeringCollar(children, [{ unit: 'as_needed', quantity: 1 }, { unit: 'yd', quantity: 3 }, { unit: 'ft', quantity: 2.5 }]), ...children];
    const batch = await importWindchill(server.serviceRoot, options({ units: { yd: `${QUDT}YD`, ft: `${QUDT}FT`, as_needed: `${QUDT}NUM` } }));
    assert.deepEqual(
      batch.bomLines.map((line) => line.unit),
      [`${QUDT}NUM`, `${QUDT}YD`, `${QUDT}FT`],
    );
    assert.deepEqual(batch.issues, []);
  });

  it('summary time includes the pull', async () => {
    server.parts = [steeringCollar(UNIT_PARTS.slice(0, 1), UNIT_CASES.slice(0, 1)), ...UNIT_PARTS.slice(0, 1)];
    server.scenario.interruptions = [{ status: 429, retryAfter: '1' }];
    const report = await store.import('odata', server.serviceRoot, { authorization: AUTHORIZATION });
    assert.ok(report.durationMs >= 990, `the second that Retry-After asked for counts, not only ${report.durationMs} ms`);
  });

  it('unknown unit on a later page', async () => {
    // The third page comes from a next link, which the fake server percent-encodes as `%24expand=Uses%28…`.
    const children = [1, 2, 3, 4].map((index) => usedPart(index, `NLG-15${String(index).padStart(2, '0')}`, `Steering Collar Detail ${index}`));
    const collar = steeringCollar(children, [1, 2, 3, 4].map(() => ({ unit: 'as_needed', quantity: 1 })));
    server.parts = [...PARTS, collar, ...children];
    const report = await store.import('odata', server.serviceRoot, { authorization: AUTHORIZATION });

    assert.deepEqual(report.counts.bomLines, { created: 14, updated: 0, unchanged: 0, removed: 0 });
    const warning = report.warnings.find((issue) => issue.message.startsWith('Windchill unit as_needed'));
    assert.ok(warning !== undefined, 'as_needed warning');
    assert.equal(warning.location?.file, `${server.serviceRoot}/ProdMgmt/Parts?$expand=Uses($expand=Uses)&$skiptoken=8`);
    assert.equal(warning.location?.entity, link(300501));
  });

  it('system properties not ignored attributes', async () => {
    const children = [usedPart(1, 'NLG-1510', 'Steering Collar', { SupplierCode: 'CAGE 81205', FinishSpec: 'MIL-A-8625 Type III' })];
    server.parts = [steeringCollar(children, [{ unit: 'ea', quantity: 1 }]), ...children];
    const report = await store.import('odata', server.serviceRoot, { authorization: AUTHORIZATION });

    const ignored = report.warnings.map((issue) => issue.message).filter((message) => message.startsWith('Ignored source attributes'));
    assert.equal(ignored.length, 1);
    assert.equal(
      ignored[0],
      'Ignored source attributes that match no Part property: FinishSpec, SupplierCode. To store one, map it to a Part property with --mapping (mapping= on the import endpoint), such as {"attributes": {"material": "Material spec"}}, or give it the name of a Part property (such as material, mass or lifecycleState) in the source.',
    );
    for (const systemProperty of ['Version', 'View', 'DefaultUnit', 'LastModified']) {
      assert.ok(!ignored[0]!.includes(systemProperty), `${systemProperty} not listed`);
    }
  });
  it('mapping file: attributes and units', async () => {
    const children = [
      usedPart(1, 'NLG-1510', 'Steering Collar', { SupplierCode: 'CAGE 81205', FinishSpec: 'MIL-A-8625 Type III' }),
      usedPart(2, 'AMS4083-4', 'Tubing, 1/4 in, 6061-T6'),
    ];
    server.parts = [steeringCollar(children, [{ unit: 'ea', quantity: 1 }, { unit: 'yd', quantity: 3 }]), ...children];
    const mapping = { attributes: { material: 'FinishSpec', criticality: 'NoSuchProperty' }, units: { yd: `${QUDT}YD` } };
    const report = await store.import('odata', server.serviceRoot, { authorization: AUTHORIZATION, mapping });

    const collar = (await store.part('NLG-1510', 'A'))!;
    assert.deepEqual(await store.values(collar, `${NS.dt}material`), ['MIL-A-8625 Type III']);
    assert.deepEqual(
      await storedUnits(store),
      new Map([
        ['NLG-1510', `${QUDT}NUM`],
        ['AMS4083-4', `${QUDT}YD`],
      ]),
    );
    assert.deepEqual(
      report.warnings.map((issue) => issue.message),
      [
        'The mapping names Windchill part properties that no part pulled has: "NoSuchProperty" (for criticality). Check their spelling against the properties of Parts in the service\'s $metadata document.',
        'Ignored source attributes that match no Part property: SupplierCode. To store one, map it to a Part property with --mapping (mapping= on the import endpoint), such as {"attributes": {"material": "Material spec"}}, or give it the name of a Part property (such as material, mass or lifecycleState) in the source.',
      ],
    );
  });
});

/** Properties of a child part that a service expands under a usage link while `value[]` has the full record. */
const PARTIAL_CHILD = ['@odata.type', 'ID', 'Number', 'Revision'];

describe('Windchill parts read twice', () => {
  it('full record beats partial child', async () => {
    const full = await importWindchill(server.serviceRoot, options());
    server.scenario.childProperties = PARTIAL_CHILD;
    const partial = await importWindchill(server.serviceRoot, options());

    assert.deepEqual(partial.parts, full.parts);
    assert.deepEqual(partial.issues, []);
    // The bolt is read first as a partial child on page 1, and as a record on page 2.
    const bolt = partial.parts.find((part) => part.partNumber === 'AN6-12A')!;
    assert.equal(bolt.title, 'Bolt, Hex Head, 3/8-24');
    assert.deepEqual(bolt.attributes, { lifecycleState: 'Released' });
    assert.equal(bolt.location.file, `${server.serviceRoot}/ProdMgmt/Parts?$expand=Uses($expand=Uses)&$skiptoken=4`);
  });

  it('partial child read before record', async () => {
    // One part a page, so each child is read as a partial copy before its own record.
    const collar = { ...usedPart(1, 'WC-110', 'Steering collar'), state: 'INWORK' };
    const bolt = usedPart(2, 'WC-120', 'Collar bolt');
    server.parts = [steeringCollar([collar, bolt], [{ unit: 'ea', quantity: 1 }, { unit: 'ea', quantity: 2 }]), collar, bolt];
    server.scenario = { ...server.scenario, pageSize: 1, childProperties: PARTIAL_CHILD };
    const store = await ImportStore.open();
    try {
      const report = await store.import('odata', server.serviceRoot, { authorization: AUTHORIZATION, dryRun: true });
      assert.deepEqual(
        report.changes.filter((change) => change.label.startsWith('part WC-')).map((change) => [change.label, change.details]),
        [
          ['part WC-110 rev A', 'Title Steering collar; Lifecycle State In Work'],
          ['part WC-120 rev A', 'Title Collar bolt; Lifecycle State Released'],
        ],
      );
      assert.deepEqual(report.warnings, []);
    } finally {
      await store.close();
    }
  });

  it('no State in any copy warned', async () => {
    const stateless = { ...usedPart(1, 'WC-130', 'Collar shim'), state: undefined };
    const bolt = usedPart(2, 'WC-120', 'Collar bolt');
    server.parts = [steeringCollar([stateless, bolt], [{ unit: 'ea', quantity: 1 }, { unit: 'ea', quantity: 2 }]), stateless, bolt];
    server.scenario = { ...server.scenario, pageSize: 1, childProperties: PARTIAL_CHILD };
    const batch = await importWindchill(server.serviceRoot, options());

    assert.deepEqual(
      batch.issues.map((issue) => [issue.severity, issue.message, issue.location?.entity]),
      [['warning', 'Windchill returned no State for some parts, so 1 part keeps its stored lifecycle state (In Work when new): WC-130 rev A.', id(200501)]],
    );
    assert.deepEqual(
      batch.parts.map((part) => [part.partNumber, part.title, part.attributes?.lifecycleState]),
      [
        ['NLG-1500', 'Steering Collar Installation', 'Released'],
        ['WC-130', 'Collar shim', undefined],
        ['WC-120', 'Collar bolt', 'Released'],
      ],
    );
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestServer } from '../helpers/TestServer.js';
import { freePort, startTestServer } from '../helpers/TestServer.js';
import { assertOslcError, contentTypeOf, fetchRdf, headerTokens } from './HttpTestSupport.js';
import { htmlText, previewFieldTexts, startPreviewServer } from './PreviewTestSupport.js';

/** Expected fields of each type's previews, with the exact values of the fixture. */
const PREVIEWS: { path: string; size: 'small' | 'large'; fields: [label: string, text: string][] }[] = [
  {
    path: 'oslc/sp/fcc/parts/P-000001',
    size: 'small',
    fields: [
      ['Part Number', 'FCC-300-000'],
      ['Revision', 'C'],
      ['Lifecycle State', 'Released'],
      ['Effectivity', 'Date 2025-01-01 onwards'],
      ['Where Used', '0 BOM lines'],
    ],
  },
  {
    path: 'oslc/sp/fcc/parts/P-000001',
    size: 'large',
    fields: [
      ['Part Number', 'FCC-300-000'],
      ['Revision', 'C'],
      ['Lifecycle State', 'Released'],
      ['Mass', '6.8 kg'],
      ['BOM Lines', 'BL-000001 FCC-300-000 uses Processor Lane Module; BL-000002 FCC-300-000 uses NAS1352-08-6'],
      ['Effectivity', 'Date 2025-01-01 onwards'],
      ['Where Used', '0 BOM lines'],
    ],
  },
  {
    path: 'oslc/sp/fcc/parts/P-000003',
    size: 'small',
    fields: [
      ['Part Number', 'NAS1352-08-6'],
      ['Revision', 'A'],
      ['Lifecycle State', 'Released'],
      ['Where Used', '2 BOM lines'],
    ],
  },
  {
    path: 'oslc/sp/fcc/bom-lines/BL-000001',
    size: 'small',
    fields: [
      ['Assembly', 'P-000001 FCC-300 Flight Control Computer Assembly'],
      ['Child Part', 'P-000002 Processor Lane Module'],
      ['Quantity', '3 pcs'],
      ['Find Number', '10'],
      ['BOM View', 'EBOM'],
    ],
  },
  {
    path: 'oslc/sp/fcc/ncrs/NCR-000002',
    size: 'small',
    fields: [
      ['Status', 'Dispositioned'],
      ['Severity', 'Minor'],
      ['Disposition', 'Rework'],
      ['Affected Parts', 'P-000002 Processor Lane Module; P-000003 Hex Socket Cap Screw NAS1352-08-6'],
    ],
  },
  {
    path: 'oslc/sp/fcc/ncrs/NCR-000002',
    size: 'large',
    fields: [
      ['Status', 'Dispositioned'],
      ['Severity', 'Minor'],
      ['Defect Code', 'CTG-04'],
      ['Affected Parts', 'P-000002 Processor Lane Module; P-000003 Hex Socket Cap Screw NAS1352-08-6'],
      ['Serial Numbers', 'FCC00017'],
      ['Quantity Affected', '2'],
      ['Disposition', 'Rework'],
    ],
  },
  {
    path: 'oslc/sp/fcc/requirements/REQ-000001',
    size: 'small',
    fields: [
      ['Assurance Level', 'Level A'],
      ['Validated By', 'TC-000001 Lane failover timing test'],
    ],
  },
  {
    path: 'oslc/sp/fcc/test-cases/TC-000001',
    size: 'small',
    fields: [['Validates Requirements', 'REQ-000001 Lane failover within 50 ms']],
  },
  {
    path: 'oslc/sp/fcc/test-results/TR-000001',
    size: 'small',
    fields: [
      ['Verdict', 'failed'],
      ['Test Case', 'TC-000001 Lane failover timing test'],
      ['Executed', '2025-03-03 16:45 UTC'],
    ],
  },
  {
    path: 'oslc/sp/fcc/telemetry-summaries/TS-000001',
    size: 'small',
    fields: [
      ['Parameter', '28 V DC input voltage'],
      ['Serial Number', 'FCC00017'],
      ['Window Start', '2026-11-16'],
      ['Window End', '2026-11-23'],
    ],
  },
  {
    path: 'oslc/sp/fcc/telemetry-summaries/TS-000001',
    size: 'large',
    fields: [
      ['Asset', 'P-000001 FCC-300 Flight Control Computer Assembly'],
      ['Serial Number', 'FCC00017'],
      ['Parameter', '28 V DC input voltage'],
      ['Window Start', '2026-11-16'],
      ['Window End', '2026-11-23'],
      ['Samples', '899,455'],
      ['Minimum', '27.564 V'],
      ['Maximum', '29.356 V'],
      ['Mean', '28.01 V'],
      ['Standard Deviation', '0.147 V'],
      ['95th Percentile', '28.244 V'],
      ['Anomalies', '3'],
    ],
  },
  {
    path: 'oslc/sp/fcc/certification-artifacts/CA-000001',
    size: 'small',
    fields: [
      ['Objectives', 'A-1.1 Development and integral process activities are planned; A-1.4 Additional considerations such as tool qualification are covered'],
      ['Assurance Level', 'Level A'],
      ['Artifact Kind', 'Plan'],
      ['Version', '3.1'],
      ['SHA-256', '8874cf46ff6e0648ff82cf5f69ad17bce1ab20ae361ce95ed18c8cbc9e1f28a8'],
    ],
  },
];

const ITAR_PART = 'oslc/sp/fcc/parts/P-000002';
const MARKUP_PART = 'oslc/sp/fcc/parts/P-000004';
const TELEMETRY = 'oslc/sp/fcc/telemetry-summaries/TS-000001';

describe('Preview', () => {
  let server: TestServer;
  let frameOrigin: string;
  let corsOrigin: string;

  before(async () => {
    frameOrigin = `http://127.0.0.1:${await freePort()}`;
    corsOrigin = `http://127.0.0.1:${await freePort()}`;
    server = await startPreviewServer({ frameOrigins: [frameOrigin], corsOrigins: [corsOrigin] });
  });

  after(async () => {
    await server.stop();
  });

  async function previewHtml(path: string, size: string): Promise<string> {
    const response = await server.fetch(`${path}/preview?size=${size}`);
    assert.equal(response.status, 200, `${path} ${size} returned ${response.status}`);
    assert.equal(contentTypeOf(response), 'text/html');
    return response.text();
  }

  describe('fields', () => {
    for (const { path, size, fields } of PREVIEWS) {
      it(`${size} preview of ${path.slice(path.lastIndexOf('/') + 1)}`, async () => {
        const found = previewFieldTexts(await previewHtml(path, size));
        assert.deepEqual([...found.keys()], fields.map(([label]) => label), 'labels and their order');
        for (const [label, text] of fields) {
          assert.equal(found.get(label), text, label);
        }
      });
    }

    it('large preview lists more than small', async () => {
      const small = previewFieldTexts(await previewHtml('oslc/sp/fcc/parts/P-000001', 'small'));
      const large = previewFieldTexts(await previewHtml('oslc/sp/fcc/parts/P-000001', 'large'));
      assert.ok(large.size > small.size, `large has ${large.size} fields, small ${small.size}`);
    });

    it('size defaults to small', async () => {
      const response = await server.fetch('oslc/sp/fcc/parts/P-000001/preview');
      assert.deepEqual(previewFieldTexts(await response.text()), previewFieldTexts(await previewHtml('oslc/sp/fcc/parts/P-000001', 'small')));
    });

    it('large preview shows the description', async () => {
      const html = await previewHtml('oslc/sp/fcc/ncrs/NCR-000002', 'large');
      assert.match(html, /<p class="description">Voids found in the conformal coating near U12 during incoming inspection\.<\/p>/);
    });
  });

  describe('content', () => {
    it('heading links the resource', async () => {
      const html = await previewHtml('oslc/sp/fcc/parts/P-000001', 'small');
      const heading = /<h1>(.*?)<\/h1>/s.exec(html)?.[1] ?? '';
      assert.equal(htmlText(heading), 'FCC-300 Flight Control Computer Assembly');
      assert.ok(heading.includes(`href="${server.base}oslc/sp/fcc/parts/P-000001"`));
    });

    it('ITAR marking shows first', async () => {
      const html = await previewHtml(ITAR_PART, 'small');
      const marking = /<div class="marking marking-itar"[^>]*>(.*?)<\/div>/s.exec(html);
      assert.ok(marking !== null, 'no ITAR marking');
      assert.equal(htmlText(marking[1]!), 'ITAR USML Category XI(a)(3)');
      assert.ok(html.indexOf('marking-itar') < html.indexOf('<dl class="fields">'), 'the marking must come before the fields');
    });

    it('EAR marking names the ECCN', async () => {
      const html = await previewHtml('oslc/sp/fcc/parts/P-000005', 'small');
      const marking = /<div class="marking marking-ear"[^>]*>(.*?)<\/div>/s.exec(html);
      assert.equal(htmlText(marking?.[1] ?? ''), 'EAR ECCN 7A994');
    });

    it('uncontrolled part has no marking', async () => {
      assert.ok(!(await previewHtml('oslc/sp/fcc/parts/P-000001', 'small')).includes('class="marking'));
    });

    it('telemetry chart marks each anomaly', async () => {
      const html = await previewHtml(TELEMETRY, 'small');
      const svg = /<svg class="range-chart"[^>]*>(.*?)<\/svg>/s.exec(html)?.[0] ?? '';
      assert.equal([...svg.matchAll(/class="anomaly"/g)].length, 3);
      assert.match(svg, /aria-labelledby="telemetry-chart"/);
      assert.match(svg, /mean 28\.01/);
      assert.match(svg, /p95 28\.244/);
    });

    it('telemetry chart has a text alternative', async () => {
      const html = await previewHtml(TELEMETRY, 'small');
      const caption = /<figcaption id="telemetry-chart"[^>]*>(.*?)<\/figcaption>/s.exec(html)?.[1];
      assert.equal(
        htmlText(caption ?? ''),
        '28 V DC input voltage from 27.564 V to 29.356 V, mean 28.01 V (σ 0.147 V), 95th percentile 28.244 V; 3 anomalies flagged in 899,455 samples.',
      );
    });

    it('markup in fields is escaped', async () => {
      for (const size of ['small', 'large']) {
        const html = await previewHtml(MARKUP_PART, size);
        assert.ok(!html.includes('<script>alert'), 'a script element from the title must not appear');
        assert.ok(!html.includes('<b>bold'), 'markup from the title must not appear');
        assert.ok(!html.includes('<i>7'), 'markup from the part number must not appear');
        assert.ok(html.includes('Bracket &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'));
        assert.equal(previewFieldTexts(html).get('Part Number'), 'FCC-320-<i>7</i>');
      }
    });

    it('links open in a new tab', async () => {
      const html = await previewHtml('oslc/sp/fcc/ncrs/NCR-000002', 'large');
      const anchors = [...html.matchAll(/<a\s[^>]*>/g)].map((match) => match[0]);
      assert.ok(anchors.length >= 3, `expected links, found ${anchors.length}`);
      for (const anchor of anchors) {
        assert.match(anchor, /target="_blank"/);
        assert.match(anchor, /rel="noopener"/);
      }
    });

    it('no inline script or style', async () => {
      const html = await previewHtml(TELEMETRY, 'large');
      assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]), [`<script src="${server.base}assets/preview.js" defer>`]);
      assert.ok(!/<style\b/.test(html), 'no style element');
      assert.ok(!/\sstyle=/.test(html), 'no style attribute');
      assert.ok(!/\son[a-z]+=/.test(html), 'no event handler attribute');
    });

    it('stylesheet and script are served', async () => {
      for (const [path, type] of [
        ['assets/preview.css', 'text/css'],
        ['assets/preview.js', 'text/javascript'],
      ]) {
        const response = await server.fetch(path!);
        await response.arrayBuffer();
        assert.equal(response.status, 200, path);
        assert.equal(contentTypeOf(response), type, path);
      }
    });
  });

  describe('framing', () => {
    it('allows the configured frame origins', async () => {
      const response = await server.fetch(`${ITAR_PART}/preview?size=small`);
      await response.arrayBuffer();
      const policies = (response.headers.get('content-security-policy') ?? '').split(',').map((policy) => policy.trim());
      assert.ok(policies.includes(`frame-ancestors 'self' ${frameOrigin}`), `policies: ${policies.join(' | ')}`);
      assert.equal(response.headers.get('x-frame-options'), null);
    });

    it('shows a missing resource inside the frame', async () => {
      const response = await server.fetch(`${ITAR_PART.replace(/P-\d+$/, 'P-999999')}/preview?size=small`);
      await response.arrayBuffer();
      assert.equal(response.status, 404);
      const policies = (response.headers.get('content-security-policy') ?? '').split(',').map((policy) => policy.trim());
      assert.ok(policies.includes(`frame-ancestors 'self' ${frameOrigin}`), `policies: ${policies.join(' | ')}`);
    });

    it('forbids inline script', async () => {
      const response = await server.fetch(`${ITAR_PART}/preview?size=large`);
      await response.arrayBuffer();
      const policies = (response.headers.get('content-security-policy') ?? '').split(',').map((policy) => policy.trim());
      const content = policies.find((policy) => policy.startsWith('default-src'));
      assert.ok(content !== undefined, 'no content policy');
      assert.match(content, /script-src 'self'(;|$)/);
      assert.match(content, /style-src 'self'(;|$)/);
    });

    it('resource page stays same-origin only', async () => {
      const response = await server.fetch(ITAR_PART, { headers: { Accept: 'text/html' } });
      await response.arrayBuffer();
      assert.equal(response.headers.get('content-security-policy'), "frame-ancestors 'self'");
      assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
    });
  });

  describe('errors', () => {
    const badSizes: [name: string, query: string][] = [
      ['unknown size', 'size=medium'],
      ['empty size', 'size='],
      ['repeated size', 'size=small&size=large'],
    ];
    for (const [name, query] of badSizes) {
      it(`${name} is 400 naming the parameter`, async () => {
        const { response, quads } = await fetchRdf(server, `${ITAR_PART}/preview?${query}`, { headers: { Accept: 'text/turtle' } });
        assert.equal(response.status, 400);
        const message = assertOslcError(quads, 400);
        assert.match(message, /size/);
        assert.match(message, /size=small/);
        assert.match(message, /size=large/);
      });
    }

    const missing: [name: string, path: string][] = [
      ['unknown identifier', 'oslc/sp/fcc/parts/P-999999/preview?size=small'],
      ['unknown type segment', 'oslc/sp/fcc/widgets/P-000001/preview?size=small'],
      ['unknown provider', 'oslc/sp/nowhere/parts/P-000001/preview?size=small'],
    ];
    for (const [name, path] of missing) {
      it(`${name} is 404 oslc:Error`, async () => {
        const { response, quads } = await fetchRdf(server, path, { headers: { Accept: 'text/turtle' } });
        assert.equal(response.status, 404);
        assert.match(assertOslcError(quads, 404), /No resource exists at .* so it has no preview/);
      });
    }

    it('OPTIONS lists the methods', async () => {
      const response = await server.fetch(`${ITAR_PART}/preview?size=small`, { method: 'OPTIONS' });
      assert.equal(response.status, 204);
      assert.deepEqual(headerTokens(response.headers.get('allow')), ['GET', 'HEAD', 'OPTIONS']);
    });

    it('OPTIONS of a missing resource is 404', async () => {
      const response = await server.fetch('oslc/sp/fcc/parts/P-999999/preview', { method: 'OPTIONS', headers: { Accept: 'text/turtle' } });
      await response.arrayBuffer();
      assert.equal(response.status, 404);
    });

    it('PUT is 405 with Allow', async () => {
      const response = await server.fetch(`${ITAR_PART}/preview?size=small`, { method: 'PUT', headers: { Accept: 'text/turtle' } });
      await response.arrayBuffer();
      assert.equal(response.status, 405);
      assert.deepEqual(headerTokens(response.headers.get('allow')), ['GET', 'HEAD', 'OPTIONS']);
    });
  });

  describe('CORS', () => {
    const preflightHeaders = (origin: string): Record<string, string> => ({
      Origin: origin,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'oslc-core-version, configuration-context, prefer',
    });

    for (const path of [`${ITAR_PART}/compact`, `${ITAR_PART}/preview?size=small`, ITAR_PART]) {
      it(`preflight from an allowed origin for ${path.slice(path.lastIndexOf('/') + 1)}`, async () => {
        const response = await server.fetch(path, { method: 'OPTIONS', headers: preflightHeaders(corsOrigin) });
        await response.arrayBuffer();
        assert.equal(response.status, 204);
        assert.equal(response.headers.get('access-control-allow-origin'), corsOrigin);
        const allowed = headerTokens(response.headers.get('access-control-allow-headers')).map((name) => name.toLowerCase());
        for (const header of ['oslc-core-version', 'configuration-context', 'prefer']) {
          assert.ok(allowed.includes(header), `${header} not in ${allowed.join(', ')}`);
        }
      });
    }

    it('preflight from another origin gets no CORS headers', async () => {
      const response = await server.fetch(`${ITAR_PART}/compact`, { method: 'OPTIONS', headers: preflightHeaders('http://127.0.0.1:9') });
      await response.arrayBuffer();
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal(response.headers.get('access-control-allow-headers'), null);
      assert.equal(response.headers.get('access-control-allow-methods'), null);
    });

    it('Compact response exposes Link and Preference-Applied', async () => {
      const response = await server.fetch(ITAR_PART, { headers: { Origin: corsOrigin, Accept: 'application/json', Prefer: 'return=representation; include="http://open-services.net/ns/core#PreferCompact"' } });
      await response.arrayBuffer();
      assert.equal(response.headers.get('access-control-allow-origin'), corsOrigin);
      const exposed = headerTokens(response.headers.get('access-control-expose-headers'));
      for (const header of ['Link', 'Preference-Applied', 'ETag', 'Vary']) {
        assert.ok(exposed.includes(header), `${header} not exposed`);
      }
    });
  });
});

describe('Preview of a sample telemetry summary', () => {
  // FCC00017 28 V DC input voltage, week ending 2026-11-23, with 4 anomalies, in fixtures/sample-programme/fcc.trig.
  const SAMPLE_TELEMETRY = 'oslc/sp/fcc/telemetry-summaries/TS-000003';
  let server: TestServer;
  let small: string;

  before(async () => {
    server = await startTestServer({ sample: true });
    const response = await server.fetch(`${SAMPLE_TELEMETRY}/preview?size=small`);
    assert.equal(response.status, 200);
    small = await response.text();
  });

  after(async () => {
    await server.stop();
  });

  function sparkline(html: string): string {
    return /<svg class="sparkline"[^>]*>(.*?)<\/svg>/s.exec(html)?.[0] ?? '';
  }

  it('draws a sparkline, not a range bar', () => {
    assert.match(small, /<svg class="sparkline" viewBox="0 0 360 100" role="img" aria-labelledby="telemetry-chart"/);
    assert.ok(!small.includes('range-chart'), 'no range bar');
  });

  it('idle intervals split the line', () => {
    // Trend "- 27.882 27.844 27.89 - - 28.426 - - 27.893 28.23 27.918 - 27.807 27.833 - - 27.874 27.884 - - 27.903 27.885 - - - 28.211 -".
    const svg = sparkline(small);
    const lines = [...svg.matchAll(/<polyline class="trend-line" points="([^"]*)"/g)].map((match) => match[1]!.split(' ').length);
    assert.deepEqual(lines, [3, 3, 2, 2, 2]);
    const dots = [...svg.matchAll(/<circle class="trend-point" cx="([\d.]+)"/g)].map((match) => Number(match[1]));
    // Intervals 6 and 26 of 28 are drawn at x = 4 + (i + 0.5) × 264 / 28.
    assert.deepEqual(dots, [65.3, 253.9]);
  });

  it('anomaly markers sit at their times', () => {
    // x = 4 + (time - 2026-11-16T00:00Z) / 7 days × 264, for 2026-11-17 14:52:07, 15:13:56, 2026-11-18 17:28:54 and 2026-11-22 15:36:11.
    const markers = [...sparkline(small).matchAll(/<path class="anomaly" d="M([\d.]+) /g)].map((match) => Number(match[1]));
    assert.deepEqual(markers, [65.1, 65.7, 106.9, 254.8]);
  });

  it('caption states the trend and times', () => {
    const caption = /<figcaption id="telemetry-chart"[^>]*>(.*?)<\/figcaption>/s.exec(small)?.[1];
    assert.equal(
      htmlText(caption ?? ''),
      '28 V DC input voltage from 27.564 V to 29.356 V, mean 28.01 V (σ 0.147 V), 95th percentile 28.244 V; 4 anomalies flagged in 899,455 samples. ' +
        'Means of 28 intervals of 6 h from 2026-11-16 to 2026-11-23: 14 with samples, from 27.807 V to 28.426 V, and 14 without samples. ' +
        'Anomalies at 2026-11-17 14:52 UTC, 2026-11-17 15:13 UTC, 2026-11-18 17:28 UTC and 2026-11-22 15:36 UTC.',
    );
  });

  it('large preview lists anomaly times, not the trend', async () => {
    const response = await server.fetch(`${SAMPLE_TELEMETRY}/preview?size=large`);
    const fields = previewFieldTexts(await response.text());
    assert.equal(fields.get('Anomaly Times'), '2026-11-17 14:52 UTC; 2026-11-17 15:13 UTC; 2026-11-18 17:28 UTC; 2026-11-22 15:36 UTC');
    assert.equal(fields.get('Trend'), undefined);
  });

  it('sparkline uses no inline style', () => {
    assert.ok(!/\sstyle=/.test(small), 'no style attribute');
    assert.ok(!/<style\b/.test(small), 'no style element');
  });
});

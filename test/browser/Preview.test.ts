import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserUnavailable, launchChromium } from '../helpers/Browser.js';
import { freePort, type TestServer } from '../helpers/TestServer.js';
import { startPreviewServer } from '../http/PreviewTestSupport.js';

const skip = browserUnavailable();

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const PART = 'oslc/sp/fcc/parts/P-000002';
const TELEMETRY = 'oslc/sp/fcc/telemetry-summaries/TS-000001';
const TELEMETRY_TREND = 'oslc/sp/fcc/telemetry-summaries/TS-000002';

/** A message the host page received from one of its frames. */
interface HostMessage {
  frame: string;
  data: string;
}

/**
 * Returns the page of another tool that embeds two small previews, as ELM rich hovers do. The page
 * records every message from a frame and applies `oslc-resize` hints to the frame's height.
 */
function hostPage(base: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Host</title>
<style>
body{font:13px system-ui,sans-serif;background:#eef1f5;margin:16px;display:flex;gap:16px;align-items:flex-start}
figure{margin:0;background:#fff;padding:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
figcaption{font-weight:600;margin-bottom:6px}iframe{display:block;border:1px solid #d0d7de;width:400px;height:260px}
</style></head>
<body>
<figure><figcaption>Part</figcaption><iframe id="part" src="${base}${PART}/preview?size=small"></iframe></figure>
<figure><figcaption>Telemetry</figcaption><iframe id="telemetry" src="${base}${TELEMETRY}/preview?size=small"></iframe></figure>
<script>
window.received = [];
window.addEventListener('message', function (event) {
  var frame = Array.prototype.find.call(document.querySelectorAll('iframe'), function (candidate) { return candidate.contentWindow === event.source; });
  window.received.push({ frame: frame ? frame.id : '?', data: String(event.data) });
  var match = /^oslc-resize:(.*)$/.exec(String(event.data));
  if (frame && match) { frame.style.height = JSON.parse(match[1])['oslc:hintHeight']; }
});
</script>
</body></html>`;
}

/** Serves `html` at every path on 127.0.0.1:`port`. */
async function startHost(port: number, html: string): Promise<Server> {
  const host = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((resolve) => host.listen(port, '127.0.0.1', resolve));
  return host;
}

function stopHost(host: Server | undefined): Promise<void> {
  return new Promise((resolve) => (host === undefined ? resolve() : host.close(() => resolve())));
}

describe('previews in Chromium', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let allowedHost: Server;
  let strangerHost: Server;
  let allowedUrl: string;
  let strangerUrl: string;

  before(async () => {
    const allowedPort = await freePort();
    const strangerPort = await freePort();
    allowedUrl = `http://127.0.0.1:${allowedPort}/`;
    strangerUrl = `http://127.0.0.1:${strangerPort}/`;
    server = await startPreviewServer({ frameOrigins: [`http://127.0.0.1:${allowedPort}`] });
    allowedHost = await startHost(allowedPort, hostPage(server.base));
    strangerHost = await startHost(strangerPort, hostPage(server.base));
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await stopHost(allowedHost);
    await stopHost(strangerHost);
    await server?.stop();
  });

  /** Opens a host page and collects console errors of the page and its frames. */
  async function openHost(url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 900, height: 520 }, deviceScaleFactor: 2 });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') {
        errors.push(message.text());
      }
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    return { page, errors };
  }

  it('allowed host shows both previews', async () => {
    const { page, errors } = await openHost(allowedUrl);
    const part = page.frameLocator('#part');
    await part.locator('dd', { hasText: 'FCC-310-100' }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await part.locator('h1').innerText(), 'Processor Lane Module');
    assert.ok(await part.locator('.marking-itar').isVisible(), 'the ITAR marking must be visible');

    const telemetry = page.frameLocator('#telemetry');
    await telemetry.locator('svg.range-chart').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await telemetry.locator('svg.range-chart .anomaly').count(), 3);
    assert.equal(await telemetry.locator('svg.range-chart').getAttribute('aria-labelledby'), 'telemetry-chart');

    // Both frames report their height, in the OSLC 3.0 and the OSLC 2.0 form.
    await page.waitForFunction(
      `['part', 'telemetry'].every((frame) => window.received.some((message) => message.frame === frame && message.data.startsWith('oslc-preview-height:')))`,
      undefined,
      { timeout: 10_000 },
    );
    const received = (await page.evaluate('window.received')) as HostMessage[];
    for (const frame of ['part', 'telemetry']) {
      const messages = received.filter((message) => message.frame === frame);
      const resize = messages.find((message) => message.data.startsWith('oslc-resize:'));
      const legacy = messages.find((message) => message.data.startsWith('oslc-preview-height:'));
      assert.ok(resize !== undefined, `${frame} sent no oslc-resize message`);
      const hint = (JSON.parse(resize.data.slice('oslc-resize:'.length)) as Record<string, string>)['oslc:hintHeight'];
      assert.match(hint ?? '', /^\d+px$/);
      assert.equal(legacy?.data, `oslc-preview-height:${parseInt(hint!, 10)}`);
    }

    // The host applied the hint, so the preview fits its frame without scrolling.
    for (const path of [PART, TELEMETRY]) {
      const frame = page.frames().find((candidate) => candidate.url().startsWith(`${server.base}${path}/`));
      assert.ok(frame !== undefined, `no frame for ${path}`);
      const overflow = (await frame.evaluate('document.documentElement.scrollHeight - window.innerHeight')) as number;
      assert.ok(overflow <= 0, `${path} preview overflows its frame by ${overflow}px`);
    }

    await page.screenshot({ path: join(ARTIFACTS, 'preview-host.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('other hosts cannot frame previews', async () => {
    const { page, errors } = await openHost(strangerUrl);
    await page.waitForFunction("document.querySelectorAll('iframe').length === 2", undefined, { timeout: 10_000 });
    // Chromium reports the blocked frame on the console; wait for it instead of sleeping.
    const deadline = Date.now() + 10_000;
    while (!errors.some((error) => error.includes('frame-ancestors')) && Date.now() < deadline) {
      await page.waitForTimeout(100);
    }
    assert.ok(errors.some((error) => error.includes('frame-ancestors')), `no frame-ancestors violation in ${JSON.stringify(errors)}`);
    assert.equal(await page.frameLocator('#part').locator('dd', { hasText: 'FCC-310-100' }).count(), 0);
    assert.deepEqual(await page.evaluate('window.received'), []);
    await page.screenshot({ path: join(ARTIFACTS, 'preview-refused.png') });
    await page.close();
  });

  /** Opens a preview page on its own and collects its console errors, which include CSP violations. */
  async function openPreview(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 560, height: 480 }, deviceScaleFactor: 2 });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') {
        errors.push(message.text());
      }
    });
    await page.goto(`${server.base}${path}`);
    return { page, errors };
  }

  it('sparkline renders under the CSP', async () => {
    const { page, errors } = await openPreview(`${TELEMETRY_TREND}/preview?size=small`);
    const sparkline = page.locator('svg.sparkline');
    await sparkline.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await sparkline.locator('.anomaly').count(), 4);
    assert.equal(await sparkline.locator('polyline.trend-line').count(), 5);
    // The stylesheet applies: a polyline without it would be filled black and have no stroke.
    assert.equal(await page.evaluate("getComputedStyle(document.querySelector('polyline.trend-line')).fill"), 'none');
    const box = await sparkline.boundingBox();
    assert.ok(box !== null, 'sparkline has no box');
    assert.ok(box.width > 300, `sparkline is ${box.width} px wide`);
    await page.screenshot({ path: join(ARTIFACTS, 'preview-telemetry-sparkline.png'), fullPage: true });
    assert.deepEqual(errors, [], 'console errors');
    await page.close();
  });

  it('large preview renders without errors', async () => {
    const { page, errors } = await openPreview(`${TELEMETRY}/preview?size=large`);
    assert.equal(await page.locator('svg.range-chart .anomaly').count(), 3);
    assert.equal(await page.locator('dd', { hasText: '28.244 V' }).count(), 1);
    await page.screenshot({ path: join(ARTIFACTS, 'preview-telemetry-large.png'), fullPage: true });
    assert.deepEqual(errors, [], 'console errors');
    await page.close();
  });
});

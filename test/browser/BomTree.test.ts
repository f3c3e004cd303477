import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { parseRdf } from '../../src/rdf/RdfParser.js';
import { browserUnavailable, launchChromium } from '../helpers/Browser.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';

const skip = browserUnavailable();

/** Screenshots for people to look at; the folder is ignored by git. */
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** The FCC-300 top assembly (AQ300-1000 revision B) of fixtures/sample-programme/fcc.trig. */
const TOP_ASSEMBLY = 'oslc/sp/fcc/parts/P-000002';

/** Its direct lines, by find number, and the lines of AQ300-2000 and AQ300-2100 below it. */
const FIRST_LEVEL = ['AQ300-1100', 'AQ300-2000', 'AQ300-3000', 'AQ300-4000', 'AQ300-5000', 'AQ300-7000', 'AQ300-7400', 'D38999/24WJ35SN', 'D38999/24WG35PN', 'A600-S2-150P', 'MS24693-C274', 'AQ300-1200'];
const LANE_MODULE_LINES = [
  'AQ300-2100', 'AQ300-2200', 'AQ300-2300', 'NAS1352C04-6', 'IEH-3U-AL', 'AQ300-2400',
  'AQ300-2100', 'TCG-ZNO-50', 'AQ300-2300', 'AQ300-2200', 'NAS1352C04-6', 'MIL-S-46163-II-N', 'IEH-3U-AL',
];
const LANE_PROCESSOR_FIRST_LINES = ['AQ300-2110', 'PRX4080-18MB', 'AQ300-2120', 'DR3L4G16-96M', 'AQ300-2130'];

/** Part numbers of the visible rows at `level`, in page order. */
async function visiblePartNumbers(page: Page, level: number): Promise<string[]> {
  return page.locator(`table.bom-tree tbody tr[data-level="${level}"]:not([hidden]) th a`).allInnerTexts();
}

/** Returns the disclosure button of the first row at `level` whose part number is `partNumber`. */
function toggleOf(page: Page, level: number, partNumber: string): Locator {
  return page.locator(`table.bom-tree tbody tr[data-level="${level}"]`, { has: page.locator('th a', { hasText: partNumber }) }).first().locator('button.bom-toggle');
}

describe('BOM tree in Chromium', { skip }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer({ sample: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens the top assembly page, failing on script errors and on requests to other hosts. */
  async function openAssembly(): Promise<{ page: Page; errors: string[]; bomRequests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const bomRequests: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== '127.0.0.1') {
        errors.push(`request to another host: ${url.href}`);
        await route.abort();
        return;
      }
      if (url.pathname.endsWith('/bom')) {
        bomRequests.push(url.pathname);
      }
      await route.continue();
    });
    const response = await page.goto(server.base + TOP_ASSEMBLY);
    assert.equal(response?.status(), 200);
    return { page, errors, bomRequests };
  }

  it('first level is shown', async () => {
    const { page, errors } = await openAssembly();
    assert.equal(await page.locator('h1').innerText(), 'FCC-300 Flight Control Computer');
    assert.deepEqual(await visiblePartNumbers(page, 1), FIRST_LEVEL);
    assert.equal(await page.locator('table.bom-tree button.bom-toggle:visible').count(), 5);
    assert.equal(await page.locator('table.bom-tree tbody tr[data-level="2"]').count(), 0);
    await page.screenshot({ path: join(ARTIFACTS, 'bom-tree-first-level.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('keyboard expands and collapses levels', async () => {
    const { page, errors, bomRequests } = await openAssembly();
    const laneModule = toggleOf(page, 1, 'AQ300-2000');
    assert.equal(await laneModule.getAttribute('aria-expanded'), 'false');

    await laneModule.focus();
    await page.keyboard.press('Enter');
    await page.locator('table.bom-tree tbody tr[data-level="2"]:not([hidden])').first().waitFor({ timeout: 10_000 });
    assert.equal(await laneModule.getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await visiblePartNumbers(page, 2), LANE_MODULE_LINES);
    assert.match(await page.locator('.bom-status').innerText(), /Expanded AQ300-2000: 13 BOM lines/);
    const controlled = (await laneModule.getAttribute('aria-controls'))?.split(' ') ?? [];
    assert.equal(controlled.length, LANE_MODULE_LINES.length);

    // One level further down: the lane processor circuit card (EBOM line, find number 1).
    const laneProcessor = toggleOf(page, 2, 'AQ300-2100');
    await laneProcessor.focus();
    await page.keyboard.press('Enter');
    await page.locator('table.bom-tree tbody tr[data-level="3"]:not([hidden])').first().waitFor({ timeout: 10_000 });
    const thirdLevel = await visiblePartNumbers(page, 3);
    assert.equal(thirdLevel.length, 22);
    assert.deepEqual(thirdLevel.slice(0, LANE_PROCESSOR_FIRST_LINES.length), LANE_PROCESSOR_FIRST_LINES);
    await laneModule.focus();
    await page.locator('#bom').screenshot({ path: join(ARTIFACTS, 'bom-tree-expanded.png') });

    // Collapsing the module hides both levels below it; focus stays on its button.
    await page.keyboard.press('Enter');
    assert.equal(await laneModule.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(await visiblePartNumbers(page, 2), []);
    assert.deepEqual(await visiblePartNumbers(page, 3), []);
    assert.equal(await page.evaluate("document.activeElement?.classList.contains('bom-toggle')"), true);

    // Expanding again restores the open level without loading it again.
    await page.keyboard.press('Enter');
    assert.deepEqual(await visiblePartNumbers(page, 2), LANE_MODULE_LINES);
    assert.equal((await visiblePartNumbers(page, 3)).length, 22);
    assert.deepEqual(bomRequests, ['/oslc/sp/fcc/parts/P-000042/bom', '/oslc/sp/fcc/parts/P-000044/bom']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('format links return the resource', async () => {
    const { page, errors } = await openAssembly();
    const formats = page.locator('nav.formats a');
    assert.deepEqual(await formats.allInnerTexts(), ['Turtle', 'RDF/XML', 'JSON-LD', 'N-Triples']);
    const expectedTypes = ['text/turtle', 'application/rdf+xml', 'application/ld+json', 'application/n-triples'];
    for (let index = 0; index < expectedTypes.length; index++) {
      const href = (await formats.nth(index).getAttribute('href'))!;
      const response = await page.request.get(href);
      assert.equal(response.status(), 200, href);
      const type = response.headers()['content-type']!.split(';')[0]!.trim();
      assert.equal(type, expectedTypes[index]);
      const quads = await parseRdf(await response.text(), type, href, server.base);
      const partNumbers = quads.filter((quad) => quad.subject.value === server.base + TOP_ASSEMBLY && quad.predicate.value === 'https://w3id.org/digital-thread/ns#partNumber');
      assert.deepEqual(partNumbers.map((quad) => quad.object.value), ['AQ300-1000'], href);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('skip link appears on first Tab', async () => {
    const { page } = await openAssembly();
    await page.keyboard.press('Tab');
    const skipLink = page.locator('a.skip-link');
    assert.equal(await page.evaluate("document.activeElement?.classList.contains('skip-link')"), true);
    const box = await skipLink.boundingBox();
    assert.ok(box !== null, 'the focused skip link has no box');
    assert.ok(box.y >= 0, 'the focused skip link is off screen');
    const outline = await page.evaluate("getComputedStyle(document.activeElement).outlineStyle");
    assert.equal(outline, 'solid');
    await page.screenshot({ path: join(ARTIFACTS, 'skip-link-focused.png') });

    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement?.id'), 'main');
    await page.close();
  });
});

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { parseRdf } from '../../src/rdf/RdfParser.js';
import { browserUnavailable, launchChromium } from '../helpers/Browser.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { BOM_LINES, bomLineProperties, createResource, TURTLE_PREFIXES } from '../http/writeRequests.js';

const skip = browserUnavailable();

/** Screenshots for people to look at; the folder is ignored by git. */
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** The FCC-300 top assembly (AQ300-1000 revision B) of fixtures/sample-programme/fcc.trig. */
const TOP_ASSEMBLY = 'oslc/sp/fcc/parts/P-000002';

/** Its direct lines, by find number, and the EBOM lines of AQ300-2000 and AQ300-2100 below it. */
const FIRST_LEVEL = ['AQ300-1100', 'AQ300-2000', 'AQ300-3000', 'AQ300-4000', 'AQ300-5000', 'AQ300-7000', 'AQ300-7400', 'D38999/24WJ35SN', 'D38999/24WG35PN', 'A600-S2-150P', 'MS24693-C274', 'AQ300-1200'];
const LANE_MODULE_LINES = ['AQ300-2100', 'AQ300-2200', 'AQ300-2300', 'NAS1352C04-6', 'IEH-3U-AL', 'AQ300-2400'];
const LANE_PROCESSOR_FIRST_LINES = ['AQ300-2110', 'PRX4080-18MB', 'AQ300-2120', 'DR3L4G16-96M', 'AQ300-2130'];

/** AQ300-2000, the lane processing module, which has an EBOM and an MBOM, and its MBOM lines by find number. */
const LANE_MODULE = 'oslc/sp/fcc/parts/P-000042';
const LANE_MODULE_MBOM_LINES = ['AQ300-2100', 'TCG-ZNO-50', 'AQ300-2300', 'AQ300-2200', 'NAS1352C04-6', 'MIL-S-46163-II-N', 'IEH-3U-AL'];

/**
 * MBOM lines that the tests add to AQ300-2100, the lane processor card (P-000044), which the sample gives
 * 22 EBOM lines only: find number, child part and its part number.
 */
const LANE_PROCESSOR = 'oslc/sp/fcc/parts/P-000044';
const LANE_PROCESSOR_MBOM_LINES: readonly (readonly [findNumber: string, part: string, partNumber: string])[] = [
  ['M010', 'oslc/sp/fcc/parts/P-000157', 'TCG-ZNO-50'],
  ['M020', 'oslc/sp/fcc/parts/P-000158', 'MIL-S-46163-II-N'],
];

/** Part numbers of the visible rows at `level` of the BOM trees within `scope`, in page order. */
async function visiblePartNumbers(scope: Page | Locator, level: number): Promise<string[]> {
  return scope.locator(`table.bom-tree tbody tr[data-level="${level}"]:not([hidden]) th a`).allInnerTexts();
}

/** Returns the disclosure button of the first row at `level` whose part number is `partNumber`. */
function toggleOf(scope: Page | Locator, level: number, partNumber: string): Locator {
  return scope.locator(`table.bom-tree tbody tr[data-level="${level}"]`, { has: scope.locator('th a', { hasText: partNumber }) }).first().locator('button.bom-toggle');
}

/** Texts of the BOM view column (the fifth data cell after the part number) of the visible rows at `level` within `scope`. */
async function visibleViewLabels(scope: Locator, level: number): Promise<string[]> {
  return scope.locator(`table.bom-tree tbody tr[data-level="${level}"]:not([hidden]) td:nth-of-type(5)`).allInnerTexts();
}

describe('BOM tree in Chromium', { skip }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer({ sample: true });
    for (const [findNumber, part] of LANE_PROCESSOR_MBOM_LINES) {
      const turtle = `${TURTLE_PREFIXES}\n<> ${bomLineProperties(server.base, LANE_PROCESSOR, part, '1', 'MBOM')} ; dt:findNumber "${findNumber}" .\n`;
      await createResource(server, BOM_LINES, turtle);
    }
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens an assembly's page, the top assembly by default, failing on script errors and on requests to other hosts. */
  async function openAssembly(assembly = TOP_ASSEMBLY): Promise<{ page: Page; errors: string[]; bomRequests: string[] }> {
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
        bomRequests.push(url.pathname + url.search);
      }
      await route.continue();
    });
    const response = await page.goto(server.base + assembly);
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
    assert.match(await page.locator('.bom-status').innerText(), /Expanded AQ300-2000: 6 EBOM lines/);
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
    assert.deepEqual(bomRequests, ['/oslc/sp/fcc/parts/P-000042/bom?bomView=EBOM', '/oslc/sp/fcc/parts/P-000044/bom?bomView=EBOM']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('EBOM and MBOM trees stay apart', async () => {
    const { page, errors, bomRequests } = await openAssembly(LANE_MODULE);
    const headings = page.locator('#bom h3');
    assert.deepEqual(await headings.allInnerTexts(), ['Engineering BOM (EBOM)', 'Manufacturing BOM (MBOM)']);
    const ebom = page.locator('#bom-ebom');
    const mbom = page.locator('#bom-mbom');
    assert.deepEqual(await visiblePartNumbers(ebom, 1), LANE_MODULE_LINES);
    assert.deepEqual(await visiblePartNumbers(mbom, 1), LANE_MODULE_MBOM_LINES);

    // The EBOM tree expands the lane processor card into its 22 EBOM lines, without the MBOM lines added above.
    const ebomCard = page.getByRole('button', { name: 'EBOM components of AQ300-2100' });
    await ebomCard.click();
    await ebom.locator('tbody tr[data-level="2"]:not([hidden])').first().waitFor({ timeout: 10_000 });
    const ebomSecondLevel = await visiblePartNumbers(ebom, 2);
    assert.equal(ebomSecondLevel.length, 22);
    assert.deepEqual(ebomSecondLevel.slice(0, LANE_PROCESSOR_FIRST_LINES.length), LANE_PROCESSOR_FIRST_LINES);
    assert.deepEqual(new Set(await visibleViewLabels(ebom, 2)), new Set(['EBOM']));
    assert.match(await page.locator('.bom-status').innerText(), /Expanded AQ300-2100: 22 EBOM lines/);

    // The MBOM tree expands the same card into its MBOM lines only.
    const mbomCard = page.getByRole('button', { name: 'MBOM components of AQ300-2100' });
    await mbomCard.focus();
    await page.keyboard.press('Enter');
    await mbom.locator('tbody tr[data-level="2"]:not([hidden])').first().waitFor({ timeout: 10_000 });
    assert.equal(await mbomCard.getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await visiblePartNumbers(mbom, 2), LANE_PROCESSOR_MBOM_LINES.map(([, , partNumber]) => partNumber));
    assert.deepEqual(await visibleViewLabels(mbom, 2), ['MBOM', 'MBOM']);
    assert.match(await page.locator('.bom-status').innerText(), /Expanded AQ300-2100: 2 MBOM lines/);

    // Expanding one tree leaves the other as it was.
    assert.equal((await visiblePartNumbers(ebom, 2)).length, 22);
    assert.deepEqual(await visiblePartNumbers(mbom, 1), LANE_MODULE_MBOM_LINES);
    await page.locator('#bom').screenshot({ path: join(ARTIFACTS, 'bom-tree-views.png') });

    assert.deepEqual(bomRequests, [`/${LANE_PROCESSOR}/bom?bomView=EBOM`, `/${LANE_PROCESSOR}/bom?bomView=MBOM`]);
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

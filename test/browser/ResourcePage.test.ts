import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserUnavailable, launchChromium } from '../helpers/Browser.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';

const skip = browserUnavailable();

describe('resource pages in Chromium', { skip }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('part page shows title, labelled properties and working links', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${server.base}oslc/sp/fcc/parts/P-000001`);
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()['content-type'] ?? '', /^text\/html/);

    assert.equal(await page.locator('h1').innerText(), 'FCC-300 Flight Control Computer Assembly');
    const partNumberRow = page.locator('tr', { has: page.locator('th', { hasText: 'Part Number' }) });
    assert.equal((await partNumberRow.locator('td').innerText()).trim(), 'FCC-300-000');
    const stateRow = page.locator('tr', { has: page.locator('th', { hasText: 'Lifecycle State' }) });
    assert.equal((await stateRow.locator('td').innerText()).trim(), 'Released');

    // Following a BOM line link in the BOM tree lands on the line's own page.
    await page.locator('table.bom-tree a', { hasText: 'BL-000001' }).click();
    await page.waitForURL(`${server.base}oslc/sp/fcc/bom-lines/BL-000001`);
    assert.equal(await page.locator('h1').innerText(), 'FCC-300-000 uses Processor Lane Module');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('markup in titles is shown as text, not run', async () => {
    const title = '<img src=x onerror="window.injected=1"><script>window.injected=2</script>';
    const created = await server.fetch('oslc/sp/fcc/parts', {
      method: 'POST',
      headers: { 'Content-Type': 'text/turtle' },
      body: `PREFIX dt: <https://w3id.org/digital-thread/ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
<> dcterms:title ${JSON.stringify(title)} ; dt:partNumber "XSS-1" ; dt:revision "A" ; dt:lifecycleState dt:InWork .`,
    });
    assert.equal(created.status, 201);

    const page = await browser.newPage();
    await page.goto(created.headers.get('location')!);
    assert.equal(await page.locator('h1').innerText(), title);
    assert.equal(await page.evaluate('window.injected'), undefined);
    assert.equal(await page.locator('main img').count(), 0);
    await page.close();
  });

  it('catalog and provider pages link to each other', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.base}oslc/catalog`);
    assert.equal(await page.locator('h1').innerText(), 'Digital Thread OSLC Catalog');
    await page.locator('a', { hasText: 'oslc/sp/eha' }).first().click();
    await page.waitForURL(`${server.base}oslc/sp/eha`);
    assert.equal(await page.locator('h1').innerText(), 'EHA-90 Electro-Hydrostatic Actuation');
    await page.close();
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserUnavailable, launchChromium } from '../helpers/Browser.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';

const skip = browserUnavailable();

describe('SPARQL page in Chromium', { skip }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer({ sample: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs an example query and shows results, with no request to other hosts', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== '127.0.0.1') {
        foreign.push(url.href);
        await route.abort();
        return;
      }
      await route.continue();
    });
    page.on('pageerror', (error) => errors.push(error.message));

    const response = await page.goto(`${server.base}sparql`);
    assert.equal(response?.status(), 200);
    await page.locator('.CodeMirror').first().waitFor({ timeout: 10_000 });

    // The editor highlights SPARQL keywords.
    assert.ok((await page.locator('.cm-keyword').count()) > 0, 'no highlighted keywords in the editor');

    await page.locator('button.example', { hasText: 'Open NCRs by part' }).click();
    await page.locator('.yasqe_queryButton').first().click();
    const firstRow = page.locator('.yasr table tbody tr').first();
    await firstRow.waitFor({ timeout: 15_000 });
    assert.ok((await page.locator('.yasr table tbody tr').count()) > 3, 'the results table has too few rows');
    assert.match(await page.locator('.yasr table thead').innerText(), /openNcrs/);

    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

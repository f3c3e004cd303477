import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserUnavailable, launchChromium } from '../helpers/Browser.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';

const skip = browserUnavailable();
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

describe('traceability page in Chromium', { skip }, () => {
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

  it('tabs, drill-down, sorting and filtering work', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${server.base}oslc/sp/fcc/traceability?standard=DO-178C&level=A`);

    // The gaps tab shows first; the other panels are hidden by the script.
    assert.equal(await page.locator('#gaps').isVisible(), true);
    assert.equal(await page.locator('#matrix').isVisible(), false);
    assert.equal(await page.locator('#gaps tbody tr').count(), 10);
    await page.screenshot({ path: join(ARTIFACTS, 'traceability-gaps.png') });

    await page.click('[data-tab="matrix"]');
    assert.equal(await page.locator('#matrix').isVisible(), true);
    const firstRow = page.locator('tr.requirement').first();
    const chain = page.locator(`#${await firstRow.getAttribute('data-chain')}`);
    assert.equal(await chain.isVisible(), false);
    await firstRow.locator('td').nth(1).click();
    assert.equal(await chain.isVisible(), true);
    assert.match(await chain.innerText(), /Design[\s\S]*Code[\s\S]*Tests/);
    await page.screenshot({ path: join(ARTIFACTS, 'traceability-chain.png'), clip: { x: 0, y: 300, width: 1400, height: 400 } });

    // Sorting by status puts untested requirements first, chain rows stay with their requirement.
    await page.click('#matrix-table th:has-text("Status")');
    assert.equal(await page.locator('tr.requirement').first().locator('.pill').last().innerText(), 'Untested');
    await page.click('#matrix-table th:has-text("Status")');
    assert.equal(await page.locator('tr.requirement').first().locator('.pill').last().innerText(), 'Traced');
    const rows = await page.locator('#matrix-table tbody tr').evaluateAll((elements) => elements.map((element) => element.className));
    rows.forEach((className, position) => {
      if (className === 'chain') assert.match(rows[position - 1]!, /requirement/);
    });
    await page.screenshot({ path: join(ARTIFACTS, 'traceability-matrix.png') });

    await page.fill('.table-filter', 'Yaw damper');
    assert.equal(await page.locator('tr.requirement:visible').count(), 1);
    await page.fill('.table-filter', '');

    await page.click('[data-tab="objectives"]');
    assert.ok((await page.locator('#objectives tbody tr').count()) > 100);
    await page.screenshot({ path: join(ARTIFACTS, 'traceability-objectives.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('filter form reloads with the chosen level', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.base}oslc/sp/fcc/traceability`);
    await page.selectOption('select[name="level"]', 'C');
    await Promise.all([page.waitForURL(/level=C/), page.click('button[type="submit"]')]);
    const levels = await page.locator('#matrix-table tbody tr.requirement td:nth-child(3)').allInnerTexts();
    assert.ok(levels.length > 0);
    assert.ok(levels.every((level) => level === 'C'));
    await page.close();
  });
});

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { browserUnavailable, launchChromium } from '../helpers/Browser.js';
import { startHostPage, type HostPage } from '../helpers/HostPage.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';

const skip = browserUnavailable();
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Waits until the host page has received `count` messages and returns them. */
async function receivedMessages(page: Page, count = 1): Promise<{ origin: string; data: string }[]> {
  await page.waitForFunction((expected) => (globalThis as unknown as { received: unknown[] }).received.length >= expected, count, { timeout: 10_000 });
  return page.evaluate(() => (globalThis as unknown as { received: { origin: string; data: string }[] }).received);
}

async function dialogFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe#dialog');
  const frame = await handle.contentFrame();
  assert.ok(frame, 'the dialog iframe has a frame');
  await frame.waitForSelector('main');
  return frame;
}

/** Ticks the row of `identifier` in the results table once the table shows it. */
async function selectRow(frame: Frame, identifier: string): Promise<void> {
  const row = frame.locator('#results tbody tr', { has: frame.locator('td.identifier', { hasText: identifier }) });
  await row.waitFor();
  await row.locator('input').check();
}

describe('delegated dialogs in Chromium', { skip }, () => {
  let server: TestServer;
  let host: HostPage;
  let stranger: HostPage;
  let browser: Browser;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    host = await startHostPage();
    stranger = await startHostPage();
    server = await startTestServer({ config: { frameOrigins: [host.origin] } });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await host?.close();
    await stranger?.close();
  });

  const partIri = (identifier: string): string => `${server.base}oslc/sp/fcc/parts/${identifier}`;

  it('selection posts two chosen parts to the host', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.url('/host.html', `${server.base}oslc/sp/fcc/parts/selector#oslc-core-postMessage-1.0`));
    const frame = await dialogFrame(page);

    // Empty search terms list the first page: all three parts of the fixture.
    await frame.locator('#status', { hasText: 'Showing 1–3 of 3' }).waitFor();
    assert.deepEqual(await frame.locator('#results td.identifier').allInnerTexts(), ['P-000001', 'P-000002', 'P-000003']);

    // Search is case-insensitive on identifier and title; choices survive a new search.
    await frame.locator('#search').fill('LANE');
    await frame.locator('#status', { hasText: 'Showing 1–1 of 1' }).waitFor();
    await selectRow(frame, 'P-000002');
    await frame.locator('#search').fill('screw');
    await frame.locator('#results td.identifier', { hasText: 'P-000003' }).waitFor();
    await selectRow(frame, 'P-000003');
    assert.equal(await frame.locator('#selection-count').innerText(), '2 selected');
    await page.screenshot({ path: join(ARTIFACTS, 'selection-dialog.png') });

    await frame.locator('#ok').click();
    const messages = await receivedMessages(page);
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.origin, new URL(server.base).origin);
    assert.equal(
      messages[0]!.data,
      `oslc-response:${JSON.stringify({
        'oslc:results': [
          { 'oslc:label': 'P-000002: Processor Lane Module', 'rdf:resource': partIri('P-000002') },
          { 'oslc:label': 'P-000003: Hex Socket Cap Screw NAS1352-08-6', 'rdf:resource': partIri('P-000003') },
        ],
      })}`,
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('selection without fragment uses postMessage', async () => {
    const page = await browser.newPage();
    await page.goto(host.url('/host.html', `${server.base}oslc/sp/fcc/parts/selector`));
    const frame = await dialogFrame(page);
    await selectRow(frame, 'P-000001');
    await frame.locator('#ok').click();
    const messages = await receivedMessages(page);
    const results = JSON.parse(messages[0]!.data.slice('oslc-response:'.length))['oslc:results'];
    assert.deepEqual(results, [{ 'oslc:label': 'P-000001: FCC-300 Flight Control Computer Assembly', 'rdf:resource': partIri('P-000001') }]);
    await page.close();
  });

  it('cancel posts an empty result', async () => {
    const page = await browser.newPage();
    await page.goto(host.url('/host.html', `${server.base}oslc/sp/fcc/ncrs/selector#oslc-core-postMessage-1.0`));
    const frame = await dialogFrame(page);
    await frame.locator('#cancel').click();
    const messages = await receivedMessages(page);
    assert.equal(messages[0]!.data, 'oslc-response:{"oslc:results":[]}');
    await page.close();
  });

  it('Escape cancels like the Cancel button', async () => {
    const page = await browser.newPage();
    await page.goto(host.url('/host.html', `${server.base}oslc/sp/fcc/parts/selector#oslc-core-postMessage-1.0`));
    const frame = await dialogFrame(page);
    await frame.locator('#search').press('Escape');
    const messages = await receivedMessages(page);
    assert.equal(messages[0]!.data, 'oslc-response:{"oslc:results":[]}');
    await page.close();
  });

  it('Escape in a creation picker closes only the picker', async () => {
    const page = await browser.newPage();
    await page.goto(host.url('/host.html', `${server.base}oslc/sp/fcc/ncrs/creator#oslc-core-postMessage-1.0`));
    const frame = await dialogFrame(page);
    await frame.locator('[data-field=affectsPart] .pick').click();
    const picker = await (await frame.waitForSelector('#picker-frame')).contentFrame();
    assert.ok(picker);
    await picker.locator('#results td.identifier').first().waitFor();
    await picker.locator('#search').press('Escape');
    await frame.locator('#picker').waitFor({ state: 'hidden' });
    assert.equal(await frame.locator('#chips-affectsPart li').count(), 0);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { received: unknown[] }).received.length), 0);
    await page.close();
  });

  const WINDOW_NAMES: [name: string, windowName: string, banner: RegExp][] = [
    ['no return URL', '', /without a return URL/],
    ['a return URL on an unlisted origin', 'https://unlisted.example.org/return', /not on an origin allowed to receive results/],
  ];
  for (const [name, windowName, banner] of WINDOW_NAMES) {
    it(`windowName dialog with ${name} says so when it opens`, async () => {
      const page = await browser.newPage();
      await page.goto('about:blank');
      await page.evaluate((value) => {
        (globalThis as unknown as { name: string }).name = value;
      }, windowName);
      await page.goto(`${server.base}oslc/sp/fcc/parts/selector#oslc-core-windowName-1.0`);
      await page.locator('#protocol-error').waitFor({ state: 'visible' });
      assert.match(await page.locator('#protocol-error').innerText(), banner);
      await page.close();
    });
  }

  it('filters come from the shape', async () => {
    const page = await browser.newPage();
    await page.goto(host.url('/host.html', `${server.base}oslc/sp/fcc/ncrs/selector`));
    const frame = await dialogFrame(page);
    assert.deepEqual(await frame.locator('#filters label').allInnerTexts(), ['Status', 'Severity', 'Disposition', 'Export Control']);
    assert.deepEqual(await frame.locator('#filter-severity option').allInnerTexts(), ['Any', 'Minor', 'Major', 'Critical']);

    await frame.locator('#status', { hasText: 'Showing 1–1 of 1' }).waitFor();
    await frame.locator('#filter-severity').selectOption({ label: 'Critical' });
    await frame.locator('#status', { hasText: 'No Non-Conformance Report resources match.' }).waitFor();
    await frame.locator('#filter-severity').selectOption({ label: 'Major' });
    await frame.locator('#status', { hasText: 'Showing 1–1 of 1' }).waitFor();
    assert.deepEqual(await frame.locator('#results tbody tr td:nth-child(4)').allInnerTexts(), ['Open']);
    await page.close();
  });

  it('opened window posts to its opener', async () => {
    const page = await browser.newPage();
    await page.goto(host.url('/opener.html', `${server.base}oslc/sp/fcc/parts/selector?selection=single#oslc-core-postMessage-1.0`));
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#open').click()]);
    await popup.waitForSelector('#results td.identifier');
    assert.equal(await popup.locator('#results input[type=radio]').count(), 3);
    await popup.locator('#results tbody tr', { hasText: 'P-000003' }).dblclick();
    const messages = await receivedMessages(page);
    assert.equal(JSON.parse(messages[0]!.data.slice('oslc-response:'.length))['oslc:results'][0]['rdf:resource'], partIri('P-000003'));
    await page.close();
  });

  it('windowName protocol navigates to the return URL', async () => {
    const page = await browser.newPage();
    await page.goto(host.url('/window-name.html', `${server.base}oslc/sp/fcc/parts/selector#oslc-core-windowName-1.0`));
    const frame = await dialogFrame(page);
    await selectRow(frame, 'P-000002');
    await frame.locator('#ok').click();
    await page.waitForFunction(() => (globalThis as unknown as { windowNameResult?: string }).windowNameResult !== undefined, undefined, { timeout: 10_000 });
    const result = await page.evaluate(() => (globalThis as unknown as { windowNameResult: string }).windowNameResult);
    assert.equal(result, JSON.stringify({ 'oslc:results': [{ 'oslc:label': 'P-000002: Processor Lane Module', 'rdf:resource': partIri('P-000002') }] }));
    await page.close();
  });

  it('unlisted origin cannot frame the dialog', async () => {
    const page = await browser.newPage();
    await page.goto(stranger.url('/host.html', `${server.base}oslc/sp/fcc/parts/selector`));
    const handle = await page.waitForSelector('iframe#dialog');
    const frame = await handle.contentFrame();
    // Chromium replaces a frame blocked by frame-ancestors with an error page that has no dialog in it.
    await page.waitForTimeout(500);
    assert.equal(await frame?.locator('#results').count(), 0);
    await page.close();
  });

  it('creation shows field errors, then creates an NCR', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.url('/host.html', `${server.base}oslc/sp/fcc/ncrs/creator#oslc-core-postMessage-1.0`));
    const frame = await dialogFrame(page);

    // The controls follow the shape: enumerations as selects, numbers as number inputs, dates as dates.
    assert.equal(await frame.locator('#field-status').evaluate((element) => element.tagName), 'SELECT');
    assert.equal(await frame.locator('#field-quantityAffected').getAttribute('type'), 'number');
    assert.equal(await frame.locator('#field-closeDate').getAttribute('type'), 'datetime-local');
    assert.equal(await frame.locator('[data-field=title] .required').count(), 1);
    assert.equal(await frame.locator('[data-field=lotNumber] .required').count(), 0);

    // Title alone is not enough: the shape requires status, severity, defect code and an affected part.
    await frame.locator('#field-title').fill('Connector pin recession on J12');
    await frame.locator('#create').click();
    await frame.locator('#error-status').waitFor({ state: 'visible' });
    assert.match(await frame.locator('#error-status').innerText(), /Status/);
    assert.equal(await frame.locator('#error-affectsPart').isVisible(), true);
    assert.equal(await frame.locator('#field-status').getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: join(ARTIFACTS, 'creation-dialog-errors.png') });

    await frame.locator('#field-status').selectOption({ label: 'Open' });
    await frame.locator('#field-severity').selectOption({ label: 'Major' });
    await frame.locator('#field-defectCode').fill('DIM-07');
    await frame.locator('#field-quantityAffected').fill('3');

    // The affected part comes from the embedded picker, which is the part selection dialog.
    await frame.locator('[data-field=affectsPart] .pick').click();
    const pickerHandle = await frame.waitForSelector('#picker-frame');
    const picker = await pickerHandle.contentFrame();
    assert.ok(picker);
    await selectRow(picker, 'P-000002');
    await page.screenshot({ path: join(ARTIFACTS, 'creation-dialog-picker.png') });
    await picker.locator('#ok').click();
    await frame.locator('#chips-affectsPart li', { hasText: 'P-000002: Processor Lane Module' }).waitFor();
    // Every field error is fixed, so the summary banner has gone too.
    assert.equal(await frame.locator('#form-errors').isVisible(), false);
    assert.equal(await frame.locator('.field-error:visible').count(), 0);
    await page.screenshot({ path: join(ARTIFACTS, 'creation-dialog-filled.png') });

    await frame.locator('#create').click();
    const messages = await receivedMessages(page);
    const results = JSON.parse(messages[0]!.data.slice('oslc-response:'.length))['oslc:results'] as { 'oslc:label': string; 'rdf:resource': string }[];
    assert.equal(results.length, 1);
    assert.match(results[0]!['rdf:resource'], new RegExp(`^${server.base}oslc/sp/fcc/ncrs/NCR-\\d+$`));
    const identifier = results[0]!['rdf:resource'].split('/').pop();
    assert.equal(results[0]!['oslc:label'], `${identifier}: Connector pin recession on J12`);

    const created = await server.fetch(results[0]!['rdf:resource'], { headers: { Accept: 'application/n-triples' } });
    assert.equal(created.status, 200);
    const body = await created.text();
    assert.match(body, /<http:\/\/open-services\.net\/ns\/cm#status> "Open"/);
    assert.match(body, new RegExp(`<http://open-services.net/ns/plm#affectsPart> <${partIri('P-000002')}>`));
    assert.match(body, /<https:\/\/w3id\.org\/digital-thread\/ns#quantityAffected> "3"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#integer>/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('creation dialog opened on its own creates once and links the result', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.base}oslc/sp/fcc/parts/creator`);
    await page.locator('#field-title').fill('Standalone bracket');
    await page.locator('#field-partNumber').fill('SB-100');
    await page.locator('#field-revision').fill('A');
    await page.locator('#field-lifecycleState').selectOption({ label: 'In Work' });
    await page.locator('#create').click();

    const notice = page.locator('#form-notice');
    await notice.waitFor({ state: 'visible' });
    assert.match(await notice.innerText(), /^Created P-\d+: Standalone bracket\. This dialog was opened on its own/);
    const href = await notice.locator('a').getAttribute('href');
    assert.match(href ?? '', new RegExp(`^${server.base}oslc/sp/fcc/parts/P-\\d+$`));
    // The form is locked, so a second press cannot make a duplicate.
    assert.equal(await page.locator('#create').isDisabled(), true);
    assert.equal(await page.locator('#field-title').isDisabled(), true);
    await page.close();
  });

  it('creation dialog opened by an unlisted origin refuses before anything is created', async () => {
    const page = await browser.newPage();
    await page.goto(stranger.url('/opener.html', `${server.base}oslc/sp/fcc/ncrs/creator#oslc-core-postMessage-1.0`));
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#open').click()]);
    await popup.locator('#protocol-error').waitFor({ state: 'visible' });
    assert.match(await popup.locator('#protocol-error').innerText(), new RegExp(`The page at ${stranger.origin} is not allowed to receive results`));
    assert.equal(await popup.locator('#create').isDisabled(), true);
    await page.close();
  });

  it('prefilled creation dialog shows posted values', async () => {
    const posted = await server.fetch('oslc/sp/fcc/ncrs/creator', {
      method: 'POST',
      headers: { 'Content-Type': 'text/turtle' },
      body: `PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oslc_plm: <http://open-services.net/ns/plm#>
PREFIX dt: <https://w3id.org/digital-thread/ns#>
<> dcterms:title "Burr on bracket edge" ; dt:severity dt:Minor ; oslc_plm:affectsPart <${partIri('P-000003')}> .`,
    });
    assert.equal(posted.status, 201);
    const location = posted.headers.get('location')!;

    const page = await browser.newPage();
    await page.goto(host.url('/host.html', location));
    const frame = await dialogFrame(page);
    assert.equal(await frame.locator('#field-title').inputValue(), 'Burr on bracket edge');
    assert.equal(await frame.locator('#field-severity').inputValue(), 'https://w3id.org/digital-thread/ns#Minor');
    assert.equal(await frame.locator('#chips-affectsPart li span').innerText(), 'P-000003: Hex Socket Cap Screw NAS1352-08-6');
    await page.close();
  });
});

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { browserUnavailable, launchChromium } from '../helpers/Browser.js';
import { startHostPage, type HostPage } from '../helpers/HostPage.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/OidcProvider.js';
import { freePort, startTestServer, type TestServer } from '../helpers/TestServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const skip = browserUnavailable();

/** The sample's ITAR part "Manifold body, machined"; its unmarked revision B is P-000047's twin in title only. */
const ITAR_PART = 'P-000046';
const SELECTOR = 'oslc/sp/eha/parts/selector';

interface Me {
  id: string;
  name: string;
  method: string;
  roles: string[];
  clearances: string[];
}

describe('OpenID Connect login in Chromium', { skip }, () => {
  const directory = temporaryDirectory('dt-login-');
  let provider: TestOidcProvider;
  let server: TestServer;
  let host: HostPage;
  let browser: Browser;

  before(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/`;
    provider = await startOidcProvider({ serverBase: base, audience: base });
    host = await startHostPage();
    const secretFile = join(directory.path, 'client-secret');
    writeFileSync(secretFile, provider.clientSecret);
    server = await startTestServer({
      sample: true,
      config: {
        port: String(port),
        oidcIssuer: provider.issuer,
        oidcClientId: provider.clientId,
        oidcClientSecretFile: secretFile,
        oidcScope: 'openid profile dt',
        frameOrigins: [host.origin],
      },
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await provider?.stop();
    await host?.close();
    directory.remove();
  });

  /** Signs in at the provider's login page as `user` and confirms consent when the provider asks. */
  async function signIn(page: Page, user: string): Promise<void> {
    await page.waitForURL((url) => url.href.startsWith(provider.issuer), { timeout: 10_000 });
    await page.locator('input[name="login"]').fill(user);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    for (let step = 0; step < 3 && page.url().startsWith(provider.issuer); step++) {
      await page.waitForLoadState();
      const submit = page.locator('button[type="submit"]');
      if (page.url().startsWith(provider.issuer) && (await submit.count()) > 0) {
        await submit.first().click();
      }
      await page.waitForURL((url) => !url.href.startsWith(provider.issuer) || url.pathname.includes('/interaction/'), { timeout: 10_000 });
    }
    await page.waitForURL((url) => url.href.startsWith(server.base), { timeout: 10_000 });
  }

  async function me(context: BrowserContext): Promise<Me> {
    const response = await context.request.get(`${server.base}auth/me`);
    return (await response.json()) as Me;
  }

  /** Searches in a selection dialog and returns the identifiers listed once the status shows the search's result. */
  async function searchResults(frame: Page | Frame, text: string): Promise<string[]> {
    const status = frame.locator('#status');
    await status.filter({ hasText: /Showing|No / }).waitFor();
    const before = await status.innerText();
    await frame.locator('#search').fill(text);
    await frame.waitForFunction((previous) => (globalThis as unknown as { document: { querySelector(selector: string): { textContent: string } | null } }).document.querySelector('#status')?.textContent !== previous, before, { timeout: 10_000 });
    await status.filter({ hasText: /Showing|No / }).waitFor();
    return frame.locator('#results td.identifier').allInnerTexts();
  }

  it('login leads to the selection dialog', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const authorizationRequests: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.url().startsWith(provider.issuer) && url.searchParams.has('response_type')) {
        authorizationRequests.push(url);
      }
    });
    await page.goto(`${server.base}${SELECTOR}`);
    await signIn(page, 'alice');

    // RFC 7636: the authorization request carries an S256 code challenge, with state and an OpenID Connect nonce.
    const authorization = authorizationRequests[0]!;
    assert.equal(authorization.searchParams.get('response_type'), 'code');
    assert.equal(authorization.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorization.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok((authorization.searchParams.get('state') ?? '').length >= 16);
    assert.ok((authorization.searchParams.get('nonce') ?? '').length >= 16);
    assert.equal(page.url(), `${server.base}${SELECTOR}`, 'back at the page that needed the login');
    await page.waitForSelector('main');

    const identity = await me(context);
    assert.equal(identity.id, 'alice');
    assert.equal(identity.name, 'Alice Engineer');
    assert.equal(identity.method, 'oidc-session');
    assert.deepEqual(identity.roles, ['engineer']);
    assert.deepEqual(identity.clearances, ['ITAR']);

    const cookie = (await context.cookies(server.base)).find((candidate) => candidate.name === 'dt.sid');
    assert.ok(cookie !== undefined, 'a session cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');

    assert.ok((await searchResults(page, 'Manifold')).includes(ITAR_PART), 'ITAR clearance lists the ITAR part');
    await context.close();
  });

  it('framed dialog posts a selection', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.base}auth/login?returnTo=${encodeURIComponent('/auth/me')}`);
    await signIn(page, 'alice');

    await page.goto(host.url('/host.html', `${server.base}${SELECTOR}#oslc-core-postMessage-1.0`));
    const frame = (await (await page.waitForSelector('iframe#dialog')).contentFrame())!;
    await frame.waitForSelector('main');
    assert.ok((await searchResults(frame, 'Manifold')).includes(ITAR_PART));
    const row = frame.locator('#results tbody tr', { has: frame.locator('td.identifier', { hasText: ITAR_PART }) });
    await row.locator('input').check();
    await frame.locator('#ok').click();
    await page.waitForFunction(() => (globalThis as unknown as { received: unknown[] }).received.length > 0, undefined, { timeout: 10_000 });
    const messages = await page.evaluate(() => (globalThis as unknown as { received: { data: string }[] }).received);
    const results = JSON.parse(messages[0]!.data.slice('oslc-response:'.length))['oslc:results'] as { 'rdf:resource': string }[];
    assert.deepEqual(results.map((result) => result['rdf:resource']), [`${server.base}oslc/sp/eha/parts/${ITAR_PART}`]);
    await context.close();
  });

  it('uncleared user does not see ITAR', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.base}${SELECTOR}`);
    await signIn(page, 'bob');
    await page.waitForSelector('main');
    assert.deepEqual((await me(context)).clearances, []);
    const identifiers = await searchResults(page, 'Manifold');
    assert.ok(!identifiers.includes(ITAR_PART), `bob sees ${identifiers.join(', ')}`);
    const direct = await context.request.get(`${server.base}oslc/sp/eha/parts/${ITAR_PART}`, { headers: { Accept: 'text/turtle' } });
    assert.equal(direct.status(), 404);
    await context.close();
  });

  it('logout ends the session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.base}auth/login`);
    await signIn(page, 'carol');
    assert.equal((await me(context)).id, 'carol');
    const logout = await context.request.post(`${server.base}auth/logout`, { headers: { Origin: new URL(server.base).origin }, maxRedirects: 0 });
    assert.equal(logout.status(), 302);
    assert.ok(logout.headers().location?.startsWith(`${provider.issuer}/`), 'on to the provider logout');
    assert.equal((await me(context)).method, 'anonymous');
    await context.close();
  });

  it('login with a forged state fails', async () => {
    const response = await server.fetch('auth/callback?code=forged&state=forged', { headers: { 'X-Request-Id': 'forged-login' }, redirect: 'manual' });
    assert.equal(response.status, 401);
    assert.match(await response.text(), /Login failed/);
  });

  it('logins and failures are audited', async () => {
    await server.server.context.audit.flush();
    const entries = readFileSync(join(server.dataDirectory, 'audit.jsonl'), 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { action: string; user: string; requestId: string; resource: string; authFailure?: string });
    const logins = entries.filter((entry) => entry.action === 'login').map((entry) => entry.user);
    assert.deepEqual([...new Set(logins)].sort(), ['alice', 'bob', 'carol']);
    const failed = entries.find((entry) => entry.requestId === 'forged-login')!;
    assert.equal(failed.action, 'login.failed');
    assert.match(failed.authFailure ?? '', /state/);
    assert.ok(entries.some((entry) => entry.action === 'logout' && entry.user === 'carol'));
    assert.ok(!entries.some((entry) => entry.resource.includes('code=') && !entry.resource.includes('code=***')), 'no authorization codes');
  });
});

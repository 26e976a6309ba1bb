import AxeBuilder from '@axe-core/playwright';
import { sealSession, submitLoginForm } from './fixtures.ts';
import { expect, test, type Page } from '@playwright/test';
import { E2E } from './servers.ts';
import { emailsTo } from './inbox.ts';

const json = (origin: string) => ({ origin, 'content-type': 'application/json' });

test.describe('SMTP refusing connections', () => {
  const target = E2E.smtpDown;

  test('a request is a 503 with nothing left half-done', async ({ request }) => {
    const email = `smtp-down-${Date.now()}@example.com`;
    const response = await request.post(`${target.appUrl}/api/auth/passwordless`, {
      headers: json(target.appUrl),
      data: { email },
    });
    expect(response.status()).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('upstream_unavailable');
    expect(response.headers()['set-cookie']).toBeUndefined();
    expect(await emailsTo(target.emulatorUrl, email)).toEqual([]);
  });

  test('the form shows a readable error', async ({ page }) => {
    await submitLoginForm(page, `smtp-form-${Date.now()}@example.com`, `${target.appUrl}/login`);
    await expect(page.locator('.alert.error')).toContainText('could not send your sign-in link right now');
  });
});

test.describe('Upstash unreachable', () => {
  const target = E2E.redisDown;

  test('requests are denied quickly (fail closed), never a 500', async ({ request }) => {
    const started = Date.now();
    const response = await request.post(`${target.appUrl}/api/auth/passwordless`, {
      headers: json(target.appUrl),
      data: { email: `redis-down-${Date.now()}@example.com` },
    });
    expect(response.status()).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('upstream_unavailable');
    // Bounded by RATE_LIMIT_TIMEOUT_MS (1 s) rather than the client's multi-second retry loop.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a callback fails cleanly', async ({ request }) => {
    const response = await request.get(
      `${target.appUrl}/api/auth/callback?code=abc&state=${'a'.repeat(43)}`,
      { maxRedirects: 0 },
    );
    // Neither the limit nor the attempt can be read: the person is sent back to sign in again.
    expect(response.status()).toBe(303);
    expect(response.headers()['location']).toBe('/login?error=auth_failed');
  });

  test('a session that cannot be checked for revocation is treated as signed out', async ({ request }) => {
    const value = await sealSession({ email: 'down@example.com' }, target.appUrl);
    const response = await request.get(`${target.appUrl}/dashboard`, {
      headers: { cookie: `session=${value}` },
      maxRedirects: 0,
    });
    // The middleware's first gate lets a well-sealed cookie through (it makes no network calls);
    // the page's own check cannot reach the revocation list and redirects (Next's redirect(): 307).
    expect(response.status()).toBe(307);
    expect(response.headers()['location']).toBe('/login?returnTo=%2Fdashboard');
  });
});

test.describe('sign-out while Upstash is unreachable', () => {
  const target = E2E.redisDown;

  test('clears the cookie and says the session could not be ended everywhere (no 500)', async ({
    request,
  }) => {
    const value = await sealSession({ email: 'signout-down@example.com' }, target.appUrl);
    const response = await request.post(`${target.appUrl}/api/auth/logout`, {
      headers: { origin: target.appUrl, cookie: `session=${value}` },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
    expect(response.headers()['location']).toBe('/login?signout=incomplete');
    expect(response.headers()['cache-control']).toContain('no-store');
    const cookies = response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === 'set-cookie')
      .map((h) => h.value);
    expect(cookies.find((c) => c.startsWith('session='))).toMatch(/^session=;.*Max-Age=0/i);
    // The id waits in this browser, sealed and HttpOnly, for the next sign-out to record it.
    const pending = cookies.find((c) => c.startsWith('pl_revoke=')) ?? '';
    expect(pending).toMatch(/^pl_revoke=Fe26\.2\*/);
    for (const flag of ['HttpOnly', 'SameSite=lax', 'Path=/']) expect(pending).toContain(flag);
    expect(Number(/Max-Age=(\d+)/i.exec(pending)?.[1])).toBeGreaterThan(3000);
  });

  test('the login page tells the truth and offers a retry that works without JavaScript', async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const value = await sealSession({ email: 'signout-page@example.com' }, target.appUrl);
    await context.addCookies([{ name: 'session', value, url: target.appUrl }]);
    const response = await context.request.post(`${target.appUrl}/api/auth/logout`, {
      headers: { origin: target.appUrl },
    });
    expect(new URL(response.url()).search).toBe('?signout=incomplete');
    expect((await context.cookies()).map((c) => c.name)).toEqual(['pl_revoke']);
    const page = await context.newPage();
    await page.goto(`${target.appUrl}/login?signout=incomplete`);
    const status = page.getByRole('status');
    await expect(status).toContainText(
      'You are signed out in this browser, but we could not end the session',
    );
    // axe runs as a script: scan the same page in a browser with JavaScript and the same cookie.
    const withJs = await browser.newContext();
    await withJs.addCookies(await context.cookies());
    const scanned = await withJs.newPage();
    await scanned.goto(`${target.appUrl}/login?signout=incomplete`);
    await expect(scanned.getByRole('button', { name: 'End the session everywhere' })).toBeVisible();
    await expectNoViolations(scanned);
    await withJs.close();
    // The URL does not decide: without a pending id the page says it is done.
    const fresh = await browser.newPage();
    await fresh.goto(`${target.appUrl}/login?signout=incomplete`);
    await expect(fresh.getByRole('status')).toHaveText('You are signed out.');
    await fresh.close();
    // Retrying while the store is still down: the same truthful answer, the id still kept.
    await page.getByRole('button', { name: 'End the session everywhere' }).click();
    await expect(page).toHaveURL(/\/login\?signout=incomplete$/);
    await expect(page.getByRole('status')).toContainText('could not end the session everywhere');
    expect((await context.cookies()).map((c) => c.name)).toEqual(['pl_revoke']);
    await context.close();
  });
});

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

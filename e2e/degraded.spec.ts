import { sealSession, submitLoginForm } from './fixtures.ts';
import { expect, test } from '@playwright/test';
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
    // The attempt cannot be read: the person is sent back to sign in again, with the sentence.
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

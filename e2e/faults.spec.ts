import { expect, freshEmail, openLink, submitLoginForm, test } from './fixtures.ts';
import { clearFaults, injectFault, magicLink } from './inbox.ts';

// Faults are global to an emulator, so this file runs in its own project after the others
// (playwright.config.ts), one test at a time.
test.describe.configure({ mode: 'serial' });

test.afterEach(async ({ target }) => clearFaults(target.emulatorUrl));

test('WorkOS failing to create the session is a friendly, retryable error', async ({ page, target }) => {
  // The app retries once, so two failures in a row reach the person.
  await injectFault(target.emulatorUrl, {
    method: 'POST',
    path: '/passwordless/sessions',
    status: 500,
    times: 2,
  });
  const email = freshEmail('fault');
  await submitLoginForm(page, email);
  await expect(page).toHaveURL(/\/login\?error=upstream_unavailable/);
  await expect(page.locator('.alert.error')).toContainText('could not send your sign-in link right now');
  // Nothing half-done: trying again works and signs in.
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/login\/check-email$/);
  await openLink(page, await magicLink(target.emulatorUrl, email));
  await expect(page.getByTestId('user-email')).toHaveText(email);
});

test('a JSON client gets 503 upstream_unavailable when WorkOS is down', async ({ request, target }) => {
  await injectFault(target.emulatorUrl, { path: '/passwordless/sessions', status: 503, times: 4 });
  const response = await request.post('/api/auth/passwordless', {
    headers: { origin: target.appUrl, 'content-type': 'application/json' },
    data: { email: freshEmail('fault-json') },
  });
  expect(response.status()).toBe(503);
  expect(await response.json()).toEqual({
    success: false,
    error: { code: 'upstream_unavailable', message: expect.stringContaining('try again') },
  });
});

test('WorkOS rate limiting is passed on as 429 with Retry-After', async ({ request, target }) => {
  await injectFault(target.emulatorUrl, { path: '/passwordless/sessions', status: 429, times: 2 });
  const response = await request.post('/api/auth/passwordless', {
    headers: { origin: target.appUrl, 'content-type': 'application/json' },
    data: { email: freshEmail('fault-429') },
  });
  expect(response.status()).toBe(429);
  expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
});

test('a failed code exchange ends on a clear error page', async ({ page, target }) => {
  const email = freshEmail('fault-token');
  await submitLoginForm(page, email);
  await expect(page).toHaveURL(/\/login\/check-email$/);
  const link = await magicLink(target.emulatorUrl, email);
  await injectFault(target.emulatorUrl, { method: 'POST', path: '/sso/token', status: 500, times: 2 });
  await openLink(page, link);
  await expect(page).toHaveURL(/\/login\?error=auth_failed$/);
  await expect(page.locator('.alert.error')).toContainText('could not sign you in');
});

test('a slow WorkOS delays the answer but does not break it', async ({ request, target }) => {
  await injectFault(target.emulatorUrl, { method: 'POST', path: '/passwordless/sessions', delayMs: 1500 });
  const started = Date.now();
  const response = await request.post('/api/auth/passwordless', {
    headers: { origin: target.appUrl, 'content-type': 'application/json' },
    data: { email: freshEmail('fault-slow') },
  });
  expect(response.status()).toBe(200);
  // The delay did happen (a fault that matched nothing would pass the line above too).
  expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
});

test('WorkOS failing to send the email is a friendly error', async ({ page, target }) => {
  await injectFault(target.emulatorUrl, {
    method: 'POST',
    path: '/passwordless/sessions/',
    status: 500,
    times: 2,
  });
  await submitLoginForm(page, freshEmail('fault-send'));
  await expect(page.locator('.alert.error')).toContainText('could not send your sign-in link right now');
});

test('a send that outlives the budget leaves no working link behind', async ({ page, target }) => {
  // WorkOS sends the email only after the app has given up (the budget is 6 s).
  await injectFault(target.emulatorUrl, { method: 'POST', path: '/passwordless/sessions/', delayMs: 8_000 });
  const email = freshEmail('fault-late-send');
  await submitLoginForm(page, email);
  await expect(page.locator('.alert.error')).toContainText('could not send your sign-in link right now', {
    timeout: 10_000,
  });
  // The email still arrives; its link only ever says "expired", never signs in.
  await openLink(page, await magicLink(target.emulatorUrl, email));
  await expect(page).toHaveURL(/\/login\?error=expired$/);
  await expect(page.locator('.alert.error')).toContainText('expired or was already used');
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?returnTo=%2Fdashboard$/);
});

// The WorkOS boundary under faults (docs/workos-contract.md, "Error mapping" and "Time budget"):
// every WorkOS answer maps to one honest outcome, and a stalled WorkOS is answered within the
// budget. Faults are global to an emulator: this file runs alone against the Upstash copy's
// emulator (playwright.config.ts), one test at a time.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expectLogged, logMark } from './app-log.ts';
import { expect, freshEmail, test } from './fixtures.ts';
import { clearFaults, injectFault } from './inbox.ts';
import { getWith, locationOf, startFlow } from './raw-http.ts';

test.describe.configure({ mode: 'serial' });
test.afterEach(async ({ target }) => clearFaults(target.emulatorUrl));

const ORG_EXAMPLE = 'org_01JEXAMPE0RG00000000000001';
/** The default WORKOS_BUDGET_MS the e2e servers run with. */
const BUDGET_MS = 6_000;

async function errorOf(response: APIResponse): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

function signIn(request: APIRequestContext, appUrl: string, path = '') {
  return (email: string) =>
    request.post(`/api/auth/passwordless${path}`, {
      headers: { origin: appUrl, 'content-type': 'application/json' },
      data: { email },
    });
}

test('a WorkOS stall of 30 s is answered within the budget with a friendly 503', async ({
  request,
  target,
}) => {
  await injectFault(target.emulatorUrl, { method: 'POST', path: '/passwordless/sessions', delayMs: 30_000 });
  const mark = logMark(target);
  const started = Date.now();
  const response = await signIn(request, target.appUrl)(freshEmail('stall'));
  const elapsed = Date.now() - started;
  expect(response.status()).toBe(503);
  expect(await errorOf(response)).toBe('upstream_unavailable');
  // Within the budget (plus the rate-limit check and the store), nowhere near the 30 s stall.
  expect(elapsed).toBeGreaterThanOrEqual(BUDGET_MS - 500);
  expect(elapsed).toBeLessThan(BUDGET_MS + 3_000);
  await expectLogged(target, mark, { event: 'auth.request_failed', reason: 'workos_timeout' });
});

test('Retry-After from WorkOS reaches clients parsed and clamped', async ({ request, target }) => {
  const post = signIn(request, target.appUrl);
  await injectFault(target.emulatorUrl, {
    path: '/passwordless/sessions',
    status: 429,
    retryAfter: 99_999_999,
  });
  const huge = await post(freshEmail('ra-huge'));
  expect(huge.status()).toBe(429);
  expect(huge.headers()['retry-after']).toBe('300');
  const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
  await injectFault(target.emulatorUrl, {
    path: '/passwordless/sessions',
    status: 429,
    retryAfter: inTwoMinutes,
  });
  const dated = await post(freshEmail('ra-date'));
  expect(dated.status()).toBe(429);
  const seconds = Number(dated.headers()['retry-after']);
  expect(seconds).toBeGreaterThanOrEqual(100);
  expect(seconds).toBeLessThanOrEqual(120);
});

test('a refused API key or redirect URI is a 503 for the person and a config error in the log', async ({
  request,
  target,
}) => {
  const post = signIn(request, target.appUrl);
  for (const [status, body, fix] of [
    [401, undefined, 'WORKOS_API_KEY'],
    [422, { message: "The redirect_uri 'x' is not an allowed redirect URI." }, 'Redirect URI'],
  ] as const) {
    await injectFault(target.emulatorUrl, { path: '/passwordless/sessions', status, body });
    const mark = logMark(target);
    const response = await post(freshEmail(`config-${status}`));
    expect(response.status(), `WorkOS ${status}`).toBe(503);
    expect(await errorOf(response)).toBe('upstream_unavailable');
    const event = await expectLogged(target, mark, { event: 'auth.config_error', status });
    expect(event.level).toBe('error');
    expect(String(event.fix)).toContain(fix);
  }
});

test('only an email-shaped 422 is invalid_email', async ({ request, target }) => {
  await injectFault(target.emulatorUrl, {
    path: '/passwordless/sessions',
    status: 422,
    body: { message: 'Validation failed', errors: [{ field: 'email', code: 'email must be an email' }] },
  });
  const response = await signIn(request, target.appUrl)(freshEmail('422-email'));
  expect(response.status()).toBe(400);
  expect(await errorOf(response)).toBe('invalid_email');
});

test('an unknown organization is not_found whether WorkOS answers 403, 404 or 422', async ({
  request,
  target,
}) => {
  const post = signIn(request, target.appUrl, `/${ORG_EXAMPLE}`);
  for (const status of [403, 404, 422]) {
    await injectFault(target.emulatorUrl, { method: 'GET', path: '/connections', status });
    const response = await post(freshEmail(`org-${status}`, 'example.com'));
    expect(response.status(), `WorkOS ${status}`).toBe(404);
    expect(await errorOf(response)).toBe('not_found');
  }
  // A refused key is not "unknown organization": it is the deployment's problem.
  await injectFault(target.emulatorUrl, { method: 'GET', path: '/connections', status: 401 });
  const mark = logMark(target);
  const refused = await post(freshEmail('org-401', 'example.com'));
  expect(refused.status()).toBe(503);
  await expectLogged(target, mark, { event: 'auth.config_error', status: 401 });
});

test('a refused client id at the code exchange fails the sign-in and says what to fix', async ({
  target,
}) => {
  const flow = await startFlow(target, freshEmail('exchange-config'));
  await injectFault(target.emulatorUrl, {
    method: 'POST',
    path: '/sso/token',
    status: 400,
    body: { error: 'invalid_client', error_description: 'Invalid client ID or secret.' },
  });
  const mark = logMark(target);
  const response = await getWith(flow.callbackUrl.href, flow.jar);
  expect(response.status).toBe(303);
  expect(locationOf(response, target.appUrl)?.search).toBe('?error=auth_failed');
  const event = await expectLogged(target, mark, { event: 'auth.config_error', operation: 'exchange_code' });
  expect(String(event.fix)).toContain('WORKOS_CLIENT_ID');
});

// SES-*: the sessions a person can see and end from /dashboard (issue 11), and their own sign-in
// activity. On both shared servers (memory store with WorkOS delivery, Upstash with SMTP).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, freshEmail, openLink, requestLink, test } from './fixtures.ts';
import { magicLink } from './inbox.ts';
import type { E2ETarget } from './servers.ts';

/** Signs `email` in through the inbox in a new page of `context`; the page ends on /dashboard. */
async function signIn(
  context: BrowserContext,
  target: E2ETarget,
  email: string,
  count: number,
): Promise<Page> {
  const page = await context.newPage();
  await requestLink(page, email);
  await openLink(page, await magicLink(target.emulatorUrl, email, count));
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

/** Two browsers signed in as one person: a laptop (Chrome on macOS) and a phone (Safari on iOS). */
async function twoBrowsers(browser: Browser, target: E2ETarget, clientIp: string) {
  const email = freshEmail('sessions');
  const headers = { 'x-real-ip': clientIp };
  const laptopContext = await browser.newContext({
    extraHTTPHeaders: headers,
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  });
  const phoneContext = await browser.newContext({
    extraHTTPHeaders: headers,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  });
  const laptop = await signIn(laptopContext, target, email, 1);
  const phone = await signIn(phoneContext, target, email, 2);
  return { email, laptop, phone, close: () => Promise.all([laptopContext.close(), phoneContext.close()]) };
}

test.describe('active sessions', () => {
  test('SES-01 both browsers are listed, this one marked; "Sign out all other sessions" ends the other', async ({
    browser,
    target,
    clientIp,
  }) => {
    const { laptop, phone, close } = await twoBrowsers(browser, target, clientIp);
    await laptop.reload();
    const rows = laptop.getByTestId('session-row');
    await expect(rows).toHaveCount(2);
    await expect(laptop.locator('[data-testid="session-row"][data-current="true"]')).toContainText(
      'Chrome on macOS',
    );
    await expect(laptop.locator('[data-testid="session-row"][data-current="true"]')).toContainText(
      'This browser',
    );
    await expect(laptop.locator('[data-testid="session-row"][data-current="false"]')).toContainText(
      'Safari on iOS',
    );
    await expect(rows.first()).toContainText(clientIp);

    // The JSON view agrees, and carries no session id or cookie material.
    const listed = await laptop.request.get('/api/auth/sessions');
    expect(listed.status()).toBe(200);
    const { sessions } = (await listed.json()) as {
      sessions: { id: string; current: boolean; device: string }[];
    };
    expect(sessions.map((s) => s.current).sort()).toEqual([false, true]);
    expect(sessions.every((s) => /^[A-Za-z0-9_-]{16}$/.test(s.id))).toBe(true);

    await laptop.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await expect(laptop).toHaveURL(/\/dashboard\?sessions=revoked&count=1$/);
    await expect(laptop.getByTestId('sessions-notice')).toHaveText('Signed out 1 session.');
    await expect(laptop.getByTestId('session-row')).toHaveCount(1);
    await expect(laptop.locator('[data-testid="activity-row"][data-kind="revoked"]')).toHaveCount(1);

    // The phone is anonymous on its very next request: page and API alike.
    await phone.reload();
    await expect(phone).toHaveURL(/\/login\?returnTo=%2Fdashboard$/);
    expect((await phone.request.get('/api/auth/sessions')).status()).toBe(401);
    await close();
  });

  test('SES-02 one session ends by its own "Sign out"; "Sign out everywhere" ends this one too', async ({
    browser,
    target,
    clientIp,
  }) => {
    const { laptop, phone, close } = await twoBrowsers(browser, target, clientIp);
    await phone.reload();
    const laptopRow = phone.locator('[data-testid="session-row"][data-current="false"]');
    await laptopRow.getByRole('button', { name: /^Sign out session: / }).click();
    await expect(phone.getByTestId('sessions-notice')).toHaveText('Signed out 1 session.');
    await laptop.reload();
    await expect(laptop).toHaveURL(/\/login\?returnTo=%2Fdashboard$/);

    await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(phone).toHaveURL(/\/login\?signout=complete$/);
    await phone.goto('/dashboard');
    await expect(phone).toHaveURL(/\/login\?returnTo=%2Fdashboard$/);
    await close();
  });

  test('SES-03 the revoke endpoint: JSON, same-origin only, one target, a session of this person only', async ({
    page,
    target,
  }) => {
    const email = freshEmail('revoke-api');
    await requestLink(page, email);
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page).toHaveURL(/\/dashboard$/);
    const origin = { origin: target.appUrl };
    const post = (data: unknown, headers: Record<string, string> = origin) =>
      page.request.post('/api/auth/sessions/revoke', { data, headers });

    const foreign = await post({ others: true }, { origin: 'https://evil.example' });
    expect(foreign.status()).toBe(403);
    for (const body of [{}, { others: true, all: true }, { id: 'short' }, { others: 'nope' }, { id: 1 }])
      expect((await post(body)).status(), JSON.stringify(body)).toBe(400);
    const unknown = await post({ id: 'AAAAAAAAAAAAAAAA' });
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'session_not_found' } });
    expect(await (await post({ others: true })).json()).toEqual({
      revoked: 0,
      signedOut: false,
      complete: true,
    });
    expect(await (await post({ all: true })).json()).toEqual({ revoked: 1, signedOut: true, complete: true });
    const after = await post({ all: true });
    expect(after.status()).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'not_signed_in' } });
    expect((await page.request.get('/api/auth/sessions/revoke')).status()).toBe(405);
  });
});

test.describe('sign-in activity', () => {
  test('ACT-01 a failed attempt, the request and the sign-in are on the dashboard, newest first', async ({
    page,
    browser,
    target,
    clientIp,
  }) => {
    const email = freshEmail('activity');
    await requestLink(page, email);
    const link = await magicLink(target.emulatorUrl, email);
    // The link is opened in another browser that is waiting for a link of its own: refused there
    // (its binding is not this attempt's), and the attempt is used up.
    const other = await browser.newContext({ extraHTTPHeaders: { 'x-real-ip': clientIp } });
    const otherPage = await other.newPage();
    await requestLink(otherPage, freshEmail('activity-other'));
    await openLink(otherPage, link);
    await expect(otherPage).toHaveURL(/\/login\?error=auth_failed$/);
    await other.close();

    await requestLink(page, email);
    await openLink(page, await magicLink(target.emulatorUrl, email, 2));
    await expect(page).toHaveURL(/\/dashboard$/);
    const kinds = await page
      .getByTestId('activity-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
    expect(kinds).toEqual(['signed_in', 'requested', 'failed', 'requested']);
    await expect(page.locator('[data-testid="activity-row"][data-kind="failed"]')).toContainText(
      'Sign-in attempt failed',
    );
  });
});

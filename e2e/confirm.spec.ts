// CNF-*: the cross-device confirmation page (/login/confirm, docs/security.md §2.2) beyond CB-08: who is signed in in this
// browser now and what continuing does to them, and "No, cancel", which burns the confirmation.
import type { BrowserContext } from '@playwright/test';
import { expectLogged, logMark } from './app-log.ts';
import { expect, freshEmail, openLink, requestLink, sealSession, test } from './fixtures.ts';
import { magicLink } from './inbox.ts';
import {
  CookieJar,
  findSetCookie,
  getWith,
  header,
  locationOf,
  rawRequest,
  sameOrigin,
  startFlow,
  type Target,
} from './raw-http.ts';

/** A POST of the confirmation page's form (`/api/auth/confirm` or its `/cancel`) with these cookies. */
function postForm(target: Target, path: string, cookie: string | null, headers = sameOrigin(target, {})) {
  return rawRequest({
    url: `${target.appUrl}${path}`,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: '',
  });
}

/** Who /dashboard shows with these cookies (null: sent to /login). */
async function dashboardEmail(target: Target, jar: CookieJar): Promise<string | null> {
  const page = await getWith(`${target.appUrl}/dashboard`, jar);
  if (page.status !== 200) return null;
  return /data-testid="user-email">([^<]*)</.exec(page.body)?.[1] ?? null;
}

/** Opens an emailed link in the browser `phone` (which did not ask for it): the confirmation page. */
async function openLinkIn(phone: BrowserContext, link: string) {
  const other = await phone.newPage();
  await openLink(other, link);
  await expect(other).toHaveURL(/\/login\/confirm$/);
  return other;
}

test.describe('cross-device confirmation', () => {
  test('CNF-01 a browser signed in as someone else is told who, and continuing switches accounts', async ({
    page,
    browser,
    target,
    signInAs,
  }) => {
    const email = freshEmail('switchnew');
    const bob = freshEmail('switchold');
    await requestLink(page, email);
    const phone = await browser.newContext();
    const bobCookie = await signInAs({ email: bob }, phone);
    const other = await openLinkIn(phone, await magicLink(target.emulatorUrl, email));
    await expect(other.getByTestId('confirm-email')).toHaveText(email);
    await expect(other.getByTestId('current-email')).toHaveText(bob);
    await expect(other.getByTestId('confirm-current')).toContainText(
      `You are signed in as ${bob} in this browser. Continuing signs you out of that account`,
    );
    await other.getByRole('button', { name: 'Yes, sign me in' }).click();
    await expect(other).toHaveURL(/\/dashboard$/);
    await expect(other.getByTestId('user-email')).toHaveText(email);
    // Signed out for real: a copy of bob's old cookie no longer works anywhere.
    expect(await dashboardEmail(target, new CookieJar({ session: bobCookie }))).toBeNull();
    await phone.close();
  });

  test('CNF-02 a browser already signed in to the same account is not asked anything', async ({
    page,
    browser,
    target,
    signInAs,
  }) => {
    const email = freshEmail('switchsame');
    await requestLink(page, email);
    const phone = await browser.newContext();
    await signInAs({ email }, phone);
    const before = (await phone.cookies()).find((c) => c.name === 'session')?.value;
    // Nothing would change hands (an earlier link, or one opened where that person is signed in):
    // no "another browser" confirmation, the session stays as it was, the link is used up.
    const other = await phone.newPage();
    await openLink(other, await magicLink(target.emulatorUrl, email));
    await expect(other).toHaveURL(/\/dashboard$/);
    await expect(other.getByTestId('user-email')).toHaveText(email);
    const cookies = await phone.cookies();
    expect(cookies.find((c) => c.name === 'session')?.value).toBe(before);
    expect(cookies.map((c) => c.name)).not.toContain('pl_confirm');
    await phone.close();
  });

  test('CNF-04 "No, cancel" works without JavaScript, burns the confirmation and signs nobody in', async ({
    page,
    browser,
    target,
  }) => {
    const email = freshEmail('cancelnojs');
    await requestLink(page, email);
    const phone = await browser.newContext({ javaScriptEnabled: false });
    const other = await openLinkIn(phone, await magicLink(target.emulatorUrl, email));
    const pending = (await phone.cookies()).find((c) => c.name === 'pl_confirm');
    expect(pending?.value).toBeTruthy();
    await other.getByRole('button', { name: 'No, cancel' }).click();
    await expect(other).toHaveURL(/\/login\/confirm\/cancelled$/);
    await expect(other.getByRole('status')).toHaveText('Sign-in cancelled. Nobody was signed in.');
    await expect(other.getByRole('link', { name: 'Back to sign-in' })).toHaveAttribute('href', '/login');
    const names = (await phone.cookies()).map((c) => c.name);
    expect(names).not.toContain('session');
    expect(names).not.toContain('pl_confirm');
    // The same confirmation cookie put back: the confirmation itself is gone.
    await phone.addCookies([{ ...(pending as NonNullable<typeof pending>) }]);
    await other.goto('/login/confirm');
    await expect(other.getByRole('heading', { name: 'This sign-in request has expired' })).toBeVisible();
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login\?returnTo=/);
    await phone.close();
  });

  test('CNF-03 cancel over HTTP: same-origin only, one-time, and a later "Yes" is confirm_expired', async ({
    target,
  }) => {
    const email = freshEmail('cancelhttp');
    const flow = await startFlow(target, email);
    // The phone is already signed in as bob: a cancel leaves bob as he was.
    const bob = freshEmail('cancelbob');
    const phone = new CookieJar({ session: await sealSession({ email: bob }, target.appUrl) });
    await getWith(flow.callbackUrl.href, phone);
    expect(phone.get('pl_confirm')).toBeTruthy();
    const page = await getWith(`${target.appUrl}/login/confirm`, phone);
    expect(page.body).toMatch(/<form[^>]*action="\/api\/auth\/confirm\/cancel"/);
    expect(page.body).toContain(`data-testid="current-email">${bob}<`);

    // From another origin: refused, and the confirmation is still there.
    const foreign = await postForm(target, '/api/auth/confirm/cancel', phone.header(), {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(foreign.status).toBe(403);
    expect((await getWith(`${target.appUrl}/login/confirm`, phone.clone())).body).toContain(email);

    const mark = logMark(target);
    const beforeCancel = phone.clone();
    const cancel = await postForm(target, '/api/auth/confirm/cancel', phone.header());
    phone.absorb(cancel);
    expect(cancel.status).toBe(303);
    expect(locationOf(cancel, target.appUrl)?.pathname).toBe('/login/confirm/cancelled');
    expect(header(cancel, 'cache-control')).toContain('no-store');
    expect(header(cancel, 'referrer-policy')).toBe('no-referrer');
    expect(findSetCookie(cancel, 'session')).toBeUndefined();
    expect(phone.get('pl_confirm')).toBeFalsy();
    const logged = await expectLogged(target, mark, { event: 'auth.confirm_cancelled' });
    expect(logged.email).toBe(`${email[0]}***@example.org`);

    const cancelled = await getWith(`${target.appUrl}/login/confirm/cancelled`, phone);
    expect(cancelled.body).toContain('Sign-in cancelled. Nobody was signed in.');
    expect(cancelled.body).toContain(`You are still signed in as <strong>${bob}</strong>`);
    expect(header(cancelled, 'cache-control')).toContain('no-store');
    expect(await dashboardEmail(target, phone)).toBe(bob);

    // "Yes" and a second cancel with the cookie from before the cancel: nothing left to use.
    for (const path of ['/api/auth/confirm', '/api/auth/confirm/cancel']) {
      const late = await postForm(target, path, beforeCancel.header());
      expect(late.status, path).toBe(303);
      const where = locationOf(late, target.appUrl);
      expect(`${where?.pathname}${where?.search}`, path).toBe('/login?error=confirm_expired');
      expect(findSetCookie(late, 'session')?.value ?? '', path).toBe('');
    }
    expect(await dashboardEmail(target, beforeCancel)).toBe(bob);
    expect(await dashboardEmail(target, flow.jar)).toBeNull();
  });
});

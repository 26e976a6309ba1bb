import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { sealData } from 'iron-session';
import { E2E, type E2ETarget } from './servers.ts';
import { nextTestIp, setCurrentTestIp } from './test-ip.ts';

type SessionSeed = { email: string; org?: string | null; ttlSeconds?: number; expired?: boolean };

/** A fresh address for every test (the per-email rate limit and the inbox stay per test). */
export function freshEmail(tag = 'user', domain = 'example.org'): string {
  return `${tag}-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}@${domain}`.toLowerCase();
}

/**
 * Opens an emailed sign-in link the way a person does: our own emails point to /login/continue,
 * where the person presses Continue (WorkOS's emails go straight to WorkOS).
 */
export async function openLink(page: Page, link: string) {
  await page.goto(link);
  if (new URL(page.url()).pathname === '/login/continue')
    await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * Clicks a form's submit button and waits for the page it leads to. For a form that lands on the
 * URL it was posted from, a URL assertion passes at once, and a second click that comes before
 * the new page is swallowed by the pending button (it ignores double submits).
 */
export async function submitAndLoad(page: Page, button: Locator) {
  const loaded = page.waitForEvent('load');
  await button.click();
  await loaded;
}

/** Fills in and submits the login form the way a person does. */
export async function submitLoginForm(page: Page, email: string, path = '/login', remember = false) {
  await page.goto(path);
  await page.getByLabel('Email address').fill(email);
  if (remember) await page.getByLabel('Keep me signed in for 30 days').check();
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
}

/** Requests a link through the form and checks the check-your-email page it lands on. */
export async function requestLink(page: Page, email: string, path = '/login', remember = false) {
  await submitLoginForm(page, email, path, remember);
  await expect(page).toHaveURL(/\/login\/check-email$/);
  // The address as typed, in full: the page is no-store and the address is never in its URL.
  await expect(page.getByTestId('sent-to')).toHaveText(email);
}

/**
 * Seals a session cookie exactly as the app would, with the password the test servers use, for
 * the app at `audience` (its APP_URL: a cookie sealed for another origin is anonymous there).
 */
export async function sealSession(seed: SessionSeed, audience: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const ttl = seed.ttlSeconds ?? 3600;
  const data = {
    v: 1,
    aud: audience,
    sid: crypto.randomUUID(),
    uid: `prof_${crypto.randomUUID().replaceAll('-', '')}`,
    email: seed.email,
    org: seed.org ?? null,
    iat: now,
    exp: seed.expired ? now - 10 : now + ttl,
  };
  return sealData(data, { password: { 1: E2E.sessionPassword }, ttl });
}

export const test = base.extend<{
  target: E2ETarget;
  /** This test's client IP, sent as x-real-ip by every page and request context (e2e/test-ip.ts). */
  clientIp: string;
  signInAs: (seed: SessionSeed, context?: BrowserContext) => Promise<string>;
}>({
  clientIp: [
    async ({}, use, testInfo) => {
      const ip = nextTestIp(testInfo.workerIndex);
      setCurrentTestIp(ip);
      await use(ip);
      setCurrentTestIp(undefined);
    },
    { auto: true },
  ],
  // Every context a test opens (its page, `request`, browser.newContext(), request.newContext())
  // takes these unless it names its own.
  extraHTTPHeaders: async ({ extraHTTPHeaders, clientIp }, use) => {
    await use({ 'x-real-ip': clientIp, ...extraHTTPHeaders });
  },
  target: async ({}, use, testInfo) => {
    await use(testInfo.project.metadata as E2ETarget);
  },
  signInAs: async ({ context, target }, use) => {
    await use(async (seed, ctx = context) => {
      const value = await sealSession(seed, target.appUrl);
      await ctx.addCookies([{ name: 'session', value, url: target.appUrl, httpOnly: true, sameSite: 'Lax' }]);
      return value;
    });
  },
});

export { expect };

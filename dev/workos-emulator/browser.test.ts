import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEmulator } from './test-support.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const t = setupTestEmulator();
let browser: Browser;
let target: Server;
let callbackUrl: string;

beforeAll(async () => {
  // Stand-in for the app's callback route: any request gets a small page.
  target = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>callback</title><p>signed in</p>');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/api/auth/callback`;
  browser = await chromium.launch({
    executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  target?.closeAllConnections();
  await new Promise((resolve) => target?.close(resolve));
});

/** A Magic Link session for `email` that redirects to the stand-in callback with `state`. */
const createSession = (email: string, state: string) =>
  t.workos.passwordless.createSession({ type: 'MagicLink', email, redirectURI: callbackUrl, state });

/** Creates and sends a session, so that its email is in the inbox. */
async function sendToInbox(email: string, state: string) {
  const session = await createSession(email, state);
  await t.workos.passwordless.sendSession(session.id);
  return session;
}

describe('in a real browser', () => {
  it('follows a magic link to the redirect URI with code and state', async () => {
    const session = await createSession('browser@example.com', 'state-from-browser-test');
    const page = await browser.newPage();
    await page.goto(session.link);
    const final = new URL(page.url());
    expect(`${final.origin}${final.pathname}`).toBe(callbackUrl);
    expect(final.searchParams.get('state')).toBe('state-from-browser-test');
    const code = final.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    const { profile } = await t.workos.sso.getProfileAndToken({ code, clientId: t.emulator.clientId });
    expect(profile.email).toBe('browser@example.com');
    await page.close();
  });

  it('shows the email in the inbox page, whose link completes sign-in', async () => {
    const session = await sendToInbox('inbox@example.com', 'via-inbox');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    await page.goto(t.emulator.inboxUrl);
    await expect(page.getByRole('heading', { name: 'Your sign-in link' }).count()).resolves.toBe(1);
    await page.getByRole('link', { name: session.link }).click();
    await page.waitForURL((url) => url.pathname === '/api/auth/callback');
    const final = new URL(page.url());
    expect(final.searchParams.get('state')).toBe('via-inbox');
    expect(final.searchParams.has('code')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the button of the sandboxed HTML email in a new tab', async () => {
    await sendToInbox('frame@example.com', 'via-iframe');
    // A context of its own, whose `page` event sees every new tab. The link is noopener (target
    // _blank from a sandboxed, out-of-process srcdoc frame), and the page's own `popup` event for
    // such a tab once never came in CI (the test hung for its whole 20 s). Step timeouts below the
    // test's own make a hang name the step that hung.
    const context = await browser.newContext();
    context.setDefaultTimeout(8_000);
    try {
      const page = await context.newPage();
      await page.goto(t.emulator.inboxUrl);
      await page.getByText('HTML', { exact: true }).first().click();
      const link = page.frameLocator('iframe').first().getByRole('link', { name: 'Sign in' });
      await expect(link.getAttribute('href')).resolves.toMatch(/\/passwordless\/[^/]+\/confirm$/);
      const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
      await tab.waitForURL((url) => url.pathname === '/api/auth/callback');
      expect(new URL(tab.url()).searchParams.get('state')).toBe('via-iframe');
      expect(context.pages()).toHaveLength(2);
    } finally {
      await context.close();
    }
  });
});

// Mail scanners (Safe Links style) open every URL of an email before the person does, with HEAD
// and GET, following redirects, without cookies. With our own delivery the email's link is the
// app's /login/continue page, which they cannot use up; a WorkOS-delivered link they do burn, and
// the person then gets a page that says so and sends a fresh link in one click. A code cannot be
// clicked: with `code` and `link+code` the person still signs in after the scan.
// Runs on every copy; each test states the configuration it is about.
import type { APIRequestContext } from '@playwright/test';
import { expect, freshEmail, openLink, requestLink, test } from './fixtures.ts';
import { emailedCode, magicLink, waitForEmail } from './inbox.ts';

const SCANNER_UA = 'Mozilla/5.0 (compatible; MSOffice 16; SafeLinks-scanner/1.0)';

/** What a scanner does with every URL of the newest email to `to`; returns how many it opened. */
async function scanEmail(request: APIRequestContext, emulatorUrl: string, to: string): Promise<number> {
  const email = await waitForEmail(emulatorUrl, to);
  for (const url of email.links) {
    for (const method of ['HEAD', 'GET'] as const) {
      const response = await request.fetch(url, {
        method,
        headers: { 'user-agent': SCANNER_UA },
        maxRedirects: 10,
      });
      expect(response.status(), `${method} ${new URL(url).pathname}`).toBeLessThan(500);
    }
  }
  return email.links.length;
}

test.describe('mail scanners', () => {
  test('a scanner that opens every link first does not break the sign-in', async ({
    page,
    playwright,
    target,
  }) => {
    test.skip(target.method === 'code', 'a code-only email has no sign-in link: see the code test');
    test.skip(target.delivery !== 'smtp', 'WorkOS-delivered links cannot be protected: see the next test');
    const email = freshEmail('scanned');
    await requestLink(page, email);
    const scanner = await playwright.request.newContext();
    expect(await scanEmail(scanner, target.emulatorUrl, email)).toBeGreaterThan(0);
    await scanner.dispose();
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('user-email')).toHaveText(email);
  });

  test('a WorkOS link a scanner used up says why and sends a new one in one click', async ({
    page,
    playwright,
    target,
  }) => {
    test.skip(target.method !== 'link', 'only a WorkOS Magic Link email carries a WorkOS link');
    test.skip(target.delivery !== 'workos', 'our own emails are scanner-proof: see the previous test');
    const email = freshEmail('burned');
    await requestLink(page, email);
    const scanner = await playwright.request.newContext();
    expect(await scanEmail(scanner, target.emulatorUrl, email)).toBeGreaterThan(0);
    await scanner.dispose();
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page).toHaveURL(/\/login\?error=expired$/);
    await expect(page.locator('.alert.error')).toContainText('security software sometimes opens links');
    await page.getByRole('button', { name: 'Email me a new link' }).click();
    await expect(page).toHaveURL(/\/login\/check-email$/);
    await openLink(page, await magicLink(target.emulatorUrl, email, 2));
    await expect(page.getByTestId('user-email')).toHaveText(email);
  });

  test('after a scanner opened every URL of the email, the code still signs in', async ({
    page,
    playwright,
    target,
  }) => {
    test.skip(target.method === 'link', 'SIGN_IN_METHOD=link sends no code: see the link tests');
    const email = freshEmail('scanned-code');
    await requestLink(page, email);
    const scanner = await playwright.request.newContext();
    // WorkOS's code email has no link to open; ours (link+code) has the continue page.
    expect(await scanEmail(scanner, target.emulatorUrl, email)).toBe(target.method === 'link+code' ? 1 : 0);
    await scanner.dispose();
    await page.getByLabel('Sign-in code').fill(await emailedCode(target.emulatorUrl, email));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('user-email')).toHaveText(email);
  });
});

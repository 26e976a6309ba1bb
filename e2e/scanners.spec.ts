// Mail scanners (Safe Links style) open every URL of an email before the person does, with HEAD
// and GET, following redirects, without cookies. With our own delivery the email's link is the
// app's /login/continue page, which they cannot use up; a WorkOS-delivered link they do burn, and
// the person then gets a page that says so and sends a fresh link in one click.
import type { APIRequestContext } from '@playwright/test';
import { expect, freshEmail, openLink, requestLink, test } from './fixtures.ts';
import { magicLink, waitForEmail } from './inbox.ts';

const SCANNER_UA = 'Mozilla/5.0 (compatible; MSOffice 16; SafeLinks-scanner/1.0)';

/** What a scanner does with every URL of the newest email to `to`. */
async function scanEmail(request: APIRequestContext, emulatorUrl: string, to: string) {
  const email = await waitForEmail(emulatorUrl, to);
  expect(email.links.length).toBeGreaterThan(0);
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
}

test.describe('mail scanners', () => {
  test('a scanner that opens every link first does not break the sign-in', async ({
    page,
    playwright,
    target,
  }) => {
    test.skip(target.delivery !== 'smtp', 'WorkOS-delivered links cannot be protected: see the next test');
    const email = freshEmail('scanned');
    await requestLink(page, email);
    const scanner = await playwright.request.newContext();
    await scanEmail(scanner, target.emulatorUrl, email);
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
    test.skip(target.delivery !== 'workos', 'our own emails are scanner-proof: see the previous test');
    const email = freshEmail('burned');
    await requestLink(page, email);
    const scanner = await playwright.request.newContext();
    await scanEmail(scanner, target.emulatorUrl, email);
    await scanner.dispose();
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page).toHaveURL(/\/login\?error=expired$/);
    await expect(page.locator('.alert.error')).toContainText('security software sometimes opens links');
    await page.getByRole('button', { name: 'Email me a new link' }).click();
    await expect(page).toHaveURL(/\/login\/check-email$/);
    await openLink(page, await magicLink(target.emulatorUrl, email, 2));
    await expect(page.getByTestId('user-email')).toHaveText(email);
  });
});

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, freshEmail, openLink, submitLoginForm, test } from './fixtures.ts';
import { magicLink } from './inbox.ts';

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test.describe('accessibility (axe)', () => {
  test('login page, with and without an error', async ({ page }) => {
    await page.goto('/login');
    await expectNoViolations(page);
    await page.goto('/login?error=rate_limit_exceeded');
    await expectNoViolations(page);
  });

  test('check-email, confirm and dashboard pages', async ({ page, browser, target }) => {
    // A whole sign-in plus three axe scans in two browsers: over 30 s on a loaded 2-core machine.
    test.slow();
    const email = freshEmail('a11y');
    await submitLoginForm(page, email);
    await expect(page).toHaveURL(/\/login\/check-email$/);
    await expectNoViolations(page);

    const other = await browser.newContext();
    const phone = await other.newPage();
    await openLink(phone, await magicLink(target.emulatorUrl, email));
    await expect(phone).toHaveURL(/\/login\/confirm$/);
    await expectNoViolations(phone);
    await phone.getByRole('button', { name: 'Yes, sign me in' }).click();
    await expect(phone).toHaveURL(/\/dashboard$/);
    await expectNoViolations(phone);
    await other.close();
  });

  test('confirm page of a browser signed in as someone else, and the cancelled page', async ({
    page,
    browser,
    target,
    signInAs,
  }) => {
    test.slow();
    const email = freshEmail('a11yswitch');
    await submitLoginForm(page, email);
    await expect(page).toHaveURL(/\/login\/check-email$/);
    const other = await browser.newContext();
    await signInAs({ email: freshEmail('a11yold') }, other);
    const phone = await other.newPage();
    await openLink(phone, await magicLink(target.emulatorUrl, email));
    await expect(phone.getByTestId('current-email')).toBeVisible();
    await expectNoViolations(phone);
    await phone.getByRole('button', { name: 'No, cancel' }).click();
    await expect(phone).toHaveURL(/\/login\/confirm\/cancelled$/);
    await expectNoViolations(phone);
    await other.close();
  });

  test('not-found page', async ({ page }) => {
    await page.goto('/nowhere');
    await expectNoViolations(page);
  });
});

// What /login/check-email tells the person: the address in full, what a resend did and what the
// earlier emails still do, and a lifetime that the email does not contradict.
import { expect, freshEmail, openLink, requestLink, test } from './fixtures.ts';
import { magicLink, waitForEmail } from './inbox.ts';

const EARLIER_LINKS = 'Links sent earlier still work until they expire; any of them signs you in once.';

test.describe('check-email', () => {
  test('is not stored by caches and keeps the address out of its URL', async ({ page }) => {
    const email = freshEmail('noStore');
    await requestLink(page, email);
    const response = await page.reload();
    expect(response?.headers()['cache-control']).toBe('no-store');
    expect(page.url()).not.toContain('%40');
    expect(page.url()).not.toContain(email);
  });

  test('a resend says when, the first link still signs in, and the second is not "another browser"', async ({
    page,
    target,
  }) => {
    const email = freshEmail('resend');
    await requestLink(page, email);
    await expect(page.getByTestId('earlier-sends')).toHaveCount(0);
    const first = await magicLink(target.emulatorUrl, email);
    const before = Date.now();
    await page.getByRole('button', { name: 'Resend the link' }).click();
    await expect(page).toHaveURL(/\/login\/check-email$/);
    const status = page.getByRole('status');
    await expect(status).toContainText(`We sent another link to ${email} at `);
    const sentAt = Date.parse((await status.locator('time').getAttribute('datetime')) ?? '');
    expect(sentAt).toBeGreaterThanOrEqual(before - 1_000);
    expect(sentAt).toBeLessThanOrEqual(Date.now());
    await expect(page.getByTestId('earlier-sends')).toHaveText(EARLIER_LINKS);
    await waitForEmail(target.emulatorUrl, email, 2);
    await openLink(page, first);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('user-email')).toHaveText(email);
    // The newer link, opened afterwards in this same browser, is not "another browser": the person
    // is signed in as that address already, so it just lands on the dashboard.
    await openLink(page, await magicLink(target.emulatorUrl, email, 2));
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('user-email')).toHaveText(email);
  });

  test('another address starts counting again', async ({ page }) => {
    await requestLink(page, freshEmail('count'));
    await page.getByRole('button', { name: 'Resend the link' }).click();
    await expect(page.getByTestId('earlier-sends')).toBeVisible();
    await page.getByRole('link', { name: 'Use a different email' }).click();
    const other = freshEmail('other');
    await page.getByLabel('Email address').fill(other);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page.getByRole('status')).toHaveText(`We sent a sign-in link to ${other}.`);
    await expect(page.getByTestId('earlier-sends')).toHaveCount(0);
  });

  test('the page and the email agree on when the link stops working', async ({ page, target }) => {
    const email = freshEmail('lifetime');
    await requestLink(page, email);
    const lifetime = page.getByTestId('lifetime');
    const pageIso = (await lifetime.locator('time').getAttribute('datetime')) ?? '';
    const message = await waitForEmail(target.emulatorUrl, email);
    if (target.delivery === 'smtp') {
      // Our own email: the same instant and the same minutes as the page.
      const [, minutes, at] = /expires in (\d+ minutes?) \(at ([\d-]+ [\d:]+) UTC\)/.exec(message.text) ?? [];
      expect(at).toBe(pageIso.slice(0, 16).replace('T', ' '));
      await expect(lifetime).toContainText(`The link works once and expires in ${minutes}, at`);
      await expect(lifetime).not.toContainText('later time');
    } else {
      // WorkOS's email names WorkOS's lifetime (900 s); the page says the app's, and that it wins.
      const [, emailIso] = /expires at (\S+?)\.?$/m.exec(message.text) ?? [];
      expect(Date.parse(emailIso ?? '')).toBeGreaterThan(Date.parse(pageIso) + 4 * 60_000);
      await expect(lifetime).toContainText('The link works once, until ');
      await expect(lifetime).toContainText('(10 minutes from now), even if the email gives a later time.');
    }
  });
});

test.describe('check-email without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a resend from the plain form says when, in UTC', async ({ page }) => {
    const email = freshEmail('resendNojs');
    await requestLink(page, email);
    await page.getByRole('button', { name: 'Resend the link' }).click();
    await expect(page.getByRole('status')).toHaveText(
      new RegExp(`^We sent another link to ${email.replaceAll('.', '\\.')} at \\d\\d:\\d\\d UTC\\.$`),
    );
    await expect(page.getByTestId('earlier-sends')).toHaveText(EARLIER_LINKS);
  });
});

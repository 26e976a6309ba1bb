// SIGN_IN_METHOD=code (the code-method copy: WorkOS emails it) and link+code (the link-code copy:
// our own email carries both): the person types the 6-digit code on /login/check-email. The
// address comes from the browser's binding cookie.
import type { Page } from '@playwright/test';
import { expect, freshEmail, requestLink, submitAndLoad, test } from './fixtures.ts';
import { emailedCode } from './inbox.ts';
import { expectLogged, logMark } from './app-log.ts';

const codeField = (page: Page) => page.getByLabel('Sign-in code');

test.describe('sign-in with an emailed code', () => {
  test('typing the emailed code signs in, even pasted with a space', async ({ page, target }) => {
    const email = freshEmail('code');
    await requestLink(page, email);
    await expect(page.getByText(/We sent a sign-in (code|link and code) to/)).toBeVisible();
    await expect(codeField(page)).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(codeField(page)).toHaveAttribute('inputmode', 'numeric');
    const code = await emailedCode(target.emulatorUrl, email);
    await codeField(page).fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('user-email')).toHaveText(email);
    // The code is spent with the attempt: the binding cookie is gone too.
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('pl_bind');
  });

  test('a wrong code is explained, and five of them burn the attempt', async ({ page, target }) => {
    const email = freshEmail('wrong');
    await requestLink(page, email);
    const code = await emailedCode(target.emulatorUrl, email);
    const wrong = code === '000000' ? '111111' : '000000';
    const mark = logMark(target);
    for (let i = 1; i <= 5; i++) {
      await codeField(page).fill(wrong);
      await submitAndLoad(page, page.getByRole('button', { name: 'Sign in' }));
      await expect(page).toHaveURL(/\/login\/check-email\?error=code_(invalid|locked)$/);
      await expect(page.locator('#code-error')).toBeVisible();
    }
    await expect(page.locator('#code-error')).toContainText('Too many wrong codes');
    await expectLogged(target, mark, { event: 'auth.code_failed', reason: 'code_invalid', triesLeft: 0 });
    // Even the right code no longer works for this attempt.
    await codeField(page).fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).not.toHaveURL(/\/dashboard$/);
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login\?returnTo=/);
  });

  test('a code only completes the browser that asked for it', async ({ browser, page, target }) => {
    const email = freshEmail('stolen');
    await requestLink(page, email);
    const code = await emailedCode(target.emulatorUrl, email);
    // Another browser (no binding cookie) cannot use it, whatever address it claims.
    const other = await browser.newContext();
    const response = await other.request.post(`${target.appUrl}/api/auth/code`, {
      headers: { origin: target.appUrl, 'content-type': 'application/json' },
      data: { code, email },
    });
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'code_no_request' } });
    await other.close();
    // The person's own browser still can.
    await codeField(page).fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('user-email')).toHaveText(email);
  });

  test('a new code: the page says so, and that only the newest one works', async ({ page, target }) => {
    const email = freshEmail('newcode');
    await requestLink(page, email);
    const pair = target.method === 'link+code';
    await expect(page.getByTestId('lifetime')).toContainText('works once and expires in 10 minutes');
    await emailedCode(target.emulatorUrl, email);
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await expect(page.getByRole('status')).toContainText(
      `We sent another ${pair ? 'link and code' : 'code'} to ${email} at `,
    );
    await expect(page.getByTestId('earlier-sends')).toHaveText(
      pair
        ? 'Links sent earlier still work until they expire; only the newest code works.'
        : 'Only the newest code works; codes sent earlier no longer do.',
    );
    await codeField(page).fill(await emailedCode(target.emulatorUrl, email, 2));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('user-email')).toHaveText(email);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the code form works with plain HTML', async ({ page, target }) => {
    const email = freshEmail('code-nojs');
    await requestLink(page, email);
    await codeField(page).fill(await emailedCode(target.emulatorUrl, email));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('user-email')).toHaveText(email);
  });
});

// SIGN_IN_METHOD=link+code (the link-code copy): one email of ours carries a link and a code for
// the same attempt. Whichever is used first signs in; the other then says it was used.
import { expect, freshEmail, openLink, requestLink, test } from './fixtures.ts';
import { emailedCode, magicLink, waitForEmail } from './inbox.ts';

test.describe('one email, a link and a code', () => {
  test('the email carries both, and the page says either works', async ({ page, target }) => {
    const email = freshEmail('pair');
    await requestLink(page, email);
    await expect(page.getByText('We sent a sign-in link and code to')).toBeVisible();
    await expect(page.getByText('Whichever you use first works once')).toBeVisible();
    const message = await waitForEmail(target.emulatorUrl, email);
    expect(message.subject).toContain('link and code');
    expect(message.links.filter((url) => url.includes('/login/continue?t='))).toHaveLength(1);
    expect(await emailedCode(target.emulatorUrl, email)).toMatch(/^\d{6}$/);
  });

  test('typing the code first retires the link', async ({ browser, page, target }) => {
    const email = freshEmail('code-first');
    await requestLink(page, email);
    const code = await emailedCode(target.emulatorUrl, email);
    const link = await magicLink(target.emulatorUrl, email);
    await page.getByLabel('Sign-in code').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('user-email')).toHaveText(email);
    // The link of the same email now leads nowhere (its continue page is retired with the code),
    // wherever it is opened (here, a browser that is not signed in).
    const phone = await browser.newContext();
    const other = await phone.newPage();
    await other.goto(link);
    await expect(other).toHaveURL(/\/login\?error=expired$/);
    await phone.close();
  });

  test('the link first (on another device) retires the code', async ({ browser, page, target }) => {
    const email = freshEmail('link-first');
    await requestLink(page, email);
    const code = await emailedCode(target.emulatorUrl, email);
    const phone = await browser.newContext();
    const other = await phone.newPage();
    await openLink(other, await magicLink(target.emulatorUrl, email));
    await other.getByRole('button', { name: 'Yes, sign me in' }).click();
    await expect(other.getByTestId('user-email')).toHaveText(email);
    await phone.close();
    // Back in the browser that asked, the code of the same email is spent.
    await page.getByLabel('Sign-in code').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/login\/check-email\?error=code_used$/);
    await expect(page.locator('#code-error')).toContainText('already used');
  });
});

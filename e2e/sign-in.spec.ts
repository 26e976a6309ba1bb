import {
  expect,
  freshEmail,
  openLink,
  requestLink,
  submitAndLoad,
  submitLoginForm,
  test,
} from './fixtures.ts';
import { magicLink, waitForEmail } from './inbox.ts';

test.describe('magic-link sign-in', () => {
  test('full sign-in from the inbox, then sign-out', async ({ page, target }) => {
    const email = freshEmail('full');
    await requestLink(page, email);
    await expect(page.getByTestId('lifetime')).toContainText('10 minutes');
    const message = await waitForEmail(target.emulatorUrl, email);
    // WorkOS sends its own mail; with EMAIL_DELIVERY=smtp the app sends a branded one.
    if (target.delivery === 'smtp') {
      expect(message.subject).toBe(`Your sign-in link for ${new URL(target.appUrl).host}`);
      expect(message.text).toMatch(/expires in 10 minutes/);
    } else {
      expect(message.subject).toBe('Your sign-in link');
    }
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('user-email')).toHaveText(email);
    await expect(page.getByTestId('user-org')).toContainText('None');
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.name)).not.toContain('pl_bind');
    expect(await page.evaluate(() => document.cookie)).not.toContain('session=');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/login\?signout=complete$/);
    await page.goBack();
    await expect(page).toHaveURL(/\/login\?returnTo=%2Fdashboard$/);
  });

  test('returns to the page that was asked for', async ({ page, target }) => {
    const email = freshEmail('return');
    await page.goto('/dashboard?tab=security');
    await expect(page).toHaveURL(/returnTo=%2Fdashboard%3Ftab%3Dsecurity/);
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page).toHaveURL(/\/login\/check-email$/);
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page).toHaveURL(/\/dashboard\?tab=security$/);
  });

  test('"keep me signed in" gives a 30-day session', async ({ page, target }) => {
    const email = freshEmail('remember');
    await requestLink(page, email, '/login', true);
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page.getByTestId('user-email')).toHaveText(email);
    const session = (await page.context().cookies()).find((c) => c.name === 'session');
    const days = ((session?.expires ?? 0) * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
  });

  test('a reused link is refused with a clear message', async ({ page, browser, target }) => {
    const email = freshEmail('reuse');
    await requestLink(page, email);
    const link = await magicLink(target.emulatorUrl, email);
    await openLink(page, link);
    await expect(page).toHaveURL(/\/dashboard$/);
    const later = await browser.newContext();
    const again = await later.newPage();
    await openLink(again, link);
    await expect(again).toHaveURL(/\/login\?error=expired$/);
    await expect(again.locator('.alert.error')).toContainText('expired or was already used');
    await expect(again.getByRole('button', { name: 'Email me a sign-in link' })).toBeVisible();
    await later.close();
  });

  test('the button shows a pending state once the form is submitted', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email address').fill(freshEmail('pending'));
    const button = page.locator('form button[type="submit"]');
    await expect(button).toHaveAttribute('aria-busy', 'false');
    // Hold the page still (a listener added after the app's own) so the pending state can be read;
    // Playwright cannot inspect a page whose navigation is already under way.
    await page.locator('form').evaluate((form: HTMLFormElement) => {
      form.addEventListener('submit', (event) => event.preventDefault());
      form.requestSubmit();
    });
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await expect(button).toHaveText('Sending link…');
  });

  test('an expired link is refused with a clear message', async ({ page, target }) => {
    const email = freshEmail('expired');
    await requestLink(page, email);
    const link = await magicLink(target.emulatorUrl, email);
    const expire = await fetch(`${target.emulatorUrl}/_emulator/sessions/expire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    expect(expire.ok).toBe(true);
    await openLink(page, link);
    await expect(page).toHaveURL(/\/login\?error=expired$/);
    await expect(page.locator('.alert.error')).toContainText('expired');
  });

  test('a link opened in another browser asks before signing in', async ({ page, browser, target }) => {
    const email = freshEmail('cross');
    await requestLink(page, email);
    const link = await magicLink(target.emulatorUrl, email);
    const phone = await browser.newContext();
    const other = await phone.newPage();
    await openLink(other, link);
    await expect(other).toHaveURL(/\/login\/confirm$/);
    // The full address (the page is no-store and the address never rides in the URL), and only what
    // the app knows: the browser that opened the link did not ask for it.
    await expect(other.getByTestId('confirm-email')).toHaveText(email);
    await expect(other.getByTestId('confirm-why')).toContainText(
      'opened in a browser that did not ask for it',
    );
    await expect(other.getByText('requested from another browser')).toHaveCount(0);
    await expect(other.getByTestId('confirm-current')).toHaveCount(0);
    expect((await phone.cookies()).map((c) => c.name)).not.toContain('session');
    await other.getByRole('button', { name: 'Yes, sign me in' }).click();
    await expect(other).toHaveURL(/\/dashboard$/);
    await expect(other.getByTestId('user-email')).toHaveText(email);
    // The confirmation is one-time: going back and clicking again does not sign in twice.
    await other.goto('/login/confirm');
    await expect(other.getByRole('heading', { name: 'This sign-in request has expired' })).toBeVisible();
    // The browser that asked is not signed in by someone else's click.
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login\?returnTo=/);
    await phone.close();
  });

  test('the rate limit is shown on the page after three requests', async ({ page, target }) => {
    const email = freshEmail('limit');
    await requestLink(page, email);
    const resend = page.getByRole('button', { name: 'Resend the link' });
    for (let i = 0; i < 2; i++) {
      await submitAndLoad(page, resend);
      await expect(page).toHaveURL(/\/login\/check-email$/);
    }
    await submitAndLoad(page, resend);
    await expect(page).toHaveURL(/\/login\?error=rate_limit_exceeded/);
    await expect(page.locator('.alert.error')).toContainText('Too many sign-in requests');
    await expect(page.getByLabel('Email address')).toHaveValue(email);
    // Kept for the form in a sealed cookie, never in the URL.
    expect(page.url()).not.toContain(encodeURIComponent(email));
    expect(page.url()).not.toContain('%40');
    await waitForEmail(target.emulatorUrl, email, 3);
    // A +tag does not open a new bucket.
    const tagged = email.replace('@', '+x@');
    await page.getByLabel('Email address').fill(tagged);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page.locator('.alert.error')).toContainText('Too many sign-in requests');
  });

  test('an invalid address is explained on the page', async ({ page }) => {
    await submitLoginForm(page, 'john..doe@example.com');
    await expect(page).toHaveURL(/\/login\?error=invalid_email&returnTo=%2Fdashboard$/);
    await expect(page.locator('.alert.error')).toContainText('Enter a valid email address');
    await expect(page.getByLabel('Email address')).toHaveValue('john..doe@example.com');
  });

  test('organization sign-in uses the organization connection', async ({ page, target }) => {
    const email = freshEmail('org', 'example.com');
    const org = 'org_01JEXAMPE0RG00000000000001';
    await page.goto(`/login?org=${org}`);
    await expect(page.getByText('Sign in with your organization email.')).toBeVisible();
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page).toHaveURL(/\/login\/check-email$/);
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page.getByTestId('user-org')).toHaveText(org);
  });

  test('an unknown organization is a clear error', async ({ page }) => {
    await submitLoginForm(page, freshEmail('noorg'), '/login?org=org_01UNKNOWN0000000000000000');
    await expect(page).toHaveURL(/\/login\?error=not_found/);
    await expect(page.locator('.alert.error')).toContainText('could not find that sign-in option');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the whole flow works with plain HTML forms', async ({ page, target }) => {
    const email = freshEmail('nojs');
    await requestLink(page, email, '/login?returnTo=%2Fdashboard%3Ftab%3Dnojs');
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page).toHaveURL(/\/dashboard\?tab=nojs$/);
    await expect(page.getByTestId('user-email')).toHaveText(email);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/login\?signout=complete$/);
    await expect(page.getByRole('status')).toHaveText('You are signed out.');
  });
});

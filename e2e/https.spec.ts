import type { APIResponse } from '@playwright/test';
import { expect, freshEmail, openLink, submitLoginForm, test } from './fixtures.ts';
import { magicLink } from './inbox.ts';

// Runs against the app behind e2e/tls-proxy.ts with APP_URL=https://localhost:<E2E_PORT_BASE+643> (production
// cookie names and flags; SES-01, AUTH-10).

const setCookies = (response: APIResponse) =>
  response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value);

test.describe('over https', () => {
  test('the binding cookie is __Host- prefixed, Secure, HttpOnly, Lax, host-only', async ({
    request,
    target,
  }) => {
    const response = await request.post('/api/auth/passwordless', {
      headers: { origin: target.appUrl, 'content-type': 'application/json' },
      data: { email: freshEmail('tls-bind') },
    });
    expect(response.status()).toBe(200);
    const [bind] = setCookies(response);
    expect(bind).toMatch(/^__Host-pl_bind=Fe26\.2\*/);
    expect(bind).toMatch(/; Max-Age=600(;|$)/);
    for (const flag of ['Path=/', 'HttpOnly', 'Secure', 'SameSite=lax']) expect(bind).toContain(flag);
    expect(bind).not.toMatch(/Domain=/i);
    expect(response.headers()['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  });

  test('full sign-in sets __Host-session with production flags, and sign-out clears it', async ({
    page,
    target,
  }) => {
    const email = freshEmail('tls');
    await submitLoginForm(page, email);
    await expect(page).toHaveURL(/\/login\/check-email$/);
    const callback = page.waitForResponse((r) => r.url().includes('/api/auth/callback'));
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page).toHaveURL(`${target.appUrl}/dashboard`);
    await expect(page.getByTestId('user-email')).toHaveText(email);
    const session = (await (await callback).headersArray())
      .filter((h) => h.name.toLowerCase() === 'set-cookie')
      .map((h) => h.value)
      .find((value) => value.startsWith('__Host-session='));
    expect(session).toBeDefined();
    for (const flag of ['Path=/', 'HttpOnly', 'Secure', 'SameSite=lax']) expect(session).toContain(flag);
    expect(session).toMatch(/Max-Age=43140/); // 12 h minus iron-session's 60 s margin
    expect(session).not.toMatch(/Domain=/i);
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.name)).not.toContain('session');
    expect(cookies.find((c) => c.name === '__Host-session')).toMatchObject({ secure: true, httpOnly: true });
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(`${target.appUrl}/login?signout=complete`);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('__Host-session');
  });

  test('pages ask browsers to upgrade insecure requests', async ({ request }) => {
    const response = await request.get('/login');
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain('upgrade-insecure-requests');
  });
});

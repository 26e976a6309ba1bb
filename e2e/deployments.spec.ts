// Two deployments that share SESSION_PASSWORD (as a careless Preview setup would): the memory-store
// and upstash-store copies of the app run with the same password on different origins. A cookie
// the app itself issued on one must be anonymous on the other. Also: rejected browser form posts
// get an HTML page with a way back; JSON clients keep JSON.
import { expect, freshEmail, openLink, requestLink, test } from './fixtures.ts';
import { magicLink } from './inbox.ts';
import { E2E } from './servers.ts';

test.describe('deployment isolation', () => {
  test('a session cookie issued on one origin is anonymous on another with the same password', async ({
    page,
    request,
    target,
  }) => {
    const other = target.name === E2E.memory.name ? E2E.upstash : E2E.memory;
    const email = freshEmail('isolation');
    await requestLink(page, email);
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page.getByTestId('user-email')).toHaveText(email);
    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'session');
    expect(session?.value).toBeTruthy();
    const headers = { cookie: `session=${session?.value ?? ''}` };
    // Control: the cookie works where it was issued...
    const here = await request.get(`${target.appUrl}/dashboard`, { headers, maxRedirects: 0 });
    expect(here.status()).toBe(200);
    // ...and is anonymous on the other deployment, middleware and page alike.
    const there = await request.get(`${other.appUrl}/dashboard`, { headers, maxRedirects: 0 });
    expect(there.status()).toBe(303);
    expect(new URL(there.headers()['location'] ?? '', other.appUrl).href).toBe(
      `${other.appUrl}/login?returnTo=%2Fdashboard`,
    );
  });
});

test.describe('rejected browser requests', () => {
  const form = 'application/x-www-form-urlencoded';
  const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  test('a cross-site form post gets an HTML page with a way back, a JSON client JSON', async ({
    request,
    target,
  }) => {
    for (const path of [
      '/api/auth/passwordless',
      '/api/auth/logout',
      '/api/auth/confirm',
      '/api/auth/confirm/cancel',
    ]) {
      const response = await request.post(`${target.appUrl}${path}`, {
        headers: { origin: 'https://evil.example', 'content-type': form, accept: browserAccept },
        data: 'email=a%40example.com',
        maxRedirects: 0,
      });
      expect(response.status(), path).toBe(403);
      expect(response.headers()['content-type'], path).toBe('text/html; charset=utf-8');
      expect(response.headers()['cache-control'], path).toContain('no-store');
      expect(response.headers()['x-frame-options'], path).toBe('DENY');
      const html = await response.text();
      expect(html, path).toContain('<p role="alert">This request did not come from this site.</p>');
      expect(html, path).toContain('<a href="/login">Back to sign-in</a>');
      const json = await request.post(`${target.appUrl}${path}`, {
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        data: { email: 'a@example.com' },
        maxRedirects: 0,
      });
      expect(json.status(), path).toBe(403);
      expect(((await json.json()) as { error: { code: string } }).error.code, path).toBe('forbidden_origin');
    }
  });

  test('an organization form keeps its way back; an unreadable form body is an HTML 415', async ({
    request,
    target,
  }) => {
    const org = await request.post(`${target.appUrl}/api/auth/passwordless/org_01JEXAMPE0RG00000000000001`, {
      headers: { origin: 'https://evil.example', 'content-type': form, accept: browserAccept },
      data: 'email=a%40example.com',
      maxRedirects: 0,
    });
    expect(org.status()).toBe(403);
    expect(await org.text()).toContain(
      '<a href="/login?org=org_01JEXAMPE0RG00000000000001">Back to sign-in</a>',
    );
    const multipart = await request.post(`${target.appUrl}/api/auth/passwordless`, {
      headers: { origin: target.appUrl, accept: browserAccept },
      multipart: { email: 'a@example.com' },
      maxRedirects: 0,
    });
    expect(multipart.status()).toBe(415);
    expect(multipart.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(await multipart.text()).toContain('<a href="/login">Back to sign-in</a>');
  });

  test('opening a POST-only address in the browser shows a page, not JSON', async ({ page, target }) => {
    const response = await page.goto(`${target.appUrl}/api/auth/logout`);
    expect(response?.status()).toBe(405);
    await expect(page.getByRole('heading', { name: 'This address is not a page' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
});
